/**
 * The summary at the top of the printed log: how many incidents, over what period, who was
 * involved and what they did most.
 */
import {
  byBehaviour,
  byChannel,
  type BehaviourCount,
  type Breakdown,
  type ChannelCount,
} from './breakdowns.js';
import { courseOfConduct, type CourseOfConduct } from './conduct.js';
import { effectsRecorded, type EffectSeen } from './effects.js';
import { isReported } from './incident.js';
import {
  ensurePrepared,
  type Diary,
  type PreparedDiary,
  type PreparedIncident,
} from './prepare.js';
import type { BehaviourKey, ChannelKey, EffectKey } from './taxonomy.js';
import { formatCount, formatDate, welshCount, type Bilingual, type LocalDate } from './text.js';
import type { ZonedTime } from './time.js';

export interface SummaryEnd {
  readonly id: string;
  /** Local date in the display zone. */
  readonly date: LocalDate;
  /** The start exactly as recorded, and the zone it was recorded in. */
  readonly recorded: ZonedTime;
  readonly recordedTimeZone: string;
}

export interface DiarySummary {
  readonly timeZone: string;
  readonly total: number;
  readonly reported: number;
  readonly approximate: number;
  readonly withEvidence: number;
  readonly first?: SummaryEnd;
  readonly last?: SummaryEnd;
  /** Calendar days from the first incident's date to the last's, both included. */
  readonly daysCovered: number;
  /** People recorded as having done something, most occasions first. */
  readonly people: readonly {
    readonly personId: string;
    readonly label?: string;
    readonly incidents: number;
    readonly occasions: number;
    readonly atLeastTwoOccasions: boolean;
  }[];
  /** Distinct people recorded as witnesses. */
  readonly witnesses: number;
  readonly topBehaviours: readonly { readonly key: BehaviourKey; readonly count: number }[];
  readonly topChannels: readonly { readonly key: ChannelKey; readonly count: number }[];
  /** s.4A day-to-day changes recorded, in taxonomy order. */
  readonly effects: readonly EffectKey[];
  /** One sentence: "42 incidents recorded from 3 January 2026 to 28 April 2026, involving 2 people." */
  readonly headline: Bilingual;
}

/**
 * The print view's summary. O(n log n).
 *
 * @example
 * summarise(diary, { timeZone: 'Europe/London' }).headline.en
 * // "42 incidents recorded from 3 January 2026 to 28 April 2026, involving 2 people."
 */
export function summarise(
  diary: Diary | PreparedDiary,
  options: { readonly timeZone: string; readonly top?: number },
): DiarySummary {
  const p = ensurePrepared(diary, options.timeZone);
  return summaryFrom(p, {
    top: options.top ?? 5,
    conduct: courseOfConduct(p, options),
    behaviours: byBehaviour(p, options),
    channels: byChannel(p, options),
    effects: effectsRecorded(p, options),
  });
}

/**
 * The summary from analyses already made, so that `analyseDiary` does not make them twice.
 *
 * @example summaryFrom(prepared, { top: 5, conduct, behaviours, channels, effects })
 */
export function summaryFrom(
  p: PreparedDiary,
  parts: {
    readonly top: number;
    readonly conduct: CourseOfConduct;
    readonly behaviours: Breakdown<BehaviourCount>;
    readonly channels: Breakdown<ChannelCount>;
    readonly effects: readonly EffectSeen[];
  },
): DiarySummary {
  let reported = 0;
  let approximate = 0;
  let withEvidence = 0;
  const witnesses = new Set<string>();
  for (const { incident } of p.incidents) {
    if (isReported(incident)) reported++;
    if (incident.when.approximate) approximate++;
    if (incident.evidenceIds.length > 0) withEvidence++;
    for (const id of incident.witnessIds) witnesses.add(id);
  }
  const firstIncident = p.incidents[0];
  const lastIncident = p.incidents[p.incidents.length - 1];
  const first = firstIncident && end(firstIncident);
  const last = lastIncident && end(lastIncident);
  const people = parts.conduct.people.map((c) => ({
    personId: c.personId,
    ...(c.label === undefined ? {} : { label: c.label }),
    incidents: c.incidents,
    occasions: c.occasions,
    atLeastTwoOccasions: c.atLeastTwoOccasions,
  }));
  return {
    timeZone: p.timeZone,
    total: p.incidents.length,
    reported,
    approximate,
    withEvidence,
    ...(first === undefined ? {} : { first }),
    ...(last === undefined ? {} : { last }),
    daysCovered: firstIncident && lastIncident ? lastIncident.day - firstIncident.day + 1 : 0,
    people,
    witnesses: witnesses.size,
    topBehaviours: parts.behaviours.items
      .slice(0, parts.top)
      .map(({ key, count }) => ({ key, count })),
    topChannels: parts.channels.items.slice(0, parts.top).map(({ key, count }) => ({ key, count })),
    effects: parts.effects.map((e) => e.key),
    headline: headline(p.incidents.length, first?.date, last?.date, people.length),
  };
}

function end(incident: PreparedIncident): SummaryEnd {
  return {
    id: incident.id,
    date: incident.date,
    recorded: incident.incident.when.start,
    recordedTimeZone: incident.incident.when.timeZone,
  };
}

function headline(
  total: number,
  first: LocalDate | undefined,
  last: LocalDate | undefined,
  people: number,
): Bilingual {
  if (total === 0 || first === undefined || last === undefined) {
    return { en: 'No incidents recorded.', cy: "Dim digwyddiadau wedi'u cofnodi." };
  }
  const a = formatDate(first);
  const b = formatDate(last);
  const count = {
    en: `${formatCount(total)} ${total === 1 ? 'incident' : 'incidents'} recorded`,
    cy:
      total === 1
        ? "1 digwyddiad wedi'i gofnodi"
        : `${welshCount(formatCount(total), 'digwyddiad', 'ddigwyddiadau')} wedi'u cofnodi`,
  };
  const period =
    first === last
      ? { en: `on ${a.en}`, cy: `ar ${a.cy}` }
      : { en: `from ${a.en} to ${b.en}`, cy: `o ${a.cy} hyd at ${b.cy}` };
  const who =
    people === 0
      ? { en: '', cy: '' }
      : {
          en: `, involving ${people} ${people === 1 ? 'person' : 'people'}`,
          cy: `, yn ymwneud â ${welshCount(people, 'person', 'bobl')}`,
        };
  return {
    en: `${count.en} ${period.en}${who.en}.`,
    cy: `${count.cy} ${period.cy}${who.cy}.`,
  };
}
