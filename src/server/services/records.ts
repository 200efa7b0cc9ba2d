/**
 * Writing records: each write is one transaction owned here, in which the repositories store the
 * revision, count its bytes against the account's quota and (with receipts) add its receipt
 * entry for the log, so either all of it is stored or none of it.
 */
import type { Kysely } from 'kysely';
import {
  deleteRecord as deleteRecordRows,
  findSameRevision,
  insertRecord,
  revisionBytes,
  updateRecord,
  useRecordBytes,
  type StoredRecord,
} from '../db/repositories/records.js';
import type { Database } from '../db/schema.js';

export type CreateRecordResult =
  | { readonly kind: 'created'; readonly record: StoredRecord }
  /** The same create sent again (a lost answer): nothing stored, the first answer given. */
  | { readonly kind: 'repeated'; readonly record: StoredRecord }
  | { readonly kind: 'exists' }
  | { readonly kind: 'quota_exceeded' };

export type UpdateRecordResult =
  | { readonly kind: 'updated'; readonly record: StoredRecord }
  | { readonly kind: 'not_found' }
  | { readonly kind: 'conflict'; readonly currentRevision: number }
  | { readonly kind: 'quota_exceeded' };

/** Thrown inside a write's transaction to undo it, carrying the answer to give instead. */
class Undo<T> extends Error {
  constructor(readonly result: T) {
    super('undone');
  }
}

async function undoable<T, U>(
  db: Kysely<Database>,
  write: (trx: Kysely<Database>) => Promise<T>,
): Promise<T | U> {
  try {
    return await db.transaction().execute(write);
  } catch (error) {
    if (error instanceof Undo) return error.result as U;
    throw error;
  }
}

const QUOTA_EXCEEDED = { kind: 'quota_exceeded' } as const;

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
  accountId: string,
  record: { id: string; type: string; ciphertext: Uint8Array; wrappedKey: Uint8Array },
  quotaBytes: number,
  options: RecordWriteOptions = { receipts: true },
): Promise<CreateRecordResult> {
  return undoable(db, async (trx): Promise<CreateRecordResult> => {
    // With receipts, the revision's receipt entry is added in the same statement as the revision.
    const stored = await insertRecord(trx, accountId, record, options.receipts);
    if (!stored) {
      const same = await findSameRevision(trx, accountId, record.id, 1, record);
      return same ? { kind: 'repeated', record: same } : { kind: 'exists' };
    }
    if (!(await useRecordBytes(trx, accountId, revisionBytes(record), quotaBytes))) {
      throw new Undo(QUOTA_EXCEEDED);
    }
    return { kind: 'created', record: stored };
  });
}

/**
 * Stores a new revision with its receipt entry if the current one is still `expectedRevision`
 * and the account's records stay within `quotaBytes`; otherwise stores nothing. The very same
 * revision sent again (identical bytes, already stored as `expectedRevision + 1`) is answered
 * `updated` with that stored revision, so a resend after a lost answer is not a conflict.
 */
export async function reviseRecord(
  db: Kysely<Database>,
  accountId: string,
  id: string,
  change: { expectedRevision: number; ciphertext: Uint8Array; wrappedKey: Uint8Array },
  quotaBytes: number,
  options: RecordWriteOptions = { receipts: true },
): Promise<UpdateRecordResult> {
  return undoable(db, async (trx): Promise<UpdateRecordResult> => {
    const result = await updateRecord(trx, accountId, id, change, options.receipts);
    if (result.kind === 'conflict') {
      // The same revision sent again (a lost answer): answered as the first time, stored once.
      const same = await findSameRevision(trx, accountId, id, change.expectedRevision + 1, change);
      return same ? { kind: 'updated', record: same } : result;
    }
    if (result.kind !== 'updated') return result;
    if (!(await useRecordBytes(trx, accountId, revisionBytes(change), quotaBytes))) {
      throw new Undo(QUOTA_EXCEEDED);
    }
    return result;
  });
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
