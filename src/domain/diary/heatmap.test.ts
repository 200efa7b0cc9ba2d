import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeIncident } from './fixtures.js';
import { heatmap } from './heatmap.js';
import type { Incident } from './incident.js';
import type { Entry } from './prepare.js';
import { zonedFromInstant } from './time.js';

const london = 'Europe/London';
const entry = (id: string, start: string, approximate = false): Entry<Incident> => ({
  id,
  value: makeIncident(start, { when: { approximate } }),
});

/** What Intl says the clock on the wall showed: ISO weekday (0 = Monday) and hour. */
function intlBucket(instant: number, timeZone: string): [number, number] {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'long',
    hour: 'numeric',
    hourCycle: 'h23',
  }).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const days = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
  return [days.indexOf(get('weekday')), Number(get('hour'))];
}

function bucketOf(counts: readonly (readonly number[])[]): [number, number] | undefined {
  for (let d = 0; d < 7; d++) {
    for (let h = 0; h < 24; h++) if ((counts[d]?.[h] ?? 0) > 0) return [d, h];
  }
  return undefined;
}

describe('heatmap', () => {
  it('puts each incident at its weekday and hour in the display zone', () => {
    const r = heatmap(
      {
        incidents: [
          entry('a', '2026-07-06T21:15+01:00'), // Monday 21:15 BST
          entry('b', '2026-07-06T21:45+01:00', true),
          entry('c', '2026-07-12T08:00+01:00'), // Sunday 08:00
        ],
      },
      { timeZone: london },
    );
    expect(r.counts[0]?.[21]).toBe(2);
    expect(r.counts[6]?.[8]).toBe(1);
    expect(r.byWeekday).toEqual([2, 0, 0, 0, 0, 0, 1]);
    expect(r.byHour[21]).toBe(2);
    expect(r).toMatchObject({ total: 3, approximate: 1, max: 2, timeZone: london });
  });

  it('uses the display zone, not the zone each entry was recorded in', () => {
    // Recorded in New York at 20:00 on a Friday: 01:00 on Saturday in London.
    const r = heatmap({ incidents: [entry('a', '2026-07-10T20:00-04:00')] }, { timeZone: london });
    expect(bucketOf(r.counts)).toEqual([5, 1]);
  });

  it('counts both 01:30s separately at 01:00 on the Sunday the clocks go back', () => {
    const r = heatmap(
      {
        incidents: [
          entry('bst', '2026-10-25T01:30+01:00'), // 00:30 UTC
          entry('gmt', '2026-10-25T01:30+00:00'), // 01:30 UTC, an hour later
        ],
      },
      { timeZone: london },
    );
    expect(r.counts[6]?.[1]).toBe(2);
    expect(r.total).toBe(2);
  });

  it('skips 01:00 on the Sunday the clocks go forward', () => {
    const r = heatmap(
      {
        incidents: [
          entry('before', zonedFromInstant(Date.UTC(2026, 2, 29, 0, 59), london)),
          entry('after', zonedFromInstant(Date.UTC(2026, 2, 29, 1, 0), london)),
        ],
      },
      { timeZone: london },
    );
    expect(r.counts[6]?.[0]).toBe(1);
    expect(r.counts[6]?.[1]).toBe(0);
    expect(r.counts[6]?.[2]).toBe(1);
  });

  const instantsNear = (day: number) =>
    fc.integer({ min: day - 6 * 3_600_000, max: day + 30 * 3_600_000 });

  it('buckets any instant where Intl says its wall clock is, also on the days the clocks change', () => {
    const instant = fc.oneof(
      fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }),
      instantsNear(Date.UTC(2026, 2, 29)),
      instantsNear(Date.UTC(2026, 9, 25)),
    );
    const zone = fc.constantFrom(
      london,
      'America/New_York',
      'Australia/Lord_Howe',
      'Asia/Kathmandu',
      'Pacific/Chatham',
    );
    const recordedIn = fc.constantFrom(london, 'UTC', 'America/Los_Angeles', 'Asia/Tokyo');
    fc.assert(
      fc.property(instant, zone, recordedIn, (t, displayZone, zoneRecorded) => {
        const start = zonedFromInstant(t, zoneRecorded, 'second');
        const r = heatmap({ incidents: [entry('a', start)] }, { timeZone: displayZone });
        expect(bucketOf(r.counts)).toEqual(intlBucket(Math.floor(t / 1000) * 1000, displayZone));
      }),
      { numRuns: 1000 },
    );
  });

  it('always sums to the number of incidents', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) }), {
          maxLength: 80,
        }),
        fc.constantFrom(london, 'America/Santiago', 'Asia/Kolkata'),
        (instants, zone) => {
          const incidents = instants.map((t, i) => entry(`i${i}`, zonedFromInstant(t, london)));
          const r = heatmap({ incidents }, { timeZone: zone });
          const sum = r.counts.flat().reduce((a, b) => a + b, 0);
          expect(sum).toBe(incidents.length);
          expect(r.total).toBe(incidents.length);
          expect(r.byWeekday.reduce((a, b) => a + b, 0)).toBe(incidents.length);
          expect(r.byHour.reduce((a, b) => a + b, 0)).toBe(incidents.length);
        },
      ),
      { numRuns: 150 },
    );
  });
});
