import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isOpenAt,
  openingHoursSchema,
  wallClock,
  WEEKDAYS,
  type OpeningHours,
} from './opening-hours.js';

const weekdays9to5: OpeningHours = [
  { days: ['mon', 'tue', 'wed', 'thu', 'fri'], opens: '09:00', closes: '17:00' },
];

describe('isOpenAt', () => {
  it('uses the wall clock of the time zone, in winter and in summer', () => {
    // Monday 6 July 2026, 08:30 UTC = 09:30 BST: open in London, closed by the UTC clock.
    expect(isOpenAt(weekdays9to5, 'Europe/London', new Date('2026-07-06T08:30:00Z'))).toBe(true);
    expect(isOpenAt(weekdays9to5, 'UTC', new Date('2026-07-06T08:30:00Z'))).toBe(false);
    // Monday 7 December 2026, 08:30 UTC = 08:30 GMT: not open yet.
    expect(isOpenAt(weekdays9to5, 'Europe/London', new Date('2026-12-07T08:30:00Z'))).toBe(false);
    expect(isOpenAt(weekdays9to5, 'Europe/London', new Date('2026-12-07T16:59:00Z'))).toBe(true);
    expect(isOpenAt(weekdays9to5, 'Europe/London', new Date('2026-12-07T17:00:00Z'))).toBe(false);
  });

  it('handles the mornings the clocks change', () => {
    // 29 March 2026 (Sunday): 01:00 GMT jumps to 02:00 BST.
    const sunday = [{ days: ['sun'], opens: '01:00', closes: '03:00' }] as OpeningHours;
    expect(isOpenAt(sunday, 'Europe/London', new Date('2026-03-29T00:59:00Z'))).toBe(false);
    expect(isOpenAt(sunday, 'Europe/London', new Date('2026-03-29T01:30:00Z'))).toBe(true); // 02:30 BST
    expect(isOpenAt(sunday, 'Europe/London', new Date('2026-03-29T02:00:00Z'))).toBe(false); // 03:00 BST
  });

  it('is open at every instant when always open', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }),
        (d) => {
          expect(isOpenAt('always', 'Europe/London', d)).toBe(true);
        },
      ),
    );
  });

  it('agrees with the wall clock for any instant and any session', () => {
    const instant = fc.date({
      min: new Date('2020-01-01'),
      max: new Date('2035-01-01'),
      noInvalidDate: true,
    });
    fc.assert(
      fc.property(
        instant,
        fc.integer({ min: 0, max: 1438 }),
        fc.integer({ min: 1, max: 1440 }),
        (at, open, len) => {
          const close = Math.min(1440, open + len);
          const hhmm = (m: number) =>
            `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
          const hours: OpeningHours = [
            { days: [...WEEKDAYS], opens: hhmm(open), closes: hhmm(close) },
          ];
          const { minute } = wallClock(at, 'Europe/London');
          expect(isOpenAt(hours, 'Europe/London', at)).toBe(minute >= open && minute < close);
        },
      ),
    );
  });
});

describe('openingHoursSchema', () => {
  it('refuses sessions that close before they open, or bad times', () => {
    expect(
      openingHoursSchema.safeParse([{ days: ['mon'], opens: '17:00', closes: '09:00' }]).success,
    ).toBe(false);
    expect(
      openingHoursSchema.safeParse([{ days: ['mon'], opens: '9am', closes: '17:00' }]).success,
    ).toBe(false);
    expect(
      openingHoursSchema.safeParse([{ days: [], opens: '09:00', closes: '17:00' }]).success,
    ).toBe(false);
    expect(
      openingHoursSchema.safeParse([{ days: ['sun'], opens: '00:00', closes: '24:00' }]).success,
    ).toBe(true);
  });
});
