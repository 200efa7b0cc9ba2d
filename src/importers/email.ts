/**
 * Email: one message (`.eml`) or a mailbox (`.mbox`, mboxo or mboxrd). Each message is parsed
 * by postal-mime (headers, encoded-word subjects, quoted-printable and base64 bodies, any
 * charset); the mailbox is split here, as a stream, in one pass over its bytes.
 *
 * mbox: each message starts with a `From ` line after a blank line (or at the start of the
 * file). Inside a message, lines that began with `From ` were written as `>From ` (mboxo) and
 * lines of `>`s before `From ` got one more `>` (mboxrd); one `>` is removed from any such line,
 * which is exact for mboxrd and right for every line mboxo could write.
 *
 * Times: the Date header carries an offset, so each item keeps the exact instant.
 */
import PostalMime, { type Address, type Email } from 'postal-mime';
import { ImportError } from './errors.js';
import { cleanText } from './phone.js';
import { finishResult, WarningList } from './result.js';
import { instantFromEpochMs } from './time.js';
import type { ImportedItem, ImportFormat, ImportResult } from './types.js';

// ---------------------------------------------------------------------------------------------
// Dates

const MONTHS: Readonly<Record<string, number>> = {
  jan: 0,
  feb: 1,
  mar: 2,
  apr: 3,
  may: 4,
  jun: 5,
  jul: 6,
  aug: 7,
  sep: 8,
  oct: 9,
  nov: 10,
  dec: 11,
};
/** Obsolete zone names RFC 5322 still allows. */
const ZONES: Readonly<Record<string, number>> = {
  UT: 0,
  UTC: 0,
  GMT: 0,
  Z: 0,
  EST: -300,
  EDT: -240,
  CST: -360,
  CDT: -300,
  MST: -420,
  MDT: -360,
  PST: -480,
  PDT: -420,
};

const RFC5322_DATE =
  /^\s{0,20}(?:[A-Za-z]{3},?\s{1,20})?(\d{1,2})\s{1,20}([A-Za-z]{3})[a-z]{0,6}\s{1,20}(\d{2,4})\s{1,20}(\d{1,2}):(\d{2})(?::(\d{2}))?\s{0,20}([+-]\d{4}|[A-Za-z]{1,5})?/;

/**
 * Reads an RFC 5322 date ("Tue, 12 Mar 2024 14:05:33 +0000") as an ISO instant; undefined
 * when it cannot be read. A missing zone is read as UTC, as RFC 5322 says for "-0000".
 */
export function parseEmailDate(raw: string): string | undefined {
  const m = RFC5322_DATE.exec(raw.slice(0, 200));
  if (!m) return undefined;
  const [, d, mon, y, hh, mm, ss, zone] = m;
  const month = MONTHS[(mon ?? '').toLowerCase()];
  if (month === undefined) return undefined;
  let year = Number(y);
  if ((y ?? '').length === 2) year += year < 50 ? 2000 : 1900;
  else if ((y ?? '').length === 3) year += 1900;
  let offset = 0;
  if (zone !== undefined) {
    if (/^[+-]\d{4}$/.test(zone)) {
      const sign = zone.startsWith('-') ? -1 : 1;
      offset = sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3, 5)));
    } else {
      offset = ZONES[zone.toUpperCase()] ?? 0;
    }
  }
  const day = Number(d);
  const hour = Number(hh);
  const minute = Number(mm);
  const second = ss === undefined ? 0 : Number(ss);
  if (day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return undefined;
  const ms = Date.UTC(year, month, day, hour, minute, Math.min(second, 59)) - offset * 60_000;
  const check = new Date(Date.UTC(year, month, day));
  if (check.getUTCDate() !== day) return undefined;
  return instantFromEpochMs(ms);
}

/** The date on an mbox `From ` line ("From sender@example.org Tue Mar 12 14:05:33 2024"), UTC. */
export function parseFromLineDate(line: string): string | undefined {
  const m =
    /([A-Za-z]{3})\s{1,3}(\d{1,2})\s(\d{1,2}):(\d{2})(?::(\d{2}))?\s(?:[A-Z]{1,5}\s)?(\d{4})/.exec(
      line.slice(0, 300),
    );
  if (!m) return undefined;
  const [, mon, d, hh, mm, ss, y] = m;
  const month = MONTHS[(mon ?? '').toLowerCase()];
  if (month === undefined) return undefined;
  return instantFromEpochMs(
    Date.UTC(Number(y), month, Number(d), Number(hh), Number(mm), Number(ss ?? '0')),
  );
}

// ---------------------------------------------------------------------------------------------
// One message

function addressOf(a: Address | undefined): { address: string; name?: string } | undefined {
  if (!a) return undefined;
  if (a.group) return addressOf(a.group[0]);
  const address = a.address.trim().toLowerCase();
  const name = cleanText(a.name);
  if (!address && !name) return undefined;
  return name ? { address: address || name, name } : { address: address || name };
}

function addressList(list: readonly Address[] | undefined): string[] {
  const out: string[] = [];
  for (const a of list ?? []) {
    if (a.group) {
      for (const member of a.group) {
        const m = addressOf(member);
        if (m) out.push(m.address);
      }
    } else {
      const m = addressOf(a);
      if (m) out.push(m.address);
    }
  }
  return out;
}

/** Longest HTML body turned into text; the rest is dropped. */
const HTML_MAX = 5_000_000;

/**
 * Plain text from HTML, for messages with no text part: tags dropped (with the content of
 * `script` and `style`), line breaks kept for `br`, `p`, `div` and `li`, a few entities read.
 * One pass with `indexOf`, so its cost is linear in the HTML's length.
 */
export function htmlToText(html: string): string {
  const src = html.length > HTML_MAX ? html.slice(0, HTML_MAX) : html;
  let out = '';
  let lower: string | undefined;
  let i = 0;
  while (i < src.length) {
    const lt = src.indexOf('<', i);
    if (lt < 0) {
      out += src.slice(i);
      break;
    }
    out += src.slice(i, lt);
    const gt = src.indexOf('>', lt + 1);
    if (gt < 0) break;
    const name = /^\/?([a-zA-Z0-9]{1,10})/.exec(src.slice(lt + 1, Math.min(gt, lt + 12)))?.[1];
    const tag = (name ?? '').toLowerCase();
    i = gt + 1;
    if ((tag === 'script' || tag === 'style') && src.charCodeAt(lt + 1) !== 47) {
      lower ??= src.toLowerCase();
      const close = lower.indexOf(`</${tag}`, i);
      if (close < 0) break;
      i = close;
      continue;
    }
    if (tag === 'br' || tag === 'p' || tag === 'div' || tag === 'li' || tag === 'tr') out += '\n';
  }
  const text = out
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
  return text
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

interface ParsedEmail {
  item: ImportedItem;
  delivered: string[];
  everyone: string[];
  dateMissing: boolean;
}

async function parseOne(
  bytes: Uint8Array,
  format: ImportFormat,
  index: number,
  fromLine: string | undefined,
): Promise<ParsedEmail> {
  let email: Email;
  try {
    email = await PostalMime.parse(bytes, { maxNestingDepth: 50, rfc822Attachments: true });
  } catch (e) {
    throw new ImportError('email_malformed', undefined, {
      message: index + 1,
      reason: e instanceof Error ? e.message.slice(0, 200) : 'unknown',
    });
  }
  const from = addressOf(email.from) ?? addressOf(email.sender);
  const header = (key: string): string | undefined =>
    email.headers.find((h) => h.key === key)?.value;
  const rawDate = header('date');
  const instant =
    (rawDate !== undefined ? parseEmailDate(rawDate) : undefined) ??
    (email.date !== undefined && /Z$/.test(email.date) ? email.date : undefined) ??
    (fromLine !== undefined ? parseFromLineDate(fromLine) : undefined);
  const item: ImportedItem = {
    kind: 'message',
    channel: 'email',
    sender: from?.address ?? 'unknown',
    senderIsOwner: false,
    at: { original: rawDate ?? fromLine ?? '' },
    source: { format, index },
  };
  if (instant !== undefined) item.at.instant = instant;
  if (from?.name !== undefined) item.senderName = from.name;
  if (format === 'mbox') item.source.file = `message ${index + 1}`;
  const to = [...addressList(email.to), ...addressList(email.cc)];
  if (to.length > 0) item.recipients = [...new Set(to)];
  if (email.subject !== undefined && email.subject !== '') {
    item.subject = email.subject;
    item.conversation = email.subject.replace(
      /^(?:(?:re|fwd?|aw|sv|tr)\s{0,3}:\s{0,3}){1,10}/i,
      '',
    );
  }
  const text = email.text ?? (email.html !== undefined ? htmlToText(email.html) : undefined);
  if (text !== undefined && text.trim() !== '') item.text = text.trimEnd();
  const attachments = email.attachments
    .filter((a) => a.disposition !== 'inline' || a.filename !== null)
    .map((a) => ({ name: a.filename ?? '', type: a.mimeType }));
  if (attachments.length > 0) item.attachments = attachments;
  const delivered: string[] = [];
  for (const h of email.headers) {
    if (h.key === 'delivered-to' || h.key === 'x-original-to' || h.key === 'envelope-to') {
      const m = /[^\s<>,"]{1,200}@[^\s<>,"]{1,200}/.exec(h.value.slice(0, 1000));
      if (m) delivered.push(m[0].toLowerCase());
    }
  }
  const everyone = [...new Set([item.sender, ...(item.recipients ?? [])])];
  return { item, delivered, everyone, dateMissing: instant === undefined };
}

/** Decides the owner: the address mail was delivered to, else the one address in every message. */
function ownerOf(
  parsed: readonly ParsedEmail[],
  option: string | undefined,
): ImportResult['owner'] {
  if (option !== undefined) return { sender: option.trim().toLowerCase(), how: 'option' };
  const delivered = new Map<string, number>();
  for (const p of parsed)
    for (const d of new Set(p.delivered)) delivered.set(d, (delivered.get(d) ?? 0) + 1);
  if (delivered.size > 0) {
    const best = [...delivered].sort((a, b) => b[1] - a[1])[0];
    if (best) return { sender: best[0], how: 'common-participant' };
  }
  if (parsed.length < 2) return undefined;
  const seen = new Map<string, number>();
  for (const p of parsed) for (const a of p.everyone) seen.set(a, (seen.get(a) ?? 0) + 1);
  const everywhere = [...seen].filter(([, n]) => n === parsed.length).map(([a]) => a);
  const only = everywhere.length === 1 ? everywhere[0] : undefined;
  return only === undefined ? undefined : { sender: only, how: 'common-participant' };
}

function resultOf(
  format: ImportFormat,
  parsed: ParsedEmail[],
  option: string | undefined,
): ImportResult {
  const warnings = new WarningList();
  const owner = ownerOf(parsed, option);
  const items = parsed.map((p) => p.item);
  for (const item of items)
    item.senderIsOwner = owner !== undefined && item.sender === owner.sender;
  const missing = parsed.filter((p) => p.dateMissing).length;
  if (missing > 0)
    warnings.add('email_date_missing', 'some emails have no readable date', undefined, missing);
  if (!owner) {
    warnings.add('owner_unknown', 'the mailbox does not say which address is yours; choose one');
  }
  const result: ImportResult = {
    format,
    items,
    participants: [],
    ambiguousDateOrder: false,
    warnings: [],
    skipped: 0,
  };
  if (owner) result.owner = owner;
  return finishResult(result, warnings);
}

/** Parses one email message (`.eml`). */
export async function parseEml(
  bytes: Uint8Array,
  options: { owner?: string | undefined } = {},
): Promise<ImportResult> {
  if (bytes.length === 0) throw new ImportError('file_empty');
  const parsed = await parseOne(bytes, 'eml', 0, undefined);
  return resultOf('eml', [parsed], options.owner);
}

// ---------------------------------------------------------------------------------------------
// Splitting a mailbox

const F = 0x46;
const GT = 0x3e;
const LF = 0x0a;
const CR = 0x0d;
const FROM_ = [0x46, 0x72, 0x6f, 0x6d, 0x20]; // "From "
/** Longest `From ` line kept for its date. */
const FROM_LINE_MAX = 1000;
/** Longest run of `>` looked at before deciding a line is not quoted. */
const QUOTE_RUN_MAX = 1000;

function isFromAt(b: Uint8Array, i: number): boolean {
  for (let k = 0; k < 5; k++) if (b[i + k] !== FROM_[k]) return false;
  return true;
}

/**
 * Splits an mbox stream into messages, in one pass: each byte is looked at a bounded number of
 * times, and message bytes are copied once (when the message is complete).
 */
export class MboxSplitter {
  private parts: Uint8Array[] = [];
  private size = 0;
  private pendingHead: Uint8Array | undefined;
  private inLine = false;
  private inFromLine = false;
  private fromLine = '';
  private currentFromLine: string | undefined;
  private lineOnlyCr = true;
  private lineLength = 0;
  private previousBlank = true;
  private started = false;
  private readonly decoder = new TextDecoder('latin1');

  /** Feeds the next chunk; returns the messages it completed, each with its `From ` line. */
  push(input: Uint8Array): { bytes: Uint8Array; fromLine: string | undefined }[] {
    const out: { bytes: Uint8Array; fromLine: string | undefined }[] = [];
    let c = input;
    if (this.pendingHead) {
      const joined = new Uint8Array(this.pendingHead.length + input.length);
      joined.set(this.pendingHead);
      joined.set(input, this.pendingHead.length);
      c = joined;
      this.pendingHead = undefined;
    }
    const n = c.length;
    let i = 0;
    let segStart = 0;
    while (i < n) {
      if (!this.inLine) {
        // At a line start: decide whether it is a separator or a quoted "From ".
        let run = 0;
        while (i + run < n && c[i + run] === GT && run < QUOTE_RUN_MAX) run++;
        const need = run + 5;
        if (n - i < need && c.indexOf(LF, i) < 0 && run < QUOTE_RUN_MAX) {
          this.keepSegment(c, segStart, i);
          this.pendingHead = c.slice(i);
          return out;
        }
        if (run === 0 && c[i] === F && isFromAt(c, i) && (this.previousBlank || !this.started)) {
          this.keepSegment(c, segStart, i);
          if (this.started) out.push({ bytes: this.take(), fromLine: this.currentFromLine });
          else this.take(); // bytes before the first separator belong to no message
          this.started = true;
          this.inFromLine = true;
          this.fromLine = '';
          segStart = i;
        } else if (run > 0 && run < QUOTE_RUN_MAX && isFromAt(c, i + run)) {
          this.keepSegment(c, segStart, i);
          segStart = i + 1; // drop one '>'
        }
        this.inLine = true;
        this.lineOnlyCr = true;
        this.lineLength = 0;
      }
      const lf = c.indexOf(LF, i);
      const end = lf < 0 ? n : lf;
      if (this.lineOnlyCr) {
        for (let k = i; k < end; k++) {
          if (c[k] !== CR) {
            this.lineOnlyCr = false;
            break;
          }
        }
      }
      this.lineLength += end - i;
      if (this.inFromLine) {
        if (this.fromLine.length < FROM_LINE_MAX) {
          this.fromLine += this.decoder.decode(c.subarray(i, Math.min(end, i + FROM_LINE_MAX)));
        }
        segStart = lf < 0 ? n : lf + 1;
      }
      if (lf < 0) break;
      if (this.inFromLine) {
        this.inFromLine = false;
        this.currentFromLine = this.fromLine.replace(/\r$/, '');
      }
      this.previousBlank = this.lineOnlyCr;
      this.inLine = false;
      i = lf + 1;
    }
    this.keepSegment(c, segStart, n);
    return out;
  }

  /** Ends the stream; returns the last message, if any. */
  finish(): { bytes: Uint8Array; fromLine: string | undefined }[] {
    if (this.pendingHead) {
      if (!this.inFromLine) this.keepSegment(this.pendingHead, 0, this.pendingHead.length);
      this.pendingHead = undefined;
    }
    if (this.size === 0 && !this.started) return [];
    const bytes = this.take();
    return bytes.length > 0 || this.currentFromLine !== undefined
      ? [{ bytes, fromLine: this.currentFromLine }]
      : [];
  }

  private keepSegment(c: Uint8Array, start: number, end: number): void {
    if (end > start) {
      this.parts.push(c.subarray(start, end));
      this.size += end - start;
    }
  }

  private take(): Uint8Array {
    const out = new Uint8Array(this.size);
    let at = 0;
    for (const p of this.parts) {
      out.set(p, at);
      at += p.length;
    }
    this.parts = [];
    this.size = 0;
    return out;
  }
}

/** Parses a mailbox (`.mbox`) arriving as chunks. */
export async function parseMbox(
  chunks: AsyncIterable<Uint8Array>,
  options: { owner?: string | undefined } = {},
): Promise<ImportResult> {
  const splitter = new MboxSplitter();
  const parsed: ParsedEmail[] = [];
  let skipped = 0;
  const handle = async (messages: { bytes: Uint8Array; fromLine: string | undefined }[]) => {
    for (const m of messages) {
      if (m.bytes.length === 0 || isBlank(m.bytes)) {
        skipped++;
        continue;
      }
      parsed.push(await parseOne(m.bytes, 'mbox', parsed.length, m.fromLine));
    }
  };
  let any = false;
  for await (const chunk of chunks) {
    any = true;
    await handle(splitter.push(chunk));
  }
  await handle(splitter.finish());
  if (!any) throw new ImportError('file_empty');
  if (parsed.length === 0) throw new ImportError('email_malformed', 'this mailbox has no messages');
  const result = resultOf('mbox', parsed, options.owner);
  result.skipped = skipped;
  return result;
}

function isBlank(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b !== LF && b !== CR && b !== 0x20 && b !== 0x09) return false;
  return true;
}
