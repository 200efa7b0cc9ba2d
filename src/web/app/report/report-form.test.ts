import { describe, expect, it } from 'vitest';
import { REPORT_MESSAGES } from './messages.js';
import { checkReportFields, emptyReportFields, reportBaseName } from './report-form.js';

const m = REPORT_MESSAGES.en;

describe('the report choices', () => {
  it('gives all incidents, evidence, messages, effects, the risk check and witness statements by default; no contact, no plan', () => {
    const { errors, options } = checkReportFields(emptyReportFields('cy'), m);
    expect(errors).toEqual([]);
    expect(options).toEqual({
      locale: 'cy',
      includeEvidence: true,
      includeImported: true,
      includeEffects: true,
      includeRiskCheck: true,
      includeSafetyPlan: false,
      includeWitnessStatements: true,
      includeContact: false,
    });
  });

  it('puts the safety plan in only when ticked, and leaves the risk check out when unticked', () => {
    const fields = { ...emptyReportFields('en'), include: ['plan' as const] };
    expect(checkReportFields(fields, m).options).toMatchObject({
      includeRiskCheck: false,
      includeSafetyPlan: true,
    });
  });

  it('asks for both dates of a range, in order', () => {
    const range = { ...emptyReportFields('en'), which: 'range' as const };
    expect(checkReportFields(range, m).errors.map((e) => e.field)).toEqual([
      'report-from',
      'report-to',
    ]);
    const backwards = checkReportFields({ ...range, from: '2026-05-02', to: '2026-05-01' }, m);
    expect(backwards.errors).toEqual([{ field: 'report-from', message: m.errors.backwards }]);
    const good = checkReportFields({ ...range, from: '2026-05-01', to: '2026-05-01' }, m);
    expect(good.options).toMatchObject({ from: '2026-05-01', to: '2026-05-01' });
  });

  it('asks for contact details only when they are chosen, and trims names', () => {
    const withContact = {
      ...emptyReportFields('en'),
      include: ['contact' as const],
      subject: '  Ffion Rhŷs ',
      personIds: ['p1'],
    };
    expect(checkReportFields(withContact, m).errors).toEqual([
      { field: 'report-contact', message: m.errors.contactMissing },
    ]);
    const { options } = checkReportFields({ ...withContact, contact: ' 07700 900123 ' }, m);
    expect(options).toMatchObject({
      includeContact: true,
      contactDetails: '07700 900123',
      subjectName: 'Ffion Rhŷs',
      personIds: ['p1'],
      includeEvidence: false,
    });
  });

  it('chooses one incident alone when opened from it, and no people then', () => {
    const one = { ...emptyReportFields('en', 'inc-7'), personIds: ['p1'] };
    expect(one.which).toBe('one');
    const { options } = checkReportFields(one, m);
    expect(options?.entryIds).toEqual(['inc-7']);
    expect(options?.personIds).toBeUndefined();
    // Switched to all incidents: no entry choice is left behind.
    expect(checkReportFields({ ...one, which: 'all' }, m).options?.entryIds).toBeUndefined();
  });

  it('names the files by the local date', () => {
    const late = new Date('2026-12-04T23:30:00Z');
    expect(reportBaseName(late, 'UTC')).toBe('mosaic-report-2026-12-04');
    expect(reportBaseName(late, 'Asia/Tokyo')).toBe('mosaic-report-2026-12-05');
  });
});
