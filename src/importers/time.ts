/**
 * Times. Formats with an epoch or an offset keep the exact instant (`instantFromEpochMs`);
 * formats without one keep the wall time as written (`formatLocal`), and `localToInstant` turns
 * it into an instant once the person has said which time zone it was in — by default the
 * browser's (`defaultTimeZone`). Uses only `Intl`, so it runs the same in the browser and Node.
 */
import { ImportError } from './errors.js';

/** The browser's (or Node's) IANA time zone, e.g. `Europe/London`; `UTC` when unknown. */
export function defaultTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

const TWO_DIGITS: readonly string[] = Array.from({ length: 100 }, (_, n) =>
  String(n).padStart(2, '0'),
);
const pad2 = (n: number): string => TWO_DIGITS[n] ?? String(n).padStart(2, '0');

/** Days in a month (1-12) of a proleptic Gregorian year. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) {
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    return leap ? 29 : 28;
  }
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * A wall time as `YYYY-MM-DDTHH:mm`, or `YYYY-MM-DDTHH:mm:ss` when `second` is given; undefined
 * when the fields are not a real date and time.
 */
export function formatLocal(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second?: number,
): string | undefined {
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) return undefined;
  if (day > daysInMonth(year, month)) return undefined;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59) return undefined;
  if (second !== undefined && (second < 0 || second > 59)) return undefined;
  // Messages cluster in days: build the date once per day.
  const key = (year * 100 + month) * 100 + day;
  if (key !== lastLocalKey) {
    lastLocalKey = key;
    lastLocalDate = `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}T`;
  }
  return second === undefined
    ? `${lastLocalDate}${pad2(hour)}:${pad2(minute)}`
    : `${lastLocalDate}${pad2(hour)}:${pad2(minute)}:${pad2(second)}`;
}
let lastLocalKey = -1;
let lastLocalDate = '';

/** Earliest and latest instants accepted from a file (1970 to 2100). */
const MIN_MS = 0;
const MAX_MS = Date.UTC(2100, 0, 1);

/**
 * An epoch in milliseconds as an ISO instant (`2024-03-12T14:05:33.000Z`); undefined when it is
 * not a finite number between 1970 and 2100.
 */
export function instantFromEpochMs(ms: number): string | undefined {
  if (!Number.isFinite(ms) || ms < MIN_MS || ms > MAX_MS) return undefined;
  // One flat string made natively: a string built from parts would be a chain of pieces, and
  // an import keeps one instant per message, so the pieces would cost the collector dearly.
  return new Date(Math.trunc(ms)).toISOString();
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** Parses `YYYY-MM-DDTHH:mm[:ss]` into milliseconds as if it were UTC. */
function localAsUtcMs(local: string): number | undefined {
  const m = LOCAL.exec(local);
  if (!m) return undefined;
  const num = (i: number): number => Number(m[i] ?? '0');
  const [y, mo, d, h, mi, s] = [num(1), num(2), num(3), num(4), num(5), num(6)];
  if (formatLocal(y, mo, d, h, mi, s) === undefined) return undefined;
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  date.setUTCHours(h, mi, s, 0);
  return date.getTime();
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-GB', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
        era: 'short',
      });
    } catch {
      throw new ImportError('time_zone_invalid', undefined, { timeZone });
    }
    formatters.set(timeZone, f);
  }
  return f;
}

/** Checks a time zone name; throws `time_zone_invalid` when it is not a known IANA zone. */
export function assertTimeZone(timeZone: string): void {
  formatterFor(timeZone);
}

/** The zone's offset from UTC, in milliseconds, at an instant. */
export function zoneOffsetMs(epochMs: number, timeZone: string): number {
  const parts = formatterFor(timeZone).formatToParts(new Date(epochMs));
  const get = (type: Intl.DateTimeFormatPartTypes): number => {
    const part = parts.find((p) => p.type === type);
    return part ? Number(part.value) : 0;
  };
  const era = parts.find((p) => p.type === 'era')?.value;
  let year = get('year');
  if (era === 'BC' || era === 'B') year = 1 - year;
  const date = new Date(0);
  date.setUTCFullYear(year, get('month') - 1, get('day'));
  date.setUTCHours(get('hour'), get('minute'), get('second'), 0);
  const wall = date.getTime();
  const truncated = epochMs - (((epochMs % 1000) + 1000) % 1000);
  return wall - truncated;
}

/**
 * How to treat a wall time that happens twice (clocks going back) or never (clocks going
 * forward). `compatible` (the default, as in Temporal and most calendars): the earlier of two,
 * and for a skipped time the instant the same distance after the change.
 */
export type Disambiguation = 'compatible' | 'earlier' | 'later';

const DAY_MS = 86_400_000;
/** Offsets of days on which the zone's offset is the same from a day before to a day after. */
const steadyOffsets = new Map<string, number>();

/**
 * Converts a wall time as written (`YYYY-MM-DDTHH:mm[:ss]`) in an IANA time zone to an ISO
 * instant. Throws `time_zone_invalid` for an unknown zone; returns undefined for a malformed
 * wall time.
 *
 * @example
 * localToInstant('2024-07-01T09:30', 'Europe/London'); // '2024-07-01T08:30:00.000Z'
 * localToInstant('2024-03-31T01:30', 'Europe/London'); // skipped hour: '2024-03-31T01:30:00.000Z'
 */
export function localToInstant(
  local: string,
  timeZone: string = defaultTimeZone(),
  disambiguation: Disambiguation = 'compatible',
): string | undefined {
  const wall = localAsUtcMs(local);
  if (wall === undefined) return undefined;
  // Imports convert thousands of times in few days: on a day with no change of offset within a
  // day either side, one offset serves every wall time of that day.
  const dayKey = `${timeZone}|${local.slice(0, 10)}`;
  const known = steadyOffsets.get(dayKey);
  if (known !== undefined) return new Date(wall - known).toISOString();
  const before = zoneOffsetMs(wall - DAY_MS, timeZone);
  const after = zoneOffsetMs(wall + DAY_MS, timeZone);
  if (before === after && zoneOffsetMs(wall - before, timeZone) === before) {
    if (steadyOffsets.size >= 10_000) steadyOffsets.clear();
    steadyOffsets.set(dayKey, before);
    return new Date(wall - before).toISOString();
  }
  const candidates: number[] = [];
  for (const offset of before === after ? [before] : [before, after]) {
    const instant = wall - offset;
    if (zoneOffsetMs(instant, timeZone) === offset && !candidates.includes(instant)) {
      candidates.push(instant);
    }
  }
  candidates.sort((a, b) => a - b);
  let chosen: number;
  if (candidates.length === 0) {
    // A skipped wall time: read it with the offset in force before the change, which lands the
    // same distance after the change (01:30 when clocks jump 01:00→02:00 becomes 02:30).
    chosen = wall - before;
  } else {
    chosen = (disambiguation === 'later' ? candidates.at(-1) : candidates[0]) ?? wall - before;
  }
  return new Date(chosen).toISOString();
}
