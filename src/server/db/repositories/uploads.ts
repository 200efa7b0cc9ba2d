/**
 * Who owns which upload, how big it is, and whether it finished. Every query names the account.
 * Every function takes `db | trx` and none opens a transaction: the caller owns it.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.js';
import { pendingEntryInsert, type ReceiptEntry } from './receipt-log.js';

export interface UploadRow {
  readonly id: string;
  readonly length: number;
  readonly createdAt: Date;
  readonly completedAt: Date | null;
}

export async function insertUpload(
  db: Kysely<Database>,
  accountId: string,
  id: string,
  length: number,
): Promise<void> {
  await db.insertInto('uploads').values({ id, account_id: accountId, length }).execute();
}

/**
 * Records a new upload only if the account's uploads, this one included, stay within
 * `quotaBytes`; false if they would not. Run it in a transaction (the caller's): creations of
 * one account are then taken one at a time (the account's row is locked for the check until
 * the caller commits), so uploads created at once on several app servers cannot together pass
 * the quota.
 */
export async function insertUploadWithinQuota(
  trx: Kysely<Database>,
  accountId: string,
  id: string,
  length: number,
  quotaBytes: number,
): Promise<boolean> {
  await trx.selectFrom('accounts').select('id').where('id', '=', accountId).forUpdate().execute();
  if ((await bytesUsed(trx, accountId)) + length > quotaBytes) return false;
  await trx.insertInto('uploads').values({ id, account_id: accountId, length }).execute();
  return true;
}

export async function findUpload(
  db: Kysely<Database>,
  accountId: string,
  id: string,
): Promise<UploadRow | undefined> {
  const row = await db
    .selectFrom('uploads')
    .select(['id', 'length', 'created_at', 'completed_at'])
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toRow(row);
}

/** Bytes the account holds or has promised to send: finished uploads plus ones under way. */
export async function bytesUsed(db: Kysely<Database>, accountId: string): Promise<number> {
  const row = await db
    .selectFrom('uploads')
    .select(sql<string>`coalesce(sum(length), 0)`.as('used'))
    .where('account_id', '=', accountId)
    .executeTakeFirstOrThrow();
  return Number(row.used);
}

/**
 * Marks an upload finished if it was not already; true when this call marked it (so whoever
 * finishes an upload, on any app server, appends its receipt exactly once).
 */
export async function markCompletedOnce(trx: Kysely<Database>, id: string): Promise<boolean> {
  const row = await trx
    .updateTable('uploads')
    .set({ completed_at: new Date() })
    .where('id', '=', id)
    .where('completed_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Adds a finished upload's receipt entry to the log's pending entries and notes it as the
 * upload's, in one statement of the transaction that marked it finished. With `backfill`, for an
 * upload finished before the log existed (only if it still has none).
 */
export async function addUploadReceipt(
  trx: Kysely<Database>,
  entry: ReceiptEntry,
  backfill?: { receivedAt: Date },
): Promise<void> {
  await sql`with e as (${pendingEntryInsert(entry, backfill)})
    update uploads set log_entry_id = e.id from e where uploads.id = ${entry.id}`.execute(trx);
}

/** Up to `limit` finished uploads with no receipt (finished before the log), oldest first. */
export async function uploadsWithoutReceipt(
  db: Kysely<Database>,
  limit: number,
): Promise<{ id: string; completedAt: Date }[]> {
  const rows = await db
    .selectFrom('uploads')
    .select(['id', 'completed_at'])
    .where('completed_at', 'is not', null)
    .where('leaf_index', 'is', null)
    .where('log_entry_id', 'is', null)
    .orderBy('completed_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.flatMap((r) =>
    r.completed_at === null ? [] : [{ id: r.id, completedAt: new Date(r.completed_at) }],
  );
}

/** Whether a finished upload still has no receipt entry. */
export async function uploadLacksReceipt(db: Kysely<Database>, id: string): Promise<boolean> {
  const row = await db
    .selectFrom('uploads')
    .select('id')
    .where('id', '=', id)
    .where('completed_at', 'is not', null)
    .where('leaf_index', 'is', null)
    .where('log_entry_id', 'is', null)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * The receipt leaf of one of the account's uploads: undefined when the account has no such
 * upload; `leafIndex` null while it has none yet (its entry waits for the sequencer, or it was
 * finished before the log and waits for the backfill); `finished` false while unfinished.
 */
export async function uploadLeafIndex(
  db: Kysely<Database>,
  accountId: string,
  id: string,
): Promise<{ leafIndex: number | null; finished: boolean } | undefined> {
  const row = await db
    .selectFrom('uploads as u')
    .leftJoin('log_leaves as ll', 'll.entry_id', 'u.log_entry_id')
    .select([sql<string | null>`coalesce(u.leaf_index, ll.idx)`.as('leaf_index'), 'u.completed_at'])
    .where('u.account_id', '=', accountId)
    .where('u.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    leafIndex: row.leaf_index === null ? null : Number(row.leaf_index),
    finished: row.completed_at !== null,
  };
}

export async function deleteUpload(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom('uploads').where('id', '=', id).execute();
}

export async function uploadIdsOfAccount(
  db: Kysely<Database>,
  accountId: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom('uploads')
    .select('id')
    .where('account_id', '=', accountId)
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Uploads never finished within `seconds`, and a witness's files no statement named within
 * that time (§15.8): abandoned, to be removed with their blobs.
 */
export async function abandonedUploads(db: Kysely<Database>, seconds: number): Promise<string[]> {
  const rows = await db
    .selectFrom('uploads')
    .select('id')
    .where((eb) =>
      eb.or([
        eb('completed_at', 'is', null),
        eb.and([
          eb('witness_invitation_id', 'is not', null),
          eb('witness_statement_id', 'is', null),
        ]),
      ]),
    )
    .where('created_at', '<', sql<Date>`now() - make_interval(secs => ${seconds})`)
    .execute();
  return rows.map((r) => r.id);
}

function toRow(row: {
  id: string;
  length: string;
  created_at: Date;
  completed_at: Date | null;
}): UploadRow {
  return {
    id: row.id,
    length: Number(row.length),
    createdAt: new Date(row.created_at),
    completedAt: row.completed_at === null ? null : new Date(row.completed_at),
  };
}
