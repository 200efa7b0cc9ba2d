/**
 * The account use cases against a small in-memory server that keeps the HTTP contract, including
 * a malicious one: weak KDF parameters are refused before anything is derived, and a swapped
 * wrapped key is refused after sign-in. Every request body is recorded and searched for secrets.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  cryptoReady,
  fromBase64Url,
  isCryptoError,
  openSealed,
  recoveryKeyToWords,
  sealToPublicKey,
  toBase64Url,
  utf8Decode,
  utf8Encode,
  witnessStatementContext,
} from '../crypto/index.js';
import { ensureAccountKeyPair } from './witnesses.js';
import {
  changePassphrase,
  checkRecoveryWord,
  completeRecovery,
  completeSignUp,
  deleteAccount,
  finishSignIn,
  KeyMismatchError,
  prepareSignUp,
  recoveryWordsOf,
  signIn,
  startRecovery,
  startSignIn,
  turnOffSecondFactor,
  wipePendingSignIn,
  wipePrepared,
} from './account.js';
import { ApiError, CSRF_HEADER, VaultApi } from './api.js';

beforeAll(async () => {
  await cryptoReady();
});

interface StoredAccount {
  authKey: string;
  recoveryAuthKey: string;
  kdf: unknown;
  byPassphrase: string;
  byRecoveryKey: string;
  /** A second factor: the one code that works, and unused backup codes. */
  totp?: string;
  backupCodes?: string[];
}

/** Every field any request of the contract sends (each route reads its own). */
interface AnyBody {
  username: string;
  authKey: string;
  currentAuthKey: string;
  recoveryAuthKey: string;
  recoveryToken: string;
  totp?: string;
  backupCode?: string;
  kdf: unknown;
  wrappedAccountKey: string & { byPassphrase: string; byRecoveryKey: string };
}

/** The contract, in memory. `tamper` lets a test play a malicious server. */
function fakeServer(
  tamper: { kdf?: (kdf: unknown) => unknown; wrappedAccountKey?: (w: string) => string } = {},
) {
  const accounts = new Map<string, StoredAccount>();
  const csrf = new Map<string, string>();
  const recoveryTokens = new Map<string, string>();
  const keyPairs = new Map<string, { publicKey: string; wrappedSecretKey: string }>();
  const bodies: string[] = [];
  const paths: string[] = [];
  let n = 0;
  const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status });
  const error = (status: number, code: string) => json(status, { error: { code, message: code } });
  /** Who signed in last: GET requests carry no CSRF token (the real server reads the cookie). */
  let lastSignedIn: string | undefined;
  const session = (username: string) => {
    lastSignedIn = username;
    const token = `csrf-${++n}`;
    csrf.set(token, username);
    const account = accounts.get(username)!;
    const wrapped = tamper.wrappedAccountKey?.(account.byPassphrase) ?? account.byPassphrase;
    return { username, wrappedAccountKey: wrapped, csrfToken: token, idleTimeoutSeconds: 1800 };
  };

  const fetch = (url: string, init: RequestInit = {}): Promise<Response> => {
    const method = init.method ?? 'GET';
    const text = typeof init.body === 'string' ? init.body : '{}';
    const body = JSON.parse(text) as AnyBody;
    if (init.body !== undefined) bodies.push(text);
    paths.push(url);
    const who = csrf.get((init.headers as Record<string, string>)[CSRF_HEADER] ?? '');
    const route = `${method} ${url}`;
    let response: Response;
    switch (route) {
      case 'POST /api/accounts':
        if (accounts.has(body.username)) response = error(409, 'username_taken');
        else {
          accounts.set(body.username, {
            authKey: body.authKey,
            recoveryAuthKey: body.recoveryAuthKey,
            kdf: body.kdf,
            byPassphrase: body.wrappedAccountKey.byPassphrase,
            byRecoveryKey: body.wrappedAccountKey.byRecoveryKey,
          });
          response = json(201, session(body.username));
        }
        break;
      case 'POST /api/sessions/challenge': {
        const kdf = accounts.get(body.username)?.kdf ?? {
          algorithm: 'argon2id13',
          opsLimit: 3,
          memLimitBytes: 64 * 1024 * 1024,
          salt: toBase64Url(new Uint8Array(16)),
        };
        response = json(200, { kdf: tamper.kdf?.(kdf) ?? kdf });
        break;
      }
      case 'POST /api/sessions': {
        const account = accounts.get(body.username);
        if (account?.authKey !== body.authKey) response = error(401, 'sign_in_failed');
        else if (account.totp === undefined) response = json(200, session(body.username));
        else if (body.totp === undefined && body.backupCode === undefined) {
          response = error(401, 'second_factor_required');
        } else if (body.totp !== undefined) {
          response =
            body.totp === account.totp
              ? json(200, session(body.username))
              : error(401, 'second_factor_failed');
        } else {
          const left = account.backupCodes ?? [];
          const used = left.indexOf(body.backupCode ?? '');
          if (used < 0) response = error(401, 'second_factor_failed');
          else {
            left.splice(used, 1);
            response = json(200, session(body.username));
          }
        }
        break;
      }
      case 'DELETE /api/account/second-factor': {
        const account = who !== undefined ? accounts.get(who) : undefined;
        if (!account) response = error(401, 'not_signed_in');
        else if (account.authKey !== body.authKey) response = error(401, 'sign_in_failed');
        else {
          delete account.totp;
          delete account.backupCodes;
          response = new Response(null, { status: 204 });
        }
        break;
      }
      case 'PUT /api/account/passphrase': {
        const account = who !== undefined ? accounts.get(who) : undefined;
        if (!account) response = error(401, 'not_signed_in');
        else if (account.authKey !== body.currentAuthKey) response = error(401, 'sign_in_failed');
        else {
          Object.assign(account, {
            authKey: body.authKey,
            kdf: body.kdf,
            byPassphrase: body.wrappedAccountKey,
          });
          response = new Response(null, { status: 204 });
        }
        break;
      }
      case 'DELETE /api/account': {
        const account = who !== undefined ? accounts.get(who) : undefined;
        if (!account || who === undefined) response = error(401, 'not_signed_in');
        else if (account.authKey !== body.authKey) response = error(401, 'sign_in_failed');
        else {
          accounts.delete(who);
          response = new Response(null, { status: 204 });
        }
        break;
      }
      case 'POST /api/recovery/challenge': {
        const account = accounts.get(body.username);
        if (account?.recoveryAuthKey !== body.recoveryAuthKey) {
          response = error(401, 'recovery_failed');
        } else {
          const token = `recovery-token-${++n}-padding-padding`;
          recoveryTokens.set(token, body.username);
          response = json(200, { wrappedAccountKey: account.byRecoveryKey, recoveryToken: token });
        }
        break;
      }
      case 'POST /api/recovery/complete': {
        const username = recoveryTokens.get(body.recoveryToken);
        const account = username !== undefined ? accounts.get(username) : undefined;
        if (!account || username === undefined) response = error(401, 'recovery_failed');
        else {
          recoveryTokens.delete(body.recoveryToken);
          Object.assign(account, {
            authKey: body.authKey,
            kdf: body.kdf,
            byPassphrase: body.wrappedAccountKey,
          });
          response = json(200, session(username));
        }
        break;
      }
      case 'GET /api/account/key-pair': {
        const owner = who ?? lastSignedIn;
        const pair = owner !== undefined ? keyPairs.get(owner) : undefined;
        response = json(200, pair ?? { publicKey: null, wrappedSecretKey: null });
        break;
      }
      case 'PUT /api/account/key-pair': {
        const pair = JSON.parse(text) as { publicKey: string; wrappedSecretKey: string };
        if (who === undefined) response = error(401, 'not_signed_in');
        else if (keyPairs.has(who)) response = error(409, 'key_pair_exists');
        else {
          keyPairs.set(who, pair);
          response = new Response(null, { status: 204 });
        }
        break;
      }
      case 'DELETE /api/sessions/current':
        response = new Response(null, { status: 204 });
        break;
      default:
        response = error(404, 'not_found');
    }
    return Promise.resolve(response);
  };
  return {
    api: new VaultApi({ fetch: fetch as typeof globalThis.fetch }),
    accounts,
    keyPairs,
    bodies,
    paths,
  };
}

const PASSPHRASE = 'purple tractor sings quietly';

async function signUp(server: ReturnType<typeof fakeServer>, username = 'fox') {
  const prepared = await prepareSignUp(PASSPHRASE);
  const words = recoveryWordsOf(prepared);
  const opened = await completeSignUp(server.api, prepared, username);
  return { opened, words };
}

describe('account use cases', () => {
  it('signs in with a second factor without deriving the keys again, and wipes them after', async () => {
    const server = fakeServer();
    const { opened } = await signUp(server);
    const accountKey = opened.accountKey.slice();
    Object.assign(server.accounts.get('fox')!, {
      totp: '123456',
      backupCodes: ['ABCDEFGHIJKLMNOP'],
    });

    const started = await startSignIn(server.api, 'fox', PASSPHRASE);
    expect(started.kind).toBe('second-factor');
    if (started.kind !== 'second-factor') return;
    const { pending } = started;
    const challenges = () => server.paths.filter((p) => p.endsWith('/challenge')).length;
    const derivedOnce = challenges();

    // A wrong code keeps the keys for another try; a right one opens the account, no new KDF.
    await expect(finishSignIn(server.api, pending, { totp: '654321' })).rejects.toMatchObject({
      code: 'second_factor_failed',
    });
    expect(pending.authKey.some((b) => b !== 0)).toBe(true);
    const done = await finishSignIn(server.api, pending, { totp: '123456' });
    expect(done.accountKey).toEqual(accountKey);
    expect(challenges()).toBe(derivedOnce);
    expect(pending.authKey.every((b) => b === 0)).toBe(true);
    expect(pending.keyEncryptionKey.every((b) => b === 0)).toBe(true);

    // A backup code works once.
    const again = await startSignIn(server.api, 'fox', PASSPHRASE);
    if (again.kind !== 'second-factor') throw new Error('expected a second factor');
    await finishSignIn(server.api, again.pending, { backupCode: 'ABCDEFGHIJKLMNOP' });
    const third = await startSignIn(server.api, 'fox', PASSPHRASE);
    if (third.kind !== 'second-factor') throw new Error('expected a second factor');
    await expect(
      finishSignIn(server.api, third.pending, { backupCode: 'ABCDEFGHIJKLMNOP' }),
    ).rejects.toMatchObject({ code: 'second_factor_failed' });
    // Cancelling wipes.
    wipePendingSignIn(third.pending);
    expect(third.pending.keyEncryptionKey.every((b) => b === 0)).toBe(true);

    // The plain signIn refuses such an account without leaving keys behind.
    await expect(signIn(server.api, 'fox', PASSPHRASE)).rejects.toMatchObject({
      code: 'second_factor_required',
    });

    // Turning it off needs the passphrase.
    server.api.setCsrfToken(done.session.csrfToken);
    await expect(turnOffSecondFactor(server.api, 'fox', 'wrong passphrase here')).rejects.toSatisfy(
      (e) => e instanceof ApiError && e.code === 'sign_in_failed',
    );
    await turnOffSecondFactor(server.api, 'fox', PASSPHRASE);
    expect(server.accounts.get('fox')?.totp).toBeUndefined();
    expect((await startSignIn(server.api, 'fox', PASSPHRASE)).kind).toBe('opened');
    expect(server.bodies.join('\n')).not.toContain(PASSPHRASE);
  });

  it('brings an account below the default KDF up to it at sign-in, keeping the session', async () => {
    const server = fakeServer();
    const { opened } = await signUp(server);
    const accountKey = opened.accountKey.slice();
    const old = server.accounts.get('fox')!.kdf as { opsLimit: number; salt: string };
    // A default raised since this account was made: one more pass than it has.
    const target = { opsLimit: old.opsLimit + 1, memLimitBytes: 64 * 1024 * 1024 };
    const upgraded = await signIn(server.api, 'fox', PASSPHRASE, target);
    expect(upgraded.accountKey).toEqual(accountKey);
    const stored = server.accounts.get('fox')!;
    expect(stored.kdf).toEqual({
      algorithm: 'argon2id13',
      opsLimit: target.opsLimit,
      memLimitBytes: target.memLimitBytes,
      salt: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/),
    });
    expect((stored.kdf as { salt: string }).salt).not.toBe(old.salt);
    // The session knows the new wrapped key, and the same passphrase opens it next time.
    expect(upgraded.session.wrappedAccountKey).toBe(stored.byPassphrase);
    const puts = () => server.paths.filter((p) => p === '/api/account/passphrase').length;
    expect(puts()).toBe(1);
    const again = await signIn(server.api, 'fox', PASSPHRASE, target);
    expect(again.accountKey).toEqual(accountKey);
    expect(puts()).toBe(1);
    // At the default already: nothing is changed.
    await signIn(server.api, 'fox', PASSPHRASE);
    expect(puts()).toBe(1);
    expect(server.bodies.join('\n')).not.toContain(PASSPHRASE);
  });

  it('brings an account with a second factor up to the default once the code is right', async () => {
    const server = fakeServer();
    const { opened } = await signUp(server);
    Object.assign(server.accounts.get('fox')!, { totp: '123456' });
    const old = server.accounts.get('fox')!.kdf as { opsLimit: number };
    const target = { opsLimit: old.opsLimit + 1, memLimitBytes: 64 * 1024 * 1024 };
    const started = await startSignIn(server.api, 'fox', PASSPHRASE, target);
    if (started.kind !== 'second-factor') throw new Error('expected a second factor');
    expect(server.accounts.get('fox')!.kdf).toEqual(old);
    const done = await finishSignIn(server.api, started.pending, { totp: '123456' });
    expect(done.accountKey).toEqual(opened.accountKey);
    expect(server.accounts.get('fox')!.kdf).toMatchObject({ opsLimit: target.opsLimit });
    expect(started.pending.upgrade?.keyEncryptionKey.every((b) => b === 0)).toBe(true);
  });

  it('signs up, then signs in with the same passphrase to the same account key', async () => {
    const server = fakeServer();
    const { opened } = await signUp(server);
    const accountKey = opened.accountKey.slice();
    const again = await signIn(server.api, 'fox', PASSPHRASE);
    expect(again.accountKey).toEqual(accountKey);
    expect(again.session.username).toBe('fox');
  });

  it('checks recovery words one at a time, tolerantly', async () => {
    const prepared = await prepareSignUp(PASSPHRASE);
    const words = recoveryWordsOf(prepared);
    expect(words).toHaveLength(24);
    const [a, b] = prepared.checkPositions;
    expect(a).not.toBe(b);
    expect(checkRecoveryWord(prepared, a, ` ${words[a]!.toUpperCase()} `)).toBe(true);
    expect(checkRecoveryWord(prepared, b, words[b]!.slice(0, 4))).toBe(true);
    expect(checkRecoveryWord(prepared, a, words[b] === words[a] ? 'zzzz' : words[b]!)).toBe(false);
    wipePrepared(prepared);
    expect(prepared.recoveryKey.every((x) => x === 0)).toBe(true);
    expect(prepared.accountKey.every((x) => x === 0)).toBe(true);
  });

  it('keeps the prepared keys when the username is taken, so another can be tried', async () => {
    const server = fakeServer();
    await signUp(server, 'fox');
    const prepared = await prepareSignUp(PASSPHRASE);
    await expect(completeSignUp(server.api, prepared, 'fox')).rejects.toMatchObject({
      code: 'username_taken',
    });
    expect(prepared.accountKey.some((x) => x !== 0)).toBe(true);
    const opened = await completeSignUp(server.api, prepared, 'fox-2');
    expect(opened.session.username).toBe('fox-2');
    // Everything but the account key (now the session's) is wiped.
    expect(prepared.authKey.every((x) => x === 0)).toBe(true);
    expect(prepared.recoveryKey.every((x) => x === 0)).toBe(true);
    expect(opened.accountKey.some((x) => x !== 0)).toBe(true);
  });

  it('answers a wrong passphrase with the server’s generic failure', async () => {
    const server = fakeServer();
    await signUp(server);
    await expect(signIn(server.api, 'fox', 'not the passphrase at all')).rejects.toMatchObject({
      code: 'sign_in_failed',
    });
    await expect(signIn(server.api, 'nobody', PASSPHRASE)).rejects.toMatchObject({
      code: 'sign_in_failed',
    });
  });

  it('refuses weak KDF parameters from the server before deriving or sending anything', async () => {
    const server = fakeServer({
      kdf: (kdf) => ({ ...(kdf as object), opsLimit: 1, memLimitBytes: 8 * 1024 * 1024 }),
    });
    await signUp(server);
    server.paths.length = 0;
    const error: unknown = await signIn(server.api, 'fox', PASSPHRASE).catch((e: unknown) => e);
    expect(isCryptoError(error, 'kdf_params_too_weak')).toBe(true);
    expect(server.paths).toEqual(['/api/sessions/challenge']);
  });

  it('refuses a wrapped account key that the passphrase does not open, and signs out', async () => {
    const server = fakeServer({
      wrappedAccountKey: (w) => {
        const bytes = fromBase64Url(w);
        bytes[40] = (bytes[40] ?? 0) ^ 1;
        return toBase64Url(bytes);
      },
    });
    await signUp(server);
    server.paths.length = 0;
    await expect(signIn(server.api, 'fox', PASSPHRASE)).rejects.toBeInstanceOf(KeyMismatchError);
    expect(server.paths).toContain('/api/sessions/current');
    expect(server.api.signedIn).toBe(false);
  });

  it('changes the passphrase: the old one stops working, the account key stays', async () => {
    const server = fakeServer();
    const { opened } = await signUp(server);
    server.api.setCsrfToken(opened.session.csrfToken);
    const accountKey = opened.accountKey.slice();
    await expect(
      changePassphrase(server.api, 'fox', opened.accountKey, 'wrong passphrase here', 'x'),
    ).rejects.toMatchObject({ code: 'sign_in_failed' });
    await changePassphrase(
      server.api,
      'fox',
      opened.accountKey,
      PASSPHRASE,
      'new quiet harbour lamp',
    );
    await expect(signIn(server.api, 'fox', PASSPHRASE)).rejects.toMatchObject({
      code: 'sign_in_failed',
    });
    const again = await signIn(server.api, 'fox', 'new quiet harbour lamp');
    expect(again.accountKey).toEqual(accountKey);
  });

  it('recovers with the words (tolerantly) and a new passphrase', async () => {
    const server = fakeServer();
    const { opened, words } = await signUp(server);
    const accountKey = opened.accountKey.slice();
    const typed = words.map((w, i) => `${i + 1}. ${w.slice(0, 4).toUpperCase()}`).join('\n');
    const started = await startRecovery(server.api, 'fox', typed);
    expect(started.accountKey).toEqual(accountKey);
    const reopened = await completeRecovery(server.api, started, 'brand new lantern river');
    expect(reopened.accountKey).toEqual(accountKey);
    await expect(signIn(server.api, 'fox', PASSPHRASE)).rejects.toBeInstanceOf(ApiError);
    expect((await signIn(server.api, 'fox', 'brand new lantern river')).accountKey).toEqual(
      accountKey,
    );
  });

  it('an account recovered with its words still opens what witnesses sealed to it (§15.1)', async () => {
    const server = fakeServer();
    const { opened, words } = await signUp(server);
    // Sign-up made the key pair; a witness seals a statement to its public key.
    const stored = server.keyPairs.get('fox');
    expect(stored).toBeDefined();
    const publicKey = fromBase64Url(stored!.publicKey);
    const context = witnessStatementContext('AAAAAAAAAAAAAAAAAAAAAA');
    const sealed = await sealToPublicKey(publicKey, utf8Encode('{"saw":"a red car"}'), context);
    expect(opened.accountKey).toBeDefined();
    // Passphrase forgotten: recovered with the words and a new passphrase.
    const started = await startRecovery(server.api, 'fox', words.join(' '));
    const recovered = await completeRecovery(server.api, started, 'brand new lantern river');
    server.api.setCsrfToken(recovered.session.csrfToken);
    const pair = await ensureAccountKeyPair(server.api, recovered.accountKey);
    // The same key pair (not a new one that would strand every statement and link), and it opens.
    expect(toBase64Url(pair.publicKey)).toBe(stored!.publicKey);
    expect(server.keyPairs.get('fox')).toEqual(stored);
    expect(utf8Decode(await openSealed(pair, sealed, context))).toBe('{"saw":"a red car"}');
    // And after signing in with the new passphrase on another device.
    const again = await signIn(server.api, 'fox', 'brand new lantern river');
    server.api.setCsrfToken(again.session.csrfToken);
    const pairAgain = await ensureAccountKeyPair(server.api, again.accountKey);
    expect(utf8Decode(await openSealed(pairAgain, sealed, context))).toBe('{"saw":"a red car"}');
  });

  it('an account with no key pair yet gets one when it is recovered', async () => {
    const server = fakeServer();
    const { words } = await signUp(server);
    server.keyPairs.delete('fox'); // made before witness statements
    const started = await startRecovery(server.api, 'fox', words.join(' '));
    const recovered = await completeRecovery(server.api, started, 'brand new lantern river');
    const made = server.keyPairs.get('fox');
    expect(made).toBeDefined();
    server.api.setCsrfToken(recovered.session.csrfToken);
    const pair = await ensureAccountKeyPair(server.api, recovered.accountKey);
    expect(toBase64Url(pair.publicKey)).toBe(made!.publicKey);
  });

  it('explains recovery words that cannot be a key, before asking the server', async () => {
    const server = fakeServer();
    const { words } = await signUp(server);
    server.paths.length = 0;
    const count = await startRecovery(server.api, 'fox', words.slice(0, 23).join(' ')).catch(
      (e: unknown) => e,
    );
    expect(isCryptoError(count, 'recovery_key_word_count')).toBe(true);
    const unknown = await startRecovery(
      server.api,
      'fox',
      ['notaword', ...words.slice(1)].join(' '),
    ).catch((e: unknown) => e);
    expect(isCryptoError(unknown, 'recovery_key_unknown_word')).toBe(true);
    expect(server.paths).toEqual([]);
    const other = recoveryKeyToWords(new Uint8Array(32).fill(9)).join(' ');
    await expect(startRecovery(server.api, 'fox', other)).rejects.toMatchObject({
      code: 'recovery_failed',
    });
  });

  it('deletes the account only with the right passphrase', async () => {
    const server = fakeServer();
    const { opened } = await signUp(server);
    server.api.setCsrfToken(opened.session.csrfToken);
    await expect(deleteAccount(server.api, 'fox', 'wrong passphrase here')).rejects.toMatchObject({
      code: 'sign_in_failed',
    });
    await deleteAccount(server.api, 'fox', PASSPHRASE);
    expect(server.accounts.size).toBe(0);
  });

  it('never sends the passphrase, the recovery words or the account key', async () => {
    const server = fakeServer();
    // Not a BIP-39 word ("fox" is one): the username is sent by design, and a random recovery
    // key holding "fox" would look like a leak.
    const username = 'fox1';
    const { opened, words } = await signUp(server, username);
    server.api.setCsrfToken(opened.session.csrfToken);
    await signIn(server.api, username, PASSPHRASE);
    const started = await startRecovery(server.api, username, words.join(' '));
    await completeRecovery(server.api, started, 'brand new lantern river');
    const sent = server.bodies.join('\n');
    expect(sent).not.toContain('purple');
    expect(sent).not.toContain('lantern');
    // Check the values sent, not the JSON keys: "salt" is both a key and a BIP-39 word.
    const values = server.bodies.flatMap((body) => stringValues(JSON.parse(body)));
    const wordSet = new Set(words);
    for (const value of values) {
      expect(value.split(/[\s,.;]+/).filter((token) => wordSet.has(token))).toEqual([]);
    }
    expect(sent).not.toContain(toBase64Url(opened.accountKey));
  });
});

/** Every string value in a JSON document, at any depth (keys excluded). */
function stringValues(json: unknown): string[] {
  if (typeof json === 'string') return [json];
  if (Array.isArray(json)) return json.flatMap(stringValues);
  if (json !== null && typeof json === 'object') return Object.values(json).flatMap(stringValues);
  return [];
}
