/**
 * Zip exports read by range, for files too large to hold in memory: a WhatsApp export with
 * media is often gigabytes, but its chat is a few megabytes. Only the central directory and the
 * chat entries are read; photos and videos are never touched. Each entry is inflated in small
 * steps and refused once its real output passes the limit, whatever size the archive claims
 * (a forged size cannot make it allocate without bound).
 *
 * The vault's worker uses this for every zip (a `File` can be read by range); `importFile`
 * (index.ts) still reads small zips whole, and both give the same result for the same archive.
 */
import { Inflate } from 'fflate';
import { classifyZip } from './detect.js';
import { asImportError, ImportError } from './errors.js';
import { decodeText } from './input.js';
import { isMetaThread, metaResult, readMetaThread, type MetaThread } from './meta-json.js';
import { WarningList } from './result.js';
import { checkZipEntries, isSymlinkRecord, ZIP_MAX_ENTRIES } from './zip-safety.js';
import { isTelegramExport, parseTelegram } from './telegram.js';
import type { DateOrder, ImportResult } from './types.js';
import { parseWhatsAppText } from './whatsapp.js';

/** A file read by byte ranges: a browser `File` (`Blob.slice`) or bytes in memory. */
export interface RangeSource {
  readonly size: number;
  /** Up to `length` bytes from `offset` (fewer only at the end of the file). */
  read(offset: number, length: number): Promise<Uint8Array>;
}

/** Bytes in memory as a range source (tests, and the CLI). */
export function bytesSource(bytes: Uint8Array): RangeSource {
  return {
    size: bytes.length,
    read: (offset, length) => Promise.resolve(bytes.subarray(offset, offset + length)),
  };
}

/** The most any one entry may inflate to: 256 MiB. */
export const ZIP_ENTRY_MAX_BYTES = 256 * 1024 * 1024;
/** The largest central directory read: enough for several hundred thousand media files. */
const DIRECTORY_MAX_BYTES = 64 * 1024 * 1024;
/**
 * Compressed bytes given to the inflater at once. Deflate expands at most about 1032 times, so
 * one step yields at most ~16 MiB before the limit is checked again.
 */
const INFLATE_STEP = 16 * 1024;
/** Compressed bytes read from the file at once. */
const READ_STEP = 1024 * 1024;

/** An entry from the central directory. */
export interface ZipDirectoryEntry {
  readonly name: string;
  /** 0 stored, 8 deflated; anything else cannot be read. */
  readonly method: number;
  readonly compressedSize: number;
  /** What the archive claims; the real size is checked while inflating. */
  readonly originalSize: number;
  readonly localHeaderOffset: number;
  /** Made on Unix as a symbolic link (refused by `listZipEntries`). */
  readonly symlink: boolean;
}

const u16 = (b: Uint8Array, i: number): number => (b[i] ?? 0) | ((b[i + 1] ?? 0) << 8);
const u32 = (b: Uint8Array, i: number): number =>
  ((b[i] ?? 0) | ((b[i + 1] ?? 0) << 8) | ((b[i + 2] ?? 0) << 16) | ((b[i + 3] ?? 0) << 24)) >>> 0;
/** A 64-bit little-endian number; exact up to 2^53, which no real file reaches. */
const u64 = (b: Uint8Array, i: number): number => u32(b, i) + u32(b, i + 4) * 0x1_0000_0000;

const malformed = (): ImportError => new ImportError('zip_malformed');

async function readExactly(
  source: RangeSource,
  offset: number,
  length: number,
): Promise<Uint8Array> {
  if (offset < 0 || length < 0 || offset + length > source.size) throw malformed();
  const bytes = await source.read(offset, length);
  if (bytes.length !== length) throw malformed();
  return bytes;
}

/** Where the central directory is and how many entries it has (zip64 when needed). */
async function findDirectory(
  source: RangeSource,
): Promise<{ offset: number; size: number; count: number }> {
  const tailLength = Math.min(source.size, 22 + 65_535 + 20);
  const tailStart = source.size - tailLength;
  const tail = await readExactly(source, tailStart, tailLength);
  let e = tail.length - 22;
  while (e >= 0 && u32(tail, e) !== 0x06054b50) e--;
  if (e < 0) throw malformed();
  let count = u16(tail, e + 10);
  let size = u32(tail, e + 12);
  let offset = u32(tail, e + 16);
  if (e >= 20 && u32(tail, e - 20) === 0x07064b50) {
    const at = u64(tail, e - 20 + 8);
    const z = await readExactly(source, at, 56);
    if (u32(z, 0) !== 0x06064b50) throw malformed();
    count = u64(z, 32);
    size = u64(z, 40);
    offset = u64(z, 48);
  }
  if (size > DIRECTORY_MAX_BYTES || offset + size > source.size || count * 46 > size) {
    throw malformed();
  }
  return { offset, size, count };
}

/**
 * The archive's entries, from its central directory, without reading any entry.
 *
 * @example
 * const entries = await listZipEntries(bytesSource(bytes)); // [{ name: '_chat.txt', … }, …]
 */
export async function listZipEntries(source: RangeSource): Promise<ZipDirectoryEntry[]> {
  const { offset, size, count } = await findDirectory(source);
  if (count > ZIP_MAX_ENTRIES) {
    throw new ImportError('file_too_large', undefined, {
      entries: count,
      maxEntries: ZIP_MAX_ENTRIES,
    });
  }
  const dir = await readExactly(source, offset, size);
  const decoder = new TextDecoder('utf-8');
  const entries: ZipDirectoryEntry[] = [];
  let p = 0;
  for (let n = 0; n < count; n++) {
    if (p + 46 > dir.length || u32(dir, p) !== 0x02014b50) throw malformed();
    const method = u16(dir, p + 10);
    let compressedSize = u32(dir, p + 20);
    let originalSize = u32(dir, p + 24);
    const nameLength = u16(dir, p + 28);
    const extraLength = u16(dir, p + 30);
    const commentLength = u16(dir, p + 32);
    let localHeaderOffset = u32(dir, p + 42);
    const nameStart = p + 46;
    const extraStart = nameStart + nameLength;
    const next = extraStart + extraLength + commentLength;
    if (next > dir.length) throw malformed();
    const name = decoder.decode(dir.subarray(nameStart, extraStart));
    // Zip64: the real values of the fields written as 0xFFFFFFFF, in this order.
    for (let x = extraStart; x + 4 <= extraStart + extraLength;) {
      const id = u16(dir, x);
      const length = u16(dir, x + 2);
      if (id === 0x0001) {
        let f = x + 4;
        if (originalSize === 0xffffffff) {
          originalSize = u64(dir, f);
          f += 8;
        }
        if (compressedSize === 0xffffffff) {
          compressedSize = u64(dir, f);
          f += 8;
        }
        if (localHeaderOffset === 0xffffffff) localHeaderOffset = u64(dir, f);
      }
      x += 4 + length;
    }
    const symlink = isSymlinkRecord(dir, p);
    entries.push({ name, method, compressedSize, originalSize, localHeaderOffset, symlink });
    p = next;
  }
  checkZipEntries(entries);
  return entries;
}

export interface EntryReadOptions {
  readonly maxBytes?: number;
  readonly signal?: AbortSignal | undefined;
  /** Called with the compressed bytes read so far for this entry. */
  readonly onRead?: ((bytes: number) => void) | undefined;
}

/**
 * One entry's contents, inflated step by step. Throws `file_too_large` (with the entry's name)
 * as soon as the output passes `maxBytes`, `zip_malformed` for damaged data or an unknown
 * compression method, `cancelled` when the signal aborts.
 */
export async function readZipEntryByRange(
  source: RangeSource,
  entry: ZipDirectoryEntry,
  options: EntryReadOptions = {},
): Promise<Uint8Array> {
  const maxBytes = options.maxBytes ?? ZIP_ENTRY_MAX_BYTES;
  const tooLarge = (): ImportError =>
    new ImportError('file_too_large', undefined, { entry: entry.name.slice(0, 200), maxBytes });
  if (entry.method !== 0 && entry.method !== 8) throw malformed();
  const local = await readExactly(source, entry.localHeaderOffset, 30);
  if (u32(local, 0) !== 0x04034b50) throw malformed();
  const dataStart = entry.localHeaderOffset + 30 + u16(local, 26) + u16(local, 28);
  if (dataStart + entry.compressedSize > source.size) throw malformed();
  // A size the archive admits to is refused at once; a smaller claim is checked while inflating.
  if (entry.originalSize > maxBytes) throw tooLarge();
  if (entry.method === 0 && entry.compressedSize > maxBytes) throw tooLarge();

  const parts: Uint8Array[] = [];
  let total = 0;
  const inflater =
    entry.method === 8
      ? new Inflate((chunk) => {
          total += chunk.length;
          if (total > maxBytes) throw tooLarge();
          parts.push(chunk);
        })
      : undefined;
  let done = 0;
  while (done < entry.compressedSize) {
    if (options.signal?.aborted === true) throw new ImportError('cancelled');
    const length = Math.min(READ_STEP, entry.compressedSize - done);
    const block = await readExactly(source, dataStart + done, length);
    done += length;
    options.onRead?.(done);
    if (inflater === undefined) {
      parts.push(block);
      total += block.length;
      continue;
    }
    for (let i = 0; i < block.length; i += INFLATE_STEP) {
      const last = done === entry.compressedSize && i + INFLATE_STEP >= block.length;
      try {
        inflater.push(block.subarray(i, i + INFLATE_STEP), last);
      } catch (e) {
        throw e instanceof ImportError ? e : malformed();
      }
    }
  }
  if (inflater !== undefined && entry.compressedSize === 0) throw malformed();
  const out = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

function parseJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(decodeText(bytes)) as unknown;
  } catch (e) {
    throw new ImportError('json_malformed', undefined, {
      reason: e instanceof Error ? e.message.slice(0, 200) : 'unknown',
    });
  }
}

export interface ZipImportOptions {
  readonly fileName?: string | undefined;
  readonly owner?: string | undefined;
  readonly dateOrder?: DateOrder | undefined;
  readonly signal?: AbortSignal | undefined;
  /** Compressed bytes of the chosen entries read so far, and how many there are in all. */
  readonly onProgress?: ((done: number, total: number) => void) | undefined;
  /** The most any entry may inflate to (256 MiB by default). */
  readonly maxEntryBytes?: number;
}

/**
 * Reads a zip export (WhatsApp with media, Facebook or Instagram "Download your information",
 * Telegram) by range. Rejects only with an `ImportError`, as `importFile` does.
 *
 * @example
 * const result = await importZipExport(fileSource(file), { fileName: file.name, signal });
 */
export async function importZipExport(
  source: RangeSource,
  options: ZipImportOptions = {},
): Promise<ImportResult> {
  try {
    return await readZipExport(source, options);
  } catch (e) {
    throw asImportError(e);
  }
}

async function readZipExport(
  source: RangeSource,
  options: ZipImportOptions,
): Promise<ImportResult> {
  if (source.size === 0) throw new ImportError('file_empty');
  const entries = await listZipEntries(source);
  const { format, chats } = classifyZip(
    entries.map((e) => ({ name: e.name, size: e.compressedSize, originalSize: e.originalSize })),
    options.fileName,
  );
  const byName = new Map(entries.map((e) => [e.name, e]));
  const wanted =
    format === 'whatsapp-zip' || format === 'telegram-json' ? chats.slice(0, 1) : chats;
  const total = wanted.reduce((n, name) => n + (byName.get(name)?.compressedSize ?? 0), 0);
  let before = 0;
  const read = async (name: string): Promise<Uint8Array> => {
    const entry = byName.get(name);
    if (entry === undefined) throw malformed();
    const bytes = await readZipEntryByRange(source, entry, {
      maxBytes: options.maxEntryBytes ?? ZIP_ENTRY_MAX_BYTES,
      signal: options.signal,
      onRead: (n) => options.onProgress?.(before + n, total),
    });
    before += entry.compressedSize;
    return bytes;
  };

  switch (format) {
    case 'whatsapp-zip': {
      const entry = chats[0];
      if (entry === undefined) throw new ImportError('zip_no_chat');
      const result = parseWhatsAppText(decodeText(await read(entry)), {
        format,
        fileName: entry.endsWith('_chat.txt') ? options.fileName : entry,
        entryName: entry,
        owner: options.owner,
        dateOrder: options.dateOrder,
      });
      if (chats.length > 1) {
        result.warnings.push({
          code: 'zip_multiple_chats',
          message: `the zip holds ${chats.length} chats; the first (${entry}) was read`,
          count: chats.length - 1,
        });
      }
      return result;
    }
    case 'telegram-json': {
      const entry = chats[0];
      if (entry === undefined) throw new ImportError('zip_no_chat');
      const json = parseJson(await read(entry));
      if (!isTelegramExport(json)) throw new ImportError('json_unknown_shape');
      return parseTelegram(json, { owner: options.owner });
    }
    case 'facebook-zip':
    case 'instagram-zip': {
      const channel = format === 'instagram-zip' ? 'instagram' : 'facebook';
      const threads: MetaThread[] = [];
      const warnings = new WarningList();
      for (const entry of chats) {
        const json = parseJson(await read(entry));
        if (!isMetaThread(json)) {
          warnings.add('record_skipped', 'some conversations were malformed and left out');
          continue;
        }
        threads.push(readMetaThread(json, format, channel, entry));
      }
      if (threads.length === 0) throw new ImportError('zip_no_chat');
      const result = metaResult(format, threads, options.owner);
      result.warnings.push(...warnings.list());
      return result;
    }
    case 'whatsapp-txt':
    case 'android-sms-xml':
    case 'android-calls-xml':
    case 'eml':
    case 'mbox':
    case 'facebook-json':
    case 'instagram-json':
      // classifyZip names only zip formats; these cannot come from a zip.
      throw new ImportError('zip_no_chat');
  }
}
