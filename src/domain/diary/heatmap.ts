/**
 * When incidents happen: a weekday × hour-of-day grid in a display time zone. Each incident is
 * counted once, in the bucket of the wall-clock time its start showed in that zone at that
 * instant, so the grid stays right across clock changes: an incident at 01:30 BST and one at
 * 01:30 GMT on 25 October 2026 both land at Sunday 01:00 in Europe/London.
 */
import { ensurePrepared, type Diary, type PreparedDiary } from './prepare.js';

export interface Heatmap {
  readonly timeZone: string;
  /** `counts[weekday][hour]`: weekday 0 is Monday, 6 is Sunday; hour 0–23. */
  readonly counts: readonly (readonly number[])[];
  /** Totals per weekday, Monday first. */
  readonly byWeekday: readonly number[];
  /** Totals per hour, 0–23. */
  readonly byHour: readonly number[];
  /** All incidents counted: the sum of every bucket. */
  readonly total: number;
  /** How many of them have an approximate time. */
  readonly approximate: number;
  /** The largest bucket, for scaling colours. */
  readonly max: number;
}

/**
 * The weekday × hour grid of incident start times in a display zone. O(n).
 *
 * @example
 * // Sunday 25 October 2026, 00:30 UTC is 01:30 BST in London.
 * heatmap({ incidents: [{ id: 'incident-1', value: makeIncident('2026-10-25T01:30+01:00') }] },
 *   { timeZone: 'Europe/London' }).counts[6][1] // 1
 */
export function heatmap(
  diary: Diary | PreparedDiary,
  options: { readonly timeZone: string },
): Heatmap {
  const p = ensurePrepared(diary, options.timeZone);
  const counts = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  const byWeekday = new Array<number>(7).fill(0);
  const byHour = new Array<number>(24).fill(0);
  let approximate = 0;
  let max = 0;
  for (const incident of p.incidents) {
    const row = counts[incident.weekday];
    if (row === undefined) continue;
    const value = (row[incident.hour] ?? 0) + 1;
    row[incident.hour] = value;
    if (value > max) max = value;
    byWeekday[incident.weekday] = (byWeekday[incident.weekday] ?? 0) + 1;
    byHour[incident.hour] = (byHour[incident.hour] ?? 0) + 1;
    if (incident.incident.when.approximate) approximate++;
  }
  return {
    timeZone: options.timeZone,
    counts,
    byWeekday,
    byHour,
    total: p.incidents.length,
    approximate,
    max,
  };
}
