/**
 * The report model: what the person chose to share, laid out in the sections an officer reads,
 * in order (issue 13): cover, summary, effects, the numbered log, people, exhibits, copied
 * messages. Pure: the same records and options always give the same model, and anything left out
 * by a choice is never copied into it, so the PDF (which draws only the model) cannot show it.
 */
import {
  BEHAVIOURS,
  CHANNELS,
  EFFECTS,
  RELATIONSHIPS,
  personLabel,
  prepareDiary,
  trend,
  weeklyCounts,
  wordsEdited,
  type EffectRecord,
  type Incident,
  type ImportedItemRecord,
  type Person,
} from '../domain/diary/index.js';
import { formatAmount, formatDate } from '../domain/diary/text.js';
import { zonedFromInstant } from '../domain/diary/time.js';
import type { Evidence } from '../domain/evidence/index.js';
import { current, type ReportOptions, type ReportRecord, type ReportRecords } from './input.js';
import { exhibitInitials } from './exhibits.js';
import { REPORT_STRINGS, timeBandLabel, type ReportStrings } from './strings.js';

export interface Counted {
  readonly label: string;
  readonly count: number;
}

export interface LogEntry {
  /** 1, 2, 3… in time order. */
  readonly number: number;
  readonly id: string;
  /** "Sunday 29 March 2026, 19:05 (Europe/London, UTC+01:00)", in the entry's own zone. */
  readonly when: string;
  readonly approximate: boolean;
  readonly until?: string;
  readonly where?: string;
  readonly what: string;
  readonly behaviours: readonly string[];
  readonly channel?: string;
  readonly perpetrators: readonly string[];
  readonly witnesses: readonly string[];
  readonly police?: string;
  readonly exhibits: readonly string[];
  readonly feelings?: string;
  readonly changes?: string;
  readonly importedCount: number;
  readonly receipt?: string;
  /** "First written … Edited after…" or "Written … Not edited since." */
  readonly history: string;
  readonly edited: boolean;
  readonly revisions: number;
}

export interface PersonSection {
  readonly id: string;
  readonly label: string;
  readonly facts: readonly { readonly label: string; readonly value: string }[];
}

export interface ExhibitLine {
  /** "AB/1". */
  readonly ref: string;
  readonly evidenceId: string;
  readonly title: string;
  readonly fileName: string;
  readonly mediaType: string;
  readonly captured?: string;
  readonly size: number;
  readonly sha256: string;
}

export interface MessageLine {
  readonly at: string;
  readonly sender: string;
  readonly direction: string;
  readonly text: string;
}

export interface Conversation {
  readonly title: string;
  readonly messages: readonly MessageLine[];
}

export interface ReportModel {
  readonly locale: ReportOptions['locale'];
  readonly strings: ReportStrings;
  readonly caseTitle: string;
  readonly cover: {
    readonly subject?: string;
    readonly contact?: string;
    readonly period: string;
    readonly madeOn: string;
    readonly madeWith: string;
    readonly verification?: ReportOptions['verification'];
  };
  readonly summary: {
    readonly incidents: number;
    readonly first?: string;
    readonly last?: string;
    readonly behaviours: readonly Counted[];
    readonly channels: readonly Counted[];
    readonly people: readonly Counted[];
    readonly weekly: readonly Counted[];
    readonly timeOfDay: readonly Counted[];
    readonly conduct: string;
  };
  /** Absent when the person chose not to include effects. */
  readonly effects?: readonly { readonly date: string; readonly text: string }[];
  readonly log: readonly LogEntry[];
  readonly people: {
    readonly responsible: readonly PersonSection[];
    readonly witnesses: readonly PersonSection[];
  };
  /** Absent when the person chose not to include evidence. */
  readonly exhibits?: readonly ExhibitLine[];
  /** Absent when the person chose not to include copied messages. */
  readonly conversations?: readonly Conversation[];
  /** The record ids the model draws on: what the bundle carries proofs for. */
  readonly recordIds: {
    readonly incidents: readonly string[];
    readonly people: readonly string[];
    readonly places: readonly string[];
    readonly effects: readonly string[];
    readonly evidence: readonly string[];
  };
}

/**
 * Builds the report model. O(n log n) in the number of incidents.
 *
 * @example
 * const model = buildReport(records, { locale: 'en', timeZone: 'Europe/London', now: new Date(),
 *   includeContact: false, includeEvidence: true, includeImported: true, includeEffects: true,
 *   madeWith: 'Mosaic 0.1.0' });
 * model.log[0].number // 1
 */
export function buildReport(records: ReportRecords, options: ReportOptions): ReportModel {
  const s = REPORT_STRINGS[options.locale];
  const loc = options.locale;
  const byId = <T>(list: readonly ReportRecord<T>[] | undefined) =>
    new Map((list ?? []).map((r) => [r.id, r] as const));
  const people = byId(records.people);
  const places = byId(records.places);
  const evidence = byId(records.evidence);

  const chosen = chooseIncidents(records.incidents, options);
  const diary = prepareDiary(
    { incidents: chosen.map((r) => ({ id: r.id, value: current(r).value })) },
    options.timeZone,
  );
  const recordOf = new Map(chosen.map((r) => [r.id, r] as const));
  const ordered = diary.incidents.flatMap((p) => {
    const record = recordOf.get(p.id);
    return record === undefined ? [] : [{ prepared: p, record }];
  });

  const label = (id: string): string => {
    const p = people.get(id);
    return p === undefined ? s.unknownPerson : personLabel(current(p).value);
  };

  // Exhibit numbers follow the order evidence is first mentioned in the log.
  const exhibitRef = new Map<string, string>();
  const initials = exhibitInitials(options.subjectName);
  if (options.includeEvidence) {
    for (const { prepared } of ordered) {
      for (const id of prepared.incident.evidenceIds) {
        const ev = evidence.get(id);
        if (ev === undefined || exhibitRef.has(id)) continue;
        if (current(ev).value.file.sha256 === undefined) continue;
        exhibitRef.set(id, `${initials}/${String(exhibitRef.size + 1)}`);
      }
    }
  }

  const perpetratorIds = new Set<string>();
  const witnessIds = new Set<string>();
  const placeIds = new Set<string>();
  const log: LogEntry[] = ordered.map(({ prepared, record }, i) => {
    const inc = prepared.incident;
    inc.perpetratorIds.forEach((id) => perpetratorIds.add(id));
    inc.witnessIds.forEach((id) => witnessIds.add(id));
    if (inc.where?.placeId !== undefined) placeIds.add(inc.where.placeId);
    return logEntry(i + 1, record, inc, {
      s,
      loc,
      label,
      place: (id) => {
        const p = places.get(id);
        return p === undefined ? undefined : current(p).value.name;
      },
      exhibitRef,
      options,
    });
  });

  const counts = (keys: Iterable<string>, name: (k: string) => string): Counted[] => {
    const m = new Map<string, number>();
    for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
    return [...m]
      .map(([k, count]) => ({ label: name(k), count }))
      .sort((a, b) => b.count - a.count || (a.label < b.label ? -1 : 1));
  };
  const incidents = diary.incidents.map((p) => p.incident);
  const behaviourName = (k: string) => BEHAVIOURS.find((b) => b.key === k)?.label[loc] ?? k;
  const channelName = (k: string) => CHANNELS.find((c) => c.key === k)?.label[loc] ?? k;

  const weekly =
    diary.incidents.length === 0
      ? undefined
      : weeklyCounts(diary, {
          timeZone: options.timeZone,
          now: options.now,
          ...(options.from !== undefined ? { from: options.from } : {}),
          to: options.to ?? diary.incidents[diary.incidents.length - 1]?.date ?? '',
        });
  const bands = Array.from({ length: 8 }, (_, band) => ({
    label: timeBandLabel(band),
    count: diary.incidents.filter((p) => Math.floor(p.hour / 3) === band).length,
  }));
  const t = weekly === undefined ? undefined : trend(weekly);
  const firstP = diary.incidents[0];
  const lastP = diary.incidents[diary.incidents.length - 1];

  const responsibleIds = [...perpetratorIds].filter((id) => people.has(id));
  const witnessOnly = [...witnessIds].filter((id) => people.has(id));
  const effectRecords = options.includeEffects ? (records.effects ?? []) : [];
  const model: ReportModel = {
    locale: loc,
    strings: s,
    caseTitle: options.caseTitle ?? s.reportTitle,
    cover: {
      ...(options.subjectName !== undefined ? { subject: options.subjectName } : {}),
      ...(options.includeContact && options.contactDetails !== undefined
        ? { contact: options.contactDetails }
        : {}),
      period:
        options.from === undefined && options.to === undefined
          ? s.allDates
          : `${options.from !== undefined ? formatDate(options.from)[loc] : '…'} – ${
              options.to !== undefined ? formatDate(options.to)[loc] : '…'
            }`,
      madeOn: formatInstant(options.now.toISOString(), options.timeZone, loc),
      madeWith: options.madeWith,
      ...(options.verification !== undefined ? { verification: options.verification } : {}),
    },
    summary: {
      incidents: incidents.length,
      ...(firstP !== undefined ? { first: formatDate(firstP.date)[loc] } : {}),
      ...(lastP !== undefined ? { last: formatDate(lastP.date)[loc] } : {}),
      behaviours: counts(
        incidents.flatMap((i) => i.behaviours),
        behaviourName,
      ),
      channels: counts(
        incidents.flatMap((i) => (i.channel === undefined ? [] : [i.channel.key])),
        channelName,
      ),
      people: counts(
        incidents.flatMap((i) => i.perpetratorIds),
        label,
      ),
      weekly: (weekly?.weeks ?? []).map((w) => ({ label: w.start, count: w.count })),
      timeOfDay: bands,
      conduct: s.conduct({
        incidents: incidents.length,
        people: perpetratorIds.size,
        weeks: weekly?.weeks.length ?? 0,
        ...(t !== undefined && t.direction !== 'not-enough-data'
          ? {
              trend: {
                direction:
                  t.direction === 'escalating'
                    ? 'rising'
                    : t.direction === 'falling'
                      ? 'falling'
                      : 'steady',
                from: formatAmount(t.typicalAtStart),
                to: formatAmount(t.direction === 'steady' ? t.averagePerWeek : t.typicalAtEnd),
              },
            }
          : {}),
      }),
    },
    ...(options.includeEffects ? { effects: effectLines(effectRecords, log, loc) } : {}),
    log,
    people: {
      responsible: responsibleIds.flatMap((id) => personSectionOf(id, people, s, loc)),
      witnesses: witnessOnly
        .filter((id) => !perpetratorIds.has(id))
        .flatMap((id) => personSectionOf(id, people, s, loc)),
    },
    ...(options.includeEvidence
      ? {
          exhibits: [...exhibitRef].flatMap(([id, ref]) => {
            const ev = evidence.get(id);
            return ev === undefined ? [] : [exhibitLine(ref, id, current(ev).value, loc)];
          }),
        }
      : {}),
    ...(options.includeImported ? { conversations: conversations(incidents, s, loc) } : {}),
    recordIds: {
      incidents: ordered.map((o) => o.record.id),
      people: [...new Set([...responsibleIds, ...witnessOnly])],
      places: [...placeIds].filter((id) => places.has(id)),
      effects: effectRecords.map((e) => e.id),
      evidence: [...exhibitRef.keys()],
    },
  };
  return model;
}

/** The incidents the choices keep: date range, people, then selected entries. */
export function chooseIncidents(
  incidents: readonly ReportRecord<Incident>[],
  options: Pick<ReportOptions, 'from' | 'to' | 'personIds' | 'entryIds' | 'timeZone'>,
): ReportRecord<Incident>[] {
  const diary = prepareDiary(
    { incidents: incidents.map((r) => ({ id: r.id, value: current(r).value })) },
    options.timeZone,
  );
  const keep = new Set(
    diary.incidents
      .filter((p) => options.from === undefined || p.date >= options.from)
      .filter((p) => options.to === undefined || p.date <= options.to)
      .filter((p) => {
        const chosen = options.personIds;
        return chosen === undefined || p.incident.perpetratorIds.some((id) => chosen.includes(id));
      })
      .filter((p) => options.entryIds === undefined || options.entryIds.includes(p.id))
      .map((p) => p.id),
  );
  return incidents.filter((r) => keep.has(r.id));
}

interface EntryContext {
  readonly s: ReportStrings;
  readonly loc: ReportOptions['locale'];
  readonly label: (id: string) => string;
  readonly place: (id: string) => string | undefined;
  readonly exhibitRef: ReadonlyMap<string, string>;
  readonly options: ReportOptions;
}

function logEntry(
  number: number,
  record: ReportRecord<Incident>,
  inc: Incident,
  c: EntryContext,
): LogEntry {
  const { s, loc, options } = c;
  const now = current(record);
  const first = record.revisions[0] ?? now;
  const edited = wordsEdited(inc, now.revision);
  const firstSaved = formatInstant(first.savedAt, inc.when.timeZone, loc);
  const placeName = inc.where?.placeId !== undefined ? c.place(inc.where.placeId) : undefined;
  const where = [placeName, inc.where?.text].filter((x) => x !== undefined).join(', ');
  const police = inc.police;
  const policeText =
    police === undefined
      ? undefined
      : [
          police.reportedOn !== undefined ? `${s.reportedOn} ${police.reportedOn}` : undefined,
          police.reference !== undefined ? `${s.reference} ${police.reference}` : undefined,
          police.officerName !== undefined || police.officerNumber !== undefined
            ? `${s.officer} ${[police.officerName, police.officerNumber].filter(Boolean).join(' ')}`
            : undefined,
        ]
          .filter((x) => x !== undefined)
          .join('; ') || '✓';
  const effect = options.includeEffects ? inc.effect : undefined;
  const changes =
    effect === undefined || effect.changes.length === 0
      ? effect?.changesDetail
      : [
          effect.changes.map((k) => EFFECTS.find((e) => e.key === k)?.label[loc] ?? k).join(', '),
          effect.changesDetail,
        ]
          .filter(Boolean)
          .join('. ');
  return {
    number,
    id: record.id,
    when: formatZoned(inc.when.start, inc.when.timeZone, loc),
    approximate: inc.when.approximate,
    ...(inc.when.end !== undefined
      ? { until: formatZoned(inc.when.end, inc.when.timeZone, loc) }
      : {}),
    ...(where !== '' ? { where } : {}),
    what: inc.what,
    behaviours: inc.behaviours.map((k) => BEHAVIOURS.find((b) => b.key === k)?.label[loc] ?? k),
    ...(inc.channel !== undefined
      ? {
          channel: [
            CHANNELS.find((ch) => ch.key === inc.channel?.key)?.label[loc] ?? inc.channel.key,
            inc.channel.detail,
          ]
            .filter(Boolean)
            .join(': '),
        }
      : {}),
    perpetrators: inc.perpetratorIds.map(c.label),
    witnesses: inc.witnessIds.map(c.label),
    ...(policeText !== undefined ? { police: policeText } : {}),
    exhibits: inc.evidenceIds.flatMap((id) => {
      const ref = c.exhibitRef.get(id);
      return ref === undefined ? [] : [ref];
    }),
    ...(effect?.feelings !== undefined ? { feelings: effect.feelings } : {}),
    ...(changes !== undefined && changes !== '' ? { changes } : {}),
    importedCount: options.includeImported ? (inc.imported?.items.length ?? 0) : 0,
    ...(now.receipt !== undefined
      ? {
          receipt: s.receiptText(
            formatInstant(now.receipt.receivedAt, inc.when.timeZone, loc),
            now.receipt.leafIndex,
          ),
        }
      : {}),
    history: edited ? s.edited(record.revisions.length, firstSaved) : s.notEdited(firstSaved),
    edited,
    revisions: record.revisions.length,
  };
}

function effectLines(
  effects: readonly ReportRecord<EffectRecord>[],
  log: readonly LogEntry[],
  loc: ReportOptions['locale'],
): { date: string; text: string }[] {
  const lines = effects
    .map((r) => current(r).value)
    .sort((a, b) => (a.startedOn < b.startedOn ? -1 : a.startedOn > b.startedOn ? 1 : 0))
    .map((e) => ({
      date: `${REPORT_STRINGS[loc].since} ${formatDate(e.startedOn)[loc]}`,
      text: [EFFECTS.find((x) => x.key === e.change)?.label[loc] ?? e.change, e.description]
        .filter(Boolean)
        .join(': '),
    }));
  for (const entry of log) {
    if (entry.changes !== undefined) {
      lines.push({ date: `#${String(entry.number)}, ${entry.when}`, text: entry.changes });
    }
  }
  return lines;
}

function personSectionOf(
  id: string,
  people: ReadonlyMap<string, ReportRecord<Person>>,
  s: ReportStrings,
  loc: ReportOptions['locale'],
): PersonSection[] {
  const record = people.get(id);
  return record === undefined ? [] : [personSection(id, record, s, loc)];
}

function personSection(
  id: string,
  record: ReportRecord<Person>,
  s: ReportStrings,
  loc: ReportOptions['locale'],
): PersonSection {
  const p = current(record).value;
  const facts: { label: string; value: string }[] = [];
  const add = (label: string, value: string | undefined) => {
    if (value !== undefined && value !== '') facts.push({ label, value });
  };
  if (p.name !== undefined && p.alias !== undefined) add('Alias', p.alias);
  add(
    s.relationship,
    [RELATIONSHIPS.find((r) => r.key === p.relationship)?.label[loc], p.relationshipDetail]
      .filter(Boolean)
      .join(', '),
  );
  add(s.description, p.description);
  add(
    s.vehicles,
    p.vehicles
      .map((v) => [v.registration, v.colour, v.make, v.model, v.notes].filter(Boolean).join(' '))
      .join('; '),
  );
  add(s.phones, p.phones.map((ph) => [ph.number, ph.label].filter(Boolean).join(' ')).join('; '));
  add(s.emails, p.emails.join('; '));
  add(
    s.accounts,
    p.accounts.map((a) => [a.platform, a.handle, a.url].filter(Boolean).join(' ')).join('; '),
  );
  add(s.address, p.address);
  return { id, label: personLabel(p), facts };
}

function exhibitLine(
  ref: string,
  id: string,
  ev: Evidence,
  loc: ReportOptions['locale'],
): ExhibitLine {
  return {
    ref,
    evidenceId: id,
    title: ev.title,
    fileName: ev.file.name,
    mediaType: ev.file.mediaType,
    captured:
      ev.exif?.takenAt !== undefined
        ? `${ev.exif.takenAt.replace('T', ' ')}${ev.exif.offset !== undefined ? ` (UTC${ev.exif.offset})` : ''}`
        : formatDate(ev.date)[loc],
    size: ev.file.size,
    sha256: ev.file.sha256 ?? '',
  };
}

function conversations(
  incidents: readonly Incident[],
  s: ReportStrings,
  loc: ReportOptions['locale'],
): Conversation[] {
  const groups = new Map<string, ImportedItemRecord[]>();
  for (const inc of incidents) {
    if (inc.imported === undefined) continue;
    const title = inc.imported.conversation ?? inc.imported.format;
    const list = groups.get(title) ?? [];
    list.push(...inc.imported.items);
    groups.set(title, list);
  }
  return [...groups].map(([title, items]) => ({
    title,
    messages: [...items]
      .sort((a, b) => Date.parse(a.at) - Date.parse(b.at))
      .map((m) => ({
        at: formatZoned(m.at, undefined, loc, true),
        sender: [m.senderName, m.sender].filter(Boolean).join(' '),
        direction: s.directions[m.direction] ?? '',
        text: m.kind === 'call' ? s.call(m.durationSeconds) : (m.text ?? s.noText),
      })),
  }));
}

const WEEKDAYS = {
  en: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
  cy: [
    'Dydd Llun',
    'Dydd Mawrth',
    'Dydd Mercher',
    'Dydd Iau',
    'Dydd Gwener',
    'Dydd Sadwrn',
    'Dydd Sul',
  ],
} as const;

/**
 * A zoned time as written, in words: "Sunday 29 March 2026, 19:05 (Europe/London, UTC+01:00)".
 * The wall time is the one the person recorded; it is never shifted to another zone.
 */
export function formatZoned(
  zoned: string,
  timeZone: string | undefined,
  loc: ReportOptions['locale'],
  seconds = false,
): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:\d{2})?(?:\.\d+)?(Z|[+-]\d{2}:\d{2})$/.exec(zoned);
  if (m === null) return zoned;
  const [, date = '', hm = '', sec, zone = 'Z'] = m;
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const weekday = (new Date(Date.UTC(y, mo - 1, d)).getUTCDay() + 6) % 7;
  const offset = zone === 'Z' ? '+00:00' : zone;
  const time = `${hm}${seconds ? (sec ?? ':00') : ''}`;
  const where = timeZone === undefined ? `UTC${offset}` : `${timeZone}, UTC${offset}`;
  return `${WEEKDAYS[loc][weekday] ?? ''} ${formatDate(date)[loc]}, ${time} (${where})`;
}

/** An ISO instant shown in a zone, with its offset. */
export function formatInstant(iso: string, timeZone: string, loc: ReportOptions['locale']): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return formatZoned(zonedFromInstant(ms, timeZone), timeZone, loc);
}
