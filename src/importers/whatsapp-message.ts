/**
 * What a WhatsApp message's first line says beyond its timestamp: the sender, a media or
 * document marker (and the file's media type), a call and its outcome, a deleted or edited
 * message, a system notice. Also what a chat's file name says. Used by whatsapp-parser.ts.
 */
import { isMark, isSpace } from './whatsapp-header.js';
import { cleanText, looksLikePhoneNumber, normalisePhoneNumber } from './phone.js';
import { type CallOutcome } from './result.js';
import type { ItemAttachment } from './types.js';
import {
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
} from './whatsapp-languages.js';

/** What `classify` found in a message's first line; one object, reused for every line. */
export interface Scratch {
  text: string;
  attachment: ItemAttachment | undefined;
  call: { outcome: CallOutcome; video: boolean; durationSeconds?: number } | undefined;
  deleted: boolean;
}

export function resetScratch(scratch: Scratch): Scratch {
  scratch.text = '';
  scratch.attachment = undefined;
  scratch.call = undefined;
  scratch.deleted = false;
  return scratch;
}

const WA_MEDIA_NAME =
  /^(?:IMG|VID|AUD|PTT|STK|DOC|PHOTO|VIDEO|AUDIO)-\d{8}-WA\d{1,6}\.[A-Za-z0-9]{1,5}$/;
export const NAME_QUOTES = /["\u201C\u201D\u00AB\u00BB\u201E]/;
/** Longest sender name accepted on an Android line; longer means a system line with a colon. */
export const MAX_NAME = 100;

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
export function classify(p: Scratch, text: string, ios: boolean): 'message' | 'system' {
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
export function senderOf(raw: string): { sender: string; unsaved: boolean } {
  let name = cleanText(raw);
  let unsaved = false;
  if (name.startsWith('~')) {
    unsaved = true;
    name = cleanText(name.slice(1));
  }
  return { sender: looksLikePhoneNumber(name) ? normalisePhoneNumber(name) : name, unsaved };
}

export function stripEdited(text: string): { text: string; edited: boolean } {
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

export function trimTrailingNewlines(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 10) end--;
  return end === text.length ? text : text.slice(0, end);
}
