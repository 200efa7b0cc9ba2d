import { describe, expect, it } from 'vitest';
import { IMPORT_ERROR_MESSAGES } from '../../../importers/errors.js';
import { IMPORT_MESSAGES } from './messages.js';

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

describe('import messages', () => {
  const en = flatten(IMPORT_MESSAGES.en);
  const cy = flatten(IMPORT_MESSAGES.cy);

  it('has the same strings in English and Welsh, with the same placeholders', () => {
    expect([...cy.keys()].sort()).toEqual([...en.keys()].sort());
    for (const [key, english] of en) {
      expect(placeholders(cy.get(key) ?? ''), key).toEqual(placeholders(english));
    }
  });

  it('has no empty strings, and the Welsh is not left in English', () => {
    const same: string[] = [];
    for (const [key, english] of en) {
      expect(english.trim(), key).not.toBe('');
      expect(cy.get(key)?.trim(), key).not.toBe('');
      if (cy.get(key) === english) same.push(key);
    }
    // Names of apps, and templates that are only placeholders, read the same in both languages.
    expect(same.filter((k) => !/callKind|describe\.line|senders\.counts/.test(k))).toEqual([]);
  });

  it('words every importer error, in both languages', () => {
    for (const code of Object.keys(IMPORT_ERROR_MESSAGES)) {
      expect(en.get(`errors.${code}`), code).toBeDefined();
      expect(cy.get(`errors.${code}`), code).toBeDefined();
    }
  });
});
