/**
 * What sign-up, sign-in and recovery share (docs/vault-protocol.md §4–§5): the keys an account
 * opens with, the check that the served wrapped key is this person's, the KDF challenge, and
 * the key pair every opened account is given. Its own file so those three use cases each have
 * theirs without an import cycle.
 */
import { deriveKeys, kdfParamsFromJson } from '../crypto/index.js';
import type { SessionResponse, VaultApi } from './api.js';
import { wipeBestEffort, type VaultSession } from './session.js';
import { ensureAccountKeyPair } from './witnesses.js';

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
 * Makes sure the account has its key pair (docs/vault-protocol.md §15.1): made at sign-up, and
 * for an account made before witness statements at its next unlock. Best effort: a failure
 * changes nothing here, and the next unlock (or the witness screen) tries again.
 */
export async function withKeyPair(api: VaultApi, opened: Opened): Promise<Opened> {
  try {
    api.setCsrfToken(opened.session.csrfToken);
    await ensureAccountKeyPair(api, opened.accountKey);
  } catch {
    // Tried again at the next unlock.
  }
  return opened;
}

/**
 * withKeyPair for a diary already open (the unlock screen's, issue 20): the diary home does not
 * wait for its round trip. It works on its own copy of the account key, wiped when it is done
 * or when the vault locks; once locked it stores nothing (a key pair made after a lock could be
 * wrapped under the wiped copy). Best effort, as withKeyPair: the next unlock tries again.
 */
export async function keyPairWhileOpen(api: VaultApi, session: VaultSession): Promise<void> {
  let locked = false;
  const key = session.accountKey.slice();
  const off = session.onLock(() => {
    locked = true;
    wipeBestEffort(key);
  });
  try {
    await ensureAccountKeyPair(api, key, () => locked);
  } catch {
    // Tried again at the next unlock.
  } finally {
    off();
    wipeBestEffort(key);
  }
}
