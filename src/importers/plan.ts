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
 */
import {
  IMPORTED_ITEMS_MAX,
  IMPORTED_TEXT_MAX,
  type ImportedItemRecord,
  type Incident,
  type IncidentInput,
} from '../domain/diary/incident.js';
import type { BehaviourKey, ChannelKey } from '../domain/diary/taxonomy.js';
import {
  instantOf,
  isZonedTime,
  resolveWallTime,
  zonedFromInstant,
  type ZonedTime,
} from '../domain/diary/time.js';
import { looksLikePhoneNumber, normalisePhoneNumber } from './phone.js';
import {
  OWNER_SENDER,
  WITHHELD_SENDER,
  type ImportedItem,
  type ImportFormat,
  type ImportResult,
  type ItemChannel,
  type Participant,
} from './types.js';

/** An item with its stable key (from `keyItems`). */
export interface KeyedItem {
  readonly key: string;
  readonly item: ImportedItem;
}

/** How items become incidents: one each, bursts, or one per day of conversation. */
export type PlanGrouping = 'each' | 'burst' | 'day';

export interface PlanOptions {
  /** The sender keys of the person who did it (one person can use several numbers). */
  readonly senders: readonly string[];
  /** The IANA zone wall times are read in, and instants are shown in. */
  readonly timeZone: string;
  /**
   * Items of the same kind and channel at most this many minutes after the one before go into
   * one incident. 0 gives every item its own incident. Used when `grouping` is 'burst' or not
   * given.
   */
  readonly burstMinutes: number;
  /**
   * 'day': all of a day's items of one kind and channel (the day in `timeZone`) in one
   * incident. Without it, `burstMinutes` decides: a burst, or one incident each.
   */
  readonly grouping?: PlanGrouping | undefined;
  /** Keep the owner's own messages as context inside the incidents they answer (default true). */
  readonly ownReplies?: boolean | undefined;
  /** Keys of items already in the diary (`importedKeysOf`). */
  readonly existingKeys: ReadonlySet<string>;
  /** At most this many items in one incident (the schema's limit by default). */
  readonly maxItemsPerIncident?: number;
}

export interface PlannedItem {
  readonly key: string;
  readonly item: ImportedItem;
  /** Milliseconds since 1970. */
  readonly instant: number;
  /** The time in the plan's zone: the wall time as written, for a format without offsets. */
  readonly at: ZonedTime;
  /** True when the export gave only a wall time, read in the plan's zone. */
  readonly local: boolean;
  /** The person's own message, kept as context: never counted as the other person's. */
  readonly own?: true;
}

export interface PlannedIncident {
  readonly kind: 'message' | 'call';
  readonly channel: ItemChannel;
  /** In time order; never empty; at least one is not the person's own. */
  readonly items: readonly PlannedItem[];
}

/** The items of an incident that are not the person's own (what the other person did). */
export function theirItems(incident: PlannedIncident): PlannedItem[] {
  return incident.items.filter((p) => p.own !== true);
}

/** One day of the preview: what will be added that day, in the plan's zone. */
export interface DayCount {
  /** `YYYY-MM-DD`. */
  readonly date: string;
  messages: number;
  calls: number;
}

export interface ImportPlan {
  /** In time order of their first item. */
  readonly incidents: readonly PlannedIncident[];
  /** Messages and calls that will be added. */
  readonly messages: number;
  readonly calls: number;
  /** Items from the chosen senders that an earlier import already added. */
  readonly alreadyImported: number;
  /** Items from the chosen senders whose time could not be read; they cannot be added. */
  readonly undated: number;
  /** The person's own replies kept as context inside the incidents. */
  readonly ownReplies: number;
  readonly days: readonly DayCount[];
  readonly first: ZonedTime | undefined;
  readonly last: ZonedTime | undefined;
  /** True when some of the items had only a wall time, so the chosen zone matters. */
  readonly usesLocalTimes: boolean;
}

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

// ---- incident records ----

/** The diary's channel for each importer channel. */
const CHANNEL_CHOICE: Readonly<Record<ItemChannel, { key: ChannelKey; detail?: string }>> = {
  sms: { key: 'text' },
  mms: { key: 'text' },
  phone: { key: 'phone-call' },
  whatsapp: { key: 'messaging-app', detail: 'WhatsApp' },
  telegram: { key: 'messaging-app', detail: 'Telegram' },
  facebook: { key: 'messaging-app', detail: 'Facebook Messenger' },
  instagram: { key: 'social-media', detail: 'Instagram' },
  email: { key: 'email' },
};

/** The behaviour a message or call on a channel is (all of them s.2A(3)(b), contacting). */
function behaviourOf(kind: 'message' | 'call', channel: ItemChannel): BehaviourKey {
  if (kind === 'call') return 'phone-calls';
  if (channel === 'sms' || channel === 'mms') return 'texts-voicemails';
  if (channel === 'email') return 'letters-emails';
  return 'messages-online';
}

/** Cuts text to `max` UTF-16 units without splitting a surrogate pair. */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  const high = text.charCodeAt(max - 1);
  return text.slice(0, high >= 0xd800 && high <= 0xdbff ? max - 1 : max);
}

/** The stored form of one planned item. */
export function itemRecord(planned: PlannedItem): ImportedItemRecord {
  const { item } = planned;
  const record: ImportedItemRecord = {
    key: planned.key,
    at: planned.at,
    kind: item.kind,
    channel: item.channel,
    direction: item.call?.direction ?? (item.senderIsOwner ? 'outgoing' : 'incoming'),
    sender: cutText(item.sender, 320) || 'unknown',
  };
  if (item.at.original !== '') record.original = cutText(item.at.original, 200);
  if (item.senderName !== undefined) record.senderName = cutText(item.senderName, 200);
  if (item.text !== undefined) {
    record.text = cutText(item.text, IMPORTED_TEXT_MAX);
    if (record.text.length < item.text.length) record.textTruncated = true;
  }
  if (item.subject !== undefined) record.subject = cutText(item.subject, 1_000);
  if (item.call?.durationSeconds !== undefined) {
    record.durationSeconds = Math.min(1e7, Math.max(0, Math.round(item.call.durationSeconds)));
  }
  if (item.call?.video === true) record.video = true;
  if (item.attachments !== undefined && item.attachments.length > 0) {
    record.attachments = item.attachments.slice(0, 100).map((a) => ({
      name: cutText(a.name, 500),
      type: cutText(a.type, 200),
      ...(a.omitted === true ? { omitted: true as const } : {}),
    }));
  }
  if (item.deleted === true) record.deleted = true;
  if (item.edited === true) record.edited = true;
  if (planned.own === true) record.own = true;
  return record;
}

export interface IncidentContext {
  readonly format: ImportFormat;
  /** The person record of whoever did it. */
  readonly personId: string;
  readonly timeZone: string;
  readonly conversation?: string | undefined;
  /** The evidence record holding the original file, when it was stored. */
  readonly sourceEvidenceId?: string | undefined;
  /** "What happened" in the person's language; cut to the schema's 20,000 characters. */
  readonly describe: (incident: PlannedIncident) => string;
}

/**
 * The incident records for a plan, ready for the vault to check and seal.
 *
 * @example
 * for (const value of incidentValues(plan, { format, personId, timeZone, describe })) {
 *   await addRecord(api, key, watch, INCIDENT, value);
 * }
 */
export function incidentValues(plan: ImportPlan, context: IncidentContext): IncidentInput[] {
  return plan.incidents.map((incident) => incidentValue(incident, context));
}

export function incidentValue(incident: PlannedIncident, context: IncidentContext): IncidentInput {
  // When is what the other person did; the person's replies are context inside it.
  const theirs = theirItems(incident);
  const first = theirs[0];
  const last = theirs.at(-1);
  if (first === undefined || last === undefined) throw new RangeError('an empty incident');
  const choice = CHANNEL_CHOICE[incident.channel];
  const what = cutText(context.describe(incident).trim(), 20_000);
  const value: IncidentInput = {
    when: {
      start: first.at,
      ...(last.instant > first.instant ? { end: last.at } : {}),
      approximate: false,
      timeZone: context.timeZone,
    },
    what: what === '' ? '…' : what,
    behaviours: [behaviourOf(incident.kind, incident.channel)],
    channel: choice.detail === undefined ? { key: choice.key } : { ...choice },
    perpetratorIds: [context.personId],
    evidenceIds: context.sourceEvidenceId === undefined ? [] : [context.sourceEvidenceId],
    imported: {
      format: context.format,
      ...(context.conversation !== undefined && context.conversation !== ''
        ? { conversation: cutText(context.conversation, 500) }
        : {}),
      ...(incident.items.some((i) => i.local) ? { localTimeZone: context.timeZone } : {}),
      ...(context.sourceEvidenceId === undefined
        ? {}
        : { sourceEvidenceId: context.sourceEvidenceId }),
      items: incident.items.map(itemRecord),
    },
  };
  return value;
}

// ---- the person who did it ----

export interface SenderLinks {
  /** Phone numbers, normalised (`+447700900123`). */
  readonly phones: string[];
  readonly emails: string[];
  readonly accounts: { readonly platform: string; readonly handle: string }[];
}

/** What a person record already holds, to add nothing twice. */
export interface PersonContacts {
  readonly phones: readonly { readonly number: string }[];
  readonly emails: readonly string[];
  readonly accounts: readonly { readonly platform?: string | undefined; readonly handle: string }[];
}

const EMAIL = /^[^\s@]+@[^\s@]+$/;
/** Platforms where the export names a sender by their own account, not an owner's contact. */
const ACCOUNT_PLATFORMS: Partial<Record<ItemChannel, string>> = {
  telegram: 'Telegram',
  facebook: 'Facebook',
  instagram: 'Instagram',
};

/**
 * The phone numbers, email addresses and accounts of the chosen senders that the person record
 * does not hold yet. A WhatsApp display name is the owner's name for a contact, not an account,
 * so it adds nothing; withheld numbers and the owner add nothing either.
 *
 * @example
 * senderLinks(result, ['+447700900123']) // { phones: ['+447700900123'], emails: [], accounts: [] }
 */
export function senderLinks(
  result: Pick<ImportResult, 'items'>,
  senders: readonly string[],
  existing?: PersonContacts,
): SenderLinks {
  const wanted = new Set(senders);
  const channelOf = new Map<string, { channel: ItemChannel; id?: string | undefined }>();
  for (const item of result.items) {
    if (wanted.has(item.sender) && !channelOf.has(item.sender)) {
      channelOf.set(item.sender, { channel: item.channel, id: item.senderId });
    }
  }
  const havePhones = new Set((existing?.phones ?? []).map((p) => normalisePhoneNumber(p.number)));
  const haveEmails = new Set((existing?.emails ?? []).map((e) => e.toLowerCase()));
  const haveAccounts = new Set(
    (existing?.accounts ?? []).map((a) => `${(a.platform ?? '').toLowerCase()}\n${a.handle}`),
  );
  const links: SenderLinks = { phones: [], emails: [], accounts: [] };
  for (const sender of senders) {
    if (sender === WITHHELD_SENDER || sender === OWNER_SENDER || sender === '') continue;
    if (EMAIL.test(sender) && sender.length <= 254) {
      const email = sender.toLowerCase();
      if (!haveEmails.has(email)) links.emails.push(email);
      haveEmails.add(email);
      continue;
    }
    if (looksLikePhoneNumber(sender)) {
      const number = normalisePhoneNumber(sender);
      if (number.length <= 40 && !havePhones.has(number)) links.phones.push(number);
      havePhones.add(number);
      continue;
    }
    const seen = channelOf.get(sender);
    const platform = seen === undefined ? undefined : ACCOUNT_PLATFORMS[seen.channel];
    if (platform === undefined) continue;
    const handle = cutText(sender, 200);
    const key = `${platform.toLowerCase()}\n${handle}`;
    if (!haveAccounts.has(key)) links.accounts.push({ platform, handle });
    haveAccounts.add(key);
  }
  return links;
}

/**
 * A name to suggest for a new person record: the first chosen sender's display name, or the
 * sender itself when it is a name rather than a number or an address.
 */
export function suggestedName(
  participants: readonly Participant[],
  senders: readonly string[],
): string {
  for (const sender of senders) {
    const p = participants.find((x) => x.sender === sender);
    if (p?.name !== undefined && p.name.trim() !== '') return cutText(p.name.trim(), 200);
    if (
      sender !== WITHHELD_SENDER &&
      sender !== OWNER_SENDER &&
      !EMAIL.test(sender) &&
      !looksLikePhoneNumber(sender)
    ) {
      return cutText(sender, 200);
    }
  }
  return '';
}
