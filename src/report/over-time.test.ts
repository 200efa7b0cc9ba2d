import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_WEEKLY_BARS, overTime } from './over-time.js';

const DAY = 86_400_000;
const iso = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
/** Mondays from `start` for `n` weeks, with made-up counts (the monthly path ignores them). */
const weeksFrom = (startMs: number, n: number) =>
  Array.from({ length: n }, (_, i) => ({ start: iso(startMs + i * 7 * DAY), count: 0 }));
const nextMonth = (m: string): string => {
  const [y = 0, mo = 1] = m.split('-').map(Number);
  return mo === 12 ? `${String(y + 1)}-01` : `${String(y)}-${String(mo + 1).padStart(2, '0')}`;
};

describe('incidents over time', () => {
  it('keeps a bar a week, with dates in words, for a short period', () => {
    const weeks = [
      { start: '2026-03-02', count: 2 },
      { start: '2026-03-09', count: 0 },
    ];
    expect(overTime(weeks, [], 'en')).toEqual({
      unit: 'week',
      bars: [
        { label: '2 March 2026', count: 2 },
        { label: '9 March 2026', count: 0 },
      ],
    });
    expect(overTime(weeks, [], 'cy').bars[0]?.label).toBe('2 Mawrth 2026');
  });

  it('gives a bar a month past six months: every month once, in order, counts adding up', () => {
    const MONDAY = Date.UTC(2024, 0, 1); // a Monday
    fc.assert(
      fc.property(
        fc.integer({ min: MAX_WEEKLY_BARS + 1, max: 300 }),
        fc.array(fc.nat(), { maxLength: 60 }),
        fc.constantFrom('en' as const, 'cy' as const),
        (n, offsets, loc) => {
          const weeks = weeksFrom(MONDAY, n);
          const span = n * 7;
          const incidents = offsets.map((o) => ({ date: iso(MONDAY + (o % span) * DAY) }));
          const { unit, bars } = overTime(weeks, incidents, loc);
          expect(unit).toBe('month');
          expect(bars.reduce((t, b) => t + b.count, 0)).toBe(incidents.length);
          // One bar per calendar month from the first week's to the last week's (or the last
          // incident's, when it falls after that Monday in a new month), none skipped.
          const first = iso(MONDAY).slice(0, 7);
          const last = [weeks[n - 1]!.start, ...incidents.map((i) => i.date)]
            .map((d) => d.slice(0, 7))
            .sort()
            .pop()!;
          let month = first;
          let expected = 1;
          while (month !== last) {
            month = nextMonth(month);
            expected += 1;
          }
          expect(bars).toHaveLength(expected);
          expect(bars[0]?.label).toBe(loc === 'en' ? 'January 2024' : 'Ionawr 2024');
          // Far fewer bars than weeks: the chart stays about a page long at most.
          expect(bars.length).toBeLessThanOrEqual(Math.ceil(n / 4) + 1);
        },
      ),
    );
  });
});
