/**
 * Byte helpers shared by every format: concatenation, constant-time comparison, strict hex and
 * base64url codecs, well-formed UTF-8, and a writer/reader for the canonical big-endian,
 * length-prefixed encodings used in associated data and signed structures.
 *
 * The codecs are plain TypeScript (no libsodium) so they work before `cryptoReady()`; they are
 * strict — one value has exactly one accepted encoding — because these strings end up in signed
 * receipts and court bundles, where "two spellings of the same bytes" invites disputes.
 */
import { CryptoError } from './errors.js';
import { sodiumSync } from './sodium.js';

/** The largest integer a u64 field may carry here: JavaScript numbers are exact up to 2^53 − 1. */
export const MAX_U64_SAFE = Number.MAX_SAFE_INTEGER;

/**
 * Concatenates byte arrays into a new array.
 *
 * @example concatBytes(new Uint8Array([1]), new Uint8Array([2, 3])) // Uint8Array [1, 2, 3]
 */
export function concatBytes(...parts: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const p of parts) length += p.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/**
 * Constant-time equality (libsodium `sodium_memcmp`), for comparing MACs, hashes and keys without
 * leaking where they differ. Lengths are not secret, so different lengths return false at once.
 * Needs `await cryptoReady()` first.
 *
 * @example
 * await cryptoReady();
 * bytesEqual(rootA, rootB); // true or false
 */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  if (a.length === 0) return true;
  return sodiumSync().memcmp(a, b);
}

/**
 * Overwrites secret bytes with zeros (libsodium `sodium_memzero`). JavaScript may still hold
 * copies, so this is best effort; it shortens how long a key sits in memory after use.
 * Needs `await cryptoReady()` first.
 *
 * @example wipe(keyEncryptionKey);
 */
export function wipe(bytes: Uint8Array): void {
  if (bytes.length > 0) sodiumSync().memzero(bytes);
}

const HEX = '0123456789abcdef';

/**
 * Lower-case hex.
 *
 * @example toHex(new Uint8Array([0xca, 0xfe])) // 'cafe'
 */
export function toHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += (HEX[b >> 4] ?? '') + (HEX[b & 15] ?? '');
  return s;
}

/**
 * Parses hex (either case). Throws `input_invalid` on odd length or a non-hex character.
 *
 * @example fromHex('CAFE') // Uint8Array [0xca, 0xfe]
 */
export function fromHex(hex: string): Uint8Array {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) {
    throw new CryptoError('input_invalid', 'not a hex string');
  }
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
/** Code unit → 6-bit value, or −1: a typed-array lookup, because every record read decodes
 * its ciphertext and wrapped key, and 10,000 records must open in well under a second. */
const B64URL_INDEX = new Int8Array(128).fill(-1);
for (let i = 0; i < B64URL.length; i++) B64URL_INDEX[B64URL.charCodeAt(i)] = i;

/**
 * Unpadded base64url (RFC 4648 §5), the form used in JSON and URLs.
 *
 * @example toBase64Url(new Uint8Array([0xfb, 0xff])) // '-_8'
 */
export function toBase64Url(bytes: Uint8Array): string {
  let s = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    s += char64(n >> 18) + char64(n >> 12) + char64(n >> 6) + char64(n);
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = (bytes[i] ?? 0) << 16;
    s += char64(n >> 18) + char64(n >> 12);
  } else if (rest === 2) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8);
    s += char64(n >> 18) + char64(n >> 12) + char64(n >> 6);
  }
  return s;
}

function char64(n: number): string {
  return B64URL[n & 63] ?? '';
}

/**
 * Parses unpadded base64url strictly: no padding, no whitespace, no standard-alphabet `+` `/`,
 * and unused trailing bits must be zero, so each byte string has exactly one encoding.
 *
 * @example fromBase64Url('-_8') // Uint8Array [0xfb, 0xff]
 */
export function fromBase64Url(text: string): Uint8Array {
  if (text.length % 4 === 1) throw new CryptoError('input_invalid', 'not base64url');
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const v = code < 128 ? (B64URL_INDEX[code] ?? -1) : -1;
    if (v < 0) throw new CryptoError('input_invalid', 'not base64url');
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  if ((acc & ((1 << bits) - 1)) !== 0) {
    throw new CryptoError('input_invalid', 'non-canonical base64url (trailing bits set)');
  }
  return out;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * UTF-8 bytes of a well-formed string. A lone surrogate would silently become U+FFFD, making two
 * different strings encode alike — fatal for associated data — so it is refused.
 *
 * @example utf8Encode('é') // Uint8Array [0xc3, 0xa9]
 */
export function utf8Encode(text: string): Uint8Array {
  // Associated data is built from short ASCII labels and ids for every record opened; copying
  // those directly is several times faster than TextEncoder's per-call cost.
  if (text.length <= 64) {
    const out = new Uint8Array(text.length);
    let ascii = true;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code >= 0x80) {
        ascii = false;
        break;
      }
      out[i] = code;
    }
    if (ascii) return out;
  }
  if (!isWellFormed(text)) throw new CryptoError('input_invalid', 'string has a lone surrogate');
  return encoder.encode(text);
}

/**
 * Decodes UTF-8, refusing invalid sequences (`envelope_malformed`).
 *
 * @example utf8Decode(Uint8Array.of(0xc3, 0xa9)) // 'é'
 */
export function utf8Decode(bytes: Uint8Array): string {
  try {
    return decoder.decode(bytes);
  } catch {
    throw new CryptoError('envelope_malformed', 'invalid UTF-8');
  }
}

/**
 * True when the string has no unpaired surrogate code units.
 *
 * @example isWellFormed('a\uD800') // false
 */
export function isWellFormed(text: string): boolean {
  // A loop rather than String.prototype.isWellFormed or a look-behind regex: both are missing
  // from the older iPhones some users are stuck with.
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return false;
      i += 1;
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      return false;
    }
  }
  return true;
}

/** Throws `input_invalid` unless `n` is an integer in [0, 2^53 − 1]. */
export function assertSafeUint(n: number, what: string): void {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new CryptoError('input_invalid', `${what} must be an integer between 0 and 2^53 - 1`);
  }
}

/** Throws `key_invalid` unless `key` is a Uint8Array of `length` bytes. */
export function assertKey(key: unknown, what: string, length = 32): asserts key is Uint8Array {
  if (!(key instanceof Uint8Array) || key.length !== length) {
    throw new CryptoError('key_invalid', `${what} must be a ${length}-byte Uint8Array`);
  }
}

/** Throws `input_invalid` unless `value` is a Uint8Array. */
export function assertBytes(value: unknown, what: string): asserts value is Uint8Array {
  if (!(value instanceof Uint8Array)) {
    throw new CryptoError('input_invalid', `${what} must be a Uint8Array`);
  }
}

/**
 * Builds canonical byte strings: big-endian integers and u32-length-prefixed fields, so no two
 * different field lists produce the same bytes.
 *
 * @example
 * new ByteWriter().u8(1).string('incident').u64(3).finish();
 * // 01 00000008 696e636964656e74 0000000000000003
 */
export class ByteWriter {
  private readonly parts: Uint8Array[] = [];

  /** One byte. */
  u8(n: number): this {
    if (!Number.isInteger(n) || n < 0 || n > 0xff)
      throw new CryptoError('input_invalid', 'u8 out of range');
    this.parts.push(Uint8Array.of(n));
    return this;
  }

  /** Four bytes, big-endian. */
  u32(n: number): this {
    if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) {
      throw new CryptoError('input_invalid', 'u32 out of range');
    }
    this.parts.push(Uint8Array.of(n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff));
    return this;
  }

  /** Eight bytes, big-endian; the value must be a safe integer. */
  u64(n: number): this {
    this.parts.push(u64be(n));
    return this;
  }

  /** Raw bytes, no length prefix (for fixed-size fields such as hashes). */
  raw(bytes: Uint8Array): this {
    this.parts.push(bytes);
    return this;
  }

  /** u32 length ‖ bytes. */
  bytes(bytes: Uint8Array): this {
    return this.u32(bytes.length).raw(bytes);
  }

  /** u32 length ‖ UTF-8 bytes. */
  string(text: string): this {
    return this.bytes(utf8Encode(text));
  }

  finish(): Uint8Array {
    return concatBytes(...this.parts);
  }
}

/** Reads what ByteWriter wrote; any overrun throws `envelope_malformed`. */
export class ByteReader {
  private offset = 0;

  constructor(private readonly data: Uint8Array) {}

  u8(): number {
    return this.take(1)[0] ?? 0;
  }

  u32(): number {
    const b = this.take(4);
    return new DataView(b.buffer, b.byteOffset, 4).getUint32(0);
  }

  u64(): number {
    return readU64be(this.take(8));
  }

  raw(length: number): Uint8Array {
    return this.take(length).slice();
  }

  bytes(maxLength: number): Uint8Array {
    const length = this.u32();
    if (length > maxLength) throw new CryptoError('envelope_malformed', 'field too long');
    return this.raw(length);
  }

  string(maxLength: number): string {
    return utf8Decode(this.bytes(maxLength));
  }

  /** Throws unless every byte was consumed (no trailing garbage in canonical encodings). */
  end(): void {
    if (this.offset !== this.data.length)
      throw new CryptoError('envelope_malformed', 'trailing bytes');
  }

  private take(length: number): Uint8Array {
    if (this.offset + length > this.data.length)
      throw new CryptoError('envelope_malformed', 'too short');
    const out = this.data.subarray(this.offset, this.offset + length);
    this.offset += length;
    return out;
  }
}

/**
 * Eight big-endian bytes of a safe integer.
 *
 * @example toHex(u64be(258)) // '0000000000000102'
 */
export function u64be(n: number): Uint8Array {
  assertSafeUint(n, 'u64 value');
  const b = new Uint8Array(8);
  const view = new DataView(b.buffer);
  view.setUint32(0, Math.floor(n / 2 ** 32));
  view.setUint32(4, n % 2 ** 32);
  return b;
}

/** Reads eight big-endian bytes; values above 2^53 − 1 are refused as malformed. */
export function readU64be(b: Uint8Array): number {
  if (b.length !== 8) throw new CryptoError('envelope_malformed', 'u64 needs 8 bytes');
  const view = new DataView(b.buffer, b.byteOffset, 8);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  if (hi > 0x1fffff) throw new CryptoError('envelope_malformed', 'u64 value above 2^53 - 1');
  return hi * 2 ** 32 + lo;
}
