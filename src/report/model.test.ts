import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { instantOf } from '../domain/diary/time.js';
import { exhibitFileName, exhibitInitials } from './exhibits.js';
import { sampleRecords, sampleWitnessStatements } from './fixtures.js';
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
      includeRiskCheck: fc.boolean(),
      includeSafetyPlan: fc.boolean(),
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
        'includeRiskCheck',
        'includeSafetyPlan',
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
        if (!options.includeRiskCheck) {
          expect(model.riskCheck).toBeUndefined();
          expect(text).not.toContain('RISK-NOTE');
          expect(model.recordIds.riskChecks).toEqual([]);
        }
        if (!options.includeSafetyPlan) {
          expect(model.safetyPlan).toBeUndefined();
          expect(text).not.toContain('PLAN-ITEM');
          expect(model.recordIds.safetyPlan).toEqual([]);
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

describe('the risk check and the safety plan', () => {
  const records = sampleRecords(10, 3);

  it('leaves both out unless chosen', () => {
    const model = buildReport(records, BASE);
    expect(model.riskCheck).toBeUndefined();
    expect(model.safetyPlan).toBeUndefined();
    expect(said(model)).not.toMatch(/RISK-NOTE|PLAN-ITEM/);
  });

  it('shows the latest check, its warning signs, 999 first, and how the answers changed', () => {
    const model = buildReport(records, { ...BASE, includeRiskCheck: true });
    const r = model.riskCheck;
    expect(r?.checkedOn).toBe('20 June 2026');
    expect(r?.urgent).toBe(true);
    expect(r?.warnings).toEqual([
      'Are you very frightened of what they might do?',
      'Have they threatened to hurt you, sexually assault you or kill you?',
      'Do they come to your home or work more than 3 times a week?',
    ]);
    expect(r?.answers.find((a) => a.note !== undefined)?.note).toContain('RISK-NOTE');
    expect(r?.answers.find((a) => a.lastHappened !== undefined)?.lastHappened).toBe('18 June 2026');
    expect(r?.history.map((h) => [h.checkedOn, h.warnings])).toEqual([
      ['1 February 2026', 0],
      ['20 June 2026', 3],
    ]);
    expect(r?.history[0]?.changes).toEqual(['First check.']);
    expect(r?.history[1]?.changes).toContain(
      'Are you very frightened of what they might do? Was: Not sure. Now: Yes.',
    );
    // Every check is carried in the bundle: the history draws on each one.
    expect(model.recordIds.riskChecks).toEqual(['risk-check-1', 'risk-check-2']);
  });

  it('does not call for 999 when no answer is urgent', () => {
    const calm = { ...records, riskChecks: records.riskChecks?.slice(0, 1) ?? [] };
    const r = buildReport(calm, { ...BASE, includeRiskCheck: true }).riskCheck;
    expect(r?.urgent).toBe(false);
    expect(r?.warnings).toEqual([]);
  });

  it('has no section when there is no check or the plan is empty', () => {
    const none = { ...records, riskChecks: [], safetyPlan: [] };
    const model = buildReport(none, { ...BASE, includeRiskCheck: true, includeSafetyPlan: true });
    expect(model.riskCheck).toBeUndefined();
    expect(model.safetyPlan).toBeUndefined();
  });

  it('lists the plan by part, in Welsh too', () => {
    const en = buildReport(records, { ...BASE, includeSafetyPlan: true });
    expect(en.safetyPlan?.parts.map((p) => p.title)).toEqual([
      'People to call, and code words',
      'At home',
    ]);
    expect(en.safetyPlan?.parts[0]?.items[0]).toEqual({
      text: 'PLAN-ITEM: code word "blue door" with my sister',
      done: true,
    });
    expect(en.recordIds.safetyPlan).toEqual(['safety-plan-1']);
    const cy = buildReport(records, {
      ...BASE,
      locale: 'cy',
      includeSafetyPlan: true,
      includeRiskCheck: true,
    });
    expect(cy.safetyPlan?.parts[1]?.title).toBe('Gartref');
    expect(cy.riskCheck?.checkedOn).toBe('20 Mehefin 2026');
    expect(cy.riskCheck?.history[1]?.changes.join(' ')).toContain('Cynt: Ddim yn siŵr. Nawr: Ie.');
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

describe('witness statements in the report', () => {
  const base = sampleRecords(20, 3);
  const ids = base.incidents.map((r) => r.id);
  const records: ReportRecords = { ...base, ...sampleWitnessStatements(ids) };

  it('shows kept statements linked to the chosen incidents, oldest first, in the witness’s words', () => {
    const model = buildReport(records, BASE);
    const lines = model.witnessStatements ?? [];
    expect(lines.map((l) => [l.ref, l.id])).toEqual([
      ['W1', 'witness-record-1'],
      ['W2', 'witness-record-2'],
    ]);
    expect(model.recordIds.witnessStatements).toEqual(['witness-record-1', 'witness-record-2']);
    const [w1, w2] = lines;
    expect(w1?.saw).toContain('WITNESS-WORDS-1');
    expect(w1?.said).toBe('He told me to mind my own business.');
    expect(w1?.name).toBe('Sam Jones');
    expect(w1?.declaration).toBe(
      'The witness declared that this is true to the best of their knowledge, on 2 March 2026.',
    );
    expect(w1?.receipt).toContain('log entry 901');
    expect(w2?.receipt).toBeUndefined();
    expect(w2?.name).toBe('Not given');
    expect(w2?.when).toBe('20 June 2026 (time is approximate)');
    // The log names them on the incidents they are about.
    const byId = new Map(model.log.map((e) => [e.id, e]));
    expect(byId.get(ids[0] ?? '')?.witnessStatements).toEqual(['W1']);
    expect(w1?.incidents).toEqual(
      [ids[0], ids[1]].map((id) => byId.get(id ?? '')?.number).sort((a, b) => (a ?? 0) - (b ?? 0)),
    );
    // The person's own note and an unlinked statement never reach the model.
    const text = JSON.stringify(model);
    expect(text).not.toContain('PERSON-NOTE');
    expect(text).not.toContain('WITNESS-WORDS-3');
  });

  it('is in Welsh too, and left out when the person says so', () => {
    const cy = buildReport(records, { ...BASE, locale: 'cy' });
    expect(cy.witnessStatements?.[0]?.title).toBe('Datganiad tyst W1');
    expect(cy.witnessStatements?.[0]?.declaration).toContain('Datganodd y tyst');
    const without = buildReport(records, { ...BASE, includeWitnessStatements: false });
    expect(without.witnessStatements).toBeUndefined();
    expect(without.recordIds.witnessStatements).toEqual([]);
    expect(JSON.stringify(without)).not.toContain('WITNESS-WORDS');
  });

  it('a statement appears exactly when it is linked to an incident in the report (property)', () => {
    fc.assert(
      fc.property(fc.subarray(ids), fc.boolean(), (chosen, include) => {
        const model = buildReport(records, {
          ...BASE,
          entryIds: chosen,
          includeWitnessStatements: include,
        });
        const inLog = new Set(model.log.map((e) => e.id));
        const expected = (records.witnessStatements ?? [])
          .filter((r) => include && current(r).value.incidentIds.some((id) => inLog.has(id)))
          .map((r) => r.id)
          .sort();
        expect([...model.recordIds.witnessStatements].sort()).toEqual(expected);
        expect((model.witnessStatements ?? []).map((l) => l.id).sort()).toEqual(expected);
        for (const l of model.witnessStatements ?? []) {
          expect(l.incidents.length).toBeGreaterThan(0);
          for (const n of l.incidents) expect(model.log[n - 1]?.witnessStatements).toContain(l.ref);
        }
      }),
      { numRuns: 60 },
    );
  });
});
