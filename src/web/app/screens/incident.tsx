/**
 * One incident: view (every field, earlier versions), the full form (new and edit), delete.
 * The form's state is a draft kept in memory (app context) until it is saved or cancelled, so
 * moving to another screen and back keeps it; nothing is written to browser storage.
 */
import { useEffect, useState } from 'preact/hooks';
import {
  BEHAVIOUR_GROUPS,
  behavioursInGroup,
  CHANNELS,
  EFFECTS,
  type Incident,
  type Person,
} from '../../../domain/diary/index.js';
import { isApiError, type RecordResponse } from '../api.js';
import { useApp, type IncidentDraft } from '../context.js';
import { INCIDENT, loadVersions, PERSON, type Version } from '../diary-records.js';
import {
  behaviourLabel,
  channelLabel,
  Checkbox,
  Checkboxes,
  effectLabel,
  formatLocalDate,
  formatZoned,
  NativeDateField,
  personName,
  Select,
  useDiary,
} from '../diary-ui.js';
import { describeError } from '../errors.js';
import {
  browserTimeZone,
  checkIncident,
  emptyIncidentFields,
  fieldIdOf,
  incidentToFields,
  type IncidentFields,
} from '../incident-form.js';
import { format, type AppLocale, type Messages } from '../messages.js';
import type { DecryptedRecord } from '../records.js';
import { Busy, Button, LinkButton, Page, TextArea, TextField, type ErrorItem } from '../ui.js';

const NEW_DRAFT = 'new';

function Problem({ message }: { message: string }) {
  return (
    <div class="notice notice--error" role="alert">
      <p>{message}</p>
    </div>
  );
}

function problemOf(t: Messages, e: unknown): string {
  if (isApiError(e, 'not_found')) return t.diary.view.notFound;
  return isApiError(e) ? describeError(t, e) : t.diary.view.unreadable;
}

// ---- view ----

/** Every field of an incident as a GOV.UK summary list. */
export function IncidentDetails({
  incident,
  people,
}: {
  incident: Incident;
  people: ReadonlyMap<string, Person>;
}) {
  const { t, locale } = useApp();
  const v = t.diary.view;
  const names = (ids: readonly string[]): string =>
    ids.length === 0
      ? v.none
      : ids
          .map((id) => {
            const p = people.get(id);
            return p !== undefined ? personName(p) : v.unknownPerson;
          })
          .join(', ');
  const row = (label: string, value: string, data?: string) => (
    <div class="summary-list__row">
      <dt>{label}</dt>
      <dd class="note-body" data-field={data}>
        {value}
      </dd>
    </div>
  );
  const police = incident.police;
  return (
    <dl class="summary-list">
      {row(v.when, formatZoned(t, locale, incident.when.start), 'when')}
      {incident.when.end !== undefined && row(v.end, formatZoned(t, locale, incident.when.end))}
      {row(v.approximate, incident.when.approximate ? v.yes : v.no)}
      {row(v.timeZone, incident.when.timeZone)}
      {row(v.where, incident.where?.text ?? v.none)}
      {row(v.what, incident.what, 'what')}
      {row(
        v.behaviours,
        incident.behaviours.length === 0
          ? v.none
          : incident.behaviours.map((b) => behaviourLabel(locale, b)).join(', '),
      )}
      {row(
        v.channel,
        incident.channel === undefined
          ? v.none
          : `${channelLabel(locale, incident.channel.key)}${incident.channel.detail !== undefined ? ` (${incident.channel.detail})` : ''}`,
      )}
      {row(v.perpetrators, names(incident.perpetratorIds), 'perpetrators')}
      {row(v.witnesses, names(incident.witnessIds), 'witnesses')}
      {row(v.police, police === undefined ? v.no : v.yes)}
      {police?.reportedOn !== undefined &&
        row(
          v.reportedOn,
          police.reportedOn.length > 10
            ? formatZoned(t, locale, police.reportedOn)
            : formatLocalDate(locale, police.reportedOn),
        )}
      {police?.reference !== undefined && row(v.reference, police.reference)}
      {(police?.officerName !== undefined || police?.officerNumber !== undefined) &&
        row(v.officer, [police.officerName, police.officerNumber].filter(Boolean).join(', '))}
      {incident.effect?.feelings !== undefined && row(v.feelings, incident.effect.feelings)}
      {incident.effect !== undefined &&
        incident.effect.changes.length > 0 &&
        row(v.changes, incident.effect.changes.map((c) => effectLabel(locale, c)).join(', '))}
      {incident.effect?.changesDetail !== undefined &&
        row(v.changesDetail, incident.effect.changesDetail)}
      {incident.tags.length > 0 && row(v.tags, incident.tags.join(', '))}
    </dl>
  );
}

function peopleMap(people: readonly DecryptedRecord<Person>[]): Map<string, Person> {
  return new Map(people.map((p) => [p.id, p.value]));
}

export function IncidentViewScreen({ id }: { id: string }) {
  const { t, api, session, navigate, formatTimestamp, diary } = useApp();
  const v = t.diary.view;
  const [record, setRecord] = useState<DecryptedRecord<Incident> | undefined>(
    () => diary.store.get('incident', id)?.record,
  );
  const [problem, setProblem] = useState<string | undefined>();
  const [versions, setVersions] = useState<Version<Incident>[] | 'loading' | undefined>();
  const [versionsProblem, setVersionsProblem] = useState<string | undefined>();
  const { state } = useDiary();
  const back = (): void => navigate({ name: 'incidents' });

  useEffect(() => {
    // Shown at once from the session's store, then checked against the server's newest revision.
    let live = true;
    diary.store.fetchOne(INCIDENT, id).then(
      (r) => {
        if (live) setRecord(r.record);
      },
      (e: unknown) => {
        if (live) setProblem(problemOf(t, e));
      },
    );
    return () => {
      live = false;
    };
  }, [id]);

  const showVersions = (): void => {
    setVersions('loading');
    loadVersions(api, session.accountKey, INCIDENT, id).then(
      (list) => {
        if (list === undefined) {
          setVersions(undefined);
          setVersionsProblem(v.versionsMismatch);
        } else setVersions(list);
      },
      (e: unknown) => {
        setVersions(undefined);
        setVersionsProblem(problemOf(t, e));
      },
    );
  };

  if (record === undefined) {
    return (
      <Page title={v.title} back={back}>
        <Busy message={problem === undefined ? v.loading : undefined} />
        {problem !== undefined && <Problem message={problem} />}
      </Page>
    );
  }
  const people = state.kind === 'loaded' ? peopleMap(state.data.people) : new Map<string, Person>();
  return (
    <Page title={v.title} back={back}>
      <p class="entry__meta">
        {format(t.history.saved, { date: formatTimestamp(record.createdAt) })}
        {record.revision > 1 && (
          <>
            {' '}
            <span class="tag" data-edited="">
              {t.home.edited}
            </span>
          </>
        )}
      </p>
      <IncidentDetails incident={record.value} people={people} />
      <div class="button-group">
        <Button onClick={() => navigate({ name: 'incident-edit', id })}>{v.edit}</Button>
        <Button variant="warning" onClick={() => navigate({ name: 'incident-delete', id })}>
          {v.delete}
        </Button>
      </div>
      {record.revision > 1 && (
        <section aria-labelledby="versions-heading">
          <h2 id="versions-heading">{v.versions}</h2>
          {versions === undefined && versionsProblem === undefined && (
            <Button variant="secondary" onClick={showVersions}>
              {v.showVersions}
            </Button>
          )}
          <Busy message={versions === 'loading' ? v.loading : undefined} />
          {versionsProblem !== undefined && <Problem message={versionsProblem} />}
          {Array.isArray(versions) && (
            <ol class="versions" data-versions="">
              {[...versions].reverse().map((version, i) => {
                const n = version.ok ? version.record.revision : version.revision;
                const savedAt = version.ok ? version.record.updatedAt : version.savedAt;
                return (
                  <li class="version" key={n}>
                    <h3 class="version__title">
                      {format(v.version, { n })} {i === 0 && <span class="tag">{v.current}</span>}
                    </h3>
                    <p class="version__meta">
                      {format(v.savedAt, { date: formatTimestamp(savedAt) })}
                    </p>
                    {version.ok ? (
                      <IncidentDetails incident={version.record.value} people={people} />
                    ) : (
                      <Problem message={v.versionUnreadable} />
                    )}
                  </li>
                );
              })}
            </ol>
          )}
        </section>
      )}
      <p>
        <LinkButton onClick={back}>{v.back}</LinkButton>
      </p>
    </Page>
  );
}

// ---- form ----

export function NewIncidentScreen() {
  const { t, diary } = useApp();
  const draft = diary.incidents.get(NEW_DRAFT) ?? {
    fields: emptyIncidentFields(new Date(), browserTimeZone()),
  };
  return <IncidentForm title={t.diary.form.newTitle} draftKey={NEW_DRAFT} draft={draft} />;
}

export function EditIncidentScreen({ id }: { id: string }) {
  const { t, diary, navigate } = useApp();
  const existing = diary.incidents.get(id);
  const held = diary.store.get('incident', id);
  const [draft, setDraft] = useState<IncidentDraft | undefined>(
    existing ??
      (held !== undefined
        ? { fields: incidentToFields(held.record.value), base: held.response }
        : undefined),
  );
  const [problem, setProblem] = useState<string | undefined>();
  useEffect(() => {
    if (draft !== undefined) return;
    diary.store.fetchOne(INCIDENT, id).then(
      ({ record, response }) =>
        setDraft({ fields: incidentToFields(record.value), base: response }),
      (e: unknown) => setProblem(problemOf(t, e)),
    );
  }, []);
  if (draft === undefined) {
    return (
      <Page title={t.diary.form.editTitle} back={() => navigate({ name: 'incident-view', id })}>
        <Busy message={problem === undefined ? t.diary.view.loading : undefined} />
        {problem !== undefined && <Problem message={problem} />}
      </Page>
    );
  }
  return <IncidentForm title={t.diary.form.editTitle} draftKey={id} draft={draft} />;
}

function errorMessage(t: Messages, path: string, fallback: string): string {
  const e = t.diary.form.errors;
  if (path.startsWith('when.end')) return e.end;
  if (path.startsWith('when.timeZone')) return e.timeZone;
  if (path.startsWith('when')) return e.start;
  if (path === 'what') return e.what;
  if (path.startsWith('police.reportedOn')) return e.reportedOn;
  return fallback;
}

function behaviourGroups(locale: AppLocale) {
  return BEHAVIOUR_GROUPS.map((g) => ({
    label: g.label[locale],
    options: behavioursInGroup(g.key).map((b) => ({
      value: b.key,
      label: b.label[locale],
      hint: b.hint[locale],
    })),
  }));
}

function IncidentForm({
  title,
  draftKey,
  draft,
}: {
  title: string;
  draftKey: string;
  draft: IncidentDraft;
}) {
  const { t, locale, navigate, diary } = useApp();
  const { store } = diary;
  const f = t.diary.form;
  const [fields, setFields] = useState<IncidentFields>(draft.fields);
  const [base, setBase] = useState<RecordResponse | undefined>(draft.base);
  const [errors, setErrors] = useState<ErrorItem[]>([]);
  const [conflict, setConflict] = useState(false);
  const [seq, setSeq] = useState(0);
  const [busy, setBusy] = useState(false);
  const { state } = useDiary();
  const people = state.kind === 'loaded' ? state.data.people : [];
  const editing = base !== undefined;

  const update = (next: Partial<IncidentFields>): void => {
    const merged = { ...fields, ...next };
    setFields(merged);
    diary.incidents.set(draftKey, { fields: merged, ...(base !== undefined ? { base } : {}) });
  };

  const leave = (): void => {
    diary.incidents.delete(draftKey);
    navigate(editing ? { name: 'incident-view', id: draftKey } : { name: 'home' });
  };

  const fail = (items: ErrorItem[]): void => {
    setErrors(items);
    setSeq((s) => s + 1);
  };

  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    if (busy) return;
    // Check first with placeholders for people to be created, so nothing is written when the
    // entry itself is not ready.
    const check = checkIncident(fields);
    const newPerpetrator = fields.newPerpetrator.trim();
    const newWitness = fields.newWitness.trim();
    if (!check.ok) {
      fail(
        check.issues.map((i) => ({
          field: fieldIdOf(i.path),
          message: errorMessage(t, i.path, i.message),
        })),
      );
      return;
    }
    setErrors([]);
    setConflict(false);
    setBusy(true);
    try {
      const created: { perpetratorIds: string[]; witnessIds: string[] } = {
        perpetratorIds: [],
        witnessIds: [],
      };
      let current = fields;
      if (newPerpetrator !== '') {
        const pid = await store.add(PERSON, { alias: newPerpetrator });
        current = {
          ...current,
          newPerpetrator: '',
          perpetratorIds: [...current.perpetratorIds, pid],
        };
        created.perpetratorIds.push(pid);
      }
      if (newWitness !== '') {
        const pid = await store.add(PERSON, { alias: newWitness });
        current = { ...current, newWitness: '', witnessIds: [...current.witnessIds, pid] };
        created.witnessIds.push(pid);
      }
      // People now saved are part of the draft, so a failed save never creates them twice.
      setFields(current);
      diary.incidents.set(draftKey, { fields: current, ...(base !== undefined ? { base } : {}) });
      const final = checkIncident(current);
      if (!final.ok) throw new Error('invalid');
      if (base === undefined) {
        const id = await store.add(INCIDENT, final.value);
        diary.incidents.delete(draftKey);
        navigate({ name: 'incident-view', id }, f.saved);
      } else {
        await store.edit(INCIDENT, base, final.value);
        diary.incidents.delete(draftKey);
        navigate({ name: 'incident-view', id: base.id }, f.updated);
      }
    } catch (e) {
      setBusy(false);
      if (isApiError(e, 'revision_conflict')) {
        setConflict(true);
        fail([{ field: 'incident-start', message: f.conflict }]);
      } else fail([{ field: 'incident-start', message: describeError(t, e) }]);
    }
  };

  const loadLatest = async (): Promise<void> => {
    if (base === undefined) return;
    try {
      const { record, response } = await store.fetchOne(INCIDENT, base.id);
      const next = incidentToFields(record.value);
      setFields(next);
      setBase(response);
      diary.incidents.set(draftKey, { fields: next, base: response });
      setConflict(false);
      setErrors([]);
    } catch (e) {
      fail([{ field: 'incident-start', message: problemOf(t, e) }]);
    }
  };

  const error = (id: string): string | undefined => errors.find((e) => e.field === id)?.message;
  const personOptions = people.map((p) => ({ value: p.id, label: personName(p.value) }));
  const channelInfo = CHANNELS.find((c) => c.key === fields.channel);

  return (
    <Page title={title} errors={errors} errorSeq={seq} back={leave}>
      {conflict && (
        <p>
          <Button variant="secondary" onClick={() => void loadLatest()}>
            {f.loadLatest}
          </Button>
        </p>
      )}
      <form noValidate onSubmit={(e) => void submit(e)}>
        <NativeDateField
          id="incident-start"
          label={f.start}
          hint={f.startHint}
          error={error('incident-start')}
          type="datetime-local"
          value={fields.start}
          onInput={(start) => update({ start })}
        />
        <NativeDateField
          id="incident-end"
          label={f.end}
          error={error('incident-end')}
          type="datetime-local"
          value={fields.end}
          onInput={(end) => update({ end })}
        />
        <Checkbox
          id="incident-approximate"
          label={f.approximate}
          checked={fields.approximate}
          onChange={(approximate) => update({ approximate })}
        />
        <TextField
          id="incident-zone"
          label={f.timeZone}
          hint={f.timeZoneHint}
          error={error('incident-zone')}
          value={fields.timeZone}
          onInput={(timeZone) => update({ timeZone })}
          autocomplete="off"
          spellcheck={false}
        />
        <TextField
          id="incident-where"
          label={f.where}
          hint={f.whereHint}
          error={error('incident-where')}
          value={fields.where}
          onInput={(where) => update({ where })}
          autocomplete="off"
          width="full"
        />
        <TextArea
          id="incident-what"
          label={f.what}
          hint={f.whatHint}
          error={error('incident-what')}
          value={fields.what}
          onInput={(what) => update({ what })}
          rows={6}
        />
        <Checkboxes
          id="incident-behaviours"
          legend={f.behaviours}
          hint={f.behavioursHint}
          error={error('incident-behaviours')}
          groups={behaviourGroups(locale)}
          value={fields.behaviours}
          onChange={(behaviours) => update({ behaviours })}
          small
        />
        <Select
          id="incident-channel"
          label={f.channel}
          options={[
            { value: '', label: f.channelNone },
            ...CHANNELS.map((c) => ({ value: c.key, label: c.label[locale] })),
          ]}
          value={fields.channel}
          onChange={(channel) => update({ channel })}
        />
        {channelInfo?.detailQuestion !== undefined && (
          <TextField
            id="incident-channel-detail"
            label={`${channelInfo.detailQuestion[locale]} ${t.common.optional}`}
            value={fields.channelDetail}
            onInput={(channelDetail) => update({ channelDetail })}
            autocomplete="off"
          />
        )}
        {personOptions.length > 0 ? (
          <Checkboxes
            id="incident-perpetrators"
            legend={f.perpetrators}
            hint={f.peopleHint}
            groups={[{ options: personOptions }]}
            value={fields.perpetratorIds}
            onChange={(perpetratorIds) => update({ perpetratorIds })}
            small
          />
        ) : (
          <h2 class="heading-s">{f.perpetrators}</h2>
        )}
        <TextField
          id="incident-new-perpetrator"
          label={f.newPerpetrator}
          hint={f.newPersonHint}
          value={fields.newPerpetrator}
          onInput={(newPerpetrator) => update({ newPerpetrator })}
          autocomplete="off"
          width="full"
        />
        {personOptions.length > 0 ? (
          <Checkboxes
            id="incident-witnesses"
            legend={f.witnesses}
            hint={f.peopleHint}
            groups={[{ options: personOptions }]}
            value={fields.witnessIds}
            onChange={(witnessIds) => update({ witnessIds })}
            small
          />
        ) : (
          <h2 class="heading-s">{f.witnesses}</h2>
        )}
        <TextField
          id="incident-new-witness"
          label={f.newWitness}
          hint={f.newPersonHint}
          value={fields.newWitness}
          onInput={(newWitness) => update({ newWitness })}
          autocomplete="off"
          width="full"
        />
        <h2 class="heading-s">{f.police}</h2>
        <Checkbox
          id="incident-reported"
          label={f.reported}
          checked={fields.reported}
          onChange={(reported) => update({ reported })}
        >
          <NativeDateField
            id="incident-reported-on"
            label={f.reportedOn}
            error={error('incident-reported-on')}
            type="date"
            value={fields.reportedOn}
            onInput={(reportedOn) => update({ reportedOn })}
          />
          <TextField
            id="incident-reference"
            label={f.reference}
            error={error('incident-reference')}
            value={fields.reference}
            onInput={(reference) => update({ reference })}
            autocomplete="off"
          />
          <TextField
            id="incident-officer-name"
            label={f.officerName}
            error={error('incident-officer-name')}
            value={fields.officerName}
            onInput={(officerName) => update({ officerName })}
            autocomplete="off"
          />
          <TextField
            id="incident-officer-number"
            label={f.officerNumber}
            error={error('incident-officer-number')}
            value={fields.officerNumber}
            onInput={(officerNumber) => update({ officerNumber })}
            autocomplete="off"
            width="quarter"
          />
        </Checkbox>
        <h2 class="heading-s">{f.effect}</h2>
        <TextArea
          id="incident-feelings"
          label={f.feelings}
          error={error('incident-feelings')}
          value={fields.feelings}
          onInput={(feelings) => update({ feelings })}
          rows={3}
        />
        <Checkboxes
          id="incident-changes"
          legend={f.changes}
          hint={f.changesHint}
          error={error('incident-changes')}
          groups={[
            {
              options: EFFECTS.map((e) => ({
                value: e.key,
                label: e.label[locale],
                hint: e.hint[locale],
              })),
            },
          ]}
          value={fields.changes}
          onChange={(changes) => update({ changes })}
          small
        />
        <TextArea
          id="incident-changes-detail"
          label={f.changesDetail}
          value={fields.changesDetail}
          onInput={(changesDetail) => update({ changesDetail })}
          rows={3}
        />
        <TextField
          id="incident-tags"
          label={f.tags}
          hint={f.tagsHint}
          error={error('incident-tags')}
          value={fields.tags}
          onInput={(tags) => update({ tags })}
          autocomplete="off"
          width="full"
        />
        <p class="hint">{f.draftNote}</p>
        <Busy message={busy ? f.saving : undefined} />
        <div class="button-group">
          <Button type="submit" disabled={busy}>
            {f.save}
          </Button>
          <LinkButton onClick={leave}>{t.common.cancel}</LinkButton>
        </div>
      </form>
    </Page>
  );
}

// ---- delete ----

export function DeleteIncidentScreen({ id }: { id: string }) {
  const { t, navigate, diary } = useApp();
  const r = t.diary.remove;
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | undefined>();
  const keep = (): void => navigate({ name: 'incident-view', id });
  const remove = async (): Promise<void> => {
    if (busy) return;
    setBusy(true);
    setProblem(undefined);
    try {
      await diary.store.remove(id);
      diary.incidents.delete(id);
      navigate({ name: 'incidents' }, r.deleted);
    } catch (e) {
      setBusy(false);
      if (isApiError(e, 'not_found')) navigate({ name: 'incidents' }, r.deleted);
      else setProblem(describeError(t, e));
    }
  };
  return (
    <Page
      title={r.title}
      back={keep}
      errors={problem !== undefined ? [{ field: 'confirm-delete', message: problem }] : []}
    >
      <div class="warning-text">
        <span class="warning-text__icon" aria-hidden="true">
          !
        </span>
        <strong class="warning-text__text">{r.warning}</strong>
      </div>
      <Busy message={busy ? r.deleting : undefined} />
      <div class="button-group">
        <button
          type="button"
          id="confirm-delete"
          class="button button--warning"
          disabled={busy}
          onClick={() => void remove()}
        >
          {r.confirm}
        </button>
        <LinkButton onClick={keep}>{r.keep}</LinkButton>
      </div>
    </Page>
  );
}
