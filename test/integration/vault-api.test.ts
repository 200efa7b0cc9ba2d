/**
 * The vault API on both engines: accounts, sessions, records and revisions, recovery, deletion,
 * abuse resistance — and, as a property over every route, that one account can never read,
 * list, change or delete another's records or sessions.
 */
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { ENGINES } from '../support/databases.js';
import { totpCode } from '../../src/server/auth/totp.js';
import { blob, KDF, key, recordId, VaultClient } from '../support/vault-client.js';

let counter = 0;
const uniqueName = (base: string): string => `${base}-${process.pid}-${++counter}`;

describe.each(ENGINES)('vault API on $name', ({ name, available }) => {
  let t: TestApp;
  beforeAll(async () => {
    if (available) t = await startTestApp({ engine: name });
  });
  afterAll(async () => {
    await t?.close();
  });
  const test = available ? it : it.skip;
  // Each account from its own address: sign-ups are limited per address.
  const client = async (base: string, ip = `203.0.113.${(counter % 250) + 1}`) => {
    const c = new VaultClient(t.app, uniqueName(base), ip);
    expect((await c.signUp()).statusCode).toBe(201);
    return c;
  };

  test('signs up with a Secure, HttpOnly, SameSite=Strict session cookie and a CSRF token', async () => {
    const c = new VaultClient(t.app, uniqueName('Alice'));
    const res = await c.signUp();
    expect(res.statusCode).toBe(201);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/^__Host-mosaic-session=[\w-]{43};/);
    for (const attribute of ['HttpOnly', 'Secure', 'SameSite=Strict', 'Path=/'])
      expect(cookie).toContain(attribute);
    const body = res.json<{ username: string; csrfToken: string; wrappedAccountKey: string }>();
    expect(body.username).toBe(c.username.toLowerCase());
    expect(body.csrfToken.length).toBeGreaterThan(20);
    expect(res.headers['cache-control']).toBe('no-store');
  });

  test('refuses a taken username, a bad username and weak key-derivation parameters', async () => {
    const a = await client('bob');
    const again = new VaultClient(t.app, a.username.toUpperCase());
    const taken = await again.signUp();
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toEqual({
      error: { code: 'username_taken', message: expect.any(String) },
    });
    const bad = await new VaultClient(t.app, 'no spaces allowed').signUp();
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('invalid_request');
    const weak = await t.app.inject({
      method: 'POST',
      url: '/api/accounts',
      payload: {
        username: uniqueName('weak'),
        kdf: { ...KDF, memLimitBytes: 1024 * 1024 },
        authKey: key(),
        recoveryAuthKey: key(),
        wrappedAccountKey: { byPassphrase: blob(73), byRecoveryKey: blob(73) },
      },
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.message).toMatch(/too weak/);
  });

  test('answers the challenge the same way whether or not a username exists', async () => {
    const a = await client('carol');
    const ask = async (username: string) =>
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/sessions/challenge',
          payload: { username },
        })
      ).json<{
        kdf: Record<string, unknown>;
      }>();
    const real = await ask(a.username);
    expect(real.kdf).toEqual(KDF);
    const ghost = await ask('nobody-here');
    expect(Object.keys(ghost.kdf).sort()).toEqual(Object.keys(real.kdf).sort());
    expect(ghost.kdf.opsLimit).toBe(KDF.opsLimit);
    expect(await ask('nobody-here')).toEqual(ghost); // stable, so asking twice reveals nothing
    expect((await ask('someone-else')).kdf.salt).not.toBe(ghost.kdf.salt);
  });

  test('signs in with the right key, rotating the session, and refuses others generically', async () => {
    const a = await client('dave');
    const firstCookie = a.cookie;
    const ok = await a.signIn();
    expect(ok.statusCode).toBe(200);
    expect(a.cookie).not.toBe(firstCookie);
    // The session from sign-up was replaced, not kept alongside.
    const stale = await t.app.inject({ url: '/api/records', headers: { cookie: firstCookie! } });
    expect(stale.statusCode).toBe(401);
    const wrong = await a.signIn(key());
    const ghost = await new VaultClient(t.app, 'ghost-user').signIn();
    expect(wrong.statusCode).toBe(401);
    expect(ghost.statusCode).toBe(401);
    expect(wrong.json()).toEqual(ghost.json());
    expect(wrong.json().error.code).toBe('sign_in_failed');
  });

  test('limits failed sign-ins per account and address, not the owner elsewhere', async () => {
    const a = await client('erin');
    const attacker = new VaultClient(t.app, a.username, '198.51.100.77');
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await attacker.signIn(key())).statusCode);
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
    // The owner, from another address, is not locked out (test/integration/sign-in-limits.test.ts).
    expect((await a.signIn()).statusCode).toBe(200);
  });

  test('stores records with revisions and optimistic concurrency', async () => {
    const a = await client('frank');
    const id = recordId();
    const created = await a.createRecord(id, 'note', blob(100));
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ id, type: 'note', revision: 1, size: 100 });
    expect((await a.createRecord(id)).json().error.code).toBe('record_exists');

    const v2 = await a.request('PUT', `/api/records/${id}`, {
      expectedRevision: 1,
      ciphertext: blob(120),
      wrappedKey: blob(73),
    });
    expect(v2.statusCode).toBe(200);
    expect(v2.json().revision).toBe(2);
    const stale = await a.request('PUT', `/api/records/${id}`, {
      expectedRevision: 1,
      ciphertext: blob(),
      wrappedKey: blob(73),
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('revision_conflict');

    const revisions = await a.request('GET', `/api/records/${id}/revisions`);
    expect(
      revisions
        .json()
        .revisions.map((r: { revision: number; size: number }) => [r.revision, r.size]),
    ).toEqual([
      [1, 100],
      [2, 120],
    ]);
    const current = await a.request('GET', `/api/records/${id}`);
    expect(current.json().revision).toBe(2);

    expect((await a.request('DELETE', `/api/records/${id}`)).statusCode).toBe(204);
    expect((await a.request('GET', `/api/records/${id}`)).statusCode).toBe(404);
    expect((await a.request('GET', `/api/records/${id}/revisions`)).statusCode).toBe(404);
    const leftovers = await t.database.db
      .selectFrom('record_revisions')
      .selectAll()
      .where('record_id', '=', id)
      .execute();
    expect(leftovers).toEqual([]);
  });

  test('pages through records with a cursor, each exactly once, filtered by type', async () => {
    const a = await client('grace');
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      const id = recordId();
      ids.push(id);
      await a.createRecord(id, i % 2 === 0 ? 'note' : 'person');
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await a.request(
        'GET',
        `/api/records?limit=3${cursor ? `&cursor=${cursor}` : ''}`,
      );
      const page = res.json<{ records: { id: string }[]; next: string | null }>();
      seen.push(...page.records.map((r) => r.id));
      cursor = page.next;
    } while (cursor);
    expect([...seen].sort()).toEqual([...ids].sort());

    // Newest first, page by page, is exactly the reverse of oldest first.
    for (const limit of [1, 2, 3, 7, 8]) {
      const newest: string[] = [];
      cursor = null;
      do {
        const res = await a.request(
          'GET',
          `/api/records?order=desc&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
        );
        const page = res.json<{ records: { id: string }[]; next: string | null }>();
        newest.push(...page.records.map((r) => r.id));
        cursor = page.next;
      } while (cursor);
      expect(newest).toEqual([...seen].reverse());
    }
    expect((await a.request('GET', '/api/records?order=sideways')).statusCode).toBe(400);
    const people = (await a.request('GET', '/api/records?type=person')).json<{
      records: { type: string }[];
    }>();
    expect(people.records).toHaveLength(3);
    expect(people.records.every((r) => r.type === 'person')).toBe(true);
    expect((await a.request('GET', '/api/records?cursor=not-a-cursor')).json().error.code).toBe(
      'invalid_request',
    );
  });

  test('refuses a state change without the CSRF token, and anything without a session', async () => {
    const a = await client('heidi');
    const noToken = await a.request(
      'POST',
      '/api/records',
      { id: recordId(), type: 'note', ciphertext: blob(), wrappedKey: blob(73) },
      { csrf: false },
    );
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json().error.code).toBe('csrf_failed');
    const wrongToken = await t.app.inject({
      method: 'DELETE',
      url: '/api/sessions/current',
      headers: { cookie: a.cookie!, 'x-mosaic-csrf': 'x'.repeat(43) },
    });
    expect(wrongToken.statusCode).toBe(403);
    for (const [method, url] of [
      ['GET', '/api/records'],
      ['GET', '/api/sessions'],
      ['POST', '/api/records'],
      ['DELETE', '/api/account'],
    ] as const) {
      const res = await t.app.inject(
        method === 'GET' ? { method, url } : { method, url, payload: {} },
      );
      expect([400, 401], `${method} ${url}`).toContain(res.statusCode);
    }
  });

  test('refuses state changes sent from another site’s page, even sign-in', async () => {
    const a = await client('olga');
    const foreign = await t.app.inject({
      method: 'POST',
      url: '/api/sessions',
      headers: { origin: 'https://evil.example', host: 'localhost:80' },
      payload: { username: a.username, authKey: a.authKey },
    });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().error.code).toBe('csrf_failed');
    const own = await t.app.inject({
      method: 'POST',
      url: '/api/sessions',
      headers: { origin: 'http://localhost:80', host: 'localhost:80' },
      payload: { username: a.username, authKey: a.authKey },
    });
    expect(own.statusCode).toBe(200);
  });

  test('lists sessions, ends another one, and signs out', async () => {
    const phone = await client('ivan');
    const laptop = new VaultClient(t.app, phone.username);
    Object.assign(laptop, { authKey: phone.authKey });
    expect((await laptop.signIn()).statusCode).toBe(200);
    const list = (await phone.request('GET', '/api/sessions')).json<{
      sessions: { id: string; current: boolean; device: string }[];
    }>();
    expect(list.sessions).toHaveLength(2);
    expect(list.sessions.filter((s) => s.current)).toHaveLength(1);
    const other = list.sessions.find((s) => !s.current)!;
    expect((await phone.request('DELETE', `/api/sessions/${other.id}`)).statusCode).toBe(204);
    expect((await laptop.request('GET', '/api/records')).statusCode).toBe(401);
    expect((await phone.request('DELETE', '/api/sessions/current')).statusCode).toBe(204);
    expect(phone.cookie).toBeUndefined();
    expect((await phone.request('DELETE', '/api/sessions/current')).statusCode).toBe(204);
  });

  test('ends a session left idle too long', async () => {
    const a = await client('judy');
    await t.database.db
      .updateTable('sessions')
      .set({ last_seen_at: sql<Date>`now() - interval '2 hours'` })
      .where('kind', '=', 'full')
      .execute();
    expect((await a.request('GET', '/api/records')).statusCode).toBe(401);
  });

  test('changes the passphrase: old key refused, new accepted, other sessions ended', async () => {
    const a = await client('kim');
    const other = new VaultClient(t.app, a.username);
    Object.assign(other, { authKey: a.authKey });
    await other.signIn();
    const newKey = key();
    const res = await a.request('PUT', '/api/account/passphrase', {
      currentAuthKey: a.authKey,
      kdf: { ...KDF, salt: blob(16) },
      authKey: newKey,
      wrappedAccountKey: blob(73),
    });
    expect(res.statusCode).toBe(204);
    expect((await other.request('GET', '/api/records')).statusCode).toBe(401);
    expect((await a.request('GET', '/api/records')).statusCode).toBe(200);
    expect((await a.signIn(a.authKey)).statusCode).toBe(401);
    expect((await a.signIn(newKey)).statusCode).toBe(200);
  });

  test('recovers with the recovery key, once, and the old passphrase stops working', async () => {
    const a = await client('liam');
    const challenge = await a.request('POST', '/api/recovery/challenge', {
      username: a.username,
      recoveryAuthKey: a.recoveryAuthKey,
    });
    expect(challenge.statusCode).toBe(200);
    const { recoveryToken, wrappedAccountKey } = challenge.json<{
      recoveryToken: string;
      wrappedAccountKey: string;
    }>();
    expect(wrappedAccountKey.length).toBeGreaterThan(90);
    const newKey = key();
    const complete = (token: string) =>
      a.request('POST', '/api/recovery/complete', {
        recoveryToken: token,
        kdf: KDF,
        authKey: newKey,
        wrappedAccountKey: blob(73),
      });
    expect((await complete(recoveryToken)).statusCode).toBe(200);
    expect((await complete(recoveryToken)).json().error.code).toBe('recovery_failed');
    expect((await a.signIn(a.authKey)).statusCode).toBe(401);
    expect((await a.signIn(newKey)).statusCode).toBe(200);
    const wrong = await a.request('POST', '/api/recovery/challenge', {
      username: a.username,
      recoveryAuthKey: key(),
    });
    expect(wrong.json().error.code).toBe('recovery_failed');
  });

  test('deletes the account and every row that belonged to it', async () => {
    const a = await client('mia');
    const b = await client('noah');
    await a.createRecord();
    const id = recordId();
    await a.createRecord(id);
    await a.request('PUT', `/api/records/${id}`, {
      expectedRevision: 1,
      ciphertext: blob(),
      wrappedKey: blob(73),
    });
    await b.createRecord();
    expect((await a.request('DELETE', '/api/account', { authKey: key() })).statusCode).toBe(401);
    const accountId = (
      await t.database.db
        .selectFrom('accounts')
        .select('id')
        .where('username', '=', a.username)
        .executeTakeFirstOrThrow()
    ).id;
    expect((await a.request('DELETE', '/api/account', { authKey: a.authKey })).statusCode).toBe(
      204,
    );
    for (const table of ['records', 'record_revisions', 'sessions'] as const) {
      const rows = await t.database.db
        .selectFrom(table)
        .select('account_id')
        .where('account_id', '=', accountId)
        .execute();
      expect(rows, table).toEqual([]);
    }
    expect(
      await t.database.db.selectFrom('accounts').select('id').where('id', '=', accountId).execute(),
    ).toEqual([]);
    expect((await b.request('GET', '/api/records')).json().records).toHaveLength(1);
  });

  test('adds a second factor: codes from an authenticator app, never twice, and backup codes once', async () => {
    const a = await client('otto');
    expect((await a.request('GET', '/api/account')).json()).toEqual({
      username: a.username,
      secondFactor: false,
      backupCodesLeft: 0,
    });
    const setup = (await a.request('POST', '/api/account/second-factor')).json<{
      secret: string;
      uri: string;
    }>();
    expect(setup.uri).toMatch(/^otpauth:\/\/totp\/Notes\?/);
    expect(setup.uri).not.toMatch(/stalk|mosaic|diary/i);
    expect(
      (await a.request('PUT', '/api/account/second-factor', { code: '000000' })).json().error.code,
    ).toBe('second_factor_failed');
    const enabled = await a.request('PUT', '/api/account/second-factor', {
      code: totpCode(setup.secret),
    });
    expect(enabled.statusCode).toBe(200);
    const { backupCodes } = enabled.json<{ backupCodes: string[] }>();
    expect(backupCodes).toHaveLength(10);
    expect(new Set(backupCodes).size).toBe(10);
    expect((await a.request('GET', '/api/account')).json()).toMatchObject({
      secondFactor: true,
      backupCodesLeft: 10,
    });

    expect((await a.signIn()).json().error.code).toBe('second_factor_required');
    const signIn = (extra: Record<string, string>) =>
      a.request('POST', '/api/sessions', { username: a.username, authKey: a.authKey, ...extra });
    // The code used to turn it on cannot be replayed; the next one works, once.
    expect((await signIn({ totp: totpCode(setup.secret) })).json().error.code).toBe(
      'second_factor_failed',
    );
    const next = totpCode(setup.secret, Date.now() + 30_000);
    expect((await signIn({ totp: next })).statusCode).toBe(200);
    expect((await signIn({ totp: next })).json().error.code).toBe('second_factor_failed');
    // A wrong passphrase with a right code is still a wrong passphrase.
    expect(
      (
        await a.request('POST', '/api/sessions', {
          username: a.username,
          authKey: key(),
          backupCode: backupCodes[1],
        })
      ).json().error.code,
    ).toBe('sign_in_failed');
    const code = backupCodes[0]!.toLowerCase().replaceAll('-', ' ');
    expect((await signIn({ backupCode: code })).statusCode).toBe(200);
    expect((await signIn({ backupCode: code })).json().error.code).toBe('second_factor_failed');
    expect((await a.request('GET', '/api/account')).json().backupCodesLeft).toBe(9);

    expect(
      (await a.request('DELETE', '/api/account/second-factor', { authKey: key() })).statusCode,
    ).toBe(401);
    expect(
      (await a.request('DELETE', '/api/account/second-factor', { authKey: a.authKey })).statusCode,
    ).toBe(204);
    expect((await a.signIn()).statusCode).toBe(200);
  });

  test('keeps accounts apart on every route (property)', async () => {
    const owner = await client('owner');
    const other = await client('intruder');
    const ids = [recordId(), recordId()];
    for (const id of ids) await owner.createRecord(id);
    await owner.request('PUT', `/api/records/${ids[0]}`, {
      expectedRevision: 1,
      ciphertext: blob(),
      wrappedKey: blob(73),
    });
    const ownerSession = (await owner.request('GET', '/api/sessions')).json<{
      sessions: { id: string }[];
    }>().sessions[0]!.id;
    const ownerId = (
      await t.database.db
        .selectFrom('accounts')
        .select('id')
        .where('username', '=', owner.username)
        .executeTakeFirstOrThrow()
    ).id;
    const snapshot = async () => ({
      records: await t.database.db
        .selectFrom('records')
        .selectAll()
        .where('account_id', '=', ownerId)
        .orderBy('id')
        .execute(),
      revisions: await t.database.db
        .selectFrom('record_revisions')
        .selectAll()
        .where('account_id', '=', ownerId)
        .orderBy('record_id')
        .orderBy('revision')
        .execute(),
      sessions: await t.database.db
        .selectFrom('sessions')
        .select(['id', 'expires_at'])
        .where('account_id', '=', ownerId)
        .execute(),
    });
    const before = await snapshot();

    // Every route that names a record or a session, aimed at the owner's, by the other account.
    const attack = fc.oneof(
      fc.constantFrom(...ids).map((id) => ['GET', `/api/records/${id}`, undefined] as const),
      fc
        .constantFrom(...ids)
        .map((id) => ['GET', `/api/records/${id}/revisions`, undefined] as const),
      fc.constantFrom(...ids).map((id) => ['DELETE', `/api/records/${id}`, undefined] as const),
      fc
        .tuple(fc.constantFrom(...ids), fc.integer({ min: 1, max: 3 }))
        .map(
          ([id, rev]) =>
            [
              'PUT',
              `/api/records/${id}`,
              { expectedRevision: rev, ciphertext: blob(), wrappedKey: blob(73) },
            ] as const,
        ),
      fc
        .constantFrom(...ids)
        .map(
          (id) =>
            [
              'POST',
              '/api/records',
              { id, type: 'note', ciphertext: blob(), wrappedKey: blob(73) },
            ] as const,
        ),
      fc.constant(['DELETE', `/api/sessions/${ownerSession}`, undefined] as const),
    );
    const ownerCiphertexts = new Set(
      before.records.map((r) => Buffer.from(r.ciphertext).toString('base64url')),
    );
    // Ids the intruder has since used for records of its own (allowed: ids are per account).
    const intruderIds = new Set<string>();
    await fc.assert(
      fc.asyncProperty(attack, async ([method, url, body]) => {
        const res = await other.request(method, url, body);
        const id = url.split('/')[3];
        if (method === 'POST') {
          expect([201, 409]).toContain(res.statusCode);
          if (res.statusCode === 201) intruderIds.add(body.id);
        } else if (id !== undefined && intruderIds.has(id)) {
          // The intruder's own record of the same id: never the owner's bytes.
          expect(
            res.body.includes('ciphertext') &&
              [...ownerCiphertexts].some((c) => res.body.includes(c)),
          ).toBe(false);
          if (method === 'DELETE' && res.statusCode === 204) intruderIds.delete(id);
        } else {
          expect(res.statusCode, `${method} ${url}`).toBe(404);
        }
      }),
      { numRuns: 80 },
    );
    expect(await snapshot()).toEqual(before);
    const listed = (await other.request('GET', '/api/records?limit=500')).json<{
      records: { ciphertext: string }[];
    }>();
    expect(listed.records.some((r) => ownerCiphertexts.has(r.ciphertext))).toBe(false);
    const sessions = (await other.request('GET', '/api/sessions')).json<{
      sessions: { id: string }[];
    }>().sessions;
    expect(sessions.map((s) => s.id)).not.toContain(ownerSession);
  });

  test('stores only what the protocol lists (docs/vault-protocol.md §10)', async () => {
    const columns = await sql<{ table_name: string; column_name: string }>`
      select table_name, column_name from information_schema.columns
      where table_schema = current_schema()
        and table_name in ('accounts', 'sessions', 'records', 'record_revisions', 'backup_codes')
      order by table_name, column_name`.execute(t.database.db);
    const byTable: Record<string, string[]> = {};
    for (const { table_name, column_name } of columns.rows)
      (byTable[table_name] ??= []).push(column_name);
    expect(byTable).toEqual({
      backup_codes: ['account_id', 'code_hash', 'created_at'],
      accounts: [
        'auth_key_hash',
        'created_at',
        'failed_codes',
        'failed_passphrases',
        'failed_recoveries',
        'id',
        'kdf_params',
        'key_pair_public',
        'key_pair_secret',
        'last_failed_at',
        'records_bytes',
        'recovery_key_hash',
        'totp_last_step',
        'totp_pending_secret',
        'totp_secret',
        'updated_at',
        'username',
        'wrapped_key_passphrase',
        'wrapped_key_recovery',
      ],
      record_revisions: [
        'account_id',
        'ciphertext',
        'created_at',
        'log_entry_id',
        'record_id',
        'revision',
        'type',
        'wrapped_key',
      ],
      records: [
        'account_id',
        'ciphertext',
        'created_at',
        'id',
        'revision',
        'type',
        'updated_at',
        'wrapped_key',
      ],
      sessions: [
        'account_id',
        'created_at',
        'device',
        'expires_at',
        'id',
        'kind',
        'last_seen_at',
        'token_hash',
      ],
    });
  });

  test('describes every API route in /api/openapi.json', async () => {
    const res = await t.app.inject('/api/openapi.json');
    expect(res.statusCode).toBe(200);
    const doc = res.json<{ openapi: string; paths: Record<string, Record<string, unknown>> }>();
    expect(doc.openapi).toMatch(/^3\./);
    const routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(routes.sort()).toEqual(
      [
        'POST /api/accounts',
        'DELETE /api/account',
        'GET /api/account',
        'POST /api/account/second-factor',
        'PUT /api/account/second-factor',
        'DELETE /api/account/second-factor',
        'PUT /api/account/passphrase',
        'POST /api/sessions/challenge',
        'POST /api/sessions',
        'GET /api/sessions',
        'DELETE /api/sessions',
        'DELETE /api/sessions/current',
        'DELETE /api/sessions/{id}',
        'POST /api/recovery/challenge',
        'POST /api/recovery/complete',
        'POST /api/records',
        'GET /api/records',
        'GET /api/records/{id}',
        'PUT /api/records/{id}',
        'GET /api/records/{id}/revisions',
        'DELETE /api/records/{id}',
        'GET /api/uploads/limits',
        'GET /api/records/{id}/revisions/{revision}/receipt',
        'GET /api/uploads/{id}/receipt',
        'GET /api/log/checkpoint',
        'GET /api/log/checkpoints/{size}',
        'GET /api/log/consistency',
        'GET /api/log/handovers',
        'GET /api/log/key',
        'POST /api/shares',
        'GET /api/shares',
        'PUT /api/shares/{id}',
        'DELETE /api/shares/{id}',
        'POST /api/shares/{id}/session',
        'GET /api/shares/{id}',
        'GET /api/shares/{id}/records',
        'GET /api/shares/{id}/uploads/{uploadId}',
        'GET /api/shares/{id}/records/{recordId}/revisions/{revision}/receipt',
        'GET /api/account/key-pair',
        'PUT /api/account/key-pair',
        'POST /api/witness/invitations',
        'GET /api/witness/invitations',
        'DELETE /api/witness/invitations/{id}',
        'POST /api/witness/invitations/{id}/block',
        'GET /api/witness/statements',
        'GET /api/witness/statements/{id}',
        'DELETE /api/witness/statements/{id}',
        'GET /api/witness/statements/{id}/receipt',
        'POST /api/witness/invitations/{id}/open',
        'POST /api/witness/invitations/{id}/statements',
        'POST /api/quick/devices',
        'GET /api/quick/devices',
        'DELETE /api/quick/devices/{id}',
        'GET /api/quick/records',
        'POST /api/quick/records',
        'GET /api/quick/records/{id}',
        'DELETE /api/quick/records/{id}',
        'GET /api/quick/records/{id}/receipt',
      ].sort(),
    );
    expect(Object.keys(doc.paths).every((p) => p.startsWith('/api/'))).toBe(true);
  });
});
