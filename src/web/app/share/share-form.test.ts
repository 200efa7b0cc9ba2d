import { describe, expect, it } from 'vitest';
import { SHARE_MESSAGES } from './messages.js';
import { sampleRecords, sampleWitnessStatements } from '../../../report/fixtures.js';
import { chooseIncidents } from '../../../report/model.js';
import type { ReportSource } from '../../../report/report-source.js';
import type { RecordResponse } from '../../../vault/api.js';
import { checkShareFields, emptyShareFields, pickRecords } from './share-form.js';

const m = SHARE_MESSAGES.en;
const named = { ...emptyShareFields(), label: '  PC Jones, case ref 12/345 ' };

describe('the share choices', () => {
  it('gives all incidents with evidence, a snapshot, for 30 days by default', () => {
    const { errors, choice } = checkShareFields(named, m);
    expect(errors).toEqual([]);
    expect(choice).toEqual({
      label: 'PC Jones, case ref 12/345',
      mode: 'snapshot',
      expiresInSeconds: 30 * 24 * 3600,
      evidence: true,
    });
    expect(checkShareFields({ ...named, risk: true }, m).choice?.risk).toBe(true);
  });

  it('asks who it is for, and keeps that short', () => {
    expect(checkShareFields(emptyShareFields(), m).errors).toEqual([
      { field: 'share-label', message: m.errors.labelMissing },
    ]);
    expect(checkShareFields({ ...named, label: 'x'.repeat(201) }, m).errors).toEqual([
      { field: 'share-label', message: m.errors.labelLong },
    ]);
  });

  it('takes 1 to 365 days and nothing else', () => {
    for (const days of ['0', '366', '', '3.5', '-1', 'ten', '1000']) {
      expect(checkShareFields({ ...named, days }, m).errors, days).toEqual([
        { field: 'share-days', message: m.errors.daysBad },
      ]);
    }
    expect(checkShareFields({ ...named, days: ' 365 ' }, m).choice?.expiresInSeconds).toBe(
      365 * 24 * 3600,
    );
    expect(checkShareFields({ ...named, days: '1' }, m).choice?.expiresInSeconds).toBe(86400);
  });

  it('asks for both dates of a range, in order, and passes people and the mode on', () => {
    const range = { ...named, which: 'range' as const };
    expect(checkShareFields(range, m).errors.map((e) => e.field)).toEqual([
      'share-from',
      'share-to',
    ]);
    expect(checkShareFields({ ...range, from: '2026-05-02', to: '2026-05-01' }, m).errors).toEqual([
      { field: 'share-from', message: m.errors.backwards },
    ]);
    const good = checkShareFields(
      {
        ...range,
        from: '2026-05-01',
        to: '2026-05-03',
        personIds: ['p1'],
        evidence: false,
        mode: 'live',
      },
      m,
    );
    expect(good.choice).toMatchObject({
      from: '2026-05-01',
      to: '2026-05-03',
      personIds: ['p1'],
      evidence: false,
      mode: 'live',
    });
  });
});

describe('what a share picks from the diary', () => {
  const records = sampleRecords(40, 7);
  /** Each record as stored, two revisions for the first incident: the newest is shared. */
  const stored = new Map<
    string,
    { id: string; type: string; wrappedKey: string; revisions: RecordResponse[] }
  >();
  const groups = [
    ['incident', records.incidents],
    ['person', records.people ?? []],
    ['place', records.places ?? []],
    ['effect', records.effects ?? []],
    ['evidence', records.evidence ?? []],
    ['risk-check', records.riskChecks ?? []],
  ] as const;
  for (const [type, list] of groups) {
    for (const r of list) {
      const revisions = r.revisions.map(
        (_, i) => ({ id: r.id, type, revision: i + 1 }) as unknown as RecordResponse,
      );
      stored.set(r.id, { id: r.id, type, wrappedKey: 'k', revisions });
    }
  }
  const source = { records, unreadable: 0, stored } as unknown as ReportSource;
  const now = new Date('2027-01-10T12:00:00Z');
  const zone = 'Europe/London';
  const base = { label: 'x', mode: 'snapshot' as const, expiresInSeconds: 60 };

  it('shares the chosen incidents with their people, places and evidence, newest revisions', () => {
    const choice = { ...base, from: '2026-01-01', to: '2026-06-30', evidence: true };
    const picked = pickRecords(source, choice, zone, now);
    const chosen = chooseIncidents(records.incidents, { ...choice, timeZone: zone });
    expect(picked.incidents).toBe(chosen.length);
    expect(chosen.length).toBeGreaterThan(0);
    const ids = new Set(picked.records.map((r) => r.id));
    for (const r of chosen) expect(ids.has(r.id)).toBe(true);
    expect(picked.records.filter((r) => r.type === 'incident')).toHaveLength(chosen.length);
    // No effects, and nothing twice.
    expect(picked.records.some((r) => r.type === 'effect')).toBe(false);
    expect(ids.size).toBe(picked.records.length);
    for (const r of picked.records) {
      expect(r.revision).toBe(stored.get(r.id)?.revisions.length);
    }
    // Every file's evidence record is shared with it.
    for (const u of picked.uploads) expect(ids.has(u.recordId)).toBe(true);
  });

  it('leaves evidence out when asked, and a person choice keeps only their incidents', () => {
    const all = pickRecords(source, { ...base, evidence: true }, zone, now);
    expect(all.uploads.length).toBeGreaterThan(0);
    const none = pickRecords(source, { ...base, evidence: false }, zone, now);
    expect(none.uploads).toEqual([]);
    expect(none.records.some((r) => r.type === 'evidence')).toBe(false);
    expect(none.incidents).toBe(all.incidents);
    const one = pickRecords(
      source,
      { ...base, evidence: false, personIds: ['person-01'] },
      zone,
      now,
    );
    expect(one.incidents).toBe(
      chooseIncidents(records.incidents, { personIds: ['person-01'], timeZone: zone }).length,
    );
    expect(one.incidents).toBeLessThan(all.incidents);
  });

  it('shares the latest risk check only when chosen', () => {
    const without = pickRecords(source, { ...base, evidence: false }, zone, now);
    expect(without.records.some((r) => r.type === 'risk-check')).toBe(false);
    const withRisk = pickRecords(source, { ...base, evidence: false, risk: true }, zone, now);
    // Two checks in the diary; the later (20 June 2026) is the one shared.
    expect(withRisk.records.filter((r) => r.type === 'risk-check').map((r) => r.id)).toEqual([
      'risk-check-2',
    ]);
    expect(withRisk.incidents).toBe(without.incidents);
  });

  it('shares witness statements about the chosen incidents only when chosen, as kept', () => {
    const incidentIds = records.incidents.map((r) => r.id);
    const { witnessStatements } = sampleWitnessStatements(incidentIds);
    const withWitness = new Map(stored);
    for (const r of witnessStatements) {
      withWitness.set(r.id, {
        id: r.id,
        type: 'witness-statement',
        wrappedKey: 'k',
        revisions: [{ id: r.id, type: 'witness-statement', revision: 1 } as RecordResponse],
      });
    }
    const both = {
      records: { ...records, witnessStatements },
      unreadable: 0,
      stored: withWitness,
    } as unknown as ReportSource;
    const without = pickRecords(both, { ...base, evidence: false }, zone, now);
    expect(without.records.some((r) => r.type === 'witness-statement')).toBe(false);
    const picked = pickRecords(both, { ...base, evidence: false, witness: true }, zone, now);
    // The two linked to shared incidents; never the one linked to none.
    expect(
      picked.records
        .filter((r) => r.type === 'witness-statement')
        .map((r) => r.id)
        .sort(),
    ).toEqual(['witness-record-1', 'witness-record-2']);
    expect(picked.incidents).toBe(without.incidents);
  });
});
