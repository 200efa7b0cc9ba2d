/**
 * The locked quick record's inbox (docs/vault-protocol.md §16): devices (SHA-256 of each drop
 * token) and sealed items. Functions take `db | trx`; the service owns the transactions.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.js';
import { pendingEntryInsert, type ReceiptEntry } from './receipt-log.js';

export interface QuickDeviceRow {
  readonly id: string;
  readonly accountId: string;
  readonly tokenHash: Uint8Array;
  readonly createdAt: Date;
}

export interface QuickRecordRow {
  readonly id: string;
  readonly accountId: string;
  readonly size: number;
  readonly receivedAt: Date;
  readonly filed: boolean;
}

export async function insertQuickDevice(
  trx: Kysely<Database>,
  row: { id: string; accountId: string; tokenHash: Uint8Array },
): Promise<boolean> {
  const stored = await trx
    .insertInto('quick_devices')
    .values({ id: row.id, account_id: row.accountId, token_hash: row.tokenHash })
    .onConflict((oc) => oc.column('id').doNothing())
    .returning('id')
    .executeTakeFirst();
  return stored !== undefined;
}

export async function countQuickDevices(trx: Kysely<Database>, accountId: string): Promise<number> {
  const row = await trx
    .selectFrom('quick_devices')
    .select(sql<string>`count(*)`.as('n'))
    .where('account_id', '=', accountId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Serialises device changes of one account (the count limit) by locking its row. */
export async function lockAccountRow(trx: Kysely<Database>, accountId: string): Promise<void> {
  await trx
    .selectFrom('accounts')
    .select('id')
    .where('id', '=', accountId)
    .forUpdate()
    .executeTakeFirst();
}

export async function findQuickDevice(
  db: Kysely<Database>,
  id: string,
): Promise<QuickDeviceRow | undefined> {
  const row = await db
    .selectFrom('quick_devices')
    .select(['id', 'account_id', 'token_hash', 'created_at'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    accountId: row.account_id,
    tokenHash: new Uint8Array(row.token_hash),
    createdAt: new Date(row.created_at),
  };
}

export async function listQuickDevices(
  db: Kysely<Database>,
  accountId: string,
): Promise<{ id: string; createdAt: Date }[]> {
  const rows = await db
    .selectFrom('quick_devices')
    .select(['id', 'created_at'])
    .where('account_id', '=', accountId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: r.id, createdAt: new Date(r.created_at) }));
}

export async function deleteQuickDevice(
  db: Kysely<Database>,
  accountId: string,
  id: string,
): Promise<boolean> {
  const rows = await db
    .deleteFrom('quick_devices')
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .returning('id')
    .execute();
  return rows.length > 0;
}

/** Any item with this id, whoever's it is (ids are made by devices: the idempotency key). */
export async function findQuickRecordAnyAccount(
  trx: Kysely<Database>,
  id: string,
): Promise<QuickRecordRow | undefined> {
  const row = await trx
    .selectFrom('quick_records')
    .select(['id', 'account_id', 'size', 'received_at', 'filed_at'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    accountId: row.account_id,
    size: row.size,
    receivedAt: new Date(row.received_at),
    filed: row.filed_at !== null,
  };
}

/** Items of the account not yet filed by the vault. */
export async function countWaitingQuickRecords(
  trx: Kysely<Database>,
  accountId: string,
): Promise<number> {
  const row = await trx
    .selectFrom('quick_records')
    .select(sql<string>`count(*)`.as('n'))
    .where('account_id', '=', accountId)
    .where('filed_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Stores a sealed item and its receipt entry in one statement pair; returns when received. */
export async function insertQuickRecord(
  trx: Kysely<Database>,
  row: { id: string; accountId: string; deviceId: string; ciphertext: Uint8Array },
  entry: ReceiptEntry,
): Promise<Date | undefined> {
  const stored = await trx
    .insertInto('quick_records')
    .values({
      id: row.id,
      account_id: row.accountId,
      device_id: row.deviceId,
      ciphertext: row.ciphertext,
      size: row.ciphertext.length,
      filed_at: null,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .returning('received_at')
    .executeTakeFirst();
  if (!stored) return undefined;
  await sql`with e as (${pendingEntryInsert(entry)})
    update quick_records set log_entry_id = e.id from e where quick_records.id = ${row.id}`.execute(
    trx,
  );
  return new Date(stored.received_at);
}

/** The account's items waiting to be opened, oldest first (no ciphertext). */
export async function listWaitingQuickRecords(
  db: Kysely<Database>,
  accountId: string,
): Promise<QuickRecordRow[]> {
  const rows = await db
    .selectFrom('quick_records')
    .select(['id', 'account_id', 'size', 'received_at', 'filed_at'])
    .where('account_id', '=', accountId)
    .where('filed_at', 'is', null)
    .orderBy('received_at')
    .orderBy('id')
    .limit(500)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    accountId: r.account_id,
    size: r.size,
    receivedAt: new Date(r.received_at),
    filed: false,
  }));
}

export async function findWaitingQuickRecord(
  db: Kysely<Database>,
  accountId: string,
  id: string,
): Promise<(QuickRecordRow & { ciphertext: Uint8Array }) | undefined> {
  const row = await db
    .selectFrom('quick_records')
    .select(['id', 'account_id', 'size', 'received_at', 'ciphertext'])
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .where('filed_at', 'is', null)
    .executeTakeFirst();
  if (!row || row.ciphertext === null) return undefined;
  return {
    id: row.id,
    accountId: row.account_id,
    size: row.size,
    receivedAt: new Date(row.received_at),
    filed: false,
    ciphertext: new Uint8Array(row.ciphertext),
  };
}

/**
 * Drops a waiting item's sealed bytes, keeping its id, time and receipt entry (§16.5); returns
 * its size, or undefined when the account has no such waiting item.
 */
export async function fileQuickRecordRow(
  trx: Kysely<Database>,
  accountId: string,
  id: string,
): Promise<number | undefined> {
  const row = await trx
    .updateTable('quick_records')
    .set({ ciphertext: null, filed_at: sql<Date>`now()` })
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .where('filed_at', 'is', null)
    .returning('size')
    .executeTakeFirst();
  return row?.size;
}

/** The item's leaf index (null until sequenced); undefined when it is not the account's. */
export async function quickRecordLeafIndex(
  db: Kysely<Database>,
  accountId: string,
  id: string,
): Promise<{ leafIndex: number | null } | undefined> {
  const row = await db
    .selectFrom('quick_records as q')
    .leftJoin('log_leaves as ll', 'll.entry_id', 'q.log_entry_id')
    .select('ll.idx')
    .where('q.account_id', '=', accountId)
    .where('q.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  return { leafIndex: row.idx === null ? null : Number(row.idx) };
}
