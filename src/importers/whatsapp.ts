/**
 * WhatsApp "Export chat" text (`WhatsApp Chat with Alex.txt`, or `_chat.txt` inside the zip).
 *
 * One line starts each message: a timestamp, then the sender and the text.
 *
 * ```text
 * 12/03/2024, 14:05 - Alex: Where are you?                   Android, 24-hour, day-first
 * 3/12/24, 2:05 PM - Alex: Where are you?                    Android, 12-hour, month-first
 * [12/03/2024, 14:05:33] Alex: Where are you?                iPhone, with seconds
 * [2024-03-12 14:05:33] ~ Sam: hi                            year-first; unsaved contact
 * 12/03/2024, 14:05 - Messages and calls are end-to-end…     Android system line (no sender)
 * [12/03/2024, 14:05:33] Alex: ‎image omitted                iPhone marker, led by U+200E
 * ```
 *
 * Lines that do not start with a timestamp continue the message before them. The line-start
 * scanner is hand-written and looks at no more than about 60 characters of a line, so a file of
 * near-miss lines costs work in proportion to its length (see `ImportStats`).
 */
import { ImportError } from './errors.js';
import { cleanText, looksLikePhoneNumber, normalisePhoneNumber } from './phone.js';
import { callDirection, finishResult, WarningList, type CallOutcome } from './result.js';
import { formatLocal } from './time.js';
import type {
  DateOrder,
  ImportedItem,
  ImportFormat,
  ImportResult,
  ImportStats,
  ItemAttachment,
} from './types.js';
import {
  AM_WORDS,
  CALL_BACK,
  CALL_DECLINED,
  CALL_NO_ANSWER,
  CALLS,
  CHAT_FILE_NAME_PREFIXES,
  DELETED,
  DOCUMENT_OMITTED,
  EDITED_SUFFIXES,
  ENCRYPTION_WORDS,
  FILE_ATTACHED,
  IPHONE_OMITTED,
  markerKey,
  MARKER_STARTS,
  markerStart,
  MEDIA_OMITTED,
  MISSED_CALLS,
  PM_WORDS,
} from './whatsapp-languages.js';

export interface WhatsAppOptions {
  format?: Extract<ImportFormat, 'whatsapp-txt' | 'whatsapp-zip'>;
  /** The export's file name, which names the chat ("WhatsApp Chat with Alex.txt"). */
  fileName?: string | undefined;
  /** The chat file's name inside a zip, kept in each item's `source.file`. */
  entryName?: string | undefined;
  owner?: string | undefined;
  dateOrder?: DateOrder | undefined;
  stats?: ImportStats | undefined;
}

// ---------------------------------------------------------------------------------------------
// The line-start scanner

const enum Period {
  None = 0,
  Am = 1,
  Pm = 2,
  /** A word WhatsApp may write in a language not in the tables. */
  Unknown = 3,
  /** Not a day-period word at all (digits, punctuation): the line is not a timestamp. */
  Invalid = 4,
}

/** What the scanner read from a line start. Reused for every line to avoid allocation. */
interface Header {
  ios: boolean;
  n1: number;
  n2: number;
  n3: number;
  l1: number;
  l3: number;
  hour: number;
  minute: number;
  second: number;
  stampStart: number;
  stampEnd: number;
  restStart: number;
  period: Period;
}

const isMark = (c: number): boolean =>
  c === 0x200e ||
  c === 0x200f ||
  c === 0xfeff ||
  (c >= 0x202a && c <= 0x202e) ||
  (c >= 0x2066 && c <= 0x2069);
const isSpace = (c: number): boolean => c === 0x20 || c === 0xa0 || c === 0x202f || c === 0x2009;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
/** Longest day-period marker the scanner looks for, spaces included ("nachm.", "a. m."). */
const MARKER_WINDOW = 12;

/** Longest day-period word, in letters ("nachm", "午後"). */
const MAX_PERIOD_LETTERS = 8;

/** Reads a day-period marker such as "PM", "a. m." or "午後". */
function periodOf(marker: string): Period {
  let key = '';
  for (let i = 0; i < marker.length; i++) {
    const c = marker.charCodeAt(i);
    if (c === 46 || isSpace(c) || isMark(c)) continue;
    // Letters only: ASCII, Latin-1 and beyond; digits and punctuation mean "not a marker".
    const letter =
      (c >= 65 && c <= 90) ||
      (c >= 97 && c <= 122) ||
      (c >= 0xc0 && c !== 0xd7 && c !== 0xf7 && (c < 0x2000 || c > 0x206f));
    if (!letter) return Period.Invalid;
    key += marker.charAt(i);
  }
  if (key === '') return Period.None;
  if (key.length > MAX_PERIOD_LETTERS) return Period.Invalid;
  key = key.toLowerCase();
  if (AM_WORDS.has(key)) return Period.Am;
  if (PM_WORDS.has(key)) return Period.Pm;
  return Period.Unknown;
}

/**
 * Reads a WhatsApp timestamp at the start of `line` into `h`. Returns false when the line does
 * not start with one (it then continues the previous message). Looks at no more than about
 * 60 characters; adds the count to `stats.headerCharsExamined`.
 */
function scanHeader(line: string, h: Header, stats: ImportStats | undefined): boolean {
  const n = line.length;
  let i = 0;
  let ok = false;
  scan: {
    while (i < n && i < 4 && isMark(line.charCodeAt(i))) i++;
    h.ios = line.charCodeAt(i) === 91; // [
    if (h.ios) i++;
    h.stampStart = i;
    // Date: three numbers with one separator, e.g. 12/03/2024, 3/12/24, 2024-03-12, 12.03.24
    let start = i;
    let v = 0;
    let c: number;
    while (i < n && i - start < 5 && isDigit((c = line.charCodeAt(i)))) {
      v = v * 10 + c - 48;
      i++;
    }
    const l1 = i - start;
    if (l1 === 0 || l1 === 3 || l1 > 4) break scan;
    h.n1 = v;
    const sep = line.charCodeAt(i);
    if (sep !== 47 && sep !== 46 && sep !== 45) break scan; // / . -
    i++;
    if (isSpace(line.charCodeAt(i))) i++;
    start = i;
    v = 0;
    while (i < n && i - start < 3 && isDigit((c = line.charCodeAt(i)))) {
      v = v * 10 + c - 48;
      i++;
    }
    if (i - start === 0 || i - start > 2) break scan;
    h.n2 = v;
    if (line.charCodeAt(i) !== sep) break scan;
    i++;
    if (isSpace(line.charCodeAt(i))) i++;
    start = i;
    v = 0;
    while (i < n && i - start < 5 && isDigit((c = line.charCodeAt(i)))) {
      v = v * 10 + c - 48;
      i++;
    }
    const l3 = i - start;
    if (l3 === 0 || l3 === 3 || l3 > 4 || (l1 === 4 && l3 !== 1 && l3 !== 2)) break scan;
    h.n3 = v;
    h.l1 = l1;
    h.l3 = l3;
    if (line.charCodeAt(i) === 46) i++; // "2024. 03. 12."
    // Between date and time: a comma and/or one or two spaces.
    const beforeGap = i;
    if (line.charCodeAt(i) === 44) i++;
    if (isSpace(line.charCodeAt(i))) i++;
    if (isSpace(line.charCodeAt(i))) i++;
    if (i === beforeGap || !isSpace(line.charCodeAt(i - 1))) break scan;
    // A day-period marker before the time (Japanese, Chinese, Korean): up to 4 characters.
    h.period = Period.None;
    if (!isDigit(line.charCodeAt(i))) {
      const markStart = i;
      while (i < n && i - markStart < 4 && !isDigit(line.charCodeAt(i))) i++;
      if (!isDigit(line.charCodeAt(i))) break scan;
      h.period = periodOf(line.slice(markStart, i));
      if (h.period === Period.None || h.period === Period.Invalid) break scan;
    }
    // Time: H:mm, HH:mm or HH:mm:ss, with ':' or '.'.
    start = i;
    v = 0;
    while (i < n && i - start < 3 && isDigit((c = line.charCodeAt(i)))) {
      v = v * 10 + c - 48;
      i++;
    }
    if (i - start === 0 || i - start > 2) break scan;
    const hour = v;
    const tsep = line.charCodeAt(i);
    if (tsep !== 58 && tsep !== 46) break scan;
    i++;
    if (!isDigit(line.charCodeAt(i)) || !isDigit(line.charCodeAt(i + 1))) break scan;
    h.minute = (line.charCodeAt(i) - 48) * 10 + line.charCodeAt(i + 1) - 48;
    i += 2;
    h.second = -1;
    const ssep = line.charCodeAt(i);
    if (
      (ssep === 58 || ssep === 46) &&
      isDigit(line.charCodeAt(i + 1)) &&
      isDigit(line.charCodeAt(i + 2))
    ) {
      h.second = (line.charCodeAt(i + 1) - 48) * 10 + line.charCodeAt(i + 2) - 48;
      i += 3;
    }
    if (isDigit(line.charCodeAt(i))) break scan;
    // After the time: an optional marker, then "] " (iPhone) or " - " (Android).
    const markStart = i;
    const limit = Math.min(n, i + MARKER_WINDOW + 3);
    let end: number;
    if (h.ios) {
      while (i < limit && line.charCodeAt(i) !== 93) i++;
      if (i >= limit) break scan;
      end = i;
      h.restStart = i + 1;
      if (isSpace(line.charCodeAt(h.restStart))) h.restStart++;
    } else {
      while (i < limit) {
        const d = line.charCodeAt(i);
        if ((d === 45 || d === 0x2013) && i > markStart && isSpace(line.charCodeAt(i - 1))) {
          const after = line.charCodeAt(i + 1);
          if (i + 1 >= n || isSpace(after)) break;
        }
        i++;
      }
      if (i >= limit) break scan;
      end = i - 1;
      h.restStart = Math.min(n, i + 2);
    }
    h.stampEnd = end;
    if (end > markStart) {
      const p = periodOf(line.slice(markStart, end));
      if (p === Period.Invalid) break scan;
      if (p !== Period.None) {
        if (h.period !== Period.None) break scan;
        h.period = p;
      }
    }
    // Hours and minutes must be real.
    if (h.minute > 59 || h.second > 59) break scan;
    if (h.period === Period.None || h.period === Period.Unknown) {
      if (hour > 23) break scan;
      h.hour = hour;
    } else {
      if (hour < 1 || hour > 12) break scan;
      h.hour = h.period === Period.Pm ? (hour % 12) + 12 : hour % 12;
    }
    ok = true;
  }
  if (stats) stats.headerCharsExamined += Math.min(n, i + 1);
  return ok;
}

// ---------------------------------------------------------------------------------------------
// Messages

/** What `classify` found in a message's first line; one object, reused for every line. */
interface Scratch {
  text: string;
  attachment: ItemAttachment | undefined;
  call: { outcome: CallOutcome; video: boolean; durationSeconds?: number } | undefined;
  deleted: boolean;
}

function resetScratch(scratch: Scratch): Scratch {
  scratch.text = '';
  scratch.attachment = undefined;
  scratch.call = undefined;
  scratch.deleted = false;
  return scratch;
}

const WA_MEDIA_NAME =
  /^(?:IMG|VID|AUD|PTT|STK|DOC|PHOTO|VIDEO|AUDIO)-\d{8}-WA\d{1,6}\.[A-Za-z0-9]{1,5}$/;
const NAME_QUOTES = /["\u201C\u201D\u00AB\u00BB\u201E]/;
/** Longest sender name accepted on an Android line; longer means a system line with a colon. */
const MAX_NAME = 100;

const MIME_BY_EXTENSION: Readonly<Record<string, string>> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  heic: 'image/heic',
  mp4: 'video/mp4',
  mov: 'video/quicktime',
  '3gp': 'video/3gpp',
  opus: 'audio/ogg',
  ogg: 'audio/ogg',
  m4a: 'audio/mp4',
  mp3: 'audio/mpeg',
  aac: 'audio/aac',
  pdf: 'application/pdf',
  vcf: 'text/vcard',
  txt: 'text/plain',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

/** A MIME type guessed from a file name's extension; `*\/*` when unknown. */
export function mimeFromName(name: string): string {
  const dot = name.lastIndexOf('.');
  if (dot < 0 || name.length - dot > 6) return '*/*';
  return MIME_BY_EXTENSION[name.slice(dot + 1).toLowerCase()] ?? '*/*';
}

function stripLeadingMarks(text: string): string {
  let i = 0;
  while (i < text.length && isMark(text.charCodeAt(i))) i++;
  return i === 0 ? text : text.slice(i);
}

/** Parses a call duration such as "12 min", "1 hr 5 min", "45 sec" or "1:02:03". */
function durationOf(part: string): number | undefined {
  if (/^\d{1,2}(?::\d{2}){1,2}$/.test(part)) {
    return part.split(':').reduce((t, x) => t * 60 + Number(x), 0);
  }
  const tokens = part.replace(/(\d)([a-z])/g, '$1 $2').split(' ');
  if (tokens.length % 2 !== 0 || tokens.length > 6) return undefined;
  let total = 0;
  for (let i = 0; i < tokens.length; i += 2) {
    const value = Number(tokens[i]);
    const unit = (tokens[i + 1] ?? '').replace(/\.$/, '');
    if (!Number.isInteger(value)) return undefined;
    if (
      /^(?:s|sec|secs|second|seconds|seg|segs|segundo|segundos|sek|secondi|seconde|seconden|eiliad|eiliadau)$/.test(
        unit,
      )
    )
      total += value;
    else if (
      /^(?:m|min|mins|minute|minutes|minuto|minutos|minuti|minuut|minuten|munud)$/.test(unit)
    )
      total += value * 60;
    else if (/^(?:h|hr|hrs|hour|hours|hora|horas|ora|ore|uur|std|stunde|stunden|awr)$/.test(unit))
      total += value * 3600;
    else return undefined;
  }
  return total;
}

/** Reads a call line ("Missed voice call, Tap to call back", "Video call, 12 min"). */
function callOf(key: string): Scratch['call'] {
  if (key.length > 80) return undefined;
  const parts = key.split(/[,.•] /);
  const head = parts[0] ?? '';
  const missed = MISSED_CALLS.get(head);
  const answered = missed ? undefined : CALLS.get(head);
  if (!missed && !answered) return undefined;
  const call: NonNullable<Scratch['call']> = {
    outcome: missed ? 'missed' : 'answered',
    video: (missed ?? answered) === 'video',
  };
  for (const raw of parts.slice(1)) {
    const part = raw.replace(/\.$/, '');
    if (CALL_BACK.has(part) || part === '') continue;
    if (CALL_NO_ANSWER.has(part)) {
      call.outcome = 'no-answer';
      continue;
    }
    if (CALL_DECLINED.has(part)) {
      call.outcome = 'declined';
      continue;
    }
    const seconds = durationOf(part);
    if (seconds === undefined) return undefined;
    call.durationSeconds = seconds;
  }
  if (call.outcome !== 'answered' && call.durationSeconds === undefined) call.durationSeconds = 0;
  return call;
}

function isEncryptionNotice(text: string): boolean {
  if (!text.includes('WhatsApp')) return false;
  const lower = text.toLowerCase();
  return ENCRYPTION_WORDS.some((w) => lower.includes(w));
}

/** How the English encryption notice starts, for an iPhone export without marks. */
const UNMARKED_NOTICES = [
  'Messages and calls are end-to-end encrypted. No one outside of this chat',
  'Messages to this chat and calls are now secured with end-to-end encryption.',
];

/**
 * Reads the first line of a message's text for WhatsApp's markers. Returns 'system' when an
 * iPhone line led by U+200E is none of the message markers (a group change, a security notice).
 */
function classify(p: Scratch, text: string, ios: boolean): 'message' | 'system' {
  const led = text.length > 0 && isMark(text.charCodeAt(0));
  const bare = stripLeadingMarks(text);
  if (bare.length <= 120 && (bare.charCodeAt(0) === 60 || MARKER_STARTS.has(markerStart(bare)))) {
    const key = markerKey(bare);
    if (MEDIA_OMITTED.has(key)) {
      p.attachment = { name: '', type: '*/*', omitted: true };
      p.text = '';
      return 'message';
    }
    const type = IPHONE_OMITTED.get(key);
    if (type !== undefined) {
      p.attachment = { name: '', type, omitted: true };
      p.text = '';
      return 'message';
    }
    const call = callOf(key);
    if (call) {
      p.call = call;
      p.text = '';
      return 'message';
    }
    if (DELETED.has(key)) {
      p.deleted = true;
      p.text = cleanText(bare);
      return 'message';
    }
  }
  // "report.pdf • 3 pages document omitted" (iPhone, so led by a mark)
  if (led && bare.length <= 300 && DOCUMENT_OMITTED.some((phrase) => bare.endsWith(phrase))) {
    const name = cleanText(bare.split('•')[0] ?? '');
    p.attachment = { name, type: mimeFromName(name), omitted: true };
    p.text = '';
    return 'message';
  }
  // iPhone: "<attached: 00000012-PHOTO-2024-03-12-14-05-33.jpg>", in any language.
  if (bare.charCodeAt(0) === 60) {
    const close = bare.indexOf('>');
    const colon = bare.indexOf(': ');
    if (close > 0 && colon > 1 && colon < close && colon <= 30 && close - colon < 260) {
      const name = bare.slice(colon + 2, close).trim();
      if (name.includes('.') && !name.includes('<')) {
        p.attachment = { name, type: mimeFromName(name) };
        p.text = bare.slice(close + 1).trim();
        return 'message';
      }
    }
  }
  // Android: "IMG-20240312-WA0001.jpg (file attached)", in any language for WhatsApp's names.
  if (bare.endsWith(')')) {
    const open = bare.lastIndexOf(' (');
    if (open > 0 && bare.length - open < 40) {
      const name = bare.slice(0, open);
      if (FILE_ATTACHED.has(markerKey(bare.slice(open + 1))) || WA_MEDIA_NAME.test(name)) {
        p.attachment = { name, type: mimeFromName(name) };
        p.text = '';
        return 'message';
      }
    }
  }
  if (led && (ios || isEncryptionNotice(bare))) return 'system';
  // An iPhone export with its direction marks stripped (some apps that share or save it do):
  // the encryption notice, word for word, is still not a message.
  if (!led && ios && UNMARKED_NOTICES.some((start) => bare.startsWith(start))) return 'system';
  p.text = text;
  return 'message';
}

/** The chat name from a file name: "WhatsApp Chat with Alex.txt" → "Alex". */
export function chatNameFromFileName(fileName: string | undefined): string | undefined {
  if (!fileName) return undefined;
  const base = fileName.slice(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
  const stem = base.replace(/\.(txt|zip)$/i, '');
  const lower = stem.toLowerCase();
  for (const prefix of CHAT_FILE_NAME_PREFIXES) {
    if (lower.startsWith(prefix)) {
      const name = cleanText(stem.slice(prefix.length).replace(/ \(\d{1,3}\)$/, ''));
      return name || undefined;
    }
  }
  return undefined;
}

/** True when a file name looks like a WhatsApp export's. */
export function isWhatsAppFileName(fileName: string | undefined): boolean {
  if (!fileName) return false;
  const base = fileName.slice(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
  return base === '_chat.txt' || chatNameFromFileName(base) !== undefined || /whatsapp/i.test(base);
}

/** Cleans a sender as written: marks removed, "~ " (unsaved contact) noted, numbers normalised. */
function senderOf(raw: string): { sender: string; unsaved: boolean } {
  let name = cleanText(raw);
  let unsaved = false;
  if (name.startsWith('~')) {
    unsaved = true;
    name = cleanText(name.slice(1));
  }
  return { sender: looksLikePhoneNumber(name) ? normalisePhoneNumber(name) : name, unsaved };
}

function stripEdited(text: string): { text: string; edited: boolean } {
  let end = text.length;
  while (end > 0 && (isSpace(text.charCodeAt(end - 1)) || text.charCodeAt(end - 1) === 10)) end--;
  if (end === 0 || text.charCodeAt(end - 1) !== 62) return { text, edited: false };
  const tail = text.slice(Math.max(0, end - 60), end);
  for (const suffix of EDITED_SUFFIXES) {
    if (tail.endsWith(suffix)) {
      let cut = end - suffix.length;
      while (cut > 0 && (isSpace(text.charCodeAt(cut - 1)) || isMark(text.charCodeAt(cut - 1))))
        cut--;
      return { text: text.slice(0, cut), edited: true };
    }
  }
  return { text, edited: false };
}

function trimTrailingNewlines(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 10) end--;
  return end === text.length ? text : text.slice(0, end);
}

/**
 * Collects lines and turns them into a result at the end. Feed it lines in order with
 * `push`, then call `finish`.
 */
export class WhatsAppParser {
  private readonly h: Header = {
    ios: false,
    n1: 0,
    n2: 0,
    n3: 0,
    l1: 0,
    l3: 0,
    hour: 0,
    minute: 0,
    second: -1,
    stampStart: 0,
    stampEnd: 0,
    restStart: 0,
    period: Period.None,
  };
  /** The messages so far; their text, dates and call outcomes are kept beside them. */
  private readonly items: ImportedItem[] = [];
  private readonly texts: string[] = [];
  private readonly outcomes = new Map<number, CallOutcome>();
  /** Date fields packed per message: ((n1 × 100 + n2) × 10⁴ + n3) × 100 + l1 × 10 + l3. */
  private dates = new Float64Array(1024);
  /** Time packed per message: (hour × 60 + minute) × 61 + second + 1 (0: no seconds). */
  private times = new Int32Array(1024);
  private readonly scratch: Scratch = {
    text: '',
    attachment: undefined,
    call: undefined,
    deleted: false,
  };
  /** Whether the line being continued belongs to a message (true) or a system line (false). */
  private inMessage = false;
  private started = false;
  private lineNo = 0;
  private beforeFirst = 0;
  private beforeFirstLine = 0;
  private unknownPeriodLines = 0;
  private firstUnknownLine = 0;
  private chatName: string | undefined;
  /** Sender names repeat on every line: clean each once. */
  private readonly senders = new Map<string, { sender: string; unsaved: boolean }>();
  private lastName = '';
  private systemCount = 0;
  private readonly options: WhatsAppOptions;
  private readonly format: Extract<ImportFormat, 'whatsapp-txt' | 'whatsapp-zip'>;

  constructor(options: WhatsAppOptions = {}) {
    this.options = options;
    this.format = options.format ?? 'whatsapp-txt';
  }

  /** Reads the next lines of the file. */
  push(lines: readonly string[]): void {
    const h = this.h;
    const stats = this.options.stats;
    if (stats) stats.lines += lines.length;
    for (const line of lines) {
      this.lineNo++;
      if (!scanHeader(line, h, stats)) {
        this.continueWith(line);
        continue;
      }
      if (h.period === Period.Unknown) {
        if (this.unknownPeriodLines++ === 0) this.firstUnknownLine = this.lineNo;
        this.continueWith(line);
        continue;
      }
      this.start(line);
    }
  }

  private continueWith(line: string): void {
    if (this.inMessage) {
      // A caption under an attachment marker starts the text; otherwise a new line of it.
      const last = this.texts.length - 1;
      const text = this.texts[last] ?? '';
      this.texts[last] = text === '' ? line : text + '\n' + line;
    } else if (!this.started && line.trim() !== '') {
      if (this.beforeFirst++ === 0) this.beforeFirstLine = this.lineNo;
    }
  }

  private system(): void {
    this.inMessage = false;
    this.systemCount++;
  }

  private start(line: string): void {
    const h = this.h;
    this.started = true;
    const restStart = h.restStart;
    const colon = line.indexOf(': ', restStart);
    let nameEnd = colon;
    let textStart = colon + 2;
    if (colon < 0 && line.endsWith(':') && line.length - restStart <= MAX_NAME + 1) {
      nameEnd = line.length - 1;
      textStart = line.length;
    }
    // Most lines come from the sender of the line before: reuse the name without slicing it.
    const last = this.lastName;
    const same =
      last !== '' && nameEnd - restStart === last.length && line.startsWith(last, restStart);
    const name = same ? last : nameEnd > restStart ? line.slice(restStart, nameEnd) : '';
    let who = name === '' ? undefined : this.senders.get(name);
    if (!who) {
      if (nameEnd <= restStart || nameEnd - restStart > MAX_NAME || NAME_QUOTES.test(name)) {
        // No sender: an Android system line ("Alex created group …").
        this.system();
        return;
      }
      who = senderOf(name);
      if (this.senders.size < 10_000) this.senders.set(name, who);
    }
    this.lastName = name;
    const scratch = resetScratch(this.scratch);
    if (classify(scratch, line.slice(textStart), h.ios) === 'system') {
      if (this.chatName === undefined && who.sender !== '') this.chatName = who.sender;
      this.system();
      return;
    }
    const index = this.items.length;
    const item: ImportedItem = {
      kind: scratch.call ? 'call' : 'message',
      channel: 'whatsapp',
      sender: who.sender,
      senderIsOwner: false,
      at: { original: line.slice(h.stampStart, h.stampEnd) },
      source: { format: this.format, index, line: this.lineNo },
    };
    if (who.unsaved) item.senderUnsaved = true;
    if (scratch.call) {
      item.call = { direction: 'unknown', video: scratch.call.video };
      if (scratch.call.durationSeconds !== undefined) {
        item.call.durationSeconds = scratch.call.durationSeconds;
      }
      this.outcomes.set(index, scratch.call.outcome);
    }
    if (scratch.attachment) item.attachments = [scratch.attachment];
    if (scratch.deleted) item.deleted = true;
    this.items.push(item);
    this.texts.push(scratch.text);
    if (index >= this.dates.length) {
      const dates = new Float64Array(this.dates.length * 2);
      dates.set(this.dates);
      this.dates = dates;
      const times = new Int32Array(this.times.length * 2);
      times.set(this.times);
      this.times = times;
    }
    this.dates[index] = ((h.n1 * 100 + h.n2) * 10_000 + h.n3) * 100 + h.l1 * 10 + h.l3;
    this.times[index] = (h.hour * 60 + h.minute) * 61 + h.second + 1;
    this.inMessage = true;
  }

  /** The wall time of message `index` in a date order; undefined when it is not a real date. */
  private localOf(index: number, order: DateOrder): string | undefined {
    return localOf(this.dates[index] ?? 0, this.times[index] ?? 0, order);
  }

  /** Ends the file and builds the result. */
  finish(): ImportResult {
    const format = this.format;
    const items = this.items;
    if (items.length === 0) {
      if (this.unknownPeriodLines > 0) {
        throw new ImportError('whatsapp_unknown_language', undefined, {
          line: this.firstUnknownLine,
        });
      }
      throw new ImportError('whatsapp_no_messages');
    }
    if (this.unknownPeriodLines > items.length) {
      throw new ImportError('whatsapp_unknown_language', undefined, {
        line: this.firstUnknownLine,
      });
    }
    const warnings = new WarningList();
    if (this.beforeFirst > 0) {
      warnings.add(
        'text_before_first_message',
        'text before the first message was not part of any message',
        this.beforeFirstLine,
        this.beforeFirst,
      );
    }

    const order = this.decideOrder(warnings);

    // The owner: said by the caller, or the participant who is not the chat's name in a
    // one-to-one chat (the chat is named after the other person).
    const senders = new Set<string>();
    for (const item of items) senders.add(item.sender);
    const chatName = this.chatName ?? chatNameFromFileName(this.options.fileName);
    let owner: ImportResult['owner'];
    if (this.options.owner !== undefined) {
      owner = { sender: senderOf(this.options.owner).sender, how: 'option' };
    } else if (chatName !== undefined && senders.size === 2 && senders.has(chatName)) {
      const other = [...senders].find((s) => s !== chatName);
      if (other !== undefined) owner = { sender: other, how: 'chat-name' };
    }
    if (!owner) {
      warnings.add(
        'owner_unknown',
        'the export does not say which participant is you; choose one',
        undefined,
        1,
      );
    }

    let invalid = 0;
    let firstInvalid = 0;
    const other = order.order === 'day-first' ? 'month-first' : 'day-first';
    const entry = this.options.entryName;
    for (const [i, item] of items.entries()) {
      const reading = this.localOf(i, order.order);
      if (reading === undefined) {
        if (invalid++ === 0) firstInvalid = item.source.line ?? 0;
      } else {
        item.at.local = reading;
      }
      if (order.ambiguous) {
        const alternative = this.localOf(i, other);
        if (alternative !== undefined) item.at.alternativeLocal = alternative;
      }
      const isOwner = owner !== undefined && item.sender === owner.sender;
      item.senderIsOwner = isOwner;
      if (chatName !== undefined) item.conversation = chatName;
      if (entry !== undefined) item.source.file = entry;
      if (item.call) {
        const outcome = this.outcomes.get(i) ?? 'answered';
        item.call.direction = callDirection(outcome, isOwner, owner !== undefined);
      } else {
        const { text, edited } = stripEdited(trimTrailingNewlines(this.texts[i] ?? ''));
        if (text !== '') item.text = text;
        if (edited) item.edited = true;
      }
    }
    if (invalid > 0) {
      warnings.add('date_invalid', 'some dates are not real dates', firstInvalid, invalid);
    }
    const result: ImportResult = {
      format,
      items,
      participants: [],
      ambiguousDateOrder: order.ambiguous,
      dateOrder: order.order,
      warnings: [],
      skipped: this.systemCount,
    };
    if (owner) result.owner = owner;
    if (chatName !== undefined) result.conversation = chatName;
    return finishResult(result, warnings);
  }

  /**
   * The date order, from the whole file: a first number over 12 means day-first, a second
   * number over 12 month-first; a four-digit first number means year-first. When nothing
   * decides, the reading in which the messages run in order is suggested (day-first on a tie)
   * and the result says it is ambiguous.
   */
  private decideOrder(warnings: WarningList): { order: DateOrder; ambiguous: boolean } {
    const forced = this.options.dateOrder;
    const count = this.items.length;
    let yearFirst = 0;
    let yearLast = 0;
    let firstOver12 = 0;
    let secondOver12 = 0;
    for (let i = 0; i < count; i++) {
      const d = leadingFields(this.dates[i] ?? 0);
      if (d.yearFirst) {
        yearFirst++;
        continue;
      }
      yearLast++;
      if (d.n1 > 12) firstOver12++;
      if (d.n2 > 12) secondOver12++;
    }
    if (forced !== undefined) return { order: forced, ambiguous: false };
    if (yearFirst > yearLast) return { order: 'year-first', ambiguous: false };
    if (firstOver12 > 0 && secondOver12 > 0) {
      warnings.add(
        'date_order_conflict',
        'some dates only make sense day-first and others month-first',
        undefined,
        Math.min(firstOver12, secondOver12),
      );
      return { order: firstOver12 >= secondOver12 ? 'day-first' : 'month-first', ambiguous: false };
    }
    if (firstOver12 > 0) return { order: 'day-first', ambiguous: false };
    if (secondOver12 > 0) return { order: 'month-first', ambiguous: false };
    const backwards = (order: DateOrder): number => {
      let backward = 0;
      let previous = '';
      for (let i = 0; i < count; i++) {
        const local = this.localOf(i, order);
        if (local === undefined) {
          backward++;
          continue;
        }
        if (local < previous) backward++;
        previous = local;
      }
      return backward;
    };
    const order = backwards('month-first') < backwards('day-first') ? 'month-first' : 'day-first';
    warnings.add(
      'date_order_ambiguous',
      'the dates could be day-first or month-first; check the first and last dates',
      undefined,
      1,
    );
    return { order, ambiguous: true };
  }
}

function expandYear(value: number, digits: number): number {
  return digits <= 2 ? 2000 + value : value;
}

/** A wall time from packed date and time fields in a date order; undefined when not real. */
function localOf(dateCode: number, timeCode: number, order: DateOrder): string | undefined {
  const lengths = dateCode % 100;
  let rest = (dateCode - lengths) / 100;
  const n3 = rest % 10_000;
  rest = (rest - n3) / 10_000;
  const n2 = rest % 100;
  const n1 = (rest - n2) / 100;
  const secondPlusOne = timeCode % 61;
  const minutes = (timeCode - secondPlusOne) / 61;
  const minute = minutes % 60;
  const hour = (minutes - minute) / 60;
  const second = secondPlusOne === 0 ? undefined : secondPlusOne - 1;
  if (lengths >= 40) return formatLocal(n1, n2, n3, hour, minute, second); // year first
  const year = expandYear(n3, lengths % 10);
  return order === 'month-first'
    ? formatLocal(year, n1, n2, hour, minute, second)
    : formatLocal(year, n2, n1, hour, minute, second);
}

/** The first two date fields and whether the year comes first, from the packed form. */
function leadingFields(dateCode: number): { yearFirst: boolean; n1: number; n2: number } {
  const lengths = dateCode % 100;
  const rest = (dateCode - lengths) / 1_000_000;
  const n2 = rest % 100;
  return { yearFirst: lengths >= 40, n1: (rest - n2) / 100, n2 };
}

/**
 * Parses a whole WhatsApp export held as text.
 *
 * @example
 * const result = parseWhatsAppText('12/03/2024, 14:05 - Alex: Where are you?\n');
 * result.items[0]?.at.local; // '2024-03-12T14:05'
 */
export function parseWhatsAppText(text: string, options: WhatsAppOptions = {}): ImportResult {
  const parser = new WhatsAppParser(options);
  let start = 0;
  const batch: string[] = [];
  const n = text.length;
  let i = 0;
  if (text.charCodeAt(0) === 0xfeff) start = i = 1;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c !== 10 && c !== 13) continue;
    batch.push(text.slice(start, i));
    if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
    start = i + 1;
    if (batch.length >= 4096) parser.push(batch.splice(0));
  }
  if (start < n) batch.push(text.slice(start));
  parser.push(batch);
  return parser.finish();
}

/** Parses a WhatsApp export arriving as batches of lines (see `input.ts`'s `lines`). */
export async function parseWhatsAppLines(
  lineBatches: AsyncIterable<string[]>,
  options: WhatsAppOptions = {},
): Promise<ImportResult> {
  const parser = new WhatsAppParser(options);
  let first = true;
  for await (const batch of lineBatches) {
    const head = first ? batch[0] : undefined;
    if (head?.charCodeAt(0) === 0xfeff) batch[0] = head.slice(1);
    first = false;
    parser.push(batch);
  }
  return parser.finish();
}

/** True when `line` starts with a WhatsApp timestamp this parser reads (used by detection). */
export function startsWithWhatsAppStamp(line: string): 'yes' | 'unknown-language' | 'no' {
  const h: Header = {
    ios: false,
    n1: 0,
    n2: 0,
    n3: 0,
    l1: 0,
    l3: 0,
    hour: 0,
    minute: 0,
    second: -1,
    stampStart: 0,
    stampEnd: 0,
    restStart: 0,
    period: Period.None,
  };
  if (!scanHeader(line, h, undefined)) return 'no';
  return h.period === Period.Unknown ? 'unknown-language' : 'yes';
}
