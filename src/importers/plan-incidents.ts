/**
 * From a plan to incident records (step 6 in plan.ts): each planned incident's values, its
 * imported items as they are stored (text cut to the record's limits), and the diary's channel
 * and behaviour for each importer channel.
 */
import {
  IMPORTED_TEXT_MAX,
  type ImportedItemRecord,
  type IncidentInput,
} from '../domain/diary/incident.js';
import type { BehaviourKey, ChannelKey } from '../domain/diary/taxonomy.js';
import { type ImportFormat, type ItemChannel } from './types.js';
import {
  theirItems,
  type ImportPlan,
  type PlannedIncident,
  type PlannedItem,
} from './plan-types.js';

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
