/**
 * Shares (docs/vault-protocol.md §14): a link secret and a passcode, stretched together with
 * Argon2id into an auth key (proves knowledge to the server, which stores only its own hash) and
 * a share key (encrypts the share's manifest and wraps the shared records' content keys).
 *
 *   salt     = BLAKE2b-128( u8(1) ‖ str("mosaic.share-salt") ‖ str(shareId) )
 *   password = u8(1) ‖ str("mosaic.share") ‖ bytes[32] secret ‖ str(normalised passcode)
 *   out      = Argon2id(password, salt, 3 passes, 64 MiB, 1 lane, 64 bytes)
 *   authKey  = out[0..32)   shareKey = out[32..64)
 *
 * The costs are fixed by the protocol version (not served), so a recipient needs no answer from
 * the server before the passcode is typed, and a server cannot offer weaker ones.
 */
import { ByteWriter, isWellFormed, wipe } from './bytes.js';
import { assertId } from './envelope.js';
import { CryptoError } from './errors.js';
import { DEFAULT_KDF, KDF_OUTPUT_BYTES, KDF_SALT_BYTES } from './kdf.js';
import { loadSodium } from './sodium.js';

export const SHARE_PROTOCOL_VERSION = 1;
/** Argon2id costs for every v1 share: the account default (64 MiB, 3 passes). */
export const SHARE_KDF = Object.freeze({
  opsLimit: DEFAULT_KDF.opsLimit,
  memLimitBytes: DEFAULT_KDF.memLimitBytes,
});
export const SHARE_SECRET_BYTES = 32;
/** 24 letters (no I, no O) and 8 digits (no 0, no 1): 32 symbols, nothing to confuse aloud. */
export const PASSCODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
/** 8 symbols of 5 bits: 40 bits, guessed only online (the link secret is needed offline). */
export const PASSCODE_LENGTH = 8;
/** The record type bound into the manifest envelope's associated data (§7). */
export const SHARE_MANIFEST_TYPE = 'share-manifest';

export interface ShareKeys {
  /** Sent once to open a share session; the server keeps only its own Argon2id hash. */
  readonly authKey: Uint8Array;
  /** Opens the manifest and unwraps the shared keys; never leaves the browser. */
  readonly shareKey: Uint8Array;
}

/**
 * A fresh link secret (32 random bytes), carried only in the link's fragment.
 *
 * @example const secret = await generateShareSecret();
 */
export async function generateShareSecret(): Promise<Uint8Array> {
  const sodium = await loadSodium();
  return sodium.randombytes_buf(SHARE_SECRET_BYTES);
}

/**
 * A fresh passcode, 8 symbols, shown as `ABCD-EFGH` (formatPasscode).
 *
 * @example const passcode = await generatePasscode(); // 'K7QM4XWD'
 */
export async function generatePasscode(): Promise<string> {
  const sodium = await loadSodium();
  let out = '';
  for (let i = 0; i < PASSCODE_LENGTH; i++) {
    out += PASSCODE_ALPHABET.charAt(sodium.randombytes_uniform(PASSCODE_ALPHABET.length));
  }
  return out;
}

/**
 * The passcode as derived: NFKC, upper case, spaces and dashes dropped. Throws
 * `passcode_invalid` unless 8 symbols of the alphabet remain.
 *
 * @example normalisePasscode(' abcd-efgh ') // 'ABCDEFGH'
 */
export function normalisePasscode(input: string): string {
  if (typeof input !== 'string' || !isWellFormed(input)) {
    throw new CryptoError('passcode_invalid', 'the passcode must be text');
  }
  const code = input
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\-‐-―]/g, '');
  if (code.length !== PASSCODE_LENGTH || !/^[A-HJ-NP-Z2-9]+$/.test(code)) {
    throw new CryptoError('passcode_invalid', 'the passcode is 8 letters and numbers', {
      length: code.length,
    });
  }
  return code;
}

/**
 * For reading out: two groups of four.
 *
 * @example formatPasscode('abcdefgh') // 'ABCD-EFGH'
 */
export function formatPasscode(passcode: string): string {
  const code = normalisePasscode(passcode);
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/**
 * The Argon2id salt of a share: derived from its id, so no server answer is needed first.
 *
 * @example await shareSalt('AAAAAAAAAAAAAAAAAAAAAA') // 16 bytes
 */
export async function shareSalt(shareId: string): Promise<Uint8Array> {
  assertId(shareId, 'shareId');
  const sodium = await loadSodium();
  const input = new ByteWriter()
    .u8(SHARE_PROTOCOL_VERSION)
    .string('mosaic.share-salt')
    .string(shareId)
    .finish();
  return sodium.crypto_generichash(KDF_SALT_BYTES, input, null);
}

/**
 * Derives a share's auth key and share key from the link secret and the passcode. Both are
 * needed: the passcode is part of the key, not only a check on the server.
 *
 * @example const { authKey, shareKey } = await deriveShareKeys(secret, 'ABCD-EFGH', shareId);
 */
export async function deriveShareKeys(
  secret: Uint8Array,
  passcode: string,
  shareId: string,
): Promise<ShareKeys> {
  if (!(secret instanceof Uint8Array) || secret.length !== SHARE_SECRET_BYTES) {
    throw new CryptoError('share_link_invalid', 'the link secret must be 32 bytes');
  }
  const code = normalisePasscode(passcode);
  const salt = await shareSalt(shareId);
  const sodium = await loadSodium();
  const password = new ByteWriter()
    .u8(SHARE_PROTOCOL_VERSION)
    .string('mosaic.share')
    .raw(secret)
    .string(code)
    .finish();
  let out: Uint8Array;
  try {
    out = sodium.crypto_pwhash(
      KDF_OUTPUT_BYTES,
      password,
      salt,
      SHARE_KDF.opsLimit,
      SHARE_KDF.memLimitBytes,
      sodium.crypto_pwhash_ALG_ARGON2ID13,
    );
  } catch {
    throw new CryptoError('kdf_failed', 'this device could not complete the key derivation');
  } finally {
    wipe(password);
  }
  const keys = { authKey: out.slice(0, 32), shareKey: out.slice(32, 64) };
  wipe(out);
  return keys;
}

/**
 * Slot of a shared record's content key, wrapped by the share key.
 *
 * @example shareRecordKeyContext('S', 'R') // 'share/S/record-key/R'
 */
export function shareRecordKeyContext(shareId: string, recordId: string): string {
  assertId(shareId, 'shareId');
  assertId(recordId, 'recordId');
  return `share/${shareId}/record-key/${recordId}`;
}

/**
 * Slot of the share key wrapped by the owner's account key (so the owner can read the label and
 * re-seal a kept-up-to-date share without the passcode).
 *
 * @example shareKeyContext('S') // 'share-key/S'
 */
export function shareKeyContext(shareId: string): string {
  assertId(shareId, 'shareId');
  return `share-key/${shareId}`;
}
