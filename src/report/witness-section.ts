/**
 * The report's "Witness statements" section (docs/report-and-bundle.md, vault-protocol §15): each
 * kept statement linked to an incident in the report, in the witness's own words exactly as sent,
 * with their declaration and date, the incidents it is about (by log number) and the receipt the
 * log gave the sealed statement when it arrived. The person's own note on a statement is theirs,
 * not the witness's, and is left out of the PDF (the bundle's entries.json carries it, as it
 * carries every field of an included record). Pure.
 */
import { formatDate } from '../domain/diary/text.js';
import type { WitnessStatementRecord } from '../domain/witness.js';
import { current, type ReportOptions, type ReportRecord, type ReportRecords } from './input.js';
import type { LogEntry, WitnessStatementLine } from './report-model.js';
import { formatInstant } from './sections.js';
import type { ReportStrings } from './strings.js';

/** "W1", "W2"…: the same in both languages, like exhibit references. */
export const WITNESS_REF_PREFIX = 'W';

/**
 * The statements linked to at least one incident in `log`, oldest arrival first, numbered W1,
 * W2…; and, for each log entry, the references of the statements about it.
 */
export function witnessSection(
  records: ReportRecords,
  log: readonly LogEntry[],
  s: ReportStrings,
  options: Pick<ReportOptions, 'locale' | 'timeZone' | 'includeWitnessStatements'>,
  /** Exhibit references by evidence id: the files a statement brought, when in the report. */
  exhibitRef: ReadonlyMap<string, string> = new Map(),
): {
  readonly lines: WitnessStatementLine[];
  readonly recordIds: string[];
  readonly refsByIncident: ReadonlyMap<string, readonly string[]>;
} {
  const loc = options.locale;
  const numberOf = new Map(log.map((e) => [e.id, e.number] as const));
  const chosen =
    options.includeWitnessStatements === false
      ? []
      : (records.witnessStatements ?? [])
          .map((r) => ({ record: r, value: current(r).value }))
          .filter(({ value }) => value.incidentIds.some((id) => numberOf.has(id)))
          .sort(
            (a, b) =>
              Date.parse(a.value.receivedAt) - Date.parse(b.value.receivedAt) ||
              (a.record.id < b.record.id ? -1 : 1),
          );
  const refsByIncident = new Map<string, string[]>();
  const lines = chosen.map(({ record, value }, i) => {
    const ref = `${WITNESS_REF_PREFIX}${String(i + 1)}`;
    const incidents = [...new Set(value.incidentIds)]
      .filter((id) => numberOf.has(id))
      .sort((a, b) => (numberOf.get(a) ?? 0) - (numberOf.get(b) ?? 0));
    for (const id of incidents) refsByIncident.set(id, [...(refsByIncident.get(id) ?? []), ref]);
    return lineOf(ref, record, value, {
      s,
      loc,
      timeZone: options.timeZone,
      incidents: incidents.map((id) => numberOf.get(id) ?? 0),
      arrival: records.witnessArrivals?.[record.id],
      files: (value.evidenceIds ?? []).flatMap((id) => {
        const ref = exhibitRef.get(id);
        return ref === undefined ? [] : [ref];
      }),
    });
  });
  return { lines, recordIds: chosen.map((c) => c.record.id), refsByIncident };
}

function lineOf(
  ref: string,
  record: ReportRecord<WitnessStatementRecord>,
  value: WitnessStatementRecord,
  c: {
    s: ReportStrings;
    loc: ReportOptions['locale'];
    timeZone: string;
    incidents: readonly number[];
    arrival: { readonly receivedAt: string; readonly leafIndex: number } | undefined;
    files: readonly string[];
  },
): WitnessStatementLine {
  const st = value.statement;
  const w = c.s.witness;
  const text = (v: string | undefined) => (v === undefined || v.trim() === '' ? undefined : v);
  const when = `${formatDate(st.when.date)[c.loc]}${st.when.time !== undefined ? `, ${st.when.time}` : ''}${
    st.when.approximate ? ` (${c.s.approximate})` : ''
  }`;
  const where = text(st.where);
  const saw = text(st.saw);
  const said = text(st.said);
  const howKnown = text(st.howKnown);
  return {
    ref,
    id: record.id,
    statementId: value.statementId,
    title: w.statement(ref),
    incidents: c.incidents,
    // The receipt's time when there is one: that is the proven one.
    received: formatInstant(c.arrival?.receivedAt ?? value.receivedAt, c.timeZone, c.loc),
    when,
    ...(where !== undefined ? { where } : {}),
    ...(saw !== undefined ? { saw } : {}),
    ...(said !== undefined ? { said } : {}),
    ...(howKnown !== undefined ? { howKnown } : {}),
    ...(c.files.length > 0 ? { files: c.files.join(', ') } : {}),
    name: text(st.name) ?? w.notGiven,
    contact: text(st.contact) ?? w.notGiven,
    declaration: w.declaration(formatDate(st.declaration.date)[c.loc]),
    ...(c.arrival !== undefined
      ? {
          receipt: c.s.receiptText(
            formatInstant(c.arrival.receivedAt, c.timeZone, c.loc),
            c.arrival.leafIndex,
          ),
        }
      : {}),
  };
}
