/**
 * A witness's statement in the person's list (new or kept, with its files and the incident to
 * link it to) and the screen that manages a kept one (note, links, delete). What a witness wrote
 * is shown as they wrote it and never edited: links to incidents are the person's own part.
 * Split from witness-screen.tsx, which only loads and lays out the lists.
 */
import { useState } from 'preact/hooks';
import type { Incident } from '../../../domain/diary/index.js';
import {
  WITNESS_LIMITS,
  type WitnessStatement,
  type WitnessStatementRecord,
} from '../../../domain/witness.js';
import {
  deleteFiledStatement,
  setIncidentLink,
  updateFiledStatement,
  type DecryptedRecord,
} from '../../../vault/index.js';
import { TextArea } from '../components/fields.js';
import { Busy, Button, ConfirmDelete, Page } from '../components/ui.js';
import { formatLocalDate, formatZonedWhen, Select } from '../diary/diary-ui.js';
import { useApp } from '../shell/context.js';
import { describeError } from '../shell/errors.js';
import { format } from '../shell/messages.js';
import { WITNESS_MESSAGES } from './messages.js';
import { WitnessFiles } from './witness-files.js';

export function incidentLabel(
  t: ReturnType<typeof useApp>['t'],
  locale: ReturnType<typeof useApp>['locale'],
  incident: DecryptedRecord<Incident>,
): string {
  const what = incident.value.what.trim();
  const short = what.length > 60 ? `${what.slice(0, 57)}…` : what;
  return `${formatZonedWhen(t, locale, incident.value.when)}: ${short}`;
}

export function StatementItem(props: {
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
export function ManageStatement(props: {
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
