import fc from 'fast-check';
import { unicodeText } from '../../test/support/arbitraries.js';
import { describe, expect, it } from 'vitest';
import {
  assessPassphrase,
  characterKind,
  COMMON_WORDS,
  MIN_ACCEPTABLE_BITS,
  MIN_PASSPHRASE_LENGTH,
} from './passphrase-strength.js';

describe('assessPassphrase', () => {
  it.each([
    'correct horse battery staple',
    'purple tractor sings quietly',
    'my cat likes sunny windowsills',
    'Xk#9mP2$vL7q',
    'Mae hi’n bwrw glaw ar y mynydd',
  ])('accepts a long or varied passphrase: %s', (p) => {
    const a = assessPassphrase(p);
    expect(a.acceptable).toBe(true);
    expect(['fair', 'good', 'strong']).toContain(a.level);
  });

  it.each([
    ['password1234', 'common'],
    ['Password1234!', 'common'],
    ['p@ssw0rd2023!', 'common'],
    ['Summer2024!!', 'year'],
    ['aaaaaaaaaaaaaa', 'repeats'],
    ['abcabcabcabc', 'repeats'],
    ['abcdefghijklmn', 'sequence'],
    ['qwertyuiopasdf', 'sequence'],
    ['123456789012', 'sequence'],
    ['ilovemydog2024', 'common'],
  ] as const)('rejects %s, saying why (%s)', (p, issue) => {
    const a = assessPassphrase(p);
    expect(a.acceptable).toBe(false);
    expect(a.level).toBe('weak');
    expect(a.issues).toContain(issue);
  });

  it('rejects anything shorter than 12 characters, however varied', () => {
    const a = assessPassphrase('Xk#9mP2$vL7');
    expect(a.length).toBe(11);
    expect(a.level).toBe('too-short');
    expect(a.issues[0]).toBe('too_short');
    expect(a.acceptable).toBe(false);
  });

  it('counts characters as the key derivation sees them (code points, NFKC)', () => {
    expect(assessPassphrase('😀😀😀').length).toBe(3);
    // U+FB01 (the "fi" ligature) becomes two letters under NFKC.
    expect(assessPassphrase('\uFB01').length).toBe(2);
  });

  it('refuses a passphrase that contains the username', () => {
    const a = assessPassphrase('bluefox walks quietly home', 'BlueFox');
    expect(a.issues).toContain('username');
    expect(a.acceptable).toBe(false);
    expect(assessPassphrase('bluefox walks quietly home', 'other').acceptable).toBe(true);
  });

  it('explains length and variety', () => {
    const a = assessPassphrase('Two words 42!');
    expect(a.length).toBe(13);
    expect(a.kinds).toEqual(['lower', 'upper', 'digit', 'symbol', 'space']);
    expect(a.words).toBe(2);
  });

  it('flags a passphrase made of one kind of character', () => {
    expect(assessPassphrase('kdjfhgqpwmzx').issues).toContain('one_kind');
    expect(assessPassphrase('correct horse battery staple').issues).not.toContain('one_kind');
  });

  it('lists only words of four letters or more, lower-case letters only', () => {
    for (const w of COMMON_WORDS) expect(w).toMatch(/^[a-z0-9]{4,}$/);
  });

  it('classifies characters', () => {
    expect(['a', 'Z', '7', '!', ' ', 'é', 'É', '😀'].map(characterKind)).toEqual([
      'lower',
      'upper',
      'digit',
      'symbol',
      'space',
      'lower',
      'upper',
      'other',
    ]);
  });

  it('never throws, and acceptable always means long enough and hard enough', () => {
    fc.assert(
      fc.property(unicodeText({ maxLength: 80 }), fc.string(), (p, user) => {
        const a = assessPassphrase(p, user);
        expect(Number.isFinite(a.bits)).toBe(true);
        expect(a.bits).toBeGreaterThanOrEqual(0);
        if (a.acceptable) {
          expect(a.length).toBeGreaterThanOrEqual(MIN_PASSPHRASE_LENGTH);
          expect(a.bits).toBeGreaterThanOrEqual(MIN_ACCEPTABLE_BITS);
        }
        expect(a.level === 'too-short').toBe(a.length < MIN_PASSPHRASE_LENGTH);
        expect(a.issues.includes('too_short')).toBe(a.length < MIN_PASSPHRASE_LENGTH);
      }),
    );
  });

  it('never accepts one character repeated, at any length', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 1 }),
        fc.integer({ min: 1, max: 200 }),
        (c, n) => {
          expect(assessPassphrase(c.repeat(n)).acceptable).toBe(false);
        },
      ),
    );
  });

  it('never accepts a common password with digits and a symbol added', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...COMMON_WORDS.filter((w) => w.length >= 6)),
        fc.integer({ min: 0, max: 9999 }),
        fc.constantFrom('', '!', '?', '#'),
        (word, n, symbol) => {
          const p = `${word[0]?.toUpperCase() ?? ''}${word.slice(1)}${n}${symbol}`;
          expect(assessPassphrase(p.padEnd(12, '1')).acceptable).toBe(false);
        },
      ),
    );
  });
});
