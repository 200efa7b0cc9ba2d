/**
 * From an import to diary incidents: the decisions the person makes after Mosaic has read an
 * export file, as pure functions the vault calls and tests can check.
 *
 * 1. Who did it: one or several senders (`planImport`'s `senders`), linked to a person record
 *    (`senderLinks` says which phone numbers, addresses and accounts to add to it).
 * 2. When: exact instants stay exact; wall times (WhatsApp) are read in the time zone the person
 *    chose, and the time as written is kept beside them.
 * 3. What is new: items whose key an earlier import already stored are skipped, so importing the
 *    same or an overlapping export again adds nothing twice.
 * 4. How many incidents: one per message or call; a burst (items of the same kind and
 *    channel, each at most N minutes after the one before) as one incident that keeps every
 *    item inside it; or one incident per day of conversation (each kind and channel), in the
 *    chosen zone's days.
 * 5. The person's own replies ("Please stop messaging me") are kept inside the incident they
 *    answer, marked as their own (`own`): context that shows the other person was told to stop.
 *    They never make an incident and never count as the other person's messages.
 * 6. `incidentValues` then builds the incident records; `planImport`'s totals and `days` are
 *    the preview.
 *
 * This file plans (steps 2 to 5) and is the face of the rest: the shapes are plan-types.ts, the
 * incident records plan-incidents.ts, the sender's links plan-sender.ts.
 */
import { IMPORTED_ITEMS_MAX, IMPORTED_TEXT_MAX, type Incident } from '../domain/diary/incident.js';
import {
  instantOf,
  isZonedTime,
  resolveWallTime,
  zonedFromInstant,
  type ZonedTime,
} from '../domain/diary/time.js';
import { type ImportedItem } from './types.js';
import type {
  DayCount,
  ImportPlan,
  KeyedItem,
  PlanGrouping,
  PlannedIncident,
  PlannedItem,
  PlanOptions,
} from './plan-types.js';

export {
  theirItems,
  type DayCount,
  type ImportPlan,
  type KeyedItem,
  type PlanGrouping,
  type PlannedIncident,
  type PlannedItem,
  type PlanOptions,
} from './plan-types.js';
export {
  cutText,
  incidentValue,
  incidentValues,
  itemRecord,
  type IncidentContext,
} from './plan-incidents.js';
export {
  senderLinks,
  suggestedName,
  type PersonContacts,
  type SenderLinks,
} from './plan-sender.js';

/**
 * Budget for one incident's plaintext JSON: the vault refuses a record over 1 MiB, and the
 * envelope and the incident's other fields need a little of that.
 */
const INCIDENT_BYTES = 960_000;
/** `what` can be 20,000 characters, each at most 6 bytes as escaped JSON (`\u0001`). */
const WHAT_BYTES = 20_000 * 6;
/** Field names, keys, times and punctuation of one stored item, generously. */
const ITEM_OVERHEAD_BYTES = 400;

/**
 * An upper bound on an item's size in the stored JSON: every character at most 6 bytes (a
 * control character escaped as `\u0001`), without encoding anything.
 */
function itemBytes(item: ImportedItem): number {
  let chars = Math.min(item.text?.length ?? 0, IMPORTED_TEXT_MAX);
  chars += (item.subject?.length ?? 0) + item.sender.length + (item.senderName?.length ?? 0);
  chars += item.at.original.length;
  for (const a of item.attachments ?? []) chars += a.name.length + a.type.length + 30;
  return chars * 6 + ITEM_OVERHEAD_BYTES;
}

/** The item's time in `timeZone`, or undefined when it has none the diary can hold. */
function timeOf(
  item: ImportedItem,
  timeZone: string,
): { at: ZonedTime; instant: number; local: boolean } | undefined {
  let at: ZonedTime | undefined;
  let local = false;
  if (item.at.instant !== undefined) {
    const ms = Date.parse(item.at.instant);
    if (Number.isFinite(ms)) at = zonedFromInstant(ms, timeZone, 'second');
  } else if (item.at.local !== undefined) {
    at = resolveWallTime(item.at.local, timeZone);
    local = true;
  }
  if (at === undefined || !isZonedTime(at)) return undefined;
  return { at, instant: instantOf(at), local };
}

/**
 * What importing would add: the chosen senders' items that are not in the diary yet, grouped
 * into incidents, with the preview's counts.
 *
 * @example
 * const plan = planImport(keyed, {
 *   senders: ['Alex Example'], timeZone: 'Europe/London', burstMinutes: 5,
 *   existingKeys: importedKeysOf(incidents),
 * });
 * plan.incidents.length; // how many incidents "Import" will create
 */
export function planImport(items: readonly KeyedItem[], options: PlanOptions): ImportPlan {
  const chosen = new Set(options.senders);
  const maxItems = Math.max(1, Math.min(options.maxItemsPerIncident ?? IMPORTED_ITEMS_MAX, 2000));
  const grouping: PlanGrouping = options.grouping ?? (options.burstMinutes > 0 ? 'burst' : 'each');
  const burstMs = Math.max(0, options.burstMinutes) * 60_000;
  const seen = new Set<string>();
  const fresh: { planned: PlannedItem; order: number }[] = [];
  const replies: { planned: PlannedItem; order: number }[] = [];
  let alreadyImported = 0;
  let undated = 0;
  let usesLocalTimes = false;
  items.forEach(({ key, item }, order) => {
    if (!chosen.has(item.sender)) {
      // The owner's own messages: context, never an incident of their own.
      if (
        options.ownReplies !== false &&
        item.senderIsOwner &&
        item.kind === 'message' &&
        !options.existingKeys.has(key) &&
        !seen.has(key)
      ) {
        const time = timeOf(item, options.timeZone);
        if (time === undefined) return;
        seen.add(key);
        replies.push({ planned: { key, item, ...time, own: true }, order });
      }
      return;
    }
    if (options.existingKeys.has(key) || seen.has(key)) {
      alreadyImported++;
      return;
    }
    const time = timeOf(item, options.timeZone);
    if (time === undefined) {
      undated++;
      return;
    }
    seen.add(key);
    if (time.local) usesLocalTimes = true;
    fresh.push({ planned: { key, item, ...time }, order });
  });
  // Exports are not always oldest first (Facebook writes newest first).
  const byTime = (
    a: { planned: PlannedItem; order: number },
    b: { planned: PlannedItem; order: number },
  ): number => a.planned.instant - b.planned.instant || a.order - b.order;
  fresh.sort(byTime);
  replies.sort(byTime);

  type Building = {
    incident: PlannedIncident & { items: PlannedItem[] };
    bytes: number;
    /** The lane and, for a day's incident, the day: where the person's replies can go. */
    lane: string;
    date: string;
    orders: number[];
  };
  const incidents: Building[] = [];
  /** The incident still open in each lane (kind and channel). */
  const open = new Map<string, Building>();
  const days = new Map<string, DayCount>();
  let messages = 0;
  let calls = 0;
  for (const { planned, order } of fresh) {
    const { item } = planned;
    if (item.kind === 'call') calls++;
    else messages++;
    const date = planned.at.slice(0, 10);
    let day = days.get(date);
    if (day === undefined) {
      day = { date, messages: 0, calls: 0 };
      days.set(date, day);
    }
    if (item.kind === 'call') day.calls++;
    else day.messages++;

    const lane = `${item.kind} ${item.channel}`;
    const size = itemBytes(item);
    const current = open.get(lane);
    const last = current?.incident.items.at(-1);
    const together =
      grouping === 'day'
        ? current?.date === date
        : grouping === 'burst' &&
          last !== undefined &&
          burstMs > 0 &&
          planned.instant - last.instant <= burstMs;
    if (
      current !== undefined &&
      together &&
      current.incident.items.length < maxItems &&
      current.bytes + size <= INCIDENT_BYTES - WHAT_BYTES
    ) {
      current.incident.items.push(planned);
      current.orders.push(order);
      current.bytes += size;
      continue;
    }
    const next: Building = {
      incident: { kind: item.kind, channel: item.channel, items: [planned] },
      bytes: size,
      lane,
      date,
      orders: [order],
    };
    incidents.push(next);
    open.set(lane, next);
  }

  const ownReplies = placeReplies(incidents, replies, maxItems);
  return {
    incidents: incidents.map((i) => i.incident),
    messages,
    calls,
    alreadyImported,
    undated,
    ownReplies,
    days: [...days.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)),
    first: fresh[0]?.planned.at,
    last: fresh.at(-1)?.planned.at,
    usesLocalTimes,
  };
}

/**
 * Puts each of the person's own replies into the message incident it answers: on the same
 * channel and the same day (in the plan's zone), the latest one that started at or before the
 * reply, else the day's first one after it. A reply on a day with nothing from the other person
 * on that channel is left out (it is not evidence of anything they did). Returns how many were
 * kept. The incident's items stay in time order.
 */
function placeReplies(
  incidents: {
    incident: { items: PlannedItem[]; kind: 'message' | 'call' };
    bytes: number;
    lane: string;
    date: string;
    orders: number[];
  }[],
  replies: readonly { planned: PlannedItem; order: number }[],
  maxItems: number,
): number {
  if (replies.length === 0) return 0;
  /** Message incidents by channel and day, in time order of their first item. */
  const byDay = new Map<string, (typeof incidents)[number][]>();
  for (const building of incidents) {
    if (building.incident.kind !== 'message') continue;
    const first = building.incident.items[0];
    if (first === undefined) continue;
    const key = `${building.lane}\n${first.at.slice(0, 10)}`;
    const list = byDay.get(key);
    if (list === undefined) byDay.set(key, [building]);
    else list.push(building);
  }
  const touched = new Set<(typeof incidents)[number]>();
  let kept = 0;
  for (const reply of replies) {
    const { planned } = reply;
    const candidates = byDay.get(`message ${planned.item.channel}\n${planned.at.slice(0, 10)}`);
    if (candidates === undefined) continue;
    // The latest incident that started at or before the reply (binary search), else the first.
    let lo = 0;
    let hi = candidates.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      // Replies are only appended while placing, so items[0] is still the incident's first.
      const start = candidates[mid]?.incident.items[0]?.instant ?? Infinity;
      if (start <= planned.instant) lo = mid + 1;
      else hi = mid;
    }
    const target = candidates[Math.max(0, lo - 1)];
    if (target === undefined) continue;
    const size = itemBytes(planned.item);
    if (
      target.incident.items.length >= maxItems ||
      target.bytes + size > INCIDENT_BYTES - WHAT_BYTES
    ) {
      continue;
    }
    target.incident.items.push(planned);
    target.orders.push(reply.order);
    target.bytes += size;
    touched.add(target);
    kept++;
  }
  for (const building of touched) {
    const paired = building.incident.items.map((planned, i) => ({
      planned,
      order: building.orders[i] ?? 0,
    }));
    paired.sort((a, b) => a.planned.instant - b.planned.instant || a.order - b.order);
    building.incident.items.splice(0, Infinity, ...paired.map((p) => p.planned));
    building.orders.splice(0, Infinity, ...paired.map((p) => p.order));
  }
  return kept;
}

/**
 * The grouping to offer first. One entry per message reads well for a handful of messages; past
 * that (more than `DAY_GROUPING_FROM` messages), a diary of one-line entries is hard to read
 * and hard to print, and a day's messages read as a conversation, replies and all, so one entry
 * per day of conversation is the default. The person can always choose another.
 */
export const DAY_GROUPING_FROM = 10;

export function suggestedGrouping(messages: number): PlanGrouping {
  return messages > DAY_GROUPING_FROM ? 'day' : 'each';
}

/** Every imported item key already in the diary. */
export function importedKeysOf(incidents: Iterable<Pick<Incident, 'imported'>>): Set<string> {
  const keys = new Set<string>();
  for (const incident of incidents) {
    for (const item of incident.imported?.items ?? []) keys.add(item.key);
  }
  return keys;
}
