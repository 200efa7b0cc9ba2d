/**
 * The common shape every importer returns. A message or a call from any export becomes one
 * `ImportedItem`; the diary turns the chosen ones into incidents and the evidence feature links
 * each of them back to the export file by `source`.
 *
 * Design rules this shape keeps:
 * - **Nothing is guessed silently.** A time without an offset stays a wall time (`at.local`)
 *   until the person says which zone it was in; an ambiguous date order is reported
 *   (`ambiguousDateOrder`) with both readings; an unknown owner is a warning, not a guess.
 * - **The original is always kept**: `at.original` is the timestamp exactly as the file wrote it.
 * - **One key per person**: `sender` is a normalised phone number (`+447700900123`), an email
 *   address in lower case, `withheld`, `owner`, or a display name, so the same person written
 *   differently in one file (+44…, 07…, 0044…) counts once.
 */

/** Every format the importers read. */
export const IMPORT_FORMATS = [
  'whatsapp-txt',
  'whatsapp-zip',
  'android-sms-xml',
  'android-calls-xml',
  'eml',
  'mbox',
  'facebook-json',
  'instagram-json',
  'facebook-zip',
  'instagram-zip',
  'telegram-json',
] as const;

/**
 * The format of an export file:
 * - `whatsapp-txt`, `whatsapp-zip`: WhatsApp "Export chat", without or with media.
 * - `android-sms-xml`, `android-calls-xml`: "SMS Backup & Restore" messages and call log.
 * - `eml`, `mbox`: one email, or a mailbox of them (mboxo or mboxrd).
 * - `facebook-json`, `instagram-json`: one conversation from "Download your information".
 * - `facebook-zip`, `instagram-zip`: the whole "Download your information" archive.
 * - `telegram-json`: Telegram Desktop's `result.json`, one chat or the full export.
 */
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** How a message or call reached the person; the diary's "channel" is derived from it. */
export type ItemChannel =
  'sms' | 'mms' | 'phone' | 'whatsapp' | 'email' | 'facebook' | 'instagram' | 'telegram';

/** The sender key used for every withheld, private, restricted or unknown number. */
export const WITHHELD_SENDER = 'withheld';

/**
 * The sender key used for the owner (the person whose phone or account made the export) when the
 * export does not say the owner's own name or number, as in SMS backups and call logs. When the
 * export does name the owner (WhatsApp, Telegram, Facebook, email), the owner's items are listed
 * under that name and carry `senderIsOwner: true`.
 */
export const OWNER_SENDER = 'owner';

/**
 * When something happened. At least one of `instant` and `local` is present unless the file's
 * timestamp could not be read (then a `date_invalid` warning says so).
 *
 * @example
 * // SMS backup: epoch milliseconds, so an exact instant
 * { instant: '2024-03-12T14:05:33.000Z', original: '1710252333000' }
 * // WhatsApp: a wall time as written, no offset
 * { local: '2024-03-12T14:05', original: '12/03/2024, 14:05' }
 */
export interface ItemTime {
  /** The exact instant, ISO 8601 in UTC (`…Z`), when the format carries an epoch or an offset. */
  instant?: string;
  /**
   * The wall-clock time as written, `YYYY-MM-DDTHH:mm` or `YYYY-MM-DDTHH:mm:ss` (seconds only
   * when the file had them), when the format carries no offset. Turn it into an instant with
   * `localToInstant(local, timeZone)` once the person has said which zone it was.
   */
  local?: string;
  /**
   * The other reading of an ambiguous date (month-first instead of day-first, or the reverse).
   * Present only when the result's `ambiguousDateOrder` is true; `confirmDateOrder` swaps it in.
   */
  alternativeLocal?: string;
  /** The timestamp exactly as the file wrote it (special spaces and all). */
  original: string;
}

/**
 * Which way a call went, from the owner's side. `unknown` is used only when the export does not
 * say and the owner is not known yet; `assignOwner` resolves it.
 */
export type CallDirection =
  'incoming' | 'outgoing' | 'missed' | 'rejected' | 'voicemail' | 'blocked' | 'unknown';

/** What the export says about a call. The caller is the item's `sender`. */
export interface CallInfo {
  direction: CallDirection;
  /** How long the call lasted, when the export says; 0 for an unanswered call. */
  durationSeconds?: number;
  /** True for a video call. */
  video?: boolean;
}

/**
 * A file that came with a message. Only its name and type are kept: the bytes stay in the
 * export file, which is stored as the evidence item.
 */
export interface ItemAttachment {
  /** The file name as the export gives it, or '' when the export left the file out unnamed. */
  name: string;
  /** A MIME type (`image/jpeg`), or a family (`image/*`) or `*\/*` when only that is known. */
  type: string;
  /** True when the export says the file was left out ("<Media omitted>", "image omitted"). */
  omitted?: boolean;
}

/** Where in the export file an item came from, so an entry can point back to its evidence. */
export interface ItemSource {
  format: ImportFormat;
  /** 0-based position of the item among all items of this import. */
  index: number;
  /** 1-based line of the file where the item starts, for line-based formats. */
  line?: number;
  /** The file inside an archive (zip entry, mailbox message number, thread path). */
  file?: string;
}

/**
 * One message or call.
 *
 * @example
 * {
 *   kind: 'message', channel: 'whatsapp', sender: 'Alex Example', senderIsOwner: false,
 *   at: { local: '2024-03-12T14:05', original: '12/03/2024, 14:05' },
 *   text: 'Where are you?', source: { format: 'whatsapp-txt', index: 0, line: 2 },
 * }
 */
export interface ImportedItem {
  kind: 'message' | 'call';
  channel: ItemChannel;
  /**
   * Who sent the message or placed the call: a normalised phone number (`+447700900123`), an
   * email address in lower case, `withheld`, `owner`, or a display name as the export wrote it.
   */
  sender: string;
  /** A display name for the sender when `sender` is a number or an address. */
  senderName?: string;
  /** A platform's stable id for the sender (Telegram `user123`), when it gives one. */
  senderId?: string;
  /** True when the owner of the export sent the message or placed the call. */
  senderIsOwner: boolean;
  /** True when WhatsApp marked the sender as not in the owner's contacts ("~ Name"). */
  senderUnsaved?: boolean;
  /** The other people the message went to, as sender keys, when the export says. */
  recipients?: string[];
  /** The conversation: a chat, group or thread name, or an email subject thread. */
  conversation?: string;
  at: ItemTime;
  /** The message text; absent for a call, or for a message that is only an attachment. */
  text?: string;
  /** An email's or MMS's subject. */
  subject?: string;
  /** Present when `kind` is 'call'. */
  call?: CallInfo;
  attachments?: ItemAttachment[];
  /** The export shows the message was deleted ("This message was deleted"). */
  deleted?: boolean;
  /** The export shows the message was edited after it was sent. */
  edited?: boolean;
  source: ItemSource;
}

/** Someone who appears in an export, with what they sent. */
export interface Participant {
  /** The sender key, as in `ImportedItem.sender`. */
  sender: string;
  /** A display name, when the export gives one different from the key. */
  name?: string;
  isOwner: boolean;
  messages: number;
  calls: number;
}

/**
 * Stable codes for problems that did not stop the import. Add codes; never rename one.
 */
export type ImportWarningCode =
  /** WhatsApp dates could be day-first or month-first; ask the person (see `confirmDateOrder`). */
  | 'date_order_ambiguous'
  /** Some WhatsApp dates only fit day-first and others only month-first; the majority won. */
  | 'date_order_conflict'
  /** A timestamp could not be read as a real date; the item has no time. */
  | 'date_invalid'
  /** The export does not say which participant is the owner; ask the person (`assignOwner`). */
  | 'owner_unknown'
  /** Text before the first WhatsApp message line was not part of any message. */
  | 'text_before_first_message'
  /** Bytes that were not valid text were replaced with U+FFFD. */
  | 'text_encoding_replaced'
  /** Unsent drafts in an SMS backup were left out. */
  | 'drafts_skipped'
  /** The XML ended before its closing tag (a truncated copy); what was read is kept. */
  | 'xml_truncated'
  /** A character reference that is not a valid character was replaced with U+FFFD. */
  | 'character_reference_invalid'
  /** A call type number the importer does not know; the call is kept with direction unknown. */
  | 'call_type_unknown'
  /** A record was malformed and left out (the count says how many). */
  | 'record_skipped'
  /** An email had no usable Date header and no mailbox separator date. */
  | 'email_date_missing'
  /** Facebook's Latin-1 mis-encoding of non-ASCII text was repaired. */
  | 'mojibake_repaired'
  /** A zip held more than one chat file; the first was read. */
  | 'zip_multiple_chats';

/** A problem that did not stop the import, aggregated by code. */
export interface ImportWarning {
  code: ImportWarningCode;
  message: string;
  /** How many times it happened. */
  count: number;
  /** The first line (1-based) or item where it happened, when known. */
  line?: number;
}

/** How the importer knows who the owner is. */
export type OwnerSource =
  /** The format says so (SMS type "sent", Telegram's personal information). */
  | 'format'
  /** The caller said so (`options.owner`, or `assignOwner`). */
  | 'option'
  /** A one-to-one chat named after the other person, so the owner is the other participant. */
  | 'chat-name'
  /** The one address or participant present in every message or thread. */
  | 'common-participant';

/** The date order of a WhatsApp export. */
export type DateOrder = 'day-first' | 'month-first' | 'year-first';

/** What an import produced. */
export interface ImportResult {
  format: ImportFormat;
  /** Messages and calls, in file order (Facebook writes newest first; nothing is re-sorted). */
  items: ImportedItem[];
  /** Everyone who sent something, most active first. */
  participants: Participant[];
  /** The owner's sender key and how it is known; absent when unknown. */
  owner?: { sender: string; how: OwnerSource };
  /**
   * True when the date order of a WhatsApp export cannot be told from the file: `dateOrder` is
   * then a suggestion (the reading in which the messages run in order, day-first on a tie) and
   * every item carries the other reading in `at.alternativeLocal`.
   */
  ambiguousDateOrder: boolean;
  /** The date order used, for WhatsApp exports. */
  dateOrder?: DateOrder;
  /** The conversation's name when the export gives one (WhatsApp chat, Facebook thread). */
  conversation?: string;
  warnings: ImportWarning[];
  /** Lines or records the importer read but that are not messages (system notices, joins). */
  skipped: number;
}

/**
 * Counters of work done, filled in when passed as `options.stats`. Tests use them to prove that
 * adversarial input costs work in proportion to its size, without timing anything.
 */
export interface ImportStats {
  /** Bytes read from the source. */
  bytes: number;
  /** Lines read, for line-based formats. */
  lines: number;
  /** Characters the WhatsApp line-start scanner examined. */
  headerCharsExamined: number;
}

/** Options for `importFile`; every one is optional. */
export interface ImportOptions {
  /** The file's name, which helps detection ("WhatsApp Chat with …", ".eml"). */
  fileName?: string;
  /** Skip detection and read the file as this format. */
  format?: ImportFormat;
  /** The owner's sender key or display name, when the person has said who they are. */
  owner?: string;
  /** Read WhatsApp dates in this order instead of inferring it. */
  dateOrder?: DateOrder;
  /** Refuse files larger than this many bytes (default 1 GiB streamed, 256 MiB otherwise). */
  maxBytes?: number;
  /** Abort the import; it then rejects with the code `cancelled`. */
  signal?: AbortSignal;
  /** Called with the number of bytes read so far, about once per chunk. */
  onProgress?: (bytesRead: number) => void;
  /** Filled in with counters of work done (see `ImportStats`). */
  stats?: ImportStats;
}

/** The file: its bytes at once, or a stream of chunks (a `File`'s stream, a Node read stream). */
export type ImportSource = Uint8Array | AsyncIterable<Uint8Array>;
