/**
 * The summary's "incidents over time" chart: a bar a week, or a bar a month when the period is
 * long. An officer reads the shape at a glance; 104 weekly bars for two years would fill two
 * pages and hide it.
 */
import type { PreparedIncident } from '../domain/diary/prepare.js';
import type { Locale } from '../domain/locales.js';
import { formatDate, formatMonth } from '../domain/diary/text.js';
import type { Counted, ReportModel } from './report-model.js';

/** More weeks than this (about six months) are shown as months. */
export const MAX_WEEKLY_BARS = 26;

/** Every calendar month from `first` to `last` ('YYYY-MM'), in order. */
function monthsBetween(first: string, last: string): string[] {
  const out: string[] = [];
  let [y = 0, m = 1] = first.split('-').map(Number);
  for (;;) {
    const key = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
    if (key > last) return out;
    out.push(key);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
}

/**
 * Bars for the chosen incidents. `weeks` are the weekly counts for the period (from
 * `weeklyCounts`, zero weeks included); the monthly bars cover the same period, zero months
 * included, and count each incident by its local date.
 */
export function overTime(
  weeks: readonly { readonly start: string; readonly count: number }[],
  incidents: readonly Pick<PreparedIncident, 'date'>[],
  loc: Locale,
): ReportModel['summary']['overTime'] {
  if (weeks.length <= MAX_WEEKLY_BARS) {
    return {
      unit: 'week',
      bars: weeks.map((w): Counted => ({ label: formatDate(w.start)[loc], count: w.count })),
    };
  }
  const months = incidents.map((p) => p.date.slice(0, 7));
  const firstWeek = weeks[0]?.start.slice(0, 7);
  const lastWeek = weeks[weeks.length - 1]?.start.slice(0, 7);
  const first = [firstWeek, ...months].filter((m) => m !== undefined).sort()[0] ?? '';
  const last =
    [lastWeek, ...months]
      .filter((m) => m !== undefined)
      .sort()
      .pop() ?? '';
  const counts = new Map<string, number>();
  for (const m of months) counts.set(m, (counts.get(m) ?? 0) + 1);
  return {
    unit: 'month',
    bars: monthsBetween(first, last).map((m) => ({
      label: formatMonth(m)[loc],
      count: counts.get(m) ?? 0,
    })),
  };
}
