import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anyScalar, unicodeText } from './arbitraries.js';

describe('unicodeText', () => {
  it('gives only Unicode scalar values, each one code point', () => {
    fc.assert(
      fc.property(anyScalar, (c) => {
        const code = c.codePointAt(0)!;
        expect(Array.from(c)).toHaveLength(1);
        expect(code < 0xd800 || code > 0xdfff).toBe(true);
        expect(code).toBeLessThanOrEqual(0x10ffff);
      }),
      { numRuns: 2000 },
    );
  });

  it('reaches both ends and both sides of the surrogate gap', () => {
    const seen = fc.sample(anyScalar, 20_000).map((c) => c.codePointAt(0)!);
    expect(seen.some((c) => c < 0x80)).toBe(true);
    expect(seen.some((c) => c > 0xe000 && c < 0x10000)).toBe(true);
    expect(seen.some((c) => c > 0xffff)).toBe(true);
  });

  it('keeps to the lengths asked for, in code points', () => {
    fc.assert(
      fc.property(unicodeText({ minLength: 2, maxLength: 5 }), (s) => {
        expect(Array.from(s).length).toBeGreaterThanOrEqual(2);
        expect(Array.from(s).length).toBeLessThanOrEqual(5);
        expect(() => encodeURIComponent(s)).not.toThrow(); // no lone surrogate
      }),
    );
  });
});
