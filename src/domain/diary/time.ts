/**
 * Time for the diary: when something happened is kept as the wall-clock time the person saw,
 * its offset from UTC at that moment, and the IANA time zone they were in, for example
 * `2026-10-25T01:30+01:00` in `Europe/London`. The wall time makes display exact (what they
 * wrote is what they see); the offset makes the instant exact, even in the hour that happens
 * twice when the clocks go back; the zone says which rules produced the offset.
 *
 * Analysis looks at instants in a display zone the person chooses. `ZoneClock` turns instants
 * into local fields with Intl, called about once per distinct UTC day rather than once per
 * incident (Intl is the slow part; see `zoneClock`).
 */
import type { LocalDate } from './text.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
export const DAY_MS = 24 * HOUR;

/** Years a diary date may have. Wide enough for any real record, narrow enough to be exact. */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2199;

/** `YYYY-MM-DDTHH:MM` or `YYYY-MM-DDTHH:MM:SS`, a wall-clock time with no zone. */
export type WallTime = string;
/** A wall-clock time with its UTC offset: `2026-03-29T14:30+01:00`. */
export type ZonedTime = string;

const ZONED =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?([+-])(\d{2}):(\d{2})(?::(\d{2}))?$/;
const WALL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

// ---- calendar arithmetic (proleptic Gregorian, no Date objects) ----

/**
 * Days from 1970-01-01 to a calendar date (Howard Hinnant's days_from_civil).
 *
 * @example daysFromCivil(1970, 1, 2) // 1
 */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/**
 * The calendar date of a day number (the inverse of `daysFromCivil`).
 *
 * @example civilFromDays(0) // { year: 1970, month: 1, day: 1 }
 */
export function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/**
 * `YYYY-MM-DD` for a day number.
 *
 * @example dateOfDay(20541) // "2026-03-29"
 */
export function dateOfDay(days: number): LocalDate {
  const { year, month, day } = civilFromDays(days);
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/**
 * The day number of a `YYYY-MM-DD` date, or undefined if it is not a real date.
 *
 * @example dayOfDate('2026-03-29') // 20541
 * @example dayOfDate('2026-02-30') // undefined
 */
export function dayOfDate(date: string): number | undefined {
  const m = DATE.exec(date);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return isCalendarDate(y, mo, d) ? daysFromCivil(y, mo, d) : undefined;
}

function isCalendarDate(y: number, mo: number, d: number): boolean {
  if (y < MIN_YEAR || y > MAX_YEAR || mo < 1 || mo > 12 || d < 1) return false;
  const c = civilFromDays(daysFromCivil(y, mo, d));
  return c.month === mo && c.day === d;
}

/**
 * The ISO weekday of a day number: 0 for Monday to 6 for Sunday.
 *
 * @example weekdayOfDay(dayOfDate('2026-03-29')!) // 6: a Sunday
 */
export function weekdayOfDay(days: number): number {
  return (((days + 3) % 7) + 7) % 7;
}

/**
 * The ISO 8601 week of a day number: weeks start on Monday and belong to the year of their
 * Thursday, so 29 December 2025 is in 2026-W01.
 *
 * @example isoWeekOfDay(dayOfDate('2025-12-29')!) // { year: 2026, week: 1, label: '2026-W01', monday: 20451 }
 */
export function isoWeekOfDay(days: number): {
  year: number;
  week: number;
  label: string;
  monday: number;
} {
  const monday = days - weekdayOfDay(days);
  const thursday = monday + 3;
  const { year } = civilFromDays(thursday);
  const week = Math.floor((thursday - daysFromCivil(year, 1, 1)) / 7) + 1;
  return { year, week, label: `${pad(year, 4)}-W${pad(week)}`, monday };
}

// ---- zoned times ----

interface ParsedZoned {
  readonly wall: WallTime;
  readonly wallMs: number;
  readonly offsetMs: number;
  readonly instant: number;
}

/**
 * Reads a zoned time, or undefined if it is not one (bad shape, impossible date, year outside
 * 1900–2199, offset beyond ±18 hours).
 *
 * @example parseZonedTime('2026-10-25T01:30+01:00')?.instant // Date.UTC(2026, 9, 25, 0, 30)
 */
export function parseZonedTime(value: string): ParsedZoned | undefined {
  const m = ZONED.exec(value);
  if (!m) return undefined;
  const n = (i: number): number => Number(m[i] ?? 0);
  const [y, mo, d, h, mi, s] = [n(1), n(2), n(3), n(4), n(5), n(6)];
  if (!isCalendarDate(y, mo, d) || h > 23 || mi > 59 || s > 59) return undefined;
  const [oh, om, os] = [n(8), n(9), n(10)];
  if (om > 59 || os > 59 || oh * 3600 + om * 60 + os > 18 * 3600) return undefined;
  const sign = m[7] === '-' ? -1 : 1;
  const offsetMs = sign * (oh * 3600 + om * 60 + os) * 1000;
  const wallMs = daysFromCivil(y, mo, d) * DAY_MS + h * HOUR + mi * MINUTE + s * 1000;
  const wall = value.slice(0, m[6] === undefined ? 16 : 19);
  return { wall, wallMs, offsetMs, instant: wallMs - offsetMs };
}

/**
 * Whether a string is a zoned time such as `2026-03-29T14:30+01:00`.
 *
 * @example isZonedTime('2026-03-29T14:30+01:00') // true
 * @example isZonedTime('2026-03-29T14:30Z') // false: write +00:00
 */
export function isZonedTime(value: string): boolean {
  return parseZonedTime(value) !== undefined;
}

/**
 * The instant of a zoned time, in milliseconds since 1970 (NaN if it is not one).
 *
 * @example instantOf('2026-03-29T14:30+01:00') // Date.UTC(2026, 2, 29, 13, 30)
 */
export function instantOf(value: ZonedTime): number {
  return parseZonedTime(value)?.instant ?? Number.NaN;
}

/**
 * The wall-clock part of a zoned time, exactly as recorded.
 *
 * @example wallTimeOf('2026-10-25T01:30+01:00') // "2026-10-25T01:30"
 */
export function wallTimeOf(value: ZonedTime): WallTime {
  return parseZonedTime(value)?.wall ?? '';
}

/**
 * Formats an offset in milliseconds as `+HH:MM` (or `+HH:MM:SS` for the odd historical offset
 * with seconds).
 *
 * @example formatOffset(3_600_000) // "+01:00"
 */
export function formatOffset(offsetMs: number): string {
  const sign = offsetMs < 0 ? '-' : '+';
  const total = Math.round(Math.abs(offsetMs) / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return `${sign}${pad(h)}:${pad(m)}${s === 0 ? '' : `:${pad(s)}`}`;
}

// ---- time zones ----

const zoneValidity = new Map<string, boolean>();

/**
 * Whether the runtime knows an IANA time zone name. Remembered per name: asking Intl costs about
 * 0.1 ms, which adds up over thousands of records.
 *
 * @example isTimeZone('Europe/London') // true
 * @example isTimeZone('Mars/Olympus_Mons') // false
 */
export function isTimeZone(name: string): boolean {
  const known = zoneValidity.get(name);
  if (known !== undefined) return known;
  let ok = /^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(name) && name.length <= 64;
  if (ok) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: name });
    } catch {
      ok = false;
    }
  }
  if (zoneValidity.size < 1000) zoneValidity.set(name, ok);
  return ok;
}

/** Local fields of an instant in a zone. */
export interface LocalFields {
  /** Day number of the local date (days since 1970-01-01). */
  readonly day: number;
  readonly date: LocalDate;
  /** 0 = Monday … 6 = Sunday. */
  readonly weekday: number;
  readonly hour: number;
  readonly minute: number;
  /** Offset from UTC at that instant, in milliseconds. */
  readonly offsetMs: number;
}

/**
 * Converts instants to local fields in one time zone. Intl is asked for the UTC offset at the
 * start of each UTC day it meets; when the offset at the start of a day and at the start of the
 * next are the same, the whole day has that offset, so any instant in it needs no further call.
 * On the few days a zone's clocks change, every instant is asked about exactly.
 *
 * This relies on one fact about the time zone database: no zone changes its offset and changes
 * it back within a single UTC day. The property test in time.test.ts checks the result against
 * Intl for random instants in several zones.
 */
export class ZoneClock {
  readonly timeZone: string;
  readonly #format: Intl.DateTimeFormat;
  readonly #dayStartOffsets = new Map<number, number>();

  constructor(timeZone: string) {
    if (!isTimeZone(timeZone)) throw new RangeError(`Unknown time zone: ${timeZone}`);
    this.timeZone = timeZone;
    this.#format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  }

  /**
   * The exact UTC offset at an instant, from Intl.
   *
   * @example new ZoneClock('Europe/London').exactOffset(Date.UTC(2026, 6, 1)) // 3_600_000
   */
  exactOffset(instant: number): number {
    const floored = Math.floor(instant / 1000) * 1000;
    const fields: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
    for (const part of this.#format.formatToParts(floored)) fields[part.type] = part.value;
    const n = (type: Intl.DateTimeFormatPartTypes, fallback: number): number =>
      fields[type] === undefined ? fallback : Number(fields[type]);
    const y = n('year', 1970);
    const mo = n('month', 1);
    const d = n('day', 1);
    const h = n('hour', 0) % 24;
    const mi = n('minute', 0);
    const s = n('second', 0);
    const bc = fields.era?.startsWith('B') ?? false;
    const year = bc ? 1 - y : y;
    const wall = daysFromCivil(year, mo, d) * DAY_MS + h * HOUR + mi * MINUTE + s * 1000;
    return wall - floored;
  }

  /**
   * The UTC offset at an instant, in milliseconds.
   *
   * @example new ZoneClock('Europe/London').offset(Date.UTC(2026, 0, 1)) // 0
   */
  offset(instant: number): number {
    const utcDay = Math.floor(instant / DAY_MS);
    const a = this.#dayStart(utcDay);
    const b = this.#dayStart(utcDay + 1);
    return a === b ? a : this.exactOffset(instant);
  }

  #dayStart(utcDay: number): number {
    let o = this.#dayStartOffsets.get(utcDay);
    if (o === undefined) {
      o = this.exactOffset(utcDay * DAY_MS);
      this.#dayStartOffsets.set(utcDay, o);
    }
    return o;
  }

  /**
   * The local date, weekday, hour and minute of an instant.
   *
   * @example new ZoneClock('Europe/London').local(Date.UTC(2026, 9, 25, 0, 30)).hour // 1 (BST)
   */
  local(instant: number): LocalFields {
    const offsetMs = this.offset(instant);
    const wall = instant + offsetMs;
    const day = Math.floor(wall / DAY_MS);
    const msOfDay = wall - day * DAY_MS;
    return {
      day,
      date: dateOfDay(day),
      weekday: weekdayOfDay(day),
      hour: Math.floor(msOfDay / HOUR),
      minute: Math.floor((msOfDay % HOUR) / MINUTE),
      offsetMs,
    };
  }
}

const clocks = new Map<string, ZoneClock>();

/**
 * The shared clock for a zone. Clocks only cache what Intl says, so sharing them changes no
 * result; it saves asking again.
 *
 * @example zoneClock('Europe/London').local(Date.UTC(2026, 6, 1, 12)).hour // 13
 */
export function zoneClock(timeZone: string): ZoneClock {
  let clock = clocks.get(timeZone);
  if (!clock) {
    clock = new ZoneClock(timeZone);
    if (clocks.size < 50) clocks.set(timeZone, clock);
  }
  return clock;
}

/**
 * The zoned time of an instant in a zone, to the minute by default.
 *
 * @example zonedFromInstant(new Date('2026-10-25T00:30:00Z'), 'Europe/London')
 * // "2026-10-25T01:30+01:00" (the first 01:30, in BST)
 * @example zonedFromInstant(new Date('2026-10-25T01:30:00Z'), 'Europe/London')
 * // "2026-10-25T01:30+00:00" (the second 01:30, in GMT)
 */
export function zonedFromInstant(
  at: Date | number,
  timeZone: string,
  precision: 'minute' | 'second' = 'minute',
): ZonedTime {
  const ms = typeof at === 'number' ? at : at.getTime();
  const unit = precision === 'minute' ? MINUTE : 1000;
  const instant = Math.floor(ms / unit) * unit;
  const offsetMs = zoneClock(timeZone).offset(instant);
  return `${formatWall(instant + offsetMs, precision)}${formatOffset(offsetMs)}`;
}

function formatWall(wallMs: number, precision: 'minute' | 'second'): WallTime {
  const day = Math.floor(wallMs / DAY_MS);
  const msOfDay = wallMs - day * DAY_MS;
  const h = Math.floor(msOfDay / HOUR);
  const mi = Math.floor((msOfDay % HOUR) / MINUTE);
  const s = Math.floor((msOfDay % MINUTE) / 1000);
  return `${dateOfDay(day)}T${pad(h)}:${pad(mi)}${precision === 'second' ? `:${pad(s)}` : ''}`;
}

/** How a wall-clock time maps to instants in a zone. */
export type WallTimeResolution =
  /** It happened once: the usual case. */
  | { readonly kind: 'once'; readonly options: readonly [ZonedTime] }
  /** The clocks went back, so it happened twice: earlier first. Ask which one. */
  | { readonly kind: 'twice'; readonly options: readonly [ZonedTime, ZonedTime] }
  /** The clocks went forward past it, so it never showed on a clock there. */
  | { readonly kind: 'skipped'; readonly options: readonly [] };

/**
 * How a wall-clock time typed by the person maps to instants in their zone. The form uses this
 * to ask "the first 01:30 (BST) or the second (GMT)?" on the morning the clocks go back.
 *
 * @example wallTimeOptions('2026-10-25T01:30', 'Europe/London')
 * // { kind: 'twice', options: ['2026-10-25T01:30+01:00', '2026-10-25T01:30+00:00'] }
 * @example wallTimeOptions('2026-03-29T01:30', 'Europe/London') // { kind: 'skipped', options: [] }
 */
export function wallTimeOptions(wall: WallTime, timeZone: string): WallTimeResolution | undefined {
  const wallMs = parseWall(wall);
  if (wallMs === undefined || !isTimeZone(timeZone)) return undefined;
  const clock = zoneClock(timeZone);
  const candidates = new Set([
    clock.exactOffset(wallMs - DAY_MS),
    clock.exactOffset(wallMs),
    clock.exactOffset(wallMs + DAY_MS),
  ]);
  const precision = wall.length > 16 ? 'second' : 'minute';
  const found = [...candidates]
    .filter((o) => clock.exactOffset(wallMs - o) === o)
    .sort((a, b) => b - a) // a larger offset means an earlier instant
    .map((o) => `${formatWall(wallMs, precision)}${formatOffset(o)}`);
  const [first, second] = found;
  if (first === undefined) return { kind: 'skipped', options: [] };
  if (second === undefined) return { kind: 'once', options: [first] };
  return { kind: 'twice', options: [first, second] };
}

/**
 * Turns a wall-clock time into a zoned time, choosing when it is ambiguous as Temporal's
 * `disambiguation` does: `compatible` (the default) takes the earlier of a repeated time and
 * moves a skipped time forward by the length of the gap (01:30 on 29 March 2026 in London
 * becomes 02:30 BST); `earlier` and `later` choose explicitly. Undefined if the wall time or the
 * zone is not valid.
 *
 * @example resolveWallTime('2026-03-29T01:30', 'Europe/London') // "2026-03-29T02:30+01:00"
 * @example resolveWallTime('2026-10-25T01:30', 'Europe/London', 'later') // "2026-10-25T01:30+00:00"
 */
export function resolveWallTime(
  wall: WallTime,
  timeZone: string,
  disambiguation: 'compatible' | 'earlier' | 'later' = 'compatible',
): ZonedTime | undefined {
  const resolution = wallTimeOptions(wall, timeZone);
  if (resolution === undefined) return undefined;
  const precision = wall.length > 16 ? 'second' : 'minute';
  switch (resolution.kind) {
    case 'once':
      return resolution.options[0];
    case 'twice':
      return resolution.options[disambiguation === 'later' ? 1 : 0];
    case 'skipped': {
      const wallMs = parseWall(wall) ?? 0;
      const clock = zoneClock(timeZone);
      const before = clock.exactOffset(wallMs - DAY_MS);
      const after = clock.exactOffset(wallMs + DAY_MS);
      // Reading the wall time with the offset from before the gap lands after it, and vice versa.
      const instant = wallMs - (disambiguation === 'earlier' ? after : before);
      return zonedFromInstant(instant, timeZone, precision);
    }
  }
}

function parseWall(wall: string): number | undefined {
  const m = WALL.exec(wall);
  if (!m) return undefined;
  const n = (i: number): number => Number(m[i] ?? 0);
  const [y, mo, d, h, mi, s] = [n(1), n(2), n(3), n(4), n(5), n(6)];
  if (!isCalendarDate(y, mo, d) || h > 23 || mi > 59 || s > 59) return undefined;
  return daysFromCivil(y, mo, d) * DAY_MS + h * HOUR + mi * MINUTE + s * 1000;
}

/**
 * The local date of an instant in a zone.
 *
 * @example localDateOf(new Date('2026-06-30T23:30:00Z'), 'Europe/London') // "2026-07-01"
 */
export function localDateOf(at: Date | number, timeZone: string): LocalDate {
  return zoneClock(timeZone).local(typeof at === 'number' ? at : at.getTime()).date;
}
