import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  foldText,
  formatAmount,
  formatCount,
  formatDate,
  formatDuration,
  welshCount,
} from './text.js';

describe('foldText', () => {
  it('ignores case, accents, curly quotes and extra spaces', () => {
    expect(foldText('  Caffi’r  DŴR ')).toBe("caffi'r dwr");
    expect(foldText('Siân')).toBe('sian');
    expect(foldText('Straße')).toBe('strasse');
    expect(foldText('İstanbul')).toBe('istanbul');
    expect(foldText('Ø')).toBe('o');
  });

  it('is idempotent and agrees for upper and lower case', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), (s) => {
        expect(foldText(foldText(s))).toBe(foldText(s));
        expect(foldText(s.toUpperCase())).toBe(foldText(s.toLowerCase()));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('wording', () => {
  it('writes dates in both languages', () => {
    expect(formatDate('2026-03-29')).toEqual({ en: '29 March 2026', cy: '29 Mawrth 2026' });
    expect(formatDate('2026-02-01')).toEqual({ en: '1 February 2026', cy: '1 Chwefror 2026' });
  });

  it('writes durations rounded down, in days, weeks then months', () => {
    expect(formatDuration(1)).toEqual({ en: '1 day', cy: '1 diwrnod' });
    expect(formatDuration(2)).toEqual({ en: '2 days', cy: '2 ddiwrnod' });
    expect(formatDuration(10).cy).toBe('10 niwrnod');
    expect(formatDuration(13)).toEqual({ en: '13 days', cy: '13 diwrnod' });
    expect(formatDuration(14)).toEqual({ en: '2 weeks', cy: '2 wythnos' });
    expect(formatDuration(20)).toEqual({ en: '2 weeks', cy: '2 wythnos' });
    expect(formatDuration(21)).toEqual({ en: '3 weeks', cy: '3 wythnos' });
    expect(formatDuration(62)).toEqual({ en: '8 weeks', cy: '8 wythnos' });
    expect(formatDuration(63)).toEqual({ en: '2 months', cy: '2 fis' });
    expect(formatDuration(400)).toEqual({ en: '13 months', cy: '13 mis' });
  });

  it('writes amounts and counts', () => {
    expect(formatAmount(1.25)).toBe('1.3');
    expect(formatAmount(2)).toBe('2');
    expect(formatAmount(-0.2)).toBe('0');
    expect(formatAmount(192.1)).toBe('192');
    expect(formatCount(10000)).toBe('10,000');
    expect(formatCount(999)).toBe('999');
    expect(welshCount(1, 'digwyddiad', 'ddigwyddiadau')).toBe('1 digwyddiad');
    expect(welshCount(3, 'digwyddiad', 'ddigwyddiadau')).toBe('3 o ddigwyddiadau');
  });
});
