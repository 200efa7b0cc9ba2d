/**
 * Arbitraries the property tests share.
 *
 * `unicodeText` is fast-check's `fc.string({ unit: 'binary' })` — any code point but a lone
 * surrogate — built from a plain integer: the built-in unit spends over five seconds of CPU
 * setting itself up in every test file that first uses it, which across the suite came to most
 * of a minute.
 */
import fc from 'fast-check';

const SURROGATES = 0xe000 - 0xd800;

/** One Unicode scalar value (any code point except U+D800–U+DFFF), as a string. */
export const anyScalar: fc.Arbitrary<string> = fc
  .integer({ min: 0, max: 0x10ffff - SURROGATES })
  .map((n) => String.fromCodePoint(n < 0xd800 ? n : n + SURROGATES));

/** Text of any Unicode scalar values, lengths counted in code points. */
export function unicodeText(
  constraints: { minLength?: number; maxLength?: number } = {},
): fc.Arbitrary<string> {
  return fc.string({ unit: anyScalar, ...constraints });
}
