/**
 * The WhatsApp parser: collects a chat's lines in order, message by message, and at the end
 * settles the date order (day-first or month-first) and turns them into an import result.
 * whatsapp.ts feeds it text or batches of lines.
 */
import { ImportError } from './errors.js';
import { callDirection, finishResult, WarningList, type CallOutcome } from './result.js';
import type { DateOrder, ImportedItem, ImportFormat, ImportResult, ImportStats } from './types.js';
import {
  emptyHeader,
  Period,
  scanHeader,
  localOf,
  leadingFields,
  type Header,
} from './whatsapp-header.js';
import {
  chatNameFromFileName,
  classify,
  resetScratch,
  senderOf,
  stripEdited,
  trimTrailingNewlines,
  MAX_NAME,
  NAME_QUOTES,
  type Scratch,
} from './whatsapp-message.js';

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

/**
 * Collects lines and turns them into a result at the end. Feed it lines in order with
 * `push`, then call `finish`.
 */
export class WhatsAppParser {
  private readonly h: Header = emptyHeader();
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
