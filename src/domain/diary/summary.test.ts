import { describe, expect, it } from 'vitest';
import { makeIncident } from './fixtures.js';
import type { Person } from './incident.js';
import type { Entry } from './prepare.js';
import { summarise } from './summary.js';

const mark: Entry<Person> = {
  id: 'mark',
  value: { schemaVersion: 1, name: 'Mark', vehicles: [], phones: [], emails: [], accounts: [] },
};

describe('summarise', () => {
  it('gives counts, the period, people and top behaviours', () => {
    const r = summarise(
      {
        incidents: [
          {
            id: 'b',
            value: makeIncident('2026-04-28T21:00+01:00', {
              behaviours: ['phone-calls', 'threats-harm'],
              channel: { key: 'phone-call' },
              perpetratorIds: ['mark'],
              police: { reference: 'CR/1/26' },
            }),
          },
          {
            id: 'a',
            value: makeIncident('2026-01-03T09:00+00:00', {
              behaviours: ['phone-calls'],
              channel: { key: 'phone-call' },
              perpetratorIds: ['mark'],
              witnessIds: ['angharad'],
              evidenceIds: ['evidence-1'],
              when: { approximate: true },
              effect: { changes: ['work'] },
            }),
          },
        ],
        people: [mark],
      },
      { timeZone: 'Europe/London', top: 1 },
    );
    expect(r).toEqual({
      timeZone: 'Europe/London',
      total: 2,
      reported: 1,
      approximate: 1,
      withEvidence: 1,
      first: {
        id: 'a',
        date: '2026-01-03',
        recorded: '2026-01-03T09:00+00:00',
        recordedTimeZone: 'Europe/London',
      },
      last: {
        id: 'b',
        date: '2026-04-28',
        recorded: '2026-04-28T21:00+01:00',
        recordedTimeZone: 'Europe/London',
      },
      daysCovered: 116,
      people: [
        { personId: 'mark', label: 'Mark', incidents: 2, occasions: 2, atLeastTwoOccasions: true },
      ],
      witnesses: 1,
      topBehaviours: [{ key: 'phone-calls', count: 2 }],
      topChannels: [{ key: 'phone-call', count: 2 }],
      effects: ['work'],
      headline: {
        en: '2 incidents recorded from 3 January 2026 to 28 April 2026, involving 1 person.',
        cy: "2 o ddigwyddiadau wedi'u cofnodi o 3 Ionawr 2026 hyd at 28 Ebrill 2026, yn ymwneud â 1 person.",
      },
    });
  });

  it('words one incident, and none', () => {
    const one = summarise(
      { incidents: [{ id: 'a', value: makeIncident('2026-01-03T09:00+00:00') }] },
      { timeZone: 'Europe/London' },
    );
    expect(one.headline).toEqual({
      en: '1 incident recorded on 3 January 2026.',
      cy: "1 digwyddiad wedi'i gofnodi ar 3 Ionawr 2026.",
    });
    const none = summarise({ incidents: [] }, { timeZone: 'Europe/London' });
    expect(none).toMatchObject({ total: 0, daysCovered: 0, people: [], topBehaviours: [] });
    expect(none.first).toBeUndefined();
    expect(none.headline.en).toBe('No incidents recorded.');
  });
});
