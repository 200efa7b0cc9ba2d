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
 *
 * This file parses, formats, signs and opens notes, and is the face of the rest: the keys
 * (names, IDs, text forms, the Ed25519 signer and verifier) are note-keys.ts, standard base64
 * base64-std.ts.
 */
import { bytesEqual, isWellFormed, utf8Decode, utf8Encode } from './bytes.js';
import { fromBase64, toBase64 } from './base64-std.js';
import { CryptoError } from './errors.js';
import {
  concat,
  hasControl,
  isValidKeyName,
  keyIdHex,
  readU32,
  writeU32,
  type NoteSigner,
  type NoteVerifier,
} from './note-keys.js';

export { fromBase64, toBase64 } from './base64-std.js';
export {
  ed25519Signer,
  ed25519Verifier,
  ed25519Verify,
  formatEd25519PrivateKey,
  formatVerifierKey,
  hasControl,
  isValidKeyName,
  keyIdHex,
  noteKeyId,
  parseEd25519PrivateKey,
  parseVerifierKey,
  SIG_TYPE_COSIGNATURE_V1,
  SIG_TYPE_ED25519,
  type Ed25519NoteSigner,
  type NoteSigner,
  type NoteVerifier,
  type VerifierKeyParts,
} from './note-keys.js';

/** The most signatures a note may carry (Go's sumdb/note limit; the spec's floor is 16). */
export const MAX_NOTE_SIGNATURES = 100;
/** The largest note accepted, in UTF-8 bytes (checkpoints are a few hundred bytes). */
export const MAX_NOTE_BYTES = 1 << 20;

const EM_DASH_PREFIX = '\u2014 ';

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

/** The result of `openNote`: the text, and which signatures verified. */
export interface OpenedNote {
  readonly text: string;
  /** Signatures from known keys that verified (duplicates removed). */
  readonly verified: readonly NoteSignature[];
  /** Signatures from keys this verifier does not know (ignored, kept for callers). */
  readonly unverified: readonly NoteSignature[];
}

function malformed(reason: string, message: string): CryptoError {
  return new CryptoError('envelope_malformed', message, { reason });
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
