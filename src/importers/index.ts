/**
 * Importers: message and call exports → `ImportResult` (see `types.ts`). Pure and isomorphic:
 * the vault runs them in a Web Worker on the person's device, and the CLI preview runs the same
 * code in Node.
 *
 * @example
 * // In the browser, from a file input:
 * const result = await importFile(streamOf(file), { fileName: file.name, signal });
 * // where streamOf(file) is file.stream() as an async iterable of Uint8Array chunks.
 */
import { parseEml, parseMbox } from './email.js';
import { asImportError, ImportError } from './errors.js';
import { classifyZip, detectFormat, DETECT_BYTES } from './detect.js';
import {
  chunks,
  decodeText,
  lines,
  peek,
  readAll,
  STREAMED_MAX_BYTES,
  textChunks,
  WHOLE_MAX_BYTES,
  type ReadContext,
} from './input.js';
import {
  isMetaThread,
  metaPlatform,
  metaResult,
  readMetaThread,
  type MetaThread,
} from './meta-json.js';
import { WarningList } from './result.js';
import { parseSmsBackupXml } from './sms-xml.js';
import { isTelegramExport, parseTelegram } from './telegram.js';
import type { ImportFormat, ImportOptions, ImportResult, ImportSource } from './types.js';
import { parseWhatsAppLines, parseWhatsAppText } from './whatsapp.js';
import { isZip, listZip } from './zip.js';
import {
  bytesSource,
  listZipEntries,
  readZipEntryByRange,
  type ZipDirectoryEntry,
} from './zip-file.js';

export * from './types.js';
export {
  ImportError,
  isImportError,
  IMPORT_ERROR_MESSAGES,
  type ImportErrorCode,
} from './errors.js';
export { detectFormat } from './detect.js';
export { applyTimeZone, assignOwner, confirmDateOrder, itemKey } from './result.js';
export { normalisePhoneNumber, isWithheldNumber, normaliseSenderName } from './phone.js';
export { localToInstant, defaultTimeZone, assertTimeZone } from './time.js';
export { repairMojibake } from './mojibake.js';
export { previewOf, type ImportPreview } from './preview.js';

const STREAMED: ReadonlySet<ImportFormat> = new Set([
  'whatsapp-txt',
  'android-sms-xml',
  'android-calls-xml',
  'mbox',
]);

function parseJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(decodeText(bytes)) as unknown;
  } catch (e) {
    throw new ImportError('json_malformed', undefined, {
      reason: e instanceof Error ? e.message.slice(0, 200) : 'unknown',
    });
  }
}

async function run(source: ImportSource, options: ImportOptions): Promise<ImportResult> {
  const ctx = (maxBytes: number): ReadContext => ({
    maxBytes: options.maxBytes ?? maxBytes,
    signal: options.signal,
    onProgress: options.onProgress,
    stats: options.stats,
  });
  const peeked = await peek(source, DETECT_BYTES);
  if (peeked.head.length === 0) throw new ImportError('file_empty');
  let src = peeked.source;
  let whole: Uint8Array | undefined;
  let format = options.format;
  if (format === undefined) {
    if (isZip(peeked.head)) {
      whole = await readAll(src, ctx(WHOLE_MAX_BYTES));
      src = whole;
    }
    format = detectFormat(whole ?? peeked.head, options.fileName);
  }
  const streamed = STREAMED.has(format);
  const readCtx = ctx(streamed ? STREAMED_MAX_BYTES : WHOLE_MAX_BYTES);

  switch (format) {
    case 'whatsapp-txt':
      return parseWhatsAppLines(lines(textChunks(chunks(src, readCtx))), {
        format,
        fileName: options.fileName,
        owner: options.owner,
        dateOrder: options.dateOrder,
        stats: options.stats,
      });
    case 'android-sms-xml':
    case 'android-calls-xml':
      return parseSmsBackupXml(textChunks(chunks(src, readCtx)), { owner: options.owner });
    case 'mbox':
      return parseMbox(chunks(src, readCtx), { owner: options.owner });
    case 'eml':
      return parseEml(await readAll(src, readCtx), { owner: options.owner });
    case 'facebook-json':
    case 'instagram-json': {
      const json = parseJson(await readAll(src, readCtx));
      if (!isMetaThread(json)) throw new ImportError('json_unknown_shape');
      const channel =
        options.format === undefined
          ? metaPlatform(json, options.fileName)
          : format === 'instagram-json'
            ? 'instagram'
            : 'facebook';
      const f: ImportFormat = channel === 'instagram' ? 'instagram-json' : 'facebook-json';
      return metaResult(f, [readMetaThread(json, f, channel, options.fileName)], options.owner);
    }
    case 'telegram-json': {
      const bytes = whole ?? (await readAll(src, readCtx));
      let json: unknown;
      if (isZip(bytes)) {
        const entry = classifyZip(listZip(bytes), options.fileName).chats[0];
        if (entry === undefined) throw new ImportError('zip_no_chat');
        json = parseJson(await zipEntry(bytes, entry, readCtx.maxBytes));
      } else {
        json = parseJson(bytes);
      }
      if (!isTelegramExport(json)) throw new ImportError('json_unknown_shape');
      return parseTelegram(json, { owner: options.owner });
    }
    case 'whatsapp-zip': {
      const bytes = whole ?? (await readAll(src, readCtx));
      if (!isZip(bytes)) throw new ImportError('zip_malformed');
      const { chats } = classifyZip(listZip(bytes), options.fileName);
      const entry = chats[0];
      if (entry === undefined) throw new ImportError('zip_no_chat');
      const text = decodeText(await zipEntry(bytes, entry, readCtx.maxBytes));
      const result = parseWhatsAppText(text, {
        format,
        fileName: entry.endsWith('_chat.txt') ? options.fileName : entry,
        entryName: entry,
        owner: options.owner,
        dateOrder: options.dateOrder,
        stats: options.stats,
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
    case 'facebook-zip':
    case 'instagram-zip': {
      const bytes = whole ?? (await readAll(src, readCtx));
      if (!isZip(bytes)) throw new ImportError('zip_malformed');
      const { chats } = classifyZip(listZip(bytes), options.fileName);
      const channel = format === 'instagram-zip' ? 'instagram' : 'facebook';
      const threads: MetaThread[] = [];
      const warnings = new WarningList();
      for (const entry of chats) {
        if (options.signal?.aborted) throw new ImportError('cancelled');
        const json = parseJson(await zipEntry(bytes, entry, readCtx.maxBytes));
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
  }
}

/**
 * Reads one export file: detects its format (or uses `options.format`) and parses it.
 * Rejects only with an `ImportError` (a stable `code` and a message for the person); never
 * with anything else. Streams WhatsApp text, SMS XML and mailboxes; holds zip, JSON and single
 * emails in memory, within `options.maxBytes`.
 *
 * @example
 * const result = await importFile(bytes, { fileName: 'WhatsApp Chat with Alex.txt' });
 * for (const item of result.items) console.log(item.at.local, item.sender, item.text);
 */
export async function importFile(
  source: ImportSource,
  options: ImportOptions = {},
): Promise<ImportResult> {
  try {
    return await run(source, options);
  } catch (e) {
    throw asImportError(e);
  }
}

const directories = new WeakMap<Uint8Array, Map<string, ZipDirectoryEntry>>();

/**
 * One entry of a zip held whole, read the way the vault's worker reads every zip: inflated in
 * steps and refused once its real output passes `maxBytes`, whatever size the archive claims
 * (fflate's `unzipSync` trusts the claimed size and silently cuts the entry to it).
 */
async function zipEntry(bytes: Uint8Array, name: string, maxBytes: number): Promise<Uint8Array> {
  let byName = directories.get(bytes);
  if (byName === undefined) {
    byName = new Map((await listZipEntries(bytesSource(bytes))).map((e) => [e.name, e]));
    directories.set(bytes, byName);
  }
  const entry = byName.get(name);
  if (entry === undefined) throw new ImportError('zip_malformed');
  return readZipEntryByRange(bytesSource(bytes), entry, { maxBytes });
}
