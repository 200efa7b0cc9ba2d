/**
 * The encrypted file as random-access bytes, made on demand from the original: any byte range
 * [start, end) of `header ‖ chunk 0 ‖ chunk 1 ‖ …` (docs/vault-protocol.md §8) is computed by
 * reading only the plaintext chunks it overlaps and encrypting them again. Chunk nonces are
 * derived from the header, so chunk i encrypts to the same bytes every time: whatever offset a
 * tus server reports after an interruption, the bytes sent from there on are exactly the bytes
 * an uninterrupted upload would have sent.
 *
 * Memory stays flat: one encrypted chunk is kept (consecutive ranges usually share a chunk at
 * their boundary), plus the range being returned and, while it is being sent, the next range:
 * `slice` starts encrypting the range that will most likely be asked for next, so encryption
 * runs while the previous request is on the wire instead of after it. A range handed to tus is
 * a Blob made from the encrypted chunks themselves, so the browser keeps its bytes outside the
 * JavaScript heap and nothing copies the whole range first.
 */
import {
  encodeFileHeader,
  encryptedFileSize,
  encryptFileChunk,
  FILE_CHUNK_OVERHEAD,
  FILE_HEADER_BYTES,
  fileChunkCount,
  type FileContext,
} from '../../crypto/index.js';

/** Reads plaintext ranges of the original file. */
export interface PlainReader {
  readonly size: number;
  read(start: number, end: number): Promise<Uint8Array>;
}

/**
 * A reader over a Blob or File, one slice at a time (never the whole file). A File that
 * changed on disk after it was chosen fails to read (Chromium's NotReadableError), which stops
 * the upload rather than sending different bytes.
 *
 * @example const plain = blobReader(file);
 */
export function blobReader(blob: Blob): PlainReader {
  return {
    size: blob.size,
    async read(start, end) {
      return new Uint8Array(await blob.slice(start, end).arrayBuffer());
    },
  };
}

/**
 * tus-js-client's file source for the encrypted stream (its `fileReader.openFile` returns one).
 *
 * @example
 * const source = new EncryptingSource({ key, fileId, header }, blobReader(file));
 * const first = await source.read(0, 1000); // header and the start of chunk 0
 */
export class EncryptingSource {
  /** The size of the encrypted file: what the tus upload's Upload-Length is. */
  readonly size: number;
  /** Number of chunks. */
  readonly chunks: number;
  private readonly headerBytes: Uint8Array;
  private cached: { index: number; bytes: Uint8Array } | undefined;
  /** Chunks are made one at a time, in call order, so `observe` sees them in that order. */
  private turn: Promise<unknown> = Promise.resolve();
  private ahead: { start: number; end: number; blob: Promise<Blob> } | undefined;
  private closed = false;

  /**
   * @param observe called with each chunk's plaintext whenever it is read (to hash the file
   *   while it is encrypted); called again if a chunk is read again.
   */
  constructor(
    private readonly context: FileContext,
    private readonly plain: PlainReader,
    private readonly observe?: (index: number, plaintext: Uint8Array) => void,
  ) {
    this.headerBytes = encodeFileHeader(context.header);
    this.chunks = fileChunkCount(plain.size, context.header.chunkSize);
    this.size = encryptedFileSize(plain.size, context.header.chunkSize);
  }

  /** The encrypted bytes [start, end), clamped to the file's end (`end` may be Infinity). */
  async read(start: number, end: number): Promise<Uint8Array> {
    const parts = await this.parts(start, end);
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const part of parts) {
      out.set(part, at);
      at += part.length;
    }
    return out;
  }

  /**
   * tus-js-client's interface: a Blob (it reads `.size`) and whether the range reaches the end.
   * Ranges come in order (each starts where the last one ended), so the next one is prepared
   * while this one is sent.
   */
  async slice(start: number, end: number): Promise<{ value: Blob; done: boolean }> {
    const ahead = this.ahead;
    this.ahead = undefined;
    const value =
      ahead !== undefined && ahead.start === start && ahead.end === end
        ? await ahead.blob
        : await this.blob(start, end);
    const next = start + value.size;
    if (Number.isFinite(end) && next < this.size && !this.closed) {
      const prepared = this.blob(next, next + (end - start));
      // A failure here shows when (if) the range is asked for: tus then reads it again.
      prepared.catch(() => undefined);
      this.ahead = { start: next, end: next + (end - start), blob: prepared };
    }
    return { value, done: next >= this.size };
  }

  /** The range as a Blob made straight from the chunks, with no copy of the whole range. */
  private async blob(start: number, end: number): Promise<Blob> {
    return new Blob((await this.parts(start, end)) as Uint8Array<ArrayBuffer>[]);
  }

  /** The range as views into the header and the encrypted chunks it overlaps. */
  private async parts(start: number, end: number): Promise<Uint8Array[]> {
    if (this.closed) throw new Error('the file source is closed');
    // tus asks for [offset, Infinity) when it sends the rest in one request.
    const endOk = Number.isSafeInteger(end) || end === Number.POSITIVE_INFINITY;
    if (!Number.isSafeInteger(start) || start < 0 || !endOk) {
      throw new RangeError('byte range must be whole numbers from 0');
    }
    const to = Math.min(end, this.size);
    if (start >= to) return [];
    const parts: Uint8Array[] = [];
    if (start < FILE_HEADER_BYTES) {
      parts.push(this.headerBytes.subarray(start, Math.min(to, FILE_HEADER_BYTES)));
    }
    if (to <= FILE_HEADER_BYTES) return parts;
    const piece = this.context.header.chunkSize + FILE_CHUNK_OVERHEAD;
    const first = Math.floor(Math.max(0, start - FILE_HEADER_BYTES) / piece);
    const last = Math.floor((to - 1 - FILE_HEADER_BYTES) / piece);
    for (let index = first; index <= last; index++) {
      const chunkStart = FILE_HEADER_BYTES + index * piece;
      const bytes = await this.encryptedChunk(index);
      const from = Math.max(start, chunkStart);
      const until = Math.min(to, chunkStart + bytes.length);
      parts.push(bytes.subarray(from - chunkStart, until - chunkStart));
    }
    return parts;
  }

  close(): void {
    this.closed = true;
    this.cached = undefined;
    this.ahead = undefined;
  }

  private encryptedChunk(index: number): Promise<Uint8Array> {
    const made = this.turn.then(() => this.makeChunk(index));
    this.turn = made.catch(() => undefined);
    return made;
  }

  private async makeChunk(index: number): Promise<Uint8Array> {
    if (this.cached?.index === index) return this.cached.bytes;
    if (this.closed) throw new Error('the file source is closed');
    const { chunkSize } = this.context.header;
    const from = index * chunkSize;
    const plaintext = await this.plain.read(from, Math.min(from + chunkSize, this.plain.size));
    this.observe?.(index, plaintext);
    const bytes = await encryptFileChunk({
      ...this.context,
      index,
      final: index === this.chunks - 1,
      plaintext,
    });
    this.cached = { index, bytes };
    return bytes;
  }
}
