import { describe, expect, it } from 'vitest';
import { effectsRecorded } from './effects.js';
import { makeIncident } from './fixtures.js';
import type { EffectRecord } from './incident.js';
import type { Entry } from './prepare.js';

describe('effectsRecorded', () => {
  it('lists each change once, in taxonomy order, with when it was first recorded', () => {
    const effect = (id: string, value: Partial<EffectRecord>): Entry<EffectRecord> => ({
      id,
      value: {
        schemaVersion: 1,
        change: 'work',
        startedOn: '2026-01-01',
        incidentIds: [],
        ...value,
      },
    });
    const r = effectsRecorded(
      {
        incidents: [
          {
            id: 'late',
            value: makeIncident('2026-04-01T10:00+01:00', {
              effect: { changes: ['socialising', 'route-or-travel'] },
            }),
          },
          {
            id: 'early',
            // 23:30 on 1 March in New York is already 2 March in London.
            value: makeIncident('2026-03-01T23:30-05:00', {
              effect: { changes: ['route-or-travel'] },
            }),
          },
          { id: 'none', value: makeIncident('2026-03-05T10:00+00:00') },
        ],
        effects: [
          effect('e-2', { change: 'home-security', startedOn: '2026-02-10' }),
          effect('e-1', { change: 'socialising', startedOn: '2026-01-20' }),
        ],
      },
      { timeZone: 'Europe/London' },
    );
    expect(r).toEqual([
      {
        key: 'route-or-travel',
        firstRecorded: '2026-03-02',
        incidentIds: ['early', 'late'],
        effectIds: [],
      },
      { key: 'home-security', firstRecorded: '2026-02-10', incidentIds: [], effectIds: ['e-2'] },
      {
        key: 'socialising',
        firstRecorded: '2026-01-20',
        incidentIds: ['late'],
        effectIds: ['e-1'],
      },
    ]);
  });

  it('is empty when no change is recorded', () => {
    expect(effectsRecorded({ incidents: [] }, { timeZone: 'UTC' })).toEqual([]);
  });
});
