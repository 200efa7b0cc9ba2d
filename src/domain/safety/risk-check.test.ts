import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  diaryHints,
  RISK_ANSWERS,
  RISK_QUESTIONS,
  riskChanges,
  riskCheckSchema,
  riskResult,
  URGENT_QUESTIONS,
  type RiskCheck,
} from './risk-check.js';

const answersArb = fc.dictionary(
  fc.constantFrom(...RISK_QUESTIONS),
  fc.record({ answer: fc.constantFrom(...RISK_ANSWERS) }),
) as fc.Arbitrary<RiskCheck['answers']>;

describe('risk check', () => {
  it('lists every yes as a warning sign, in question order, and nothing else', () => {
    fc.assert(
      fc.property(answersArb, (answers) => {
        const r = riskResult({ answers });
        expect(r.warnings).toEqual(RISK_QUESTIONS.filter((q) => answers[q]?.answer === 'yes'));
        expect(r.unsure.every((q) => answers[q]?.answer === 'not-sure')).toBe(true);
        expect(r.answered).toBe(Object.keys(answers).length);
      }),
    );
  });

  it('shows 999 first exactly when fear, escalation, threats, violence or a breach is a yes', () => {
    fc.assert(
      fc.property(answersArb, (answers) => {
        const urgent = URGENT_QUESTIONS.some((q) => answers[q]?.answer === 'yes');
        expect(riskResult({ answers }).urgent).toBe(urgent);
      }),
    );
  });

  it('finds no change between a check and itself, and every change between two', () => {
    fc.assert(
      fc.property(answersArb, answersArb, (a, b) => {
        expect(riskChanges({ answers: a }, { answers: a })).toEqual([]);
        for (const c of riskChanges({ answers: a }, { answers: b })) {
          expect(c.before).toBe(a[c.question]?.answer);
          expect(c.after).toBe(b[c.question]?.answer);
          expect(c.before).not.toBe(c.after);
        }
      }),
    );
  });

  it('accepts a saved check with notes and dates, and refuses impossible dates and long notes', () => {
    const ok = riskCheckSchema.safeParse({
      answeredOn: '2026-12-04',
      answers: { visits: { answer: 'yes', note: ' at the gate ', date: '2026-12-01' } },
    });
    expect(ok.success && ok.data.answers.visits?.note).toBe('at the gate');
    expect(riskCheckSchema.safeParse({ answeredOn: '2026-02-30', answers: {} }).success).toBe(
      false,
    );
    expect(
      riskCheckSchema.safeParse({
        answeredOn: '2026-12-04',
        answers: { fear: { answer: 'yes', note: 'x'.repeat(2001) } },
      }).success,
    ).toBe(false);
    expect(
      riskCheckSchema.safeParse({
        answeredOn: '2026-12-04',
        answers: { nonsense: { answer: 'yes' } },
      }).success,
    ).toBe(false);
  });

  it('counts visits in the busiest 7 days, and damage, from the diary', () => {
    const day = (d: number) => `2026-11-${String(d).padStart(2, '0')}T09:00+00:00`;
    const hints = diaryHints([
      { start: day(1), behaviours: ['turning-up'] },
      { start: day(2), behaviours: ['turning-up'] },
      { start: day(3), behaviours: ['turning-up'] },
      { start: day(6), behaviours: ['turning-up'] },
      { start: day(20), behaviours: ['turning-up', 'damaging-property'] },
      { start: day(21), behaviours: ['not-a-behaviour'] },
    ]);
    expect(hints.visits).toEqual({ entries: 5, mostInAWeek: 4, latest: day(20) });
    expect(hints.damage).toEqual({ entries: 1, latest: day(20) });
    expect(hints.fear).toBeUndefined();
    expect(hints.threats).toBeUndefined();
  });

  it('never counts more in a week than there are entries', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.date({
            min: new Date('2020-01-01'),
            max: new Date('2030-01-01'),
            noInvalidDate: true,
          }),
          {
            maxLength: 30,
          },
        ),
        (dates) => {
          const hints = diaryHints(
            dates.map((d) => ({ start: d.toISOString(), behaviours: ['turning-up'] })),
          );
          if (dates.length === 0) expect(hints.visits).toBeUndefined();
          else {
            expect(hints.visits?.entries).toBe(dates.length);
            expect(hints.visits?.mostInAWeek).toBeGreaterThanOrEqual(1);
            expect(hints.visits?.mostInAWeek).toBeLessThanOrEqual(dates.length);
          }
        },
      ),
    );
  });
});
