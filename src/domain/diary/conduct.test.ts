import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { conductNote, countOccasions, courseOfConduct } from './conduct.js';
import { makeIncident } from './fixtures.js';
import type { Incident } from './incident.js';
import type { Entry } from './prepare.js';
import { zonedFromInstant } from './time.js';

const zone = { timeZone: 'Europe/London' };
const by = (id: string, start: string, people: string[], end?: string): Entry<Incident> => ({
  id,
  value: makeIncident(start, {
    perpetratorIds: people,
    ...(end === undefined ? {} : { when: { end } }),
  }),
});

describe('courseOfConduct', () => {
  it('counts separate incidents on the same day as separate occasions', () => {
    const r = courseOfConduct(
      {
        incidents: [
          by('a', '2026-03-02T08:00+00:00', ['mark']),
          by('b', '2026-03-02T18:00+00:00', ['mark']),
        ],
        people: [
          {
            id: 'mark',
            value: {
              schemaVersion: 1,
              name: 'Mark',
              vehicles: [],
              phones: [],
              emails: [],
              accounts: [],
            },
          },
        ],
      },
      zone,
    );
    expect(r.people).toEqual([
      {
        personId: 'mark',
        label: 'Mark',
        incidents: 2,
        occasions: 2,
        first: '2026-03-02',
        last: '2026-03-02',
        incidentIds: ['a', 'b'],
        atLeastTwoOccasions: true,
        note: conductNote(2),
      },
    ]);
    expect(r.people[0]?.note.en).toBe(
      '2 separate occasions are recorded for this person. The law on harassment and stalking needs a course of conduct: at least two occasions, which can be different kinds of behaviour. Whether this is harassment or stalking is for the police and courts to decide.',
    );
    expect(r.people[0]?.note.cy).toMatch(/^Mae 2 o achlysuron ar wahân wedi'u cofnodi/);
  });

  it('counts two entries about overlapping times, or the same instant, as one occasion', () => {
    const r = courseOfConduct(
      {
        incidents: [
          by('follow', '2026-03-02T10:00+00:00', ['mark'], '2026-03-02T10:30+00:00'),
          by('shout', '2026-03-02T10:15+00:00', ['mark']),
          by('same', '2026-03-02T10:30+00:00', ['mark']),
          by('later', '2026-03-02T10:31+00:00', ['mark']),
        ],
      },
      zone,
    );
    expect(r.people[0]).toMatchObject({ incidents: 4, occasions: 2, atLeastTwoOccasions: true });
    expect(r.people[0]?.label).toBeUndefined();
  });

  it('needs two occasions: one is noted as not yet a course of conduct', () => {
    const r = courseOfConduct(
      {
        incidents: [
          by('a', '2026-03-02T10:00+00:00', ['mark', 'sian']),
          by('b', '2026-03-09T10:00+00:00', ['mark']),
          by('c', '2026-03-10T10:00+00:00', []),
        ],
      },
      zone,
    );
    expect(r.unattributed).toBe(1);
    expect(r.people.map((p) => [p.personId, p.occasions, p.atLeastTwoOccasions])).toEqual([
      ['mark', 2, true],
      ['sian', 1, false],
    ]);
    expect(r.people[1]?.note.en).toBe(
      '1 occasion is recorded for this person. The law on harassment and stalking needs at least two occasions. You can still tell the police about a single incident.',
    );
    expect(r.people[1]?.note.cy).toMatch(/^Mae 1 achlysur wedi'i gofnodi/);
  });

  it('requires at least two occasions, whatever the entries', () => {
    const entry = fc.record({
      start: fc.integer({ min: 0, max: 500 }),
      length: fc.integer({ min: 0, max: 120 }),
      who: fc.subarray(['p1', 'p2', 'p3']),
    });
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 25 }), (entries) => {
        const base = Date.UTC(2026, 2, 1);
        const incidents = entries.map((e, i) =>
          by(
            `i${String(i).padStart(3, '0')}`,
            zonedFromInstant(base + e.start * 600_000, 'Europe/London'),
            e.who,
            zonedFromInstant(base + (e.start + e.length) * 600_000, 'Europe/London'),
          ),
        );
        const r = courseOfConduct({ incidents }, zone);
        for (const p of r.people) {
          expect(p.atLeastTwoOccasions).toBe(p.occasions >= 2);
          expect(p.occasions).toBeGreaterThanOrEqual(1);
          expect(p.occasions).toBeLessThanOrEqual(p.incidents);
          if (p.incidents === 1) expect(p.atLeastTwoOccasions).toBe(false);
        }
        const attributed = entries.filter((e) => e.who.length > 0).length;
        expect(r.unattributed).toBe(entries.length - attributed);
      }),
    );
  });
});

describe('countOccasions', () => {
  it('starts a new occasion only after everything before has ended', () => {
    expect(countOccasions([])).toBe(0);
    expect(
      countOccasions([
        { start: 0, end: 10 },
        { start: 5, end: 5 },
        { start: 11, end: 11 },
      ]),
    ).toBe(2);
    expect(
      countOccasions([
        { start: 0, end: 100 },
        { start: 10, end: 20 },
        { start: 50, end: 50 },
      ]),
    ).toBe(1);
  });
});
