/**
 * The heavy work on an evidence file's bytes — hashing it, and reading and encrypting its
 * chunks — behind one interface, so the upload queue does not care which thread does it. The
 * vault app gives a Web Worker's (src/web/app/evidence/worker-file-crypto.ts, which runs
 * `localFileCrypto` inside the worker); everything else (Node, tests, the witness page) uses
 * `localFileCrypto`, on its own thread.
 */
import { fileChunkCount, type FileContext } from '../../crypto/index.js';
import { blobReader, localChunks, type ChunkSource } from './encrypting-source.js';
import { digestBlob, InOrderSha256, type Digests } from './file-hash.js';

export interface DigestOptions {
  readonly fingerprint?: boolean;
  readonly sha256?: boolean;
  readonly onProgress?: (done: number, total: number) => void;
  readonly signal?: AbortSignal;
}

/** A file's encrypted chunks, and the SHA-256 of the original built while they are made. */
export interface FileChunks extends ChunkSource {
  /**
   * The SHA-256 of the original (lowercase hex) once every chunk has been made in order, from
   * chunk 0 (a chunk made again is not counted twice); undefined when some never were (the
   * server already had them) or the hash was not asked for.
   */
  sha256(): Promise<string | undefined>;
}

export interface FileCrypto {
  /** The chosen hashes of the whole file, from one read of it. */
  digest(blob: Blob, options: DigestOptions): Promise<Digests>;
  /**
   * The chunks of `blob` encrypted under `context`. The caller closes them (on lock, cancel or
   * once the upload is finished); the key is not wiped here (the caller owns it).
   */
  chunks(
    context: FileContext,
    blob: Blob,
    options: { readonly sha256: boolean },
  ): Promise<FileChunks>;
}

/**
 * The work on this thread.
 *
 * @example const chunks = await localFileCrypto.chunks(context, file, { sha256: true });
 */
export const localFileCrypto: FileCrypto = {
  digest: (blob, options) => digestBlob(blob, options),
  async chunks(context, blob, options) {
    const inOrder = options.sha256
      ? await InOrderSha256.create(fileChunkCount(blob.size, context.header.chunkSize))
      : undefined;
    const source = localChunks(
      context,
      blobReader(blob),
      inOrder !== undefined ? (index, plaintext) => inOrder.feed(index, plaintext) : undefined,
    );
    return {
      size: source.size,
      chunk: (index) => source.chunk(index),
      sha256: () => Promise.resolve(inOrder?.digest),
      close() {
        source.close();
        inOrder?.dispose();
      },
    };
  },
};
