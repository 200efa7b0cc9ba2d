import { describe, expect, it } from 'vitest';
import type { Incident } from '../../../domain/diary/index.js';
import { incidentsNamingPerson } from './people.js';

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
