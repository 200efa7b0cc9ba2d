import { describe, expect, it } from 'vitest';
import { byPlace, type Incident } from '../../../../domain/diary/index.js';
import { DIARY_MESSAGES } from '../messages.js';
import { distinctLabels, placeLabels } from './patterns.js';

describe('distinctLabels', () => {
  it('numbers repeats and leaves distinct labels alone', () => {
    expect(distinctLabels(['Home', 'Work', 'Home', 'Home'])).toEqual([
      'Home',
      'Work',
      'Home (2)',
      'Home (3)',
    ]);
    expect(distinctLabels([])).toEqual([]);
  });

  it('never makes a label that is already taken', () => {
    const labels = distinctLabels(['Home', 'Home (2)', 'Home']);
    expect(labels).toEqual(['Home', 'Home (2)', 'Home (3)']);
    expect(new Set(labels).size).toBe(labels.length);
  });
});

describe('placeLabels', () => {
  const incident = (where: Incident['where']): Incident => ({
    schemaVersion: 1,
    when: { start: '2026-03-01T10:00+00:00', approximate: false, timeZone: 'Europe/London' },
    ...(where !== undefined ? { where } : {}),
    what: 'x',
    behaviours: [],
    perpetratorIds: [],
    witnessIds: [],
    evidenceIds: [],
    tags: [],
  });

  it('names saved places, written places and deleted places, each one distinct', () => {
    const breakdown = byPlace(
      {
        incidents: [
          { id: 'a', value: incident({ placeId: 'home' }) },
          { id: 'b', value: incident({ placeId: 'home' }) },
          { id: 'c', value: incident({ placeId: 'gone-1' }) },
          { id: 'd', value: incident({ placeId: 'gone-2' }) },
          { id: 'e', value: incident({ text: 'Home' }) },
        ],
        places: [{ id: 'home', value: { schemaVersion: 1, name: 'Home' } }],
      },
      { timeZone: 'Europe/London' },
    );
    const p = DIARY_MESSAGES.en.diary.patterns;
    expect(placeLabels(breakdown.items, p)).toEqual([
      'Home',
      p.unknownPlace,
      `${p.unknownPlace} (2)`,
      'Home (2)',
    ]);
    expect(breakdown.items.map((i) => i.kind)).toEqual(['saved', 'saved', 'saved', 'text']);
  });
});
