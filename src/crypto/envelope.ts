/**
 * Record envelopes: how one revision of one record (incident, person, evidence metadata, safety
 * plan…) is encrypted under its record key.
 *
 *   envelope v1 = 0x01 ‖ nonce (24 random bytes) ‖ XChaCha20-Poly1305(padded plaintext) ‖ tag (16)
 *
 * The associated data binds the envelope to the version, record id, record type and revision, so
 * the server cannot move a ciphertext to another record, present an old revision as the current
 * one, or relabel it with another format version: any of those makes authentication fail.
 *
 * The plaintext is padded (ISO/IEC 7816-4, 256-byte blocks) before encryption so the stored size
 * reveals only a length bucket, not the exact length of a diary entry or a name.
 */
import { aeadDecrypt, aeadEncrypt, NONCE_BYTES, TAG_BYTES } from './aead.js';
import {
  assertBytes,
  assertKey,
  assertSafeUint,
  ByteWriter,
  concatBytes,
  utf8Decode,
  utf8Encode,
} from './bytes.js';
import { CryptoError } from './errors.js';
import { loadSodium, type Sodium } from './sodium.js';

/** The newest envelope version; every new write uses it. */
export const ENVELOPE_VERSION = 1;
/** Versions this code can decrypt. v1 stays here forever. */
export const SUPPORTED_ENVELOPE_VERSIONS: readonly number[] = [1];
/** Plaintext is padded to a multiple of this many bytes. */
export const ENVELOPE_PADDING_BLOCK = 256;
/** version ‖ nonce ‖ tag: the smallest possible v1 envelope (before padding). */
export const ENVELOPE_OVERHEAD = 1 + NONCE_BYTES + TAG_BYTES;
/** Record ids and types are opaque strings of 1–255 UTF-8 bytes. */
export const MAX_ID_BYTES = 255;

const RECORD_AD_LABEL = 'mosaic.record';

export interface RecordBinding {
  /** The record's id (opaque to crypto; e.g. a UUID). */
  readonly recordId: string;
  /** The record's type, e.g. 'incident', 'person', 'evidence', 'safety-plan'. */
  readonly recordType: string;
  /** Revision number, 0 … 2^53 − 1; each saved edit gets a new one. */
  readonly revision: number;
}

export interface EncryptRecordInput extends RecordBinding {
  /** The record's own 32-byte content key. */
  readonly key: Uint8Array;
  readonly plaintext: Uint8Array;
}

export interface DecryptRecordInput extends RecordBinding {
  readonly key: Uint8Array;
  /** The bytes the server returned. */
  readonly envelope: Uint8Array;
}

/**
 * The canonical associated data for a record envelope:
 * u8 version ‖ str "mosaic.record" ‖ str recordId ‖ str recordType ‖ u64 revision,
 * where str = u32 big-endian byte length ‖ UTF-8 bytes.
 *
 * @example
 * recordAssociatedData(1, { recordId: 'r1', recordType: 'incident', revision: 2 });
 */
export function recordAssociatedData(version: number, binding: RecordBinding): Uint8Array {
  assertId(binding.recordId, 'recordId');
  assertId(binding.recordType, 'recordType');
  assertSafeUint(binding.revision, 'revision');
  return new ByteWriter()
    .u8(version)
    .string(RECORD_AD_LABEL)
    .string(binding.recordId)
    .string(binding.recordType)
    .u64(binding.revision)
    .finish();
}

/**
 * Encrypts one revision of a record.
 *
 * @example
 * const envelope = await encryptRecord({
 *   key: recordKey, recordId: 'c0ffee…', recordType: 'incident', revision: 1,
 *   plaintext: new TextEncoder().encode('He was outside the house at 7pm.'),
 * });
 */
export async function encryptRecord(input: EncryptRecordInput): Promise<Uint8Array> {
  const sodium = await loadSodium();
  return sealRecord(sodium, input, sodium.randombytes_buf(NONCE_BYTES));
}

/**
 * Encrypts with a caller-chosen nonce. For frozen test vectors only: reusing a nonce with the same
 * key destroys confidentiality. Not exported from the package index.
 *
 * @internal
 */
export async function encryptRecordWithNonce(
  input: EncryptRecordInput,
  nonce: Uint8Array,
): Promise<Uint8Array> {
  const sodium = await loadSodium();
  if (!(nonce instanceof Uint8Array) || nonce.length !== NONCE_BYTES) {
    throw new CryptoError('input_invalid', `nonce must be ${NONCE_BYTES} bytes`);
  }
  return sealRecord(sodium, input, nonce);
}

function sealRecord(sodium: Sodium, input: EncryptRecordInput, nonce: Uint8Array): Uint8Array {
  assertKey(input.key, 'record key');
  assertBytes(input.plaintext, 'plaintext');
  const ad = recordAssociatedData(ENVELOPE_VERSION, input);
  const padded = sodium.pad(input.plaintext, ENVELOPE_PADDING_BLOCK);
  const ciphertext = aeadEncrypt(sodium, input.key, nonce, padded, ad);
  return concatBytes(Uint8Array.of(ENVELOPE_VERSION), nonce, ciphertext);
}

/**
 * Decrypts a record envelope, checking that it belongs to the expected record, type and revision.
 * Throws `envelope_version_unsupported`, `envelope_malformed` or `decryption_failed` (the last
 * covers a wrong key, a swapped record, a replayed revision and any altered byte alike — AEAD
 * cannot tell them apart, and the UI treats them the same: "this entry cannot be trusted").
 *
 * @example
 * const plaintext = await decryptRecord({ key, recordId, recordType: 'incident', revision: 3, envelope });
 */
export async function decryptRecord(input: DecryptRecordInput): Promise<Uint8Array> {
  const sodium = await loadSodium();
  assertKey(input.key, 'record key');
  assertBytes(input.envelope, 'envelope');
  const { envelope } = input;
  const version = envelope[0];
  if (version === undefined) throw new CryptoError('envelope_malformed', 'empty envelope');
  switch (version) {
    case 1: {
      if (envelope.length < ENVELOPE_OVERHEAD)
        throw new CryptoError('envelope_malformed', 'envelope too short');
      const nonce = envelope.subarray(1, 1 + NONCE_BYTES);
      const ciphertext = envelope.subarray(1 + NONCE_BYTES);
      const padded = aeadDecrypt(
        sodium,
        input.key,
        nonce,
        ciphertext,
        recordAssociatedData(1, input),
      );
      return unpad(sodium, padded);
    }
    default:
      throw unsupportedVersion(version);
  }
}

function unpad(sodium: Sodium, padded: Uint8Array): Uint8Array {
  if (padded.length === 0 || padded.length % ENVELOPE_PADDING_BLOCK !== 0) {
    throw new CryptoError('envelope_malformed', 'bad padding');
  }
  try {
    return sodium.unpad(padded, ENVELOPE_PADDING_BLOCK);
  } catch {
    throw new CryptoError('envelope_malformed', 'bad padding');
  }
}

export interface SealJsonInput extends RecordBinding {
  readonly key: Uint8Array;
  /** Any JSON-serialisable value (validate it with the domain schema when opening). */
  readonly value: unknown;
}

/**
 * JSON convenience over encryptRecord: `JSON.stringify` → UTF-8 → envelope.
 *
 * @example
 * const envelope = await sealJson({ key, recordId, recordType: 'incident', revision: 1, value: incident });
 */
export async function sealJson(input: SealJsonInput): Promise<Uint8Array> {
  let text: string | undefined;
  try {
    text = JSON.stringify(input.value);
  } catch {
    throw new CryptoError('json_invalid', 'the value cannot be serialised as JSON');
  }
  if (typeof text !== 'string')
    throw new CryptoError('json_invalid', 'the value cannot be serialised as JSON');
  return encryptRecord({ ...input, plaintext: utf8Encode(text) });
}

/**
 * Opens what sealJson sealed. Returns `unknown`: parse it with the record type's schema.
 *
 * @example
 * const incident = IncidentSchema.parse(await openJson({ key, recordId, recordType: 'incident', revision, envelope }));
 */
export async function openJson(input: DecryptRecordInput): Promise<unknown> {
  const text = utf8Decode(await decryptRecord(input));
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new CryptoError('json_invalid', 'the decrypted record is not valid JSON');
  }
}

/** Throws `input_invalid` unless `value` is a well-formed string of 1–255 UTF-8 bytes. */
export function assertId(value: unknown, what: string): asserts value is string {
  if (typeof value !== 'string') throw new CryptoError('input_invalid', `${what} must be a string`);
  const length = utf8Encode(value).length;
  if (length === 0 || length > MAX_ID_BYTES) {
    throw new CryptoError('input_invalid', `${what} must be 1-${MAX_ID_BYTES} UTF-8 bytes`);
  }
}

/** The error for an unknown leading version byte. */
export function unsupportedVersion(version: number): CryptoError {
  return new CryptoError(
    'envelope_version_unsupported',
    `format version ${version} is not supported by this app`,
    {
      version,
    },
  );
}
