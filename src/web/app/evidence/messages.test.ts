import { describe, expect, it } from 'vitest';
import { EVIDENCE_MESSAGES } from './messages.js';

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

describe('evidence messages', () => {
  const en = flatten(EVIDENCE_MESSAGES.en);
  const cy = flatten(EVIDENCE_MESSAGES.cy);

  it('has the same strings in English and Welsh', () => {
    expect([...cy.keys()].sort()).toEqual([...en.keys()].sort());
  });

  it('uses the same placeholders in both languages', () => {
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
    // Units and names are the same in both languages; nothing else should be.
    expect(same.sort()).toEqual(
      ['kinds.pdf', 'size.gb', 'size.kb', 'size.mb', 'view.fields.camera', 'view.pdfLabel'].sort(),
    );
  });

  it('names each upload button with its visible words first (WCAG 2.5.3, label in name)', () => {
    for (const table of [EVIDENCE_MESSAGES.en, EVIDENCE_MESSAGES.cy]) {
      const u = table.upload;
      const pairs = [
        [u.pause, u.pauseLabel],
        [u.resume, u.resumeLabel],
        [u.retry, u.retryLabel],
        [u.cancel, u.cancelLabel],
        [u.dismiss, u.dismissLabel],
        [u.view, u.viewLabel],
        [u.details, u.detailsLabel],
      ];
      for (const [visible, label] of pairs)
        expect(label?.startsWith(visible ?? '-'), label).toBe(true);
    }
  });

  it('keeps sentences short (plain English)', () => {
    for (const [key, english] of en) {
      for (const sentence of english.split(/(?<=[.:?!])\s+/)) {
        expect(sentence.split(/\s+/).length, `${key}: ${sentence}`).toBeLessThanOrEqual(25);
      }
    }
  });
});
