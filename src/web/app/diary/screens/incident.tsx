/**
 * One incident: view (every field, earlier versions), the full form (new and edit), delete.
 * The form's state is a draft kept in memory (app context) until it is saved or cancelled, so
 * moving to another screen and back keeps it; nothing is written to browser storage.
 */
import { DeviceRecordLine } from '../../quick/inbox.js';
import { WaitingTag } from '../../quick/queue-status.js';
import { InSharesWarning, takeOutOfLiveShares, useSharesHolding } from '../../share/in-shares.js';
import { useEffect, useState } from 'preact/hooks';
import {
  BEHAVIOUR_GROUPS,
  behavioursInGroup,
  CHANNELS,
  EFFECTS,
  onlyLinksChanged,
  resolveWallTime,
  wallTimeOf,
  wordsEdited,
  type Coordinates,
  type Incident,
  type Person,
  type Place,
} from '../../../../domain/diary/index.js';
import {
  isApiError,
  type RecordResponse,
  INCIDENT,
  loadVersions,
  PERSON,
  type Version,
  type DecryptedRecord,
} from '../../../../vault/index.js';
import { useApp, type IncidentDraft } from '../../shell/context.js';
import { useDiaryText } from '../diary-text.js';
import { ReceiptLine } from '../receipt-line.js';
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
  Radios,
  Select,
  useDiary,
} from '../diary-ui.js';
import { describeError } from '../../shell/errors.js';
import { IncidentEvidence } from '../../evidence/index.js';
import { ImportedMessages } from '../../import/index.js';
import {
  browserTimeZone,
  checkIncident,
  emptyIncidentFields,
  fieldIdOf,
  incidentToFields,
  wallTimeKind,
  type IncidentFields,
  type WallChoice,
} from '../incident-form.js';
import { format, type AppLocale, type Messages } from '../../shell/messages.js';
import type { DiaryMessages } from '../messages.js';
import { REPORT_MESSAGES } from '../../report/messages.js';
import {
  ConfirmDelete,
  Busy,
  Button,
  LinkButton,
  Page,
  TextArea,
  TextField,
  useLive,
  type ErrorItem,
} from '../../components/ui.js';

const NEW_DRAFT = 'new';

function Problem({ message }: { message: string }) {
  return (
    <div class="notice notice--error" role="alert">
      <p>{message}</p>
    </div>
  );
}

function problemOf(t: Messages, dm: DiaryMessages, e: unknown): string {
  if (isApiError(e, 'not_found')) return dm.diary.view.notFound;
  return isApiError(e) ? describeError(t, e) : dm.diary.view.unreadable;
}

// ---- view ----

/** Every field of an incident as a GOV.UK summary list. */
export function IncidentDetails({
  incident,
  people,
  places,
}: {
  incident: Incident;
  people: ReadonlyMap<string, Person>;
  places?: ReadonlyMap<string, Place>;
}) {
  const { t, locale } = useApp();
  const dm = useDiaryText();
  const v = dm.diary.view;
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
  // On the night the clocks go back a time happens twice; the offset says which one it was.
  const whenText = (zoned: string): string => {
    const text = formatZoned(t, locale, zoned);
    const twice = wallTimeKind(wallTimeOf(zoned), incident.when.timeZone)?.kind === 'twice';
    return twice ? `${text} (UTC${zoned.slice(-6)})` : text;
  };
  const police = incident.police;
  return (
    <dl class="summary-list">
      {row(v.when, whenText(incident.when.start), 'when')}
      {incident.when.end !== undefined && row(v.end, whenText(incident.when.end))}
      {row(v.approximate, incident.when.approximate ? v.yes : v.no)}
      {row(v.timeZone, incident.when.timeZone)}
      {row(v.where, incident.where?.text ?? v.none)}
      {incident.where?.placeId !== undefined &&
        row(v.place, places?.get(incident.where.placeId)?.name ?? v.unknownPlace)}
      {incident.where?.coordinates !== undefined &&
        row(
          v.position,
          format(v.positionValue, {
            latitude: String(incident.where.coordinates.latitude),
            longitude: String(incident.where.coordinates.longitude),
            metres: String(incident.where.coordinates.accuracyMetres ?? '?'),
          }),
        )}
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
  const { t, locale, api, session, navigate, formatTimestamp, diary } = useApp();
  const dm = useDiaryText();
  const v = dm.diary.view;
  const [record, setRecord] = useState<DecryptedRecord<Incident> | undefined>(
    () => diary.store.get('incident', id)?.record,
  );
  const [response, setResponse] = useState<RecordResponse | undefined>(
    () => diary.store.get('incident', id)?.response,
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
        if (live) {
          setRecord(r.record);
          setResponse(r.response);
        }
      },
      (e: unknown) => {
        if (live) setProblem(problemOf(t, dm, e));
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
        setVersionsProblem(problemOf(t, dm, e));
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
  const places = new Map<string, Place>(
    state.kind === 'loaded' ? state.data.places.map((p) => [p.id, p.value]) : [],
  );
  const waiting = diary.store.waiting(record.id);
  return (
    <Page title={v.title} back={back}>
      <p class="entry__meta">
        {format(dm.history.saved, { date: formatTimestamp(record.createdAt) })}
        {wordsEdited(record.value, record.revision) && (
          <>
            {' '}
            <span class="tag" data-edited="">
              {t.home.edited}
            </span>
          </>
        )}
        {record.value.textRevision !== undefined && (
          <>
            {' · '}
            <span data-linked-on="">
              {format(dm.diaryExtra.links.linkedOn, { date: formatTimestamp(record.updatedAt) })}
            </span>
          </>
        )}
      </p>
      {response !== undefined && response.revision === record.revision && !waiting && (
        <ReceiptLine response={response} />
      )}
      <DeviceRecordLine incident={record.value} />
      <WaitingTag id={record.id} line />
      <IncidentDetails incident={record.value} people={people} places={places} />
      <IncidentEvidence incidentId={record.id} evidenceIds={record.value.evidenceIds} />
      <ImportedMessages incident={record.value} />
      <div class="button-group">
        <Button onClick={() => navigate({ name: 'incident-edit', id })}>{v.edit}</Button>
        <Button variant="secondary" onClick={() => navigate({ name: 'report', incidentId: id })}>
          {REPORT_MESSAGES[locale].makeThis}
        </Button>
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
                const before = versions[n - 2];
                const linkOnly =
                  version.ok && before?.ok === true
                    ? onlyLinksChanged(before.record.value, version.record.value)
                    : false;
                return (
                  <li class="version" key={n} data-link-only={linkOnly ? '' : undefined}>
                    <h3 class="version__title">
                      {format(v.version, { n })} {i === 0 && <span class="tag">{v.current}</span>}
                    </h3>
                    <p class="version__meta">
                      {format(v.savedAt, { date: formatTimestamp(savedAt) })}
                    </p>
                    {version.ok && <ReceiptLine response={version.response} />}
                    {n > 1 && (
                      <p class="version__meta">
                        <strong>
                          {linkOnly
                            ? dm.diaryExtra.links.linkOnly
                            : dm.diaryExtra.links.wordsEdited}
                        </strong>
                      </p>
                    )}
                    {version.ok ? (
                      <IncidentDetails
                        incident={version.record.value}
                        people={people}
                        places={places}
                      />
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
  const { diary } = useApp();
  const dm = useDiaryText();
  const draft = diary.incidents.get(NEW_DRAFT) ?? {
    fields: emptyIncidentFields(new Date(), browserTimeZone()),
  };
  return <IncidentForm title={dm.diary.form.newTitle} draftKey={NEW_DRAFT} draft={draft} />;
}

export function EditIncidentScreen({ id }: { id: string }) {
  const { t, diary, navigate } = useApp();
  const dm = useDiaryText();
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
      (e: unknown) => setProblem(problemOf(t, dm, e)),
    );
  }, []);
  if (draft === undefined) {
    return (
      <Page title={dm.diary.form.editTitle} back={() => navigate({ name: 'incident-view', id })}>
        <Busy message={problem === undefined ? dm.diary.view.loading : undefined} />
        {problem !== undefined && <Problem message={problem} />}
      </Page>
    );
  }
  return <IncidentForm title={dm.diary.form.editTitle} draftKey={id} draft={draft} />;
}

/**
 * The message for a schema issue in the person's language. The schema's own messages are in
 * English, so rarer ones fall back to a plain "check this answer" in any other language.
 */
function errorMessage(
  dm: DiaryMessages,
  locale: AppLocale,
  path: string,
  fallback: string,
): string {
  const e = dm.diary.form.errors;
  if (path.startsWith('when.end')) return e.end;
  if (path.startsWith('when.timeZone')) return e.timeZone;
  if (path.startsWith('when')) return e.start;
  if (path === 'what') return e.what;
  if (path.startsWith('police.reportedOn')) return e.reportedOn;
  return locale === 'en' ? fallback : e.other;
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
  const dm = useDiaryText();
  const { store } = diary;
  const f = dm.diary.form;
  const [fields, setFields] = useState<IncidentFields>(draft.fields);
  const [base, setBase] = useState<RecordResponse | undefined>(draft.base);
  const [errors, setErrors] = useState<ErrorItem[]>([]);
  const [conflict, setConflict] = useState(false);
  const [seq, setSeq] = useState(0);
  const [busy, setBusy] = useState(false);
  const { state } = useDiary();
  const people = state.kind === 'loaded' ? state.data.people : [];
  const places = state.kind === 'loaded' ? state.data.places : [];
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
          message: errorMessage(dm, locale, i.path, i.message),
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
        const pid = await store.add(PERSON, { name: newPerpetrator });
        current = {
          ...current,
          newPerpetrator: '',
          perpetratorIds: [...current.perpetratorIds, pid],
        };
        created.perpetratorIds.push(pid);
      }
      if (newWitness !== '') {
        const pid = await store.add(PERSON, { name: newWitness });
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
      fail([{ field: 'incident-start', message: problemOf(t, dm, e) }]);
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
        <Select
          id="incident-zone"
          label={f.timeZone}
          hint={f.timeZoneHint}
          options={zoneOptions(fields.timeZone)}
          value={fields.timeZone}
          onChange={(timeZone) => update({ timeZone })}
        />
        <ClockChange
          id="incident-start-choice"
          wall={fields.start}
          zone={fields.timeZone}
          choice={fields.startChoice}
          onChange={(startChoice) => update({ startChoice })}
        />
        <ClockChange
          id="incident-end-choice"
          wall={fields.end}
          zone={fields.timeZone}
          choice={fields.endChoice}
          onChange={(endChoice) => update({ endChoice })}
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
        <Select
          id="incident-place"
          label={f.place}
          hint={f.placeHint}
          options={[
            { value: '', label: f.placeNone },
            ...places.map((p) => ({ value: p.id, label: p.value.name })),
            // A place deleted since keeps its link until the person changes it.
            ...(fields.placeId !== '' && !places.some((p) => p.id === fields.placeId)
              ? [{ value: fields.placeId, label: dm.diary.view.unknownPlace }]
              : []),
          ]}
          value={fields.placeId}
          onChange={(placeId) => update({ placeId })}
        />
        <Position
          coordinates={fields.coordinates}
          onChange={(coordinates) => update({ coordinates })}
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

let knownZones: readonly string[] | undefined;

/** Every time zone the browser knows (listed once), with the current one even if it does not. */
function zoneOptions(current: string): { value: string; label: string }[] {
  knownZones ??= [...new Set([...Intl.supportedValuesOf('timeZone'), 'UTC'])].sort();
  const zones =
    current.trim() === '' || knownZones.includes(current) ? knownZones : [...knownZones, current];
  return zones.map((z) => ({ value: z, label: z.replaceAll('_', ' ') }));
}

/**
 * On the night the clocks go back a time happens twice, so the person says which; on the night
 * they go forward a time never happens, so they are told what will be saved instead.
 */
function ClockChange(props: {
  id: string;
  wall: string;
  zone: string;
  choice: WallChoice;
  onChange: (choice: WallChoice) => void;
}) {
  const dm = useDiaryText();
  const f = dm.diary.form;
  const what = wallTimeKind(props.wall, props.zone);
  if (what === undefined || what.kind === 'once') return null;
  const time = props.wall.slice(11, 16);
  if (what.kind === 'skipped') {
    const saved = resolveWallTime(props.wall.trim(), props.zone.trim()) ?? '';
    return (
      <div class="inset-text" id={props.id}>
        {format(f.skipped, { time, saved: saved.slice(11, 16) })}
      </div>
    );
  }
  const offset = (zoned: string | undefined): string => `UTC${zoned?.slice(-6) ?? ''}`;
  return (
    <Radios
      id={props.id}
      legend={format(f.twiceLegend, { time })}
      hint={format(f.twiceHint, { time })}
      options={[
        {
          value: 'earlier',
          label: format(f.twiceFirst, { time, offset: offset(what.options[0]) }),
        },
        { value: 'later', label: format(f.twiceSecond, { time, offset: offset(what.options[1]) }) },
      ]}
      value={props.choice}
      onChange={(v) => props.onChange(v === 'later' ? 'later' : 'earlier')}
    />
  );
}

/** The device's position, asked for only when the person presses the button. */
function Position(props: {
  coordinates: Coordinates | undefined;
  onChange: (coordinates: Coordinates | undefined) => void;
}) {
  const dm = useDiaryText();
  const f = dm.diary.form;
  const [state, setState] = useState<'idle' | 'finding' | 'refused' | 'failed'>('idle');
  const live = useLive();
  const find = (): void => {
    setState('finding');
    navigator.geolocation.getCurrentPosition(
      (position) => {
        if (!live.current) return;
        setState('idle');
        props.onChange({
          latitude: round(position.coords.latitude, 5),
          longitude: round(position.coords.longitude, 5),
          accuracyMetres: Math.round(position.coords.accuracy),
        });
      },
      (e) => {
        if (live.current) setState(e.code === e.PERMISSION_DENIED ? 'refused' : 'failed');
      },
      { enableHighAccuracy: true, timeout: 20_000, maximumAge: 0 },
    );
  };
  const c = props.coordinates;
  return (
    <div class="form-group" id="incident-position">
      <fieldset class="fieldset" aria-describedby="incident-position-hint">
        <legend class="fieldset-legend fieldset-legend--s">{f.position}</legend>
        <div class="hint" id="incident-position-hint">
          {f.positionHint}
        </div>
        <div role="status">
          {c !== undefined && (
            <p>
              {format(f.positionShown, {
                latitude: String(c.latitude),
                longitude: String(c.longitude),
                metres: String(c.accuracyMetres ?? '?'),
              })}
            </p>
          )}
          {state === 'finding' && <p>{f.positionFinding}</p>}
          {state === 'refused' && <p>{f.positionRefused}</p>}
          {state === 'failed' && <p>{f.positionFailed}</p>}
        </div>
        {c === undefined ? (
          'geolocation' in navigator && (
            <Button variant="secondary" onClick={find} disabled={state === 'finding'}>
              {f.positionAdd}
            </Button>
          )
        ) : (
          <Button variant="secondary" onClick={() => props.onChange(undefined)}>
            {f.positionRemove}
          </Button>
        )}
      </fieldset>
    </div>
  );
}

function round(n: number, places: number): number {
  const k = 10 ** places;
  return Math.round(n * k) / k;
}

// ---- delete ----

export function DeleteIncidentScreen({ id }: { id: string }) {
  const { t, navigate, diary, api, session } = useApp();
  const shares = useSharesHolding(id);
  const dm = useDiaryText();
  const r = dm.diary.remove;
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | undefined>();
  const keep = (): void => navigate({ name: 'incident-view', id });
  const remove = async (): Promise<void> => {
    if (busy) return;
    setBusy(true);
    setProblem(undefined);
    try {
      await takeOutOfLiveShares(api, session.accountKey, shares, id);
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
      <InSharesWarning shares={shares} />
      <ConfirmDelete
        warning={r.warning}
        busy={busy}
        busyMessage={r.deleting}
        confirm={r.confirm}
        keep={r.keep}
        onConfirm={() => void remove()}
        onKeep={keep}
      />
    </Page>
  );
}
