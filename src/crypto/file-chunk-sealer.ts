/**
 * Sealing a file's chunks one after another without allocating per chunk (the evidence upload's
 * hot loop): the key, nonce, associated data and one chunk's bytes live in a single block of
 * libsodium's WebAssembly memory, allocated once; each chunk is copied in, encrypted in place
 * and copied out into a buffer the caller owns (and can reuse). The bytes are exactly those of
 * `encryptFileChunk` (same nonce, same associated data, same checks); only the copies differ.
 *
 * Why: libsodium-wrappers allocates its input, output and a fresh Uint8Array for every call;
 * at 1 MiB a chunk that is a gigabyte of short-lived ArrayBuffers per gigabyte of file, which
 * the garbage collector lets pile up (it sees them only as external memory) long before it
 * frees them.
 */
import { concatBytes, u64be } from './bytes.js';
import { CryptoError } from './errors.js';
import {
  checkContext,
  FILE_CHUNK_OVERHEAD,
  fileChunkAssociatedData,
  type FileContext,
} from './file-chunks.js';
import { loadSodium } from './sodium.js';

/** The parts of libsodium's raw Emscripten module used here. */
interface RawSodium {
  _malloc(bytes: number): number;
  _free(pointer: number): void;
  readonly HEAPU8: Uint8Array;
  _crypto_aead_xchacha20poly1305_ietf_encrypt(
    c: number,
    clen: number,
    m: number,
    mlenLow: number,
    mlenHigh: number,
    ad: number,
    adlenLow: number,
    adlenHigh: number,
    nsec: number,
    npub: number,
    k: number,
  ): number;
}

const KEY = 32;
const NONCE = 24;
/** Room for the associated data: 1 + (4 + 17) + (4 + 255) + 4 + 8 + 1 bytes at most. */
const AD_ROOM = 320;

export interface ChunkSealer {
  /**
   * Encrypts chunk `index` (the same bytes as `encryptFileChunk`) into `out`, which needs room
   * for `plaintext.length + FILE_CHUNK_OVERHEAD` bytes; returns the view of `out` holding it.
   */
  seal(index: number, final: boolean, plaintext: Uint8Array, out: Uint8Array): Uint8Array;
  /** Wipes the key copy and frees the memory; the sealer cannot be used afterwards. */
  dispose(): void;
}

/**
 * @example
 * const sealer = await createChunkSealer(context);
 * const chunk0 = sealer.seal(0, false, plaintext, out);
 */
export async function createChunkSealer(context: FileContext): Promise<ChunkSealer> {
  const sodium = await loadSodium();
  checkContext(context);
  const raw = (sodium as unknown as { libsodium: RawSodium }).libsodium;
  const { chunkSize, noncePrefix } = context.header;
  const total = KEY + NONCE + AD_ROOM + chunkSize + FILE_CHUNK_OVERHEAD;
  let base = raw._malloc(total);
  if (base === 0) throw new CryptoError('input_invalid', 'not enough memory for a file chunk');
  const keyAt = base;
  const nonceAt = keyAt + KEY;
  const adAt = nonceAt + NONCE;
  const dataAt = adAt + AD_ROOM;
  // The heap view is read again after every allocation: growing the memory replaces it.
  raw.HEAPU8.set(context.key, keyAt);
  return {
    seal(index, final, plaintext, out) {
      if (base === 0) throw new CryptoError('input_invalid', 'the chunk sealer was disposed');
      const n = plaintext.length;
      const ok = final ? n <= chunkSize && (n > 0 || index === 0) : n === chunkSize;
      if (!ok) {
        throw new CryptoError(
          'input_invalid',
          'chunk plaintext has the wrong length for its position',
        );
      }
      if (out.length < n + FILE_CHUNK_OVERHEAD) {
        throw new CryptoError('input_invalid', 'the output buffer is too small for the chunk');
      }
      const ad = fileChunkAssociatedData(context.fileId, chunkSize, { index, final });
      if (ad.length > AD_ROOM) throw new CryptoError('input_invalid', 'fileId is too long');
      const heap = raw.HEAPU8;
      heap.set(concatBytes(noncePrefix, u64be(index)), nonceAt);
      heap.set(ad, adAt);
      heap.set(plaintext, dataAt);
      // In place: the stream cipher XORs byte by byte, then Poly1305 reads the ciphertext.
      const failed = raw._crypto_aead_xchacha20poly1305_ietf_encrypt(
        dataAt,
        0,
        dataAt,
        n,
        0,
        adAt,
        ad.length,
        0,
        0,
        nonceAt,
        keyAt,
      );
      if (failed !== 0) throw new CryptoError('input_invalid', 'the chunk could not be encrypted');
      const sealed = n + FILE_CHUNK_OVERHEAD;
      out.set(raw.HEAPU8.subarray(dataAt, dataAt + sealed));
      return out.subarray(0, sealed);
    },
    dispose() {
      if (base === 0) return;
      raw.HEAPU8.fill(0, base, base + total);
      raw._free(base);
      base = 0;
    },
  };
}
