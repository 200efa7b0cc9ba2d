import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  answerError,
  BEHAVIOURS,
  hiddenFields,
  nextStep,
  NONE,
  outcome,
  previousStep,
  QUESTIONS,
  readAnswers,
  YES_NO,
  type Answers,
  type FormFields,
} from './self-check.js';

const yesNo = fc.option(fc.constantFrom(...YES_NO), { nil: undefined });
const answersArb: fc.Arbitrary<Answers> = fc
  .record({
    unwanted: yesNo,
    repeated: yesNo,
    behaviours: fc.option(fc.subarray([...BEHAVIOURS]), { nil: undefined }),
    fixated: yesNo,
    obsessive: yesNo,
    fear: yesNo,
  })
  .map((a) => Object.fromEntries(Object.entries(a).filter(([, v]) => v !== undefined)) as Answers);

function toFields(pairs: [string, string][]): FormFields {
  const out: Record<string, string[]> = {};
  for (const [k, v] of pairs) (out[k] ??= []).push(v);
  return out;
}

describe('self-check', () => {
  it('carries every answer through hidden fields unchanged', () => {
    fc.assert(
      fc.property(answersArb, (answers) => {
        expect(readAnswers(toFields(hiddenFields(answers)))).toEqual(answers);
      }),
    );
  });

  it('leaves out the question being asked, so its radio is the only value sent', () => {
    fc.assert(
      fc.property(answersArb, fc.constantFrom(...QUESTIONS), (answers, q) => {
        expect(hiddenFields(answers, q).some(([name]) => name === q)).toBe(false);
      }),
    );
  });

  it('reads any form without throwing, keeping only known answers', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.array(fc.string(), { maxLength: 4 })), (fields) => {
        const answers = readAnswers(fields);
        for (const [k, v] of Object.entries(answers)) {
          expect(QUESTIONS).toContain(k);
          if (k !== 'behaviours') expect(YES_NO).toContain(v);
        }
      }),
    );
  });

  it('treats a repeated single answer as no answer, and "none" with others as an error', () => {
    expect(readAnswers({ fear: ['yes', 'no'] }).fear).toBeUndefined();
    expect(answerError({ fear: ['yes', 'no'] }, 'fear')).toBe('missing');
    expect(answerError({ behaviours: [NONE, 'contact'] }, 'behaviours')).toBe('noneAndOthers');
    expect(answerError({ behaviours: [NONE] }, 'behaviours')).toBeUndefined();
    expect(answerError({}, 'behaviours')).toBe('missing');
  });

  it('walks forward through every question to the result, and back to the start', () => {
    let step: string = QUESTIONS[0];
    const seen = [];
    while (step !== 'result') {
      seen.push(step);
      step = nextStep(step as (typeof QUESTIONS)[number]);
    }
    expect(seen).toEqual([...QUESTIONS]);
    expect(previousStep(QUESTIONS[0])).toBe('start');
    for (let i = 1; i < QUESTIONS.length; i++) {
      expect(previousStep(QUESTIONS[i]!)).toBe(QUESTIONS[i - 1]);
    }
  });

  it('puts danger first whenever there are threats, violence or fear', () => {
    fc.assert(
      fc.property(answersArb, (answers) => {
        const o = outcome(answers);
        const danger =
          answers.behaviours?.includes('threats') === true ||
          answers.behaviours?.includes('violence') === true ||
          answers.fear === 'yes';
        expect(o.urgent).toBe(danger);
      }),
    );
  });

  it('never reads a stalking pattern into answers that say it is wanted or happened once', () => {
    fc.assert(
      fc.property(answersArb, (answers) => {
        const o = outcome(answers);
        if (answers.unwanted === 'no' || answers.repeated === 'no') {
          expect(o.pattern).not.toBe('stalking-pattern');
          expect(o.pattern).not.toBe('harassment-pattern');
        }
      }),
    );
  });

  it('recognises the FOUR pattern', () => {
    const o = outcome({
      unwanted: 'yes',
      repeated: 'yes',
      fixated: 'yes',
      obsessive: 'not-sure',
      behaviours: ['contact', 'threats'],
      fear: 'yes',
    });
    expect(o.pattern).toBe('stalking-pattern');
    expect(o.warnings).toEqual(['threats', 'fear']);
    expect(
      outcome({ unwanted: 'yes', repeated: 'yes', fixated: 'no', obsessive: 'no' }).pattern,
    ).toBe('harassment-pattern');
    expect(outcome({ unwanted: 'yes', repeated: 'no' }).pattern).toBe('once');
  });
});
