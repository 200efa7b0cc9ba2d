/**
 * What the unlock screen does ahead of and beside a sign-in (issue 20): the challenge asked for
 * while the passphrase is typed (used once, for the same username only, asked again after a
 * failure), and the account key pair's check beside the open diary, which stores nothing once
 * the vault has locked and never touches the session's own key.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { cryptoReady } from '../crypto/index.js';
import type { VaultApi } from './api.js';
import { keyPairWhileOpen } from './account-keys.js';
import { ChallengeAhead } from './challenge-ahead.js';
import { VaultSession } from './session.js';

beforeAll(async () => {
  await cryptoReady();
});

function challengeApi(fail = false) {
  const asked: string[] = [];
  const api = {
    loginChallenge: (username: string) => {
      asked.push(username);
      return fail && asked.length === 1
        ? Promise.reject(new Error('offline'))
        : Promise.resolve({ kdf: { for: username } });
    },
  } as unknown as VaultApi;
  return { api, asked };
}

describe('ChallengeAhead', () => {
  it('sends one request per username and uses its answer once', async () => {
    const { api, asked } = challengeApi();
    const ahead = new ChallengeAhead(api);
    ahead.ask('fox');
    ahead.ask('fox');
    expect(asked).toEqual(['fox']);
    expect(await ahead.take('fox')).toEqual({ kdf: { for: 'fox' } });
    expect(asked).toEqual(['fox']);
    // Used: the next sign-in asks again.
    await ahead.take('fox');
    expect(asked).toEqual(['fox', 'fox']);
  });

  it('asks afresh for another username, and after a failed early request', async () => {
    const other = challengeApi();
    const ahead = new ChallengeAhead(other.api);
    ahead.ask('fo');
    expect(await ahead.take('fox')).toEqual({ kdf: { for: 'fox' } });
    expect(other.asked).toEqual(['fo', 'fox']);

    const failing = challengeApi(true);
    const again = new ChallengeAhead(failing.api);
    again.ask('fox');
    expect(await again.take('fox')).toEqual({ kdf: { for: 'fox' } });
    expect(failing.asked).toEqual(['fox', 'fox']);
  });
});

function keyPairApi() {
  let release: (value: null) => void = () => undefined;
  const served = new Promise<null>((resolve) => (release = resolve));
  const put = vi.fn(() => Promise.resolve());
  const api = {
    setCsrfToken: () => undefined,
    clearCsrfToken: () => undefined,
    signOutKeepalive: () => undefined,
    getKeyPair: () => served,
    putKeyPair: put,
  } as unknown as VaultApi;
  return { api, put, release: () => release(null) };
}

function openSession(api: VaultApi): { session: VaultSession; key: Uint8Array } {
  const session = new VaultSession(api);
  const key = new Uint8Array(32).fill(7);
  session.begin(
    { username: 'fox', wrappedAccountKey: 'w', csrfToken: 'c', idleTimeoutSeconds: 1800 },
    key,
  );
  return { session, key };
}

describe('keyPairWhileOpen', () => {
  it('makes the missing key pair while the diary is open, leaving the session key alone', async () => {
    const { api, put, release } = keyPairApi();
    const { session, key } = openSession(api);
    const done = keyPairWhileOpen(api, session);
    release();
    await done;
    expect(put).toHaveBeenCalledTimes(1);
    expect(key.every((b) => b === 7)).toBe(true);
  });

  it('stores nothing once the vault has locked', async () => {
    const { api, put, release } = keyPairApi();
    const { session } = openSession(api);
    const done = keyPairWhileOpen(api, session);
    session.lock({ signOut: false });
    release();
    await done;
    expect(put).not.toHaveBeenCalled();
  });
});
