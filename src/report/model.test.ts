import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { instantOf } from '../domain/diary/time.js';
import { exhibitFileName, exhibitInitials } from './exhibits.js';
import { sampleRecords } from './fixtures.js';
import { current, type ReportOptions, type ReportRecords } from './input.js';
import { buildReport, chooseIncidents } from './model.js';

const BASE: ReportOptions = {
  locale: 'en',
  timeZone: 'Europe/London',
  now: new Date('2027-01-10T12:00:00Z'),
  subjectName: 'Ffion Rhys',
  contactDetails: 'CONTACT-07700-900999',
  includeContact: true,
  includeEvidence: true,
  includeImported: true,
  includeEffects: true,
  madeWith: 'Mosaic test',
};

const optionsArb = (records: ReportRecords) =>
  fc.record(
    {
      includeContact: fc.boolean(),
      includeEvidence: fc.boolean(),
      includeImported: fc.boolean(),
      includeEffects: fc.boolean(),
      locale: fc.constantFrom('en' as const, 'cy' as const),
      from: fc.constantFrom('2025-06-01', '2026-01-01', '2026-09-30'),
      to: fc.constantFrom('2025-12-31', '2026-06-30', '2027-01-31'),
      personIds: fc.subarray(['person-01', 'person-02', 'person-04']),
      entryIds: fc.subarray(records.incidents.map((r) => r.id)),
    },
    {
      requiredKeys: [
        'includeContact',
        'includeEvidence',
        'includeImported',
        'includeEffects',
        'locale',
      ],
    },
  );

/** Everything the model says, as text (the PDF draws only from this). */
const said = (model: ReturnType<typeof buildReport>) =>
  JSON.stringify({ ...model, strings: undefined, recordIds: undefined });

describe('buildReport', () => {
  const records = sampleRecords(60, 11);

  it('lists every chosen incident exactly once, numbered, in time order; counts add up', () => {
    fc.assert(
      fc.property(optionsArb(records), (o) => {
        const options = { ...BASE, ...o };
        const chosen = chooseIncidents(records.incidents, options);
        const model = buildReport(records, options);
        expect([...model.log.map((e) => e.id)].sort()).toEqual(chosen.map((r) => r.id).sort());
        expect(model.log.map((e) => e.number)).toEqual(model.log.map((_, i) => i + 1));
        const byId = new Map(records.incidents.map((r) => [r.id, current(r).value]));
        const starts = model.log.map((e) => instantOf(byId.get(e.id)?.when.start ?? ''));
        starts.forEach((t, i) => expect(t).toBeGreaterThanOrEqual(starts[i - 1] ?? -Infinity));
        const sum = (xs: readonly { count: number }[]) => xs.reduce((n, x) => n + x.count, 0);
        expect(model.summary.incidents).toBe(chosen.length);
        expect(sum(model.summary.timeOfDay)).toBe(chosen.length);
        expect(sum(model.summary.overTime.bars)).toBe(chosen.length);
        const values = chosen.map((r) => current(r).value);
        expect(sum(model.summary.behaviours)).toBe(
          values.reduce((n, v) => n + v.behaviours.length, 0),
        );
        expect(sum(model.summary.channels)).toBe(values.filter((v) => v.channel).length);
        expect(sum(model.summary.people)).toBe(
          values.reduce((n, v) => n + v.perpetratorIds.length, 0),
        );
        for (const e of model.log) {
          const r = records.incidents.find((x) => x.id === e.id);
          expect(e.revisions).toBe(r?.revisions.length);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('never shows what the person left out', () => {
    fc.assert(
      fc.property(optionsArb(records), (o) => {
        const options = { ...BASE, ...o };
        const model = buildReport(records, options);
        const text = said(model);
        const chosen = chooseIncidents(records.incidents, options).map((r) => current(r).value);
        if (!options.includeContact) expect(text).not.toContain('CONTACT-07700-900999');
        if (!options.includeEffects) {
          expect(model.effects).toBeUndefined();
          expect(text).not.toContain('Frightened and on edge');
          expect(text).not.toContain('bus to work');
        }
        if (!options.includeImported) {
          expect(model.conversations).toBeUndefined();
          expect(text).not.toContain('Please stop messaging me');
        }
        if (!options.includeEvidence) {
          expect(model.exhibits).toBeUndefined();
          expect(model.log.every((e) => e.exhibits.length === 0)).toBe(true);
        }
        // People no chosen incident names (as doing it or as a witness) never appear.
        const named = new Set(chosen.flatMap((v) => [...v.perpetratorIds, ...v.witnessIds]));
        for (const p of records.people ?? []) {
          if (named.has(p.id)) continue;
          const v = current(p).value;
          for (const s of [v.name, v.alias, v.description, ...v.phones.map((x) => x.number)]) {
            if (s !== undefined) expect(text).not.toContain(s);
          }
        }
        // Incidents not chosen never appear.
        const ids = new Set(model.log.map((e) => e.id));
        expect(model.recordIds.incidents.every((id) => ids.has(id))).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('says when an entry was edited after it was first written', () => {
    const model = buildReport(records, BASE);
    const edited = model.log.filter((e) => e.edited);
    expect(edited.length).toBeGreaterThan(0);
    for (const e of edited) expect(e.history).toMatch(/Edited after it was first written/);
    for (const e of model.log.filter((x) => !x.edited)) expect(e.history).toMatch(/Not edited/);
  });

  it('gives exhibits police-style references in the order they are first mentioned', () => {
    const model = buildReport(records, BASE);
    expect(model.exhibits?.map((x) => x.ref)).toEqual(
      model.exhibits?.map((_, i) => `FR/${String(i + 1)}`),
    );
    const firstMention = model.log.flatMap((e) => e.exhibits);
    expect([...new Set(firstMention)]).toEqual(model.exhibits?.map((x) => x.ref));
  });

  it('writes a neutral course-of-conduct sentence from the numbers, in English and Welsh', () => {
    const en = buildReport(records, BASE).summary.conduct;
    expect(en).toMatch(/^60 incidents by 3 people over \d+ weeks/);
    expect(en).not.toMatch(/harass|stalk|guilty|crime/i);
    const cy = buildReport(records, { ...BASE, locale: 'cy' }).summary.conduct;
    expect(cy).toMatch(/^60 o ddigwyddiadau gan 3 o bobl dros \d+ wythnos/);
  });
});

describe('exhibit names', () => {
  it('takes up to three initials, or EX', () => {
    expect(exhibitInitials('Ann Ffion Bowen Jones')).toBe('AFB');
    expect(exhibitInitials('Ŵyn ap Rhys')).toBe('WAR');
    expect(exhibitInitials(undefined)).toBe('EX');
  });

  it('makes file names with no folder, no leading dot and the reference first', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 200 }), (name) => {
        const f = exhibitFileName('AB/12', name);
        expect(f.startsWith('AB-12-')).toBe(true);
        expect(f).not.toMatch(/[/\\]/);
        expect(f.slice(6)).not.toMatch(/^\./);
      }),
    );
  });
});
