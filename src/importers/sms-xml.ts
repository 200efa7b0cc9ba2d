/**
 * Android "SMS Backup & Restore" (SyncTech) XML: messages (`<smses>` with `<sms>` and `<mms>`)
 * and the call log (`<calls>` with `<call>`). Read as a stream with saxes: no document tree is
 * built, so a backup of any size costs memory only for the items it yields.
 *
 * ```xml
 * <smses count="2">
 *   <sms address="07700 900123" date="1710252333000" type="1" body="Hi &#55357;&#56832;"
 *        contact_name="Alex" readable_date="12 Mar 2024 14:05:33" />
 *   <mms date="1710252400000" msg_box="1" address="+447700900123~+447700900456" sub="null">
 *     <parts><part ct="text/plain" text="See this" /><part ct="image/jpeg" cl="IMG_1.jpg" /></parts>
 *     <addrs><addr address="+447700900123" type="137" /><addr address="+447700900456" type="151" /></addrs>
 *   </mms>
 * </smses>
 * <calls count="1"><call number="-2" duration="0" date="1710252500000" type="3" presentation="2" /></calls>
 * ```
 *
 * `date` is epoch milliseconds, so every item has an exact instant. Emoji that the app wrote as
 * two UTF-16 surrogate character references (`&#55357;&#56832;`, which XML forbids) are rebuilt
 * into one character before the XML parser sees them.
 */
import { SaxesParser } from 'saxes';
import { IMPORT_ERROR_MESSAGES, ImportError } from './errors.js';
import { normalisePhoneNumber } from './phone.js';
import { finishResult, WarningList } from './result.js';
import { instantFromEpochMs } from './time.js';
import {
  OWNER_SENDER,
  WITHHELD_SENDER,
  type CallDirection,
  type ImportedItem,
  type ImportResult,
  type ItemAttachment,
} from './types.js';

/** SMS `type`: 1 received; 2 sent; 3 draft; 4 outbox; 5 failed; 6 queued. */
const SMS_SENT_TYPES = new Set(['2', '4', '5', '6']);
/** Call `type`, as Android's CallLog.Calls defines it. */
const CALL_TYPES: Readonly<Record<string, CallDirection>> = {
  '1': 'incoming',
  '2': 'outgoing',
  '3': 'missed',
  '4': 'voicemail',
  '5': 'rejected',
  '6': 'blocked',
  '7': 'incoming', // answered on another device
};
/** Call `presentation`: 1 allowed; 2 restricted (withheld); 3 unknown; 4 payphone. */
const WITHHELD_PRESENTATION = new Set(['2', '3', '4']);
/** MMS `addr` types from the PDU headers: 137 from, 151 to, 130 cc, 129 bcc. */
const ADDR_FROM = '137';

/** The SMS Backup & Restore way of writing "no value". */
function value(attrs: Record<string, string>, name: string): string | undefined {
  const v = attrs[name];
  return v === undefined || v === '' || v === 'null' ? undefined : v;
}

/** `date` is milliseconds; a value under 10^11 can only be seconds (before 1973 otherwise). */
function instantOf(raw: string | undefined): string | undefined {
  if (raw === undefined || !/^\d{1,15}$/.test(raw)) return undefined;
  const n = Number(raw);
  return instantFromEpochMs(n < 1e11 ? n * 1000 : n);
}

function contactName(attrs: Record<string, string>): string | undefined {
  const name = value(attrs, 'contact_name');
  return name === undefined || name === '(Unknown)' ? undefined : name;
}

// ---------------------------------------------------------------------------------------------
// Character references

const HIGH_MIN = 0xd800;
const LOW_MIN = 0xdc00;
const LOW_MAX = 0xdfff;

/** Reads `&#NNNN;` or `&#xHHHH;` at `at`; returns the code and the index after `;`. */
function readCharRef(text: string, at: number): { code: number; end: number } | undefined {
  let i = at + 2;
  const hex = text.charCodeAt(i) === 120 || text.charCodeAt(i) === 88;
  if (hex) i++;
  const start = i;
  let code = 0;
  while (i < text.length && i - start < 8) {
    const c = text.charCodeAt(i);
    let digit: number;
    if (c >= 48 && c <= 57) digit = c - 48;
    else if (hex && c >= 97 && c <= 102) digit = c - 87;
    else if (hex && c >= 65 && c <= 70) digit = c - 55;
    else break;
    code = code * (hex ? 16 : 10) + digit;
    i++;
  }
  if (i === start || text.charCodeAt(i) !== 59) return undefined;
  return { code, end: i + 1 };
}

/** Characters XML 1.0 allows. */
function isXmlChar(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}

/**
 * Rewrites character references that XML forbids: a pair of surrogate references becomes the
 * one character they encode; a lone surrogate or a control character becomes U+FFFD. Other
 * text is untouched. Returns the text and how many references were replaced by U+FFFD.
 */
export function fixCharacterReferences(text: string): { text: string; invalid: number } {
  let at = text.indexOf('&#');
  if (at < 0) return { text, invalid: 0 };
  let out = '';
  let copied = 0;
  let invalid = 0;
  while (at >= 0) {
    const ref = readCharRef(text, at);
    if (!ref || isXmlChar(ref.code)) {
      at = text.indexOf('&#', at + 2);
      continue;
    }
    let replacement = '\uFFFD';
    let end = ref.end;
    if (ref.code >= HIGH_MIN && ref.code < LOW_MIN && text.charCodeAt(end) === 38) {
      const low = text.charCodeAt(end + 1) === 35 ? readCharRef(text, end) : undefined;
      if (low && low.code >= LOW_MIN && low.code <= LOW_MAX) {
        replacement = String.fromCharCode(ref.code, low.code);
        end = low.end;
      }
    }
    if (replacement === '\uFFFD') invalid++;
    out += text.slice(copied, at) + replacement;
    copied = end;
    at = text.indexOf('&#', end);
  }
  return { text: out + text.slice(copied), invalid };
}

/** How many characters at the end of a chunk could be the start of an unfinished reference. */
function unfinishedReferenceTail(text: string): number {
  const amp = text.lastIndexOf('&', text.length - 1);
  if (amp < 0 || text.length - amp > 40) return 0;
  // Keep a complete high-surrogate reference too: its low half may be in the next chunk.
  const tail = text.slice(amp);
  if (!tail.includes(';')) {
    const previous = text.lastIndexOf('&#', amp - 1);
    return previous >= 0 && amp - previous <= 12 ? text.length - previous : text.length - amp;
  }
  const ref = readCharRef(text, amp);
  if (ref && ref.end === text.length && ref.code >= HIGH_MIN && ref.code < LOW_MIN) {
    return text.length - amp;
  }
  return 0;
}

// ---------------------------------------------------------------------------------------------
// The parser

interface MmsState {
  attrs: Record<string, string>;
  line: number;
  texts: string[];
  attachments: ItemAttachment[];
  from: string[];
  to: string[];
}

/** Parses an SMS Backup & Restore messages or call-log file arriving as text chunks. */
export async function parseSmsBackupXml(
  text: AsyncIterable<string>,
  options: { owner?: string | undefined } = {},
): Promise<ImportResult> {
  const parser = new SaxesParser({ position: true });
  const warnings = new WarningList();
  const items: ImportedItem[] = [];
  // Changed by the parser's callbacks, so held in an object the type checker does not narrow.
  const state: {
    root: 'smses' | 'calls' | undefined;
    closed: boolean;
    error: ImportError | undefined;
  } = { root: undefined, closed: false, error: undefined };
  let depth = 0;
  let mms: MmsState | undefined;
  let skipped = 0;
  const ownerNumbers = new Set<string>();
  // One person's number appears on thousands of records: normalise each spelling once.
  const numbers = new Map<string, string>();
  const number = (raw: string): string => {
    let n = numbers.get(raw);
    if (n === undefined) {
      n = normalisePhoneNumber(raw);
      if (numbers.size < 100_000) numbers.set(raw, n);
    }
    return n;
  };

  const fail = (e: ImportError): void => {
    state.error ??= e;
  };

  const push = (item: ImportedItem): void => {
    item.source.index = items.length;
    items.push(item);
  };

  const timeOf = (attrs: Record<string, string>, line: number): ImportedItem['at'] => {
    const original = attrs.date ?? '';
    const instant = instantOf(value(attrs, 'date'));
    if (instant === undefined) {
      warnings.add('date_invalid', 'some records have no readable date', line);
      return { original };
    }
    return { instant, original };
  };

  const onSms = (attrs: Record<string, string>, line: number): void => {
    const type = attrs.type ?? '1';
    if (type === '3') {
      warnings.add('drafts_skipped', 'unsent drafts were left out', line);
      skipped++;
      return;
    }
    const address = number(attrs.address ?? '');
    const sent = SMS_SENT_TYPES.has(type);
    const item: ImportedItem = {
      kind: 'message',
      channel: 'sms',
      sender: sent ? OWNER_SENDER : address,
      senderIsOwner: sent,
      at: timeOf(attrs, line),
      source: { format: 'android-sms-xml', index: 0, line },
    };
    const name = contactName(attrs);
    if (sent) item.recipients = [address];
    else if (name !== undefined) item.senderName = name;
    const body = attrs.body;
    if (body !== undefined && body !== '') item.text = body;
    const subject = value(attrs, 'subject');
    if (subject !== undefined) item.subject = subject;
    push(item);
  };

  const onMmsEnd = (state: MmsState): void => {
    const attrs = state.attrs;
    const box = attrs.msg_box ?? '1';
    if (box === '3') {
      warnings.add('drafts_skipped', 'unsent drafts were left out', state.line);
      skipped++;
      return;
    }
    const sent = box !== '1';
    const listed = (value(attrs, 'address') ?? '').split('~').filter((a) => a !== '');
    let from = state.from[0];
    if (!sent && from === undefined) from = listed[0];
    if (sent && from !== undefined && from !== 'insert-address-token') {
      ownerNumbers.add(number(from));
    }
    const others = new Set<string>();
    for (const a of state.to.length > 0 ? state.to : listed) {
      if (a !== 'insert-address-token') others.add(number(a));
    }
    const sender = sent ? OWNER_SENDER : number(from ?? '');
    others.delete(sender);
    const item: ImportedItem = {
      kind: 'message',
      channel: 'mms',
      sender,
      senderIsOwner: sent,
      at: timeOf(attrs, state.line),
      source: { format: 'android-sms-xml', index: 0, line: state.line },
    };
    if (others.size > 0) item.recipients = [...others];
    const names = contactName(attrs);
    // contact_name lists every address's name, comma-separated, in address order.
    if (!sent && names !== undefined) {
      const position = listed.map(number).indexOf(sender);
      const name = names.split(', ')[position >= 0 ? position : 0];
      if (name !== undefined && name !== '(Unknown)') item.senderName = name;
    }
    if (state.texts.length > 0) item.text = state.texts.join('\n');
    if (state.attachments.length > 0) item.attachments = state.attachments;
    const subject = value(attrs, 'sub');
    if (subject !== undefined) item.subject = subject;
    push(item);
  };

  const onCall = (attrs: Record<string, string>, line: number): void => {
    const type = attrs.type ?? '';
    let direction = CALL_TYPES[type];
    if (direction === undefined) {
      warnings.add('call_type_unknown', 'some calls have a type this importer does not know', line);
      direction = 'unknown';
    }
    const withheld = WITHHELD_PRESENTATION.has(attrs.presentation ?? '1');
    const caller = withheld ? WITHHELD_SENDER : number(attrs.number ?? '');
    const outgoing = direction === 'outgoing';
    const call: ImportedItem['call'] = { direction };
    const item: ImportedItem = {
      kind: 'call',
      channel: 'phone',
      sender: outgoing ? OWNER_SENDER : caller,
      senderIsOwner: outgoing,
      at: timeOf(attrs, line),
      call,
      source: { format: 'android-calls-xml', index: 0, line },
    };
    const duration = value(attrs, 'duration');
    if (duration !== undefined && /^\d{1,9}$/.test(duration)) {
      call.durationSeconds = Number(duration);
    }
    const name = contactName(attrs);
    if (outgoing) item.recipients = [caller];
    else if (name !== undefined && caller !== WITHHELD_SENDER) item.senderName = name;
    push(item);
  };

  parser.on('error', (e) => {
    fail(
      new ImportError('xml_malformed', `${IMPORT_ERROR_MESSAGES.xml_malformed} (${e.message})`, {
        line: parser.line,
        column: parser.column,
      }),
    );
  });
  parser.on('opentag', (tag) => {
    depth++;
    const attrs = tag.attributes as Record<string, string>;
    const line = parser.line;
    if (depth === 1) {
      if (tag.name === 'smses' || tag.name === 'calls') state.root = tag.name;
      else fail(new ImportError('xml_unknown_root', undefined, { root: tag.name.slice(0, 40) }));
      return;
    }
    if (state.root === 'smses') {
      if (depth === 2 && tag.name === 'sms') onSms(attrs, line);
      else if (depth === 2 && tag.name === 'mms') {
        mms = { attrs, line, texts: [], attachments: [], from: [], to: [] };
      } else if (mms && tag.name === 'part') {
        const ct = (value(attrs, 'ct') ?? '').toLowerCase();
        if (ct === 'text/plain') {
          const t = value(attrs, 'text');
          if (t !== undefined) mms.texts.push(t);
        } else if (ct !== 'application/smil' && ct !== '') {
          const name = value(attrs, 'cl') ?? value(attrs, 'name') ?? value(attrs, 'fn') ?? '';
          mms.attachments.push({ name, type: ct });
        }
      } else if (mms && tag.name === 'addr') {
        const address = value(attrs, 'address');
        if (address !== undefined) {
          (attrs.type === ADDR_FROM ? mms.from : mms.to).push(address);
        }
      }
    } else if (state.root === 'calls' && depth === 2 && tag.name === 'call') {
      onCall(attrs, line);
    }
  });
  parser.on('closetag', (tag) => {
    if (depth === 2 && tag.name === 'mms' && mms) {
      onMmsEnd(mms);
      mms = undefined;
    }
    if (depth === 1) state.closed = true;
    depth--;
  });

  let carry = '';
  let sawText = false;
  for await (const chunk of text) {
    let piece = carry + chunk;
    const keep = unfinishedReferenceTail(piece);
    carry = keep > 0 ? piece.slice(piece.length - keep) : '';
    if (keep > 0) piece = piece.slice(0, piece.length - keep);
    const fixed = fixCharacterReferences(piece);
    if (fixed.invalid > 0) {
      warnings.add(
        'character_reference_invalid',
        'some characters were not valid and were replaced with �',
        parser.line,
        fixed.invalid,
      );
    }
    if (!sawText && /\S/.test(fixed.text)) sawText = true;
    parser.write(fixed.text);
    if (state.error) throw state.error;
  }
  if (carry) {
    const fixed = fixCharacterReferences(carry);
    parser.write(fixed.text);
    if (state.error) throw state.error;
  }
  if (!sawText) throw new ImportError('file_empty');
  if (state.root === undefined) {
    throw new ImportError('xml_malformed', undefined, { line: parser.line });
  }
  if (!state.closed) {
    // A truncated copy: keep what was read, and say so.
    warnings.add('xml_truncated', 'the file ends early; the messages before the end were read');
  } else {
    parser.close();
    if (state.error) throw state.error;
  }

  // The owner's own number, seen on sent MMS, is not someone the owner talked to.
  if (ownerNumbers.size > 0) {
    for (const item of items) {
      if (item.recipients) item.recipients = item.recipients.filter((r) => !ownerNumbers.has(r));
    }
  }
  const format = state.root === 'calls' ? 'android-calls-xml' : 'android-sms-xml';
  const result: ImportResult = {
    format,
    items,
    participants: [],
    owner: { sender: OWNER_SENDER, how: 'format' },
    ambiguousDateOrder: false,
    warnings: [],
    skipped,
  };
  if (options.owner !== undefined) {
    // The owner's name for display; the key stays `owner`.
    for (const item of items) if (item.senderIsOwner) item.senderName = options.owner;
  }
  return finishResult(result, warnings);
}
