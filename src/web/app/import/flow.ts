/**
 * The import in progress: what the person chose on each screen, kept in memory for the unlocked
 * session only. The flow is dropped on lock (with the worker, if it is still reading), so no
 * message from the file outlives the session; "Choose a different file" starts a new one.
 */
import { theirItems, type PlanGrouping, type PlannedIncident } from '../../../importers/plan.js';
import { confirmDateOrder } from '../../../importers/result.js';
import type {
  DateOrder,
  ImportedItem,
  ImportResult,
  ItemChannel,
} from '../../../importers/types.js';
import { format } from '../shell/messages.js';
import type { VaultSession } from '../../../vault/index.js';
import type { ImportMessages } from './messages.js';
import type { ReadTask } from './read-file.js';

export type PersonChoice =
  | { readonly kind: 'new'; readonly name: string }
  | { readonly kind: 'existing'; readonly id: string };

export interface ImportFlow {
  /** The export file itself, kept to store the original as evidence. */
  file: File | undefined;
  /** What the worker read, as read (no date order or zone applied). */
  result: ImportResult | undefined;
  /** The reading in progress, cancelled on lock. */
  task: ReadTask | undefined;
  senders: string[];
  person: PersonChoice | undefined;
  /** Add the senders' numbers, addresses and accounts to the person record. */
  link: boolean;
  timeZone: string | undefined;
  /** The date order the person confirmed, for a WhatsApp file that does not say. */
  dateOrder: DateOrder | undefined;
  /** Undefined until the person has seen the settings screen (it suggests one). */
  grouping: PlanGrouping | undefined;
  /** As typed, checked on the settings screen. */
  minutes: string;
}

export const DEFAULT_BURST_MINUTES = 5;

function newFlow(): ImportFlow {
  return {
    file: undefined,
    result: undefined,
    task: undefined,
    senders: [],
    person: undefined,
    link: true,
    timeZone: undefined,
    dateOrder: undefined,
    grouping: undefined,
    minutes: String(DEFAULT_BURST_MINUTES),
  };
}

const flows = new WeakMap<VaultSession, ImportFlow>();

function drop(session: VaultSession): void {
  flows.get(session)?.task?.cancel();
  flows.delete(session);
}

/** The session's import flow, made on first use and dropped when the vault locks. */
export function importFlow(session: VaultSession): ImportFlow {
  let flow = flows.get(session);
  if (flow === undefined) {
    flow = newFlow();
    flows.set(session, flow);
    const stop = session.onLock(() => {
      stop();
      drop(session);
    });
  }
  return flow;
}

/** Forgets the file and every choice, for a new import. */
export function resetImportFlow(session: VaultSession): ImportFlow {
  const flow = importFlow(session);
  flow.task?.cancel();
  Object.assign(flow, newFlow());
  return flow;
}

/** The result with the confirmed date order applied (unchanged when the file said). */
export function settledResult(flow: ImportFlow): ImportResult | undefined {
  const { result, dateOrder } = flow;
  if (result === undefined) return undefined;
  return result.ambiguousDateOrder && dateOrder !== undefined
    ? confirmDateOrder(result, dateOrder)
    : result;
}

/** The minutes of a burst, or undefined when what was typed is not 1 to 1440. */
export function burstMinutesOf(typed: string): number | undefined {
  const text = typed.trim();
  if (!/^\d{1,4}$/.test(text)) return undefined;
  const n = Number(text);
  return n >= 1 && n <= 1440 ? n : undefined;
}

/** The chosen senders' items. */
export function chosenItems(result: ImportResult, senders: readonly string[]): ImportedItem[] {
  const chosen = new Set(senders);
  return result.items.filter((i) => chosen.has(i.sender));
}

// ---- "what happened" for an imported incident ----

function textOf(t: ImportMessages, item: ImportedItem): string {
  if (item.text !== undefined && item.text.trim() !== '') return item.text;
  if (item.deleted === true) return t.describe.deleted;
  if (item.attachments !== undefined && item.attachments.length > 0) return t.describe.attachment;
  return '';
}

function senderOf(item: ImportedItem): string {
  return item.senderName ?? item.sender;
}

/**
 * "What happened" for an incident made from messages or calls, in the person's language: the
 * message itself for one message, and each message on its own line for a burst or a day (the
 * person's own replies marked as theirs), so the diary's search finds their words.
 *
 * @example
 * describeIncident(t, incident) // 'WhatsApp message from Alex: Where are you?'
 */
export function describeIncident(t: ImportMessages, incident: PlannedIncident): string {
  const d = t.describe;
  const theirs = theirItems(incident);
  const first = theirs[0];
  if (first === undefined) return '';
  const sender = senderOf(first.item);
  const channel: ItemChannel = incident.channel;
  const sameDay = incident.items.every((p) => p.at.slice(0, 10) === first.at.slice(0, 10));
  const timeOf = (at: string): string =>
    sameDay ? at.slice(11, 16) : `${at.slice(0, 10)} ${at.slice(11, 16)}`;
  if (incident.kind === 'call') {
    const kind = d.callKind[channel];
    if (incident.items.length === 1) {
      return format(d.call[first.item.call?.direction ?? 'unknown'], { sender, kind });
    }
    const lines = incident.items.map((p) =>
      format(d.line, {
        time: timeOf(p.at),
        text: t.view.call[p.item.call?.direction ?? 'unknown'],
      }),
    );
    return [format(d.burstCalls, { n: incident.items.length, sender, kind }), ...lines].join('\n');
  }
  const kind = d.kind[channel];
  if (incident.items.length === 1) {
    const text = textOf(t, first.item);
    return text === ''
      ? format(d.messageNoText, { kind, sender })
      : format(d.message, { kind, sender, text });
  }
  const lines = incident.items.map((p) =>
    format(p.own === true ? d.lineOwn : d.line, { time: timeOf(p.at), text: textOf(t, p.item) }),
  );
  const heading =
    theirs.length === 1
      ? format(d.burstOne, { sender, kind })
      : format(d.burst, { n: theirs.length, sender, kind });
  return [heading, ...lines].join('\n');
}
