/**
 * Every failure in the vault protocol is a `CryptoError` with a stable `code`, so the UI can show a
 * clear message ("this entry was changed on the server", "that recovery word is not in the list")
 * without parsing English text, and so tests can assert the reason, not just "it threw".
 */

/**
 * Stable error codes. Add new codes; never rename or reuse one (the UI and logs key on them).
 */
export type CryptoErrorCode =
  /** libsodium is not loaded: `cryptoReady()` was not awaited first, or it failed to load. */
  | 'not_ready'
  /** An argument has the wrong type, length or range (a programming error, not an attack). */
  | 'input_invalid'
  /** A key is not a 32-byte Uint8Array (or 64-byte for an Ed25519 secret key). */
  | 'key_invalid'
  /** The passphrase is empty or not a well-formed Unicode string. */
  | 'passphrase_invalid'
  /** KDF parameters are below Mosaic's minimum or name an unknown algorithm: refused. */
  | 'kdf_params_too_weak'
  /** KDF parameters are malformed (salt length, non-integers, absurdly large costs). */
  | 'kdf_params_invalid'
  /** Argon2id could not run with valid parameters (in practice: the device ran out of memory). */
  | 'kdf_failed'
  /** The first byte names a format version this code does not know. */
  | 'envelope_version_unsupported'
  /** The bytes cannot be a valid envelope, wrapped key, file or checkpoint (length, layout). */
  | 'envelope_malformed'
  /** Authentication failed: wrong key, wrong record/slot/file binding, or altered bytes. */
  | 'decryption_failed'
  /** A sealed JSON value could not be serialised or parsed. */
  | 'json_invalid'
  /** A file chunk is authentic but sits at the wrong position (reordered or duplicated). */
  | 'chunk_out_of_order'
  /** The encrypted file ends before its final chunk. */
  | 'file_truncated'
  /** Bytes follow the final chunk of an encrypted file. */
  | 'file_trailing_data'
  /** A recovery phrase does not have 24 words. */
  | 'recovery_key_word_count'
  /** A recovery phrase contains a word that is not in the BIP-39 English list. */
  | 'recovery_key_unknown_word'
  /** Every word is valid but the checksum fails (a word is wrong or words are swapped). */
  | 'recovery_key_checksum'
  /** A Merkle inclusion or consistency proof does not verify. */
  | 'proof_invalid'
  /** An Ed25519 signature does not verify. */
  | 'signature_invalid'
  /** A share passcode is not 8 characters from the passcode alphabet (docs/vault-protocol.md §14). */
  | 'passcode_invalid'
  /** A share link is not a Mosaic share link (wrong shape, version, id or secret). */
  | 'share_link_invalid'
  /** A public key served by the server is not the one expected (docs/vault-protocol.md §15). */
  | 'public_key_mismatch'
  /** A witness link is not a Mosaic witness link (wrong shape, version, id, secret or fingerprint). */
  | 'witness_link_invalid';

/** Extra facts for the UI, e.g. `{ position: 5 }` for an unknown recovery word. */
export type CryptoErrorDetails = Readonly<Record<string, string | number>>;

/**
 * The one error type thrown by `src/crypto`.
 *
 * @example
 * try {
 *   await decryptRecord({ key, recordId, recordType, revision, envelope });
 * } catch (e) {
 *   if (e instanceof CryptoError && e.code === 'decryption_failed') showTamperWarning();
 * }
 */
export class CryptoError extends Error {
  override readonly name = 'CryptoError';
  readonly code: CryptoErrorCode;
  readonly details: CryptoErrorDetails | undefined;

  constructor(code: CryptoErrorCode, message: string, details?: CryptoErrorDetails) {
    super(message);
    this.code = code;
    this.details = details;
  }
}

/**
 * True when `e` is a CryptoError, optionally with the given code.
 *
 * @example if (isCryptoError(e, 'file_truncated')) showIncompleteUploadMessage();
 */
export function isCryptoError(e: unknown, code?: CryptoErrorCode): e is CryptoError {
  return e instanceof CryptoError && (code === undefined || e.code === code);
}
