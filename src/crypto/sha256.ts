/**
 * SHA-256 (libsodium `crypto_hash_sha256`), one-shot and incremental. Evidence files carry the
 * SHA-256 of their original bytes (the hash courts and forensic tools already use); the
 * incremental form hashes a 1 GB file chunk by chunk with flat memory.
 */
import { assertBytes } from './bytes.js';
import { CryptoError } from './errors.js';
import { loadSodium, type Sodium, type StateAddress } from './sodium.js';

export const SHA256_BYTES = 32;

/**
 * SHA-256 of `data`.
 *
 * @example toHex(await sha256(new TextEncoder().encode('abc'))) // 'ba7816bf…f20015ad'
 */
export async function sha256(data: Uint8Array): Promise<Uint8Array> {
  const sodium = await loadSodium();
  assertBytes(data, 'data');
  return sodium.crypto_hash_sha256(data);
}

/** An incremental SHA-256: `update` any number of times, then `digest` once. */
export interface Sha256Hasher {
  update(data: Uint8Array): Sha256Hasher;
  /** The hash of everything passed to `update`; the hasher cannot be used afterwards. */
  digest(): Uint8Array;
}

/**
 * Starts an incremental SHA-256 (libsodium `crypto_hash_sha256_init/update/final`).
 *
 * @example
 * const hasher = await createSha256();
 * for await (const chunk of file.stream()) hasher.update(chunk);
 * const originalSha256 = hasher.digest();
 */
export async function createSha256(): Promise<Sha256Hasher> {
  const sodium = await loadSodium();
  return new LibsodiumSha256(sodium);
}

class LibsodiumSha256 implements Sha256Hasher {
  private state: StateAddress | undefined;

  constructor(private readonly sodium: Sodium) {
    this.state = sodium.crypto_hash_sha256_init();
  }

  update(data: Uint8Array): this {
    assertBytes(data, 'data');
    if (this.state === undefined)
      throw new CryptoError('input_invalid', 'digest() was already called');
    if (data.length > 0) this.sodium.crypto_hash_sha256_update(this.state, data);
    return this;
  }

  digest(): Uint8Array {
    if (this.state === undefined)
      throw new CryptoError('input_invalid', 'digest() was already called');
    const state = this.state;
    this.state = undefined;
    // _final also frees libsodium's state memory.
    return this.sodium.crypto_hash_sha256_final(state);
  }
}
