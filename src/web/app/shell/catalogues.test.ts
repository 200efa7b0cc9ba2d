/**
 * Every message catalogue of the vault app (the shell's and each feature's) has the same keys in
 * every language, and no dead keys: each key's name is used somewhere in the app's code outside
 * the catalogues. (A key only ever reached through a computed name would need its name written
 * somewhere too — the domain's codes are — so a key whose name appears nowhere is dead.)
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../../domain/locales.js';
import { ACCOUNT_MESSAGES } from '../account/messages.js';
import { DIARY_MESSAGES } from '../diary/messages.js';
import { EVIDENCE_MESSAGES } from '../evidence/messages.js';
import { IMPORT_MESSAGES } from '../import/messages.js';
import { INSTALL_MESSAGES } from '../install/messages.js';
import { QUICK_MESSAGES } from '../quick/messages.js';
import { REPORT_MESSAGES } from '../report/messages.js';
import { SHARE_MESSAGES } from '../share/messages.js';
import { SAFETY_MESSAGES } from '../safety/messages.js';
import { WITNESS_MESSAGES } from '../witness/messages.js';
import { MESSAGES } from './messages.js';

const CATALOGUES = {
  shell: MESSAGES,
  account: ACCOUNT_MESSAGES,
  diary: DIARY_MESSAGES,
  evidence: EVIDENCE_MESSAGES,
  import: IMPORT_MESSAGES,
  install: INSTALL_MESSAGES,
  quick: QUICK_MESSAGES,
  report: REPORT_MESSAGES,
  safety: SAFETY_MESSAGES,
  share: SHARE_MESSAGES,
  witness: WITNESS_MESSAGES,
} as const;

/** Every key path of a catalogue whose value is a string or a list of strings. */
function keyPaths(table: object, prefix = ''): string[] {
  return Object.entries(table).flatMap(([key, value]) => {
    const here = prefix === '' ? key : `${prefix}.${key}`;
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? keyPaths(value as object, here)
      : [here];
  });
}

/** The source of src/ outside the catalogues and the tests. */
function codeOutsideCatalogues(): string {
  const src = path.resolve(import.meta.dirname, '../../..');
  return readdirSync(src, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.tsx?$/.test(f) && !/(^|\/)messages\.ts$/.test(f) && !/\.test\./.test(f))
    .map((f) => readFileSync(path.join(src, f), 'utf8'))
    .join('\n');
}

describe('the vault app’s message catalogues', () => {
  it.each(Object.entries(CATALOGUES))('%s has every key in every language', (_name, table) => {
    const english = keyPaths(table.en).sort();
    for (const locale of LOCALES) expect(keyPaths(table[locale]).sort(), locale).toEqual(english);
  });

  it('lists every feature’s catalogue', () => {
    const app = path.resolve(import.meta.dirname, '..');
    const features = readdirSync(app, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .filter((d) => readdirSync(path.join(app, d.name)).includes('messages.ts'))
      .map((d) => d.name)
      .sort();
    expect(Object.keys(CATALOGUES).sort()).toEqual(features);
  });

  const code = codeOutsideCatalogues();
  it.each(Object.entries(CATALOGUES))('%s has no dead keys', (_name, table) => {
    const dead = keyPaths(table.en).filter((keyPath) => {
      const name = keyPath.split('.').at(-1) ?? '';
      return !new RegExp(`\\b${name}\\b`).test(code);
    });
    expect(dead).toEqual([]);
  });
});
