import fc from 'fast-check';
import { unicodeText } from '../../test/support/arbitraries.js';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import {
  ByteReader,
  ByteWriter,
  bytesEqual,
  concatBytes,
  fromBase64Url,
  fromHex,
  isWellFormed,
  readU64be,
  toBase64Url,
  toHex,
  u64be,
  utf8Decode,
  utf8Encode,
  wipe,
} from './bytes.js';
import { cryptoReady } from './sodium.js';

beforeAll(cryptoReady);

describe('hex', () => {
  it('round-trips any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (b) => {
        expect(fromHex(toHex(b))).toEqual(b);
      }),
    );
  });

  it('accepts upper case and rejects odd length or non-hex characters', () => {
    expect(fromHex('CAFE')).toEqual(Uint8Array.of(0xca, 0xfe));
    for (const bad of ['abc', 'zz', '0x00', 'ca fe']) {
      expect(() => fromHex(bad)).toThrow(expect.objectContaining({ code: 'input_invalid' }));
    }
  });
});

describe('base64url', () => {
  it('round-trips any bytes and uses the URL-safe alphabet without padding', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (b) => {
        const s = toBase64Url(b);
        expect(s).toMatch(/^[A-Za-z0-9_-]*$/);
        expect(fromBase64Url(s)).toEqual(b);
      }),
    );
  });

  it('matches RFC 4648 §10 test vectors (converted to the URL-safe, unpadded form)', () => {
    const cases: [string, string][] = [
      ['', ''],
      ['f', 'Zg'],
      ['fo', 'Zm8'],
      ['foo', 'Zm9v'],
      ['foob', 'Zm9vYg'],
      ['fooba', 'Zm9vYmE'],
      ['foobar', 'Zm9vYmFy'],
    ];
    for (const [text, b64] of cases) {
      expect(toBase64Url(utf8Encode(text))).toBe(b64);
      expect(utf8Decode(fromBase64Url(b64))).toBe(text);
    }
    expect(toBase64Url(Uint8Array.of(0xfb, 0xff))).toBe('-_8');
  });

  it('is strict: no padding, no standard alphabet, no whitespace, no stray trailing bits', () => {
    for (const bad of ['Zg==', '+/8', 'Zm 9v', 'Z', 'Zh', 'Zm9']) {
      expect(() => fromBase64Url(bad), bad).toThrow(
        expect.objectContaining({ code: 'input_invalid' }),
      );
    }
  });
});

describe('utf8', () => {
  it('refuses strings with lone surrogates, which would collide after encoding', () => {
    expect(() => utf8Encode('a\uD800b')).toThrow(
      expect.objectContaining({ code: 'input_invalid' }),
    );
    expect(() => utf8Encode('\uDC00')).toThrow(expect.objectContaining({ code: 'input_invalid' }));
    expect(utf8Encode('😀')).toEqual(Uint8Array.of(0xf0, 0x9f, 0x98, 0x80));
  });

  it('isWellFormed agrees with a UTF-8 round trip for any UTF-16 code units', () => {
    const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
    const surrogateHeavy = fc
      .integer({ min: 0xd7f0, max: 0xe010 })
      .map((c) => String.fromCharCode(c));
    fc.assert(
      fc.property(fc.string({ unit: fc.oneof(codeUnit, surrogateHeavy), maxLength: 12 }), (s) => {
        const roundTrips = new TextDecoder().decode(new TextEncoder().encode(s)) === s;
        expect(isWellFormed(s)).toBe(roundTrips);
      }),
    );
  });

  it('encodes exactly as TextEncoder for well-formed strings, short (fast path) or long', () => {
    const ascii = fc.integer({ min: 0, max: 0x7f }).map((c) => String.fromCharCode(c));
    const any = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
    fc.assert(
      fc.property(fc.string({ unit: fc.oneof(ascii, ascii, any), maxLength: 100 }), (s) => {
        if (!isWellFormed(s)) {
          expect(() => utf8Encode(s)).toThrow(expect.objectContaining({ code: 'input_invalid' }));
        } else {
          expect(utf8Encode(s)).toEqual(new TextEncoder().encode(s));
        }
      }),
    );
  });

  it('refuses invalid UTF-8 when decoding', () => {
    expect(() => utf8Decode(Uint8Array.of(0xc3))).toThrow(
      expect.objectContaining({ code: 'envelope_malformed' }),
    );
  });
});

describe('u64', () => {
  it('encodes big-endian up to 2^53 - 1 and refuses anything else', () => {
    expect(toHex(u64be(0))).toBe('0000000000000000');
    expect(toHex(u64be(258))).toBe('0000000000000102');
    expect(toHex(u64be(2 ** 32))).toBe('0000000100000000');
    expect(toHex(u64be(Number.MAX_SAFE_INTEGER))).toBe('001fffffffffffff');
    for (const bad of [-1, 1.5, 2 ** 53, Number.NaN, Infinity]) {
      expect(() => u64be(bad)).toThrow(expect.objectContaining({ code: 'input_invalid' }));
    }
  });

  it('round-trips every safe integer and refuses to decode larger values', () => {
    fc.assert(
      fc.property(fc.maxSafeNat(), (n) => {
        expect(readU64be(u64be(n))).toBe(n);
      }),
    );
    expect(() => readU64be(fromHex('0020000000000000'))).toThrow(
      expect.objectContaining({ code: 'envelope_malformed' }),
    );
  });
});

describe('ByteWriter / ByteReader', () => {
  it('writes the documented canonical layout', () => {
    const bytes = new ByteWriter().u8(1).string('incident').u64(3).finish();
    expect(toHex(bytes)).toBe('01' + '00000008' + '696e636964656e74' + '0000000000000003');
  });

  it('reads back what was written and refuses overruns and trailing bytes', () => {
    fc.assert(
      fc.property(
        unicodeText({ maxLength: 40 }),
        fc.maxSafeNat(),
        fc.uint8Array({ maxLength: 40 }),
        (s, n, b) => {
          const bytes = new ByteWriter().string(s).u64(n).bytes(b).u32(7).finish();
          const r = new ByteReader(bytes);
          expect(r.string(1000)).toBe(s);
          expect(r.u64()).toBe(n);
          expect(r.bytes(1000)).toEqual(b);
          expect(r.u32()).toBe(7);
          r.end();
        },
      ),
    );
    expect(() => new ByteReader(Uint8Array.of(0, 0, 0, 5, 1)).bytes(10)).toThrow(
      expect.objectContaining({ code: 'envelope_malformed' }),
    );
    expect(() => new ByteReader(Uint8Array.of(0, 0, 0, 5, 1)).bytes(2)).toThrow(
      expect.objectContaining({ code: 'envelope_malformed' }),
    );
    const r = new ByteReader(Uint8Array.of(1, 2));
    r.u8();
    expect(() => r.end()).toThrow(expect.objectContaining({ code: 'envelope_malformed' }));
  });

  it('length prefixes make field boundaries unambiguous', () => {
    const a = new ByteWriter().string('ab').string('c').finish();
    const b = new ByteWriter().string('a').string('bc').finish();
    expect(toHex(a)).not.toBe(toHex(b));
  });
});

describe('bytesEqual, concatBytes, wipe', () => {
  it('compares contents, not identity', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.uint8Array({ maxLength: 64 }), (a, b) => {
        expect(bytesEqual(a, a.slice())).toBe(true);
        expect(bytesEqual(a, b)).toBe(toHex(a) === toHex(b));
      }),
    );
  });

  it('concatenates and wipes', () => {
    const secret = concatBytes(Uint8Array.of(1, 2), new Uint8Array(0), Uint8Array.of(3));
    expect(secret).toEqual(Uint8Array.of(1, 2, 3));
    wipe(secret);
    expect(secret).toEqual(new Uint8Array(3));
  });

  it('synchronous helpers fail clearly before cryptoReady()', async () => {
    vi.resetModules();
    const fresh = await import('./bytes.js');
    expect(() => fresh.bytesEqual(Uint8Array.of(1), Uint8Array.of(1))).toThrow(
      expect.objectContaining({ code: 'not_ready' }),
    );
  });
});
