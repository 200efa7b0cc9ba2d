/**
 * The optional second factor: a TOTP secret per account, the last time step accepted, and
 * one-time backup codes (hashed). Plain functions taking `db | trx`; none opens a transaction.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

export interface SecondFactorState {
  readonly secret: string | null;
  readonly pendingSecret: string | null;
  readonly lastStep: number | null;
  readonly backupCodesLeft: number;
}

export async function secondFactorState(
  db: Kysely<Database>,
  accountId: string,
): Promise<SecondFactorState> {
  const row = await db
    .selectFrom('accounts')
    .select(['totp_secret', 'totp_pending_secret', 'totp_last_step'])
    .where('id', '=', accountId)
    .executeTakeFirstOrThrow();
  const codes = await db
    .selectFrom('backup_codes')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('account_id', '=', accountId)
    .executeTakeFirstOrThrow();
  return {
    secret: row.totp_secret,
    pendingSecret: row.totp_pending_secret,
    lastStep: row.totp_last_step === null ? null : Number(row.totp_last_step),
    backupCodesLeft: Number(codes.n),
  };
}

export async function setPendingSecret(
  db: Kysely<Database>,
  accountId: string,
  secret: string,
): Promise<void> {
  await db
    .updateTable('accounts')
    .set({ totp_pending_secret: secret })
    .where('id', '=', accountId)
    .execute();
}

/**
 * Turns the second factor on with the pending secret and replaces the backup codes. Run it in
 * a transaction (the caller's), so the codes and the secret change together.
 */
export async function enableSecondFactor(
  trx: Kysely<Database>,
  accountId: string,
  change: { secret: string; step: number; backupCodeHashes: readonly Uint8Array[] },
): Promise<void> {
  await trx
    .updateTable('accounts')
    .set({ totp_secret: change.secret, totp_pending_secret: null, totp_last_step: change.step })
    .where('id', '=', accountId)
    .execute();
  await trx.deleteFrom('backup_codes').where('account_id', '=', accountId).execute();
  await trx
    .insertInto('backup_codes')
    .values(change.backupCodeHashes.map((code_hash) => ({ account_id: accountId, code_hash })))
    .execute();
}

/** Turns the second factor off and forgets the backup codes; run it in the caller's transaction. */
export async function disableSecondFactor(trx: Kysely<Database>, accountId: string): Promise<void> {
  await trx
    .updateTable('accounts')
    .set({ totp_secret: null, totp_pending_secret: null, totp_last_step: null })
    .where('id', '=', accountId)
    .execute();
  await trx.deleteFrom('backup_codes').where('account_id', '=', accountId).execute();
}

/**
 * Records that the code of time step `step` was used; false if that step (or a later one) was
 * already used, so a code seen over someone's shoulder cannot be replayed.
 */
export async function claimTotpStep(
  db: Kysely<Database>,
  accountId: string,
  step: number,
): Promise<boolean> {
  const result = await db
    .updateTable('accounts')
    .set({ totp_last_step: step })
    .where('id', '=', accountId)
    .where((eb) =>
      eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', String(step))]),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Uses up a backup code; false if the account has no such unused code. */
export async function useBackupCode(
  db: Kysely<Database>,
  accountId: string,
  codeHash: Uint8Array,
): Promise<boolean> {
  const result = await db
    .deleteFrom('backup_codes')
    .where('account_id', '=', accountId)
    .where('code_hash', '=', codeHash)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}
