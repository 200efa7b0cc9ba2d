/**
 * The account's use cases, one function each, following docs/vault-protocol.md §4–§5 and §12:
 * sign up, sign in, change passphrase, delete, recover. Each derives what it needs, talks to the
 * API, wipes every key it no longer needs, and hands back only the account key (for the
 * session to own) and the server's SessionResponse.
 *
 * The passphrase, the key-encryption key, the recovery key and the account key never leave this
 * module in a request: only the auth keys (derived, one-way) and wrapped keys do.
 *
 * This file holds passphrase change, deletion, the second factor's removal and recovery, and
 * is the face of the rest: sign-up is account-sign-up.ts, sign-in account-sign-in.ts, and what
 * they share account-keys.ts.
 */
import {
  bytesEqual,
  deriveKeys,
  deriveRecoveryAuthKey,
  fromBase64Url,
  kdfParamsFromJson,
  kdfParamsToJson,
  KEY_CONTEXTS,
  newKdfParams,
  parseRecoveryPhrase,
  toBase64Url,
  unwrapAccountKeyWithRecoveryKey,
  unwrapKey,
  wrapKey,
  type KdfParams,
} from '../crypto/index.js';
import { ApiError, type VaultApi } from './api.js';
import { deriveForAccount, KeyMismatchError, withKeyPair, type Opened } from './account-keys.js';
import { wipeBestEffort } from './session.js';

export {
  deriveForAccount,
  KeyMismatchError,
  keyPairWhileOpen,
  type Opened,
} from './account-keys.js';
export { ChallengeAhead } from './challenge-ahead.js';
export {
  checkRecoveryWord,
  completeSignUp,
  prepareSignUp,
  recoveryWordsOf,
  wipePrepared,
  type PreparedSignUp,
} from './account-sign-up.js';
export {
  finishSignIn,
  needsKdfUpgrade,
  signIn,
  startSignIn,
  wipePendingSignIn,
  type KdfTarget,
  type KdfUpgrade,
  type PendingSignIn,
  type SignInOptions,
  type SignInStart,
} from './account-sign-in.js';

/**
 * Changes the passphrase: proves the current one (its auth key), derives new keys with a new
 * salt, re-wraps the account key. Entries and the recovery key are untouched.
 *
 * @returns the account key as now wrapped (base64url), for the session to remember.
 * @throws ApiError `sign_in_failed` when the current passphrase is wrong.
 */
export async function changePassphrase(
  api: VaultApi,
  username: string,
  accountKey: Uint8Array,
  currentPassphrase: string,
  newPassphrase: string,
): Promise<string> {
  const current = await deriveForAccount(api, username, currentPassphrase);
  wipeBestEffort(current.keyEncryptionKey);
  const kdf = await newKdfParams();
  const next = await deriveKeys(newPassphrase, kdf);
  try {
    const wrapped = await wrapKey(next.keyEncryptionKey, accountKey, KEY_CONTEXTS.accountKeyByKek);
    await api.changePassphrase({
      currentAuthKey: toBase64Url(current.authKey),
      kdf: kdfParamsToJson(kdf),
      authKey: toBase64Url(next.authKey),
      wrappedAccountKey: toBase64Url(wrapped),
    });
    return toBase64Url(wrapped);
  } finally {
    wipeBestEffort(current.authKey);
    wipeBestEffort(next.authKey);
    wipeBestEffort(next.keyEncryptionKey);
  }
}

/**
 * Deletes the account and everything in it, proven by the passphrase.
 *
 * @throws ApiError `sign_in_failed` when the passphrase is wrong.
 */
export async function deleteAccount(
  api: VaultApi,
  username: string,
  passphrase: string,
): Promise<void> {
  const { authKey, keyEncryptionKey } = await deriveForAccount(api, username, passphrase);
  wipeBestEffort(keyEncryptionKey);
  try {
    await api.deleteAccount(toBase64Url(authKey));
  } finally {
    wipeBestEffort(authKey);
  }
}

/**
 * Turns the second factor off, proven by the passphrase (its auth key, derived as for a
 * passphrase change).
 *
 * @throws ApiError `sign_in_failed` when the passphrase is wrong.
 */
export async function turnOffSecondFactor(
  api: VaultApi,
  username: string,
  passphrase: string,
): Promise<void> {
  const { authKey, keyEncryptionKey } = await deriveForAccount(api, username, passphrase);
  wipeBestEffort(keyEncryptionKey);
  try {
    await api.disableSecondFactor(toBase64Url(authKey));
  } finally {
    wipeBestEffort(authKey);
  }
}

/** The passphrase typed again does not open this account's key. */
export class WrongPassphraseError extends Error {
  override readonly name = 'WrongPassphraseError';
  constructor() {
    super('the passphrase does not open the account key');
  }
}

/**
 * Checks a passphrase typed again while unlocked, without a request that changes anything:
 * derives with the account's KDF parameters and opens the server's passphrase-wrapped copy of
 * the account key, which must be the key this session holds. Gives back the key-encryption key
 * (the caller wipes it) and the parameters it came from, for an encrypted backup.
 *
 * @throws WrongPassphraseError; CryptoError `kdf_params_too_weak`, `kdf_failed`.
 */
export async function confirmPassphrase(
  api: VaultApi,
  username: string,
  passphrase: string,
  accountKey: Uint8Array,
  wrappedAccountKey: string,
): Promise<{ kdf: KdfParams; keyEncryptionKey: Uint8Array }> {
  const { kdf: json } = await api.loginChallenge(username);
  const kdf = kdfParamsFromJson(json);
  const { authKey, keyEncryptionKey } = await deriveKeys(passphrase, kdf);
  wipeBestEffort(authKey);
  let opened: Uint8Array | undefined;
  try {
    opened = await unwrapKey(
      keyEncryptionKey,
      fromBase64Url(wrappedAccountKey),
      KEY_CONTEXTS.accountKeyByKek,
    );
  } catch {
    // Only a wrong passphrase (or a changed server copy) gets here.
  }
  const same = opened !== undefined && bytesEqual(opened, accountKey);
  wipeBestEffort(opened);
  if (!same) {
    wipeBestEffort(keyEncryptionKey);
    throw new WrongPassphraseError();
  }
  return { kdf, keyEncryptionKey };
}

/** A recovery under way: the account key is open, the new passphrase is not chosen yet. */
export interface StartedRecovery {
  readonly accountKey: Uint8Array;
  readonly recoveryToken: string;
}

/**
 * Recovery, step 1: parse the words (tolerantly), prove them to the server, open the recovery
 * copy of the account key.
 *
 * @throws CryptoError `recovery_key_word_count`, `recovery_key_unknown_word`,
 *   `recovery_key_checksum`; ApiError `recovery_failed`, `rate_limited`; KeyMismatchError.
 */
export async function startRecovery(
  api: VaultApi,
  username: string,
  words: string,
): Promise<StartedRecovery> {
  const recoveryKey = parseRecoveryPhrase(words);
  try {
    const recoveryAuthKey = await deriveRecoveryAuthKey(recoveryKey);
    let challenge: { wrappedAccountKey: string; recoveryToken: string };
    try {
      challenge = await api.recoveryChallenge(username, toBase64Url(recoveryAuthKey));
    } finally {
      wipeBestEffort(recoveryAuthKey);
    }
    try {
      const accountKey = await unwrapAccountKeyWithRecoveryKey(
        recoveryKey,
        fromBase64Url(challenge.wrappedAccountKey),
      );
      return { accountKey, recoveryToken: challenge.recoveryToken };
    } catch {
      throw new KeyMismatchError();
    }
  } finally {
    wipeBestEffort(recoveryKey);
  }
}

/**
 * Recovery, step 2: set the new passphrase (new salt, account key re-wrapped) and sign in. The
 * account key does not change, so the account's key pair and everything sealed to it still open.
 *
 * @throws ApiError `recovery_failed` when the recovery token has expired.
 */
export async function completeRecovery(
  api: VaultApi,
  started: StartedRecovery,
  newPassphrase: string,
): Promise<Opened> {
  const kdf = await newKdfParams();
  const { authKey, keyEncryptionKey } = await deriveKeys(newPassphrase, kdf);
  try {
    const wrapped = await wrapKey(
      keyEncryptionKey,
      started.accountKey,
      KEY_CONTEXTS.accountKeyByKek,
    );
    const session = await api.recoveryComplete({
      recoveryToken: started.recoveryToken,
      kdf: kdfParamsToJson(kdf),
      authKey: toBase64Url(authKey),
      wrappedAccountKey: toBase64Url(wrapped),
    });
    // The account key is the same one, so the key pair (§15.1) still opens every statement;
    // an account made before witness statements gets its key pair now, as at an unlock.
    return await withKeyPair(api, { session, accountKey: started.accountKey });
  } finally {
    wipeBestEffort(authKey);
    wipeBestEffort(keyEncryptionKey);
  }
}

/** True for the errors that mean "wrong passphrase" (or username) from the server. */
export function isWrongCredentials(e: unknown): boolean {
  return e instanceof ApiError && (e.code === 'sign_in_failed' || e.code === 'recovery_failed');
}
