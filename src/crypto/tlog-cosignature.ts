/**
 * Witness cosignatures, Ed25519 flavour (c2sp.org/tlog-cosignature, "cosignature/v1"): another
 * deployment (a witness) checks that a checkpoint is consistent with every earlier one it saw and
 * adds a note signature line:
 *
 *   key ID    = SHA-256(name ‖ 0x0A ‖ 0x04 ‖ 32-byte Ed25519 public key)[:4]
 *   signature = u64 timestamp (POSIX seconds, big-endian) ‖ Ed25519(message) (64 bytes)
 *   message   = "cosignature/v1\n" ‖ "time " ‖ decimal timestamp ‖ "\n" ‖ checkpoint note text
 *
 * The vkey of a witness is name+hexkeyid+base64(0x04 ‖ public key). The ML-DSA-44 cosignature of
 * the same spec is not implemented (libsodium has no ML-DSA).
 */
import { assertKey, assertSafeUint, utf8Decode, utf8Encode } from './bytes.js';
import { CryptoError } from './errors.js';
import { loadSodium } from './sodium.js';
import {
  ed25519Verify,
  formatVerifierKey,
  noteKeyId,
  parseNote,
  parseVerifierKey,
  SIG_TYPE_COSIGNATURE_V1,
  type NoteSignature,
  type NoteSigner,
  type NoteVerifier,
  type VerifierKeyParts,
} from './signed-note.js';

const HEADER = 'cosignature/v1\n';
const COSIGNATURE_BYTES = 8 + 64;
/** 2^63 − 1 is the spec's ceiling; JavaScript numbers are exact to 2^53 − 1, far beyond any clock. */
const MAX_TIMESTAMP = Number.MAX_SAFE_INTEGER;

/** A witness's cosigner: a note signer whose signatures carry a timestamp. */
export interface CosignatureSigner extends NoteSigner {
  readonly publicKey: Uint8Array;
  readonly vkey: string;
}

/** A witness's cosignature verifier (a note verifier for type 0x04). */
export type CosignatureVerifier = NoteVerifier;

/**
 * The exact bytes an Ed25519 cosignature signs.
 *
 * @example cosignatureMessage(checkpointBody, 1679315147) // 'cosignature/v1\ntime 1679315147\n' + body
 */
export function cosignatureMessage(checkpointBody: string, timestamp: number): Uint8Array {
  assertSafeUint(timestamp, 'timestamp');
  return utf8Encode(`${HEADER}time ${timestamp}\n${checkpointBody}`);
}

/**
 * An Ed25519 cosigner for `name` from a 32-byte seed. `now` gives POSIX seconds (defaults to the
 * clock), so tests can fix it.
 *
 * @example const witness = await cosignatureSigner('witness.example.org/w1', seed);
 */
export async function cosignatureSigner(
  name: string,
  seed: Uint8Array,
  now: () => number = () => Math.floor(Date.now() / 1000),
): Promise<CosignatureSigner> {
  assertKey(seed, 'Ed25519 seed');
  const sodium = await loadSodium();
  const { publicKey, privateKey } = sodium.crypto_sign_seed_keypair(seed);
  const keyId = await noteKeyId(name, SIG_TYPE_COSIGNATURE_V1, publicKey);
  const vkey = await formatVerifierKey(name, SIG_TYPE_COSIGNATURE_V1, publicKey);
  return {
    name,
    keyId,
    publicKey,
    vkey,
    sign: (message) => {
      const timestamp = now();
      assertSafeUint(timestamp, 'timestamp');
      const signed = cosignatureMessage(utf8Decode(message), timestamp);
      const out = new Uint8Array(COSIGNATURE_BYTES);
      out.set(u64be(timestamp), 0);
      out.set(sodium.crypto_sign_detached(signed, privateKey), 8);
      return Promise.resolve(out);
    },
  };
}

/**
 * A cosignature verifier from a witness vkey (type 0x04 only). `maxFutureSeconds` rejects
 * cosignatures stamped further ahead of `now` than that (the spec lets verifiers refuse them).
 *
 * @example const w = await cosignatureVerifier('witness.example.org/w1+da77ade7+BO…');
 */
export async function cosignatureVerifier(
  vkey: string | VerifierKeyParts,
  options: { readonly now?: () => number; readonly maxFutureSeconds?: number } = {},
): Promise<CosignatureVerifier> {
  const parts = typeof vkey === 'string' ? await parseVerifierKey(vkey) : vkey;
  if (parts.type !== SIG_TYPE_COSIGNATURE_V1 || parts.publicKey.length !== 32) {
    throw new CryptoError('key_invalid', 'not an Ed25519 cosignature (type 0x04) key', {
      reason: 'key_text_invalid',
    });
  }
  const sodium = await loadSodium();
  const { publicKey } = parts;
  return {
    name: parts.name,
    keyId: parts.keyId,
    type: SIG_TYPE_COSIGNATURE_V1,
    publicKey,
    verify: (message, signature) => {
      const timestamp = cosignatureTimestampOf(signature);
      if (timestamp === undefined) return Promise.resolve(false);
      if (options.maxFutureSeconds !== undefined) {
        const now = (options.now ?? (() => Math.floor(Date.now() / 1000)))();
        if (timestamp > now + options.maxFutureSeconds) return Promise.resolve(false);
      }
      let body: string;
      try {
        body = utf8Decode(message);
      } catch {
        return Promise.resolve(false);
      }
      const signed = cosignatureMessage(body, timestamp);
      return Promise.resolve(ed25519Verify(sodium, signature.subarray(8), signed, publicKey));
    },
  };
}

/**
 * The timestamp of a cosignature's signature bytes (after the key ID), or undefined when they are
 * not 72 bytes or the time is beyond 2^53 − 1. Read it only after the cosignature verified.
 *
 * @example cosignatureTimestampOf(sig.signature) // 1727964367
 */
export function cosignatureTimestampOf(signature: Uint8Array): number | undefined {
  if (!(signature instanceof Uint8Array) || signature.length !== COSIGNATURE_BYTES)
    return undefined;
  let t = 0;
  for (let i = 0; i < 8; i++) t = t * 256 + (signature[i] ?? 0);
  return t <= MAX_TIMESTAMP ? t : undefined;
}

/** Which witnesses must have cosigned a checkpoint. */
export interface WitnessPolicy {
  /** The witnesses trusted for this log (cosignatureVerifier). */
  readonly witnesses: readonly CosignatureVerifier[];
  /** How many distinct witnesses must have a valid cosignature (1 ≤ quorum ≤ witnesses). */
  readonly quorum: number;
}

/** A cosignature that verified, with its witness and time. */
export interface VerifiedCosignature {
  readonly name: string;
  readonly keyId: number;
  /** POSIX seconds. */
  readonly timestamp: number;
}

/**
 * Checks a signed checkpoint against a witness policy: every cosignature from a policy witness
 * must verify (`signature_invalid`, reason `known_signature_invalid`), and at least `quorum`
 * distinct witnesses must have cosigned (`signature_invalid`, reason `witness_quorum`). Other
 * signatures (the log's own, unknown witnesses) are ignored here.
 *
 * @example const cosigs = await verifyCosignatures(note, { witnesses, quorum: 1 });
 */
export async function verifyCosignatures(
  note: string | Uint8Array,
  policy: WitnessPolicy,
): Promise<readonly VerifiedCosignature[]> {
  if (
    !Number.isSafeInteger(policy.quorum) ||
    policy.quorum < 1 ||
    policy.quorum > policy.witnesses.length
  ) {
    throw new CryptoError(
      'input_invalid',
      'the witness quorum must be between 1 and the witness count',
    );
  }
  const parsed = parseNote(note);
  const message = utf8Encode(parsed.text);
  const found: VerifiedCosignature[] = [];
  const seen = new Set<CosignatureVerifier>();
  for (const sig of parsed.signatures) {
    const witness = policy.witnesses.find((w) => w.name === sig.name && w.keyId === sig.keyId);
    if (witness === undefined) continue;
    if (!(await witness.verify(message, sig.signature))) {
      throw new CryptoError('signature_invalid', `invalid cosignature from ${sig.name}`, {
        reason: 'known_signature_invalid',
        name: sig.name,
      });
    }
    if (seen.has(witness)) continue;
    seen.add(witness);
    found.push({
      name: sig.name,
      keyId: sig.keyId,
      timestamp: cosignatureTimestampOf(sig.signature) ?? 0,
    });
  }
  if (found.length < policy.quorum) {
    throw new CryptoError(
      'signature_invalid',
      `${found.length} of the ${policy.quorum} witness cosignatures needed`,
      { reason: 'witness_quorum', found: found.length, quorum: policy.quorum },
    );
  }
  return found;
}

/** Re-exported for callers that build cosignature lines by hand. */
export type { NoteSignature };

function u64be(n: number): Uint8Array {
  const out = new Uint8Array(8);
  let v = n;
  for (let i = 7; i >= 0; i--) {
    out[i] = v % 256;
    v = Math.floor(v / 256);
  }
  return out;
}
