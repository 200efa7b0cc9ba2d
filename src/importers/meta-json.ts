/**
 * Facebook Messenger and Instagram "Download your information" JSON: one file per conversation
 * (`messages/inbox/<thread>/message_1.json`), or the whole archive as a zip.
 *
 * ```json
 * { "participants": [{ "name": "Alex Example" }, { "name": "Sam Owner" }],
 *   "title": "Alex Example", "thread_path": "inbox/alexexample_123",
 *   "messages": [
 *     { "sender_name": "Alex Example", "timestamp_ms": 1710252333000, "content": "Caf\u00c3\u00a9?" },
 *     { "sender_name": "Alex Example", "timestamp_ms": 1710252300000, "call_duration": 0,
 *       "content": "You missed a call from Alex Example.", "type": "Call" } ] }
 * ```
 *
 * The text is mis-encoded (UTF-8 bytes written as Latin-1 code points); it is repaired for the
 * whole file at once (see `mojibake.ts`). Messenger's newer export of end-to-end encrypted chats
 * (`senderName`, `text`, `timestamp`, correct UTF-8) is read too. Times are epoch milliseconds,
 * so each item keeps the exact instant. Messages are newest first in the file and stay so.
 */
import { z } from 'zod';
import { ImportError } from './errors.js';
import { fileNeedsRepair, repairMojibake } from './mojibake.js';
import { callDirection, finishResult, WarningList } from './result.js';
import { instantFromEpochMs } from './time.js';
import type {
  ImportedItem,
  ImportFormat,
  ImportResult,
  ItemAttachment,
  ItemChannel,
} from './types.js';
import { mimeFromName } from './whatsapp.js';

const media = z.array(z.looseObject({ uri: z.string().optional() })).optional();

const legacyMessage = z.looseObject({
  sender_name: z.string(),
  timestamp_ms: z.number(),
  content: z.string().optional(),
  photos: media,
  videos: media,
  audio_files: media,
  gifs: media,
  files: media,
  sticker: z.looseObject({ uri: z.string().optional() }).optional(),
  share: z
    .looseObject({ link: z.string().optional(), share_text: z.string().optional() })
    .optional(),
  call_duration: z.number().optional(),
  type: z.string().optional(),
  is_unsent: z.boolean().optional(),
});

const e2eeMessage = z.looseObject({
  senderName: z.string(),
  timestamp: z.number(),
  text: z.string().optional(),
  media: media,
  type: z.string().optional(),
  isUnsent: z.boolean().optional(),
});

const legacyThread = z.looseObject({
  participants: z.array(z.looseObject({ name: z.string() })),
  messages: z.array(z.unknown()),
  title: z.string().optional(),
  thread_path: z.string().optional(),
});

const e2eeThread = z.looseObject({
  participants: z.array(z.string()),
  messages: z.array(z.unknown()),
  threadName: z.string().optional(),
});

/** True when parsed JSON has the shape of a Messenger or Instagram conversation. */
export function isMetaThread(json: unknown): boolean {
  return legacyThread.safeParse(json).success || e2eeThread.safeParse(json).success;
}

/** Which platform a conversation comes from: the file's path says, else a shared link does. */
export function metaPlatform(json: unknown, path: string | undefined): 'facebook' | 'instagram' {
  const p = (path ?? '').toLowerCase();
  if (p.includes('instagram')) return 'instagram';
  if (p.includes('facebook') || p.includes('messenger')) return 'facebook';
  const parsed = legacyThread.safeParse(json);
  if (parsed.success) {
    const shares = parsed.data.messages.slice(0, 500);
    for (const m of shares) {
      const link = legacyMessage.safeParse(m).data?.share?.link ?? '';
      if (link.includes('instagram.com')) return 'instagram';
    }
  }
  return 'facebook';
}

const attachmentsOf = (
  groups: readonly ({ uri?: string | undefined }[] | undefined)[],
  fallback: string,
): ItemAttachment[] => {
  const out: ItemAttachment[] = [];
  for (const group of groups) {
    for (const m of group ?? []) {
      const name = (m.uri ?? '').split('/').pop() ?? '';
      const type = mimeFromName(name);
      out.push({ name, type: type === '*/*' ? fallback : type });
    }
  }
  return out;
};

/** One conversation, parsed but not yet owned. */
export interface MetaThread {
  participants: string[];
  title: string | undefined;
  items: ImportedItem[];
  skipped: number;
  repaired: boolean;
}

/** Reads one conversation's JSON (already parsed) into items. */
export function readMetaThread(
  json: unknown,
  format: ImportFormat,
  channel: ItemChannel,
  file: string | undefined,
): MetaThread {
  const legacy = legacyThread.safeParse(json);
  if (legacy.success) {
    const strings: string[] = [];
    const messages = [];
    let skipped = 0;
    for (const raw of legacy.data.messages) {
      const m = legacyMessage.safeParse(raw);
      if (!m.success) {
        skipped++;
        continue;
      }
      messages.push(m.data);
      strings.push(m.data.sender_name);
      if (m.data.content !== undefined) strings.push(m.data.content);
    }
    for (const p of legacy.data.participants) strings.push(p.name);
    if (legacy.data.title !== undefined) strings.push(legacy.data.title);
    const repair = fileNeedsRepair(strings);
    const fix = repair ? repairMojibake : (s: string) => s;
    const title = legacy.data.title !== undefined ? fix(legacy.data.title) : undefined;
    const items: ImportedItem[] = [];
    for (const m of messages) {
      const instant = instantFromEpochMs(m.timestamp_ms);
      const item: ImportedItem = {
        kind: 'message',
        channel,
        sender: fix(m.sender_name),
        senderIsOwner: false,
        at: { original: String(m.timestamp_ms) },
        source: { format, index: 0 },
      };
      if (instant !== undefined) item.at.instant = instant;
      if (file !== undefined) item.source.file = file;
      if (title !== undefined) item.conversation = title;
      if (m.call_duration !== undefined || m.type === 'Call') {
        item.kind = 'call';
        const duration = m.call_duration ?? 0;
        item.call = { direction: duration > 0 ? 'unknown' : 'missed', durationSeconds: duration };
        if (m.content !== undefined) item.text = fix(m.content);
      } else {
        if (m.content !== undefined && m.content !== '') item.text = fix(m.content);
        if (m.share?.link !== undefined) {
          item.text = item.text === undefined ? m.share.link : `${item.text}\n${m.share.link}`;
        }
        const attachments = attachmentsOf([m.photos], 'image/*').concat(
          attachmentsOf([m.videos, m.gifs], 'video/*'),
          attachmentsOf([m.audio_files], 'audio/*'),
          attachmentsOf([m.files], '*/*'),
          attachmentsOf([m.sticker ? [m.sticker] : undefined], 'image/*'),
        );
        if (attachments.length > 0) item.attachments = attachments;
        if (m.is_unsent === true) item.deleted = true;
      }
      items.push(item);
    }
    return {
      participants: legacy.data.participants.map((p) => fix(p.name)),
      title,
      items,
      skipped,
      repaired: repair,
    };
  }
  const e2ee = e2eeThread.safeParse(json);
  if (!e2ee.success) throw new ImportError('json_unknown_shape');
  const items: ImportedItem[] = [];
  let skipped = 0;
  const title = e2ee.data.threadName;
  for (const raw of e2ee.data.messages) {
    const parsed = e2eeMessage.safeParse(raw);
    if (!parsed.success) {
      skipped++;
      continue;
    }
    const m = parsed.data;
    const instant = instantFromEpochMs(m.timestamp);
    const item: ImportedItem = {
      kind: 'message',
      channel,
      sender: m.senderName,
      senderIsOwner: false,
      at: { original: String(m.timestamp) },
      source: { format, index: 0 },
    };
    if (instant !== undefined) item.at.instant = instant;
    if (file !== undefined) item.source.file = file;
    if (title !== undefined) item.conversation = title;
    if (m.text !== undefined && m.text !== '') item.text = m.text;
    const attachments = attachmentsOf([m.media], '*/*');
    if (attachments.length > 0) item.attachments = attachments;
    if (m.isUnsent === true) item.deleted = true;
    items.push(item);
  }
  return { participants: e2ee.data.participants, title, items, skipped, repaired: false };
}

/**
 * Builds the result from one or more conversations. The owner is the caller's choice, else the
 * one participant in every conversation (an archive of several), else — in a one-to-one
 * conversation titled with the other person's name — the other participant.
 */
export function metaResult(
  format: ImportFormat,
  threads: readonly MetaThread[],
  ownerOption: string | undefined,
): ImportResult {
  const warnings = new WarningList();
  let owner: ImportResult['owner'];
  if (ownerOption !== undefined) owner = { sender: ownerOption, how: 'option' };
  else if (threads.length >= 2) {
    const counts = new Map<string, number>();
    for (const t of threads) {
      for (const p of new Set(t.participants)) counts.set(p, (counts.get(p) ?? 0) + 1);
    }
    const everywhere = [...counts].filter(([, n]) => n === threads.length).map(([p]) => p);
    const only = everywhere.length === 1 ? everywhere[0] : undefined;
    if (only !== undefined) owner = { sender: only, how: 'common-participant' };
  }
  if (!owner) {
    for (const t of threads) {
      if (
        t.participants.length === 2 &&
        t.title !== undefined &&
        t.participants.includes(t.title)
      ) {
        const other = t.participants.find((p) => p !== t.title);
        if (other !== undefined) owner = { sender: other, how: 'chat-name' };
        break;
      }
    }
  }
  if (!owner)
    warnings.add('owner_unknown', 'the export does not say which participant is you; choose one');
  const items: ImportedItem[] = [];
  let skipped = 0;
  for (const t of threads) {
    skipped += t.skipped;
    if (t.repaired) {
      warnings.add('mojibake_repaired', 'accented letters and emoji were repaired', undefined, 1);
    }
    for (const item of t.items) {
      item.senderIsOwner = owner !== undefined && item.sender === owner.sender;
      if (item.call) {
        const answered = (item.call.durationSeconds ?? 0) > 0;
        item.call.direction = callDirection(
          answered ? 'answered' : 'missed',
          item.senderIsOwner,
          owner !== undefined,
        );
      }
      item.source.index = items.length;
      items.push(item);
    }
  }
  if (skipped > 0)
    warnings.add('record_skipped', 'some messages were malformed and left out', undefined, skipped);
  const result: ImportResult = {
    format,
    items,
    participants: [],
    ambiguousDateOrder: false,
    warnings: [],
    skipped,
  };
  if (owner) result.owner = owner;
  const single = threads.length === 1 ? threads[0] : undefined;
  if (single?.title !== undefined) result.conversation = single.title;
  return finishResult(result, warnings);
}
