/**
 * Hashes of a whole file, read slice by slice (flat memory, however large the file):
 *
 * - the **fingerprint**, BLAKE2b-256, taken before an upload starts and saved in the encrypted
 *   record, so a file chosen again after a reload can be proven the same one before a single
 *   byte of it is encrypted again under the item's header. libsodium's BLAKE2b runs about four
 *   times faster than its SHA-256 in WebAssembly, so this first pass costs little;
 * - the **SHA-256** of the original, the hash courts and forensic tools use. A new upload gets
 *   it while the file is encrypted (`InOrderSha256`, fed each chunk as it is first read); only
 *   carrying on an upload from an earlier session needs a separate pass for it.
 */
import { createSha256, toHex, type Sha256Hasher } from '../../crypto/index.js';
import { loadSodium } from '../../crypto/sodium.js';
import { BlobBytes } from './blob-bytes.js';

/** Bytes read per step: large enough to be fast, small enough to keep memory flat. */
export const HASH_SLICE_BYTES = 4 * 1024 * 1024;

export interface Digests {
  readonly fingerprint?: string;
  readonly sha256?: string;
}

/**
 * The chosen hashes of `blob`'s bytes, in lowercase hex, from one read of the file.
 *
 * @example const { fingerprint } = await digestBlob(file, { fingerprint: true });
 */
export async function digestBlob(
  blob: Blob,
  options: {
    readonly fingerprint?: boolean;
    readonly sha256?: boolean;
    readonly onProgress?: (done: number, total: number) => void;
    readonly signal?: AbortSignal;
    readonly sliceBytes?: number;
  },
): Promise<Digests> {
  const step = options.sliceBytes ?? HASH_SLICE_BYTES;
  const sodium = await loadSodium();
  const blake = options.fingerprint === true ? sodium.crypto_generichash_init(null, 32) : undefined;
  const sha = options.sha256 === true ? await createSha256() : undefined;
  let done = 0;
  let finished = false;
  // One buffer, read into again and again: a fresh ArrayBuffer per slice was a gigabyte of
  // garbage per gigabyte hashed, which piled up (tens of MB) before the collector freed it.
  const reader = new BlobBytes(blob);
  let buffer = new ArrayBuffer(Math.min(step, Math.max(1, blob.size)));
  try {
    while (done < blob.size) {
      options.signal?.throwIfAborted();
      const bytes = await reader.read(done, new Uint8Array(buffer));
      buffer = bytes.buffer;
      if (blake !== undefined) sodium.crypto_generichash_update(blake, bytes);
      sha?.update(bytes);
      done += bytes.length;
      options.onProgress?.(done, blob.size);
    }
    options.signal?.throwIfAborted();
    finished = true;
    return {
      ...(blake !== undefined
        ? { fingerprint: toHex(sodium.crypto_generichash_final(blake, 32)) }
        : {}),
      ...(sha !== undefined ? { sha256: toHex(sha.digest()) } : {}),
    };
  } finally {
    void reader.cancel();
    if (!finished) {
      // Frees libsodium's hash states; the values are not needed.
      if (blake !== undefined) sodium.crypto_generichash_final(blake, 32);
      sha?.digest();
    }
  }
}

/**
 * SHA-256 of a file built from its chunks as an upload reads them: each chunk counts once, in
 * order. A chunk read again (a resend after an interruption) is ignored; a gap (chunks never
 * read in this session) leaves the hash incomplete, and the caller hashes the file instead.
 */
export class InOrderSha256 {
  private next = 0;
  private result: string | undefined;

  private constructor(
    private hasher: Sha256Hasher | undefined,
    private readonly chunks: number,
  ) {}

  static async create(chunks: number): Promise<InOrderSha256> {
    return new InOrderSha256(await createSha256(), chunks);
  }

  /** Chunk `index`'s plaintext, as the encrypting source reads it. */
  feed(index: number, plaintext: Uint8Array): void {
    if (this.hasher === undefined || index !== this.next) return;
    this.hasher.update(plaintext);
    this.next += 1;
    if (this.next === this.chunks) {
      this.result = toHex(this.hasher.digest());
      this.hasher = undefined;
    }
  }

  /** The SHA-256, once every chunk has been fed in order. */
  get digest(): string | undefined {
    return this.result;
  }

  /** Frees the hash state (on cancel or lock). */
  dispose(): void {
    this.hasher?.digest();
    this.hasher = undefined;
  }
}
