/**
 * A deterministic, realistic-looking diary for tests and benchmarks: `generateIncidents(n, seed)`
 * gives the same records for the same arguments on every machine. Not test-only code, so that
 * bench/ can use it for the 10,000-incident benchmark. Nothing here is random in the secret
 * sense: it uses a small seeded generator, never Math.random or crypto.
 */
import type { EffectRecord, Incident, Person, Place } from './incident.js';
import type { Diary, Entry } from './prepare.js';
import {
  BEHAVIOUR_KEYS,
  CHANNEL_KEYS,
  EFFECT_KEYS,
  type BehaviourKey,
  type ChannelKey,
} from './taxonomy.js';
import { dateOfDay, DAY_MS, zonedFromInstant } from './time.js';

/**
 * Mulberry32: a 32-bit seeded generator, uniform on [0, 1). Good enough for test data; not for
 * anything secret.
 *
 * @example const next = seededRandom(42); next() // 0.6011037519201636
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface GeneratedDiary extends Diary {
  readonly incidents: readonly Entry<Incident>[];
  readonly people: readonly Entry<Person>[];
  readonly places: readonly Entry<Place>[];
  readonly effects: readonly Entry<EffectRecord>[];
}

const PEOPLE: readonly Entry<Person>[] = [
  {
    id: 'person-01',
    value: {
      schemaVersion: 1,
      name: 'Mark Evans',
      relationship: 'ex-partner',
      description: 'Tall, short grey hair, often in a dark green jacket.',
      vehicles: [{ registration: 'CU19 XYZ', make: 'Ford', model: 'Transit', colour: 'Blue' }],
      phones: [{ number: '07700 900123', label: 'Mobile' }],
      emails: ['mark@example.com'],
      accounts: [{ platform: 'Instagram', handle: '@mark_e' }],
    },
  },
  {
    id: 'person-02',
    value: {
      schemaVersion: 1,
      name: 'Siân Pritchard',
      relationship: 'friend',
      vehicles: [],
      phones: [],
      emails: [],
      accounts: [],
    },
  },
  {
    id: 'person-03',
    value: {
      schemaVersion: 1,
      name: 'Angharad Jones',
      relationship: 'neighbour',
      vehicles: [],
      phones: [{ number: '029 2018 0000' }],
      emails: [],
      accounts: [],
      address: 'Number 14, next door',
    },
  },
  {
    id: 'person-04',
    value: {
      schemaVersion: 1,
      alias: 'Man in the blue van',
      relationship: 'not-known',
      vehicles: [{ colour: 'Blue', notes: 'Dent on the back door' }],
      phones: [],
      emails: [],
      accounts: [],
    },
  },
];

const PLACES: readonly Entry<Place>[] = [
  { id: 'place-home', value: { schemaVersion: 1, name: 'Home', kind: 'home' } },
  { id: 'place-work', value: { schemaVersion: 1, name: 'Work', kind: 'work' } },
  { id: 'place-school', value: { schemaVersion: 1, name: 'School gates', kind: 'school' } },
];

const PLACE_WORDS = [
  'Tesco, High St.',
  'tesco high st',
  'Caffi’r Dŵr',
  'Bus stop on Heol y Frenhines',
  'Car park at the station',
  'Gym',
];

const WHAT = [
  'He was waiting outside again when I left.',
  'Seven missed calls from a withheld number between 9 and 10.',
  'A parcel was left on the doorstep with no note.',
  'He followed me from the bus stop to the café.',
  'Messages on Instagram asking where I was.',
  'Roedd e y tu allan i’r tŷ eto, yn eistedd yn y fan las.',
  'My friend said he had asked her where I work now.',
  'Someone let the tyres down on my car overnight.',
  'He shouted at me across the car park and said I would regret it.',
  'A new account started following me and commenting on old photos.',
];

const HOURS = [0, 1, 7, 8, 8, 9, 12, 13, 17, 18, 18, 19, 20, 20, 21, 21, 22, 22, 23, 23];
const SOCIAL = ['Instagram', 'instagram', 'TikTok', 'Facebook'];
const START = Date.UTC(2025, 0, 6, 0, 0);
const SPAN_DAYS = 730;

/**
 * A diary of `n` incidents over about two years from January 2025, becoming more frequent over
 * time, with four people, three saved places and a few effect records. Mostly in Europe/London,
 * with some entries recorded in Paris and New York. The same `n` and `seed` always give the same
 * diary; a larger `n` is a denser diary over the same period.
 *
 * @example generateIncidents(3, 1).incidents.map((e) => e.id) // ['incident-000001', 'incident-000002', 'incident-000003']
 */
export function generateIncidents(n: number, seed: number): GeneratedDiary {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const chance = (p: number): boolean => random() < p;
  const incidents: Entry<Incident>[] = [];
  for (let k = 0; k < n; k++) {
    // Density grows linearly with time: the square root spreads early entries thinly.
    const u = Math.sqrt((k + random()) / Math.max(1, n));
    const day = Math.floor(u * SPAN_DAYS);
    const instant =
      START + day * DAY_MS + pick(HOURS) * 3_600_000 + Math.floor(random() * 60) * 60_000;
    const timeZone = chance(0.9) ? 'Europe/London' : pick(['Europe/Paris', 'America/New_York']);
    const when: Incident['when'] = {
      start: zonedFromInstant(instant, timeZone),
      approximate: chance(0.1),
      timeZone,
      ...(chance(0.2)
        ? { end: zonedFromInstant(instant + (5 + Math.floor(random() * 115)) * 60_000, timeZone) }
        : {}),
    };
    const behaviours = new Set<BehaviourKey>();
    const behaviourCount = 1 + Math.floor(random() * 3);
    for (let b = 0; b < behaviourCount; b++) behaviours.add(pick(BEHAVIOUR_KEYS));
    const r = random();
    const where: Incident['where'] =
      r < 0.5 ? { placeId: pick(PLACES).id } : r < 0.85 ? { text: pick(PLACE_WORDS) } : undefined;
    const channelKey: ChannelKey | undefined = chance(0.8) ? pick(CHANNEL_KEYS) : undefined;
    const p = random();
    const perpetratorIds =
      p < 0.8
        ? ['person-01']
        : p < 0.9
          ? ['person-04']
          : p < 0.95
            ? ['person-02', 'person-01']
            : [];
    const incident: Incident = {
      schemaVersion: 1,
      when,
      ...(where === undefined ? {} : { where }),
      what: pick(WHAT),
      behaviours: [...behaviours],
      ...(channelKey === undefined
        ? {}
        : {
            channel:
              channelKey === 'social-media'
                ? { key: channelKey, detail: pick(SOCIAL) }
                : { key: channelKey },
          }),
      perpetratorIds,
      witnessIds: chance(0.1) ? ['person-03'] : [],
      ...(chance(0.08)
        ? {
            police: {
              reportedOn: dateOfDay(Math.floor(instant / DAY_MS) + 1),
              reference: `CR/${String(10000 + k)}/25`,
              officerName: 'PC Lewis',
              officerNumber: '4521',
            },
          }
        : {}),
      ...(chance(0.1)
        ? { effect: { feelings: 'Frightened and on edge.', changes: [pick(EFFECT_KEYS)] } }
        : {}),
      evidenceIds: chance(0.15) ? [`evidence-${String(k + 1).padStart(6, '0')}`] : [],
      tags: chance(0.2) ? [pick(['night', 'car', 'Work', 'school run'])] : [],
    };
    incidents.push({ id: `incident-${String(k + 1).padStart(6, '0')}`, value: incident });
  }
  const effects: Entry<EffectRecord>[] = [
    {
      id: 'effect-01',
      value: {
        schemaVersion: 1,
        change: 'route-or-travel',
        startedOn: dateOfDay(Math.floor(START / DAY_MS) + 120),
        description: 'I take the bus to work instead of walking.',
        incidentIds: [],
      },
    },
    {
      id: 'effect-02',
      value: {
        schemaVersion: 1,
        change: 'home-security',
        startedOn: dateOfDay(Math.floor(START / DAY_MS) + 300),
        description: 'Doorbell camera and new locks fitted.',
        incidentIds: [],
      },
    },
  ];
  return { incidents, people: PEOPLE, places: PLACES, effects };
}

/**
 * A minimal valid incident for tests and examples: starting at a zoned time, in a zone, with
 * any other fields given.
 *
 * @example makeIncident('2026-03-29T14:30+01:00', { behaviours: ['following'] })
 */
export function makeIncident(
  start: string,
  fields: Partial<Omit<Incident, 'when'>> & { readonly when?: Partial<Incident['when']> } = {},
): Incident {
  const { when, ...rest } = fields;
  return {
    schemaVersion: 1,
    what: 'Something happened.',
    behaviours: [],
    perpetratorIds: [],
    witnessIds: [],
    evidenceIds: [],
    tags: [],
    ...rest,
    when: { start, approximate: false, timeZone: 'Europe/London', ...when },
  };
}
