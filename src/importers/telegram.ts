/**
 * Telegram Desktop's "Export chat history" (one chat) and "Export Telegram data" (everything),
 * both as `result.json`.
 *
 * ```json
 * { "name": "Alex", "type": "personal_chat", "id": 4242,
 *   "messages": [
 *     { "id": 1, "type": "message", "date": "2024-03-12T14:05:33", "date_unixtime": "1710252333",
 *       "from": "Alex", "from_id": "user4242", "text": ["See ", { "type": "bold", "text": "this" }] },
 *     { "id": 2, "type": "service", "date": "2024-03-12T14:10:00", "date_unixtime": "1710252600",
 *       "actor": "Alex", "actor_id": "user4242", "action": "phone_call",
 *       "discard_reason": "missed" } ] }
 * ```
 *
 * `date_unixtime` (exact) is preferred; `date` is the exporting computer's wall time and is kept
 * as `local` (and is all there is in older exports). Phone-call service messages become calls;
 * other service messages (joins, pins) are skipped.
 */
import { z } from 'zod';
import { ImportError } from './errors.js';
import { callDirection, finishResult, WarningList, type CallOutcome } from './result.js';
import { instantFromEpochMs } from './time.js';
import type { ImportedItem, ImportResult, ItemAttachment } from './types.js';
import { mimeFromName } from './whatsapp.js';

const textPart = z.union([z.string(), z.looseObject({ text: z.string() })]);

const message = z.looseObject({
  id: z.number().optional(),
  type: z.string(),
  date: z.string().optional(),
  date_unixtime: z.union([z.string(), z.number()]).optional(),
  from: z.string().nullable().optional(),
  from_id: z.string().optional(),
  actor: z.string().nullable().optional(),
  actor_id: z.string().optional(),
  action: z.string().optional(),
  duration_seconds: z.number().optional(),
  discard_reason: z.string().optional(),
  text: z.union([z.string(), z.array(textPart)]).optional(),
  photo: z.string().optional(),
  file: z.string().optional(),
  file_name: z.string().optional(),
  media_type: z.string().optional(),
  mime_type: z.string().optional(),
  edited: z.string().optional(),
});

const chat = z.looseObject({
  name: z.string().nullable().optional(),
  type: z.string(),
  id: z.number(),
  messages: z.array(z.unknown()),
});

const fullExport = z.looseObject({
  personal_information: z
    .looseObject({
      user_id: z.number(),
      first_name: z.string().optional(),
      last_name: z.string().optional(),
    })
    .optional(),
  chats: z.looseObject({ list: z.array(z.unknown()) }).optional(),
  left_chats: z.looseObject({ list: z.array(z.unknown()) }).optional(),
});

/** True when parsed JSON is a Telegram Desktop export (one chat, or everything). */
export function isTelegramExport(json: unknown): boolean {
  if (chat.safeParse(json).success) return true;
  const full = fullExport.safeParse(json);
  return (
    full.success && (full.data.chats !== undefined || full.data.personal_information !== undefined)
  );
}

const LOCAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/;
const DELETED_ACCOUNT = 'Deleted Account';

function textOf(text: z.infer<typeof message>['text']): string {
  if (text === undefined) return '';
  if (typeof text === 'string') return text;
  let out = '';
  for (const part of text) out += typeof part === 'string' ? part : part.text;
  return out;
}

const CALL_OUTCOMES: Readonly<Record<string, CallOutcome>> = {
  missed: 'missed',
  busy: 'declined',
  hangup: 'answered',
  disconnect: 'answered',
};

/**
 * Parses a Telegram export (already parsed JSON). The owner: the account in a full export's
 * personal information; in a one-to-one chat, whoever is not the chat's peer.
 */
export function parseTelegram(
  json: unknown,
  options: { owner?: string | undefined } = {},
): ImportResult {
  const warnings = new WarningList();
  const chats: z.infer<typeof chat>[] = [];
  let ownerId: string | undefined;
  let ownerName: string | undefined;
  const single = chat.safeParse(json);
  if (single.success) {
    chats.push(single.data);
  } else {
    const full = fullExport.safeParse(json);
    if (!full.success) throw new ImportError('json_unknown_shape');
    const me = full.data.personal_information;
    if (me) {
      ownerId = `user${me.user_id}`;
      ownerName = [me.first_name, me.last_name]
        .filter((s) => s !== undefined && s !== '')
        .join(' ');
    }
    for (const raw of [...(full.data.chats?.list ?? []), ...(full.data.left_chats?.list ?? [])]) {
      const c = chat.safeParse(raw);
      if (c.success) chats.push(c.data);
      else warnings.add('record_skipped', 'some chats were malformed and left out');
    }
  }

  const items: ImportedItem[] = [];
  let skipped = 0;
  let owner: ImportResult['owner'];
  // Sender keys are display names; remember which id each belongs to, to find the owner's.
  const nameById = new Map<string, string>();
  const pending: { item: ImportedItem; fromId: string | undefined; outcome?: CallOutcome }[] = [];

  for (const c of chats) {
    const peer = c.type === 'personal_chat' ? `user${c.id}` : undefined;
    for (const raw of c.messages) {
      const parsed = message.safeParse(raw);
      if (!parsed.success) {
        skipped++;
        warnings.add('record_skipped', 'some messages were malformed and left out');
        continue;
      }
      const m = parsed.data;
      const isCall = m.type === 'service' && m.action === 'phone_call';
      if (m.type !== 'message' && !isCall) {
        skipped++;
        continue;
      }
      const fromId = isCall ? m.actor_id : m.from_id;
      const name = (isCall ? m.actor : m.from) ?? DELETED_ACCOUNT;
      if (fromId !== undefined) nameById.set(fromId, name);
      if (ownerId === undefined && peer !== undefined && fromId !== undefined && fromId !== peer) {
        ownerId = fromId;
      }
      if (c.type === 'saved_messages' && ownerId === undefined && fromId !== undefined)
        ownerId = fromId;
      const unix = m.date_unixtime === undefined ? undefined : Number(m.date_unixtime);
      const instant = unix === undefined ? undefined : instantFromEpochMs(unix * 1000);
      const item: ImportedItem = {
        kind: isCall ? 'call' : 'message',
        channel: 'telegram',
        sender: name,
        senderIsOwner: false,
        at: { original: m.date ?? String(m.date_unixtime ?? '') },
        source: { format: 'telegram-json', index: 0 },
      };
      if (instant !== undefined) item.at.instant = instant;
      if (m.date !== undefined && LOCAL.test(m.date)) item.at.local = m.date;
      if (instant === undefined && item.at.local === undefined) {
        warnings.add('date_invalid', 'some messages have no readable date');
      }
      if (fromId !== undefined) item.senderId = fromId;
      if (c.name != null) item.conversation = c.name;
      if (m.id !== undefined) item.source.file = `${c.name ?? c.id} #${m.id}`;
      let outcome: CallOutcome | undefined;
      if (isCall) {
        outcome = CALL_OUTCOMES[m.discard_reason ?? ''] ?? 'answered';
        item.call = { direction: 'unknown' };
        if (m.duration_seconds !== undefined) item.call.durationSeconds = m.duration_seconds;
        else if (outcome !== 'answered') item.call.durationSeconds = 0;
      } else {
        const text = textOf(m.text);
        if (text !== '') item.text = text;
        const attachments: ItemAttachment[] = [];
        if (m.photo !== undefined) {
          attachments.push({ name: m.photo.split('/').pop() ?? '', type: 'image/jpeg' });
        }
        if (m.file !== undefined) {
          const fileName = m.file_name ?? m.file.split('/').pop() ?? '';
          attachments.push({ name: fileName, type: m.mime_type ?? mimeFromName(fileName) });
        }
        for (const a of attachments) {
          if (a.name.startsWith('(File not included')) {
            a.name = '';
            a.omitted = true;
          }
        }
        if (attachments.length > 0) item.attachments = attachments;
        if (m.edited !== undefined) item.edited = true;
      }
      pending.push(outcome === undefined ? { item, fromId } : { item, fromId, outcome });
    }
  }

  if (options.owner !== undefined) owner = { sender: options.owner, how: 'option' };
  else if (ownerId !== undefined) {
    const name = nameById.get(ownerId) ?? ownerName;
    if (name !== undefined && name !== '') {
      owner = { sender: name, how: single.success ? 'chat-name' : 'format' };
    }
  }
  if (!owner)
    warnings.add('owner_unknown', 'the export does not say which participant is you; choose one');
  for (const { item, fromId, outcome } of pending) {
    item.senderIsOwner =
      owner !== undefined &&
      (owner.how === 'option' ? item.sender === owner.sender : fromId === ownerId);
    if (item.senderIsOwner && owner) item.sender = owner.sender;
    if (item.call && outcome) {
      item.call.direction = callDirection(outcome, item.senderIsOwner, owner !== undefined);
    }
    item.source.index = items.length;
    items.push(item);
  }
  const result: ImportResult = {
    format: 'telegram-json',
    items,
    participants: [],
    ambiguousDateOrder: false,
    warnings: [],
    skipped,
  };
  if (owner) result.owner = owner;
  if (single.success && single.data.name != null) result.conversation = single.data.name;
  return finishResult(result, warnings);
}
