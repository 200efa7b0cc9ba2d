/**
 * Building blocks after the GOV.UK Design System: a page with its heading, notice and error
 * summary; text, passphrase, textarea and date fields with labels, hints and error messages;
 * buttons. No inline styles anywhere (the page's CSP forbids them): every look is a class in
 * src/web/styles/vault.css.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { useApp } from '../shell/context.js';
import { format } from '../shell/messages.js';
import type { StrengthAssessment } from '../../../vault/index.js';

import type { ErrorItem } from './form-errors.js';

export type { ErrorItem };

export function Page(props: {
  /** Fixed text for document.title; never diary content. */
  readonly title: string;
  /** The visible heading, when it differs from the title (it may hold diary text). */
  readonly heading?: string;
  readonly caption?: string;
  readonly errors?: readonly ErrorItem[];
  /** Changes on each failed submit, so the summary takes focus again. */
  readonly errorSeq?: number;
  readonly back?: () => void;
  readonly children: ComponentChildren;
}) {
  const { t, notice, moveFocus, install } = useApp();
  const heading = useRef<HTMLHeadingElement>(null);
  const noticeRef = useRef<HTMLDivElement>(null);
  const errors = props.errors ?? [];
  const hasErrors = errors.length > 0;
  // The installed app's tab and app-switcher title is its name alone, on every screen.
  const fixedTitle = install.mode?.name;

  useEffect(() => {
    const prefix = hasErrors ? t.common.titleErrorPrefix : '';
    document.title =
      fixedTitle !== undefined
        ? `${prefix}${fixedTitle}`
        : `${prefix}${props.title} – ${titleSuffix()}`;
  }, [props.title, hasErrors, t, fixedTitle]);

  // In the same task as the new screen is drawn, so focus never falls back to the page body.
  useLayoutEffect(() => {
    if (moveFocus) (noticeRef.current ?? heading.current)?.focus();
    // Only when the screen first shows.
  }, []);

  return (
    <div class="vault-page">
      {props.back && <BackLink onClick={props.back} />}
      {notice !== undefined && (
        <div class="notice notice--success" role="status" tabindex={-1} ref={noticeRef}>
          <p>{notice}</p>
        </div>
      )}
      {hasErrors && <ErrorSummary errors={errors} seq={props.errorSeq ?? 0} />}
      {props.caption !== undefined && <p class="caption">{props.caption}</p>}
      <h1 tabindex={-1} ref={heading}>
        {props.heading ?? props.title}
      </h1>
      {props.children}
    </div>
  );
}

let suffix: string | undefined;
/**
 * What follows a screen's title in the tab: the organisation's short name, which the shell
 * gives as `data-site-name` (the screen titles already say "diary" where they need to, so the
 * shell's own "Private diary" is not repeated).
 */
function titleSuffix(): string {
  suffix ??= document.getElementById('vault-app')?.dataset.siteName ?? document.title;
  return suffix;
}

function BackLink({ onClick }: { onClick: () => void }) {
  const { t } = useApp();
  return (
    <button type="button" class="back-link" onClick={onClick}>
      {t.common.back}
    </button>
  );
}

/** GOV.UK error summary: takes focus, links move to each field. */
export function ErrorSummary({ errors, seq }: { errors: readonly ErrorItem[]; seq: number }) {
  const { t } = useApp();
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    ref.current?.focus();
  }, [seq]);
  return (
    <div class="error-summary" tabindex={-1} ref={ref} aria-labelledby="error-summary-title">
      <div role="alert">
        <h2 class="error-summary__title" id="error-summary-title">
          {t.common.errorSummaryTitle}
        </h2>
        <ul class="error-summary__list">
          {errors.map((e) => (
            <li key={e.field + e.message}>
              <a
                href={`#${e.field}`}
                onClick={(event) => {
                  // Move to the field without touching the address (no hash in history).
                  event.preventDefault();
                  const target = document.getElementById(e.field);
                  target?.focus();
                  target?.scrollIntoView({ block: 'center' });
                }}
              >
                {e.message}
              </a>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

function ErrorMessage({ id, message }: { id: string; message: string }) {
  const { t } = useApp();
  return (
    <p class="error-message" id={id}>
      <span class="visually-hidden">{t.common.errorPrefix}</span> {message}
    </p>
  );
}

function describedBy(...ids: (string | false | undefined)[]): string | undefined {
  const list = ids.filter((id): id is string => typeof id === 'string' && id.length > 0);
  return list.length > 0 ? list.join(' ') : undefined;
}

interface InputAttributes {
  readonly autocomplete?: string;
  readonly inputMode?: 'numeric' | 'text';
  readonly spellcheck?: boolean;
  readonly autoCapitalize?: 'none' | 'sentences';
  readonly autoCorrect?: 'off' | 'on';
}

export function TextField(
  props: {
    readonly id: string;
    readonly label: string;
    readonly hint?: ComponentChildren;
    readonly error?: string | undefined;
    readonly value: string;
    readonly onInput: (value: string) => void;
    readonly width?: 'full' | 'half' | 'quarter';
    readonly labelClass?: string;
  } & InputAttributes,
) {
  const { id, label, hint, error, value, onInput, width = 'half', labelClass } = props;
  const hintId = hint !== undefined ? `${id}-hint` : undefined;
  const errorId = error !== undefined ? `${id}-error` : undefined;
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
      <input
        class={`input input--${width}${error !== undefined ? ' input--error' : ''}`}
        id={id}
        name={id}
        type="text"
        value={value}
        autocomplete={props.autocomplete}
        inputMode={props.inputMode}
        spellcheck={props.spellcheck}
        autoCapitalize={props.autoCapitalize}
        autoCorrect={props.autoCorrect}
        aria-describedby={describedBy(hintId, errorId)}
        aria-invalid={error !== undefined ? 'true' : undefined}
        onInput={(e) => onInput(e.currentTarget.value)}
      />
    </div>
  );
}

export function TextArea(props: {
  readonly id: string;
  readonly label: string;
  readonly hint?: string;
  readonly error?: string | undefined;
  readonly value: string;
  readonly onInput: (value: string) => void;
  readonly rows?: number;
}) {
  const { id, label, hint, error, value, onInput, rows = 8 } = props;
  const hintId = hint !== undefined ? `${id}-hint` : undefined;
  const errorId = error !== undefined ? `${id}-error` : undefined;
  return (
    <div class={`form-group${error !== undefined ? ' form-group--error' : ''}`}>
      <label class="label" for={id}>
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
      <textarea
        class={`textarea${error !== undefined ? ' textarea--error' : ''}`}
        id={id}
        name={id}
        rows={rows}
        value={value}
        aria-describedby={describedBy(hintId, errorId)}
        aria-invalid={error !== undefined ? 'true' : undefined}
        onInput={(e) => onInput(e.currentTarget.value)}
      />
    </div>
  );
}

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

export interface DateParts {
  readonly day: string;
  readonly month: string;
  readonly year: string;
}

/** GOV.UK date input: day, month and year as separate numeric text fields. */
export function DateField(props: {
  readonly id: string;
  readonly legend: string;
  readonly hint: string;
  readonly error?: string | undefined;
  readonly value: DateParts;
  readonly onInput: (value: DateParts) => void;
}) {
  const { t } = useApp();
  const { id, legend, hint, error, value, onInput } = props;
  const hintId = `${id}-hint`;
  const errorId = error !== undefined ? `${id}-error` : undefined;
  const part = (name: keyof DateParts, label: string, width: string) => (
    <div class="date-input__item">
      <label class="date-input__label" for={`${id}-${name}`}>
        {label}
      </label>
      <input
        class={`input date-input__input date-input__input--${width}${error !== undefined ? ' input--error' : ''}`}
        id={`${id}-${name}`}
        name={`${id}-${name}`}
        type="text"
        inputMode="numeric"
        autocomplete="off"
        value={value[name]}
        aria-invalid={error !== undefined ? 'true' : undefined}
        onInput={(e) => onInput({ ...value, [name]: e.currentTarget.value })}
      />
    </div>
  );
  return (
    <div class={`form-group${error !== undefined ? ' form-group--error' : ''}`}>
      <fieldset role="group" aria-describedby={describedBy(hintId, errorId)}>
        <legend class="fieldset-legend">{legend}</legend>
        <div class="hint" id={hintId}>
          {hint}
        </div>
        {error !== undefined && errorId !== undefined && (
          <ErrorMessage id={errorId} message={error} />
        )}
        <div class="date-input">
          {part('day', t.note.day, '2')}
          {part('month', t.note.month, '2')}
          {part('year', t.note.year, '4')}
        </div>
      </fieldset>
    </div>
  );
}

export function Button(props: {
  readonly children: ComponentChildren;
  readonly onClick?: () => void;
  readonly type?: 'button' | 'submit';
  readonly variant?: 'primary' | 'secondary' | 'warning' | 'start';
  readonly large?: boolean;
  readonly disabled?: boolean;
  readonly describedBy?: string;
}) {
  const { variant = 'primary', type = 'button' } = props;
  return (
    <button
      type={type}
      class={`button${variant === 'primary' ? '' : ` button--${variant}`}${props.large === true ? ' button--large' : ''}`}
      disabled={props.disabled}
      aria-describedby={props.describedBy}
      onClick={props.onClick}
    >
      {props.children}
    </button>
  );
}

/** An in-app link: a button that looks like a link, since routing never touches the address. */
export function LinkButton(props: {
  readonly children: ComponentChildren;
  readonly onClick: () => void;
  readonly class?: string;
  readonly label?: string;
}) {
  return (
    <button
      type="button"
      class={`link-button${props.class !== undefined ? ` ${props.class}` : ''}`}
      aria-label={props.label}
      onClick={props.onClick}
    >
      {props.children}
    </button>
  );
}

/**
 * The body of every "Delete this …?" screen: the GOV.UK warning text, a status line while it
 * works, the red confirm button (its id is what an error summary links to) and a way back.
 */
export function ConfirmDelete(props: {
  readonly warning: ComponentChildren;
  readonly busy: boolean;
  readonly busyMessage: string;
  readonly confirm: string;
  readonly keep: string;
  readonly onConfirm: () => void;
  readonly onKeep: () => void;
  readonly id?: string;
  /** Set on the warning for tests and styles: how many entries name what is deleted. */
  readonly named?: number;
}) {
  return (
    <>
      <div class="warning-text" data-named={props.named}>
        <span class="warning-text__icon" aria-hidden="true">
          !
        </span>
        <strong class="warning-text__text">{props.warning}</strong>
      </div>
      <Busy message={props.busy ? props.busyMessage : undefined} />
      <div class="button-group">
        <button
          type="button"
          id={props.id ?? 'confirm-delete'}
          class="button button--warning"
          disabled={props.busy}
          onClick={props.onConfirm}
        >
          {props.confirm}
        </button>
        <LinkButton onClick={props.onKeep}>{props.keep}</LinkButton>
      </div>
    </>
  );
}

/** A status line for slow work (key derivation), announced politely; empty when idle. */
export function Busy({ message }: { message: string | undefined }) {
  return (
    <div class="busy" role="status">
      {message !== undefined && (
        <p class="busy__message">
          <span class="busy__spinner" aria-hidden="true" />
          {message}
        </p>
      )}
    </div>
  );
}

/** An error that belongs to no single field (network, server), shown in the summary. */
export function useSubmitErrors(): {
  errors: ErrorItem[];
  seq: number;
  show: (errors: ErrorItem[]) => void;
  clear: () => void;
} {
  const [state, setState] = useState<{ errors: ErrorItem[]; seq: number }>({ errors: [], seq: 0 });
  return {
    errors: state.errors,
    seq: state.seq,
    show: (errors) => setState((s) => ({ errors, seq: s.seq + 1 })),
    clear: () => setState((s) => ({ errors: [], seq: s.seq })),
  };
}

/**
 * True while the screen is still on the page. Slow work (key derivation, a backup) checks it
 * before acting on its result: a lock remounts the app, and leaving a screen unmounts it, so a
 * result that arrives afterwards must be dropped (and its keys wiped), not acted on.
 */
export function useLive(): { readonly current: boolean } {
  const live = useRef(true);
  useEffect(
    () => () => {
      live.current = false;
    },
    [],
  );
  return live;
}

/**
 * Lets the browser paint (a busy message) before a long synchronous step such as Argon2id.
 * Falls back to a timer when animation frames are paused (a hidden tab).
 */
export function nextPaint(): Promise<void> {
  return new Promise((resolve) => {
    let done = false;
    const finish = (): void => {
      if (!done) {
        done = true;
        resolve();
      }
    };
    requestAnimationFrame(() => setTimeout(finish, 0));
    setTimeout(finish, 100);
  });
}
