/**
 * Sign-up (docs/vault-protocol.md §4): everything a new account needs is made before anything
 * is sent, the recovery words are shown and checked, then the account is created. The
 * passphrase, the key-encryption key, the recovery key and the account key never leave this
 * module in a request: only the auth keys (derived, one-way) and wrapped keys do.
 */
import {
  checkRecoveryWords,
  deriveKeys,
  deriveRecoveryAuthKey,
  generateKey,
  generateRecoveryKey,
  kdfParamsToJson,
  KEY_CONTEXTS,
  newKdfParams,
  pickCheckPositions,
  recoveryKeyToWords,
  toBase64Url,
  wrapAccountKeyWithRecoveryKey,
  wrapKey,
  type KdfParams,
} from '../crypto/index.js';
import type { VaultApi } from './api.js';
import { withKeyPair, type Opened } from './account-keys.js';
import { pinLogKey } from './receipt-watch.js';
import { wipeBestEffort } from './session.js';

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
