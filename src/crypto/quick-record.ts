/**
 * The locked quick record (docs/vault-protocol.md §16.3): what the installed app seals on the
 * device, without unlocking, to the account's public key (§15.1).
 *
 *   quick record v1 = str(JSON) ‖ bytes(photo or empty)
 *   sealed          = sealToPublicKey(publicKey, quick record v1, "quick-record/<id>")
 *
 * The device keeps only `sealed`: crypto_box_seal keeps no sender key, so the device itself can
 * never read it back. The JSON's shape is checked by the vault after opening (src/vault).
 */
import { ByteReader, ByteWriter, toBase64Url } from './bytes.js';
import { CryptoError } from './errors.js';
import { openSealed, sealToPublicKey, type AccountKeyPair } from './key-pair.js';
import { loadSodium } from './sodium.js';

/** The JSON part is at most this many bytes (the text is at most 20,000 characters). */
const MAX_JSON_BYTES = 128 * 1024;
/** The photo part (the whole sealed item is limited to 4 MiB by the server). */
export const MAX_QUICK_PHOTO_BYTES = 4 * 1024 * 1024 - MAX_JSON_BYTES;

/** The sealing context of a quick record: its place, inside the sealed box. */
export function quickRecordContext(id: string): string {
  return `quick-record/${id}`;
}

/**
 * A fresh quick-record id (16 random bytes, base64url): its idempotency key for ever.
 *
 * @example const id = await newQuickRecordId(); // 22 characters
 */
export async function newQuickRecordId(): Promise<string> {
  const sodium = await loadSodium();
  return toBase64Url(sodium.randombytes_buf(16));
}

/** A random 32-byte drop token for a device, as base64url (§16.2). */
export async function newDropToken(): Promise<string> {
  const sodium = await loadSodium();
  return toBase64Url(sodium.randombytes_buf(32));
}

export interface QuickRecordParts {
  /** UTF-8 JSON (shape checked after opening). */
  readonly json: string;
  /** The photo's bytes, or empty. */
  readonly photo: Uint8Array;
}

/**
 * Seals a quick record to the account's public key.
 *
 * @example const sealed = await sealQuickRecord(publicKey, id, { json, photo });
 */
export function sealQuickRecord(
  publicKey: Uint8Array,
  id: string,
  parts: QuickRecordParts,
): Promise<Uint8Array> {
  if (parts.photo.length > MAX_QUICK_PHOTO_BYTES) {
    throw new CryptoError('input_invalid', 'the photo is too large to seal');
  }
  const plaintext = new ByteWriter().string(parts.json).bytes(parts.photo).finish();
  return sealToPublicKey(publicKey, plaintext, quickRecordContext(id));
}

/**
 * Opens a quick record sealed for `id` with the account's key pair. `decryption_failed` for
 * another key, another id or altered bytes; `envelope_malformed` for bytes that open but are
 * not framed as a quick record.
 *
 * @example const { json, photo } = await openQuickRecord(pair, sealed, id);
 */
export async function openQuickRecord(
  keyPair: AccountKeyPair,
  sealed: Uint8Array,
  id: string,
): Promise<QuickRecordParts> {
  const plaintext = await openSealed(keyPair, sealed, quickRecordContext(id));
  try {
    const reader = new ByteReader(plaintext);
    const json = reader.string(MAX_JSON_BYTES);
    const photo = reader.bytes(MAX_QUICK_PHOTO_BYTES);
    reader.end();
    return { json, photo };
  } catch {
    throw new CryptoError('envelope_malformed', 'not a quick record');
  }
}
