/**
 * Evidence files: fixed-size chunks, each encrypted independently, so a 1 GB video is encrypted
 * and uploaded with flat memory, any chunk can be verified on its own, and an interrupted tus
 * upload resumes at any byte offset.
 *
 *   encrypted file v1 = header (21 bytes) ‖ chunk 0 ‖ chunk 1 ‖ … ‖ chunk n−1
 *   header            = 0x01 ‖ chunkSize (u32 BE) ‖ noncePrefix (16 random bytes)
 *   chunk i           = XChaCha20-Poly1305(fileKey, nonce = noncePrefix ‖ u64 BE i, AD_i, plaintext_i) ‖ tag
 *   AD_i              = u8 1 ‖ str "mosaic.file-chunk" ‖ str fileId ‖ u32 chunkSize ‖ u64 i ‖ u8 final
 *
 * This is the STREAM construction (Hoang, Reyhanitabar, Rogaway, Vizár 2015) that age and Tink's
 * streaming AEAD use: the chunk index in nonce and AD stops reordering, duplication and splicing
 * between files; the final flag stops truncation at a chunk boundary; the chunk size in every AD
 * authenticates the header. Because each chunk's nonce is derived rather than random, chunk i
 * encrypts to the same bytes every time under the same header, which is what lets an upload
 * resume mid-chunk. The price: never encrypt *different* bytes under a header already used —
 * start a new header (createFileHeader) for every new file, and a fresh random key per file.
 *
 * Every chunk but the last holds exactly `chunkSize` plaintext bytes; the last holds 1…chunkSize
 * (0 only for an empty file, which is a single empty final chunk).
 *
 * This file is the format: the header, sizes and offsets, and one chunk's sealing and opening.
 * Streaming whole files through it is file-stream.ts.
 */
import { aeadDecrypt, aeadEncrypt, TAG_BYTES } from './aead.js';
import { assertBytes, assertKey, assertSafeUint, ByteWriter, concatBytes, u64be } from './bytes.js';
import { assertId, unsupportedVersion } from './envelope.js';
import { CryptoError, isCryptoError } from './errors.js';
import { loadSodium, type Sodium } from './sodium.js';

export const FILE_FORMAT_VERSION = 1;
/** Default plaintext bytes per chunk: 1 MiB keeps per-chunk overhead at 0.0015 % and memory small. */
export const FILE_CHUNK_SIZE = 1024 * 1024;
/** Readers refuse larger chunk sizes so a forged header cannot make them buffer gigabytes. */
export const MAX_FILE_CHUNK_SIZE = 16 * 1024 * 1024;
export const FILE_NONCE_PREFIX_BYTES = 16;
export const FILE_HEADER_BYTES = 1 + 4 + FILE_NONCE_PREFIX_BYTES;
/** Bytes each chunk adds (the Poly1305 tag). */
export const FILE_CHUNK_OVERHEAD = TAG_BYTES;

const FILE_CHUNK_AD_LABEL = 'mosaic.file-chunk';
/** How far from its expected position a failed chunk is searched for, to name the error. */
const DIAGNOSE_WINDOW = 32;

export interface FileHeader {
  readonly version: 1;
  /** Plaintext bytes per chunk (1 … MAX_FILE_CHUNK_SIZE). */
  readonly chunkSize: number;
  readonly noncePrefix: Uint8Array;
}

/** What binds a chunk to its file. */
export interface FileContext {
  /** The file's own random 32-byte key. */
  readonly key: Uint8Array;
  /** The file's id (opaque, 1–255 UTF-8 bytes). */
  readonly fileId: string;
  readonly header: FileHeader;
}

export interface ChunkPosition {
  readonly index: number;
  /** True for the file's last chunk. */
  readonly final: boolean;
}

/**
 * A new header with a random nonce prefix; use one per file.
 *
 * @example const header = await createFileHeader(); // 1 MiB chunks
 */
export async function createFileHeader(chunkSize: number = FILE_CHUNK_SIZE): Promise<FileHeader> {
  assertChunkSize(chunkSize, 'input_invalid');
  const sodium = await loadSodium();
  return { version: 1, chunkSize, noncePrefix: sodium.randombytes_buf(FILE_NONCE_PREFIX_BYTES) };
}

/**
 * The 21 header bytes.
 *
 * @example encodeFileHeader(header).length // 21
 */
export function encodeFileHeader(header: FileHeader): Uint8Array {
  assertChunkSize(header.chunkSize, 'input_invalid');
  if (
    !(header.noncePrefix instanceof Uint8Array) ||
    header.noncePrefix.length !== FILE_NONCE_PREFIX_BYTES
  ) {
    throw new CryptoError('input_invalid', `noncePrefix must be ${FILE_NONCE_PREFIX_BYTES} bytes`);
  }
  return new ByteWriter().u8(header.version).u32(header.chunkSize).raw(header.noncePrefix).finish();
}

/**
 * Reads the header from the start of an encrypted file (extra bytes after it are ignored).
 *
 * @example const header = decodeFileHeader(firstBytes);
 */
export function decodeFileHeader(bytes: Uint8Array): FileHeader {
  assertBytes(bytes, 'header');
  const version = bytes[0];
  if (version === undefined) throw new CryptoError('file_truncated', 'the encrypted file is empty');
  if (version !== 1) throw unsupportedVersion(version);
  if (bytes.length < FILE_HEADER_BYTES)
    throw new CryptoError('file_truncated', 'the file header is incomplete');
  const chunkSize = new DataView(bytes.buffer, bytes.byteOffset + 1, 4).getUint32(0);
  assertChunkSize(chunkSize, 'envelope_malformed');
  return { version: 1, chunkSize, noncePrefix: bytes.slice(5, FILE_HEADER_BYTES) };
}

/**
 * Number of chunks for a plaintext size (an empty file still has one, empty, final chunk).
 *
 * @example fileChunkCount(2.5 * 1024 * 1024) // 3
 */
export function fileChunkCount(plaintextSize: number, chunkSize: number = FILE_CHUNK_SIZE): number {
  assertSafeUint(plaintextSize, 'plaintextSize');
  assertChunkSize(chunkSize, 'input_invalid');
  return Math.max(1, Math.ceil(plaintextSize / chunkSize));
}

/**
 * Size of the encrypted file for a plaintext size: header + plaintext + 16 bytes per chunk.
 *
 * @example encryptedFileSize(0) // 37
 */
export function encryptedFileSize(
  plaintextSize: number,
  chunkSize: number = FILE_CHUNK_SIZE,
): number {
  return (
    FILE_HEADER_BYTES +
    plaintextSize +
    FILE_CHUNK_OVERHEAD * fileChunkCount(plaintextSize, chunkSize)
  );
}

/**
 * The plaintext size for an encrypted size; throws `envelope_malformed` when no plaintext size
 * encrypts to exactly that many bytes (so a truncated upload is caught before any download).
 *
 * @example plaintextFileSize(encryptedFileSize(5_000_000)) // 5000000
 */
export function plaintextFileSize(
  encryptedSize: number,
  chunkSize: number = FILE_CHUNK_SIZE,
): number {
  assertSafeUint(encryptedSize, 'encryptedSize');
  assertChunkSize(chunkSize, 'input_invalid');
  const body = encryptedSize - FILE_HEADER_BYTES;
  if (body < FILE_CHUNK_OVERHEAD)
    throw new CryptoError('envelope_malformed', 'impossible encrypted file size');
  const piece = chunkSize + FILE_CHUNK_OVERHEAD;
  const count = Math.ceil(body / piece);
  const last = body - (count - 1) * piece;
  if (count > 1 && last <= FILE_CHUNK_OVERHEAD) {
    throw new CryptoError('envelope_malformed', 'impossible encrypted file size');
  }
  return body - count * FILE_CHUNK_OVERHEAD;
}

/**
 * Byte offset of encrypted chunk `index` within the encrypted file (for range reads and resume).
 *
 * @example encryptedChunkOffset(0) // 21
 */
export function encryptedChunkOffset(index: number, chunkSize: number = FILE_CHUNK_SIZE): number {
  assertSafeUint(index, 'index');
  assertChunkSize(chunkSize, 'input_invalid');
  return FILE_HEADER_BYTES + index * (chunkSize + FILE_CHUNK_OVERHEAD);
}

/**
 * The canonical associated data of chunk `index`.
 *
 * @example fileChunkAssociatedData('f-1', 1048576, { index: 0, final: true });
 */
export function fileChunkAssociatedData(
  fileId: string,
  chunkSize: number,
  position: ChunkPosition,
): Uint8Array {
  assertId(fileId, 'fileId');
  assertSafeUint(position.index, 'index');
  return new ByteWriter()
    .u8(FILE_FORMAT_VERSION)
    .string(FILE_CHUNK_AD_LABEL)
    .string(fileId)
    .u32(chunkSize)
    .u64(position.index)
    .u8(position.final ? 1 : 0)
    .finish();
}

/**
 * Encrypts plaintext chunk `index`. Non-final chunks must hold exactly `chunkSize` bytes.
 *
 * @example
 * const c0 = await encryptFileChunk({ key, fileId, header, index: 0, final: false, plaintext: first1MiB });
 */
export async function encryptFileChunk(
  input: FileContext & ChunkPosition & { readonly plaintext: Uint8Array },
): Promise<Uint8Array> {
  const sodium = await loadSodium();
  checkContext(input);
  assertBytes(input.plaintext, 'plaintext');
  const { chunkSize } = input.header;
  const n = input.plaintext.length;
  const ok = input.final ? n <= chunkSize && (n > 0 || input.index === 0) : n === chunkSize;
  if (!ok)
    throw new CryptoError('input_invalid', 'chunk plaintext has the wrong length for its position');
  return sealChunk(sodium, input, input, input.plaintext);
}

/**
 * Decrypts encrypted chunk `index` on its own (random access); the caller says whether it is the
 * final chunk (it knows the file's size). Throws `decryption_failed` if it is not that chunk of
 * that file.
 *
 * @example
 * const plain = await decryptFileChunk({ key, fileId, header, index: 2, final: false, ciphertext });
 */
export async function decryptFileChunk(
  input: FileContext & ChunkPosition & { readonly ciphertext: Uint8Array },
): Promise<Uint8Array> {
  const sodium = await loadSodium();
  checkContext(input);
  assertBytes(input.ciphertext, 'ciphertext');
  const max = input.header.chunkSize + FILE_CHUNK_OVERHEAD;
  const n = input.ciphertext.length;
  const min = input.index === 0 ? FILE_CHUNK_OVERHEAD : FILE_CHUNK_OVERHEAD + 1;
  if (input.final ? n < min || n > max : n !== max) {
    throw new CryptoError(
      'envelope_malformed',
      'encrypted chunk has the wrong length for its position',
    );
  }
  return openChunk(sodium, input, input, input.ciphertext);
}

export function sealChunk(
  sodium: Sodium,
  context: FileContext,
  position: ChunkPosition,
  plaintext: Uint8Array,
): Uint8Array {
  const { header } = context;
  const ad = fileChunkAssociatedData(context.fileId, header.chunkSize, position);
  return aeadEncrypt(sodium, context.key, chunkNonce(header, position.index), plaintext, ad);
}

function openChunk(
  sodium: Sodium,
  context: FileContext,
  position: ChunkPosition,
  ciphertext: Uint8Array,
): Uint8Array {
  const { header } = context;
  const ad = fileChunkAssociatedData(context.fileId, header.chunkSize, position);
  return aeadDecrypt(sodium, context.key, chunkNonce(header, position.index), ciphertext, ad);
}

/**
 * Opens a chunk; on failure, works out *why* so the UI can say "the upload is incomplete" rather
 * than just "corrupted". Only the failure path pays for the extra attempts.
 */
export function openChunkDiagnosed(
  sodium: Sodium,
  context: FileContext,
  position: ChunkPosition,
  ciphertext: Uint8Array,
): Uint8Array {
  try {
    return openChunk(sodium, context, position, ciphertext);
  } catch (e) {
    if (!isCryptoError(e, 'decryption_failed')) throw e;
  }
  const opens = (p: ChunkPosition): boolean => {
    try {
      openChunk(sodium, context, p, ciphertext);
      return true;
    } catch {
      return false;
    }
  };
  if (opens({ index: position.index, final: !position.final })) {
    throw position.final
      ? new CryptoError('file_truncated', 'the encrypted file ends before its final chunk')
      : new CryptoError('file_trailing_data', 'data follows the final chunk of the encrypted file');
  }
  const from = Math.max(0, position.index - DIAGNOSE_WINDOW);
  for (let i = from; i <= position.index + DIAGNOSE_WINDOW; i++) {
    if (
      i !== position.index &&
      (opens({ index: i, final: false }) || opens({ index: i, final: true }))
    ) {
      throw new CryptoError(
        'chunk_out_of_order',
        'a chunk of the encrypted file is out of order or duplicated',
        {
          expected: position.index,
          found: i,
        },
      );
    }
  }
  throw new CryptoError(
    'decryption_failed',
    'a chunk of the encrypted file was altered or belongs to another file',
    {
      chunk: position.index,
    },
  );
}

function chunkNonce(header: FileHeader, index: number): Uint8Array {
  return concatBytes(header.noncePrefix, u64be(index));
}

export function checkContext(context: FileContext): void {
  assertKey(context.key, 'file key');
  assertId(context.fileId, 'fileId');
  encodeFileHeader(context.header); // validates chunk size and prefix
  // Typed as 1, but headers can come from untyped JSON callers.
  const version: number = context.header.version;
  if (version !== 1) throw unsupportedVersion(version);
}

function assertChunkSize(chunkSize: number, code: 'input_invalid' | 'envelope_malformed'): void {
  if (!Number.isInteger(chunkSize) || chunkSize < 1 || chunkSize > MAX_FILE_CHUNK_SIZE) {
    throw new CryptoError(code, `chunk size must be between 1 and ${MAX_FILE_CHUNK_SIZE} bytes`);
  }
}
