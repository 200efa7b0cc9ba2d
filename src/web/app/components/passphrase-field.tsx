/**
 * A passphrase input with a Show/Hide button and, for a new passphrase, strength feedback that
 * explains itself and is announced without chattering while the person types. Split from
 * ui.tsx; the error message and describedby come from fields.tsx.
 */
import { useEffect, useState } from 'preact/hooks';
import { useApp } from '../shell/context.js';
import { format } from '../shell/messages.js';
import type { StrengthAssessment } from '../../../vault/index.js';

import { describedBy, ErrorMessage } from './fields.js';

/**
 * A passphrase input with a Show/Hide button (after GOV.UK's password input) and, for a new
 * passphrase, strength feedback that explains itself.
 */
export function PassphraseField(props: {
  readonly id: string;
  readonly label: string;
  readonly hint?: string;
  readonly error?: string | undefined;
  readonly value: string;
  readonly onInput: (value: string) => void;
  readonly autocomplete: 'current-password' | 'new-password';
  readonly strength?: StrengthAssessment | undefined;
  readonly labelClass?: string;
}) {
  const { t } = useApp();
  const { id, label, hint, error, value, onInput, autocomplete, strength, labelClass } = props;
  const [shown, setShown] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const hintId = hint !== undefined ? `${id}-hint` : undefined;
  const errorId = error !== undefined ? `${id}-error` : undefined;
  const strengthId = strength !== undefined && value.length > 0 ? `${id}-strength` : undefined;
  return (
    <div class={`form-group${error !== undefined ? ' form-group--error' : ''}`}>
      <label class={labelClass ?? 'label'} for={id}>
        {label}
      </label>
      {hint !== undefined && (
        <div class="hint" id={hintId}>
          {hint}
        </div>
      )}
      {error !== undefined && errorId !== undefined && (
        <ErrorMessage id={errorId} message={error} />
      )}
      <div class="password-input">
        <input
          class={`input password-input__input${error !== undefined ? ' input--error' : ''}`}
          id={id}
          name={id}
          {...(shown ? { type: 'text' as const } : { type: 'password' as const })}
          value={value}
          autocomplete={autocomplete}
          spellcheck={false}
          autoCapitalize="none"
          autoCorrect="off"
          aria-describedby={describedBy(hintId, errorId, strengthId)}
          aria-invalid={error !== undefined ? 'true' : undefined}
          onInput={(e) => onInput(e.currentTarget.value)}
        />
        <button
          type="button"
          class="button button--secondary password-input__toggle"
          aria-controls={id}
          aria-label={shown ? t.common.hidePassphraseLabel : t.common.showPassphraseLabel}
          onClick={() => {
            setShown(!shown);
            setAnnouncement(shown ? t.common.passphraseHidden : t.common.passphraseShown);
          }}
        >
          {shown ? t.common.hidePassphrase : t.common.showPassphrase}
        </button>
      </div>
      <div class="visually-hidden" aria-live="polite">
        {announcement}
      </div>
      {strength !== undefined && strengthId !== undefined && (
        <StrengthFeedback id={strengthId} assessment={strength} />
      )}
    </div>
  );
}

function StrengthFeedback({ id, assessment }: { id: string; assessment: StrengthAssessment }) {
  const { t } = useApp();
  const s = t.strength;
  const level = s.level[assessment.level];
  const lengthText =
    assessment.length === 1 ? s.lengthOne : format(s.length, { n: assessment.length });
  const kinds = assessment.kinds.map((k) => s.kind[k]).join(', ');
  return (
    <div class={`strength strength--${assessment.level}`}>
      <div class="strength__meter" aria-hidden="true">
        <span class="strength__bar" />
      </div>
      <div id={id}>
        <p class="strength__summary">{format(s.summary, { level })}</p>
        <p class="strength__facts">
          {lengthText}{' '}
          {assessment.words >= 2 && assessment.kinds.includes('space')
            ? `${format(s.words, { n: assessment.words })} `
            : ''}
          {kinds.length > 0 ? format(s.uses, { kinds }) : ''}
        </p>
        {assessment.issues.length > 0 && (
          <ul class="strength__issues">
            {assessment.issues.map((issue) => (
              <li key={issue}>{s.issue[issue]}</li>
            ))}
          </ul>
        )}
        {assessment.acceptable && <p class="strength__ok">{s.ok}</p>}
        {assessment.level !== 'strong' && <p class="strength__tip">{s.tipLonger}</p>}
      </div>
      {/* Announced only when the level changes, not on every key press. */}
      <div class="visually-hidden" aria-live="polite">
        <LevelAnnouncement text={format(s.summary, { level })} />
      </div>
    </div>
  );
}

/** Holds the last announced text until it actually changes, so typing does not chatter. */
function LevelAnnouncement({ text }: { text: string }) {
  const [said, setSaid] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setSaid(text), 600);
    return () => clearTimeout(timer);
  }, [text]);
  return <>{said}</>;
}
