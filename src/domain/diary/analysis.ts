/**
 * The pattern view in one call: every analysis of the diary, computed from one preparation.
 * Pure and deterministic: the same diary, zone and `now` always give the same result.
 * O(n log n) in the number of incidents; for 10,000 generated incidents (fixtures.ts) it takes
 * tens of milliseconds in Node once warm. Budgets are measured in bench/, never asserted in tests.
 */
import {
  byBehaviour,
  byBehaviourGroup,
  byChannel,
  byPerson,
  byPlace,
  type BehaviourCount,
  type Breakdown,
  type ChannelCount,
  type GroupCount,
  type PersonCount,
  type PlaceCount,
} from './breakdowns.js';
import { courseOfConduct, type CourseOfConduct } from './conduct.js';
import { effectsRecorded, type EffectSeen } from './effects.js';
import { gaps, type GapOptions, type Gaps } from './gaps.js';
import { heatmap, type Heatmap } from './heatmap.js';
import { ensurePrepared, type Diary, type PreparedDiary } from './prepare.js';
import { summaryFrom, type DiarySummary } from './summary.js';
import { trend, weeklyCounts, type Trend, type TrendOptions, type WeeklyCounts } from './weekly.js';
import type { LocalDate } from './text.js';

export interface AnalysisOptions {
  /** The zone the person chose for display: days, weeks and hours are in its calendar. */
  readonly timeZone: string;
  /** Now, from the caller: analysis never reads the clock. */
  readonly now: Date;
  /** Limit the weekly series to these local dates (inclusive). */
  readonly from?: LocalDate;
  readonly to?: LocalDate;
  readonly trend?: TrendOptions;
  readonly gaps?: Pick<GapOptions, 'minDays' | 'limit' | 'quietAfterDays'>;
  /** How many behaviours and channels the summary lists. Default 5. */
  readonly top?: number;
}

export interface PatternView {
  readonly timeZone: string;
  readonly weekly: WeeklyCounts;
  readonly trend: Trend;
  readonly heatmap: Heatmap;
  readonly behaviours: Breakdown<BehaviourCount>;
  readonly behaviourGroups: Breakdown<GroupCount>;
  readonly channels: Breakdown<ChannelCount>;
  readonly places: Breakdown<PlaceCount>;
  readonly people: Breakdown<PersonCount>;
  readonly courseOfConduct: CourseOfConduct;
  readonly effects: readonly EffectSeen[];
  readonly gaps: Gaps;
  readonly summary: DiarySummary;
}

/**
 * Everything the pattern view shows. Filter first (filter.ts) to analyse part of the diary.
 *
 * @example
 * const view = analyseDiary(
 *   { incidents, people, places, effects },
 *   { timeZone: 'Europe/London', now: new Date() },  // `now` comes from the UI, never from here
 * );
 * view.trend.explanation.en // "No clear rise or fall. Over the 12 full weeks from …"
 */
export function analyseDiary(diary: Diary | PreparedDiary, options: AnalysisOptions): PatternView {
  const { timeZone, now } = options;
  const p = ensurePrepared(diary, timeZone);
  const zone = { timeZone };
  const weekly = weeklyCounts(p, {
    timeZone,
    now,
    ...(options.from === undefined ? {} : { from: options.from }),
    ...(options.to === undefined ? {} : { to: options.to }),
  });
  const behaviours = byBehaviour(p, zone);
  const channels = byChannel(p, zone);
  const conduct = courseOfConduct(p, zone);
  const effects = effectsRecorded(p, zone);
  return {
    timeZone,
    weekly,
    trend: trend(weekly, options.trend),
    heatmap: heatmap(p, zone),
    behaviours,
    behaviourGroups: byBehaviourGroup(p, zone),
    channels,
    places: byPlace(p, zone),
    people: byPerson(p, zone),
    courseOfConduct: conduct,
    effects,
    gaps: gaps(p, { timeZone, now, ...options.gaps }),
    summary: summaryFrom(p, { top: options.top ?? 5, conduct, behaviours, channels, effects }),
  };
}
