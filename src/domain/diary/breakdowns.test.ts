import { describe, expect, it } from 'vitest';
import {
  byBehaviour,
  byBehaviourGroup,
  byChannel,
  byPerson,
  byPlace,
  normalisePlace,
  placeKeyOf,
} from './breakdowns.js';
import { makeIncident } from './fixtures.js';
import type { Incident, Person, Place } from './incident.js';
import type { Diary, Entry } from './prepare.js';

const zone = { timeZone: 'Europe/London' };
let n = 0;
const inc = (fields: Parameters<typeof makeIncident>[1] = {}): Entry<Incident> => {
  n++;
  return {
    id: `incident-${String(n).padStart(3, '0')}`,
    value: makeIncident(`2026-03-${String(1 + (n % 28)).padStart(2, '0')}T10:00+00:00`, fields),
  };
};
const person = (id: string, value: Partial<Person>): Entry<Person> => ({
  id,
  value: { schemaVersion: 1, vehicles: [], phones: [], emails: [], accounts: [], ...value },
});
const place = (id: string, name: string): Entry<Place> => ({
  id,
  value: { schemaVersion: 1, name },
});

describe('byBehaviour and byBehaviourGroup', () => {
  const diary: Diary = {
    incidents: [
      inc({ behaviours: ['following', 'phone-calls'] }),
      inc({ behaviours: ['phone-calls', 'texts-voicemails'] }),
      inc({ behaviours: ['phone-calls'] }),
      inc({ behaviours: ['threats-to-kill'] }),
      inc(),
    ],
  };

  it('counts each behaviour an incident records, most first, and those with none', () => {
    expect(byBehaviour(diary, zone)).toEqual({
      items: [
        { key: 'phone-calls', group: 'contact', count: 3, legalExample: true },
        { key: 'texts-voicemails', group: 'contact', count: 1, legalExample: true },
        { key: 'following', group: 'following', count: 1, legalExample: true },
        { key: 'threats-to-kill', group: 'threats', count: 1, legalExample: false },
      ],
      notRecorded: 1,
    });
  });

  it('counts an incident once per group', () => {
    expect(byBehaviourGroup(diary, zone)).toEqual({
      items: [
        { key: 'contact', count: 3 },
        { key: 'following', count: 1 },
        { key: 'threats', count: 1 },
      ],
      notRecorded: 1,
    });
  });
});

describe('byChannel', () => {
  it('counts channels and groups the details whatever their case', () => {
    const r = byChannel(
      {
        incidents: [
          inc({ channel: { key: 'social-media', detail: 'Instagram' } }),
          inc({ channel: { key: 'social-media', detail: 'instagram ' } }),
          inc({ channel: { key: 'social-media', detail: 'Instagram' } }),
          inc({ channel: { key: 'social-media', detail: 'TikTok' } }),
          inc({ channel: { key: 'phone-call' } }),
          inc(),
        ],
      },
      zone,
    );
    expect(r).toEqual({
      items: [
        {
          key: 'social-media',
          count: 4,
          details: [
            { label: 'Instagram', count: 3 },
            { label: 'TikTok', count: 1 },
          ],
        },
        { key: 'phone-call', count: 1, details: [] },
      ],
      notRecorded: 1,
    });
  });
});

describe('byPlace', () => {
  it('groups saved places exactly and words lightly', () => {
    const r = byPlace(
      {
        incidents: [
          inc({ where: { placeId: 'place-home' } }),
          inc({ where: { placeId: 'place-home', text: 'front door' } }),
          inc({ where: { placeId: 'place-gone' } }),
          inc({ where: { text: 'Tesco, High St.' } }),
          inc({ where: { text: 'tesco high st' } }),
          inc({ where: { text: 'TESCO  HIGH ST' } }),
          inc({ where: { text: 'Tesco, High St.' } }),
          inc({ where: { text: 'Caffi’r Dŵr' } }),
          inc({ where: { coordinates: { latitude: 51, longitude: -3 } } }),
          inc(),
        ],
        places: [place('place-home', 'Home')],
      },
      zone,
    );
    expect(r).toEqual({
      items: [
        { key: 'text:tesco high st', kind: 'text', label: 'Tesco, High St.', count: 4 },
        { key: 'saved:place-home', kind: 'saved', placeId: 'place-home', label: 'Home', count: 2 },
        { key: 'saved:place-gone', kind: 'saved', placeId: 'place-gone', count: 1 },
        { key: 'text:caffi r dwr', kind: 'text', label: 'Caffi’r Dŵr', count: 1 },
      ],
      notRecorded: 2,
    });
  });

  it('normalises only lightly', () => {
    expect(normalisePlace('  Caffi’r Dŵr,  Stryd Fawr ')).toBe('caffi r dwr stryd fawr');
    expect(normalisePlace('Bus stop (No. 5)')).toBe('bus stop no 5');
    expect(normalisePlace('St Mary’s')).not.toBe(normalisePlace('St Marys'));
    expect(placeKeyOf({ where: { text: ' ,. ' } })).toBeUndefined();
    expect(placeKeyOf({})).toBeUndefined();
  });
});

describe('byPerson', () => {
  it('counts who did it and who saw it, and keeps deleted people as unknown', () => {
    const r = byPerson(
      {
        incidents: [
          inc({ perpetratorIds: ['person-01'], witnessIds: ['person-03'] }),
          inc({ perpetratorIds: ['person-01', 'person-gone'] }),
          inc({ witnessIds: ['person-03'] }),
        ],
        people: [
          person('person-01', { name: 'Mark' }),
          person('person-03', { alias: 'Neighbour at 14' }),
        ],
      },
      zone,
    );
    expect(r).toEqual({
      items: [
        { personId: 'person-01', label: 'Mark', asPerpetrator: 2, asWitness: 0 },
        { personId: 'person-gone', asPerpetrator: 1, asWitness: 0 },
        { personId: 'person-03', label: 'Neighbour at 14', asPerpetrator: 0, asWitness: 2 },
      ],
      notRecorded: 1,
    });
  });
});
