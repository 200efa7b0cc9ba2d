/**
 * One incident on its own screen: every field, its evidence and imported messages, its
 * receipt, and its earlier versions. The form is in incident-edit.tsx, deleting in
 * incident-delete.tsx.
 */
import { DeviceRecordLine } from '../../quick/inbox.js';
import { WaitingTag } from '../../quick/queue-status.js';
import { useEffect, useState } from 'preact/hooks';
import {
  onlyLinksChanged,
  wallTimeOf,
  wordsEdited,
  type Incident,
  type Person,
  type Place,
} from '../../../../domain/diary/index.js';
import {
  type RecordResponse,
  INCIDENT,
  loadVersions,
  type Version,
  type DecryptedRecord,
} from '../../../../vault/index.js';
import { useApp } from '../../shell/context.js';
import { useDiaryText } from '../diary-text.js';
import { ReceiptLine } from '../receipt-line.js';
import { Problem, recordProblem } from '../record-screens.js';
import {
  behaviourLabel,
  channelLabel,
  effectLabel,
  formatLocalDate,
  formatZoned,
  personName,
  useDiary,
} from '../diary-ui.js';
import { IncidentEvidence } from '../../evidence/index.js';
import { ImportedMessages } from '../../import/index.js';
import { wallTimeKind } from '../incident-form.js';
import { format, type Messages } from '../../shell/messages.js';
import type { DiaryMessages } from '../messages.js';
import { REPORT_MESSAGES } from '../../report/messages.js';
import { Busy, Button, LinkButton, Page } from '../../components/ui.js';

function problemOf(t: Messages, dm: DiaryMessages, e: unknown): string {
  return recordProblem(t, dm, e, dm.diary.view.notFound);
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
