/**
 * The WhatsApp line-start scanner: whether a line opens a message, and its timestamp's fields
 * (see whatsapp.ts for the shapes it reads). Hand-written, it looks at no more than about 60
 * characters of a line, so a file of near-miss lines costs work in proportion to its length.
 * With it, the packed date and time codes the parser keeps per message and their reading.
 */
import { formatLocal } from './time.js';
import type { DateOrder, ImportStats } from './types.js';
import { AM_WORDS, PM_WORDS } from './whatsapp-languages.js';

export const enum Period {
  None = 0,
  Am = 1,
  Pm = 2,
  /** A word WhatsApp may write in a language not in the tables. */
  Unknown = 3,
  /** Not a day-period word at all (digits, punctuation): the line is not a timestamp. */
  Invalid = 4,
}

/** What the scanner read from a line start. Reused for every line to avoid allocation. */
export interface Header {
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

export const isMark = (c: number): boolean =>
  c === 0x200e ||
  c === 0x200f ||
  c === 0xfeff ||
  (c >= 0x202a && c <= 0x202e) ||
  (c >= 0x2066 && c <= 0x2069);
export const isSpace = (c: number): boolean =>
  c === 0x20 || c === 0xa0 || c === 0x202f || c === 0x2009;
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
export function scanHeader(line: string, h: Header, stats: ImportStats | undefined): boolean {
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

function expandYear(value: number, digits: number): number {
  return digits <= 2 ? 2000 + value : value;
}

/** A wall time from packed date and time fields in a date order; undefined when not real. */
export function localOf(dateCode: number, timeCode: number, order: DateOrder): string | undefined {
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
export function leadingFields(dateCode: number): { yearFirst: boolean; n1: number; n2: number } {
  const lengths = dateCode % 100;
  const rest = (dateCode - lengths) / 1_000_000;
  const n2 = rest % 100;
  return { yearFirst: lengths >= 40, n1: (rest - n2) / 100, n2 };
}

/** A header with no fields read yet; scanHeader fills it in place, line after line. */
export function emptyHeader(): Header {
  return {
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
}

/** True when `line` starts with a WhatsApp timestamp this parser reads (used by detection). */
export function startsWithWhatsAppStamp(line: string): 'yes' | 'unknown-language' | 'no' {
  const h = emptyHeader();
  if (!scanHeader(line, h, undefined)) return 'no';
  return h.period === Period.Unknown ? 'unknown-language' : 'yes';
}
