/**
 * Attempt limits and what a person is told about failed attempts, on both engines (security
 * review findings 3, 6, 8, 9 and 10):
 * - only failures count, tightly per (account, address), with a higher per-account ceiling that
 *   slows rather than locks, so a flood from one address never locks the owner out elsewhere;
 * - an unknown username is counted and answered exactly like a real one;
 * - the next sign-in tells of the failed attempts since the last one, once;
 * - the challenge is limited per address, and an account brought up to the default KDF
 *   parameters answers it exactly like an unknown username;
 * - proving the passphrase again while signed in is limited per account;
 * - session ids are checked by their exact format at the route;
 * - the authenticator app shows only the name the person chose; other sessions can be ended.
 */
import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { unicodeText } from '../support/arbitraries.js';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_KDF } from '../../src/crypto/kdf.js';
import { totpCode } from '../../src/server/auth/totp.js';
import { FAILURE_LIMITS, LIMITS } from '../../src/server/auth/limits.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { ENGINES } from '../support/databases.js';
import { blob, KDF, key, VaultClient } from '../support/vault-client.js';

let counter = 0;
const uniqueName = (base: string): string => `${base}-${process.pid}-${++counter}`;
/** A fresh documentation address (RFC 5737) for each call, so limits never leak between tests. */
let addressCounter = 0;
const address = (): string => {
  const n = ++addressCounter;
  return `198.51.${Math.floor(n / 250) % 250}.${(n % 250) + 1}`;
};

const SIGN_IN = FAILURE_LIMITS.signIn;
const RECOVERY = FAILURE_LIMITS.recovery;

describe.each(ENGINES)('sign-in limits on $name', ({ name, available }) => {
  let t: TestApp;
  beforeAll(async () => {
    if (available) t = await startTestApp({ engine: name });
  });
  afterAll(async () => {
    await t?.close();
  });
  const test = available ? it : it.skip;

  const client = async (base: string): Promise<VaultClient> => {
    const c = new VaultClient(t.app, uniqueName(base), address());
    expect((await c.signUp()).statusCode).toBe(201);
    return c;
  };
  /** Another device of the same person (same keys), at its own address. */
  const sameAccount = (c: VaultClient, ip = address()): VaultClient =>
    Object.assign(new VaultClient(t.app, c.username, ip), {
      authKey: c.authKey,
      recoveryAuthKey: c.recoveryAuthKey,
    });
  const recover = (c: VaultClient, recoveryAuthKey = c.recoveryAuthKey) =>
    c.request('POST', '/api/recovery/challenge', { username: c.username, recoveryAuthKey });
  /** The installation's counter key, as src/server/auth/limits.ts makes it. */
  const counterKey = async (label: string, subject: string): Promise<string> => {
    const { value } = await t.database.db
      .selectFrom('service_meta')
      .select('value')
      .where('key', '=', 'installation-secret')
      .executeTakeFirstOrThrow();
    return createHmac('sha256', value).update(`${label}\0${subject}`).digest('base64url');
  };

  test('a flood of wrong passphrases from one address never locks the owner out elsewhere', async () => {
    const owner = await client('flooded');
    const attacker = new VaultClient(t.app, owner.username, address());
    const statuses: number[] = [];
    for (let i = 0; i < SIGN_IN.perAccountAddress.max + 5; i++) {
      statuses.push((await attacker.signIn(key())).statusCode);
    }
    expect(statuses.slice(0, SIGN_IN.perAccountAddress.max).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(SIGN_IN.perAccountAddress.max).every((s) => s === 429)).toBe(true);
    const refused = await attacker.signIn(key());
    expect(refused.json()).toEqual({
      error: { code: 'rate_limited', message: expect.any(String) },
    });
    // It says when a try can count again: within the window, never past it.
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(SIGN_IN.perAccountAddress.windowMs / 1000);
    // The owner, from their own address, signs in at once.
    expect((await sameAccount(owner).signIn()).statusCode).toBe(200);
  });

  test('only failures count: right passphrases never use up the limit', async () => {
    const owner = await client('regular');
    const phone = sameAccount(owner);
    for (let i = 0; i < SIGN_IN.perAccountAddress.max + 5; i++) {
      expect((await phone.signIn()).statusCode).toBe(200);
    }
  });

  test('a right passphrase after failures within the tight limit works, and starts the count again', async () => {
    const owner = await client('typo');
    const phone = sameAccount(owner);
    for (let i = 0; i < SIGN_IN.perAccountAddress.max - 1; i++) {
      expect((await phone.signIn(key())).statusCode).toBe(401);
    }
    expect((await phone.signIn()).statusCode).toBe(200);
    for (let i = 0; i < SIGN_IN.perAccountAddress.max; i++) {
      expect((await phone.signIn(key())).statusCode).toBe(401);
    }
    expect((await phone.signIn()).statusCode).toBe(429);
  });

  test('counts and answers an unknown username exactly like a real one', async () => {
    const real = await client('real');
    const ip = address();
    const run = async (username: string) => {
      const c = new VaultClient(t.app, username, ip);
      const answers: unknown[] = [];
      for (let i = 0; i < SIGN_IN.perAccountAddress.max + 2; i++) {
        const res = await c.signIn(key());
        answers.push([res.statusCode, res.json()]);
      }
      return answers;
    };
    expect(await run(uniqueName('ghost'))).toEqual(await run(real.username));
  });

  test('past the per-account ceiling, attempts from every address are slowed, not locked', async () => {
    const owner = await client('besieged');
    const perAddress = SIGN_IN.perAccountAddress.max;
    const addresses = Math.ceil(SIGN_IN.perAccount.max / perAddress);
    for (let a = 0; a < addresses; a++) {
      const bot = new VaultClient(t.app, owner.username, address());
      for (let i = 0; i < perAddress; i++) expect((await bot.signIn(key())).statusCode).toBe(401);
    }
    // Over the ceiling: one attempt per back-off period for the whole account.
    const bot = new VaultClient(t.app, owner.username, address());
    expect((await bot.signIn(key())).statusCode).toBe(401);
    expect((await bot.signIn(key())).statusCode).toBe(429);
    const phone = sameAccount(owner);
    expect((await phone.signIn()).statusCode).toBe(429);
    // When the back-off period has passed, the next attempt is tried: the owner's gets in.
    await t.database.db
      .updateTable('rate_limit_counters')
      .set({ reset_at: sql<Date>`now()` })
      .where('key', '=', await counterKey('signInBackoff', owner.username))
      .execute();
    expect((await phone.signIn()).statusCode).toBe(200);
  });

  test('wrong second-factor codes count as failures, and a missing code does not', async () => {
    const owner = await client('coded');
    const setup = (await owner.request('POST', '/api/account/second-factor', {})).json<{
      secret: string;
    }>();
    expect(
      (
        await owner.request('PUT', '/api/account/second-factor', {
          code: totpCode(setup.secret),
        })
      ).statusCode,
    ).toBe(200);
    const thief = sameAccount(owner);
    // The usual first step (no code yet) is not a failure, however often.
    for (let i = 0; i < SIGN_IN.perAccountAddress.max + 2; i++) {
      expect((await thief.signIn()).json().error.code).toBe('second_factor_required');
    }
    const guess = (totp: string) =>
      thief.request('POST', '/api/sessions', {
        username: owner.username,
        authKey: owner.authKey,
        totp,
      });
    const statuses: number[] = [];
    for (let i = 0; i < SIGN_IN.perAccountAddress.max + 1; i++) {
      statuses.push((await guess(String(i).padStart(6, '9'))).statusCode);
    }
    expect(statuses.slice(0, SIGN_IN.perAccountAddress.max).every((s) => s === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    // The next sign-in tells the owner that someone had the passphrase.
    const next = totpCode(setup.secret, Date.now() + 30_000);
    const ok = await sameAccount(owner).request('POST', '/api/sessions', {
      username: owner.username,
      authKey: owner.authKey,
      totp: next,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().failedAttempts).toMatchObject({ passphrase: 0, code: 10, recovery: 0 });
  });

  test('recovery: failures only, per (account, address), and the owner still recovers elsewhere', async () => {
    const owner = await client('recovering');
    const attacker = new VaultClient(t.app, owner.username, address());
    const statuses: number[] = [];
    for (let i = 0; i < RECOVERY.perAccountAddress.max + 2; i++) {
      statuses.push((await recover(attacker, key())).statusCode);
    }
    expect(statuses.slice(0, RECOVERY.perAccountAddress.max).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(RECOVERY.perAccountAddress.max).every((s) => s === 429)).toBe(true);
    expect((await recover(sameAccount(owner))).statusCode).toBe(200);
    // From one address: a right key after a few wrong ones works, and right ones never count.
    const laptop = sameAccount(owner);
    for (let i = 0; i < RECOVERY.perAccountAddress.max - 1; i++) {
      expect((await recover(laptop, key())).statusCode).toBe(401);
    }
    for (let i = 0; i < RECOVERY.perAccountAddress.max + 1; i++) {
      expect((await recover(laptop)).statusCode).toBe(200);
    }
    // An unknown username: the same answers.
    const ghost = new VaultClient(t.app, uniqueName('nobody'), address());
    const ghostStatuses: number[] = [];
    for (let i = 0; i < RECOVERY.perAccountAddress.max + 2; i++) {
      ghostStatuses.push((await recover(ghost, key())).statusCode);
    }
    expect(ghostStatuses).toEqual(statuses);
  });

  test('the next sign-in tells of the failed attempts since the last one, once', async () => {
    const owner = await client('watched');
    const first = await sameAccount(owner).signIn();
    expect(first.json().failedAttempts).toEqual({
      passphrase: 0,
      code: 0,
      recovery: 0,
      lastAt: null,
    });
    const before = Date.now();
    for (let i = 0; i < 3; i++) {
      await new VaultClient(t.app, owner.username, address()).signIn(key());
    }
    await recover(new VaultClient(t.app, owner.username, address()), key());
    const told = await sameAccount(owner).signIn();
    expect(told.statusCode).toBe(200);
    const failed = told.json<{
      failedAttempts: { passphrase: number; recovery: number; code: number; lastAt: string };
    }>().failedAttempts;
    expect(failed).toMatchObject({ passphrase: 3, code: 0, recovery: 1 });
    expect(Date.parse(failed.lastAt)).toBeGreaterThanOrEqual(before - 5_000);
    // Told once: the count starts again.
    expect((await sameAccount(owner).signIn()).json().failedAttempts).toMatchObject({
      passphrase: 0,
      recovery: 0,
      lastAt: null,
    });
  });

  test('limits the challenge per address, with the API error shape', async () => {
    const ip = address();
    const ask = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/sessions/challenge',
        remoteAddress: ip,
        payload: { username: uniqueName('asked') },
      });
    for (let i = 0; i < LIMITS.challengePerAddress.max; i++) {
      expect((await ask()).statusCode).toBe(200);
    }
    const refused = await ask();
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toEqual({
      error: { code: 'rate_limited', message: expect.any(String) },
    });
    // Another address is not affected.
    const other = await t.app.inject({
      method: 'POST',
      url: '/api/sessions/challenge',
      remoteAddress: address(),
      payload: { username: uniqueName('asked') },
    });
    expect(other.statusCode).toBe(200);
  });

  test('an old account brought up to the default KDF answers the challenge like an unknown name', async () => {
    const old = new VaultClient(t.app, uniqueName('old'), address());
    const oldKdf = { ...KDF, opsLimit: DEFAULT_KDF.opsLimit + 1, salt: blob(16) };
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/accounts',
      remoteAddress: old.ip,
      payload: {
        username: old.username,
        kdf: oldKdf,
        authKey: old.authKey,
        recoveryAuthKey: old.recoveryAuthKey,
        wrappedAccountKey: { byPassphrase: blob(73), byRecoveryKey: blob(73) },
      },
    });
    expect(created.statusCode).toBe(201);
    old.remember(created);
    const challenge = async (username: string) =>
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/sessions/challenge',
          remoteAddress: address(),
          payload: { username },
        })
      ).json<{ kdf: { salt: string } & Record<string, unknown> }>();
    const without = ({ salt, ...rest }: { salt: string } & Record<string, unknown>) => {
      expect(salt).toMatch(/^[A-Za-z0-9_-]{22}$/);
      return rest;
    };
    const ghost = without((await challenge(uniqueName('ghost'))).kdf);
    expect(without((await challenge(old.username)).kdf)).not.toEqual(ghost);
    // What the app does after signing in to such an account: the same passphrase, new keys
    // from the default parameters and a fresh salt, the account key re-wrapped.
    const upgraded = key();
    const res = await old.request('PUT', '/api/account/passphrase', {
      currentAuthKey: old.authKey,
      kdf: {
        algorithm: 'argon2id13',
        opsLimit: DEFAULT_KDF.opsLimit,
        memLimitBytes: DEFAULT_KDF.memLimitBytes,
        salt: blob(16),
      },
      authKey: upgraded,
      wrappedAccountKey: blob(73),
    });
    expect(res.statusCode).toBe(204);
    expect((await old.request('GET', '/api/records')).statusCode).toBe(200);
    const now = (await challenge(old.username)).kdf;
    expect(Object.keys(now).sort()).toEqual(Object.keys((await challenge('ghost-x')).kdf).sort());
    expect(without(now)).toEqual(ghost);
  });

  test('limits proving the passphrase again while signed in, per account', async () => {
    const owner = await client('reauth');
    const max = FAILURE_LIMITS.reauth.perAccount.max;
    const tries = {
      passphrase: () =>
        owner.request('PUT', '/api/account/passphrase', {
          currentAuthKey: key(),
          kdf: KDF,
          authKey: key(),
          wrappedAccountKey: blob(73),
        }),
      secondFactorOff: () =>
        owner.request('DELETE', '/api/account/second-factor', { authKey: key() }),
      deleteAccount: () => owner.request('DELETE', '/api/account', { authKey: key() }),
    };
    const statuses: number[] = [];
    for (let i = 0; i < max; i++) {
      const which = [tries.passphrase, tries.secondFactorOff, tries.deleteAccount][i % 3]!;
      statuses.push((await which()).statusCode);
    }
    expect(statuses.every((s) => s === 401)).toBe(true);
    for (const which of Object.values(tries)) {
      const res = await which();
      expect(res.statusCode).toBe(429);
      expect(res.json().error.code).toBe('rate_limited');
    }
    // The right passphrase is refused too while the limit lasts: the session cannot guess on.
    expect(
      (await owner.request('DELETE', '/api/account', { authKey: owner.authKey })).statusCode,
    ).toBe(429);
    // Another account is not affected.
    const other = await client('reauth-other');
    expect(
      (await other.request('DELETE', '/api/account/second-factor', { authKey: key() })).statusCode,
    ).toBe(401);
  });

  test('a right passphrase while signed in does not use up the limit', async () => {
    const owner = await client('reauth-ok');
    let current = owner.authKey;
    for (let i = 0; i < FAILURE_LIMITS.reauth.perAccount.max + 2; i++) {
      const next = key();
      const res = await owner.request('PUT', '/api/account/passphrase', {
        currentAuthKey: current,
        kdf: { ...KDF, salt: blob(16) },
        authKey: next,
        wrappedAccountKey: blob(73),
      });
      expect(res.statusCode).toBe(204);
      current = next;
    }
  });

  test('checks session ids by their exact format: bad ones are 400, never 500', async () => {
    const owner = await client('ids');
    const nul = await owner.request('DELETE', '/api/sessions/%00abc');
    expect(nul.statusCode).toBe(400);
    expect(nul.json().error.code).toBe('invalid_request');
    await fc.assert(
      fc.asyncProperty(
        unicodeText({ maxLength: 40 }).filter((s) => !/^[A-Za-z0-9_-]{16}$/.test(s)),
        async (id) => {
          if (id === 'current' || id === '') return;
          const res = await owner.request('DELETE', `/api/sessions/${encodeURIComponent(id)}`);
          expect([400, 404], id).toContain(res.statusCode);
          expect(res.json().error.code).toMatch(/^(invalid_request|not_found)$/);
        },
      ),
      { numRuns: 60 },
    );
    // A well-formed id that is not one of this account's sessions: 404.
    expect((await owner.request('DELETE', '/api/sessions/AAAAAAAAAAAAAAAA')).statusCode).toBe(404);
  });

  test('names the authenticator entry only as the person chose, "Notes" by default', async () => {
    const owner = await client('labelled');
    const chosen = (
      await owner.request('POST', '/api/account/second-factor', {
        label: '  Shopping   list ',
      })
    ).json<{ uri: string }>();
    expect(chosen.uri).toMatch(/^otpauth:\/\/totp\/Shopping%20list\?/);
    const plain = (await owner.request('POST', '/api/account/second-factor')).json<{
      uri: string;
    }>();
    expect(plain.uri).toMatch(/^otpauth:\/\/totp\/Notes\?/);
    for (const uri of [chosen.uri, plain.uri]) {
      expect(uri).not.toMatch(/diary|mosaic|stalk|issuer/i);
      expect(uri).not.toContain(owner.username);
    }
    for (const label of ['Bank: me', '', 'x'.repeat(33), '<b>']) {
      const bad = await owner.request('POST', '/api/account/second-factor', { label });
      expect(bad.statusCode, label).toBe(400);
      expect(bad.json().error.code).toBe('invalid_request');
    }
  });

  test('ends every other session on request, keeping this one', async () => {
    const phone = await client('everywhere');
    const laptop = sameAccount(phone);
    const tablet = sameAccount(phone);
    expect((await laptop.signIn()).statusCode).toBe(200);
    expect((await tablet.signIn()).statusCode).toBe(200);
    expect((await phone.request('DELETE', '/api/sessions')).statusCode).toBe(400);
    expect(
      (await phone.request('DELETE', '/api/sessions?others=true', undefined, { csrf: false }))
        .statusCode,
    ).toBe(403);
    expect((await phone.request('DELETE', '/api/sessions?others=true')).statusCode).toBe(204);
    expect((await laptop.request('GET', '/api/records')).statusCode).toBe(401);
    expect((await tablet.request('GET', '/api/records')).statusCode).toBe(401);
    expect((await phone.request('GET', '/api/records')).statusCode).toBe(200);
    const list = (await phone.request('GET', '/api/sessions')).json<{
      sessions: { current: boolean }[];
    }>();
    expect(list.sessions).toEqual([expect.objectContaining({ current: true })]);
  });
});
