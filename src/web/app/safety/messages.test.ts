import { describe, expect, it } from 'vitest';
import { RISK_QUESTIONS } from '../../../domain/safety/risk-check.js';
import { PLAN_SECTIONS, SUGGESTIONS } from '../../../domain/safety/safety-plan.js';
import { SAFETY_MESSAGES } from './messages.js';

function flatten(table: object, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(table)) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (typeof value === 'string') out.set(path, value);
    else if (typeof value === 'object' && value !== null) {
      for (const [k, v] of flatten(value as object, path)) out.set(k, v);
    }
  }
  return out;
}
const placeholders = (s: string): string[] =>
  [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();

describe('safety messages', () => {
  const en = flatten(SAFETY_MESSAGES.en);
  const cy = flatten(SAFETY_MESSAGES.cy);

  it('has every string in both languages, with the same placeholders, none empty', () => {
    expect([...cy.keys()].sort()).toEqual([...en.keys()].sort());
    for (const [key, english] of en) {
      expect(english.trim(), key).not.toBe('');
      expect(cy.get(key)?.trim(), key).not.toBe('');
      expect(placeholders(cy.get(key) ?? ''), key).toEqual(placeholders(english));
    }
  });

  it('words every question, section and suggestion the domain defines', () => {
    for (const locale of ['en', 'cy'] as const) {
      const t = SAFETY_MESSAGES[locale];
      expect(Object.keys(t.risk.questions).sort()).toEqual([...RISK_QUESTIONS].sort());
      expect(Object.keys(t.plan.sections).sort()).toEqual([...PLAN_SECTIONS].sort());
      expect(Object.keys(t.plan.suggestions).sort()).toEqual(SUGGESTIONS.map((s) => s.key).sort());
    }
  });

  it('never tells anyone they are safe, and always calls itself a guide', () => {
    for (const [key, text] of en) expect(text, key).not.toMatch(/(?<!mean )you are safe/i);
    expect(SAFETY_MESSAGES.en.risk.guide).toMatch(/not an assessment/);
  });
});
