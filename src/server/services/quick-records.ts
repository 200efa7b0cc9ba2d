/**
 * The locked quick record's inbox (docs/vault-protocol.md §16), all of it on ciphertext.
 *
 * - The person turns the quick record on for a device (at most MAX_QUICK_DEVICES): the server
 *   keeps SHA-256 of its drop token. Turning it off deletes that hash.
 * - A device sends a sealed item with its token. In one transaction: the token is checked
 *   (constant time), an id already received for this account is answered with its first time
 *   and nothing more (idempotent), and otherwise the waiting count, the size and the record
 *   quota are checked and the item is stored with its receipt entry.
 * - The vault files an item once it is in the diary: its bytes go, its id and receipt stay.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import {
  MAX_QUICK_DEVICES,
  MAX_QUICK_RECORDS_WAITING,
  QUICK_RECEIPT_PREFIX,
} from '../../contract/quick-records.js';
import {
  countQuickDevices,
  countWaitingQuickRecords,
  fileQuickRecordRow,
  findQuickDevice,
  findQuickRecordAnyAccount,
  insertQuickDevice,
  insertQuickRecord,
  lockAccountRow,
} from '../db/repositories/quick-records.js';
import { useRecordBytes } from '../db/repositories/records.js';
import { publicKeyOfAccount, releaseRecordBytes } from '../db/repositories/witnesses.js';
import type { Database } from '../db/schema.js';

const sha256 = (bytes: Uint8Array | string): Uint8Array =>
  new Uint8Array(createHash('sha256').update(bytes).digest());

/** SHA-256 of the drop token's bytes (the client sends unpadded base64url). */
export function quickTokenHash(token: string): Uint8Array {
  return sha256(Buffer.from(token, 'base64url'));
}

export type RegisterDeviceResult =
  | { readonly kind: 'created' }
  | { readonly kind: 'exists' }
  | { readonly kind: 'too_many' }
  | { readonly kind: 'no_key_pair' };

export async function registerQuickDevice(
  db: Kysely<Database>,
  accountId: string,
  device: { id: string; token: string },
): Promise<RegisterDeviceResult> {
  return db.transaction().execute(async (trx): Promise<RegisterDeviceResult> => {
    await lockAccountRow(trx, accountId);
    if (!(await publicKeyOfAccount(trx, accountId))) return { kind: 'no_key_pair' };
    if ((await countQuickDevices(trx, accountId)) >= MAX_QUICK_DEVICES) return { kind: 'too_many' };
    const created = await insertQuickDevice(trx, {
      id: device.id,
      accountId,
      tokenHash: quickTokenHash(device.token),
    });
    return created ? { kind: 'created' } : { kind: 'exists' };
  });
}

export type SendQuickResult =
  | { readonly kind: 'stored'; readonly receivedAt: Date }
  | { readonly kind: 'already'; readonly receivedAt: Date }
  | { readonly kind: 'wrong_token' }
  | { readonly kind: 'id_taken' }
  | { readonly kind: 'inbox_full' }
  | { readonly kind: 'quota_exceeded' };

export async function sendQuickRecord(
  db: Kysely<Database>,
  request: { device: string; token: string; id: string; sealed: Uint8Array; quotaBytes: number },
): Promise<SendQuickResult> {
  const device = await findQuickDevice(db, request.device);
  const given = quickTokenHash(request.token);
  // An unknown device is compared against a hash of nothing, so both answers take as long.
  const expected = device?.tokenHash ?? sha256('');
  if (!timingSafeEqual(given, expected) || device === undefined) return { kind: 'wrong_token' };
  const { accountId } = device;
  for (let attempt = 0; ; attempt++) {
    const result = await db
      .transaction()
      .execute(async (trx): Promise<SendQuickResult | undefined> => {
        const existing = await findQuickRecordAnyAccount(trx, request.id);
        if (existing !== undefined) {
          return existing.accountId === accountId
            ? { kind: 'already', receivedAt: existing.receivedAt }
            : { kind: 'id_taken' };
        }
        await lockAccountRow(trx, accountId);
        if ((await countWaitingQuickRecords(trx, accountId)) >= MAX_QUICK_RECORDS_WAITING) {
          return { kind: 'inbox_full' };
        }
        if (!(await useRecordBytes(trx, accountId, request.sealed.length, request.quotaBytes))) {
          return { kind: 'quota_exceeded' };
        }
        const receivedAt = await insertQuickRecord(
          trx,
          { id: request.id, accountId, deviceId: device.id, ciphertext: request.sealed },
          {
            id: `${QUICK_RECEIPT_PREFIX}${request.id}`,
            revision: 1,
            ciphertextSha256: sha256(request.sealed),
          },
        );
        if (receivedAt === undefined) {
          // The same id arrived at the same moment by another request: undo and look again.
          throw new SameIdRace();
        }
        return { kind: 'stored', receivedAt };
      })
      .catch((error: unknown) => {
        if (error instanceof SameIdRace && attempt < 2) return undefined;
        throw error;
      });
    if (result !== undefined) return result;
  }
}

class SameIdRace extends Error {}

/** Files a waiting item (its bytes go, giving them back to the quota); false when none. */
export async function fileQuickRecord(
  db: Kysely<Database>,
  accountId: string,
  id: string,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const size = await fileQuickRecordRow(trx, accountId, id);
    if (size === undefined) return false;
    await releaseRecordBytes(trx, accountId, size);
    return true;
  });
}
