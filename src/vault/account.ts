/**
 * The account's use cases, one function each, following docs/vault-protocol.md §4–§5 and §12:
 * sign up, sign in, change passphrase, delete, recover. Each derives what it needs, talks to the
 * API, wipes every key it no longer needs, and hands back only the account key (for the
 * session to own) and the server's SessionResponse.
 *
 * The passphrase, the key-encryption key, the recovery key and the account key never leave this
 * module in a request: only the auth keys (derived, one-way) and wrapped keys do.
 */
import {
  bytesEqual,
  checkRecoveryWords,
  DEFAULT_KDF,
  deriveKeys,
  deriveRecoveryAuthKey,
  fromBase64Url,
  generateKey,
  generateRecoveryKey,
  kdfParamsFromJson,
  kdfParamsToJson,
  KEY_CONTEXTS,
  newKdfParams,
  parseRecoveryPhrase,
  pickCheckPositions,
  recoveryKeyToWords,
  toBase64Url,
  unwrapAccountKeyWithRecoveryKey,
  unwrapKey,
  wrapAccountKeyWithRecoveryKey,
  wrapKey,
  type KdfParams,
} from '../crypto/index.js';
import {
  ApiError,
  isApiError,
  type SecondFactorProof,
  type SessionResponse,
  type VaultApi,
} from './api.js';
import { pinLogKey } from './receipt-watch.js';
import { ensureAccountKeyPair } from './witnesses.js';
import { wipeBestEffort } from './session.js';

/** The keys got by signing in, signing up or recovering: the session takes ownership. */
export interface Opened {
  readonly session: SessionResponse;
  readonly accountKey: Uint8Array;
}

/** The server's wrapped account key does not open with the key this person derived. */
export class KeyMismatchError extends Error {
  override readonly name = 'KeyMismatchError';
  constructor() {
    super('the wrapped account key does not match');
  }
}

/**
 * Everything a new account needs, made before anything is sent: the keys from the passphrase,
 * a new account key wrapped two ways, and the recovery key (shown once, then checked).
 */
export interface PreparedSignUp {
  readonly kdf: KdfParams;
  readonly authKey: Uint8Array;
  readonly accountKey: Uint8Array;
  readonly recoveryKey: Uint8Array;
  readonly recoveryAuthKey: Uint8Array;
  readonly wrappedByPassphrase: Uint8Array;
  readonly wrappedByRecoveryKey: Uint8Array;
  /** The two word positions (0-based) to ask for before sign-up completes. */
  readonly checkPositions: readonly [number, number];
}

/**
 * Derives and generates every key for a new account. The key-encryption key is wiped here: once
 * the account key is wrapped, it is not needed again until the next sign-in.
 */
export async function prepareSignUp(passphrase: string): Promise<PreparedSignUp> {
  const kdf = await newKdfParams();
  const { authKey, keyEncryptionKey } = await deriveKeys(passphrase, kdf);
  try {
    const accountKey = await generateKey();
    const wrappedByPassphrase = await wrapKey(
      keyEncryptionKey,
      accountKey,
      KEY_CONTEXTS.accountKeyByKek,
    );
    const recoveryKey = await generateRecoveryKey();
    const wrappedByRecoveryKey = await wrapAccountKeyWithRecoveryKey(recoveryKey, accountKey);
    const recoveryAuthKey = await deriveRecoveryAuthKey(recoveryKey);
    const checkPositions = await pickCheckPositions();
    return {
      kdf,
      authKey,
      accountKey,
      recoveryKey,
      recoveryAuthKey,
      wrappedByPassphrase,
      wrappedByRecoveryKey,
      checkPositions,
    };
  } finally {
    wipeBestEffort(keyEncryptionKey);
  }
}

/** The 24 words to show once. */
export function recoveryWordsOf(prepared: PreparedSignUp): string[] {
  return recoveryKeyToWords(prepared.recoveryKey);
}

/** True when `word` is the recovery key's word at `position` (0-based), as typed by a person. */
export function checkRecoveryWord(
  prepared: PreparedSignUp,
  position: number,
  word: string,
): boolean {
  return checkRecoveryWords(prepared.recoveryKey, [{ position, word }]);
}

/** Wipes every secret of a prepared sign-up (after success, or when abandoned). */
export function wipePrepared(prepared: PreparedSignUp, keepAccountKey = false): void {
  wipeBestEffort(prepared.authKey);
  wipeBestEffort(prepared.recoveryKey);
  wipeBestEffort(prepared.recoveryAuthKey);
  if (!keepAccountKey) wipeBestEffort(prepared.accountKey);
}

/**
 * Creates the account. On success the prepared secrets are wiped except the account key, which
 * is returned for the session; on `username_taken` nothing is wiped, so the person can choose
 * another username without seeing a new recovery key.
 */
export async function completeSignUp(
  api: VaultApi,
  prepared: PreparedSignUp,
  username: string,
): Promise<Opened> {
  const session = await api.createAccount({
    username,
    kdf: kdfParamsToJson(prepared.kdf),
    authKey: toBase64Url(prepared.authKey),
    recoveryAuthKey: toBase64Url(prepared.recoveryAuthKey),
    wrappedAccountKey: {
      byPassphrase: toBase64Url(prepared.wrappedByPassphrase),
      byRecoveryKey: toBase64Url(prepared.wrappedByRecoveryKey),
    },
  });
  wipePrepared(prepared, true);
  // Pin the deployment's receipt-log key inside the vault now, while this server is the one the
  // person chose (docs/vault-protocol.md §9.6), so a later server cannot swap it. Best effort: if
  // it fails, the first unlock pins it instead (trust on first use, as for accounts made before
  // receipts), and the sign-up itself has already succeeded.
  api.setCsrfToken(session.csrfToken);
  try {
    await pinLogKey(api, prepared.accountKey, 'sign-up');
  } catch {
    // Pinned at the first check instead (ReceiptWatch).
  }
  return withKeyPair(api, { session, accountKey: prepared.accountKey });
}

/**
 * Asks for the account's KDF parameters and derives the keys. Refuses parameters below the
 * protocol's minimum before deriving (CryptoError `kdf_params_too_weak`).
 */
export async function deriveForAccount(
  api: VaultApi,
  username: string,
  passphrase: string,
): Promise<{ authKey: Uint8Array; keyEncryptionKey: Uint8Array }> {
  const { kdf } = await api.loginChallenge(username);
  const params = kdfParamsFromJson(kdf);
  return deriveKeys(passphrase, params);
}

/**
 * A sign-in waiting for its second factor: the keys derived from the passphrase, kept in memory
 * only while the person is on the code page, so a code can be tried without deriving again.
 * Whoever holds it must call wipePendingSignIn when it is done with, cancelled or locked.
 */
export interface PendingSignIn {
  readonly username: string;
  readonly authKey: Uint8Array;
  readonly keyEncryptionKey: Uint8Array;
  /** For an account whose KDF parameters are below the default: see KdfUpgrade. */
  readonly upgrade?: KdfUpgrade;
}

/**
 * Keys from the same passphrase with the default KDF costs and a fresh salt, made at sign-in
 * for an account whose stored parameters are below them. Once signed in, the account key is
 * re-wrapped under them (through the passphrase-change route, which keeps this session), so
 * the account's challenge then looks exactly like a new account's — and like an unknown
 * username's.
 */
export interface KdfUpgrade {
  readonly kdf: KdfParams;
  readonly authKey: Uint8Array;
  readonly keyEncryptionKey: Uint8Array;
}

/** The KDF costs to bring an account up to (DEFAULT_KDF; tests may ask for more). */
export interface KdfTarget {
  readonly opsLimit: number;
  readonly memLimitBytes: number;
}

/** True when parameters are below the target's costs in either dimension. */
export function needsKdfUpgrade(kdf: KdfParams, target: KdfTarget = DEFAULT_KDF): boolean {
  return kdf.opsLimit < target.opsLimit || kdf.memLimitBytes < target.memLimitBytes;
}

export function wipePendingSignIn(pending: PendingSignIn | undefined): void {
  if (pending === undefined) return;
  wipeBestEffort(pending.authKey);
  wipeBestEffort(pending.keyEncryptionKey);
  wipeBestEffort(pending.upgrade?.authKey);
  wipeBestEffort(pending.upgrade?.keyEncryptionKey);
}

/** Derives the keys to sign in with, and for an account below `target`, the upgraded ones. */
async function deriveForSignIn(
  api: VaultApi,
  username: string,
  passphrase: string,
  target: KdfTarget,
): Promise<PendingSignIn> {
  const { kdf } = await api.loginChallenge(username);
  const params = kdfParamsFromJson(kdf);
  const keys = await deriveKeys(passphrase, params);
  if (!needsKdfUpgrade(params, target)) return { username, ...keys };
  try {
    const upgraded: KdfParams = {
      ...(await newKdfParams()),
      opsLimit: target.opsLimit,
      memLimitBytes: target.memLimitBytes,
    };
    const next = await deriveKeys(passphrase, upgraded);
    return { username, ...keys, upgrade: { kdf: upgraded, ...next } };
  } catch (e) {
    wipeBestEffort(keys.authKey);
    wipeBestEffort(keys.keyEncryptionKey);
    throw e;
  }
}

/**
 * After a sign-in with a pending upgrade: re-wraps the account key under the upgraded keys and
 * stores them (other sessions end, as after any passphrase change; this one stays). A failure
 * changes nothing here: the next sign-in tries again.
 */
async function upgradeKdf(api: VaultApi, keys: PendingSignIn, opened: Opened): Promise<Opened> {
  const upgrade = keys.upgrade;
  if (upgrade === undefined) return opened;
  try {
    const wrapped = toBase64Url(
      await wrapKey(upgrade.keyEncryptionKey, opened.accountKey, KEY_CONTEXTS.accountKeyByKek),
    );
    api.setCsrfToken(opened.session.csrfToken);
    await api.changePassphrase({
      currentAuthKey: toBase64Url(keys.authKey),
      kdf: kdfParamsToJson(upgrade.kdf),
      authKey: toBase64Url(upgrade.authKey),
      wrappedAccountKey: wrapped,
    });
    return { ...opened, session: { ...opened.session, wrappedAccountKey: wrapped } };
  } catch {
    return opened;
  }
}

/**
 * Makes sure the account has its key pair (docs/vault-protocol.md §15.1): made at sign-up, and
 * for an account made before witness statements at its next unlock. Best effort: a failure
 * changes nothing here, and the next unlock (or the witness screen) tries again.
 */
async function withKeyPair(api: VaultApi, opened: Opened): Promise<Opened> {
  try {
    api.setCsrfToken(opened.session.csrfToken);
    await ensureAccountKeyPair(api, opened.accountKey);
  } catch {
    // Tried again at the next unlock.
  }
  return opened;
}

export type SignInStart =
  | { readonly kind: 'opened'; readonly opened: Opened }
  | { readonly kind: 'second-factor'; readonly pending: PendingSignIn };

/**
 * Derives the keys and signs in. An account with a second factor gives back the derived keys
 * as a PendingSignIn (not wiped) for finishSignIn; otherwise the keys are wiped here. An account
 * whose KDF parameters are below `target` (DEFAULT_KDF) is brought up to it once signed in,
 * without ending this session (KdfUpgrade).
 *
 * @throws ApiError `sign_in_failed` (wrong username or passphrase, never saying which),
 *   `rate_limited`; CryptoError `kdf_params_too_weak`, `kdf_failed`; KeyMismatchError.
 */
export async function startSignIn(
  api: VaultApi,
  username: string,
  passphrase: string,
  target: KdfTarget = DEFAULT_KDF,
): Promise<SignInStart> {
  const pending = await deriveForSignIn(api, username, passphrase, target);
  let keep = false;
  try {
    const opened = await openSession(api, pending, undefined);
    return {
      kind: 'opened',
      opened: await withKeyPair(api, await upgradeKdf(api, pending, opened)),
    };
  } catch (e) {
    if (isApiError(e, 'second_factor_required')) {
      keep = true;
      return { kind: 'second-factor', pending };
    }
    throw e;
  } finally {
    if (!keep) wipePendingSignIn(pending);
  }
}

/**
 * Completes a sign-in with a code from the authenticator app or a backup code. On success the
 * pending keys are wiped, and when they can no longer sign in (`sign_in_failed`: the passphrase
 * was changed meanwhile; KeyMismatchError). A wrong or used code (`second_factor_failed`), a rate
 * limit or a network failure keeps them, so the person can try again without deriving again;
 * the code page wipes them when it is left or the app locks.
 *
 * @throws ApiError `second_factor_failed`, `sign_in_failed`, `rate_limited`; KeyMismatchError.
 */
export async function finishSignIn(
  api: VaultApi,
  pending: PendingSignIn,
  proof: SecondFactorProof,
): Promise<Opened> {
  try {
    const opened = await withKeyPair(
      api,
      await upgradeKdf(api, pending, await openSession(api, pending, proof)),
    );
    wipePendingSignIn(pending);
    return opened;
  } catch (e) {
    // Useless now: the passphrase no longer signs in, or the server's key does not open.
    if (isApiError(e, 'sign_in_failed') || e instanceof KeyMismatchError) {
      wipePendingSignIn(pending);
    }
    throw e;
  }
}

/**
 * Signs in (an account without a second factor) and unwraps the account key. Unlocking is a
 * sign-in: keys live only in memory, so a locked vault has nothing left to unlock with.
 *
 * @throws as startSignIn, and ApiError `second_factor_required` (the keys already wiped).
 */
export async function signIn(
  api: VaultApi,
  username: string,
  passphrase: string,
  target: KdfTarget = DEFAULT_KDF,
): Promise<Opened> {
  const started = await startSignIn(api, username, passphrase, target);
  if (started.kind === 'opened') return started.opened;
  wipePendingSignIn(started.pending);
  throw new ApiError(401, 'second_factor_required', 'a second factor is needed');
}

async function openSession(
  api: VaultApi,
  keys: PendingSignIn,
  proof: SecondFactorProof | undefined,
): Promise<Opened> {
  const session = await api.signIn(keys.username, toBase64Url(keys.authKey), proof);
  let accountKey: Uint8Array;
  try {
    accountKey = await unwrapKey(
      keys.keyEncryptionKey,
      fromBase64Url(session.wrappedAccountKey),
      KEY_CONTEXTS.accountKeyByKek,
    );
  } catch {
    // The server accepted the passphrase but sent a key it does not open: do not stay signed in.
    api.setCsrfToken(session.csrfToken);
    api.signOutKeepalive();
    throw new KeyMismatchError();
  }
  return { session, accountKey };
}

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
