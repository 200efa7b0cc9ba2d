/**
 * Writing records: each write is one statement (src/server/db/repositories/record-writes.ts),
 * which checks the writer's session (for the API), stores the revision, counts its bytes
 * against the account's quota and (with receipts) adds its receipt entry for the log, so either
 * all of it is stored or none of it. Only a refused write asks the database again, to say why.
 */
import type { Kysely } from 'kysely';
import {
  currentRevision,
  insertRecordWithin,
  updateRecordWithin,
  type RecordWriter,
} from '../db/repositories/record-writes.js';
import {
  deleteRecord as deleteRecordRows,
  findSameRevision,
  type StoredRecord,
} from '../db/repositories/records.js';
import type { Database } from '../db/schema.js';

export type CreateRecordResult =
  | { readonly kind: 'created'; readonly record: StoredRecord }
  /** The same create sent again (a lost answer): nothing stored, the first answer given. */
  | { readonly kind: 'repeated'; readonly record: StoredRecord }
  | { readonly kind: 'exists' }
  | { readonly kind: 'quota_exceeded' }
  /** Written by session, and the session is not live: nothing stored. */
  | { readonly kind: 'not_signed_in' };

export type UpdateRecordResult =
  | { readonly kind: 'updated'; readonly record: StoredRecord }
  | { readonly kind: 'not_found' }
  | { readonly kind: 'conflict'; readonly currentRevision: number }
  | { readonly kind: 'quota_exceeded' }
  | { readonly kind: 'not_signed_in' };

/** An account id, or a writer as record-writes.ts takes it (an account or a session token). */
const writerOf = (writer: string | RecordWriter): RecordWriter =>
  typeof writer === 'string' ? { accountId: writer } : writer;

/** Whether writes append receipts (always, but for the benchmark's baseline). */
export interface RecordWriteOptions {
  readonly receipts: boolean;
}

/**
 * Stores revision 1 of a new record with its receipt entry, if the account has no record with
 * that id and its records stay within `quotaBytes`; otherwise stores nothing. The very same
 * create sent again (identical bytes) is `repeated`, with the stored revision 1.
 */
export async function createRecord(
  db: Kysely<Database>,
  writer: string | RecordWriter,
  record: { id: string; type: string; ciphertext: Uint8Array; wrappedKey: Uint8Array },
  quotaBytes: number,
  options: RecordWriteOptions = { receipts: true },
): Promise<CreateRecordResult> {
  const written = await insertRecordWithin(
    db,
    writerOf(writer),
    record,
    quotaBytes,
    options.receipts,
  );
  if (written.kind === 'not_signed_in' || written.kind === 'stored')
    return written.kind === 'stored' ? { kind: 'created', record: written.record } : written;
  const { accountId } = written;
  // Full, and no record with this id: that is the answer. A record with this id already there
  // comes first, as it always did — and the very same create sent again is answered as before.
  if (written.kind === 'no_room' && (await currentRevision(db, accountId, record.id)) === undefined)
    return { kind: 'quota_exceeded' };
  const same = await findSameRevision(db, accountId, record.id, 1, record);
  return same ? { kind: 'repeated', record: same } : { kind: 'exists' };
}

/**
 * Stores a new revision with its receipt entry if the current one is still `expectedRevision`
 * and the account's records stay within `quotaBytes`; otherwise stores nothing. The very same
 * revision sent again (identical bytes, already stored as `expectedRevision + 1`) is answered
 * `updated` with that stored revision, so a resend after a lost answer is not a conflict.
 */
export async function reviseRecord(
  db: Kysely<Database>,
  writer: string | RecordWriter,
  id: string,
  change: { expectedRevision: number; ciphertext: Uint8Array; wrappedKey: Uint8Array },
  quotaBytes: number,
  options: RecordWriteOptions = { receipts: true },
): Promise<UpdateRecordResult> {
  const written = await updateRecordWithin(
    db,
    writerOf(writer),
    id,
    change,
    quotaBytes,
    options.receipts,
  );
  if (written.kind === 'not_signed_in' || written.kind === 'stored')
    return written.kind === 'stored' ? { kind: 'updated', record: written.record } : written;
  const { accountId } = written;
  // Not stored: no such record or a stale revision come first, as they always did; only a
  // write that would otherwise have been stored is refused for want of room.
  const current = await currentRevision(db, accountId, id);
  if (current === undefined) return { kind: 'not_found' };
  if (current !== change.expectedRevision) {
    // The same revision sent again (a lost answer): answered as the first time, stored once.
    const same = await findSameRevision(db, accountId, id, change.expectedRevision + 1, change);
    return same
      ? { kind: 'updated', record: same }
      : { kind: 'conflict', currentRevision: current };
  }
  return written.kind === 'no_room'
    ? { kind: 'quota_exceeded' }
    : { kind: 'conflict', currentRevision: current };
}

/**
 * Deletes a record with all its revisions, giving their bytes back to the account's quota;
 * false if the account has no such record.
 */
export async function deleteRecord(
  db: Kysely<Database>,
  accountId: string,
  id: string,
): Promise<boolean> {
  return db.transaction().execute((trx) => deleteRecordRows(trx, accountId, id));
}
