/**
 * Shares on both engines (docs/vault-protocol.md §14), through app.inject: isolation (a share
 * serves its own listed records and uploads only), snapshot pinning and kept-up-to-date updates,
 * revocation, expiry, guessing limits per share and per address (never locking the owner out),
 * and a link-preview bot that gets nothing and uses nothing up. Keys are random bytes: the
 * server treats them as opaque (the vault core's tests run the real derivation).
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHARE_LIMITS, sweepExpiredShares } from '../../src/server/services/shares.js';
import { generateKey } from '../../src/crypto/index.js';
import { VaultApi } from '../../src/vault/api.js';
import { NOTE_TYPE, sealNewRecord, sealRecordUpdate } from '../../src/vault/records.js';
import { addToShare, createShare, openShare } from '../../src/vault/shares.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { ENGINES } from '../support/databases.js';
import { blob, key, recordId, VaultClient } from '../support/vault-client.js';

let counter = 0;
const uniqueName = (base: string): string => `${base}-${process.pid}-${++counter}`;
let addressCounter = 0;
const address = (): string => {
  const n = ++addressCounter;
  return `198.18.${Math.floor(n / 250) % 250}.${(n % 250) + 1}`;
};
const shareId = (): string => randomBytes(16).toString('base64url');

interface Share {
  readonly id: string;
  readonly authKey: string;
}

describe.each(ENGINES)('shares on $name', ({ name, available }) => {
  let t: TestApp;
  beforeAll(async () => {
    if (available) t = await startTestApp({ engine: name });
  });
  afterAll(async () => {
    await t?.close();
  });
  const test = available ? it : it.skip;

  const owner = async (): Promise<VaultClient> => {
    const c = new VaultClient(t.app, uniqueName('sharer'), address());
    expect((await c.signUp()).statusCode).toBe(201);
    return c;
  };
  const record = async (c: VaultClient): Promise<string> => {
    const id = recordId();
    expect((await c.createRecord(id)).statusCode).toBe(201);
    return id;
  };
  const share = async (
    c: VaultClient,
    records: { id: string; revision: number }[],
    extra: Record<string, unknown> = {},
  ): Promise<Share> => {
    const s = { id: shareId(), authKey: key() };
    const res = await c.request('POST', '/api/shares', {
      id: s.id,
      mode: 'snapshot',
      authKey: s.authKey,
      ownerWrappedKey: blob(73),
      manifest: blob(300),
      records,
      ...extra,
    });
    expect(res.statusCode, res.body).toBe(201);
    return s;
  };
  const prove = (s: { id: string; authKey: string }, ip = address()) =>
    t.app.inject({
      method: 'POST',
      url: `/api/shares/${s.id}/session`,
      payload: { authKey: s.authKey },
      remoteAddress: ip,
    });
  const open = async (s: Share): Promise<string> => {
    const res = await prove(s);
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ token: string }>().token;
  };
  const get = (url: string, token?: string) =>
    t.app.inject({
      method: 'GET',
      url,
      remoteAddress: address(),
      headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
    });
  const sharedRecords = async (s: Share, token: string) => {
    const res = await get(`/api/shares/${s.id}/records`, token);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ records: { id: string; revision: number; ciphertext: string }[] }>().records;
  };
  const listOf = async (c: VaultClient) => {
    const res = await c.request('GET', '/api/shares');
    expect(res.statusCode).toBe(200);
    return res.json<{
      shares: {
        id: string;
        state: string;
        manifest: string | null;
        records: unknown[];
        opens: unknown[];
        failedAttempts: { count: number };
      }[];
    }>().shares;
  };
  const upload = async (c: VaultClient, bytes: Buffer): Promise<string> => {
    const headers = { cookie: c.cookie!, 'x-mosaic-csrf': c.csrf!, 'tus-resumable': '1.0.0' };
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/uploads',
      headers: { ...headers, 'upload-length': String(bytes.length) },
      remoteAddress: c.ip,
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = String(created.headers.location).split('/').pop()!;
    const patched = await t.app.inject({
      method: 'PATCH',
      url: `/api/uploads/${id}`,
      headers: {
        ...headers,
        'upload-offset': '0',
        'content-type': 'application/offset+octet-stream',
      },
      payload: bytes,
      remoteAddress: c.ip,
    });
    expect(patched.statusCode, patched.body).toBe(204);
    return id;
  };

  /** The real vault client, speaking to this app through inject (cookie kept by `c`, if any). */
  const vaultApi = (c?: VaultClient): VaultApi => {
    const ip = address();
    const api = new VaultApi({
      fetch: (async (input: string, init?: RequestInit) => {
        const headers = { ...(init?.headers as Record<string, string>) };
        if (c?.cookie) headers.cookie = c.cookie;
        const res = await t.app.inject({
          method: (init?.method ?? 'GET') as 'GET',
          url: input,
          headers,
          remoteAddress: ip,
          ...(init?.body === undefined ? {} : { payload: init.body as string }),
        });
        const body = res.statusCode === 204 ? null : new Uint8Array(res.rawPayload);
        return new Response(body, {
          status: res.statusCode,
          headers: res.headers as Record<string, string>,
        });
      }) as typeof fetch,
    });
    if (c?.csrf) api.setCsrfToken(c.csrf);
    return api;
  };

  test('the vault core shares and opens through the real API', async () => {
    const a = await owner();
    const api = vaultApi(a);
    const accountKey = await generateKey();
    const written = [];
    for (const title of ['one', 'two']) {
      const body = await sealNewRecord(accountKey, NOTE_TYPE, {
        title,
        body: '',
        happenedAt: '2026-12-01',
      });
      written.push(await api.createRecord(body));
    }
    const made = await createShare(api, accountKey, {
      records: written.slice(0, 1),
      label: 'advocate',
      mode: 'live',
      origin: 'https://mosaic.test',
    });
    const [summary] = await api.listShares();
    const update = await sealRecordUpdate(accountKey, written[0]!, {
      title: 'one, later',
      body: '',
      happenedAt: '2026-12-01',
    });
    await api.updateRecord(written[0]!.id, update);
    expect(await addToShare(api, accountKey, summary!, { records: [written[1]!] })).toBe(2);
    const opened = await openShare(vaultApi(), made.link, made.passcode);
    expect(opened.manifest.label).toBe('advocate');
    expect(opened.records.map((r) => (r.value as { title: string }).title).sort()).toEqual([
      'one, later',
      'two',
    ]);
    await api.revokeShare(made.shareId);
    await expect(openShare(vaultApi(), made.link, made.passcode)).rejects.toMatchObject({
      code: 'share_revoked',
    });
  });

  test('a share serves its own records and uploads only', async () => {
    const a = await owner();
    const b = await owner();
    const [r1, r2, r3] = [await record(a), await record(a), await record(a)];
    const rb = await record(b);
    // Another account's record, or a revision that does not exist, cannot be listed.
    for (const records of [[{ id: rb, revision: 1 }], [{ id: r1, revision: 2 }]]) {
      const res = await a.request('POST', '/api/shares', {
        id: shareId(),
        mode: 'snapshot',
        authKey: key(),
        ownerWrappedKey: blob(73),
        manifest: blob(300),
        records,
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('share_item_not_found');
    }
    const fileA = randomBytes(50);
    const [f1, f2] = [await upload(a, fileA), await upload(a, randomBytes(20))];
    const fb = await upload(b, randomBytes(20));
    const refused = await a.request('POST', '/api/shares', {
      id: shareId(),
      mode: 'snapshot',
      authKey: key(),
      ownerWrappedKey: blob(73),
      manifest: blob(300),
      records: [{ id: r1, revision: 1 }],
      uploads: [fb],
    });
    expect(refused.json().error.code).toBe('share_item_not_found');

    const s1 = await share(
      a,
      [
        { id: r1, revision: 1 },
        { id: r2, revision: 1 },
      ],
      { uploads: [f1] },
    );
    const s2 = await share(a, [{ id: r3, revision: 1 }]);
    const t1 = await open(s1);
    const t2 = await open(s2);
    expect((await sharedRecords(s1, t1)).map((r) => r.id).sort()).toEqual([r1, r2].sort());
    expect((await sharedRecords(s2, t2)).map((r) => r.id)).toEqual([r3]);
    // One share's session opens nothing of another share.
    for (const url of [`/api/shares/${s2.id}`, `/api/shares/${s2.id}/records`]) {
      const res = await get(url, t1);
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('share_session_invalid');
    }
    const file = await get(`/api/shares/${s1.id}/uploads/${f1}`, t1);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(fileA)).toBe(true);
    for (const [s, token, f] of [
      [s1, t1, f2],
      [s1, t1, fb],
      [s2, t2, f1],
    ] as const) {
      const res = await get(`/api/shares/${s.id}/uploads/${f}`, token);
      expect(res.statusCode).toBe(404);
    }
    // The owner's session is not a share session.
    const asOwner = await a.request('GET', `/api/shares/${s1.id}/records`);
    expect(asOwner.statusCode).toBe(401);
  });

  test('a snapshot stays pinned; a kept-up-to-date share follows and takes new records', async () => {
    const a = await owner();
    const r1 = await record(a);
    const r2 = await record(a);
    const snap = await share(a, [{ id: r1, revision: 1 }]);
    const live = await share(a, [{ id: r1, revision: 1 }], { mode: 'live' });
    const changed = await a.request('PUT', `/api/records/${r1}`, {
      expectedRevision: 1,
      ciphertext: blob(300),
      wrappedKey: blob(73),
    });
    expect(changed.statusCode).toBe(200);
    expect((await sharedRecords(snap, await open(snap)))[0]!.revision).toBe(1);
    const liveToken = await open(live);
    expect((await sharedRecords(live, liveToken))[0]!.revision).toBe(2);

    const body = (expectedRevision: number) => ({
      expectedRevision,
      manifest: blob(300),
      records: [
        { id: r1, revision: 2 },
        { id: r2, revision: 1 },
      ],
    });
    expect((await a.request('PUT', `/api/shares/${snap.id}`, body(1))).json().error.code).toBe(
      'share_is_snapshot',
    );
    const updated = await a.request('PUT', `/api/shares/${live.id}`, body(1));
    expect(updated.statusCode, updated.body).toBe(200);
    expect(updated.json()).toEqual({ revision: 2 });
    expect((await a.request('PUT', `/api/shares/${live.id}`, body(1))).json().error.code).toBe(
      'share_revision_conflict',
    );
    expect((await sharedRecords(live, liveToken)).map((r) => r.id).sort()).toEqual([r1, r2].sort());
    const content = await get(`/api/shares/${live.id}`, liveToken);
    expect(content.json()).toMatchObject({ id: live.id, mode: 'live', revision: 2 });
    // Another account cannot touch it.
    const b = await owner();
    expect((await b.request('PUT', `/api/shares/${live.id}`, body(2))).statusCode).toBe(404);
    expect((await b.request('DELETE', `/api/shares/${live.id}`)).statusCode).toBe(404);
  });

  test("a served revision's receipt, for the recipient's bundle; nothing else's", async () => {
    const a = await owner();
    const r1 = await record(a);
    const r2 = await record(a);
    const snap = await share(a, [{ id: r1, revision: 1 }]);
    const live = await share(a, [{ id: r1, revision: 1 }], { mode: 'live' });
    const changed = await a.request('PUT', `/api/records/${r1}`, {
      expectedRevision: 1,
      ciphertext: blob(300),
      wrappedKey: blob(73),
    });
    expect(changed.statusCode).toBe(200);
    const receipt = (s: Share, token: string | undefined, id: string, revision: number) =>
      get(`/api/shares/${s.id}/records/${id}/revisions/${revision}/receipt`, token);
    const snapToken = await open(snap);
    const liveToken = await open(live);
    // What each share serves: the snapshot its pinned revision, the live share the current one.
    for (const res of [
      await receipt(snap, snapToken, r1, 1),
      await receipt(live, liveToken, r1, 2),
    ]) {
      expect([200, 202], res.body).toContain(res.statusCode);
      if (res.statusCode === 200) expect(res.json().proof).toMatch(/^c2sp\.org\/tlog-proof@v1/);
    }
    // Not: another revision, an unlisted record of the same owner, another share's session.
    for (const res of [
      await receipt(snap, snapToken, r1, 2),
      await receipt(live, liveToken, r1, 1),
      await receipt(snap, snapToken, r2, 1),
    ]) {
      expect(res.statusCode, res.body).toBe(404);
      expect(res.json().error.code).toBe('not_found');
    }
    expect((await receipt(snap, liveToken, r1, 1)).json().error.code).toBe('share_session_invalid');
    expect((await receipt(snap, undefined, r1, 1)).statusCode).toBe(401);
  });

  test('revoking deletes the ciphertext and refuses the link and open sessions', async () => {
    const a = await owner();
    const s = await share(a, [{ id: await record(a), revision: 1 }]);
    const token = await open(s);
    expect((await a.request('DELETE', `/api/shares/${s.id}`)).statusCode).toBe(204);
    for (const res of [await prove(s), await get(`/api/shares/${s.id}/records`, token)]) {
      expect(res.statusCode).toBe(410);
      expect(res.json().error.code).toBe('share_revoked');
    }
    const [listed] = (await listOf(a)).filter((x) => x.id === s.id);
    expect(listed).toMatchObject({ state: 'revoked', manifest: null, records: [] });
    const row = await t.database.db
      .selectFrom('shares')
      .select(['manifest', 'auth_key_hash', 'owner_wrapped_key'])
      .where('id', '=', s.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ manifest: null, auth_key_hash: null, owner_wrapped_key: null });
    expect((await a.request('DELETE', `/api/shares/${s.id}`)).statusCode).toBe(204);
  });

  test('expiry is enforced by the server, within one hour to one year', async () => {
    const a = await owner();
    const r = await record(a);
    for (const expiresInSeconds of [60, 366 * 24 * 3600]) {
      const res = await a.request('POST', '/api/shares', {
        id: shareId(),
        mode: 'snapshot',
        authKey: key(),
        ownerWrappedKey: blob(73),
        manifest: blob(300),
        records: [{ id: r, revision: 1 }],
        expiresInSeconds,
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('invalid_request');
    }
    const s = await share(a, [{ id: r, revision: 1 }]);
    const [made] = (await listOf(a)).filter((x) => x.id === s.id) as unknown as {
      expiresAt: string;
      createdAt: string;
    }[];
    const days = (Date.parse(made!.expiresAt) - Date.parse(made!.createdAt)) / 86_400_000;
    expect(Math.round(days)).toBe(30);
    const token = await open(s);
    await sql`update shares set expires_at = now() - interval '1 second' where id = ${s.id}`.execute(
      t.database.db,
    );
    for (const res of [await prove(s), await get(`/api/shares/${s.id}`, token)]) {
      expect(res.statusCode).toBe(410);
      expect(res.json().error.code).toBe('share_expired');
    }
    const [listed] = (await listOf(a)).filter((x) => x.id === s.id);
    expect(listed).toMatchObject({ state: 'expired', manifest: null });
  });

  test('the sweep deletes the data of ended shares nobody asked for, and only theirs', async () => {
    const a = await owner();
    const r = await record(a);
    const ended = await share(a, [{ id: r, revision: 1 }]);
    const live = await share(a, [{ id: r, revision: 1 }]);
    await sql`update shares set expires_at = now() - interval '1 second' where id = ${ended.id}`.execute(
      t.database.db,
    );
    const held = async (id: string) => {
      const row = await t.database.db
        .selectFrom('shares')
        .select(['manifest', 'auth_key_hash', 'owner_wrapped_key'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      const items = await t.database.db
        .selectFrom('share_items')
        .select('share_id')
        .where('share_id', '=', id)
        .execute();
      return { data: row.manifest !== null && row.auth_key_hash !== null, items: items.length };
    };
    expect(await held(ended.id)).toEqual({ data: true, items: 1 });
    expect(await sweepExpiredShares(t.database.db)).toBeGreaterThanOrEqual(1);
    expect(await held(ended.id)).toEqual({ data: false, items: 0 });
    expect(await held(live.id)).toEqual({ data: true, items: 1 });
    // Again: nothing left to do for it.
    expect(await sweepExpiredShares(t.database.db)).toBe(0);
    const res = await prove(ended);
    expect(res.json().error.code).toBe('share_expired');
  });

  test('wrong passcodes lock the share, not the owner; every proof counts per address', async () => {
    const a = await owner();
    const s = await share(a, [{ id: await record(a), revision: 1 }]);
    for (let i = 0; i < SHARE_LIMITS.perShare.max; i++) {
      const res = await prove({ id: s.id, authKey: key() });
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('share_passcode_wrong');
    }
    // Locked now, even for the right key, from any address.
    const locked = await prove(s);
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe('share_locked');
    const [listed] = (await listOf(a)).filter((x) => x.id === s.id);
    expect(listed!.failedAttempts.count).toBe(SHARE_LIMITS.perShare.max);
    expect(listed!.opens).toEqual([]);
    // The owner still signs in, from the same address as the guesses or any other.
    expect((await a.signIn()).statusCode).toBe(200);

    // Guesses sent all at once cannot slip past the lock: each takes its hit before checking.
    const burst = await share(a, [{ id: await record(a), revision: 1 }]);
    const answers = await Promise.all(
      Array.from({ length: 3 * SHARE_LIMITS.perShare.max }, () =>
        prove({ id: burst.id, authKey: key() }),
      ),
    );
    const codes = answers.map((r) => r.json<{ error: { code: string } }>().error.code);
    expect(codes.filter((c) => c === 'share_passcode_wrong')).toHaveLength(
      SHARE_LIMITS.perShare.max,
    );
    expect(codes.filter((c) => c === 'share_locked')).toHaveLength(2 * SHARE_LIMITS.perShare.max);

    // Per address: any proofs, over many shares, from one address.
    const other = await share(a, [{ id: await record(a), revision: 1 }]);
    const ip = address();
    for (let i = 0; i < SHARE_LIMITS.perAddress.max; i++) {
      const res = await prove({ id: shareId(), authKey: key() }, ip);
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('share_not_found');
    }
    const limited = await prove(other, ip);
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('rate_limited');
    expect((await prove(other)).statusCode).toBe(201);
  });

  test('a link-preview bot gets nothing and uses nothing; bad input is a 4xx', async () => {
    const a = await owner();
    const s = await share(a, [{ id: await record(a), revision: 1 }]);
    // What a bot can do without the passcode: fetch the page and poke the API without a proof.
    const page = await t.app.inject({ method: 'GET', url: '/share', remoteAddress: address() });
    expect(page.body).not.toContain(s.id);
    for (const url of [
      `/api/shares/${s.id}`,
      `/api/shares/${s.id}/records`,
      `/api/shares/${s.id}/uploads/${'a'.repeat(32)}`,
    ]) {
      for (const token of [undefined, 'x', key()]) {
        const res = await get(url, token);
        expect(res.statusCode, url).toBe(401);
        expect(res.body).not.toContain('manifest');
      }
    }
    const [listed] = (await listOf(a)).filter((x) => x.id === s.id);
    expect(listed).toMatchObject({ opens: [], failedAttempts: { count: 0 } });
    // Opening is recorded, with a coarse device only.
    await open(s);
    const [opened] = (await listOf(a)).filter((x) => x.id === s.id);
    expect(opened!.opens).toHaveLength(1);

    const bad: [string, string, unknown][] = [
      ['POST', '/api/shares/short/session', { authKey: key() }],
      ['POST', `/api/shares/${s.id}/session`, { authKey: 'nope' }],
      ['POST', `/api/shares/${s.id}/session`, 'not json'],
      ['GET', `/api/shares/${s.id}/records?cursor=%%%`, undefined],
      ['GET', `/api/shares/${s.id}/uploads/NOTHEX`, undefined],
    ];
    for (const [method, url, payload] of bad) {
      const res = await t.app.inject({
        method: method as 'GET' | 'POST',
        url,
        remoteAddress: address(),
        ...(payload === undefined ? {} : { payload: payload as string }),
      });
      expect(res.statusCode, `${method} ${url}`).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, `${method} ${url}`).toBeLessThan(500);
    }
    const badCreate = await a.request('POST', '/api/shares', { id: s.id, records: [] });
    expect(badCreate.statusCode).toBe(400);
    const dup = await a.request('POST', '/api/shares', {
      id: s.id,
      mode: 'snapshot',
      authKey: key(),
      ownerWrappedKey: blob(73),
      manifest: blob(300),
      records: (listed!.records as { id: string }[]).map((r) => ({ id: r.id, revision: 1 })),
    });
    expect(dup.json().error.code).toBe('share_exists');
  });
});
