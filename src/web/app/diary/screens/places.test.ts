import { describe, expect, it } from 'vitest';
import { DIARY_MESSAGES } from '../messages.js';
import {
  checkPlace,
  emptyPlaceFields,
  incidentsAtPlace,
  placeErrors,
  placeFieldIdOf,
  placeFieldsToInput,
  placeToFields,
} from '../place-form.js';
import type { Incident } from '../../../../domain/diary/index.js';

const errors = DIARY_MESSAGES.en.diary.places.errors;

describe('the place form', () => {
  it('saves a trimmed name, a kind from the list, and leaves blanks out', () => {
    const check = checkPlace({ ...emptyPlaceFields(), name: '  Home ', kind: 'home', notes: ' ' });
    expect(check).toEqual({ ok: true, value: { schemaVersion: 1, name: 'Home', kind: 'home' } });
  });

  it('drops a kind that is not in the list instead of failing', () => {
    expect(placeFieldsToInput({ ...emptyPlaceFields(), name: 'Gym', kind: 'castle' })).toEqual({
      name: 'Gym',
      address: '',
      notes: '',
    });
  });

  it('keeps what the form does not show, such as coordinates, through an edit', () => {
    const place = {
      schemaVersion: 1 as const,
      name: 'Work',
      kind: 'work' as const,
      address: '1 High Street',
      coordinates: { latitude: 51.5, longitude: -3.2 },
    };
    const fields = placeToFields(place);
    expect(fields).toMatchObject({
      name: 'Work',
      kind: 'work',
      address: '1 High Street',
      notes: '',
    });
    const again = checkPlace({ ...fields, name: 'Office' });
    expect(again).toEqual({ ok: true, value: { ...place, name: 'Office' } });
  });

  it('says in the person’s words what is wrong, once per field', () => {
    const blank = { ...emptyPlaceFields(), name: '   ' };
    const check = checkPlace(blank);
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(placeErrors(blank, check.issues, errors)).toEqual([
      { field: 'place-name', message: errors.name },
    ]);

    const long = {
      ...emptyPlaceFields(),
      name: 'x'.repeat(201),
      address: 'y'.repeat(1001),
      notes: 'z'.repeat(10_001),
    };
    const tooLong = checkPlace(long);
    if (tooLong.ok) throw new Error('expected errors');
    expect(placeErrors(long, tooLong.issues, errors)).toEqual([
      { field: 'place-name', message: errors.nameLong },
      { field: 'place-address', message: errors.addressLong },
      { field: 'place-notes', message: errors.notesLong },
    ]);
    const welsh = DIARY_MESSAGES.cy.diary.places.errors;
    expect(placeErrors(blank, check.issues, welsh)[0]?.message).toBe(welsh.name);
  });

  it('maps issue paths to the form’s controls', () => {
    expect(placeFieldIdOf('name')).toBe('place-name');
    expect(placeFieldIdOf('kind')).toBe('place-kind');
    expect(placeFieldIdOf('address')).toBe('place-address');
    expect(placeFieldIdOf('notes')).toBe('place-notes');
    expect(placeFieldIdOf('coordinates.latitude')).toBe('place-name');
  });
});

describe('incidentsAtPlace', () => {
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

  it('counts incidents linked to the place, whatever words are written beside the link', () => {
    const incidents = [
      { id: 'a', value: incident({ placeId: 'home' }) },
      { id: 'b', value: incident({ placeId: 'home', text: 'at the gate' }) },
      { id: 'c', value: incident({ text: 'home' }) },
      { id: 'd', value: incident({ placeId: 'work' }) },
      { id: 'e', value: incident(undefined) },
    ];
    expect(incidentsAtPlace({ incidents }, 'home')).toBe(2);
    expect(incidentsAtPlace({ incidents }, 'work')).toBe(1);
    expect(incidentsAtPlace({ incidents }, 'gym')).toBe(0);
  });
});
