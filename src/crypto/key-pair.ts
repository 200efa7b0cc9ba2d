/**
 * The account's key pair (docs/vault-protocol.md §15.1): an X25519 key pair (libsodium
 * `crypto_box_keypair`) whose secret key is wrapped by the account key (§6, slot
 * `account-key-pair/secret`) and kept by the server beside the account. Anyone who has the public
 * key can seal bytes to the account (`crypto_box_seal`); only the account's own browser, holding
 * the account key, can open them. The sender cannot read back what it sealed.
 *
 *   sealed v1 = u8(1) ‖ crypto_box_seal( pad256( u8(1) ‖ str("mosaic.sealed") ‖ str(context) ‖ bytes(plaintext) ), publicKey )
 *
 * The context (e.g. `witness-statement/<invitationId>`) is inside the sealed box, so a sealed
 * message moved to another place fails to open (`decryption_failed`). Padding to 256 bytes hides
 * the exact length, as for records (§7).
 *
 * Plain functions, so other features (witness statements, a locked quick record) reuse them.
 */
import { assertBytes, assertKey, ByteReader, ByteWriter, concatBytes } from './bytes.js';
import { unsupportedVersion } from './envelope.js';
import { CryptoError } from './errors.js';
import { unwrapKey, wrapKey } from './keys.js';
import { loadSodium, type Sodium } from './sodium.js';

export const SEALED_VERSION = 1;
export const PUBLIC_KEY_BYTES = 32;
/** The fingerprint carried in links: 16 bytes (128 bits) of BLAKE2b. */
export const PUBLIC_KEY_FINGERPRINT_BYTES = 16;
/** The slot of the account's secret key, wrapped by the account key (§6). */
export const ACCOUNT_SECRET_KEY_SLOT = 'account-key-pair/secret';
const SEALED_LABEL = 'mosaic.sealed';
const FINGERPRINT_LABEL = 'mosaic.public-key';
const PAD_BLOCK = 256;
/** crypto_box_SEALBYTES: the ephemeral public key and the tag. */
const SEAL_OVERHEAD = 48;
/** Sealed messages larger than this are refused before any work (16 MiB). */
export const MAX_SEALED_BYTES = 16 * 1024 * 1024;

export interface AccountKeyPair {
  readonly publicKey: Uint8Array;
  readonly secretKey: Uint8Array;
}

/**
 * A fresh X25519 key pair for an account.
 *
 * @example const { publicKey, secretKey } = await generateAccountKeyPair();
 */
export async function generateAccountKeyPair(): Promise<AccountKeyPair> {
  const sodium = await loadSodium();
  const pair = sodium.crypto_box_keypair();
  return { publicKey: pair.publicKey, secretKey: pair.privateKey };
}

/**
 * The key pair from a 32-byte seed (for tests and frozen vectors only).
 *
 * @example await accountKeyPairFromSeed(new Uint8Array(32));
 */
export async function accountKeyPairFromSeed(seed: Uint8Array): Promise<AccountKeyPair> {
  const sodium = await loadSodium();
  assertKey(seed, 'seed');
  const pair = sodium.crypto_box_seed_keypair(seed);
  return { publicKey: pair.publicKey, secretKey: pair.privateKey };
}

/**
 * The public key that belongs to a secret key (X25519 base-point multiplication).
 *
 * @example bytesEqual(await publicKeyOf(pair.secretKey), pair.publicKey) // true
 */
export async function publicKeyOf(secretKey: Uint8Array): Promise<Uint8Array> {
  const sodium = await loadSodium();
  assertKey(secretKey, 'secret key');
  return sodium.crypto_scalarmult_base(secretKey);
}

/**
 * The secret key wrapped by the account key, to store with the account.
 *
 * @example const wrapped = await wrapAccountSecretKey(accountKey, pair.secretKey);
 */
export function wrapAccountSecretKey(
  accountKey: Uint8Array,
  secretKey: Uint8Array,
): Promise<Uint8Array> {
  return wrapKey(accountKey, secretKey, ACCOUNT_SECRET_KEY_SLOT);
}

/**
 * Unwraps the account's secret key and derives its public key. When the server also served a
 * public key, it must be that one (`public_key_mismatch`): a server that swapped the public key
 * would otherwise have the person hand out a key the server chose.
 *
 * @example const pair = await unwrapAccountKeyPair(accountKey, wrapped, servedPublicKey);
 */
export async function unwrapAccountKeyPair(
  accountKey: Uint8Array,
  wrappedSecretKey: Uint8Array,
  servedPublicKey?: Uint8Array,
): Promise<AccountKeyPair> {
  const secretKey = await unwrapKey(accountKey, wrappedSecretKey, ACCOUNT_SECRET_KEY_SLOT);
  const publicKey = await publicKeyOf(secretKey);
  if (servedPublicKey !== undefined) {
    const sodium = await loadSodium();
    if (servedPublicKey.length !== PUBLIC_KEY_BYTES || !sodium.memcmp(servedPublicKey, publicKey)) {
      throw new CryptoError(
        'public_key_mismatch',
        'the public key the server gave is not the account key pair',
      );
    }
  }
  return { publicKey, secretKey };
}

/**
 * A public key's fingerprint: BLAKE2b-128( u8(1) ‖ str("mosaic.public-key") ‖ publicKey ).
 * Carried in links, so a browser can check a public key the server serves.
 *
 * @example toBase64Url(await publicKeyFingerprint(pair.publicKey)) // 22 characters
 */
export async function publicKeyFingerprint(publicKey: Uint8Array): Promise<Uint8Array> {
  const sodium = await loadSodium();
  assertKey(publicKey, 'public key', PUBLIC_KEY_BYTES);
  const input = new ByteWriter().u8(1).string(FINGERPRINT_LABEL).raw(publicKey).finish();
  return sodium.crypto_generichash(PUBLIC_KEY_FINGERPRINT_BYTES, input, null);
}

/**
 * Whether `publicKey` has the fingerprint `expected` (constant time). False for any wrong length.
 *
 * @example await publicKeyMatches(servedKey, fingerprintFromLink)
 */
export async function publicKeyMatches(
  publicKey: Uint8Array,
  expected: Uint8Array,
): Promise<boolean> {
  if (publicKey.length !== PUBLIC_KEY_BYTES || expected.length !== PUBLIC_KEY_FINGERPRINT_BYTES) {
    return false;
  }
  const sodium = await loadSodium();
  return sodium.memcmp(await publicKeyFingerprint(publicKey), expected);
}

function assertSealContext(context: unknown): asserts context is string {
  if (typeof context !== 'string' || context.length === 0 || context.length > 1024) {
    throw new CryptoError('input_invalid', 'context must be 1-1024 characters');
  }
}

/**
 * Seals `plaintext` to an account's public key: only that account's secret key opens it, and not
 * the sender. `context` names where it belongs and must be given again to open it.
 *
 * @example const sealed = await sealToPublicKey(publicKey, bytes, 'witness-statement/ID');
 */
export async function sealToPublicKey(
  publicKey: Uint8Array,
  plaintext: Uint8Array,
  context: string,
): Promise<Uint8Array> {
  const sodium = await loadSodium();
  assertKey(publicKey, 'public key', PUBLIC_KEY_BYTES);
  assertBytes(plaintext, 'plaintext');
  assertSealContext(context);
  const inner = new ByteWriter()
    .u8(SEALED_VERSION)
    .string(SEALED_LABEL)
    .string(context)
    .bytes(plaintext)
    .finish();
  const padded = sodium.pad(inner, PAD_BLOCK);
  return concatBytes(Uint8Array.of(SEALED_VERSION), sodium.crypto_box_seal(padded, publicKey));
}

/**
 * Opens a sealed message with the account's key pair, checking it was sealed for `context`.
 * Throws `decryption_failed` for another key, altered bytes or another context.
 *
 * @example const bytes = await openSealed(pair, sealed, 'witness-statement/ID');
 */
export async function openSealed(
  keyPair: AccountKeyPair,
  sealed: Uint8Array,
  context: string,
): Promise<Uint8Array> {
  const sodium = await loadSodium();
  assertKey(keyPair.publicKey, 'public key', PUBLIC_KEY_BYTES);
  assertKey(keyPair.secretKey, 'secret key');
  assertBytes(sealed, 'sealed message');
  assertSealContext(context);
  const box = sealedBox(sealed);
  let padded: Uint8Array;
  try {
    padded = sodium.crypto_box_seal_open(box, keyPair.publicKey, keyPair.secretKey);
  } catch {
    throw new CryptoError('decryption_failed', 'the sealed message does not open with this key');
  }
  return unpadSealed(sodium, padded, context);
}

/** The sealed box of a version-1 sealed message, after its size checks. */
function sealedBox(sealed: Uint8Array): Uint8Array {
  assertBytes(sealed, 'sealed message');
  if (sealed.length === 0) throw new CryptoError('envelope_malformed', 'sealed message is empty');
  const version = sealed[0] ?? 0;
  if (version !== SEALED_VERSION) throw unsupportedVersion(version);
  const box = sealed.subarray(1);
  if (
    sealed.length > MAX_SEALED_BYTES ||
    box.length < SEAL_OVERHEAD + PAD_BLOCK ||
    (box.length - SEAL_OVERHEAD) % PAD_BLOCK !== 0
  ) {
    throw new CryptoError('envelope_malformed', 'not a sealed message of this version');
  }
  return box;
}

function unpadSealed(sodium: Sodium, padded: Uint8Array, context: string): Uint8Array {
  try {
    const reader = new ByteReader(sodium.unpad(padded, PAD_BLOCK));
    const innerVersion = reader.u8();
    const label = reader.string(64);
    const boundTo = reader.string(4096);
    const plaintext = reader.bytes(MAX_SEALED_BYTES);
    reader.end();
    if (innerVersion !== SEALED_VERSION || label !== SEALED_LABEL || boundTo !== context) {
      throw new Error('bound elsewhere');
    }
    return plaintext;
  } catch {
    throw new CryptoError('decryption_failed', 'the sealed message belongs somewhere else');
  }
}

/** crypto_box_seal's nonce: BLAKE2b-192(ephemeral public key ‖ recipient public key). */
function sealNonce(sodium: Sodium, ephemeral: Uint8Array, publicKey: Uint8Array): Uint8Array {
  return sodium.crypto_generichash(
    sodium.crypto_box_NONCEBYTES,
    concatBytes(ephemeral, publicKey),
    null,
  );
}

/**
 * The **opening key** of one sealed message (§15.7): crypto_box_beforenm(ephemeral public key,
 * secret key), the key its box was sealed under. Handing it out (in a report bundle) lets anyone
 * open that one message and nothing else: every message has its own ephemeral key, and the
 * account's secret key cannot be worked out from it. Checks that the message opens first.
 *
 * @example const openingKey = await sealedOpeningKey(pair, sealed, 'witness-statement/ID');
 */
export async function sealedOpeningKey(
  keyPair: AccountKeyPair,
  sealed: Uint8Array,
  context: string,
): Promise<Uint8Array> {
  await openSealed(keyPair, sealed, context);
  const sodium = await loadSodium();
  const box = sealedBox(sealed);
  return sodium.crypto_box_beforenm(box.subarray(0, PUBLIC_KEY_BYTES), keyPair.secretKey);
}

/**
 * Opens one sealed message with its opening key (`sealedOpeningKey`) and the public key it was
 * sealed to, checking the context as `openSealed` does: what an offline verifier uses.
 * Throws `decryption_failed` for another key, message or context.
 *
 * @example const bytes = await openSealedWithOpeningKey(publicKey, sealed, openingKey, context);
 */
export async function openSealedWithOpeningKey(
  publicKey: Uint8Array,
  sealed: Uint8Array,
  openingKey: Uint8Array,
  context: string,
): Promise<Uint8Array> {
  const sodium = await loadSodium();
  assertKey(publicKey, 'public key', PUBLIC_KEY_BYTES);
  assertKey(openingKey, 'opening key');
  assertSealContext(context);
  const box = sealedBox(sealed);
  const ephemeral = box.subarray(0, PUBLIC_KEY_BYTES);
  let padded: Uint8Array;
  try {
    padded = sodium.crypto_box_open_easy_afternm(
      box.subarray(PUBLIC_KEY_BYTES),
      sealNonce(sodium, ephemeral, publicKey),
      openingKey,
    );
  } catch {
    throw new CryptoError('decryption_failed', 'the sealed message does not open with this key');
  }
  return unpadSealed(sodium, padded, context);
}
