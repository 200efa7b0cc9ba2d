/**
 * What every importer does at the end: count participants, gather warnings. And the two
 * decisions the person makes after an import: who they are (`assignOwner`) and, for an
 * ambiguous WhatsApp export, the date order (`confirmDateOrder`).
 */
import { localToInstant } from './time.js';
import type {
  CallDirection,
  DateOrder,
  ImportedItem,
  ImportResult,
  ImportWarning,
  ImportWarningCode,
  Participant,
} from './types.js';

/** What an export says happened to a call, before it is seen from the owner's side. */
export type CallOutcome = 'missed' | 'answered' | 'no-answer' | 'declined';

/**
 * A call's direction from the owner's side, given that the item's sender placed it: the owner's
 * own calls are outgoing; others' are missed, rejected or incoming; an answered call from
 * someone when the owner is not known yet is `unknown` (`assignOwner` settles it).
 */
export function callDirection(
  outcome: CallOutcome,
  senderIsOwner: boolean,
  ownerKnown: boolean,
): CallDirection {
  if (senderIsOwner) return 'outgoing';
  switch (outcome) {
    case 'missed':
    case 'no-answer':
      return 'missed';
    case 'declined':
      return 'rejected';
    case 'answered':
      return ownerKnown ? 'incoming' : 'unknown';
  }
}

/** Warnings aggregated by code: the first line and a count, never one entry per record. */
export class WarningList {
  private readonly byCode = new Map<ImportWarningCode, ImportWarning>();

  add(code: ImportWarningCode, message: string, line?: number, count = 1): void {
    const existing = this.byCode.get(code);
    if (existing) {
      existing.count += count;
      return;
    }
    const warning: ImportWarning = { code, message, count };
    if (line !== undefined) warning.line = line;
    this.byCode.set(code, warning);
  }

  has(code: ImportWarningCode): boolean {
    return this.byCode.has(code);
  }

  list(): ImportWarning[] {
    return [...this.byCode.values()];
  }
}

/** Everyone who sent something, most active first, then by key. */
export function participantsOf(items: readonly ImportedItem[]): Participant[] {
  const map = new Map<string, Participant>();
  for (const item of items) {
    let p = map.get(item.sender);
    if (!p) {
      p = { sender: item.sender, isOwner: item.senderIsOwner, messages: 0, calls: 0 };
      map.set(item.sender, p);
    }
    if (item.senderName !== undefined && p.name === undefined && item.senderName !== item.sender) {
      p.name = item.senderName;
    }
    if (item.senderIsOwner) p.isOwner = true;
    if (item.kind === 'call') p.calls++;
    else p.messages++;
  }
  return [...map.values()].sort(
    (a, b) =>
      b.messages + b.calls - (a.messages + a.calls) ||
      (a.sender < b.sender ? -1 : a.sender > b.sender ? 1 : 0),
  );
}

/** Fills in participants and warnings; every importer's last step. */
export function finishResult(result: ImportResult, warnings: WarningList): ImportResult {
  result.participants = participantsOf(result.items);
  result.warnings = warnings.list();
  return result;
}

function flipDirection(call: NonNullable<ImportedItem['call']>, toOwner: boolean): CallDirection {
  if (toOwner) return 'outgoing';
  if (call.direction === 'outgoing' || call.direction === 'unknown') {
    return call.durationSeconds === 0 ? 'missed' : 'incoming';
  }
  return call.direction;
}

/**
 * Says who the owner is, after the person has chosen ("this one is me"): marks that sender's
 * items as the owner's, unmarks everyone else's, and settles the direction of calls that
 * depended on it. Returns a new result; the input is not changed.
 *
 * @example
 * if (!result.owner) result = assignOwner(result, chosenParticipant.sender);
 */
export function assignOwner(result: ImportResult, sender: string): ImportResult {
  const items = result.items.map((item) => {
    const isOwner = item.sender === sender;
    if (isOwner === item.senderIsOwner && item.call?.direction !== 'unknown') return item;
    const next: ImportedItem = { ...item, senderIsOwner: isOwner };
    if (item.call) next.call = { ...item.call, direction: flipDirection(item.call, isOwner) };
    return next;
  });
  return {
    ...result,
    items,
    participants: participantsOf(items),
    owner: { sender, how: 'option' },
    warnings: result.warnings.filter((w) => w.code !== 'owner_unknown'),
  };
}

/**
 * Settles an ambiguous WhatsApp date order once the person has said which reading is right:
 * swaps each item's `local` and `alternativeLocal` when the chosen order is not the suggested
 * one. Returns a new result, no longer ambiguous.
 *
 * @example
 * if (result.ambiguousDateOrder) result = confirmDateOrder(result, 'month-first');
 */
export function confirmDateOrder(result: ImportResult, order: DateOrder): ImportResult {
  if (!result.ambiguousDateOrder) return result;
  const swap = order !== result.dateOrder;
  const items = result.items.map((item) => {
    const { alternativeLocal, ...at } = item.at;
    if (swap) {
      if (alternativeLocal !== undefined) at.local = alternativeLocal;
      else delete at.local;
    }
    return { ...item, at };
  });
  return {
    ...result,
    items,
    ambiguousDateOrder: false,
    dateOrder: order,
    warnings: result.warnings.filter((w) => w.code !== 'date_order_ambiguous'),
  };
}

/**
 * A key that is the same for the same message or call in two exports that overlap, so a second
 * import adds nothing twice: channel, kind, sender, time and text.
 */
export function itemKey(item: ImportedItem): string {
  return JSON.stringify([
    item.channel,
    item.kind,
    item.sender,
    item.at.instant ?? item.at.local ?? item.at.original,
    item.text ?? '',
    item.call?.direction ?? '',
    item.attachments?.map((a) => a.name) ?? [],
  ]);
}

/**
 * Gives every item that has only a wall time its instant in `timeZone` (an IANA zone, which the
 * person chose; the browser's by default in the vault). Keeps `local` and `original`. Throws
 * `time_zone_invalid` for an unknown zone. Returns a new result.
 *
 * @example
 * const exact = applyTimeZone(result, 'Europe/London');
 */
export function applyTimeZone(result: ImportResult, timeZone: string): ImportResult {
  const items = result.items.map((item) => {
    if (item.at.instant !== undefined || item.at.local === undefined) return item;
    const instant = localToInstant(item.at.local, timeZone);
    return instant === undefined ? item : { ...item, at: { ...item.at, instant } };
  });
  return { ...result, items };
}
