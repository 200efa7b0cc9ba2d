/**
 * "Ask a witness" (the person's side, docs/vault-protocol.md §15.5): new accounts from witnesses
 * (opened in this browser) to keep in the diary, linked to an incident if the person chooses;
 * the accounts already kept, with their links; the person's witness links with Stop and Block;
 * and the form that makes a new link, shown once made with a Copy button. What a witness wrote
 * is shown as they wrote it and never edited: links to incidents are the person's own part.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { AccountKeyPair } from '../../../crypto/index.js';
import type { Incident } from '../../../domain/diary/index.js';
import {
  WITNESS_LIMITS,
  type WitnessStatement,
  type WitnessStatementRecord,
} from '../../../domain/witness.js';
import {
  blockWitnessInvitation,
  createWitnessInvitation,
  deleteFiledStatement,
  ensureAccountKeyPair,
  fileWitnessStatement,
  keepWitnessFiles,
  listFiledWitnessStatements,
  setIncidentLink,
  listWitnessInvitations,
  openWitnessStatements,
  revokeWitnessInvitation,
  updateFiledStatement,
  WITNESS_DEFAULT_DAYS,
  type DecryptedRecord,
  type OpenedInvitation,
  type OpenedStatement,
} from '../../../vault/index.js';
import {
  Busy,
  Button,
  ConfirmDelete,
  Page,
  TextArea,
  TextField,
  useSubmitErrors,
  type ErrorItem,
} from '../components/ui.js';
import { formatLocalDate, formatZonedWhen, Select, useDiary } from '../diary/diary-ui.js';
import { useApp } from '../shell/context.js';
import { describeError } from '../shell/errors.js';
import { format } from '../shell/messages.js';
import { WITNESS_MESSAGES } from './messages.js';
import { WitnessFiles } from './witness-files.js';
import './witness.css';

interface Loaded {
  readonly keyPair: AccountKeyPair;
  readonly invitations: OpenedInvitation[];
  readonly fresh: OpenedStatement[];
  readonly kept: DecryptedRecord<WitnessStatementRecord>[];
  readonly unreadable: number;
}

type Load =
  | { readonly kind: 'loading' }
  | { readonly kind: 'failed'; readonly message: string }
  | { readonly kind: 'loaded'; readonly value: Loaded };

type Step =
  | { readonly kind: 'list' }
  | { readonly kind: 'manage'; readonly record: DecryptedRecord<WitnessStatementRecord> }
  | { readonly kind: 'new' }
  | { readonly kind: 'made'; readonly link: string };

export function WitnessScreen() {
  const app = useApp();
  const { t, locale, api, session, revisions, navigate } = app;
  /** Links a kept statement's evidence items to an incident too, so a report shows them. */
  const linkFiles = async (incidentId: string, evidenceIds: readonly string[] = []) => {
    if (incidentId === '') return;
    for (const id of evidenceIds) await setIncidentLink(app, incidentId, id, true);
  };
  const m = WITNESS_MESSAGES[locale];
  const [step, setStep] = useState<Step>({ kind: 'list' });
  const [flash, setFlash] = useState<string | undefined>(undefined);
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const diary = useDiary();
  const incidents =
    diary.state.kind === 'loaded'
      ? (diary.state.data.incidents as DecryptedRecord<Incident>[])
      : [];

  useEffect(() => {
    let live = true;
    setLoad({ kind: 'loading' });
    (async (): Promise<Loaded> => {
      const keyPair = await ensureAccountKeyPair(api, session.accountKey);
      const invitations = await listWitnessInvitations(api, keyPair);
      const filed = await listFiledWitnessStatements(api, session.accountKey, revisions);
      const keptIds = new Set(filed.records.map((r) => r.value.statementId));
      const opened = await openWitnessStatements(api, keyPair, keptIds);
      const fresh: OpenedStatement[] = [];
      let unreadable = filed.unreadable;
      for (const s of opened) {
        if (s.ok) fresh.push(s);
        else unreadable++;
      }
      return { keyPair, invitations, fresh, kept: filed.records, unreadable };
    })().then(
      (value) => {
        if (live) setLoad({ kind: 'loaded', value });
      },
      (e: unknown) => {
        if (live) setLoad({ kind: 'failed', message: describeError(t, e) });
      },
    );
    return () => {
      live = false;
    };
  }, [attempt]);

  const reload = () => setAttempt((a) => a + 1);

  if (step.kind === 'new' && load.kind === 'loaded') {
    return (
      <InvitationForm
        keyPair={load.value.keyPair}
        incidents={incidents}
        onBack={() => setStep({ kind: 'list' })}
        onMade={(link) => setStep({ kind: 'made', link })}
      />
    );
  }
  if (step.kind === 'manage') {
    return (
      <ManageStatement
        record={step.record}
        incidents={incidents}
        label={
          load.kind === 'loaded'
            ? (load.value.invitations.find((i) => i.id === step.record.value.invitationId)?.label ??
              undefined)
            : undefined
        }
        onBack={() => setStep({ kind: 'list' })}
        onDone={(message) => {
          setFlash(message);
          setStep({ kind: 'list' });
          reload();
        }}
      />
    );
  }
  if (step.kind === 'made') {
    return (
      <MadeLink
        link={step.link}
        onBack={() => {
          setStep({ kind: 'list' });
          reload();
        }}
      />
    );
  }

  const labelOf = (invitationId: string): string | undefined =>
    load.kind === 'loaded'
      ? (load.value.invitations.find((i) => i.id === invitationId)?.label ?? undefined)
      : undefined;

  return (
    <Page key="list" title={m.title} back={() => navigate({ name: 'home' })}>
      <p>{m.lede}</p>
      {flash !== undefined && (
        <p class="notice" role="status">
          {flash}
        </p>
      )}
      <Busy message={load.kind === 'loading' ? m.loading : undefined} />
      {load.kind === 'failed' && (
        <div class="notice notice--error" role="alert">
          <p>
            {m.loadFailed} {load.message}
          </p>
          <Button variant="secondary" onClick={reload}>
            {m.retry}
          </Button>
        </div>
      )}
      {load.kind === 'loaded' && (
        <>
          <Button onClick={() => setStep({ kind: 'new' })}>{m.newLink}</Button>
          {load.value.unreadable > 0 && <p class="notice">{m.unreadable}</p>}
          <section aria-labelledby="witness-new-title">
            <h2 class="heading-m" id="witness-new-title">
              {m.newTitle}
            </h2>
            {load.value.fresh.length === 0 ? <p>{m.newEmpty}</p> : <p class="hint">{m.newHint}</p>}
            {load.value.fresh.map((s) => (
              <StatementItem
                key={s.id}
                id={s.id}
                statement={s.statement}
                receivedAt={s.receivedAt}
                label={labelOf(s.invitationId)}
                incidents={incidents}
                linked={[]}
                suggested={load.value.invitations.find((i) => i.id === s.invitationId)?.incidentId}
                action={m.statement.keep}
                onAction={async (incidentId) => {
                  // The files become evidence items first (their uploads are already here).
                  const evidenceIds = await keepWitnessFiles(
                    { api, accountKey: () => session.accountKey, revisions },
                    s.statement,
                    s.receivedAt,
                  );
                  await fileWitnessStatement(api, session.accountKey, s, {
                    incidentIds: incidentId === '' ? [] : [incidentId],
                    evidenceIds,
                  });
                  await linkFiles(incidentId, evidenceIds);
                  reload();
                }}
              />
            ))}
          </section>
          <section aria-labelledby="witness-kept-title">
            <h2 class="heading-m" id="witness-kept-title">
              {m.keptTitle}
            </h2>
            {load.value.kept.length === 0 && <p>{m.keptEmpty}</p>}
            {load.value.kept.map((r) => (
              <StatementItem
                key={r.id}
                id={r.id}
                statement={r.value.statement}
                receivedAt={r.value.receivedAt}
                label={labelOf(r.value.invitationId)}
                incidents={incidents}
                linked={r.value.incidentIds}
                suggested={undefined}
                action={m.statement.linkTo}
                note={r.value.note}
                needsIncident
                onManage={() => {
                  setFlash(undefined);
                  setStep({ kind: 'manage', record: r });
                }}
                onAction={async (incidentId) => {
                  if (incidentId === '' || r.value.incidentIds.includes(incidentId)) return;
                  const response = await api.getRecord(r.id);
                  await updateFiledStatement(
                    api,
                    session.accountKey,
                    { record: r, response },
                    { incidentIds: [...r.value.incidentIds, incidentId], note: r.value.note },
                  );
                  await linkFiles(incidentId, r.value.evidenceIds);
                  reload();
                }}
              />
            ))}
          </section>
          <section aria-labelledby="witness-links-title">
            <h2 class="heading-m" id="witness-links-title">
              {m.linksTitle}
            </h2>
            {load.value.invitations.length === 0 && <p>{m.linksEmpty}</p>}
            {load.value.invitations.map((i) => (
              <InvitationItem
                key={i.id}
                invitation={i}
                keptIds={new Set(load.value.kept.map((r) => r.value.statementId))}
                keyPair={load.value.keyPair}
                onChanged={reload}
              />
            ))}
          </section>
        </>
      )}
    </Page>
  );
}

function incidentLabel(
  t: ReturnType<typeof useApp>['t'],
  locale: ReturnType<typeof useApp>['locale'],
  incident: DecryptedRecord<Incident>,
): string {
  const what = incident.value.what.trim();
  const short = what.length > 60 ? `${what.slice(0, 57)}…` : what;
  return `${formatZonedWhen(t, locale, incident.value.when)}: ${short}`;
}

function StatementItem(props: {
  id: string;
  statement: WitnessStatement;
  receivedAt: string;
  label: string | undefined;
  incidents: readonly DecryptedRecord<Incident>[];
  linked: readonly string[];
  suggested: string | undefined;
  action: string;
  /** The action needs an incident chosen (linking): hidden when there is none to choose. */
  needsIncident?: boolean;
  onAction: (incidentId: string) => Promise<void>;
  /** A kept statement: opens its note and delete screen. */
  onManage?: () => void;
  /** The person's own note, shown apart from the witness's words. */
  note?: string;
}) {
  const { t, locale, formatTimestamp } = useApp();
  const m = WITNESS_MESSAGES[locale].statement;
  const s = props.statement;
  const [pick, setPick] = useState(props.suggested ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  const row = (key: string, dt: string, dd: preact.ComponentChildren) => (
    <div class="summary-list__row" data-row={key}>
      <dt>{dt}</dt>
      <dd>{dd}</dd>
    </div>
  );
  const when = `${s.when.approximate ? `${m.about} ` : ''}${formatLocalDate(locale, s.when.date)}${
    s.when.time !== undefined ? ` ${s.when.time}` : ''
  }`;
  const linkedNames = props.linked
    .map((id) => props.incidents.find((i) => i.id === id))
    .filter((i): i is DecryptedRecord<Incident> => i !== undefined)
    .map((i) => incidentLabel(t, locale, i));
  const options = [
    { value: '', label: m.none },
    ...props.incidents
      .filter((i) => !props.linked.includes(i.id))
      .map((i) => ({ value: i.id, label: incidentLabel(t, locale, i) })),
  ];
  return (
    <article class="witness-statement" data-witness-statement={props.id}>
      <p class="tag">{WITNESS_MESSAGES[locale].fromWitness}</p>
      <dl class="summary-list">
        {props.label !== undefined && row('link', m.link, props.label)}
        {row('received', m.received, formatTimestamp(props.receivedAt))}
        {row('when', m.when, when)}
        {s.where !== '' && row('where', m.where, s.where)}
        {s.saw !== '' && row('saw', m.saw, <span class="witness-words">{s.saw}</span>)}
        {s.said !== '' && row('said', m.said, <span class="witness-words">{s.said}</span>)}
        {s.howKnown !== '' && row('howKnown', m.howKnown, s.howKnown)}
        {s.name !== undefined && row('name', m.name, s.name)}
        {s.contact !== undefined && row('contact', m.contact, s.contact)}
        {props.note !== undefined &&
          props.note !== '' &&
          row('note', WITNESS_MESSAGES[locale].manage.noteLabel, props.note)}
        {row(
          'incidents',
          m.incidents,
          linkedNames.length === 0 ? m.noIncidents : linkedNames.join('; '),
        )}
      </dl>
      <p>{format(m.declaration, { date: formatLocalDate(locale, s.declaration.date) })}</p>
      {s.files !== undefined && (
        <WitnessFiles files={s.files} kept={props.onManage !== undefined} />
      )}
      {options.length > 1 && (
        <Select
          id={`witness-pick-${props.id}`}
          label={m.pick}
          options={options}
          value={pick}
          onChange={setPick}
        />
      )}
      {error !== undefined && (
        <p class="error-message" role="alert">
          {error}
        </p>
      )}
      {(props.needsIncident !== true || options.length > 1) && (
        <Button
          variant="secondary"
          disabled={busy}
          onClick={() => {
            setBusy(true);
            setError(undefined);
            props.onAction(pick).then(
              () => setBusy(false),
              (e: unknown) => {
                setBusy(false);
                setError(describeError(t, e));
              },
            );
          }}
        >
          {props.action}
        </Button>
      )}
      {props.onManage !== undefined && (
        <Button variant="secondary" onClick={props.onManage}>
          {WITNESS_MESSAGES[locale].manage.open}
        </Button>
      )}
    </article>
  );
}

/**
 * One kept statement: the person's own note (saved as a new revision; the witness's words are
 * copied from the record, never from this form) and deleting it (the record and the sealed copy
 * on the server), with what deleting does and does not undo said plainly.
 */
function ManageStatement(props: {
  record: DecryptedRecord<WitnessStatementRecord>;
  incidents: readonly DecryptedRecord<Incident>[];
  label: string | undefined;
  onBack: () => void;
  onDone: (message: string) => void;
}) {
  const app = useApp();
  const { t, locale, api, session } = app;
  const m = WITNESS_MESSAGES[locale];
  const mm = m.manage;
  const r = props.record;
  const [note, setNote] = useState(r.value.note);
  const [busy, setBusy] = useState<string | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [noteError, setNoteError] = useState<string | undefined>(undefined);
  const [confirming, setConfirming] = useState(false);
  const run = (message: string, work: () => Promise<void>, done: string) => {
    setBusy(message);
    setError(undefined);
    work().then(
      () => {
        setBusy(undefined);
        props.onDone(done);
      },
      (e: unknown) => {
        setBusy(undefined);
        setError(describeError(t, e));
      },
    );
  };
  return (
    <Page key="manage" title={mm.title} back={props.onBack}>
      <StatementItem
        id={r.id}
        statement={r.value.statement}
        receivedAt={r.value.receivedAt}
        label={props.label}
        incidents={props.incidents}
        linked={r.value.incidentIds}
        suggested={undefined}
        action={m.statement.linkTo}
        needsIncident
        onAction={async (incidentId) => {
          if (incidentId === '' || r.value.incidentIds.includes(incidentId)) return;
          const response = await api.getRecord(r.id);
          await updateFiledStatement(
            api,
            session.accountKey,
            { record: r, response },
            { incidentIds: [...r.value.incidentIds, incidentId], note: r.value.note },
          );
          for (const id of r.value.evidenceIds ?? []) {
            await setIncidentLink(app, incidentId, id, true);
          }
          props.onDone(m.statement.linked);
        }}
      />
      {error !== undefined && (
        <p class="error-message" role="alert">
          {error}
        </p>
      )}
      <Busy message={busy} />
      <form
        class="witness-note"
        onSubmit={(e) => {
          e.preventDefault();
          if (note.length > WITNESS_LIMITS.note) {
            setNoteError(mm.noteTooLong);
            return;
          }
          setNoteError(undefined);
          run(
            mm.saving,
            async () => {
              const response = await api.getRecord(r.id);
              await updateFiledStatement(
                api,
                session.accountKey,
                { record: r, response },
                { incidentIds: r.value.incidentIds, note },
              );
            },
            mm.saved,
          );
        }}
      >
        <TextArea
          id="witness-note"
          label={mm.noteLabel}
          hint={mm.noteHint}
          value={note}
          onInput={setNote}
          rows={5}
          error={noteError}
        />
        <Button type="submit" disabled={busy !== undefined}>
          {mm.save}
        </Button>
      </form>
      <section aria-labelledby="witness-delete-title">
        <h2 class="heading-m" id="witness-delete-title">
          {mm.deleteTitle}
        </h2>
        <p>{mm.deleteText}</p>
        {confirming ? (
          <ConfirmDelete
            id="witness-delete-confirm"
            warning={mm.deleteWarning}
            busy={busy !== undefined}
            busyMessage={mm.deleting}
            confirm={mm.confirm}
            keep={mm.keepIt}
            onKeep={() => setConfirming(false)}
            onConfirm={() =>
              run(
                mm.deleting,
                () => deleteFiledStatement(api, r.id, r.value.statementId),
                mm.deleted,
              )
            }
          />
        ) : (
          <Button variant="warning" onClick={() => setConfirming(true)}>
            {mm.deleteButton}
          </Button>
        )}
      </section>
    </Page>
  );
}

function InvitationItem(props: {
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

function InvitationForm(props: {
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

function MadeLink(props: { link: string; onBack: () => void }) {
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
