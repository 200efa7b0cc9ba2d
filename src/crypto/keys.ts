/**
 * The key hierarchy's keys and how they are wrapped (encrypted under another key).
 *
 *   wrapped key v1 = 0x01 ‖ nonce (24) ‖ XChaCha20-Poly1305(key, 32 bytes) ‖ tag (16)   — 73 bytes
 *
 * The associated data names the slot the wrapped key belongs to ('account-key/kek',
 * 'account-key/recovery', 'record-key/<recordId>', …). The server stores wrapped keys next to
 * each other; binding the slot means it cannot hand back one record's key as another's, or the
 * recovery-wrapped copy where the passphrase-wrapped copy belongs: unwrapping fails.
 */
import { aeadDecrypt, aeadEncrypt, KEY_BYTES, NONCE_BYTES, TAG_BYTES } from './aead.js';
import { assertKey, ByteWriter, concatBytes, utf8Encode } from './bytes.js';
import { assertId, unsupportedVersion } from './envelope.js';
import { CryptoError } from './errors.js';
import { loadSodium } from './sodium.js';

export const WRAPPED_KEY_VERSION = 1;
/** 1 + 24 + 32 + 16. */
export const WRAPPED_KEY_BYTES = 1 + NONCE_BYTES + KEY_BYTES + TAG_BYTES;
/** Contexts are 1–1024 UTF-8 bytes. */
export const MAX_CONTEXT_BYTES = 1024;

const WRAPPED_KEY_AD_LABEL = 'mosaic.wrapped-key';

/** Fixed slot names for the account key's two wrapped copies. */
export const KEY_CONTEXTS = Object.freeze({
  /** The account key wrapped by the passphrase-derived key-encryption key. */
  accountKeyByKek: 'account-key/kek',
  /** The account key wrapped by the recovery key's wrapping key. */
  accountKeyByRecovery: 'account-key/recovery',
});

/**
 * The slot name for a record's content key (wrapped by the account key).
 *
 * @example recordKeyContext('0190c3e2-…') // 'record-key/0190c3e2-…'
 */
export function recordKeyContext(recordId: string): string {
  assertId(recordId, 'recordId');
  return `record-key/${recordId}`;
}

/**
 * The slot name for an evidence file's content key (wrapped by the account key).
 *
 * @example fileKeyContext('f-42') // 'file-key/f-42'
 */
export function fileKeyContext(fileId: string): string {
  assertId(fileId, 'fileId');
  return `file-key/${fileId}`;
}

/**
 * A fresh random 32-byte key: the account key, a record key or a file key.
 *
 * @example const accountKey = await generateKey();
 */
export async function generateKey(): Promise<Uint8Array> {
  const sodium = await loadSodium();
  return sodium.randombytes_buf(KEY_BYTES);
}

/**
 * The canonical associated data for a wrapped key: u8 version ‖ str "mosaic.wrapped-key" ‖ str context.
 *
 * @example wrappedKeyAssociatedData(1, 'account-key/kek');
 */
export function wrappedKeyAssociatedData(version: number, context: string): Uint8Array {
  assertContext(context);
  return new ByteWriter().u8(version).string(WRAPPED_KEY_AD_LABEL).string(context).finish();
}

/**
 * Encrypts `keyToWrap` under `wrappingKey`, bound to `context`.
 *
 * @example
 * const wrapped = await wrapKey(keyEncryptionKey, accountKey, KEY_CONTEXTS.accountKeyByKek);
 */
export async function wrapKey(
  wrappingKey: Uint8Array,
  keyToWrap: Uint8Array,
  context: string,
): Promise<Uint8Array> {
  const sodium = await loadSodium();
  assertKey(wrappingKey, 'wrapping key');
  assertKey(keyToWrap, 'key to wrap');
  const ad = wrappedKeyAssociatedData(WRAPPED_KEY_VERSION, context);
  const nonce = sodium.randombytes_buf(NONCE_BYTES);
  return concatBytes(
    Uint8Array.of(WRAPPED_KEY_VERSION),
    nonce,
    aeadEncrypt(sodium, wrappingKey, nonce, keyToWrap, ad),
  );
}

/**
 * Decrypts a wrapped key, checking it was wrapped for `context`. Throws `decryption_failed` for a
 * wrong wrapping key (e.g. a wrong passphrase) or a key from another slot.
 *
 * @example
 * const accountKey = await unwrapKey(keyEncryptionKey, wrapped, KEY_CONTEXTS.accountKeyByKek);
 */
export async function unwrapKey(
  wrappingKey: Uint8Array,
  wrapped: Uint8Array,
  context: string,
): Promise<Uint8Array> {
  const sodium = await loadSodium();
  assertKey(wrappingKey, 'wrapping key');
  if (!(wrapped instanceof Uint8Array) || wrapped.length === 0) {
    throw new CryptoError('envelope_malformed', 'wrapped key is empty');
  }
  const version = wrapped[0] ?? 0;
  switch (version) {
    case 1: {
      if (wrapped.length !== WRAPPED_KEY_BYTES) {
        throw new CryptoError(
          'envelope_malformed',
          `a v1 wrapped key is ${WRAPPED_KEY_BYTES} bytes`,
        );
      }
      const nonce = wrapped.subarray(1, 1 + NONCE_BYTES);
      const ad = wrappedKeyAssociatedData(1, context);
      return aeadDecrypt(sodium, wrappingKey, nonce, wrapped.subarray(1 + NONCE_BYTES), ad);
    }
    default:
      throw unsupportedVersion(version);
  }
}

function assertContext(context: unknown): asserts context is string {
  if (typeof context !== 'string')
    throw new CryptoError('input_invalid', 'context must be a string');
  const length = utf8Encode(context).length;
  if (length === 0 || length > MAX_CONTEXT_BYTES) {
    throw new CryptoError('input_invalid', `context must be 1-${MAX_CONTEXT_BYTES} UTF-8 bytes`);
  }
}
