/**
 * The locked quick record in the vault core (docs/vault-protocol.md §16): sealing on the device
 * without unlocking, and opening at the next unlock into a normal incident. Pure but for the one
 * API client; the screens (src/web/app/quick/) keep the device's outbox in IndexedDB.
 *
 * - `sealQuickRecordOnDevice(publicKey, input)`: the JSON and photo, sealed (§16.3). The result
 *   is all the device keeps; it cannot open it.
 * - `openWaitingQuickRecords(api, keyPair)`: every waiting item, opened and checked (its JSON's
 *   id must be the id the server names).
 * - `quickRecordIncident(opened)`: the incident it becomes: the device's time, labelled so.
 */
import { z } from 'zod';
import {
  fromBase64Url,
  newQuickRecordId,
  openQuickRecord,
  sealQuickRecord,
  sha256,
  toHex,
  type AccountKeyPair,
} from '../crypto/index.js';
import { isTimeZone, zonedFromInstant } from '../domain/diary/time.js';
import type { IncidentInput } from '../domain/diary/incident.js';
import type { VaultApi } from './api.js';

export const QUICK_RECORD_VERSION = 1;
/** What happened: as much as the diary's own field takes. */
export const QUICK_WHAT_MAX = 20_000;

export const quickRecordSchema = z.strictObject({
  v: z.literal(QUICK_RECORD_VERSION),
  id: z.string().regex(/^[A-Za-z0-9_-]{22}$/),
  /** ISO 8601 with the device's offset, by the device's clock. */
  recordedAt: z.string().max(40),
  timeZone: z.string().max(100),
  what: z.string().min(1).max(QUICK_WHAT_MAX),
  photo: z
    .strictObject({
      name: z.string().max(255),
      type: z.string().max(100),
      size: z.number().int().nonnegative(),
    })
    .optional(),
});
export type QuickRecord = z.infer<typeof quickRecordSchema>;

export type QuickRecordErrorCode = 'record_invalid';

/** An item that opens but is not a quick record of that id. */
export class QuickRecordError extends Error {
  override readonly name = 'QuickRecordError';
  constructor(
    readonly code: QuickRecordErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface QuickRecordInput {
  readonly what: string;
  readonly photo?: { readonly name: string; readonly type: string; readonly bytes: Uint8Array };
  readonly now: Date;
  readonly timeZone: string;
}

/** `recordedAt`: the device's wall-clock time with its offset, to the second. */
function deviceTime(now: Date, timeZone: string): string {
  return zonedFromInstant(now, timeZone, 'second');
}

/**
 * Seals a quick record on the device to the account's public key. Throws
 * `QuickRecordError('record_invalid')` for an empty text.
 *
 * @example const { id, sealed } = await sealQuickRecordOnDevice(publicKey, { what, now, timeZone });
 */
export async function sealQuickRecordOnDevice(
  publicKey: Uint8Array,
  input: QuickRecordInput,
): Promise<{ id: string; sealed: Uint8Array }> {
  const id = await newQuickRecordId();
  const timeZone = isTimeZone(input.timeZone) ? input.timeZone : 'UTC';
  const record = quickRecordSchema.safeParse({
    v: QUICK_RECORD_VERSION,
    id,
    recordedAt: deviceTime(input.now, timeZone),
    timeZone,
    what: input.what.trim(),
    ...(input.photo === undefined
      ? {}
      : {
          photo: {
            name: input.photo.name.slice(0, 255),
            type: input.photo.type.slice(0, 100),
            size: input.photo.bytes.length,
          },
        }),
  });
  if (!record.success) throw new QuickRecordError('record_invalid', 'enter what happened');
  const sealed = await sealQuickRecord(publicKey, id, {
    json: JSON.stringify(record.data),
    photo: input.photo?.bytes ?? new Uint8Array(0),
  });
  return { id, sealed };
}

export interface OpenedQuickRecord {
  readonly id: string;
  /** When the server first received it (its clock). */
  readonly receivedAt: string;
  /** SHA-256 of the sealed bytes, hex: what the receipt covers. */
  readonly sealedSha256: string;
  readonly record: QuickRecord;
  readonly photo?: { readonly name: string; readonly type: string; readonly bytes: Uint8Array };
}

/** Opens one sealed item the server holds for `id`, checking it is a quick record of that id. */
export async function openQuickRecordBytes(
  keyPair: AccountKeyPair,
  id: string,
  sealed: Uint8Array,
  receivedAt: string,
): Promise<OpenedQuickRecord> {
  const parts = await openQuickRecord(keyPair, sealed, id);
  let json: unknown;
  try {
    json = JSON.parse(parts.json);
  } catch {
    throw new QuickRecordError('record_invalid', 'not a quick record');
  }
  const parsed = quickRecordSchema.safeParse(json);
  if (!parsed.success || parsed.data.id !== id) {
    throw new QuickRecordError('record_invalid', 'not a quick record of this id');
  }
  const record = parsed.data;
  const photo =
    record.photo !== undefined && parts.photo.length > 0
      ? { name: record.photo.name, type: record.photo.type, bytes: parts.photo }
      : undefined;
  return {
    id,
    receivedAt,
    sealedSha256: toHex(await sha256(sealed)),
    record,
    ...(photo === undefined ? {} : { photo }),
  };
}

/**
 * Every waiting item, opened. One that cannot be opened (another key, altered, not a quick
 * record) is returned as a failure and left on the server, so nothing is lost silently.
 */
export async function openWaitingQuickRecords(
  api: VaultApi,
  keyPair: AccountKeyPair,
): Promise<{ opened: OpenedQuickRecord[]; failed: string[] }> {
  const opened: OpenedQuickRecord[] = [];
  const failed: string[] = [];
  for (const summary of await api.listQuickRecords()) {
    try {
      const item = await api.getQuickRecord(summary.id);
      opened.push(
        await openQuickRecordBytes(
          keyPair,
          summary.id,
          fromBase64Url(item.sealed),
          item.receivedAt,
        ),
      );
    } catch {
      failed.push(summary.id);
    }
  }
  return { opened, failed };
}

/**
 * The incident a quick record becomes: "when" is the device's time in its time zone (exact, as
 * the device's clock said), and `deviceRecord` keeps where it came from.
 *
 * @example store.add(INCIDENT, quickRecordIncident(opened));
 */
export function quickRecordIncident(opened: OpenedQuickRecord): IncidentInput {
  const { record } = opened;
  return {
    when: {
      start: record.recordedAt.replace(/:\d{2}(?=[+-]\d{2}:\d{2}$|Z$)/, ''),
      approximate: false,
      timeZone: record.timeZone,
    },
    what: record.what,
    deviceRecord: {
      id: opened.id,
      recordedAt: record.recordedAt,
      receivedAt: opened.receivedAt,
      sealedSha256: opened.sealedSha256,
    },
  };
}
