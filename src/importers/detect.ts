/**
 * Which importer reads a file: decided from its first bytes, its file name as a hint, and for a
 * zip from the names of the entries in it.
 */
import { ImportError } from './errors.js';
import { decodeText } from './input.js';
import type { ImportFormat } from './types.js';
import { startsWithWhatsAppStamp, isWhatsAppFileName, chatNameFromFileName } from './whatsapp.js';
import { isZip, listZip, type ZipEntry } from './zip.js';

/** How much of the file's start detection reads. */
export const DETECT_BYTES = 64 * 1024;
/** Lines of text detection looks at for WhatsApp timestamps. */
const DETECT_LINES = 40;

const META_THREAD =
  /(?:^|\/)messages\/(?:inbox|archived_threads|filtered_threads|message_requests|e2ee_cutover)\/[^/]{1,300}\/message_\d{1,6}\.json$/;
const EMAIL_HEADERS =
  /^(?:from|to|date|subject|message-id|received|mime-version|return-path|delivered-to|reply-to|cc|x-[a-z0-9-]{1,60}|dkim-signature|content-type|arc-[a-z-]{1,30}|authentication-results|thread-topic|in-reply-to|references):/i;

/** What a zip holds: the WhatsApp chat file, Messenger/Instagram threads, or a Telegram export. */
export function classifyZip(
  entries: readonly ZipEntry[],
  fileName?: string,
): { format: ImportFormat; chats: string[] } {
  const names = entries.map((e) => e.name).filter((n) => !n.endsWith('/'));
  const threads = names.filter((n) => META_THREAD.test(n));
  if (threads.length > 0) {
    const instagram =
      /instagram/i.test(fileName ?? '') || threads.some((n) => /instagram/i.test(n));
    return { format: instagram ? 'instagram-zip' : 'facebook-zip', chats: threads };
  }
  const texts = names.filter((n) => n.toLowerCase().endsWith('.txt'));
  const base = (n: string): string => n.slice(n.lastIndexOf('/') + 1);
  const chats = [
    ...texts.filter((n) => base(n) === '_chat.txt'),
    ...texts.filter((n) => base(n) !== '_chat.txt' && chatNameFromFileName(base(n)) !== undefined),
  ];
  if (chats.length > 0) return { format: 'whatsapp-zip', chats };
  if (texts.length === 1 && isWhatsAppFileName(fileName)) {
    return { format: 'whatsapp-zip', chats: texts };
  }
  const telegram = names.filter((n) => base(n) === 'result.json');
  if (telegram.length > 0) return { format: 'telegram-json', chats: telegram };
  throw new ImportError('zip_no_chat');
}

function firstLines(text: string, max: number): string[] {
  const out: string[] = [];
  let start = 0;
  while (out.length < max && start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end).replace(/\r$/, '');
    if (line.trim() !== '') out.push(line);
    start = end + 1;
  }
  return out;
}

/** A line starting with something like a date and then a time: "١٢/٠٣/٢٠٢٤، ٢:٠٥ م - …". */
const DATED_LINE =
  /^[\u200e\u200f[]{0,3}\d{1,4}[./\-\u060c]\s?\d{1,2}[./\-\u060c]\s?\d{1,4}\D{1,6}\d{1,2}[:.]\d{2}/;

/** Eastern Arabic and Persian digits as ASCII, for detection only. */
function asciiDigits(text: string): string {
  return text.replace(/[\u0660-\u0669\u06f0-\u06f9]/g, (d) =>
    String((d.charCodeAt(0) - 0x0660) % 0x90),
  );
}

/** A JSON export's format from its start, or undefined when it is not a known shape. */
function jsonFormat(text: string, fileName: string | undefined): ImportFormat | undefined {
  const sample = text.slice(0, 20_000);
  if (
    /"participants"\s*:/.test(sample) &&
    /"(?:sender_name|senderName|messages)"\s*:/.test(sample)
  ) {
    return /instagram/i.test(fileName ?? '') ? 'instagram-json' : 'facebook-json';
  }
  if (
    /"personal_information"\s*:/.test(sample) ||
    /"date_unixtime"\s*:/.test(sample) ||
    /"type"\s*:\s*"(?:personal_chat|private_group|private_supergroup|public_supergroup|saved_messages|bot_chat|private_channel|public_channel)"/.test(
      sample,
    )
  ) {
    return 'telegram-json';
  }
  return undefined;
}

/**
 * True when text starting with `{` or `[` reads as JSON: the whole of it parses, or (for the
 * start of a longer file) it opens like a JSON object or array rather than like prose.
 */
function looksLikeJson(text: string, whole: boolean): boolean {
  if (whole) {
    try {
      JSON.parse(text);
      return true;
    } catch {
      // A cut-off or broken JSON file still opens like one; see below.
    }
  }
  return /^(?:\{\s*(?:"|\})|\[\s*(?:[{["\]\d-]|true|false|null))/.test(text);
}

const extensionOf = (fileName: string | undefined): string => {
  const m = /\.([a-z0-9]{1,8})$/i.exec(fileName ?? '');
  return (m?.[1] ?? '').toLowerCase();
};

/**
 * Picks the format of a file from its first bytes (at least `DETECT_BYTES` of them, or the
 * whole file if shorter; all of it for a zip) and, as a hint, its name.
 *
 * Throws an ImportError: `file_empty`; `unrecognised_format`; `whatsapp_unknown_language` for
 * text that looks like a WhatsApp export with timestamps in a form not yet known;
 * `json_unknown_shape` and `xml_unknown_root` for JSON and XML that are not exports;
 * `zip_no_chat` for a zip with no chat in it.
 *
 * @example
 * detectFormat(new TextEncoder().encode('12/03/2024, 14:05 - Alex: hi\n')); // 'whatsapp-txt'
 */
export function detectFormat(bytes: Uint8Array, fileName?: string): ImportFormat {
  if (bytes.length === 0) throw new ImportError('file_empty');
  if (isZip(bytes)) return classifyZip(listZip(bytes), fileName).format;
  const head = decodeText(bytes.subarray(0, DETECT_BYTES));
  const text = head.replace(/^[\s\uFEFF]{0,1000}/, '');
  if (text === '') throw new ImportError('file_empty');
  const ext = extensionOf(fileName);

  if (text.startsWith('<')) {
    if (/<smses[\s>/]/.test(text)) return 'android-sms-xml';
    if (/<calls[\s>/]/.test(text)) return 'android-calls-xml';
    if (/^<!doctype html|<html[\s>]/i.test(text.slice(0, 2000))) {
      throw new ImportError(
        'unrecognised_format',
        'this is a web page (HTML); download your Facebook or Instagram information in JSON format instead',
      );
    }
    if (text.startsWith('<?xml') || ext === 'xml') throw new ImportError('xml_unknown_root');
    throw new ImportError('unrecognised_format');
  }
  if (text.startsWith('From ')) return 'mbox';

  const lines = firstLines(text, DETECT_LINES);
  const first = lines[0] ?? '';
  if (EMAIL_HEADERS.test(first) || (ext === 'eml' && /^[A-Za-z][A-Za-z0-9-]{0,76}:/.test(first))) {
    if (lines.slice(0, 30).some((l) => /^(?:from|date|subject|message-id):/i.test(l))) return 'eml';
  }

  let yes = 0;
  let unknownLanguage = 0;
  for (const line of lines) {
    const verdict = startsWithWhatsAppStamp(line);
    if (verdict === 'yes') yes++;
    else if (verdict === 'unknown-language') unknownLanguage++;
  }
  const firstVerdict = startsWithWhatsAppStamp(first);
  if (firstVerdict === 'yes' || yes >= 2) return 'whatsapp-txt';
  // JSON only now: an iPhone WhatsApp export without direction marks starts with "[" too.
  if (text.startsWith('{') || text.startsWith('[')) {
    const json = jsonFormat(text, fileName);
    if (json !== undefined) return json;
    if (looksLikeJson(text, bytes.length <= DETECT_BYTES))
      throw new ImportError('json_unknown_shape');
  }
  if (unknownLanguage > 0 || firstVerdict === 'unknown-language') {
    throw new ImportError('whatsapp_unknown_language', undefined, { line: first.slice(0, 80) });
  }
  // Lines that start with a date and a time in a form the scanner does not read (other digits,
  // other separators): a chat export in a language or form not seen yet.
  const dated = lines.filter((l) => DATED_LINE.test(asciiDigits(l.slice(0, 40)))).length;
  if (
    dated >= Math.min(2, lines.length) &&
    (dated * 2 >= lines.length || isWhatsAppFileName(fileName))
  ) {
    throw new ImportError('whatsapp_unknown_language', undefined, { line: first.slice(0, 80) });
  }
  throw new ImportError('unrecognised_format');
}
