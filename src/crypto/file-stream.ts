/**
 * Evidence files as streams (the format is in file-chunks.ts): encrypting plaintext pieces of any
 * size into the header and chunk after chunk, and decrypting them back, with flat memory; and the
 * whole-file forms for small files and tests. Split from file-chunks.ts; the code is unchanged.
 */
import { assertBytes, assertKey, concatBytes } from './bytes.js';
import { assertId, unsupportedVersion } from './envelope.js';
import { CryptoError } from './errors.js';
import {
  checkContext,
  createFileHeader,
  decodeFileHeader,
  encodeFileHeader,
  FILE_CHUNK_OVERHEAD,
  FILE_FORMAT_VERSION,
  FILE_HEADER_BYTES,
  openChunkDiagnosed,
  sealChunk,
  type FileContext,
  type FileHeader,
} from './file-chunks.js';
import { loadSodium } from './sodium.js';

export interface EncryptFileOptions {
  readonly key: Uint8Array;
  readonly fileId: string;
  /** Defaults to a new header with FILE_CHUNK_SIZE. Pass the original header only to re-encrypt
   * the same bytes when resuming an upload. */
  readonly header?: FileHeader;
}

/**
 * Encrypts a stream of plaintext pieces (any sizes) into the encrypted file's bytes: the header,
 * then one Uint8Array per encrypted chunk.
 *
 * @example
 * const header = await createFileHeader();
 * for await (const bytes of encryptFileStream(file.stream(), { key, fileId, header })) upload.write(bytes);
 */
export async function* encryptFileStream(
  source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  options: EncryptFileOptions,
): AsyncGenerator<Uint8Array, void, undefined> {
  const sodium = await loadSodium();
  const header = options.header ?? (await createFileHeader());
  const context: FileContext = { key: options.key, fileId: options.fileId, header };
  checkContext(context);
  yield encodeFileHeader(header);
  const queue = new ByteQueue();
  let index = 0;
  for await (const piece of source) {
    assertBytes(piece, 'plaintext piece');
    queue.push(piece);
    // Emit a chunk only once a byte beyond it exists: only then is it known not to be final.
    while (queue.length > header.chunkSize) {
      yield sealChunk(sodium, context, { index, final: false }, queue.take(header.chunkSize));
      index += 1;
    }
  }
  yield sealChunk(sodium, context, { index, final: true }, queue.take(queue.length));
}

export interface DecryptFileOptions {
  readonly key: Uint8Array;
  readonly fileId: string;
}

/**
 * Decrypts an encrypted file arriving as a stream of pieces (any sizes), yielding plaintext chunk
 * by chunk. Each yielded chunk is authentic, but the file as a whole is only known complete when
 * the stream ends without an error — keep (or hash) the output provisionally until then.
 * Throws `file_truncated`, `file_trailing_data`, `chunk_out_of_order`, `decryption_failed`,
 * `envelope_malformed` or `envelope_version_unsupported`.
 *
 * @example
 * for await (const plain of decryptFileStream(response.body, { key, fileId })) hasher.update(plain);
 */
export async function* decryptFileStream(
  source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  options: DecryptFileOptions,
): AsyncGenerator<Uint8Array, void, undefined> {
  const sodium = await loadSodium();
  assertKey(options.key, 'file key');
  assertId(options.fileId, 'fileId');
  const queue = new ByteQueue();
  let context: FileContext | undefined;
  let index = 0;
  for await (const piece of source) {
    assertBytes(piece, 'encrypted piece');
    queue.push(piece);
    if (context === undefined) {
      if (queue.length === 0) continue;
      if (queue.peekFirstByte() !== FILE_FORMAT_VERSION)
        throw unsupportedVersion(queue.peekFirstByte() ?? 0);
      if (queue.length < FILE_HEADER_BYTES) continue;
      context = {
        key: options.key,
        fileId: options.fileId,
        header: decodeFileHeader(queue.take(FILE_HEADER_BYTES)),
      };
    }
    const pieceSize = context.header.chunkSize + FILE_CHUNK_OVERHEAD;
    // As when encrypting: a full piece is non-final only if more bytes follow it.
    while (queue.length > pieceSize) {
      yield openChunkDiagnosed(sodium, context, { index, final: false }, queue.take(pieceSize));
      index += 1;
    }
  }
  if (context === undefined) {
    if (queue.length === 0) throw new CryptoError('file_truncated', 'the encrypted file is empty');
    decodeFileHeader(queue.take(queue.length)); // throws the precise header error
    throw new CryptoError('file_truncated', 'the file header is incomplete');
  }
  const rest = queue.take(queue.length);
  if (rest.length < FILE_CHUNK_OVERHEAD) {
    throw new CryptoError('file_truncated', 'the encrypted file ends before its final chunk');
  }
  const last = openChunkDiagnosed(sodium, context, { index, final: true }, rest);
  if (last.length === 0 && index > 0)
    throw new CryptoError('envelope_malformed', 'empty final chunk');
  yield last;
}

/**
 * Encrypts a whole in-memory file (small files and tests; use encryptFileStream for large ones).
 *
 * @example const encrypted = await encryptFile({ key, fileId, plaintext: bytes });
 */
export async function encryptFile(
  input: EncryptFileOptions & { readonly plaintext: Uint8Array },
): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const part of encryptFileStream([input.plaintext], input)) parts.push(part);
  return concatBytes(...parts);
}

/**
 * Decrypts a whole in-memory encrypted file.
 *
 * @example const plaintext = await decryptFile({ key, fileId, encrypted });
 */
export async function decryptFile(
  input: DecryptFileOptions & { readonly encrypted: Uint8Array },
): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const part of decryptFileStream([input.encrypted], input)) parts.push(part);
  return concatBytes(...parts);
}

/** A FIFO of byte pieces that hands out exact-length slices without quadratic copying. */
class ByteQueue {
  private pieces: Uint8Array[] = [];
  private head = 0;
  length = 0;

  push(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    this.pieces.push(bytes);
    this.length += bytes.length;
  }

  peekFirstByte(): number | undefined {
    return this.pieces[0]?.[this.head];
  }

  take(n: number): Uint8Array {
    const out = new Uint8Array(n);
    let filled = 0;
    while (filled < n) {
      const first = this.pieces[0];
      if (first === undefined) throw new CryptoError('input_invalid', 'queue underflow');
      const available = first.length - this.head;
      const count = Math.min(available, n - filled);
      out.set(first.subarray(this.head, this.head + count), filled);
      filled += count;
      this.head += count;
      if (this.head === first.length) {
        this.pieces.shift();
        this.head = 0;
      }
    }
    this.length -= n;
    return out;
  }
}
