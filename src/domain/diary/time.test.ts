import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  civilFromDays,
  dateOfDay,
  dayOfDate,
  daysFromCivil,
  formatOffset,
  instantOf,
  isoWeekOfDay,
  isTimeZone,
  isZonedTime,
  localDateOf,
  parseZonedTime,
  resolveWallTime,
  wallTimeOf,
  wallTimeOptions,
  weekdayOfDay,
  ZoneClock,
  zoneClock,
  zonedFromInstant,
} from './time.js';

/** Reference: what Intl says the wall clock shows, asked a different way from ZoneClock. */
function intlWallClock(instant: number, timeZone: string) {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return {
    weekday: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(get('weekday')),
    hour: Number(get('hour')),
    minute: Number(get('minute')),
    date: `${get('year')}-${get('month')}-${get('day')}`,
  };
}

/** Zones with every awkward kind of rule: half and quarter hours, negative DST, skipped days. */
const AWKWARD_ZONES = [
  'Europe/London',
  'Europe/Dublin',
  'America/New_York',
  'America/St_Johns',
  'America/Santiago',
  'Australia/Lord_Howe',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Pacific/Chatham',
  'Pacific/Apia',
  'Africa/Casablanca',
  'UTC',
] as const;

describe('calendar arithmetic', () => {
  it('agrees with Date.UTC for any day from 1900 to 2199', () => {
    fc.assert(
      fc.property(fc.integer({ min: -25567, max: 84000 }), (day) => {
        const { year, month, day: d } = civilFromDays(day);
        expect(daysFromCivil(year, month, d)).toBe(day);
        const date = new Date(day * 86_400_000);
        expect([year, month, d]).toEqual([
          date.getUTCFullYear(),
          date.getUTCMonth() + 1,
          date.getUTCDate(),
        ]);
        expect(weekdayOfDay(day)).toBe((date.getUTCDay() + 6) % 7);
        expect(dayOfDate(dateOfDay(day))).toBe(day);
      }),
    );
  });

  it('refuses dates that do not exist or are out of range', () => {
    expect(dayOfDate('2026-02-29')).toBeUndefined();
    expect(dayOfDate('2028-02-29')).toBeDefined();
    expect(dayOfDate('2026-13-01')).toBeUndefined();
    expect(dayOfDate('1899-12-31')).toBeUndefined();
    expect(dayOfDate('26-03-29')).toBeUndefined();
  });

  it('numbers ISO weeks from the week with the year’s first Thursday', () => {
    const week = (date: string) => isoWeekOfDay(dayOfDate(date)!).label;
    expect(week('2025-12-29')).toBe('2026-W01'); // Monday; that week's Thursday is 1 Jan 2026
    expect(week('2026-01-01')).toBe('2026-W01');
    expect(week('2027-01-03')).toBe('2026-W53'); // 2026 has 53 weeks
    expect(week('2027-01-04')).toBe('2027-W01');
    expect(week('2021-01-03')).toBe('2020-W53');
    expect(week('2026-03-29')).toBe('2026-W13');
    expect(dateOfDay(isoWeekOfDay(dayOfDate('2026-03-29')!).monday)).toBe('2026-03-23');
  });
});

describe('zoned times', () => {
  it('reads the wall time and the instant exactly', () => {
    const first = parseZonedTime('2026-10-25T01:30+01:00');
    const second = parseZonedTime('2026-10-25T01:30+00:00');
    expect(first?.wall).toBe('2026-10-25T01:30');
    expect(second?.wall).toBe('2026-10-25T01:30');
    expect(first?.instant).toBe(Date.UTC(2026, 9, 25, 0, 30));
    expect(second?.instant).toBe(Date.UTC(2026, 9, 25, 1, 30));
    expect(instantOf('2026-03-29T14:30:15-03:30')).toBe(Date.UTC(2026, 2, 29, 18, 0, 15));
    expect(wallTimeOf('2026-03-29T14:30:15-03:30')).toBe('2026-03-29T14:30:15');
  });

  it('refuses what is not a zoned time', () => {
    for (const bad of [
      '2026-03-29T14:30Z',
      '2026-03-29T14:30',
      '2026-03-29 14:30+01:00',
      '2026-02-30T14:30+00:00',
      '2026-03-29T24:00+00:00',
      '2026-03-29T14:60+00:00',
      '2026-03-29T14:30+19:00',
      '1899-12-31T23:00+00:00',
      '2026-03-29T14:30+01:00 ',
    ]) {
      expect(isZonedTime(bad), bad).toBe(false);
      expect(instantOf(bad)).toBeNaN();
    }
  });

  it('round-trips any instant through zonedFromInstant in any zone', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1971, 0, 1), max: Date.UTC(2100, 0, 1) }),
        fc.constantFrom(...AWKWARD_ZONES),
        (t, zone) => {
          const zoned = zonedFromInstant(t, zone, 'second');
          expect(instantOf(zoned)).toBe(Math.floor(t / 1000) * 1000);
          const wall = intlWallClock(t, zone);
          expect(zoned.slice(0, 16)).toBe(
            `${wall.date}T${String(wall.hour).padStart(2, '0')}:${String(wall.minute).padStart(2, '0')}`,
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('writes the offset in effect, so both 01:30s on 25 October 2026 stay distinct', () => {
    expect(zonedFromInstant(new Date('2026-10-25T00:30:00Z'), 'Europe/London')).toBe(
      '2026-10-25T01:30+01:00',
    );
    expect(zonedFromInstant(new Date('2026-10-25T01:30:00Z'), 'Europe/London')).toBe(
      '2026-10-25T01:30+00:00',
    );
    expect(zonedFromInstant(Date.UTC(2026, 0, 1, 12), 'Asia/Kathmandu')).toBe(
      '2026-01-01T17:45+05:45',
    );
    expect(formatOffset(-12_600_000)).toBe('-03:30');
    expect(formatOffset(-75_000)).toBe('-00:01:15');
  });
});

describe('ZoneClock', () => {
  it('matches Intl for any instant in zones with awkward rules', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1900, 0, 2), max: Date.UTC(2100, 0, 1) }),
        fc.constantFrom(...AWKWARD_ZONES),
        (t, zone) => {
          const local = zoneClock(zone).local(t);
          const intl = intlWallClock(t, zone);
          expect({ ...local, offsetMs: undefined, day: undefined }).toEqual({
            date: intl.date,
            weekday: intl.weekday,
            hour: intl.hour,
            minute: intl.minute,
            offsetMs: undefined,
            day: undefined,
          });
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('matches Intl minute by minute through both clock changes of 2026 in London', () => {
    const clock = new ZoneClock('Europe/London');
    for (const day of [Date.UTC(2026, 2, 29), Date.UTC(2026, 9, 25)]) {
      for (let t = day - 3_600_000; t < day + 6 * 3_600_000; t += 60_000) {
        const intl = intlWallClock(t, 'Europe/London');
        const local = clock.local(t);
        expect([local.hour, local.minute, local.weekday]).toEqual([
          intl.hour,
          intl.minute,
          intl.weekday,
        ]);
      }
    }
  });

  it('refuses unknown zones', () => {
    expect(() => new ZoneClock('Mars/Olympus_Mons')).toThrow(RangeError);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isTimeZone('Europe/London')).toBe(true);
    expect(isTimeZone('')).toBe(false);
  });

  it('gives local dates', () => {
    expect(localDateOf(new Date('2026-06-30T23:30:00Z'), 'Europe/London')).toBe('2026-07-01');
    expect(localDateOf(new Date('2026-06-30T23:30:00Z'), 'UTC')).toBe('2026-06-30');
  });
});

describe('wall times typed by a person', () => {
  it('finds one instant on an ordinary day', () => {
    expect(wallTimeOptions('2026-07-01T09:00', 'Europe/London')).toEqual({
      kind: 'once',
      options: ['2026-07-01T09:00+01:00'],
    });
  });

  it('finds two when the clocks go back, earlier first', () => {
    expect(wallTimeOptions('2026-10-25T01:30', 'Europe/London')).toEqual({
      kind: 'twice',
      options: ['2026-10-25T01:30+01:00', '2026-10-25T01:30+00:00'],
    });
    expect(resolveWallTime('2026-10-25T01:30', 'Europe/London')).toBe('2026-10-25T01:30+01:00');
    expect(resolveWallTime('2026-10-25T01:30', 'Europe/London', 'later')).toBe(
      '2026-10-25T01:30+00:00',
    );
  });

  it('finds none when the clocks go forward past it, and moves it on by the gap', () => {
    expect(wallTimeOptions('2026-03-29T01:30', 'Europe/London')).toEqual({
      kind: 'skipped',
      options: [],
    });
    expect(resolveWallTime('2026-03-29T01:30', 'Europe/London')).toBe('2026-03-29T02:30+01:00');
    expect(resolveWallTime('2026-03-29T01:30', 'Europe/London', 'earlier')).toBe(
      '2026-03-29T00:30+00:00',
    );
    // Lord Howe Island moves its clocks by half an hour.
    expect(wallTimeOptions('2026-10-04T02:15', 'Australia/Lord_Howe')?.kind).toBe('skipped');
  });

  it('keeps seconds when given, and refuses nonsense', () => {
    expect(resolveWallTime('2026-07-01T09:00:30', 'Europe/London')).toBe(
      '2026-07-01T09:00:30+01:00',
    );
    expect(resolveWallTime('2026-02-30T09:00', 'Europe/London')).toBeUndefined();
    expect(resolveWallTime('2026-07-01T09:00', 'Nowhere/Special')).toBeUndefined();
  });

  it('always resolves to a time that shows that wall clock, unless it was skipped', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1971, 0, 1), max: Date.UTC(2090, 0, 1) }),
        fc.constantFrom(...AWKWARD_ZONES),
        (t, zone) => {
          const wall = zonedFromInstant(t, zone).slice(0, 16);
          const resolution = wallTimeOptions(wall, zone);
          expect(resolution?.kind).not.toBe('skipped');
          for (const option of resolution?.options ?? []) {
            expect(wallTimeOf(option)).toBe(wall);
            expect(zonedFromInstant(instantOf(option), zone)).toBe(option);
          }
          expect(resolution?.options).toContain(zonedFromInstant(t, zone));
        },
      ),
      { numRuns: 300 },
    );
  });
});
