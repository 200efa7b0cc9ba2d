import { describe, expect, it } from 'vitest';
import { ACCOUNT_MESSAGES } from '../account/messages.js';
import { DIARY_MESSAGES } from '../diary/messages.js';
import { INSTALL_MESSAGES } from '../install/messages.js';
import { appLocale, format, MESSAGES } from './messages.js';

/**
 * The catalogues split out of this one keep its checks: the shell's strings, the account's and the diary's,
 * by catalogue name. (evidence, import and safety have their own messages.test.ts.)
 */
const SPLIT = {
  shell: MESSAGES,
  account: ACCOUNT_MESSAGES,
  diary: DIARY_MESSAGES,
  install: INSTALL_MESSAGES,
} as const;
const inLocale = (locale: 'en' | 'cy'): object =>
  Object.fromEntries(Object.entries(SPLIT).map(([name, table]) => [name, table[locale]]));

/** Every string in a table, by its dotted path. */
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

describe('vault messages', () => {
  const en = flatten(inLocale('en'));
  const cy = flatten(inLocale('cy'));

  it('has the same strings in English and Welsh', () => {
    expect([...cy.keys()].sort()).toEqual([...en.keys()].sort());
  });

  it('uses the same placeholders in both languages', () => {
    for (const [key, english] of en) {
      expect(placeholders(cy.get(key) ?? ''), key).toEqual(placeholders(english));
    }
  });

  it('has no empty strings, and the Welsh is not left in English', () => {
    let same = 0;
    for (const [key, english] of en) {
      expect(english.trim(), key).not.toBe('');
      expect(cy.get(key)?.trim(), key).not.toBe('');
      if (cy.get(key) === english) same++;
    }
    // A few strings can be the same in both ("Mosaic" in a sentence never is).
    expect(same).toBeLessThan(3);
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(format('Word {n} of {total}', { n: 5 })).toBe('Word 5 of {total}');
  });

  it('picks the locale from data-locale, English by default', () => {
    expect(appLocale('cy')).toBe('cy');
    expect(appLocale('en')).toBe('en');
    expect(appLocale(undefined)).toBe('en');
    expect(appLocale('fr')).toBe('en');
  });
});
