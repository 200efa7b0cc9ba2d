import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isWithheldNumber, normalisePhoneNumber, normaliseSenderName } from './phone.js';

describe('normalisePhoneNumber', () => {
  it('makes the ways a UK number is written compare equal', () => {
    const forms = [
      '+44 7700 900123',
      '07700900123',
      '0044 7700 900123',
      '07700 900 123',
      '+44 (0)7700 900123',
      '447700900123',
      '\u202A+44\u00A07700\u00A0900123\u202C',
      '(07700) 900-123',
    ];
    expect(new Set(forms.map(normalisePhoneNumber))).toEqual(new Set(['+447700900123']));
    expect(normalisePhoneNumber('020 7946 0000')).toBe('+442079460000');
  });

  it('keeps other countries, short codes and alphanumeric senders', () => {
    expect(normalisePhoneNumber('+33 6 12 34 56 78')).toBe('+33612345678');
    expect(normalisePhoneNumber('0033 6 12 34 56 78')).toBe('+33612345678');
    expect(normalisePhoneNumber('60300')).toBe('60300');
    expect(normalisePhoneNumber('  Example  Bank ')).toBe('Example Bank');
  });

  it('groups withheld, private and unknown numbers as one sender', () => {
    for (const raw of [
      '',
      '-1',
      '-2',
      '-3',
      'PRIVATE',
      'Withheld',
      'Unknown',
      'Anonymous',
      'null',
      ' Restricted ',
    ]) {
      expect(normalisePhoneNumber(raw)).toBe('withheld');
      expect(isWithheldNumber(raw)).toBe(true);
    }
    expect(isWithheldNumber('07700900123')).toBe(false);
  });

  it('is idempotent on any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), (s) => {
        const once = normalisePhoneNumber(s);
        expect(normalisePhoneNumber(once)).toBe(once);
      }),
      { numRuns: 500 },
    );
  });

  it('is idempotent on anything that looks like a number', () => {
    const phoneish = fc
      .array(fc.constantFrom(...'0123456789 +()-.'.split(''), '\u00A0', '\u202F', '\u202A'), {
        maxLength: 24,
      })
      .map((a) => a.join(''));
    fc.assert(
      fc.property(phoneish, (s) => {
        const once = normalisePhoneNumber(s);
        expect(normalisePhoneNumber(once)).toBe(once);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('normaliseSenderName', () => {
  it('normalises numbers but keeps names, even ones that read like "unknown"', () => {
    expect(normaliseSenderName('+44 7700 900123')).toBe('+447700900123');
    expect(normaliseSenderName('Unknown')).toBe('Unknown');
    expect(normaliseSenderName(' Alex\u200E  Example ')).toBe('Alex Example');
  });
});
