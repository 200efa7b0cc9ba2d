/**
 * Passphrase → keys. Argon2id (libsodium `crypto_pwhash`, version 0x13, one lane) stretches the
 * passphrase into 64 bytes: the first 32 are the auth key (sent at login; the server stores only
 * its own hash of it), the last 32 are the key-encryption key (never leaves the browser). The two
 * halves are independent outputs of one hash, so knowing the auth key tells nothing about the KEK.
 *
 * The server stores and hands back the KDF parameters, so a malicious server could offer cheap
 * ones to make an offline guess of the passphrase fast. The client therefore refuses anything
 * below MIN_KDF before deriving — there is no bypass, in tests or elsewhere.
 */
import { assertBytes, fromBase64Url, isWellFormed, toBase64Url, wipe } from './bytes.js';
import { CryptoError } from './errors.js';
import { loadSodium } from './sodium.js';

/** The only algorithm protocol v1 knows: Argon2id, version 0x13 (= 19). */
export type KdfAlgorithm = 'argon2id13';

export interface KdfParams {
  readonly algorithm: KdfAlgorithm;
  /** Argon2 passes (t). */
  readonly opsLimit: number;
  /** Argon2 memory in bytes (m × 1024); a whole number of KiB. */
  readonly memLimitBytes: number;
  /** 16 random bytes, unique per account and per passphrase change. */
  readonly salt: Uint8Array;
}

/** The JSON form the server stores and returns (salt as unpadded base64url). */
export interface KdfParamsJson {
  readonly algorithm: KdfAlgorithm;
  readonly opsLimit: number;
  readonly memLimitBytes: number;
  readonly salt: string;
}

export interface DerivedKeys {
  /** Sent to the server at login; the server stores only its own Argon2id hash of it. */
  readonly authKey: Uint8Array;
  /** Wraps the account key; never leaves the browser. */
  readonly keyEncryptionKey: Uint8Array;
}

const MIB = 1024 * 1024;
export const KDF_SALT_BYTES = 16;
export const KDF_OUTPUT_BYTES = 64;

/**
 * The weakest parameters the client accepts: 64 MiB and 3 passes (RFC 9106 §4, second recommended
 * option, at one lane since libsodium is single-threaded in the browser). Below this an attacker
 * with the database guesses passphrases too cheaply.
 */
export const MIN_KDF = Object.freeze({ opsLimit: 3, memLimitBytes: 64 * MIB });

/**
 * New accounts use the minimum: 64 MiB × 3 passes takes ~0.2 s in Node on the 2-core reference
 * machine; a phone browser (WebAssembly, one thread) is expected to be several times slower —
 * still inside the 1.5 s unlock budget in DESIGN.md (to be confirmed on real devices by a bench).
 * 256 MiB (libsodium's MODERATE) would blow that budget and risks out-of-memory tab crashes on
 * low-end phones — the devices many victims rely on.
 * Raise it here (never lower MIN_KDF) when the fleet of devices allows; old accounts keep
 * working because their parameters are stored with them.
 */
export const DEFAULT_KDF = Object.freeze({ opsLimit: 3, memLimitBytes: 64 * MIB });

/**
 * Upper bounds, so a malicious server cannot freeze or crash the tab by asking for 4 GiB or
 * a million passes. Generous: 16× the default memory, 10× the passes.
 */
export const MAX_KDF = Object.freeze({ opsLimit: 30, memLimitBytes: 1024 * MIB });

/**
 * Fresh parameters for a new account or passphrase change: DEFAULT_KDF with a random salt.
 *
 * @example
 * const params = await newKdfParams();
 * const { authKey, keyEncryptionKey } = await deriveKeys(passphrase, params);
 */
export async function newKdfParams(): Promise<KdfParams> {
  const sodium = await loadSodium();
  return {
    algorithm: 'argon2id13',
    opsLimit: DEFAULT_KDF.opsLimit,
    memLimitBytes: DEFAULT_KDF.memLimitBytes,
    salt: sodium.randombytes_buf(KDF_SALT_BYTES),
  };
}

/**
 * Throws unless the parameters are well-formed and at least MIN_KDF: `kdf_params_too_weak` for an
 * unknown algorithm or costs below the minimum, `kdf_params_invalid` for malformed values.
 *
 * @example assertKdfParams(paramsFromServer); // throws CryptoError('kdf_params_too_weak')
 */
export function assertKdfParams(params: KdfParams): void {
  if ((params.algorithm as string) !== 'argon2id13') {
    throw new CryptoError('kdf_params_too_weak', 'unknown key derivation algorithm', {
      algorithm: params.algorithm,
    });
  }
  const { opsLimit, memLimitBytes } = params;
  if (!Number.isSafeInteger(opsLimit) || !Number.isSafeInteger(memLimitBytes)) {
    throw new CryptoError('kdf_params_invalid', 'KDF costs must be integers');
  }
  if (opsLimit < MIN_KDF.opsLimit || memLimitBytes < MIN_KDF.memLimitBytes) {
    throw new CryptoError(
      'kdf_params_too_weak',
      'key derivation parameters are below the minimum',
      {
        opsLimit,
        memLimitBytes,
      },
    );
  }
  if (opsLimit > MAX_KDF.opsLimit || memLimitBytes > MAX_KDF.memLimitBytes) {
    throw new CryptoError(
      'kdf_params_invalid',
      'key derivation parameters are unreasonably large',
      {
        opsLimit,
        memLimitBytes,
      },
    );
  }
  // Argon2 counts memory in KiB; libsodium would silently round down, so two different stored
  // values would derive the same keys. Require whole KiB to keep the stored form canonical.
  if (memLimitBytes % 1024 !== 0) {
    throw new CryptoError('kdf_params_invalid', 'memLimitBytes must be a whole number of KiB');
  }
  if (!(params.salt instanceof Uint8Array) || params.salt.length !== KDF_SALT_BYTES) {
    throw new CryptoError('kdf_params_invalid', `salt must be ${KDF_SALT_BYTES} bytes`);
  }
}

/**
 * Derives the auth key and key-encryption key from a passphrase. The passphrase is NFKC-normalised
 * first, so the same words typed on a phone and a laptop (composed or decomposed accents, full-
 * width digits) give the same keys. Refuses weak or malformed parameters before doing any work.
 *
 * @example
 * const { authKey, keyEncryptionKey } = await deriveKeys('correct horse battery staple', params);
 */
export async function deriveKeys(passphrase: string, params: KdfParams): Promise<DerivedKeys> {
  assertKdfParams(params);
  if (typeof passphrase !== 'string' || passphrase.length === 0 || !isWellFormed(passphrase)) {
    throw new CryptoError('passphrase_invalid', 'the passphrase must be a non-empty string');
  }
  const sodium = await loadSodium();
  const password = new TextEncoder().encode(passphrase.normalize('NFKC'));
  let out: Uint8Array;
  try {
    out = sodium.crypto_pwhash(
      KDF_OUTPUT_BYTES,
      password,
      params.salt,
      params.opsLimit,
      params.memLimitBytes,
      sodium.crypto_pwhash_ALG_ARGON2ID13,
    );
  } catch {
    // In practice: the browser could not give WebAssembly enough memory.
    throw new CryptoError('kdf_failed', 'this device could not complete the key derivation');
  } finally {
    wipe(password);
  }
  const keys = { authKey: out.slice(0, 32), keyEncryptionKey: out.slice(32, 64) };
  wipe(out);
  return keys;
}

/**
 * The JSON form for the server (which stores it beside the account and returns it before login).
 *
 * @example kdfParamsToJson(params) // { algorithm: 'argon2id13', opsLimit: 3, memLimitBytes: 67108864, salt: '…' }
 */
export function kdfParamsToJson(params: KdfParams): KdfParamsJson {
  assertKdfParams(params);
  return {
    algorithm: params.algorithm,
    opsLimit: params.opsLimit,
    memLimitBytes: params.memLimitBytes,
    salt: toBase64Url(params.salt),
  };
}

/**
 * Parses and checks parameters received from the server; throws `kdf_params_invalid` for a wrong
 * shape and `kdf_params_too_weak` for weak values — the client never derives with them.
 *
 * @example const params = kdfParamsFromJson(await response.json());
 */
export function kdfParamsFromJson(json: unknown): KdfParams {
  if (typeof json !== 'object' || json === null) {
    throw new CryptoError('kdf_params_invalid', 'KDF parameters must be an object');
  }
  const o = json as Record<string, unknown>;
  const { algorithm, opsLimit, memLimitBytes, salt } = o;
  if (typeof algorithm !== 'string')
    throw new CryptoError('kdf_params_invalid', 'algorithm missing');
  if (typeof opsLimit !== 'number' || typeof memLimitBytes !== 'number') {
    throw new CryptoError('kdf_params_invalid', 'opsLimit and memLimitBytes must be numbers');
  }
  if (typeof salt !== 'string') throw new CryptoError('kdf_params_invalid', 'salt missing');
  let saltBytes: Uint8Array;
  try {
    saltBytes = fromBase64Url(salt);
  } catch {
    throw new CryptoError('kdf_params_invalid', 'salt is not base64url');
  }
  const params = { algorithm: algorithm as KdfAlgorithm, opsLimit, memLimitBytes, salt: saltBytes };
  assertBytes(params.salt, 'salt');
  assertKdfParams(params);
  return params;
}
