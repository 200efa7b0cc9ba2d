/**
 * The report model: what the person chose to share, laid out in the sections an officer reads,
 * in order (issue 13): cover, summary, the risk check (when chosen), effects, the numbered log,
 * people, exhibits, the safety plan (when ticked), copied messages. Pure: the same records and options always give the same model, and anything left out
 * by a choice is never copied into it, so the PDF (which draws only the model) cannot show it.
 */
import {
  BEHAVIOURS,
  CHANNELS,
  personLabel,
  prepareDiary,
  trend,
  weeklyCounts,
  type Incident,
} from '../domain/diary/index.js';
import { formatAmount, formatDate } from '../domain/diary/text.js';
import { current, type ReportOptions, type ReportRecord, type ReportRecords } from './input.js';
import { exhibitInitials } from './exhibits.js';
import { overTime } from './over-time.js';
import { planRecordId, riskCheckSection, safetyPlanSection } from './safety-sections.js';
import type { Counted, LogEntry, ReportModel } from './report-model.js';
import {
  conversations,
  effectLines,
  exhibitLine,
  formatInstant,
  logEntry,
  personSectionOf,
} from './sections.js';
import { REPORT_STRINGS, timeBandLabel } from './strings.js';
import { witnessSection } from './witness-section.js';

export type * from './report-model.js';
export { formatInstant, formatZoned } from './sections.js';

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
  const plainLog: LogEntry[] = ordered.map(({ prepared, record }, i) => {
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

  // Witness statements about the chosen incidents; each log entry names its own.
  const witness = witnessSection(records, plainLog, s, options, exhibitRef);
  const log: LogEntry[] = plainLog.map((e) => {
    const refs = witness.refsByIncident.get(e.id);
    return refs === undefined ? e : { ...e, witnessStatements: refs };
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
  const riskRecords = options.includeRiskCheck === true ? (records.riskChecks ?? []) : [];
  const riskCheck = riskCheckSection(riskRecords, loc);
  const planRecords = options.includeSafetyPlan === true ? (records.safetyPlan ?? []) : [];
  const safetyPlan = safetyPlanSection(planRecords, loc);
  const planId = safetyPlan === undefined ? undefined : planRecordId(planRecords);
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
      overTime: overTime(weekly?.weeks ?? [], diary.incidents, loc),
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
    ...(riskCheck !== undefined ? { riskCheck } : {}),
    ...(options.includeEffects ? { effects: effectLines(effectRecords, log, loc) } : {}),
    log,
    people: {
      responsible: responsibleIds.flatMap((id) => personSectionOf(id, people, s, loc)),
      witnesses: witnessOnly
        .filter((id) => !perpetratorIds.has(id))
        .flatMap((id) => personSectionOf(id, people, s, loc)),
    },
    ...(witness.lines.length > 0 ? { witnessStatements: witness.lines } : {}),
    ...(options.includeEvidence
      ? {
          exhibits: [...exhibitRef].flatMap(([id, ref]) => {
            const ev = evidence.get(id);
            return ev === undefined ? [] : [exhibitLine(ref, id, current(ev).value, loc)];
          }),
        }
      : {}),
    ...(safetyPlan !== undefined ? { safetyPlan } : {}),
    ...(options.includeImported ? { conversations: conversations(incidents, s, loc) } : {}),
    recordIds: {
      incidents: ordered.map((o) => o.record.id),
      people: [...new Set([...responsibleIds, ...witnessOnly])],
      places: [...placeIds].filter((id) => places.has(id)),
      effects: effectRecords.map((e) => e.id),
      evidence: [...exhibitRef.keys()],
      riskChecks: riskRecords.map((r) => r.id),
      safetyPlan: planId === undefined ? [] : [planId],
      witnessStatements: witness.recordIds,
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
