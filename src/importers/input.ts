/**
 * Reading the file: the same code for bytes held at once and for a stream of chunks (a `File`'s
 * stream in the browser's worker, a read stream in the CLI). Every loop here is bounded by the
 * input's size, and the size limit is checked as the bytes arrive.
 */
import { ImportError } from './errors.js';
import type { ImportSource, ImportStats } from './types.js';

/** Default limit for formats read as a stream (WhatsApp text, SMS XML, mbox): 1 GiB. */
export const STREAMED_MAX_BYTES = 1024 * 1024 * 1024;
/** Default limit for formats held in memory at once (JSON, zip, one email): 256 MiB. */
export const WHOLE_MAX_BYTES = 256 * 1024 * 1024;
/** Chunk size used when the source is one Uint8Array, so progress and cancel still work. */
const SLICE = 1024 * 1024;

/** What every reader needs to know about the import it serves. */
export interface ReadContext {
  maxBytes: number;
  signal?: AbortSignal | undefined;
  onProgress?: ((bytesRead: number) => void) | undefined;
  stats?: ImportStats | undefined;
}

export function checkCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new ImportError('cancelled');
}

function isAsyncIterable(source: ImportSource): source is AsyncIterable<Uint8Array> {
  return !(source instanceof Uint8Array);
}

/**
 * The source as chunks, counting bytes, enforcing the limit and honouring cancel. A chunk that
 * is not a Uint8Array is refused as an unrecognised format rather than crashing later.
 */
export async function* chunks(source: ImportSource, ctx: ReadContext): AsyncGenerator<Uint8Array> {
  let total = 0;
  const account = (n: number): void => {
    total += n;
    if (ctx.stats) ctx.stats.bytes = total;
    if (total > ctx.maxBytes) {
      throw new ImportError('file_too_large', undefined, { maxBytes: ctx.maxBytes });
    }
    ctx.onProgress?.(total);
  };
  if (!isAsyncIterable(source)) {
    if (source.length > ctx.maxBytes) {
      throw new ImportError('file_too_large', undefined, { maxBytes: ctx.maxBytes });
    }
    for (let i = 0; i < source.length; i += SLICE) {
      checkCancelled(ctx.signal);
      const part = source.subarray(i, Math.min(source.length, i + SLICE));
      account(part.length);
      yield part;
    }
    return;
  }
  for await (const chunk of unreadableAsError(source)) {
    checkCancelled(ctx.signal);
    if (!(chunk instanceof Uint8Array)) throw new ImportError('unrecognised_format');
    if (chunk.length === 0) continue;
    account(chunk.length);
    yield chunk;
  }
}

/** Reports a failure to read the source itself as `file_unreadable`. */
function unreadable(e: unknown): ImportError {
  if (e instanceof ImportError) return e;
  const detail =
    e !== null && typeof e === 'object' && 'code' in e && typeof e.code === 'string'
      ? e.code
      : e instanceof Error
        ? e.name
        : 'unknown';
  return new ImportError('file_unreadable', undefined, { reason: detail.slice(0, 100) });
}

async function* unreadableAsError(source: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  const iterator = source[Symbol.asyncIterator]();
  for (;;) {
    let next: IteratorResult<Uint8Array>;
    try {
      next = await iterator.next();
    } catch (e) {
      throw unreadable(e);
    }
    if (next.done === true) return;
    yield next.value;
  }
}

/** Joins chunks into one array. */
export function concatChunks(parts: readonly Uint8Array[], total?: number): Uint8Array {
  const size = total ?? parts.reduce((n, p) => n + p.length, 0);
  const only = parts.length === 1 ? parts[0] : undefined;
  if (only?.length === size) return only;
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Reads the whole source into memory (for zip, JSON and single emails), within the limit. */
export async function readAll(source: ImportSource, ctx: ReadContext): Promise<Uint8Array> {
  if (source instanceof Uint8Array) {
    if (source.length > ctx.maxBytes) {
      throw new ImportError('file_too_large', undefined, { maxBytes: ctx.maxBytes });
    }
    if (ctx.stats) ctx.stats.bytes = source.length;
    ctx.onProgress?.(source.length);
    return source;
  }
  const parts: Uint8Array[] = [];
  let total = 0;
  for await (const c of chunks(source, ctx)) {
    parts.push(c);
    total += c.length;
  }
  return concatChunks(parts, total);
}

/**
 * Reads up to `n` bytes from the start of a source for detection, and returns them with a
 * source that yields the whole file again (the head first, then the rest).
 */
export async function peek(
  source: ImportSource,
  n: number,
): Promise<{ head: Uint8Array; source: ImportSource }> {
  if (source instanceof Uint8Array) return { head: source.subarray(0, n), source };
  const iterator = unreadableAsError(source);
  const buffered: Uint8Array[] = [];
  let size = 0;
  let done = false;
  while (size < n) {
    const next = await iterator.next();
    if (next.done === true) {
      done = true;
      break;
    }
    const chunk: unknown = next.value;
    if (!(chunk instanceof Uint8Array)) throw new ImportError('unrecognised_format');
    buffered.push(chunk);
    size += chunk.length;
  }
  const joined = concatChunks(buffered, size);
  const rest: AsyncIterable<Uint8Array> = {
    async *[Symbol.asyncIterator]() {
      if (joined.length > 0) yield joined;
      if (done) return;
      for (;;) {
        const next = await iterator.next();
        if (next.done === true) return;
        yield next.value;
      }
    },
  };
  return { head: joined.subarray(0, n), source: rest };
}

/** The text encoding a byte-order mark announces, and the mark's length. */
export function sniffBom(head: Uint8Array): {
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be';
  skip: number;
} {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf)
    return { encoding: 'utf-8', skip: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', skip: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', skip: 2 };
  return { encoding: 'utf-8', skip: 0 };
}

/** Decodes bytes (whole) as text, honouring a BOM; invalid bytes become U+FFFD. */
export function decodeText(bytes: Uint8Array): string {
  const { encoding, skip } = sniffBom(bytes);
  return new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes.subarray(skip));
}

/**
 * Decodes a stream of chunks as text, chunk by chunk (a character split across chunks is
 * joined), honouring a BOM at the start.
 */
export async function* textChunks(source: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  let decoder: TextDecoder | undefined;
  let pending: Uint8Array | undefined;
  for await (const chunk of source) {
    if (!decoder) {
      const head = pending ? concatChunks([pending, chunk]) : chunk;
      if (head.length < 3) {
        pending = head;
        continue;
      }
      pending = undefined;
      const { encoding, skip } = sniffBom(head);
      decoder = new TextDecoder(encoding, { ignoreBOM: true });
      const text = decoder.decode(head.subarray(skip), { stream: true });
      if (text) yield text;
      continue;
    }
    const text = decoder.decode(chunk, { stream: true });
    if (text) yield text;
  }
  if (!decoder) {
    if (pending) {
      const { encoding, skip } = sniffBom(pending);
      const text = new TextDecoder(encoding, { ignoreBOM: true }).decode(pending.subarray(skip));
      if (text) yield text;
    }
    return;
  }
  const tail = decoder.decode();
  if (tail) yield tail;
}

/**
 * Splits streamed text into lines (`\n`, `\r\n` or a lone `\r`), without the line breaks.
 * Linear: each character is looked at a bounded number of times.
 */
export async function* lines(text: AsyncIterable<string>): AsyncGenerator<string[]> {
  let carry = '';
  let carryCr = false;
  for await (const chunk of text) {
    const out: string[] = [];
    let start = 0;
    let i = 0;
    if (carryCr && chunk.charCodeAt(0) === 10) {
      start = 1;
      i = 1;
    }
    carryCr = false;
    const n = chunk.length;
    if (!chunk.includes('\r')) {
      // The common case: LF only.
      for (let nl = chunk.indexOf('\n', start); nl >= 0; nl = chunk.indexOf('\n', start)) {
        out.push(carry + chunk.slice(start, nl));
        carry = '';
        start = nl + 1;
      }
    } else {
      for (; i < n; i++) {
        const c = chunk.charCodeAt(i);
        if (c !== 10 && c !== 13) continue;
        out.push(carry + chunk.slice(start, i));
        carry = '';
        if (c === 13) {
          if (i + 1 < n) {
            if (chunk.charCodeAt(i + 1) === 10) i++;
          } else {
            carryCr = true;
          }
        }
        start = i + 1;
      }
    }
    carry += chunk.slice(start);
    if (out.length > 0) yield out;
  }
  if (carry.length > 0) yield [carry];
}

/** True when the decoded text holds U+FFFD (invalid bytes replaced while decoding). */
export function hasReplacementChar(text: string): boolean {
  return text.includes('\uFFFD');
}
