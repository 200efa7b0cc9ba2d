/**
 * The one AEAD Mosaic uses: XChaCha20-Poly1305 (IETF construction, libsodium). Its 192-bit nonce
 * can be drawn at random for every message without a realistic collision risk, so no counter
 * state has to survive across devices. Every libsodium failure becomes a CryptoError, so callers
 * never see libsodium's own messages (which differ between builds).
 */
import { CryptoError } from './errors.js';
import type { Sodium } from './sodium.js';

export const KEY_BYTES = 32;
export const NONCE_BYTES = 24;
export const TAG_BYTES = 16;

/** ciphertext ‖ tag. */
export function aeadEncrypt(
  sodium: Sodium,
  key: Uint8Array,
  nonce: Uint8Array,
  plaintext: Uint8Array,
  associatedData: Uint8Array,
): Uint8Array {
  return sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(
    plaintext,
    associatedData,
    null,
    nonce,
    key,
  );
}

/** Plaintext, or `decryption_failed` if the tag does not verify for this key, nonce and AD. */
export function aeadDecrypt(
  sodium: Sodium,
  key: Uint8Array,
  nonce: Uint8Array,
  ciphertext: Uint8Array,
  associatedData: Uint8Array,
): Uint8Array {
  if (ciphertext.length < TAG_BYTES)
    throw new CryptoError('envelope_malformed', 'ciphertext too short');
  try {
    return sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(
      null,
      ciphertext,
      associatedData,
      nonce,
      key,
    );
  } catch {
    throw new CryptoError(
      'decryption_failed',
      'the data could not be decrypted: wrong key, wrong context, or it was altered',
    );
  }
}
