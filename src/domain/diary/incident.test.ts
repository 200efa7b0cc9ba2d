import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateIncidents } from './fixtures.js';
import {
  DIARY_SCHEMAS,
  describeIssues,
  effectRecordSchema,
  incidentSchema,
  isReported,
  linkRevision,
  onlyLinksChanged,
  personLabel,
  personSchema,
  placeSchema,
  quickCapture,
  wordsEdited,
  type IncidentInput,
} from './incident.js';
import { BEHAVIOUR_KEYS, CHANNEL_KEYS, EFFECT_KEYS } from './taxonomy.js';
import { zonedFromInstant } from './time.js';

const when = { start: '2026-03-29T14:30+01:00', timeZone: 'Europe/London' };

function issues(input: unknown) {
  const r = incidentSchema.safeParse(input);
  return r.success ? [] : describeIssues(r.error);
}

describe('incidentSchema', () => {
  it('accepts a quick capture: when, what and where, everything else defaulted', () => {
    const r = incidentSchema.parse({
      when,
      what: 'Outside the gate again',
      where: { text: 'Home' },
    });
    expect(r).toEqual({
      schemaVersion: 1,
      when: { ...when, approximate: false },
      what: 'Outside the gate again',
      where: { text: 'Home' },
      behaviours: [],
      perpetratorIds: [],
      witnessIds: [],
      evidenceIds: [],
      tags: [],
    });
    expect(isReported(r)).toBe(false);
  });

  it('accepts a full entry', () => {
    const full: IncidentInput = {
      schemaVersion: 1,
      when: { ...when, end: '2026-03-29T15:10+01:00', approximate: true },
      where: {
        text: 'Tesco car park',
        placeId: 'place-000001',
        coordinates: { latitude: 51.48, longitude: -3.18, accuracyMetres: 20 },
      },
      what: 'He followed me round the shop and waited by my car.',
      behaviours: ['following', 'loitering'],
      channel: { key: 'in-person' },
      perpetratorIds: ['person-01'],
      witnessIds: ['person-03'],
      police: {
        reportedOn: '2026-03-30T09:15',
        reference: 'CR/12345/26',
        officerName: 'PC Lewis',
        officerNumber: '4521',
      },
      effect: { feelings: 'Shaking.', changes: ['route-or-travel'], changesDetail: 'Other shop' },
      evidenceIds: ['evidence-01'],
      tags: ['car park'],
    };
    const r = incidentSchema.parse(full);
    expect(r).toEqual(full);
    expect(isReported(r)).toBe(true);
  });

  it('trims text and drops optional text left blank', () => {
    const r = incidentSchema.parse({
      when,
      what: '  He rang.  ',
      where: { text: '   ' },
      police: { reference: ' ', officerName: ' PC Lewis ' },
    });
    expect(r.what).toBe('He rang.');
    expect(r.where).toEqual({});
    expect(r.police).toEqual({ officerName: 'PC Lewis' });
    expect(JSON.stringify(r.police)).toBe('{"officerName":"PC Lewis"}');
  });

  it('asks for what happened, in words a person understands', () => {
    expect(issues({ when })).toEqual([
      {
        path: 'what',
        message: 'Enter what happened. A few words are enough: you can add more later',
      },
    ]);
    expect(issues({ when, what: '   ' })[0]?.path).toBe('what');
  });

  it('explains bad times', () => {
    expect(issues({ what: 'x' })).toEqual([{ path: 'when', message: expect.any(String) }]);
    expect(issues({ when: { ...when, start: '29/03/2026 14:30' }, what: 'x' })).toEqual([
      {
        path: 'when.start',
        message:
          'The date and time must be a real date and time between 1900 and 2199 with its offset from UTC, such as 2026-03-29T14:30+01:00',
      },
    ]);
    expect(issues({ when: { ...when, end: '2026-03-29T14:00+01:00' }, what: 'x' })).toEqual([
      { path: 'when.end', message: 'The end must be the same as or after the start' },
    ]);
    expect(issues({ when: { ...when, timeZone: 'London' }, what: 'x' })).toEqual([
      { path: 'when.timeZone', message: 'The time zone must be one such as Europe/London' },
    ]);
  });

  it('accepts an end in the other 01:30 after the clocks go back', () => {
    expect(
      issues({
        when: {
          start: '2026-10-25T01:40+01:00',
          end: '2026-10-25T01:10+00:00', // 40 minutes later, although the wall clock went back
          timeZone: 'Europe/London',
        },
        what: 'x',
      }),
    ).toEqual([]);
  });

  it('refuses unknown keys, repeats and values outside the taxonomy', () => {
    expect(issues({ when, what: 'x', mood: 'bad' })[0]?.message).toMatch(/Unrecognized key/);
    expect(issues({ when, what: 'x', behaviours: ['following', 'following'] })).toEqual([
      { path: 'behaviours', message: 'A behaviour is ticked more than once' },
    ]);
    expect(issues({ when, what: 'x', behaviours: ['glaring'] })).toEqual([
      { path: 'behaviours.0', message: 'Choose behaviours from the list' },
    ]);
    expect(issues({ when, what: 'x', channel: { key: 'pigeon' } })).toEqual([
      { path: 'channel.key', message: 'Choose how it happened from the list' },
    ]);
    expect(issues({ when, what: 'x', perpetratorIds: ['p'] })[0]?.path).toBe('perpetratorIds.0');
    expect(issues({ when, what: 'x', police: { reportedOn: '2026-03-30T25:00' } })[0]?.path).toBe(
      'police.reportedOn',
    );
    expect(issues({ when, what: 'x', police: { reportedOn: '2026-03-30' } })).toEqual([]);
    expect(issues({ when, what: 'x', schemaVersion: 2 })[0]?.message).toMatch(/different version/);
    expect(
      issues({ when, what: 'x', where: { coordinates: { latitude: 91, longitude: 0 } } }),
    ).toEqual([
      { path: 'where.coordinates.latitude', message: 'Latitude must be between -90 and 90' },
    ]);
  });

  it('accepts every generated incident', () => {
    const diary = generateIncidents(300, 5);
    for (const { value } of diary.incidents) expect(incidentSchema.parse(value)).toEqual(value);
    for (const { value } of diary.people) expect(personSchema.parse(value)).toEqual(value);
    for (const { value } of diary.places) expect(placeSchema.parse(value)).toEqual(value);
    for (const { value } of diary.effects) expect(effectRecordSchema.parse(value)).toEqual(value);
  });
});

describe('quickCapture', () => {
  const context = { now: new Date('2026-03-29T18:05:42Z'), timeZone: 'Europe/London' };

  it('defaults when to now, to the minute, in the person’s zone', () => {
    const r = quickCapture({ what: 'He was outside the gate', where: 'Home' }, context);
    expect(r.success).toBe(true);
    expect(r.data?.when).toEqual({
      start: '2026-03-29T19:05+01:00',
      approximate: false,
      timeZone: 'Europe/London',
    });
    expect(r.data?.where).toEqual({ text: 'Home' });
  });

  it('takes a wall time the person typed, and the approximate flag', () => {
    const r = quickCapture(
      { what: 'Flowers on the step', when: '2026-03-28T07:00', approximate: true },
      context,
    );
    expect(r.data?.when).toEqual({
      start: '2026-03-28T07:00+00:00',
      approximate: true,
      timeZone: 'Europe/London',
    });
    expect(r.data?.where).toBeUndefined();
  });

  it('fails with a clear message when nothing is written', () => {
    const r = quickCapture({ what: '' }, context);
    expect(r.success).toBe(false);
    if (!r.success) expect(describeIssues(r.error)[0]?.path).toBe('what');
  });

  it('fails on a zone the device does not know, without throwing', () => {
    const r = quickCapture({ what: 'x' }, { ...context, timeZone: 'Nowhere/Special' });
    expect(r.success).toBe(false);
  });
});

describe('personSchema', () => {
  it('needs a name or an alias', () => {
    const r = personSchema.safeParse({ relationship: 'stranger' });
    expect(r.success).toBe(false);
    if (!r.success) {
      expect(describeIssues(r.error)).toEqual([
        { path: 'name', message: 'Enter a name or an alias, such as "man in the blue van"' },
      ]);
    }
    const alias = personSchema.parse({ alias: 'Man in the blue van' });
    expect(personLabel(alias)).toBe('Man in the blue van');
  });

  it('keeps vehicles, numbers, emails and accounts', () => {
    const p = personSchema.parse({
      name: 'Mark',
      vehicles: [{ registration: 'CU19 XYZ', colour: 'Blue' }],
      phones: [{ number: 'withheld' }],
      emails: ['mark@example.com'],
      accounts: [{ platform: 'Instagram', handle: '@mark_e' }],
    });
    expect(p.vehicles[0]?.registration).toBe('CU19 XYZ');
    expect(personSchema.safeParse({ name: 'M', vehicles: [{}] }).success).toBe(false);
    expect(personSchema.safeParse({ name: 'M', emails: ['not an email'] }).success).toBe(false);
  });
});

describe('placeSchema and effectRecordSchema', () => {
  it('need a name, and a change with a real date', () => {
    expect(placeSchema.safeParse({}).success).toBe(false);
    expect(placeSchema.parse({ name: 'Home', kind: 'home' }).kind).toBe('home');
    expect(effectRecordSchema.safeParse({ change: 'work', startedOn: '2026-02-30' }).success).toBe(
      false,
    );
    expect(effectRecordSchema.parse({ change: 'work', startedOn: '2026-02-03' })).toEqual({
      schemaVersion: 1,
      change: 'work',
      startedOn: '2026-02-03',
      incidentIds: [],
    });
  });
});

// ---- round trip ----

const id = fc.stringMatching(/^[A-Za-z0-9_-]{8,20}$/);
const text = fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.trim() !== '');
const zone = fc.constantFrom('Europe/London', 'America/New_York', 'Asia/Kathmandu', 'UTC');
const instant = fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2060, 0, 1) });

const incidentInput = fc
  .record(
    {
      t: instant,
      zone,
      length: fc.option(fc.integer({ min: 0, max: 600 }), { nil: undefined }),
      approximate: fc.boolean(),
      what: text,
      where: fc.option(
        fc.record(
          {
            text,
            placeId: id,
            coordinates: fc.record({
              latitude: fc.double({ min: -90, max: 90, noNaN: true }),
              longitude: fc.double({ min: -180, max: 180, noNaN: true }),
            }),
          },
          { requiredKeys: [] },
        ),
        { nil: undefined },
      ),
      behaviours: fc.uniqueArray(fc.constantFrom(...BEHAVIOUR_KEYS), { maxLength: 5 }),
      channel: fc.option(fc.record({ key: fc.constantFrom(...CHANNEL_KEYS) }), { nil: undefined }),
      perpetratorIds: fc.uniqueArray(id, { maxLength: 3 }),
      witnessIds: fc.uniqueArray(id, { maxLength: 3 }),
      police: fc.option(fc.record({ reference: text }, { requiredKeys: [] }), { nil: undefined }),
      effect: fc.option(
        fc.record({
          feelings: text,
          changes: fc.uniqueArray(fc.constantFrom(...EFFECT_KEYS), { maxLength: 3 }),
        }),
        { nil: undefined },
      ),
      tags: fc.uniqueArray(
        fc.string({ minLength: 1, maxLength: 10 }).map((s) => `#${s.trim()}`),
        {
          maxLength: 4,
        },
      ),
    },
    { requiredKeys: ['t', 'zone', 'approximate', 'what'] },
  )
  .map(({ t, zone: z, length, approximate, ...rest }) => {
    const input: Record<string, unknown> = {
      when: {
        start: zonedFromInstant(t, z),
        approximate,
        timeZone: z,
        ...(length === undefined ? {} : { end: zonedFromInstant(t + length * 60_000, z) }),
      },
    };
    for (const [k, v] of Object.entries(rest)) if (v !== undefined) input[k] = v;
    return input;
  });

describe('round trips', () => {
  it('an incident survives JSON (as in the vault) and parses to the same value', () => {
    fc.assert(
      fc.property(incidentInput, (input) => {
        const parsed = incidentSchema.parse(input);
        const again = incidentSchema.parse(JSON.parse(JSON.stringify(parsed)));
        expect(again).toStrictEqual(JSON.parse(JSON.stringify(parsed)));
        expect(again).toEqual(parsed);
      }),
      { numRuns: 200 },
    );
  });

  it('every schema parses its own output to the same value', () => {
    const samples = {
      incident: { when, what: 'x' },
      person: { name: 'x', vehicles: [{ registration: 'AB12 CDE' }] },
      place: { name: 'Home' },
      effect: { change: 'childcare', startedOn: '2026-01-05' },
    } as const;
    for (const [type, schema] of Object.entries(DIARY_SCHEMAS)) {
      const once = schema.parse(samples[type as keyof typeof samples]);
      expect(schema.parse(JSON.parse(JSON.stringify(once)))).toEqual(once);
    }
  });
});

describe('links to evidence are not edits of the words', () => {
  const base = incidentSchema.parse({ when, what: 'Car outside the house' });

  it('a link revision keeps the words and says which revision wrote them', () => {
    const once = linkRevision(base, 1, ['evidence-1']);
    expect(once.evidenceIds).toEqual(['evidence-1']);
    expect(once.textRevision).toBe(1);
    expect(incidentSchema.parse(once)).toEqual(once);
    const twice = linkRevision(once, 2, ['evidence-1', 'evidence-2']);
    expect(twice.textRevision).toBe(1);
    expect(wordsEdited(twice, 3)).toBe(false);
    expect(onlyLinksChanged(once, twice)).toBe(true);
  });

  it('an edit of the words is an edit, whatever the links did', () => {
    const edited = { ...base, what: 'Car outside the house, engine running' };
    expect(wordsEdited(edited, 2)).toBe(true);
    expect(onlyLinksChanged(base, edited)).toBe(false);
    expect(wordsEdited(base, 1)).toBe(false);
  });

  it('tells link-only revisions saved before textRevision existed by their words', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ minLength: 1, maxLength: 8 }), { maxLength: 5 }), (ids) => {
        const old = { ...base, evidenceIds: ids };
        expect(onlyLinksChanged(base, old)).toBe(true);
      }),
    );
  });
});
