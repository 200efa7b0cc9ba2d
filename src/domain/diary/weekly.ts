/**
 * Incidents per ISO week in the person's time zone, empty weeks included, and whether the
 * weekly number is going up, staying level or going down.
 *
 * The trend is Sen's slope (the median of the slopes between every pair of weeks, also called
 * Theil–Sen) with the Mann–Kendall test deciding whether the rise or fall is clear enough to
 * mention. Both are robust: one very bad week does not make a trend. The test assumes weeks are
 * independent, which real harassment is not, so the wording stays modest: "escalating" only
 * when the rise is clear, "no clear rise or fall" otherwise, and never a forecast.
 */
import { ensurePrepared, type Diary, type PreparedDiary } from './prepare.js';
import { formatAmount, formatDate, welshCount, type Bilingual, type LocalDate } from './text.js';
import { dateOfDay, dayOfDate, isoWeekOfDay, zoneClock } from './time.js';

export interface WeekCount {
  /** ISO week, such as "2026-W13". */
  readonly week: string;
  /** The Monday it starts on. */
  readonly start: LocalDate;
  readonly count: number;
  /**
   * The week is not complete: it contains `now` or later days, or the date range cuts it.
   * Partial weeks are shown but left out of the trend, because their counts are not comparable.
   */
  readonly partial: boolean;
}

export interface WeeklyCounts {
  readonly timeZone: string;
  readonly weeks: readonly WeekCount[];
  /** Incidents counted: the sum of the weeks' counts. */
  readonly total: number;
}

export interface WeeklyOptions {
  /** The zone whose calendar defines days and weeks. */
  readonly timeZone: string;
  readonly now: Date;
  /** First local date to count (inclusive). Default: the first incident. */
  readonly from?: LocalDate;
  /** Last local date to count (inclusive). Default: today, or the last incident if later. */
  readonly to?: LocalDate;
}

/**
 * Counts incidents per ISO week (Monday to Sunday) in a time zone, from the first incident's week
 * (or `from`) to the current week (or `to`), with empty weeks included. O(n + weeks).
 *
 * @example
 * weeklyCounts(diary, { timeZone: 'Europe/London', now: new Date('2026-03-18T12:00:00Z') })
 * // { weeks: [{ week: '2026-W10', start: '2026-03-02', count: 2, partial: false },
 * //           { week: '2026-W11', start: '2026-03-09', count: 0, partial: false },
 * //           { week: '2026-W12', start: '2026-03-16', count: 1, partial: true }], total: 3, … }
 */
export function weeklyCounts(diary: Diary | PreparedDiary, options: WeeklyOptions): WeeklyCounts {
  const { timeZone } = options;
  const p = ensurePrepared(diary, timeZone);
  const nowDay = zoneClock(timeZone).local(options.now.getTime()).day;
  const fromDay = options.from === undefined ? undefined : dayOfDate(options.from);
  const toDay = options.to === undefined ? undefined : dayOfDate(options.to);
  const first = p.incidents[0];
  const last = p.incidents[p.incidents.length - 1];
  const startDay = fromDay ?? first?.day;
  const endDay = toDay ?? Math.max(nowDay, last?.day ?? nowDay);
  if (startDay === undefined || endDay < startDay) return { timeZone, weeks: [], total: 0 };

  const firstMonday = isoWeekOfDay(startDay).monday;
  const weekCount = Math.floor((isoWeekOfDay(endDay).monday - firstMonday) / 7) + 1;
  const counts = new Array<number>(weekCount).fill(0);
  let total = 0;
  for (const incident of p.incidents) {
    if (incident.day < startDay || incident.day > endDay) continue;
    const index = Math.floor((incident.day - firstMonday) / 7);
    counts[index] = (counts[index] ?? 0) + 1;
    total++;
  }
  const completeUntil = Math.min(endDay, nowDay);
  const weeks = counts.map((count, i): WeekCount => {
    const monday = firstMonday + i * 7;
    return {
      week: isoWeekOfDay(monday).label,
      start: dateOfDay(monday),
      count,
      partial: (fromDay !== undefined && monday < fromDay) || monday + 6 > completeUntil,
    };
  });
  return { timeZone, weeks, total };
}

// ---- trend ----

export type TrendDirection = 'escalating' | 'steady' | 'falling' | 'not-enough-data';

export interface TrendOptions {
  /** Fewest incidents in the weeks used before saying anything. Default 5. */
  readonly minIncidents?: number;
  /** Fewest complete weeks before saying anything. Default 4. */
  readonly minWeeks?: number;
  /** Use only the last this-many complete weeks. Default: all, up to `MAX_TREND_WEEKS`. */
  readonly lastWeeks?: number;
}

export interface Trend {
  readonly direction: TrendDirection;
  /** Sen's slope: change in incidents a week, per week. 0 when there is not enough data. */
  readonly slopePerWeek: number;
  /** Complete weeks used. */
  readonly weeks: number;
  /** Incidents in those weeks. */
  readonly incidents: number;
  /** The first day (a Monday) and the last day (a Sunday) of the weeks used. */
  readonly from?: LocalDate;
  readonly to?: LocalDate;
  /** The fitted weekly number at the first and last week used (never below 0). */
  readonly typicalAtStart: number;
  readonly typicalAtEnd: number;
  readonly averagePerWeek: number;
  /** Mann–Kendall z score; |z| ≥ 1.96 counts as a clear change. */
  readonly z: number;
  readonly explanation: Bilingual;
}

/**
 * The trend looks at no more than the last ten years of complete weeks, so that its O(w²) work
 * stays small even when a mistyped year (1926 for 2026) stretches the series over a century.
 */
export const MAX_TREND_WEEKS = 520;

/** Two-sided 5% level of the normal distribution. */
const CLEAR_CHANGE_Z = 1.959964;

/**
 * Says whether incidents are escalating, steady or falling, from the complete weeks of a weekly
 * series. Below the minimum it says there are not enough entries to tell. "Escalating" and
 * "falling" need both a non-zero Sen's slope and a clear Mann–Kendall result; anything else is
 * "steady", explained as "no clear rise or fall". O(w²) in the number of weeks w (a year is 52),
 * with w at most `MAX_TREND_WEEKS`.
 *
 * @example
 * trend(weeklyCounts(diary, options)).direction // 'escalating'
 * @example
 * trend({ timeZone: 'UTC', total: 1, weeks: [{ week: '2026-W01', start: '2025-12-29', count: 1, partial: false }] })
 *   .explanation.en // "Not enough entries to tell yet. …"
 */
export function trend(weekly: WeeklyCounts, options: TrendOptions = {}): Trend {
  const minIncidents = options.minIncidents ?? 5;
  const minWeeks = Math.max(2, options.minWeeks ?? 4);
  const lastWeeks = Math.min(MAX_TREND_WEEKS, Math.max(1, options.lastWeeks ?? MAX_TREND_WEEKS));
  const complete = weekly.weeks.filter((w) => !w.partial).slice(-lastWeeks);
  const counts = complete.map((w) => w.count);
  const incidents = counts.reduce((a, b) => a + b, 0);
  const from = complete[0]?.start;
  const lastMonday = complete[complete.length - 1]?.start;
  const lastDay = lastMonday === undefined ? undefined : dayOfDate(lastMonday);
  const to = lastDay === undefined ? undefined : dateOfDay(lastDay + 6);
  const range = from === undefined || to === undefined ? {} : { from, to };
  const averagePerWeek = counts.length === 0 ? 0 : incidents / counts.length;

  if (counts.length < minWeeks || incidents < minIncidents) {
    return {
      direction: 'not-enough-data',
      slopePerWeek: 0,
      weeks: counts.length,
      incidents,
      ...range,
      typicalAtStart: averagePerWeek,
      typicalAtEnd: averagePerWeek,
      averagePerWeek,
      z: 0,
      explanation: notEnough(minIncidents, minWeeks),
    };
  }

  const { slope, intercept } = theilSen(counts);
  const { z } = mannKendall(counts);
  const direction: TrendDirection =
    slope > 0 && z >= CLEAR_CHANGE_Z
      ? 'escalating'
      : slope < 0 && z <= -CLEAR_CHANGE_Z
        ? 'falling'
        : 'steady';
  const typicalAtStart = Math.max(0, intercept);
  const typicalAtEnd = Math.max(0, intercept + slope * (counts.length - 1));
  return {
    direction,
    slopePerWeek: slope,
    weeks: counts.length,
    incidents,
    ...range,
    typicalAtStart,
    typicalAtEnd,
    averagePerWeek,
    z,
    explanation: explain(direction, {
      weeks: counts.length,
      from: from ?? '',
      to: to ?? '',
      typicalAtStart,
      typicalAtEnd,
      averagePerWeek,
    }),
  };
}

function notEnough(minIncidents: number, minWeeks: number): Bilingual {
  return {
    en: `Not enough entries to tell yet. A trend needs at least ${minIncidents} ${minIncidents === 1 ? 'entry' : 'entries'} over at least ${minWeeks} full weeks.`,
    cy: `Does dim digon o gofnodion i ddweud eto. Mae angen o leiaf ${welshCount(minIncidents, 'cofnod', 'gofnodion')} dros o leiaf ${minWeeks} wythnos lawn i weld tuedd.`,
  };
}

function explain(
  direction: Exclude<TrendDirection, 'not-enough-data'>,
  f: {
    weeks: number;
    from: LocalDate;
    to: LocalDate;
    typicalAtStart: number;
    typicalAtEnd: number;
    averagePerWeek: number;
  },
): Bilingual {
  const from = formatDate(f.from);
  const to = formatDate(f.to);
  const span = {
    en: `Over the ${f.weeks} full ${f.weeks === 1 ? 'week' : 'weeks'} from ${from.en} to ${to.en}`,
    cy: `Dros y ${f.weeks} wythnos lawn o ${from.cy} hyd at ${to.cy}`,
  };
  const a = formatAmount(f.typicalAtStart);
  const b = formatAmount(f.typicalAtEnd);
  switch (direction) {
    case 'escalating':
      return {
        en: `Escalating: incidents are being recorded more often. ${span.en}, the typical number a week rose from about ${a} to about ${b}.`,
        cy: `Yn cynyddu: mae digwyddiadau'n cael eu cofnodi'n amlach. ${span.cy}, cododd y nifer arferol bob wythnos o tua ${a} i tua ${b}.`,
      };
    case 'falling':
      return {
        en: `Fewer incidents are being recorded. ${span.en}, the typical number a week fell from about ${a} to about ${b}. This shows only what is in your diary: it does not mean the danger has passed.`,
        cy: `Mae llai o ddigwyddiadau'n cael eu cofnodi. ${span.cy}, gostyngodd y nifer arferol bob wythnos o tua ${a} i tua ${b}. Dim ond yr hyn sydd yn eich dyddiadur mae hyn yn ei ddangos: dydy e ddim yn golygu bod y perygl wedi mynd heibio.`,
      };
    case 'steady': {
      const avg = formatAmount(f.averagePerWeek);
      return {
        en: `No clear rise or fall. ${span.en}, about ${avg} ${avg === '1' ? 'incident was' : 'incidents were'} recorded a week on average.`,
        cy: `Dim cynnydd na gostyngiad clir. ${span.cy}, cafodd tua ${welshCount(avg, 'digwyddiad', 'ddigwyddiadau')} eu cofnodi bob wythnos ar gyfartaledd.`,
      };
    }
  }
}

/**
 * Sen's slope and intercept for values at x = 0, 1, 2, …: the median of all pairwise slopes,
 * and the median of y − slope·x. O(n² log n) for n values.
 *
 * @example theilSen([1, 2, 3, 4, 5, 60]) // { slope: 1, intercept: 1 }: the outlier does not move it
 */
export function theilSen(ys: readonly number[]): { slope: number; intercept: number } {
  const n = ys.length;
  if (n < 2) return { slope: 0, intercept: ys[0] ?? 0 };
  const slopes = new Float64Array((n * (n - 1)) / 2);
  let k = 0;
  for (let i = 0; i < n; i++) {
    const yi = ys[i] ?? 0;
    for (let j = i + 1; j < n; j++) slopes[k++] = ((ys[j] ?? 0) - yi) / (j - i);
  }
  const slope = median(slopes);
  const residuals = Float64Array.from(ys, (y, i) => y - slope * i);
  return { slope, intercept: median(residuals) };
}

function median(values: Float64Array): number {
  if (values.length === 0) return 0;
  values.sort();
  const mid = values.length >> 1;
  return values.length % 2 === 1
    ? (values[mid] ?? 0)
    : ((values[mid - 1] ?? 0) + (values[mid] ?? 0)) / 2;
}

/**
 * The Mann–Kendall trend statistic S, its variance (corrected for ties) and the continuity-
 * corrected z score. O(n²).
 *
 * @example mannKendall([1, 2, 3, 4, 5]).s // 10
 */
export function mannKendall(ys: readonly number[]): { s: number; variance: number; z: number } {
  const n = ys.length;
  let s = 0;
  for (let i = 0; i < n; i++) {
    const yi = ys[i] ?? 0;
    for (let j = i + 1; j < n; j++) s += Math.sign((ys[j] ?? 0) - yi);
  }
  const ties = new Map<number, number>();
  for (const y of ys) ties.set(y, (ties.get(y) ?? 0) + 1);
  let tieTerm = 0;
  for (const t of ties.values()) tieTerm += t * (t - 1) * (2 * t + 5);
  const variance = (n * (n - 1) * (2 * n + 5) - tieTerm) / 18;
  const z = variance <= 0 || s === 0 ? 0 : (s - Math.sign(s)) / Math.sqrt(variance);
  return { s, variance, z };
}
