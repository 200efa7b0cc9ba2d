import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  RISK_QUESTIONS,
  riskCheckSchema,
  type RiskQuestion,
} from '../../../domain/safety/risk-check.js';
import { SAFETY_MESSAGES } from './messages.js';
import {
  checkRiskForm,
  EMPTY_DATE,
  localToday,
  partsToDate,
  type AnswerFields,
} from './risk-form.js';

const words = SAFETY_MESSAGES.en.risk;
const all = (answer: string, more: Partial<AnswerFields> = {}) =>
  Object.fromEntries(
    RISK_QUESTIONS.map((q) => [q, { answer, note: '', date: EMPTY_DATE, ...more }]),
  ) as Record<RiskQuestion, AnswerFields>;

describe('partsToDate', () => {
  it('turns every real day, month and year into that date, with or without leading zeros', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1900-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }),
        (d) => {
          const iso = d.toISOString().slice(0, 10);
          const [y, m, day] = iso.split('-') as [string, string, string];
          expect(partsToDate({ day: String(Number(day)), month: m, year: y })).toBe(iso);
        },
      ),
    );
  });

  it('is undefined when blank and null when not a real date', () => {
    expect(partsToDate(EMPTY_DATE)).toBeUndefined();
    expect(partsToDate({ day: '31', month: '2', year: '2026' })).toBeNull();
    expect(partsToDate({ day: '1', month: '', year: '2026' })).toBeNull();
    expect(partsToDate({ day: 'x', month: '1', year: '2026' })).toBeNull();
    expect(partsToDate({ day: '1', month: '1', year: '26' })).toBeNull();
  });
});

describe('checkRiskForm', () => {
  it('asks for every question not answered, each pointing at its first radio', () => {
    const result = checkRiskForm({ fear: all('yes').fear }, words, '2026-12-04');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.field)).toEqual(
      RISK_QUESTIONS.filter((q) => q !== 'fear').map((q) => `risk-${q}`),
    );
  });

  it('keeps notes and dates under yes and not sure, drops them under no, and fits the schema', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('yes', 'no', 'not-sure'),
        fc.string({ maxLength: 50 }),
        (answer, note) => {
          const fields = all(answer, { note, date: { day: '4', month: '3', year: '2026' } });
          const result = checkRiskForm(fields, words, '2026-12-04');
          expect(result.ok).toBe(true);
          if (!result.ok) return;
          const a = result.value.answers.threats;
          expect(a?.answer).toBe(answer);
          expect(a?.date).toBe(answer === 'no' ? undefined : '2026-03-04');
          expect(a?.note).toBe(answer === 'no' || note.trim() === '' ? undefined : note.trim());
          expect(riskCheckSchema.safeParse(result.value).success).toBe(true);
        },
      ),
    );
  });

  it('refuses a date that is not real, or after the day of the check', () => {
    const bad = checkRiskForm(
      all('yes', { date: { day: '30', month: '2', year: '2026' } }),
      words,
      '2026-12-04',
    );
    expect(bad.ok || bad.errors[0]).toEqual({
      field: 'risk-fear-date-day',
      message: words.dateError,
    });
    const future = checkRiskForm(
      all('not-sure', { date: { day: '5', month: '12', year: '2026' } }),
      words,
      '2026-12-04',
    );
    expect(future.ok || future.errors[0]?.message).toBe(words.dateFuture);
  });

  it('refuses a note of 2,001 characters', () => {
    const result = checkRiskForm(all('yes', { note: 'a'.repeat(2001) }), words, '2026-12-04');
    expect(result.ok || result.errors[0]).toEqual({
      field: 'risk-fear-note',
      message: words.noteLong,
    });
  });
});

describe('localToday', () => {
  it('is the local calendar date', () => {
    expect(localToday(new Date(2026, 2, 7, 23, 59))).toBe('2026-03-07');
  });
});
