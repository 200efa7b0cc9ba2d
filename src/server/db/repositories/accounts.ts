/**
 * Accounts: a username, key hashes, KDF parameters and the two wrapped copies of the account
 * key. Rows are mapped to explicit types so a new column never leaks into a response.
 */
import type { Kysely } from 'kysely';
import type { Database, KdfParamsColumn } from '../schema.js';

export interface Account {
  readonly id: string;
  readonly username: string;
  readonly authKeyHash: string;
  readonly recoveryKeyHash: string;
  readonly kdf: KdfParamsColumn;
  readonly wrappedKeyByPassphrase: Uint8Array;
  readonly wrappedKeyByRecovery: Uint8Array;
}

/** Inserts the account; false when the username is taken (by a race or not). */
export async function insertAccount(db: Kysely<Database>, account: Account): Promise<boolean> {
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
): Promise<Account | undefined> {
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
): Promise<Account | undefined> {
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
}): Account {
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
