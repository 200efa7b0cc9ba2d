/**
 * Sign-in (docs/vault-protocol.md §5): derive the keys from the passphrase, prove them, the
 * second factor when the account has one (the derived keys kept meanwhile as a PendingSignIn),
 * and an account whose KDF costs are below the default brought up to it once signed in. Only
 * the auth keys (derived, one-way) and wrapped keys leave this module in a request.
 */
import {
  DEFAULT_KDF,
  deriveKeys,
  fromBase64Url,
  kdfParamsFromJson,
  kdfParamsToJson,
  KEY_CONTEXTS,
  newKdfParams,
  toBase64Url,
  unwrapKey,
  wrapKey,
  type KdfParams,
} from '../crypto/index.js';
import { ApiError, isApiError, type SecondFactorProof, type VaultApi } from './api.js';
import { KeyMismatchError, withKeyPair, type Opened } from './account-keys.js';
import type { ChallengeAhead } from './challenge-ahead.js';
import { wipeBestEffort } from './session.js';

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
  ahead: ChallengeAhead | undefined,
): Promise<PendingSignIn> {
  const { kdf } = await (ahead?.take(username) ?? api.loginChallenge(username));
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

/** What the unlock screen adds to a sign-in (signIn and the tests use neither). */
export interface SignInOptions {
  /** The username's challenge, asked for while the passphrase was typed (one round trip less). */
  readonly ahead?: ChallengeAhead | undefined;
  /**
   * Leave the account key pair's check (withKeyPair) to the caller, who runs keyPairWhileOpen
   * once the diary is open: the diary home then does not wait for its round trip.
   */
  readonly keyPairLater?: boolean;
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
  options: SignInOptions = {},
): Promise<SignInStart> {
  const pending = await deriveForSignIn(api, username, passphrase, target, options.ahead);
  let keep = false;
  try {
    const opened = await upgradeKdf(api, pending, await openSession(api, pending, undefined));
    return {
      kind: 'opened',
      opened: options.keyPairLater === true ? opened : await withKeyPair(api, opened),
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
