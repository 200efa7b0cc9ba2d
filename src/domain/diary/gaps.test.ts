import { describe, expect, it } from 'vitest';
import { makeIncident } from './fixtures.js';
import { gaps } from './gaps.js';
import type { Incident } from './incident.js';
import type { Entry } from './prepare.js';

const london = 'Europe/London';
const at = (id: string, start: string, end?: string): Entry<Incident> => ({
  id,
  value: makeIncident(start, end === undefined ? {} : { when: { end } }),
});

describe('gaps', () => {
  const incidents = [
    at('a', '2026-02-01T10:00+00:00'),
    at('b', '2026-02-05T10:00+00:00'),
    at('c', '2026-03-02T10:00+00:00'), // 25 days after b
    at('d', '2026-03-23T10:00+00:00'), // 21 days after c, across the clocks going forward
    at('e', '2026-03-30T10:00+01:00'),
  ];

  it('lists the longest quiet periods in calendar days, longest first', () => {
    const r = gaps({ incidents }, { timeZone: london, now: new Date('2026-05-04T12:00:00Z') });
    expect(r.longest).toEqual([
      {
        from: '2026-02-05',
        to: '2026-03-02',
        days: 25,
        afterId: 'b',
        beforeId: 'c',
        description: {
          en: 'No incidents recorded for 3 weeks, from 5 February 2026 to 2 March 2026.',
          cy: "Dim digwyddiadau wedi'u cofnodi am 3 wythnos, o 5 Chwefror 2026 hyd at 2 Mawrth 2026.",
        },
      },
      {
        from: '2026-03-02',
        to: '2026-03-23',
        days: 21,
        afterId: 'c',
        beforeId: 'd',
        description: {
          en: 'No incidents recorded for 3 weeks, from 2 March 2026 to 23 March 2026.',
          cy: "Dim digwyddiadau wedi'u cofnodi am 3 wythnos, o 2 Mawrth 2026 hyd at 23 Mawrth 2026.",
        },
      },
    ]);
    expect(r.sinceLast).toEqual({
      lastDate: '2026-03-30',
      lastId: 'e',
      days: 35,
      quiet: true,
      description: {
        en: 'No incidents recorded since 30 March 2026 (5 weeks).',
        cy: "Dim digwyddiadau wedi'u cofnodi ers 30 Mawrth 2026 (5 wythnos).",
      },
    });
  });

  it('takes its thresholds from the caller', () => {
    const now = new Date('2026-04-01T12:00:00Z');
    const r = gaps(
      { incidents },
      { timeZone: london, now, minDays: 4, limit: 10, quietAfterDays: 3 },
    );
    expect(r.longest.map((g) => g.days)).toEqual([25, 21, 7, 4]);
    expect(r.sinceLast).toMatchObject({ days: 2, quiet: false });
    expect(r.sinceLast?.description.cy).toBe(
      "Dim digwyddiadau wedi'u cofnodi ers 30 Mawrth 2026 (2 ddiwrnod).",
    );
    expect(gaps({ incidents }, { timeZone: london, now, limit: 1 }).longest).toHaveLength(1);
    expect(gaps({ incidents }, { timeZone: london, now, minDays: 30 }).longest).toEqual([]);
  });

  it('measures from the end of a long incident, and ignores overlaps', () => {
    const r = gaps(
      {
        incidents: [
          at('long', '2026-01-01T10:00+00:00', '2026-01-20T10:00+00:00'),
          at('inside', '2026-01-05T10:00+00:00'),
          at('next', '2026-02-10T10:00+00:00'),
        ],
      },
      { timeZone: london, now: new Date('2026-02-10T12:00:00Z') },
    );
    expect(r.longest.map((g) => [g.from, g.to, g.days, g.afterId])).toEqual([
      ['2026-01-20', '2026-02-10', 21, 'long'],
    ]);
    expect(r.sinceLast?.description.en).toBe('The last incident recorded was today.');
  });

  it('says nothing for an empty diary', () => {
    expect(gaps({ incidents: [] }, { timeZone: london, now: new Date() })).toEqual({ longest: [] });
  });
});
