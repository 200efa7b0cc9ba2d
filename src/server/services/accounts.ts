/**
 * Accounts beyond HTTP: creating one, proving a key with the same work whether or not the
 * account exists, the second factor at sign-in, recovery and passphrase changes. The routes
 * (src/server/api/account-routes.ts) map these results to answers; transactions are owned here.
 */
import { createHmac, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { DEFAULT_KDF } from '../../crypto/kdf.js';
import { decoyHash, hashKey, verifyKey } from '../auth/key-hash.js';
import { newPublicId, newToken, tokenHash } from '../auth/tokens.js';
import { hashBackupCode, totpStep } from '../auth/totp.js';
import {
  findAccountById,
  insertAccount,
  updatePassphrase,
  type StoredAccount,
} from '../db/repositories/accounts.js';
import {
  claimTotpStep,
  secondFactorState,
  useBackupCode,
} from '../db/repositories/second-factor.js';
import { deleteOtherSessions, insertSession, touchSession } from '../db/repositories/sessions.js';
import type { Database, KdfParamsColumn } from '../db/schema.js';

/** A recovery token lets its holder set a new passphrase, once, for ten minutes. */
export const RECOVERY_SECONDS = 600;

/**
 * Creates an account from what the browser sent (keys are hashed here); undefined when the
 * username is taken.
 */
export async function createAccount(
  db: Kysely<Database>,
  input: {
    username: string;
    authKey: string;
    recoveryAuthKey: string;
    kdf: KdfParamsColumn;
    wrappedKeyByPassphrase: Uint8Array;
    wrappedKeyByRecovery: Uint8Array;
  },
): Promise<StoredAccount | undefined> {
  const [authKeyHash, recoveryKeyHash] = await Promise.all([
    hashKey(input.authKey),
    hashKey(input.recoveryAuthKey),
  ]);
  const account: StoredAccount = {
    id: randomUUID(),
    username: input.username,
    authKeyHash,
    recoveryKeyHash,
    kdf: input.kdf,
    wrappedKeyByPassphrase: input.wrappedKeyByPassphrase,
    wrappedKeyByRecovery: input.wrappedKeyByRecovery,
  };
  return (await insertAccount(db, account)) ? account : undefined;
}

/**
 * The account if `key` proves it, after the same work whether or not the account exists (a
 * decoy hash is checked for a missing one), so timing tells no one which usernames exist.
 */
export async function proveKey(
  account: StoredAccount | undefined,
  which: 'auth' | 'recovery',
  key: string,
): Promise<StoredAccount | undefined> {
  const stored = account
    ? which === 'auth'
      ? account.authKeyHash
      : account.recoveryKeyHash
    : await decoyHash();
  const ok = await verifyKey(stored, key);
  return ok ? account : undefined;
}

/**
 * Parameters for a username that has no account: the defaults with a salt that is stable for
 * that username, so asking twice cannot tell a real account from a missing one.
 */
export function decoyKdf(secret: string, username: string): KdfParamsColumn {
  const salt = createHmac('sha256', secret)
    .update(`decoy-kdf-salt\0${username}`)
    .digest()
    .subarray(0, 16);
  return {
    algorithm: 'argon2id13',
    opsLimit: DEFAULT_KDF.opsLimit,
    memLimitBytes: DEFAULT_KDF.memLimitBytes,
    salt: salt.toString('base64url'),
  };
}

/**
 * With a second factor on, sign-in also needs a fresh code from the app or an unused backup
 * code: 'ok' (also when the factor is off), 'required' (no code sent) or 'failed'.
 */
export async function checkSecondFactor(
  db: Kysely<Database>,
  accountId: string,
  totp: string | undefined,
  backupCode: string | undefined,
): Promise<'ok' | 'required' | 'failed'> {
  const factor = await secondFactorState(db, accountId);
  if (factor.secret === null) return 'ok';
  if (totp === undefined && backupCode === undefined) return 'required';
  let ok = false;
  if (totp !== undefined) {
    const step = totpStep(factor.secret, totp);
    ok = step !== null && (await claimTotpStep(db, accountId, step));
  } else if (backupCode !== undefined) {
    ok = await useBackupCode(db, accountId, hashBackupCode(backupCode));
  }
  return ok ? 'ok' : 'failed';
}

/** A new passphrase, as the browser sends it: the auth key is hashed here. */
export interface PassphraseChange {
  readonly authKey: string;
  readonly kdf: KdfParamsColumn;
  readonly wrappedKeyByPassphrase: Uint8Array;
}

/** Sets a new passphrase and ends every session of the account but `keepSessionId`. */
export async function changePassphrase(
  db: Kysely<Database>,
  accountId: string,
  change: PassphraseChange,
  keepSessionId: string | null,
): Promise<void> {
  const authKeyHash = await hashKey(change.authKey);
  await db.transaction().execute(async (trx) => {
    await updatePassphrase(trx, accountId, {
      authKeyHash,
      kdf: change.kdf,
      wrappedKeyByPassphrase: change.wrappedKeyByPassphrase,
    });
    await deleteOtherSessions(trx, accountId, keepSessionId);
  });
}

/** A one-time recovery token for a proven account, valid for RECOVERY_SECONDS. */
export async function startRecovery(db: Kysely<Database>, accountId: string): Promise<string> {
  const { token, hash } = newToken();
  await insertSession(db, {
    id: newPublicId(),
    tokenHash: hash,
    accountId,
    kind: 'recovery',
    device: 'recovery',
    expiresAt: new Date(Date.now() + RECOVERY_SECONDS * 1000),
  });
  return token;
}

/**
 * Completes a recovery: with a live recovery token, sets the new passphrase and ends every other
 * session. The account, or undefined when the token is unknown or expired (nothing changed).
 */
export async function completeRecovery(
  db: Kysely<Database>,
  recoveryToken: string,
  change: PassphraseChange,
): Promise<StoredAccount | undefined> {
  const recovery = await touchSession(db, tokenHash(recoveryToken), RECOVERY_SECONDS);
  if (!recovery || recovery.kind !== 'recovery') return undefined;
  await changePassphrase(db, recovery.accountId, change, null);
  return findAccountById(db, recovery.accountId);
}
