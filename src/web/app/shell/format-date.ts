/**
 * Dates as a person in the UK would say them: "3 November 2026", "3 November 2026 at 08:05",
 * "3 Tachwedd 2026 am 08:05". Done here rather than with Intl, because browsers ship Welsh
 * date formats unevenly (Debian's Chromium falls back to US English for `cy`), and a diary read
 * out in court should not change its dates' shape from one device to the next.
 */

export interface DateWords {
  /** January first. */
  readonly months: readonly string[];
  /** "{date} at {time}". */
  readonly dateAtTime: string;
}

/**
 * A local date, with the time when `withTime` (24-hour clock).
 *
 * @example formatDate(new Date(2026, 10, 3, 8, 5), words, true) // '3 November 2026 at 08:05'
 */
export function formatDate(date: Date, words: DateWords, withTime: boolean): string {
  if (Number.isNaN(date.getTime())) return '';
  const day = `${date.getDate()} ${words.months[date.getMonth()] ?? ''} ${date.getFullYear()}`;
  if (!withTime) return day;
  const time = `${pad(date.getHours())}:${pad(date.getMinutes())}`;
  return words.dateAtTime.replace('{date}', day).replace('{time}', time);
}

/**
 * A note's `happenedAt` (`YYYY-MM-DD` or `YYYY-MM-DDTHH:MM`, local), as words; anything else is
 * shown as it is.
 *
 * @example formatHappenedAt('2026-11-03', words) // '3 November 2026'
 */
export function formatHappenedAt(happenedAt: string, words: DateWords): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?$/.exec(happenedAt);
  if (!match) return happenedAt;
  const [, y, m, d, hh, mm] = match;
  const date = new Date(Number(y), Number(m) - 1, Number(d), Number(hh ?? 0), Number(mm ?? 0));
  return formatDate(date, words, hh !== undefined);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
