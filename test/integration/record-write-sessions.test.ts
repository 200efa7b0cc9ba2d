/**
 * The record writes (POST /api/records, PUT /api/records/:id) check the session inside their own
 * statement (src/server/db/repositories/record-writes.ts) instead of a lookup before it. On both
 * engines: a session that is idle too long, past its end, a recovery session or unknown stores
 * nothing and is answered `not_signed_in`; the answers keep their old order (not signed in
 * before a failed CSRF check); the write marks the session as seen, at
 * most once a minute; and writes at once through the API never overshoot the diary's quota.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSRF_HEADER } from '../../src/contract/vault-api.js';
import { csrfTokenFor, newToken, SESSION_COOKIE } from '../../src/server/auth/tokens.js';
import { insertSession } from '../../src/server/db/repositories/sessions.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { ENGINES } from '../support/databases.js';

const b64 = (n: number): string => randomBytes(n).toString('base64url');
const newId = (): string => randomBytes(12).toString('base64url');
/** The diary quota for these tests: 1 MB. */
const QUOTA_BYTES = 1024 * 1024;

describe.each(ENGINES)('record writes and sessions on $name', ({ name, available }) => {
  let t: TestApp;
  beforeAll(async () => {
    if (available) t = await startTestApp({ engine: name, env: { RECORD_QUOTA_MB: '1' } });
  }, 240_000);
  afterAll(async () => {
    await t?.close();
  });
  const test = available ? it : it.skip;

  /** An account and a session of it made directly, so a test can age the session at will. */
  async function session(
    options: { kind?: 'full' | 'recovery'; lastSeen?: string; expires?: string } = {},
  ) {
    const accountId = randomUUID();
    await t.database.db
      .insertInto('accounts')
      .values({
        id: accountId,
        username: `s-${accountId.slice(0, 12)}`,
        auth_key_hash: 'x',
        recovery_key_hash: 'x',
        kdf_params: JSON.stringify({ alg: 'argon2id', opslimit: 2, memlimit: 67108864 }),
        wrapped_key_passphrase: randomBytes(73),
        wrapped_key_recovery: randomBytes(73),
      })
      .execute();
    const { token, hash } = newToken();
    const id = randomBytes(12).toString('base64url');
    await insertSession(t.database.db, {
      id,
      tokenHash: hash,
      accountId,
      kind: options.kind ?? 'full',
      device: 'test',
      expiresAt: new Date(Date.now() + 3600_000),
    });
    await t.database.db
      .updateTable('sessions')
      .set({
        last_seen_at: sql<Date>`now() - ${options.lastSeen ?? '0 seconds'}::interval`,
        expires_at: sql<Date>`now() + ${options.expires ?? '1 hour'}::interval`,
      })
      .where('id', '=', id)
      .execute();
    const send = (
      method: 'POST' | 'PUT',
      url: string,
      payload: object,
      csrf: string = csrfTokenFor(token),
    ) =>
      t.app.inject({
        method,
        url,
        headers: { cookie: `${SESSION_COOKIE}=${token}`, [CSRF_HEADER]: csrf },
        payload,
      });
    const lastSeen = async (): Promise<number> => {
      const row = await t.database.db
        .selectFrom('sessions')
        .select(sql<string>`extract(epoch from now() - last_seen_at)`.as('ago'))
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      return Number(row.ago);
    };
    const stored = async (): Promise<{ records: number; bytes: number }> => {
      const records = await t.database.db
        .selectFrom('records')
        .select(sql<string>`count(*)`.as('n'))
        .where('account_id', '=', accountId)
        .executeTakeFirstOrThrow();
      const account = await t.database.db
        .selectFrom('accounts')
        .select('records_bytes')
        .where('id', '=', accountId)
        .executeTakeFirstOrThrow();
      return { records: Number(records.n), bytes: Number(account.records_bytes) };
    };
    return { accountId, send, lastSeen, stored };
  }

  const create = (ciphertextBytes = 100) => ({
    id: newId(),
    type: 'incident',
    ciphertext: b64(ciphertextBytes),
    wrappedKey: b64(73),
  });
  const code = (res: { json: () => unknown }): string =>
    (res.json() as { error: { code: string } }).error.code;

  test('stores nothing for a session idle too long, ended, of recovery, or with no cookie', async () => {
    const live = await session();
    const first = create();
    expect((await live.send('POST', '/api/records', first)).statusCode).toBe(201);
    const ways = [
      await session({ lastSeen: '2 hours' }),
      await session({ expires: '-1 second' }),
      await session({ kind: 'recovery' }),
    ];
    for (const s of ways) {
      const created = await s.send('POST', '/api/records', create());
      expect(created.statusCode).toBe(401);
      expect(code(created)).toBe('not_signed_in');
      expect(await s.stored()).toEqual({ records: 0, bytes: 0 });
    }
    // A revision of a real record, sent with the idle session's token: refused the same way.
    const idle = ways[0]!;
    const revised = await idle.send('PUT', `/api/records/${first.id}`, {
      expectedRevision: 1,
      ciphertext: b64(100),
      wrappedKey: b64(73),
    });
    expect(revised.statusCode).toBe(401);
    expect(code(revised)).toBe('not_signed_in');
    const noCookie = await t.app.inject({ method: 'POST', url: '/api/records', payload: create() });
    expect(noCookie.statusCode).toBe(401);
  });

  test('answers not signed in before a failed CSRF check', async () => {
    const idle = await session({ lastSeen: '2 hours' });
    const live = await session();
    const badCsrf = 'x'.repeat(43);
    expect(code(await idle.send('POST', '/api/records', create(), badCsrf))).toBe('not_signed_in');
    expect(code(await live.send('POST', '/api/records', create(), badCsrf))).toBe('csrf_failed');
    const record = create();
    expect((await live.send('POST', '/api/records', record)).statusCode).toBe(201);
    const change = { expectedRevision: 1, ciphertext: b64(100), wrappedKey: b64(73) };
    const put = (s: typeof live, csrf?: string) =>
      s.send('PUT', `/api/records/${record.id}`, change, csrf);
    expect(code(await put(idle, badCsrf))).toBe('not_signed_in');
    expect(code(await put(live, badCsrf))).toBe('csrf_failed');
    expect((await put(live)).statusCode).toBe(200);
    expect(await live.stored()).toEqual({ records: 1, bytes: 2 * (100 + 73) });
  });

  test('marks the session as seen when it was last marked over a minute ago, not more often', async () => {
    const recent = await session({ lastSeen: '10 seconds' });
    expect((await recent.send('POST', '/api/records', create())).statusCode).toBe(201);
    expect(await recent.lastSeen()).toBeGreaterThanOrEqual(10);
    const older = await session({ lastSeen: '5 minutes' });
    expect((await older.send('POST', '/api/records', create())).statusCode).toBe(201);
    expect(await older.lastSeen()).toBeLessThan(60);
    // A refused write still counts as use of the session, as requireSession always did.
    const full = await session({ lastSeen: '5 minutes' });
    const tooMuch = await full.send('POST', '/api/records', create(QUOTA_BYTES));
    expect(code(tooMuch)).toBe('record_quota_exceeded');
    expect(await full.lastSeen()).toBeLessThan(60);
  });

  test('writes at once through the API store exactly what fits in the quota', async () => {
    const s = await session({ lastSeen: '5 minutes' });
    const size = 100 * 1024;
    const each = size + 73;
    const answers = await Promise.all(
      Array.from({ length: 16 }, () => s.send('POST', '/api/records', create(size))),
    );
    const fits = Math.floor(QUOTA_BYTES / each);
    expect(answers.filter((r) => r.statusCode === 201)).toHaveLength(fits);
    const refused = answers.filter((r) => r.statusCode !== 201);
    expect(refused.map(code)).toEqual(Array(16 - fits).fill('record_quota_exceeded'));
    expect(await s.stored()).toEqual({ records: fits, bytes: fits * each });
  });
});
