/**
 * The keys of C2SP signed notes (see signed-note.ts for the formats): key names, key IDs, the
 * verifier key (`vkey`) and private key text forms, and the plain Ed25519 signer and verifier.
 * Split from signed-note.ts, which re-exports all of it; the code is unchanged.
 */
import { assertKey, isWellFormed, utf8Encode } from './bytes.js';
import { fromBase64, toBase64 } from './base64-std.js';
import { CryptoError } from './errors.js';
import { loadSodium } from './sodium.js';

/** Signature type byte of plain Ed25519 note signatures (signed-note §Signature types). */
export const SIG_TYPE_ED25519 = 0x01;
/** Signature type byte of timestamped Ed25519 witness cosignatures (tlog-cosignature). */
export const SIG_TYPE_COSIGNATURE_V1 = 0x04;

const PRIVATE_KEY_PREFIX = 'PRIVATE+KEY+';
const ED25519_PUBLIC_KEY_BYTES = 32;
const ED25519_SEED_BYTES = 32;
const ED25519_SIGNATURE_BYTES = 64;

/** Signs note text as one key. */
export interface NoteSigner {
  readonly name: string;
  readonly keyId: number;
  /** The signature bytes (without the key ID) over the UTF-8 note text. */
  sign(message: Uint8Array): Promise<Uint8Array>;
}

/** Checks signatures of one key. */
export interface NoteVerifier {
  readonly name: string;
  readonly keyId: number;
  /** The signature type byte, e.g. SIG_TYPE_ED25519. */
  readonly type: number;
  readonly publicKey: Uint8Array;
  /** True when `signature` (without the key ID) is valid for the UTF-8 note text. */
  verify(message: Uint8Array, signature: Uint8Array): Promise<boolean>;
}

/** A verifier key's parts (`vkey` text form). */
export interface VerifierKeyParts {
  readonly name: string;
  readonly keyId: number;
  readonly type: number;
  readonly publicKey: Uint8Array;
}

function badKey(message: string): CryptoError {
  return new CryptoError('key_invalid', message, { reason: 'key_text_invalid' });
}

/** Unicode White_Space (what Go's unicode.IsSpace tests), which key names must not contain. */
const UNICODE_SPACE = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/u;

/**
 * True when `name` can be a key name: non-empty, well-formed, no Unicode space, no "+", no
 * control character.
 *
 * @example isValidKeyName('mosaic.example.org/receipts') // true
 */
export function isValidKeyName(name: unknown): name is string {
  return (
    typeof name === 'string' &&
    name.length > 0 &&
    isWellFormed(name) &&
    !name.includes('+') &&
    !UNICODE_SPACE.test(name) &&
    !hasControl(name, false)
  );
}

/** True when `text` has a character below U+0020 (newline allowed when `allowNewline`). */
export function hasControl(text: string, allowNewline: boolean): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 && !(allowNewline && c === 0x0a)) return true;
  }
  return false;
}

/**
 * The C2SP key ID: the first four bytes of SHA-256(name ‖ 0x0A ‖ type ‖ public key), big-endian.
 *
 * @example (await noteKeyId('example.com/foo', SIG_TYPE_ED25519, publicKey)).toString(16) // '530d903a'
 */
export async function noteKeyId(
  name: string,
  type: number,
  publicKey: Uint8Array,
): Promise<number> {
  if (!isValidKeyName(name)) throw badKey('key names must be non-empty with no spaces or "+"');
  if (!Number.isInteger(type) || type < 0 || type > 255) throw badKey('bad signature type');
  const sodium = await loadSodium();
  const nameBytes = utf8Encode(name);
  const input = new Uint8Array(nameBytes.length + 2 + publicKey.length);
  input.set(nameBytes, 0);
  input[nameBytes.length] = 0x0a;
  input[nameBytes.length + 1] = type;
  input.set(publicKey, nameBytes.length + 2);
  const h = sodium.crypto_hash_sha256(input);
  return readU32(h, 0);
}

export function readU32(b: Uint8Array, at: number): number {
  return (
    (((b[at] ?? 0) << 24) |
      ((b[at + 1] ?? 0) << 16) |
      ((b[at + 2] ?? 0) << 8) |
      (b[at + 3] ?? 0)) >>>
    0
  );
}

export function writeU32(n: number): Uint8Array {
  return Uint8Array.of((n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);
}

/** The key ID as 8 lowercase hex digits, as in vkeys. */
export function keyIdHex(keyId: number): string {
  return (keyId >>> 0).toString(16).padStart(8, '0');
}

/**
 * The `vkey` text form: name+hexkeyid+base64(type ‖ public key).
 *
 * @example formatVerifierKey('example.com/foo', SIG_TYPE_ED25519, pub) // 'example.com/foo+530d903a+Aeky…'
 */
export async function formatVerifierKey(
  name: string,
  type: number,
  publicKey: Uint8Array,
): Promise<string> {
  const keyId = await noteKeyId(name, type, publicKey);
  return `${name}+${keyIdHex(keyId)}+${toBase64(concat(Uint8Array.of(type), publicKey))}`;
}

/**
 * Parses a `vkey` and checks that its key ID matches its name, type and public key (`key_invalid`
 * otherwise). Any signature type parses; `ed25519Verifier` and `cosignatureVerifier` take the kinds
 * they know.
 *
 * @example const parts = await parseVerifierKey('PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW');
 */
export async function parseVerifierKey(vkey: string): Promise<VerifierKeyParts> {
  if (typeof vkey !== 'string') throw badKey('a verifier key must be a string');
  const [name, hex, b64] = splitKeyText(vkey);
  return parseKeyParts(name, hex, b64);
}

/** name+hex+base64, where the base64 (standard alphabet) may itself contain "+". */
function splitKeyText(text: string): [string, string, string] {
  const first = text.indexOf('+');
  const second = first < 0 ? -1 : text.indexOf('+', first + 1);
  if (second < 0) throw badKey('a key is name+keyid+key');
  return [text.slice(0, first), text.slice(first + 1, second), text.slice(second + 1)];
}

async function parseKeyParts(name: string, hex: string, b64: string): Promise<VerifierKeyParts> {
  if (!isValidKeyName(name)) throw badKey('bad key name');
  if (!/^[0-9a-f]{8}$/.test(hex)) throw badKey('the key ID must be 8 lowercase hex digits');
  const material = fromBase64(b64);
  if (material === undefined || material.length < 2) throw badKey('bad key material');
  const type = material[0] ?? 0;
  const publicKey = material.slice(1);
  const keyId = Number.parseInt(hex, 16);
  if ((await noteKeyId(name, type, publicKey)) !== keyId) {
    throw badKey('the key ID does not match the key');
  }
  return { name, keyId, type, publicKey };
}

/**
 * The private key text form of Go's sumdb/note (not part of the C2SP spec, but what Go's tools
 * read): PRIVATE+KEY+name+hexkeyid+base64(0x01 ‖ 32-byte Ed25519 seed). The key ID is that of the
 * public key. Keep it secret: it is the log's signing key.
 *
 * @example const skey = await formatEd25519PrivateKey('mosaic.example.org/receipts', seed);
 */
export async function formatEd25519PrivateKey(name: string, seed: Uint8Array): Promise<string> {
  assertKey(seed, 'Ed25519 seed', ED25519_SEED_BYTES);
  const sodium = await loadSodium();
  const { publicKey } = sodium.crypto_sign_seed_keypair(seed);
  const keyId = await noteKeyId(name, SIG_TYPE_ED25519, publicKey);
  return `${PRIVATE_KEY_PREFIX}${name}+${keyIdHex(keyId)}+${toBase64(concat(Uint8Array.of(SIG_TYPE_ED25519), seed))}`;
}

/**
 * Parses Go's private key text form into the key name and the 32-byte seed, checking the key ID.
 *
 * @example const { name, seed } = await parseEd25519PrivateKey(process.env.LOG_KEY);
 */
export async function parseEd25519PrivateKey(
  skey: string,
): Promise<{ readonly name: string; readonly keyId: number; readonly seed: Uint8Array }> {
  if (typeof skey !== 'string' || !skey.startsWith(PRIVATE_KEY_PREFIX)) {
    throw badKey('a private key starts with PRIVATE+KEY+');
  }
  const [name, hex, b64] = splitKeyText(skey.slice(PRIVATE_KEY_PREFIX.length));
  if (!isValidKeyName(name)) throw badKey('bad key name');
  if (!/^[0-9a-f]{8}$/.test(hex)) throw badKey('the key ID must be 8 lowercase hex digits');
  const material = fromBase64(b64);
  if (material?.length !== ED25519_SEED_BYTES + 1 || material[0] !== SIG_TYPE_ED25519) {
    throw badKey('not an Ed25519 private key');
  }
  const seed = material.slice(1);
  const sodium = await loadSodium();
  const { publicKey } = sodium.crypto_sign_seed_keypair(seed);
  const keyId = await noteKeyId(name, SIG_TYPE_ED25519, publicKey);
  if (keyId !== Number.parseInt(hex, 16)) throw badKey('the key ID does not match the key');
  return { name, keyId, seed };
}

// ---- Ed25519 signer and verifier -----------------------------------------------------------------

/** An Ed25519 note signer with its public key and vkey. */
export interface Ed25519NoteSigner extends NoteSigner {
  readonly publicKey: Uint8Array;
  readonly vkey: string;
}

/**
 * A plain Ed25519 note signer (type 0x01) for `name` from a 32-byte seed.
 *
 * @example const signer = await ed25519Signer('mosaic.example.org/receipts', seed);
 */
export async function ed25519Signer(name: string, seed: Uint8Array): Promise<Ed25519NoteSigner> {
  assertKey(seed, 'Ed25519 seed', ED25519_SEED_BYTES);
  const sodium = await loadSodium();
  const { publicKey, privateKey } = sodium.crypto_sign_seed_keypair(seed);
  const keyId = await noteKeyId(name, SIG_TYPE_ED25519, publicKey);
  const vkey = await formatVerifierKey(name, SIG_TYPE_ED25519, publicKey);
  return {
    name,
    keyId,
    publicKey,
    vkey,
    sign: (message) => Promise.resolve(sodium.crypto_sign_detached(message, privateKey)),
  };
}

/**
 * A plain Ed25519 verifier (type 0x01) from a vkey string or its parts.
 *
 * @example const logKey = await ed25519Verifier('mosaic.example.org/receipts+1a2b3c4d+AQ…');
 */
export async function ed25519Verifier(vkey: string | VerifierKeyParts): Promise<NoteVerifier> {
  const parts = typeof vkey === 'string' ? await parseVerifierKey(vkey) : vkey;
  if (parts.type !== SIG_TYPE_ED25519 || parts.publicKey.length !== ED25519_PUBLIC_KEY_BYTES) {
    throw badKey('not an Ed25519 (type 0x01) verifier key');
  }
  const sodium = await loadSodium();
  const publicKey = parts.publicKey;
  return {
    name: parts.name,
    keyId: parts.keyId,
    type: SIG_TYPE_ED25519,
    publicKey,
    verify: (message, signature) =>
      Promise.resolve(ed25519Verify(sodium, signature, message, publicKey)),
  };
}

/** Ed25519 verification that never throws on malformed input. */
export function ed25519Verify(
  sodium: Awaited<ReturnType<typeof loadSodium>>,
  signature: Uint8Array,
  message: Uint8Array,
  publicKey: Uint8Array,
): boolean {
  if (signature.length !== ED25519_SIGNATURE_BYTES) return false;
  try {
    return sodium.crypto_sign_verify_detached(signature, message, publicKey);
  } catch {
    return false;
  }
}

/** `a` then `b`, in a new array. */
export function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
