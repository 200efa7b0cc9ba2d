/**
 * C2SP signed notes (c2sp.org/signed-note): text signed by one or more keys, the envelope that
 * transparency-log checkpoints, witness cosignatures and `tlog-proof` receipts use. Encoding the
 * same bytes as golang.org/x/mod/sumdb/note means standard tooling and witnesses can read Mosaic's
 * checkpoints, and a court expert can check them without Mosaic's code.
 *
 *   note           = text ‖ "\n" ‖ signature line+
 *   text           = UTF-8, ends with "\n", may contain blank lines (split at the LAST blank line)
 *   signature line = "— " (U+2014, space) ‖ key name ‖ " " ‖ base64(keyId (u32 BE) ‖ signature) ‖ "\n"
 *   key ID         = SHA-256(key name ‖ 0x0A ‖ signature type ‖ public key)[:4]
 *   vkey           = key name ‖ "+" ‖ hex(key ID, 8 lowercase digits) ‖ "+" ‖ base64(type ‖ public key)
 *   private key    = "PRIVATE+KEY+" ‖ key name ‖ "+" ‖ hex(key ID) ‖ "+" ‖ base64(type ‖ seed)  (Go's form)
 *
 * Rules enforced here: valid UTF-8; no control character but newline anywhere in the note; the
 * text and each signature line end with a newline; key names are non-empty with no Unicode space
 * and no "+"; base64 is RFC 4648 §4 standard, padded and canonical (one encoding per byte string);
 * at most MAX_NOTE_SIGNATURES signatures (the spec asks verifiers to accept at least 16; Go stops
 * at 100). Verification needs a known key: signatures whose (name, key ID) match no known key are
 * ignored (witness cosignatures, rotated keys); a known key whose signature fails rejects the whole
 * note; no verified known signature rejects the note.
 *
 * Pure and isomorphic: Ed25519 and SHA-256 come from libsodium (src/crypto/sodium.ts).
 */
import { assertKey, bytesEqual, isWellFormed, utf8Decode, utf8Encode } from './bytes.js';
import { CryptoError } from './errors.js';
import { loadSodium } from './sodium.js';

/** Signature type byte of plain Ed25519 note signatures (signed-note §Signature types). */
export const SIG_TYPE_ED25519 = 0x01;
/** Signature type byte of timestamped Ed25519 witness cosignatures (tlog-cosignature). */
export const SIG_TYPE_COSIGNATURE_V1 = 0x04;
/** The most signatures a note may carry (Go's sumdb/note limit; the spec's floor is 16). */
export const MAX_NOTE_SIGNATURES = 100;
/** The largest note accepted, in UTF-8 bytes (checkpoints are a few hundred bytes). */
export const MAX_NOTE_BYTES = 1 << 20;

const EM_DASH_PREFIX = '\u2014 ';
const PRIVATE_KEY_PREFIX = 'PRIVATE+KEY+';
const ED25519_PUBLIC_KEY_BYTES = 32;
const ED25519_SEED_BYTES = 32;
const ED25519_SIGNATURE_BYTES = 64;

/** One signature line of a note. */
export interface NoteSignature {
  readonly name: string;
  /** The 32-bit key ID (big-endian first four bytes of the decoded base64). */
  readonly keyId: number;
  /** The signature bytes after the key ID (64 bytes for Ed25519, 72 for a cosignature). */
  readonly signature: Uint8Array;
}

/** A parsed note: its text (with the final newline) and its signature lines, in order. */
export interface Note {
  readonly text: string;
  readonly signatures: readonly NoteSignature[];
}

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

/** The result of `openNote`: the text, and which signatures verified. */
export interface OpenedNote {
  readonly text: string;
  /** Signatures from known keys that verified (duplicates removed). */
  readonly verified: readonly NoteSignature[];
  /** Signatures from keys this verifier does not know (ignored, kept for callers). */
  readonly unverified: readonly NoteSignature[];
}

/** A verifier key's parts (`vkey` text form). */
export interface VerifierKeyParts {
  readonly name: string;
  readonly keyId: number;
  readonly type: number;
  readonly publicKey: Uint8Array;
}

function malformed(reason: string, message: string): CryptoError {
  return new CryptoError('envelope_malformed', message, { reason });
}

function badKey(message: string): CryptoError {
  return new CryptoError('key_invalid', message, { reason: 'key_text_invalid' });
}

// ---- base64 (RFC 4648 §4, standard alphabet, padded, canonical) ---------------------------------

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_INDEX = new Int16Array(128).fill(-1);
for (let i = 0; i < B64.length; i++) B64_INDEX[B64.charCodeAt(i)] = i;

/**
 * Standard padded base64 (RFC 4648 §4), as every C2SP text format uses.
 *
 * @example toBase64(new Uint8Array([0xfb, 0xff])) // '+/8='
 */
export function toBase64(bytes: Uint8Array): string {
  let s = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    s += (B64[(n >> 18) & 63] ?? '') + (B64[(n >> 12) & 63] ?? '');
    s += (B64[(n >> 6) & 63] ?? '') + (B64[n & 63] ?? '');
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = (bytes[i] ?? 0) << 16;
    s += (B64[(n >> 18) & 63] ?? '') + (B64[(n >> 12) & 63] ?? '') + '==';
  } else if (rest === 2) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8);
    s += (B64[(n >> 18) & 63] ?? '') + (B64[(n >> 12) & 63] ?? '') + (B64[(n >> 6) & 63] ?? '');
    s += '=';
  }
  return s;
}

/**
 * Parses standard padded base64 strictly: length a multiple of 4, padding only at the end, no
 * whitespace, unused bits zero — so each byte string has exactly one accepted text form and a
 * changed character can never decode to the same bytes. Returns undefined when it is not.
 *
 * @example fromBase64('+/8=') // Uint8Array [0xfb, 0xff]
 */
export function fromBase64(text: string): Uint8Array | undefined {
  if (text.length % 4 !== 0) return undefined;
  let pad = 0;
  if (text.endsWith('==')) pad = 2;
  else if (text.endsWith('=')) pad = 1;
  const body = text.length - pad;
  const out = new Uint8Array((text.length / 4) * 3 - pad);
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (let i = 0; i < body; i++) {
    const code = text.charCodeAt(i);
    const v = code < 128 ? (B64_INDEX[code] ?? -1) : -1;
    if (v < 0) return undefined;
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  if ((acc & ((1 << bits) - 1)) !== 0) return undefined;
  return out;
}

// ---- key names, key IDs and key text forms -------------------------------------------------------

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

function readU32(b: Uint8Array, at: number): number {
  return (
    (((b[at] ?? 0) << 24) |
      ((b[at + 1] ?? 0) << 16) |
      ((b[at + 2] ?? 0) << 8) |
      (b[at + 3] ?? 0)) >>>
    0
  );
}

function writeU32(n: number): Uint8Array {
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

// ---- notes ---------------------------------------------------------------------------------------

/**
 * Checks note text: a well-formed string ending in a newline, no control character but newline.
 * Throws `envelope_malformed` (reason `note_text_invalid`).
 */
export function assertNoteText(text: unknown): asserts text is string {
  if (
    typeof text !== 'string' ||
    !text.endsWith('\n') ||
    !isWellFormed(text) ||
    hasControl(text, true)
  ) {
    throw malformed(
      'note_text_invalid',
      'note text must be UTF-8 ending in a newline, with no control characters but newline',
    );
  }
}

/**
 * Parses a signed note without verifying it (its text MUST then be ignored until `openNote` or a
 * caller's own verification passes). Throws `envelope_malformed` with a `reason`.
 *
 * @example const { text, signatures } = parseNote(noteString);
 */
export function parseNote(input: string | Uint8Array): Note {
  let note: string;
  if (input instanceof Uint8Array) {
    if (input.length > MAX_NOTE_BYTES) throw malformed('note_too_large', 'the note is too large');
    try {
      note = utf8Decode(input);
    } catch {
      throw malformed('note_not_utf8', 'the note is not valid UTF-8');
    }
  } else if (typeof input === 'string') {
    if (!isWellFormed(input)) throw malformed('note_not_utf8', 'the note is not valid UTF-8');
    note = input;
    if (note.length > MAX_NOTE_BYTES) throw malformed('note_too_large', 'the note is too large');
  } else {
    throw new CryptoError('input_invalid', 'a note must be a string or bytes');
  }
  if (hasControl(note, true)) {
    throw malformed('note_control_character', 'the note has a control character');
  }
  const split = note.lastIndexOf('\n\n');
  if (split < 0) throw malformed('note_no_signatures', 'the note has no signature block');
  const text = note.slice(0, split + 1);
  const block = note.slice(split + 2);
  if (block.length === 0 || !block.endsWith('\n')) {
    throw malformed('note_no_signatures', 'the note must end with newline-terminated signatures');
  }
  const lines = block.slice(0, -1).split('\n');
  if (lines.length > MAX_NOTE_SIGNATURES) {
    throw malformed('note_too_many_signatures', 'the note has too many signatures');
  }
  const signatures = lines.map(parseSignatureLine);
  return { text, signatures };
}

function parseSignatureLine(line: string): NoteSignature {
  if (!line.startsWith(EM_DASH_PREFIX)) {
    throw malformed(
      'signature_line_invalid',
      'a signature line starts with an em dash and a space',
    );
  }
  const rest = line.slice(EM_DASH_PREFIX.length);
  const space = rest.indexOf(' ');
  if (space < 0) throw malformed('signature_line_invalid', 'a signature line is "— name base64"');
  const name = rest.slice(0, space);
  const b64 = rest.slice(space + 1);
  if (!isValidKeyName(name)) throw malformed('signature_line_invalid', 'bad key name');
  const raw = fromBase64(b64);
  if (raw === undefined || raw.length < 5) {
    throw malformed('signature_line_invalid', 'a signature is base64 of a key ID and a signature');
  }
  return { name, keyId: readU32(raw, 0), signature: raw.slice(4) };
}

/**
 * The note text form: text, a blank line, then one signature line per signature.
 *
 * @example formatNote({ text: 'hello\n', signatures: [sig] }) // 'hello\n\n— name base64\n'
 */
export function formatNote(note: Note): string {
  assertNoteText(note.text);
  if (note.signatures.length === 0 || note.signatures.length > MAX_NOTE_SIGNATURES) {
    throw new CryptoError('input_invalid', `a note has 1 to ${MAX_NOTE_SIGNATURES} signatures`);
  }
  let out = note.text + '\n';
  for (const s of note.signatures) out += formatSignatureLine(s);
  return out;
}

/** One signature line, with its final newline. */
export function formatSignatureLine(s: NoteSignature): string {
  if (!isValidKeyName(s.name)) throw new CryptoError('input_invalid', 'bad key name');
  if (!(s.signature instanceof Uint8Array) || s.signature.length === 0) {
    throw new CryptoError('input_invalid', 'empty signature');
  }
  return `${EM_DASH_PREFIX}${s.name} ${toBase64(concat(writeU32(s.keyId), s.signature))}\n`;
}

/**
 * Signs note text with each signer and returns the signed note. Signatures already on `existing`
 * are kept (e.g. a log signature a witness cosigns), except one with the same name and key ID as a
 * signer, which is replaced.
 *
 * @example const note = await signNote('example.com/log\n1\n…=\n', [logSigner]);
 */
export async function signNote(
  text: string,
  signers: readonly NoteSigner[],
  existing: readonly NoteSignature[] = [],
): Promise<string> {
  assertNoteText(text);
  if (signers.length === 0) throw new CryptoError('input_invalid', 'no signer');
  const message = utf8Encode(text);
  const kept = existing.filter(
    (s) => !signers.some((g) => g.name === s.name && g.keyId === s.keyId),
  );
  const fresh: NoteSignature[] = [];
  for (const signer of signers) {
    if (!isValidKeyName(signer.name)) throw new CryptoError('input_invalid', 'bad signer name');
    fresh.push({ name: signer.name, keyId: signer.keyId, signature: await signer.sign(message) });
  }
  return formatNote({ text, signatures: [...kept, ...fresh] });
}

/**
 * Parses and verifies a note against known keys (signed-note §Signatures). Signatures from
 * unknown keys are ignored; a known key's failing signature throws `signature_invalid` (reason
 * `known_signature_invalid`); two known verifiers with the same name and key ID throw `key_invalid`
 * (reason `ambiguous_key`) when a signature needs them; no verified signature throws
 * `signature_invalid` (reason `no_known_signature`).
 *
 * @example const { text } = await openNote(note, [logVerifier]);
 */
export async function openNote(
  input: string | Uint8Array,
  verifiers: readonly NoteVerifier[],
): Promise<OpenedNote> {
  const note = parseNote(input);
  const message = utf8Encode(note.text);
  const verified: NoteSignature[] = [];
  const unverified: NoteSignature[] = [];
  const same = (a: NoteSignature, b: NoteSignature): boolean =>
    a.name === b.name && a.keyId === b.keyId && bytesEqual(a.signature, b.signature);
  for (const sig of note.signatures) {
    const matches = verifiers.filter((v) => v.name === sig.name && v.keyId === sig.keyId);
    if (matches.length === 0) {
      if (!unverified.some((u) => same(u, sig))) unverified.push(sig);
      continue;
    }
    const distinct = matches.filter(
      (v, i) =>
        matches.findIndex((w) => w.type === v.type && bytesEqual(w.publicKey, v.publicKey)) === i,
    );
    if (distinct.length > 1) {
      throw new CryptoError('key_invalid', `ambiguous key ${sig.name}+${keyIdHex(sig.keyId)}`, {
        reason: 'ambiguous_key',
      });
    }
    if (verified.some((u) => same(u, sig))) continue;
    const verifier = matches[0];
    if (verifier === undefined || !(await verifier.verify(message, sig.signature))) {
      throw new CryptoError(
        'signature_invalid',
        `invalid signature for key ${sig.name}+${keyIdHex(sig.keyId)}`,
        { reason: 'known_signature_invalid', name: sig.name },
      );
    }
    verified.push(sig);
  }
  if (verified.length === 0) {
    throw new CryptoError('signature_invalid', 'the note has no signature from a known key', {
      reason: 'no_known_signature',
    });
  }
  return { text: note.text, verified, unverified };
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
