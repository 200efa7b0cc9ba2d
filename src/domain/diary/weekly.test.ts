import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeIncident } from './fixtures.js';
import type { Incident } from './incident.js';
import type { Entry } from './prepare.js';
import { dateOfDay, dayOfDate, zonedFromInstant } from './time.js';
import { mannKendall, theilSen, trend, weeklyCounts, type WeeklyCounts } from './weekly.js';

const at = (id: string, start: string): Entry<Incident> => ({ id, value: makeIncident(start) });
const london = 'Europe/London';

/** A weekly series of complete weeks from counts, for trend tests. */
function series(counts: readonly number[]): WeeklyCounts {
  return {
    timeZone: 'UTC',
    total: counts.reduce((a, b) => a + b, 0),
    weeks: counts.map((count, i) => ({
      week: `w${i}`,
      start: dateOfDay(dayOfDate('2026-01-05')! + 7 * i),
      count,
      partial: false,
    })),
  };
}

describe('weeklyCounts', () => {
  it('counts per ISO week with empty weeks included and the current week marked partial', () => {
    const incidents = [
      at('a', '2026-03-02T09:00+00:00'), // Monday, W10
      at('b', '2026-03-08T23:30+00:00'), // Sunday, W10
      at('c', '2026-03-17T12:00+00:00'), // Tuesday, W12
    ];
    const now = new Date('2026-03-18T12:00:00Z');
    expect(weeklyCounts({ incidents }, { timeZone: london, now })).toEqual({
      timeZone: london,
      total: 3,
      weeks: [
        { week: '2026-W10', start: '2026-03-02', count: 2, partial: false },
        { week: '2026-W11', start: '2026-03-09', count: 0, partial: false },
        { week: '2026-W12', start: '2026-03-16', count: 1, partial: true },
      ],
    });
  });

  it('uses the chosen zone’s calendar: Sunday 23:30 in London is Monday in Paris', () => {
    const incidents = [at('a', '2026-03-08T23:30+00:00')];
    const now = new Date('2026-03-20T12:00:00Z');
    expect(weeklyCounts({ incidents }, { timeZone: london, now }).weeks[0]?.week).toBe('2026-W10');
    expect(weeklyCounts({ incidents }, { timeZone: 'Europe/Paris', now }).weeks[0]?.week).toBe(
      '2026-W11',
    );
  });

  it('runs across the new year by ISO weeks (2026 has 53)', () => {
    const incidents = [at('a', '2026-12-28T10:00+00:00'), at('b', '2027-01-04T10:00+00:00')];
    const r = weeklyCounts({ incidents }, { timeZone: london, now: new Date('2027-01-20') });
    expect(r.weeks.map((w) => w.week)).toEqual(['2026-W53', '2027-W01', '2027-W02', '2027-W03']);
  });

  it('limits to a date range and marks weeks the range cuts as partial', () => {
    const incidents = [
      at('a', '2026-03-02T09:00+00:00'),
      at('b', '2026-03-04T09:00+00:00'),
      at('c', '2026-03-17T12:00+00:00'),
    ];
    const r = weeklyCounts(
      { incidents },
      { timeZone: london, now: new Date('2026-06-01'), from: '2026-03-03', to: '2026-03-15' },
    );
    expect(r.total).toBe(1);
    expect(r.weeks).toEqual([
      { week: '2026-W10', start: '2026-03-02', count: 1, partial: true },
      { week: '2026-W11', start: '2026-03-09', count: 0, partial: false },
    ]);
  });

  it('returns no weeks for an empty diary', () => {
    expect(weeklyCounts({ incidents: [] }, { timeZone: london, now: new Date() }).weeks).toEqual(
      [],
    );
  });

  it('counts every incident exactly once: the weeks sum to the total', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2027, 0, 1) }), {
          maxLength: 60,
        }),
        fc.constantFrom(london, 'America/New_York', 'Asia/Kathmandu', 'Pacific/Apia'),
        fc.integer({ min: Date.UTC(2023, 0, 1), max: Date.UTC(2028, 0, 1) }),
        (instants, zone, now) => {
          const incidents = instants.map((t, i) => at(`i${i}`, zonedFromInstant(t, 'UTC')));
          const r = weeklyCounts({ incidents }, { timeZone: zone, now: new Date(now) });
          expect(r.weeks.reduce((sum, w) => sum + w.count, 0)).toBe(incidents.length);
          expect(r.total).toBe(incidents.length);
          // Weeks are consecutive Mondays.
          for (let i = 1; i < r.weeks.length; i++) {
            const gap =
              Date.parse(`${r.weeks[i]!.start}T00:00Z`) -
              Date.parse(`${r.weeks[i - 1]!.start}T00:00Z`);
            expect(gap).toBe(7 * 86_400_000);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('theilSen and mannKendall', () => {
  it('fit a straight line and ignore an outlier', () => {
    expect(theilSen([1, 2, 3, 4, 5])).toEqual({ slope: 1, intercept: 1 });
    expect(theilSen([1, 2, 3, 4, 5, 60])).toEqual({ slope: 1, intercept: 1 });
    expect(theilSen([4])).toEqual({ slope: 0, intercept: 4 });
    expect(mannKendall([1, 2, 3, 4, 5]).s).toBe(10);
    expect(mannKendall([5, 4, 3, 2, 1]).s).toBe(-10);
    expect(mannKendall([3, 3, 3, 3]).z).toBe(0);
  });
});

describe('trend', () => {
  it('says there are not enough entries under the minimum', () => {
    const r = trend(series([1, 0, 2]));
    expect(r.direction).toBe('not-enough-data');
    expect(r.explanation.en).toBe(
      'Not enough entries to tell yet. A trend needs at least 5 entries over at least 4 full weeks.',
    );
    expect(r.explanation.cy).toMatch(/^Does dim digon o gofnodion/);
    expect(trend(series([1, 0, 1, 1, 0, 1])).direction).toBe('not-enough-data'); // 4 entries
    expect(trend(series([1, 1, 1, 1, 1]), { minIncidents: 6 }).direction).toBe('not-enough-data');
  });

  it('calls a clear rise escalating, with the numbers behind it', () => {
    const r = trend(series([0, 1, 1, 2, 2, 3, 3, 4, 5, 6]));
    expect(r.direction).toBe('escalating');
    expect(r.slopePerWeek).toBeGreaterThan(0);
    expect(r.weeks).toBe(10);
    expect(r.incidents).toBe(27);
    expect(r.explanation.en).toMatch(
      /^Escalating: incidents are being recorded more often\. Over the 10 full weeks from .* the typical number a week rose from about 0\.?\d* to about \d/,
    );
    expect(r.explanation.cy).toMatch(/^Yn cynyddu/);
  });

  it('calls a clear fall falling, and says that does not mean the danger has passed', () => {
    const r = trend(series([6, 5, 5, 4, 3, 3, 2, 1, 1, 0]));
    expect(r.direction).toBe('falling');
    expect(r.explanation.en).toContain('it does not mean the danger has passed');
    expect(r.typicalAtEnd).toBeGreaterThanOrEqual(0);
  });

  it('does not claim a trend from noise or from too few weeks', () => {
    expect(trend(series([3, 0, 4, 1, 3, 0, 4, 1])).direction).toBe('steady');
    // Rising, but four weeks can never be a clear result.
    expect(trend(series([1, 2, 3, 4])).direction).toBe('steady');
    const r = trend(series([2, 2, 2, 2, 2, 2]));
    expect(r.explanation.en).toBe(
      'No clear rise or fall. Over the 6 full weeks from 5 January 2026 to 15 February 2026, about 2 incidents were recorded a week on average.',
    );
    expect(r.explanation.cy).toBe(
      'Dim cynnydd na gostyngiad clir. Dros y 6 wythnos lawn o 5 Ionawr 2026 hyd at 15 Chwefror 2026, cafodd tua 2 o ddigwyddiadau eu cofnodi bob wythnos ar gyfartaledd.',
    );
  });

  it('leaves partial weeks out, and can look at the last weeks only', () => {
    const weekly = series([0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8]);
    const withPartial: WeeklyCounts = {
      ...weekly,
      weeks: [...weekly.weeks, { week: 'now', start: '2026-01-30', count: 0, partial: true }],
    };
    expect(trend(withPartial).weeks).toBe(12);
    expect(trend(withPartial, { lastWeeks: 5 }).weeks).toBe(5);
    // Five weeks rising every week is a clear rise; four weeks never can be.
    expect(trend(withPartial, { lastWeeks: 5 }).direction).toBe('escalating');
    expect(trend(withPartial, { lastWeeks: 4 }).direction).toBe('steady');
  });

  it('looks at ten years at most, so a mistyped year cannot make it slow', () => {
    const counts = new Array<number>(100 * 52).fill(0);
    counts.push(...new Array<number>(30).fill(3));
    const r = trend(series(counts));
    expect(r.weeks).toBe(520);
    expect(r.incidents).toBe(90);
  });

  it('calls any constant series steady once there is enough data, and never a trend', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 1, max: 150 }), (c, n) => {
        const r = trend(series(new Array<number>(n).fill(c)));
        const enough = n >= 4 && c * n >= 5;
        expect(r.direction).toBe(enough ? 'steady' : 'not-enough-data');
        expect(r.slopePerWeek).toBe(0);
      }),
    );
  });

  it('never calls a series escalating when reversing it would not call it falling', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 4, maxLength: 60 }),
        (c) => {
          const forward = trend(series(c)).direction;
          const backward = trend(series([...c].reverse())).direction;
          const mirror = { escalating: 'falling', falling: 'escalating' } as const;
          if (forward === 'escalating' || forward === 'falling') {
            expect(backward).toBe(mirror[forward]);
          } else {
            expect(backward).toBe(forward);
          }
        },
      ),
    );
  });
});
