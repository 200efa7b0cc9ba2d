/**
 * The encrypted file as random-access bytes, made on demand from the original: any byte range
 * [start, end) of `header ‖ chunk 0 ‖ chunk 1 ‖ …` (docs/vault-protocol.md §8) is computed by
 * reading only the plaintext chunks it overlaps and encrypting them again. Chunk nonces are
 * derived from the header, so chunk i encrypts to the same bytes every time: whatever offset a
 * tus server reports after an interruption, the bytes sent from there on are exactly the bytes
 * an uninterrupted upload would have sent.
 *
 * Chunks come from a `ChunkSource`: `localChunks` reads and encrypts them on this thread (Node,
 * tests, the witness page); the vault app's is a Web Worker (src/web/app/evidence/file-worker),
 * which reads, hashes and encrypts there and transfers each encrypted chunk's buffer back.
 *
 * Memory stays flat: one encrypted chunk is kept (consecutive ranges usually share a chunk at
 * their boundary), plus the range being returned and, while it is being sent, at most `ahead`
 * chunks made in advance (`ReadAhead`): encryption runs while the previous request is on the
 * wire instead of after it, and never runs further ahead than that. A range handed to tus is a
 * Blob made from the encrypted chunks themselves (one copy), after which each chunk but the one
 * cached goes back to its maker to be filled again (`ChunkSource.release`).
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
import { ReadAhead } from './read-ahead.js';

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
 * Where the encrypted chunks come from.
 *
 * @example const chunks = localChunks(context, blobReader(file));
 */
export interface ChunkSource {
  /** The plaintext size of the file. */
  readonly size: number;
  /**
   * Encrypted chunk `index`. Chunks are made one at a time in call order, so whatever watches
   * the plaintext (the in-order SHA-256) sees them in that order.
   */
  chunk(index: number): Promise<Uint8Array>;
  /** Stops making chunks (a worker is ended); further calls fail. */
  close(): void;
  /**
   * Gives a chunk's buffer back once its bytes are no longer needed (a worker fills it again);
   * the caller must not touch it afterwards.
   */
  release?(bytes: Uint8Array): void;
}

/**
 * Chunks read and encrypted on this thread.
 *
 * @param observe called with each chunk's plaintext whenever it is read (to hash the file while
 *   it is encrypted); called again if a chunk is read again.
 */
export function localChunks(
  context: FileContext,
  plain: PlainReader,
  observe?: (index: number, plaintext: Uint8Array) => void,
): ChunkSource {
  const chunks = fileChunkCount(plain.size, context.header.chunkSize);
  let turn: Promise<unknown> = Promise.resolve();
  let closed = false;
  const make = async (index: number): Promise<Uint8Array> => {
    if (closed) throw new Error('the file source is closed');
    const { chunkSize } = context.header;
    const from = index * chunkSize;
    const plaintext = await plain.read(from, Math.min(from + chunkSize, plain.size));
    observe?.(index, plaintext);
    return encryptFileChunk({ ...context, index, final: index === chunks - 1, plaintext });
  };
  return {
    size: plain.size,
    chunk(index) {
      const made = turn.then(() => make(index));
      turn = made.catch(() => undefined);
      return made;
    },
    close() {
      closed = true;
    },
  };
}

/** Chunks made ahead of the sender when none is said: enough to keep a worker busy. */
export const DEFAULT_CHUNKS_AHEAD = 2;

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
  private readonly source: ChunkSource;
  /** Chunks made here are closed here; chunks passed in are closed by whoever made them. */
  private readonly ownsSource: boolean;
  private readonly ahead: ReadAhead<Uint8Array>;
  private cached: { index: number; bytes: Uint8Array } | undefined;
  /** Chunks replaced in the cache, whose bytes a range being put together may still need. */
  private readonly used: Uint8Array[] = [];
  private closed = false;

  /**
   * @param plain the original file, or chunks made elsewhere (a worker), which `close` leaves
   *   open: an upload keeps them across a pause, for the SHA-256 built so far.
   * @param observe with a PlainReader: called with each chunk's plaintext as it is read.
   * @param options.ahead at most this many chunks are made ahead of what tus has asked for.
   */
  constructor(
    private readonly context: FileContext,
    plain: PlainReader | ChunkSource,
    observe?: (index: number, plaintext: Uint8Array) => void,
    options: { readonly ahead?: number } = {},
  ) {
    this.ownsSource = !('chunk' in plain);
    this.source = 'chunk' in plain ? plain : localChunks(context, plain, observe);
    this.headerBytes = encodeFileHeader(context.header);
    this.chunks = fileChunkCount(this.source.size, context.header.chunkSize);
    this.size = encryptedFileSize(this.source.size, context.header.chunkSize);
    this.ahead = new ReadAhead({
      make: (index) => this.source.chunk(index),
      count: this.chunks,
      limit: options.ahead ?? DEFAULT_CHUNKS_AHEAD,
    });
  }

  /** The encrypted bytes [start, end), clamped to the file's end (`end` may be Infinity). */
  async read(start: number, end: number): Promise<Uint8Array> {
    const parts = await this.parts(start, end, false);
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const part of parts) {
      out.set(part, at);
      at += part.length;
    }
    this.releaseUsed();
    return out;
  }

  /**
   * tus-js-client's interface: a Blob (it reads `.size`) and whether the range reaches the end.
   * Ranges come in order (each starts where the last one ended), so the chunks after this range
   * are made while it is sent.
   *
   * A Blob, not the bytes themselves: Chromium sends an ArrayBuffer body about ten times slower
   * than a Blob's (measured: 128 MiB in 30 s against 3 s), and the Blob holds its own copy, so
   * the chunks it was made from go back to be filled again at once (all but the last, cached
   * for the next range).
   */
  async slice(start: number, end: number): Promise<{ value: Blob; done: boolean }> {
    // Each part becomes a Blob (a copy) as soon as it is made, so its chunk can go back while
    // the next ones are awaited; the range's Blob only refers to them.
    const pieces: Blob[] = [];
    await this.parts(start, end, true, (part) => {
      pieces.push(new Blob([part as Uint8Array<ArrayBuffer>]));
      this.releaseUsed();
    });
    const value = new Blob(pieces);
    return { value, done: start + value.size >= this.size };
  }

  /**
   * The range as views into the header and the encrypted chunks it overlaps, each also given
   * to `each` as soon as it is there.
   */
  private async parts(
    start: number,
    end: number,
    readAhead: boolean,
    each?: (part: Uint8Array) => void,
  ): Promise<Uint8Array[]> {
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
      const part = this.headerBytes.subarray(start, Math.min(to, FILE_HEADER_BYTES));
      parts.push(part);
      each?.(part);
    }
    if (to <= FILE_HEADER_BYTES) return parts;
    const piece = this.context.header.chunkSize + FILE_CHUNK_OVERHEAD;
    const first = Math.floor(Math.max(0, start - FILE_HEADER_BYTES) / piece);
    const last = Math.floor((to - 1 - FILE_HEADER_BYTES) / piece);
    for (let index = first; index <= last; index++) {
      const chunkStart = FILE_HEADER_BYTES + index * piece;
      const bytes = await this.encryptedChunk(index, readAhead);
      const from = Math.max(start, chunkStart);
      const until = Math.min(to, chunkStart + bytes.length);
      const part = bytes.subarray(from - chunkStart, until - chunkStart);
      parts.push(part);
      each?.(part);
    }
    return parts;
  }

  /** Gives back the chunks no longer cached, once their bytes have been copied out. */
  private releaseUsed(): void {
    for (const bytes of this.used.splice(0)) this.source.release?.(bytes);
  }

  close(): void {
    this.closed = true;
    if (this.cached !== undefined) this.used.push(this.cached.bytes);
    this.cached = undefined;
    this.releaseUsed();
    this.ahead.close();
    if (this.ownsSource) this.source.close();
  }

  private async encryptedChunk(index: number, readAhead: boolean): Promise<Uint8Array> {
    if (this.cached?.index === index) return this.cached.bytes;
    const bytes = await (readAhead ? this.ahead.get(index) : this.source.chunk(index));
    if (this.closed) throw new Error('the file source is closed');
    // The chunk cached before goes back to be filled again once the range is copied out.
    if (this.cached !== undefined) this.used.push(this.cached.bytes);
    this.cached = { index, bytes };
    return bytes;
  }
}
