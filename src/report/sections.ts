/**
 * The parts of the report model built one record at a time: a log entry, a person, an exhibit,
 * the effects list, the copied conversations, and times written out in words.
 */
import {
  EFFECTS,
  BEHAVIOURS,
  CHANNELS,
  RELATIONSHIPS,
  personLabel,
  wordsEdited,
  type EffectRecord,
  type Incident,
  type ImportedItemRecord,
  type Person,
} from '../domain/diary/index.js';
import { formatDate } from '../domain/diary/text.js';
import { zonedFromInstant } from '../domain/diary/time.js';
import type { Evidence } from '../domain/evidence/index.js';
import { current, type ReportOptions, type ReportRecord } from './input.js';
import type { Conversation, ExhibitLine, LogEntry, PersonSection } from './report-model.js';
import { REPORT_STRINGS, type ReportStrings } from './strings.js';

export interface EntryContext {
  readonly s: ReportStrings;
  readonly loc: ReportOptions['locale'];
  readonly label: (id: string) => string;
  readonly place: (id: string) => string | undefined;
  readonly exhibitRef: ReadonlyMap<string, string>;
  readonly options: ReportOptions;
}

export function logEntry(
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

export function effectLines(
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

export function personSectionOf(
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

export function exhibitLine(
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

export function conversations(
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
