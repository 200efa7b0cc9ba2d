/**
 * The evidence worker's chunk maker: reads the original, feeds the in-order SHA-256 and
 * encrypts, chunk after chunk, through buffers it reuses instead of allocating per chunk.
 *
 *   file ──read into a plaintext buffer──▶ hash (here, or another worker) ──buffer back──▶ pool
 *                     └──sealed in libsodium's memory──▶ output buffer ──to the page──▶ back
 *
 * Plaintext is read into buffers of our own (a byte stream's BYOB reads where the runtime has
 * them), the sealer (src/crypto/file-chunk-sealer.ts) encrypts without allocating, and the
 * output buffers come back once the page has copied them into a request (`recycle`). So a
 * gigabyte goes through a handful of buffers, and nothing waits on the garbage collector.
 *
 * The SHA-256 of the original is fed each chunk once, in order from chunk 0 (a chunk made again
 * for a resend is not counted twice; a gap leaves it incomplete, and the caller hashes the file
 * instead). When the hashing is elsewhere (`PlainHash` over a MessagePort, hashing.ts) the
 * plaintext buffer is handed over and comes back once hashed; at most `PLAIN_BUFFERS` are out at
 * a time, so a slower hash holds up reading instead of piling up buffers.
 */
import {
  createChunkSealer,
  FILE_CHUNK_OVERHEAD,
  fileChunkCount,
  type FileContext,
} from '../../crypto/index.js';
import { BlobBytes } from './blob-bytes.js';
import type { FileChunks } from './file-crypto.js';

/** Plaintext buffers in use at once: one being read and sealed, the rest being hashed. */
export const PLAIN_BUFFERS = 3;

/** Where the in-order plaintext goes to be hashed. */
export interface PlainHash {
  /** Hashes `plaintext` next; `done` gets its buffer back once it is no longer needed. */
  update(plaintext: Uint8Array<ArrayBuffer>, done: (buffer: ArrayBuffer) => void): void;
  /** The hex SHA-256 of everything updated. */
  digest(): Promise<string>;
  close(): void;
}

/**
 * @param hash where the in-order plaintext is hashed; none when the SHA-256 is not wanted.
 * @example const chunks = await pooledChunks(context, file, localPlainHash(await createSha256()));
 */
export async function pooledChunks(
  context: FileContext,
  blob: Blob,
  hash: PlainHash | undefined,
): Promise<FileChunks & { recycle(buffer: ArrayBuffer): void }> {
  const { chunkSize } = context.header;
  const count = fileChunkCount(blob.size, chunkSize);
  const sealer = await createChunkSealer(context);
  const bytes = new BlobBytes(blob);
  const outputs: ArrayBuffer[] = [];
  const plains: ArrayBuffer[] = [];
  let plainsOut = 0;
  let waitingForPlain: (() => void) | undefined;
  let hashed = 0;
  let digest: Promise<string> | undefined;
  let closed = false;
  const isClosed = (): boolean => closed;
  let turn: Promise<unknown> = Promise.resolve();

  const plainBack = (buffer: ArrayBuffer): void => {
    plainsOut -= 1;
    if (buffer.byteLength >= chunkSize) plains.push(buffer);
    const wake = waitingForPlain;
    waitingForPlain = undefined;
    wake?.();
  };
  const takePlain = async (): Promise<ArrayBuffer> => {
    while (plains.length === 0 && plainsOut >= PLAIN_BUFFERS) {
      await new Promise<void>((resolve) => (waitingForPlain = resolve));
      if (closed) throw new Error('the file source is closed');
    }
    plainsOut += 1;
    return plains.pop() ?? new ArrayBuffer(chunkSize);
  };

  const make = async (index: number): Promise<Uint8Array> => {
    if (closed) throw new Error('the file source is closed');
    const from = index * chunkSize;
    const plaintext = await bytes.read(from, new Uint8Array(await takePlain(), 0, chunkSize));
    // Closed while reading (a lock): the sealer's key is wiped, nothing more is made.
    if (isClosed()) throw new Error('the file source is closed');
    const out = new Uint8Array(outputs.pop() ?? new ArrayBuffer(chunkSize + FILE_CHUNK_OVERHEAD));
    const sealed = sealer.seal(index, index === count - 1, plaintext, out);
    if (hash !== undefined && index === hashed) {
      hashed += 1;
      hash.update(plaintext, plainBack);
    } else {
      plainBack(plaintext.buffer);
    }
    return sealed;
  };

  return {
    size: blob.size,
    chunk(index) {
      const made = turn.then(() => make(index));
      turn = made.catch(() => undefined);
      return made;
    },
    recycle(buffer) {
      if (!closed && buffer.byteLength >= chunkSize + FILE_CHUNK_OVERHEAD) outputs.push(buffer);
    },
    async sha256() {
      if (hash === undefined || hashed !== count) return undefined;
      digest ??= hash.digest();
      return digest;
    },
    close() {
      closed = true;
      waitingForPlain?.();
      sealer.dispose();
      hash?.close();
      void bytes.cancel();
      outputs.length = 0;
      plains.length = 0;
    },
  };
}
