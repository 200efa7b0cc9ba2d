/**
 * The shapes of an import plan (see plan.ts): the options the person chose, the incidents and
 * items planned, the preview's counts. Their own file so planning (plan.ts), the incident
 * records (plan-incidents.ts) and the sender's links (plan-sender.ts) share them without a cycle.
 */
import { type ZonedTime } from '../domain/diary/time.js';
import { type ImportedItem, type ItemChannel } from './types.js';

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
