import { describe, expect, it } from 'vitest';
import type { Incident } from '../../../../domain/diary/index.js';
import { incidentsNamingPerson, personRoles } from './people.js';
import { lastPerpetrator } from './quick-capture.js';

describe('incidentsNamingPerson', () => {
  const incident = (perpetratorIds: string[], witnessIds: string[]): Incident => ({
    schemaVersion: 1,
    when: { start: '2026-03-01T10:00+00:00', approximate: false, timeZone: 'Europe/London' },
    what: 'x',
    behaviours: [],
    perpetratorIds,
    witnessIds,
    evidenceIds: [],
    tags: [],
  });

  it('counts each incident once, whether the person did it, saw it, or both', () => {
    const incidents = [
      { id: 'a', value: incident(['mark'], []) },
      { id: 'b', value: incident([], ['mark']) },
      { id: 'c', value: incident(['mark'], ['sam']) },
      { id: 'd', value: incident(['sam'], []) },
      { id: 'e', value: incident([], []) },
    ];
    expect(incidentsNamingPerson({ incidents }, 'mark')).toBe(3);
    expect(incidentsNamingPerson({ incidents }, 'sam')).toBe(2);
    expect(incidentsNamingPerson({ incidents }, 'nobody')).toBe(0);
  });
});

describe('who is responsible and who is a witness', () => {
  const incident = (perpetratorIds: string[], witnessIds: string[], createdAt = '') => ({
    createdAt,
    value: { perpetratorIds, witnessIds },
  });

  it('counts each incident once per role', () => {
    const roles = personRoles([
      incident(['jo', 'jo'], ['sam']),
      incident(['jo'], []),
      incident([], ['jo']),
    ]);
    expect(roles.get('jo')).toEqual({ didIt: 2, witnessed: 1 });
    expect(roles.get('sam')).toEqual({ didIt: 0, witnessed: 1 });
    expect(roles.get('nobody')).toBeUndefined();
  });

  it('quick capture offers who did the most recently recorded incident first', () => {
    const people = [{ id: 'jo' }, { id: 'sam' }] as never;
    const incidents = [
      incident(['sam'], [], '2026-12-01T10:00:00Z'),
      incident(['jo'], [], '2026-12-03T10:00:00Z'),
      incident(['gone'], [], '2026-12-04T10:00:00Z'),
      incident([], ['sam'], '2026-12-05T10:00:00Z'),
    ] as never;
    expect(lastPerpetrator({ people, incidents })).toBe('jo');
    expect(lastPerpetrator({ people, incidents: [] })).toBeUndefined();
  });
});
