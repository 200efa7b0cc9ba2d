/**
 * Accounts: a username, key hashes, KDF parameters and the two wrapped copies of the account
 * key. Rows are mapped to explicit types so a new column never leaks into a response.
 */
import { sql, type Kysely } from 'kysely';
import type { Database, KdfParamsColumn } from '../schema.js';

export interface StoredAccount {
  readonly id: string;
  readonly username: string;
  readonly authKeyHash: string;
  readonly recoveryKeyHash: string;
  readonly kdf: KdfParamsColumn;
  readonly wrappedKeyByPassphrase: Uint8Array;
  readonly wrappedKeyByRecovery: Uint8Array;
}

/** Inserts the account; false when the username is taken (by a race or not). */
export async function insertAccount(
  db: Kysely<Database>,
  account: StoredAccount,
): Promise<boolean> {
  const result = await db
    .insertInto('accounts')
    .values({
      id: account.id,
      username: account.username,
      auth_key_hash: account.authKeyHash,
      recovery_key_hash: account.recoveryKeyHash,
      kdf_params: JSON.stringify(account.kdf),
      wrapped_key_passphrase: account.wrappedKeyByPassphrase,
      wrapped_key_recovery: account.wrappedKeyByRecovery,
    })
    .onConflict((oc) => oc.column('username').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function findAccountByUsername(
  db: Kysely<Database>,
  username: string,
): Promise<StoredAccount | undefined> {
  const row = await db
    .selectFrom('accounts')
    .selectAll()
    .where('username', '=', username)
    .executeTakeFirst();
  return row && toAccount(row);
}

export async function findAccountById(
  db: Kysely<Database>,
  id: string,
): Promise<StoredAccount | undefined> {
  const row = await db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toAccount(row);
}

/** A new passphrase: new auth-key hash, KDF parameters and passphrase-wrapped account key. */
export async function updatePassphrase(
  db: Kysely<Database>,
  accountId: string,
  change: { authKeyHash: string; kdf: KdfParamsColumn; wrappedKeyByPassphrase: Uint8Array },
): Promise<void> {
  await db
    .updateTable('accounts')
    .set({
      auth_key_hash: change.authKeyHash,
      kdf_params: JSON.stringify(change.kdf),
      wrapped_key_passphrase: change.wrappedKeyByPassphrase,
      updated_at: new Date(),
    })
    .where('id', '=', accountId)
    .execute();
}

/** What failed on an account since its last successful sign-in. */
export interface FailedAttemptCounts {
  /** Wrong passphrases. */
  readonly passphrase: number;
  /** The right passphrase with a wrong or used second-factor code. */
  readonly code: number;
  /** Wrong recovery keys. */
  readonly recovery: number;
  /** When the last of them was; null when there were none. */
  readonly lastAt: Date | null;
}

const FAILED_COLUMN = {
  passphrase: 'failed_passphrases',
  code: 'failed_codes',
  recovery: 'failed_recoveries',
} as const;

/**
 * Counts a failed attempt on the account with this username. A username with no account runs
 * the same statement and changes nothing, so the work is the same either way.
 */
export async function recordFailedAttempt(
  db: Kysely<Database>,
  username: string,
  kind: keyof typeof FAILED_COLUMN,
): Promise<void> {
  const column = FAILED_COLUMN[kind];
  await db
    .updateTable('accounts')
    .set({ [column]: sql<number>`${sql.ref(column)} + 1`, last_failed_at: sql<Date>`now()` })
    .where('username', '=', username)
    .execute();
}

/** The failed attempts since the last successful sign-in, read and reset in one statement. */
export async function takeFailedAttempts(
  db: Kysely<Database>,
  accountId: string,
): Promise<FailedAttemptCounts> {
  const result = await sql<{
    failed_passphrases: number | string;
    failed_codes: number | string;
    failed_recoveries: number | string;
    last_failed_at: Date | string | null;
  }>`
    update accounts a
    set failed_passphrases = 0, failed_codes = 0, failed_recoveries = 0, last_failed_at = null
    from (select id, failed_passphrases, failed_codes, failed_recoveries, last_failed_at
          from accounts where id = ${accountId} for update) old
    where a.id = old.id
    returning old.failed_passphrases, old.failed_codes, old.failed_recoveries, old.last_failed_at`.execute(
    db,
  );
  const row = result.rows[0];
  return {
    passphrase: Number(row?.failed_passphrases ?? 0),
    code: Number(row?.failed_codes ?? 0),
    recovery: Number(row?.failed_recoveries ?? 0),
    lastAt: row?.last_failed_at == null ? null : new Date(row.last_failed_at),
  };
}

/** Deletes the account; sessions, records and revisions go with it (foreign keys cascade). */
export async function deleteAccount(db: Kysely<Database>, accountId: string): Promise<void> {
  await db.deleteFrom('accounts').where('id', '=', accountId).execute();
}

function toAccount(row: {
  id: string;
  username: string;
  auth_key_hash: string;
  recovery_key_hash: string;
  kdf_params: KdfParamsColumn;
  wrapped_key_passphrase: Uint8Array;
  wrapped_key_recovery: Uint8Array;
}): StoredAccount {
  return {
    id: row.id,
    username: row.username,
    authKeyHash: row.auth_key_hash,
    recoveryKeyHash: row.recovery_key_hash,
    kdf: row.kdf_params,
    wrappedKeyByPassphrase: new Uint8Array(row.wrapped_key_passphrase),
    wrappedKeyByRecovery: new Uint8Array(row.wrapped_key_recovery),
  };
}
