/**
 * Opening an evidence file: the ciphertext arrives as a stream, each chunk is authenticated and
 * decrypted as it comes (src/crypto/file-chunks.ts), hashed, and gathered into a Blob. Nothing
 * is handed to the page until the whole stream has ended cleanly *and* the plaintext has the
 * size and SHA-256 the encrypted record says it must: a chunk altered, dropped, swapped or
 * repeated, or a file cut short, fails before anything is shown.
 *
 * The JavaScript heap stays flat for large files: decrypted pieces are folded into the Blob
 * every few megabytes, and the browser keeps a Blob's bytes outside the heap.
 */
import {
  createSha256,
  decryptFileStream,
  isCryptoError,
  toHex,
  type CryptoErrorCode,
} from '../../crypto/index.js';

/** Why a file could not be opened, for a message that says what went wrong. */
export type IntegrityProblem =
  /** A chunk did not authenticate: altered, or from another file. */
  | 'altered'
  /** Chunks out of order or repeated. */
  | 'reordered'
  /** The file ends early (or a chunk was dropped at the end). */
  | 'incomplete'
  /** Bytes after the end. */
  | 'trailing'
  /** Not an encrypted evidence file at all, or a version this app cannot read. */
  | 'malformed'
  /** Every chunk opened, but the result is not the original the record describes. */
  | 'mismatch';

export class IntegrityError extends Error {
  override readonly name = 'IntegrityError';
  constructor(
    readonly problem: IntegrityProblem,
    message: string,
  ) {
    super(message);
  }
}

/** The crypto layer's codes, as the problem a person is told about. */
export function problemOfCode(code: CryptoErrorCode): IntegrityProblem {
  const problems: Partial<Record<CryptoErrorCode, IntegrityProblem>> = {
    decryption_failed: 'altered',
    chunk_out_of_order: 'reordered',
    file_truncated: 'incomplete',
    file_trailing_data: 'trailing',
  };
  return problems[code] ?? 'malformed';
}

/** Decrypted bytes are folded into the Blob at least this often. */
const FOLD_BYTES = 8 * 1024 * 1024;

export interface OpenOptions {
  readonly key: Uint8Array;
  readonly fileId: string;
  /** What the encrypted record says the original is. */
  readonly size: number;
  readonly sha256: string;
  readonly mediaType: string;
  readonly onProgress?: (done: number, total: number) => void;
  readonly signal?: AbortSignal;
}

/**
 * Decrypts and checks a whole file into a Blob of the original bytes.
 * Throws IntegrityError when the bytes are not exactly the original.
 *
 * @example const blob = await decryptToBlob(responseChunks(response), { key, fileId, size, sha256, mediaType });
 */
export async function decryptToBlob(
  source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  options: OpenOptions,
): Promise<Blob> {
  const hasher = await createSha256();
  let blob = new Blob([], { type: options.mediaType });
  let pending: Uint8Array<ArrayBuffer>[] = [];
  let pendingBytes = 0;
  let done = 0;
  let hashed = false;
  try {
    for await (const plain of decryptFileStream(source, options)) {
      options.signal?.throwIfAborted();
      done += plain.length;
      if (done > options.size) {
        throw new IntegrityError('mismatch', 'the file is longer than the original');
      }
      hasher.update(plain);
      pending.push(plain as Uint8Array<ArrayBuffer>);
      pendingBytes += plain.length;
      if (pendingBytes >= FOLD_BYTES) {
        blob = new Blob([blob, ...pending], { type: options.mediaType });
        pending = [];
        pendingBytes = 0;
      }
      options.onProgress?.(done, options.size);
    }
    const digest = toHex(hasher.digest());
    hashed = true;
    if (done !== options.size || digest !== options.sha256) {
      throw new IntegrityError('mismatch', 'the file is not the original that was added');
    }
    return new Blob([blob, ...pending], { type: options.mediaType });
  } catch (e) {
    if (!hashed) hasher.digest();
    if (e instanceof IntegrityError) throw e;
    if (isCryptoError(e)) throw new IntegrityError(problemOfCode(e.code), e.message);
    throw e;
  }
}

/**
 * The body of a fetch response as an async iterable of byte pieces, released if the consumer
 * stops early (an integrity failure cancels the download at once).
 *
 * @example for await (const piece of responseChunks(await fetch(url))) …
 */
export async function* responseChunks(response: Response): AsyncGenerator<Uint8Array> {
  const body = response.body;
  if (body === null) return;
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.cancel().catch(() => {
      // Already finished or failed: nothing to release.
    });
    reader.releaseLock();
  }
}
