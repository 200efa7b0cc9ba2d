/**
 * The person's witness links: one in the list (with Stop and Block), the form that makes a new
 * one, and the made link shown once with a Copy button. Split from witness-screen.tsx, which only
 * loads and lays out the lists.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { AccountKeyPair } from '../../../crypto/index.js';
import type { Incident } from '../../../domain/diary/index.js';
import {
  blockWitnessInvitation,
  createWitnessInvitation,
  revokeWitnessInvitation,
  WITNESS_DEFAULT_DAYS,
  type DecryptedRecord,
  type OpenedInvitation,
} from '../../../vault/index.js';
import { TextField } from '../components/fields.js';
import { Busy, Button, Page, useSubmitErrors, type ErrorItem } from '../components/ui.js';
import { Select } from '../diary/diary-ui.js';
import { useApp } from '../shell/context.js';
import { describeError } from '../shell/errors.js';
import { format } from '../shell/messages.js';
import { WITNESS_MESSAGES } from './messages.js';
import { incidentLabel } from './witness-statements.js';

export function InvitationItem(props: {
  invitation: OpenedInvitation;
  keptIds: ReadonlySet<string>;
  keyPair: AccountKeyPair;
  onChanged: () => void;
}) {
  const { t, locale, api, formatTimestamp } = useApp();
  const m = WITNESS_MESSAGES[locale].item;
  const i = props.invitation;
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  const ask = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (confirming) ask.current?.focus();
  }, [confirming]);
  const run = (work: () => Promise<unknown>) => {
    setBusy(true);
    setError(undefined);
    work().then(
      () => {
        setBusy(false);
        setConfirming(false);
        props.onChanged();
      },
      (e: unknown) => {
        setBusy(false);
        setError(describeError(t, e));
      },
    );
  };
  const stateWord = m[i.state];
  return (
    <article class="witness-link" data-witness-link={i.id} data-state={i.state}>
      <h3 class="heading-s">{i.label ?? m.unknownLabel}</h3>
      <dl class="summary-list">
        <div class="summary-list__row" data-row="state">
          <dt>{m.state}</dt>
          <dd>{stateWord}</dd>
        </div>
        <div class="summary-list__row" data-row="count">
          <dt>{m.count}</dt>
          <dd>{format(m.countValue, { n: i.statements, max: i.maxStatements })}</dd>
        </div>
        <div class="summary-list__row" data-row="until">
          <dt>{m.until}</dt>
          <dd>{formatTimestamp(i.revokedAt ?? i.expiresAt)}</dd>
        </div>
      </dl>
      {error !== undefined && (
        <p class="error-message" role="alert">
          {error}
        </p>
      )}
      {busy && <p role="status">{m.working}</p>}
      {(i.state === 'active' || i.state === 'full') && !confirming && (
        <div class="button-group">
          <Button
            variant="secondary"
            disabled={busy}
            onClick={() => run(() => revokeWitnessInvitation(api, i.id))}
          >
            {m.revoke}
          </Button>
          <Button variant="warning" disabled={busy} onClick={() => setConfirming(true)}>
            {m.block}
          </Button>
        </div>
      )}
      {(i.state === 'active' || i.state === 'full') && !confirming && (
        <p class="hint">{m.blockHint}</p>
      )}
      {confirming && (
        <div class="witness-confirm" tabindex={-1} ref={ask}>
          <p>
            <strong>{m.blockConfirm}</strong>
          </p>
          <div class="button-group">
            <Button
              variant="warning"
              disabled={busy}
              onClick={() =>
                run(() => blockWitnessInvitation(api, i.id, props.keptIds, props.keyPair))
              }
            >
              {m.blockYes}
            </Button>
            <Button variant="secondary" disabled={busy} onClick={() => setConfirming(false)}>
              {m.blockNo}
            </Button>
          </div>
        </div>
      )}
    </article>
  );
}

export function InvitationForm(props: {
  keyPair: AccountKeyPair;
  incidents: readonly DecryptedRecord<Incident>[];
  onBack: () => void;
  onMade: (link: string) => void;
}) {
  const { t, locale, api } = useApp();
  const m = WITNESS_MESSAGES[locale].form;
  const [label, setLabel] = useState('');
  const [incident, setIncident] = useState('');
  const [days, setDays] = useState(String(WITNESS_DEFAULT_DAYS));
  const [count, setCount] = useState('1');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | undefined>(undefined);
  const submit = useSubmitErrors();
  const fieldError = (field: string) => submit.errors.find((e) => e.field === field)?.message;

  const make = () => {
    const errors: ErrorItem[] = [];
    const name = label.trim();
    if (name === '') errors.push({ field: 'witness-label', message: m.errors.labelMissing });
    else if (name.length > 200)
      errors.push({ field: 'witness-label', message: m.errors.labelLong });
    const d = /^\d{1,2}$/.test(days.trim()) ? Number(days.trim()) : NaN;
    if (!(d >= 1 && d <= 90)) errors.push({ field: 'witness-days', message: m.errors.daysBad });
    const c = /^\d{1,2}$/.test(count.trim()) ? Number(count.trim()) : NaN;
    if (!(c >= 1 && c <= 20)) errors.push({ field: 'witness-count', message: m.errors.countBad });
    if (errors.length > 0) {
      submit.show(errors);
      return;
    }
    submit.clear();
    setBusy(true);
    setFailure(undefined);
    createWitnessInvitation(api, props.keyPair, {
      label: name,
      incidentId: incident === '' ? undefined : incident,
      maxStatements: c,
      expiresInSeconds: d * 24 * 3600,
      origin: location.origin,
      prefix: locale === 'cy' ? '/cy' : '',
    }).then(
      (made) => props.onMade(made.link),
      (e: unknown) => {
        setBusy(false);
        setFailure(describeError(t, e));
      },
    );
  };

  return (
    <Page
      key="new"
      title={m.title}
      back={props.onBack}
      errors={submit.errors}
      errorSeq={submit.seq}
    >
      <form
        novalidate
        onSubmit={(e) => {
          e.preventDefault();
          if (!busy) make();
        }}
      >
        <TextField
          id="witness-label"
          label={m.label}
          hint={m.labelHint}
          value={label}
          onInput={setLabel}
          error={fieldError('witness-label')}
          autocomplete="off"
          width="full"
        />
        <Select
          id="witness-incident"
          label={m.incident}
          hint={m.incidentHint}
          options={[
            { value: '', label: m.noIncident },
            ...props.incidents.map((i) => ({ value: i.id, label: incidentLabel(t, locale, i) })),
          ]}
          value={incident}
          onChange={setIncident}
        />
        <TextField
          id="witness-days"
          label={m.days}
          hint={m.daysHint}
          value={days}
          onInput={setDays}
          error={fieldError('witness-days')}
          inputMode="numeric"
          autocomplete="off"
          width="quarter"
        />
        <TextField
          id="witness-count"
          label={m.count}
          hint={m.countHint}
          value={count}
          onInput={setCount}
          error={fieldError('witness-count')}
          inputMode="numeric"
          autocomplete="off"
          width="quarter"
        />
        {failure !== undefined && (
          <div class="notice notice--error" role="alert">
            <p>{failure}</p>
          </div>
        )}
        <Busy message={busy ? m.creating : undefined} />
        <Button type="submit" disabled={busy}>
          {m.create}
        </Button>
      </form>
    </Page>
  );
}

export function MadeLink(props: { link: string; onBack: () => void }) {
  const { locale } = useApp();
  const m = WITNESS_MESSAGES[locale].made;
  const [copied, setCopied] = useState(false);
  return (
    <Page key="made" title={m.title}>
      <p>{m.lede}</p>
      <p>
        <code class="share-link" data-witness-made-link="">
          {props.link}
        </code>
      </p>
      <div class="warning-text">
        <span class="warning-text__icon" aria-hidden="true">
          !
        </span>
        <strong class="warning-text__text">{m.warning}</strong>
      </div>
      <div class="button-group">
        <Button
          variant="secondary"
          onClick={() => {
            navigator.clipboard.writeText(props.link).then(
              () => setCopied(true),
              () => setCopied(false),
            );
          }}
        >
          {m.copy}
        </Button>
        <Button onClick={props.onBack}>{m.back}</Button>
      </div>
      <p role="status">{copied ? m.copied : ''}</p>
    </Page>
  );
}
