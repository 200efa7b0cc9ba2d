import { describe, expect, it } from 'vitest';
import { SHARE_MESSAGES } from './messages.js';
import { checkShareFields, emptyShareFields } from './share-form.js';

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
