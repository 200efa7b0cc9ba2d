/**
 * Limits on encrypted records, on both engines (security review: "revisions can exhaust the
 * server"): the revisions list and the records list come in pages capped by count and by
 * ciphertext bytes; each account has a storage quota for records and all their revisions, kept
 * as a running count that concurrent writes cannot overshoot; deleting a record gives its bytes
 * back; large API responses are sent uncompressed.
 */
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { Migrator, sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_PAGE_BYTES, MAX_RECORD_BYTES } from '../../src/contract/vault-api.js';
import { migrations } from '../../src/server/db/migrations/index.js';
import { migrateToLatest } from '../../src/server/db/migrate.js';
import { listRecords, listRevisions } from '../../src/server/db/repositories/records.js';
import type { Database } from '../../src/server/db/schema.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { ENGINES, freshDatabase } from '../support/databases.js';
import { blob, recordId, VaultClient } from '../support/vault-client.js';

const MiB = 1024 * 1024;
/** What the quota counts for one revision: its ciphertext and its wrapped key. */
const WRAPPED_KEY_BYTES = 73;

interface Revision {
  id: string;
  revision: number;
  ciphertext: string;
  size: number;
}
interface RevisionPage {
  revisions: Revision[];
  next: string | null;
}
interface RecordPage {
  records: Revision[];
  next: string | null;
}

let counter = 0;
async function client(app: TestApp): Promise<VaultClient> {
  const c = new VaultClient(app.app, `limits-${process.pid}-${++counter}`);
  expect((await c.signUp()).statusCode).toBe(201);
  return c;
}

const bytesOf = (n: number): string => randomBytes(n).toString('base64url');

async function create(c: VaultClient, id: string, size: number, type = 'note') {
  return c.request('POST', '/api/records', {
    id,
    type,
    ciphertext: bytesOf(size),
    wrappedKey: blob(WRAPPED_KEY_BYTES),
  });
}

async function update(c: VaultClient, id: string, expectedRevision: number, size: number) {
  return c.request('PUT', `/api/records/${id}`, {
    expectedRevision,
    ciphertext: bytesOf(size),
    wrappedKey: blob(WRAPPED_KEY_BYTES),
  });
}

/** A record with one revision per size; returns the ciphertexts, oldest first. */
async function recordWithRevisions(c: VaultClient, id: string, sizes: number[]) {
  const ciphertexts: string[] = [];
  for (const [i, size] of sizes.entries()) {
    const res = i === 0 ? await create(c, id, size) : await update(c, id, i, size);
    expect(res.statusCode, res.body.slice(0, 200)).toBe(i === 0 ? 201 : 200);
    ciphertexts.push(res.json<Revision>().ciphertext);
  }
  return ciphertexts;
}

async function accountId(db: Kysely<Database>, c: VaultClient): Promise<string> {
  const row = await db
    .selectFrom('accounts')
    .select('id')
    .where('username', '=', c.username)
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The running count, and what it should be: every revision's ciphertext and wrapped key. */
async function usage(db: Kysely<Database>, c: VaultClient) {
  const id = await accountId(db, c);
  const counted = await db
    .selectFrom('accounts')
    .select('records_bytes')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  const actual = await sql<{ bytes: string | null }>`
    select sum(octet_length(ciphertext) + octet_length(wrapped_key)) as bytes
    from record_revisions where account_id = ${id}`.execute(db);
  return { counted: Number(counted.records_bytes), actual: Number(actual.rows[0]?.bytes ?? 0) };
}

describe.each(ENGINES)('record limits on $name', ({ name, available }) => {
  const test = available ? it : it.skip;

  describe('pages', () => {
    let t: TestApp;
    beforeAll(async () => {
      if (available) t = await startTestApp({ engine: name, env: { RECORD_QUOTA_MB: '64' } });
    });
    afterAll(async () => {
      await t?.close();
    });

    async function allRevisionPages(c: VaultClient, id: string, limit?: number) {
      const pages: RevisionPage[] = [];
      const raw: number[] = [];
      let cursor: string | null = null;
      do {
        const query = new URLSearchParams();
        if (limit !== undefined) query.set('limit', String(limit));
        if (cursor !== null) query.set('cursor', cursor);
        const res = await c.request('GET', `/api/records/${id}/revisions?${query.toString()}`);
        expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
        raw.push(res.rawPayload.length);
        const page = res.json<RevisionPage>();
        expect(page.next === null || typeof page.next === 'string').toBe(true);
        pages.push(page);
        cursor = page.next;
        if (pages.length > 1000) throw new Error('pages never end');
      } while (cursor !== null);
      return { pages, raw };
    }

    test('a page of revisions stops before 16 MiB, and the pages give every revision once, in order', async () => {
      const c = await client(t);
      const id = recordId();
      // 17 revisions of 1 MiB: 16 fit in the first page, the 17th opens the second.
      const ciphertexts = await recordWithRevisions(
        c,
        id,
        Array<number>(17).fill(MAX_RECORD_BYTES),
      );
      const { pages, raw } = await allRevisionPages(c, id);
      expect(pages.map((p) => p.revisions.length)).toEqual([16, 1]);
      expect(pages.flatMap((p) => p.revisions.map((r) => r.ciphertext))).toEqual(ciphertexts);
      expect(pages.at(-1)?.next).toBeNull();
      // The whole response: 16 MiB of ciphertext as base64url, and a little JSON around it.
      for (const length of raw)
        expect(length).toBeLessThanOrEqual((MAX_PAGE_BYTES * 4) / 3 + 64 * 1024);
    });

    test('revision pages hold to the count and byte caps for any sizes and limits (property)', async () => {
      const c = await client(t);
      await fc.assert(
        fc.asyncProperty(
          fc.array(
            fc.oneof(
              fc.integer({ min: 1, max: 4096 }),
              fc.integer({ min: MAX_RECORD_BYTES - 300_000, max: MAX_RECORD_BYTES }),
            ),
            { minLength: 1, maxLength: 24 },
          ),
          fc.option(fc.integer({ min: 1, max: 100 }), { nil: undefined }),
          async (sizes, limit) => {
            const id = recordId();
            const ciphertexts = await recordWithRevisions(c, id, sizes);
            const { pages } = await allRevisionPages(c, id, limit);
            for (const page of pages) {
              expect(page.revisions.length).toBeGreaterThanOrEqual(1);
              expect(page.revisions.length).toBeLessThanOrEqual(limit ?? 100);
              const bytes = page.revisions.reduce((sum, r) => sum + r.size, 0);
              expect(bytes).toBeLessThanOrEqual(MAX_PAGE_BYTES);
            }
            const all = pages.flatMap((p) => p.revisions);
            expect(all.map((r) => r.revision)).toEqual(sizes.map((_, i) => i + 1));
            expect(all.map((r) => r.ciphertext)).toEqual(ciphertexts);
            await c.request('DELETE', `/api/records/${id}`);
          },
        ),
        { numRuns: 4 },
      );
    });

    test('the revisions list refuses a bad cursor or limit, and a record that is not there', async () => {
      const c = await client(t);
      const id = recordId();
      await recordWithRevisions(c, id, [10, 10]);
      const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
      for (const query of [
        'cursor=not-a-cursor',
        `cursor=${cursorOf(['revision', 2 ** 31])}`,
        `cursor=${cursorOf(['revision', 0])}`,
        `cursor=${cursorOf([new Date().toISOString(), id])}`,
        'limit=0',
        'limit=101',
        'limit=x',
      ]) {
        const res = await c.request('GET', `/api/records/${id}/revisions?${query}`);
        expect(res.statusCode).toBe(400);
        expect(res.json().error.code).toBe('invalid_request');
      }
      const missing = await c.request('GET', `/api/records/${recordId()}/revisions`);
      expect(missing.statusCode).toBe(404);
      const first = (
        await c.request('GET', `/api/records/${id}/revisions?limit=1`)
      ).json<RevisionPage>();
      expect(first.revisions.map((r) => r.revision)).toEqual([1]);
      const second = (
        await c.request('GET', `/api/records/${id}/revisions?limit=1&cursor=${first.next ?? ''}`)
      ).json<RevisionPage>();
      expect(second.revisions.map((r) => r.revision)).toEqual([2]);
      expect(second.next).toBeNull();
    });

    test('the records list stops a page before 16 MiB and carries on from its cursor', async () => {
      const c = await client(t);
      const ids: string[] = [];
      for (let i = 0; i < 20; i++) {
        const id = recordId();
        ids.push(id);
        expect((await create(c, id, MAX_RECORD_BYTES)).statusCode).toBe(201);
      }
      for (const order of ['asc', 'desc'] as const) {
        const seen: string[] = [];
        const sizes: number[] = [];
        let cursor: string | null = null;
        do {
          const res = await c.request(
            'GET',
            `/api/records?limit=500&order=${order}${cursor ? `&cursor=${cursor}` : ''}`,
          );
          const page = res.json<RecordPage>();
          expect(page.next === null || typeof page.next === 'string').toBe(true);
          expect(page.records.length).toBeGreaterThanOrEqual(1);
          expect(page.records.reduce((sum, r) => sum + r.size, 0)).toBeLessThanOrEqual(
            MAX_PAGE_BYTES,
          );
          sizes.push(page.records.length);
          seen.push(...page.records.map((r) => r.id));
          cursor = page.next;
        } while (cursor !== null);
        expect(sizes).toEqual([16, 4]);
        const created = (
          await t.database.db
            .selectFrom('records')
            .select('id')
            .where('id', 'in', ids)
            .orderBy('created_at')
            .orderBy('id')
            .execute()
        ).map((r) => r.id);
        expect(seen).toEqual(order === 'asc' ? created : [...created].reverse());
      }
    });

    test('the database pages by count and bytes for any sizes, limits and caps (property)', async () => {
      const c = await client(t);
      const owner = await accountId(t.database.db, c);
      let run = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.integer({ min: 1, max: 2000 }), { minLength: 1, maxLength: 12 }),
          fc.integer({ min: 1, max: 6 }),
          fc.integer({ min: 1, max: 6000 }),
          fc.constantFrom('asc' as const, 'desc' as const),
          async (sizes, limit, maxBytes, order) => {
            const type = `kind-${++run}`;
            // Revisions of one record, and records of one type, of these sizes.
            const id = recordId();
            await recordWithRevisions(c, id, sizes);
            const recordIds: string[] = [];
            const sent = new Map<string, { ciphertext: string; wrappedKey: string }>();
            for (const size of sizes) {
              const rid = recordId();
              recordIds.push(rid);
              const body = { ciphertext: bytesOf(size), wrappedKey: blob(WRAPPED_KEY_BYTES) };
              sent.set(rid, body);
              const res = await c.request('POST', '/api/records', { id: rid, type, ...body });
              expect(res.statusCode).toBe(201);
            }

            const revisions: number[] = [];
            let after = 0;
            for (;;) {
              const page = await listRevisions(t.database.db, owner, id, {
                afterRevision: after,
                limit,
                maxBytes,
              });
              expect(page.revisions.length).toBeGreaterThanOrEqual(1);
              expect(page.revisions.length).toBeLessThanOrEqual(limit);
              const bytes = page.revisions.reduce((s, r) => s + r.size, 0);
              if (page.revisions.length > 1) expect(bytes).toBeLessThanOrEqual(maxBytes);
              revisions.push(...page.revisions.map((r) => r.revision));
              if (!page.more) break;
              after = page.revisions.at(-1)!.revision;
            }
            expect(revisions).toEqual(sizes.map((_, i) => i + 1));

            const listed: string[] = [];
            let position: { createdAt: Date; id: string } | undefined;
            for (;;) {
              const page = await listRecords(t.database.db, owner, {
                type,
                limit,
                order,
                after: position,
                maxBytes,
              });
              expect(page.records.length).toBeGreaterThanOrEqual(1);
              expect(page.records.length).toBeLessThanOrEqual(limit);
              const bytes = page.records.reduce((s, r) => s + r.size, 0);
              if (page.records.length > 1) expect(bytes).toBeLessThanOrEqual(maxBytes);
              // Read back exactly as written: the database's base64 (line breaks every 76
              // characters, padding) turned into the API's base64url, for every length.
              for (const r of page.records) {
                expect({ ciphertext: r.ciphertext, wrappedKey: r.wrappedKey }).toEqual(
                  sent.get(r.id),
                );
                expect(r.size).toBe(Buffer.from(r.ciphertext, 'base64url').length);
              }
              listed.push(...page.records.map((r) => r.id));
              if (!page.more) break;
              position = page.records.at(-1)!;
            }
            expect([...listed].sort()).toEqual([...recordIds].sort());
            expect(new Set(listed).size).toBe(listed.length);
          },
        ),
        { numRuns: 25 },
      );
    });

    test('a large page is sent uncompressed, a small one still compressed', async () => {
      const c = await client(t);
      const big = recordId();
      await recordWithRevisions(c, big, [MAX_RECORD_BYTES, MAX_RECORD_BYTES]);
      const small = recordId();
      // Repetitive JSON around it is compressible even though the ciphertext is not.
      await recordWithRevisions(c, small, Array<number>(10).fill(100));
      const get = (url: string) =>
        t.app.inject({
          method: 'GET',
          url,
          headers: { cookie: c.cookie ?? '', 'accept-encoding': 'gzip, br' },
        });
      const large = await get(`/api/records/${big}/revisions`);
      expect(large.statusCode).toBe(200);
      expect(large.headers['content-encoding']).toBeUndefined();
      expect(large.json<RevisionPage>().revisions).toHaveLength(2);
      const compact = await get(`/api/records/${small}/revisions`);
      expect(compact.statusCode).toBe(200);
      expect(compact.headers['content-encoding']).toBe('br');
    });
  });

  describe('quota', () => {
    let t: TestApp;
    const QUOTA = 2 * MiB;
    beforeAll(async () => {
      if (available) t = await startTestApp({ engine: name, env: { RECORD_QUOTA_MB: '2' } });
    });
    afterAll(async () => {
      await t?.close();
    });

    test('refuses the write that would pass the quota and stores nothing; deleting gives bytes back', async () => {
      const c = await client(t);
      const db = t.database.db;
      const first = recordId();
      expect((await create(c, first, MAX_RECORD_BYTES)).statusCode).toBe(201);
      // Exactly up to the quota is allowed.
      const second = recordId();
      const rest = QUOTA - 2 * (MAX_RECORD_BYTES + WRAPPED_KEY_BYTES) + MAX_RECORD_BYTES;
      expect((await create(c, second, rest)).statusCode).toBe(201);
      expect(await usage(db, c)).toEqual({ counted: QUOTA, actual: QUOTA });

      // One byte more is not: a new record…
      const third = recordId();
      const refused = await create(c, third, 1);
      expect(refused.statusCode).toBe(413);
      expect(refused.json().error.code).toBe('record_quota_exceeded');
      expect(refused.json().error.message).toMatch(/full|room|space/i);
      expect((await c.request('GET', `/api/records/${third}`)).statusCode).toBe(404);
      // …or a new revision of one already there.
      const edit = await update(c, second, 1, 1);
      expect(edit.statusCode).toBe(413);
      expect(edit.json().error.code).toBe('record_quota_exceeded');
      const kept = (await c.request('GET', `/api/records/${second}`)).json<Revision>();
      expect(kept.revision).toBe(1);
      expect(kept.size).toBe(rest);
      expect(await usage(db, c)).toEqual({ counted: QUOTA, actual: QUOTA });

      // Deleting a record gives back every revision's bytes.
      expect((await c.request('DELETE', `/api/records/${first}`)).statusCode).toBe(204);
      const after = QUOTA - MAX_RECORD_BYTES - WRAPPED_KEY_BYTES;
      expect(await usage(db, c)).toEqual({ counted: after, actual: after });
      expect((await update(c, second, 1, 1000)).statusCode).toBe(200);
      expect((await create(c, third, 1000)).statusCode).toBe(201);
      expect((await c.request('DELETE', `/api/records/${second}`)).statusCode).toBe(204);
      expect((await c.request('DELETE', `/api/records/${third}`)).statusCode).toBe(204);
      expect(await usage(db, c)).toEqual({ counted: 0, actual: 0 });

      // A conflict or a duplicate id uses nothing.
      expect((await create(c, first, 500)).statusCode).toBe(201);
      expect((await create(c, first, 500)).statusCode).toBe(409);
      expect((await update(c, first, 7, 500)).statusCode).toBe(409);
      expect(await usage(db, c)).toEqual({
        counted: 500 + WRAPPED_KEY_BYTES,
        actual: 500 + WRAPPED_KEY_BYTES,
      });
    });

    test('each account has a quota of its own', async () => {
      const a = await client(t);
      const b = await client(t);
      expect((await create(a, recordId(), MAX_RECORD_BYTES)).statusCode).toBe(201);
      expect((await create(a, recordId(), MAX_RECORD_BYTES)).statusCode).toBe(413);
      expect((await create(b, recordId(), MAX_RECORD_BYTES)).statusCode).toBe(201);
    });

    test('20 writes at once never take an account past its quota', async () => {
      const c = await client(t);
      const size = 200 * 1024;
      const per = size + WRAPPED_KEY_BYTES;
      const fits = Math.floor(QUOTA / per); // 10
      const results = await Promise.all(
        Array.from({ length: 20 }, () => create(c, recordId(), size)),
      );
      const codes = results.map((r) => r.statusCode).sort();
      expect(codes.filter((s) => s === 201)).toHaveLength(fits);
      expect(codes.filter((s) => s === 413)).toHaveLength(20 - fits);
      expect(await usage(t.database.db, c)).toEqual({ counted: fits * per, actual: fits * per });

      // Edits and deletions at once, too: the count stays exact and within the quota.
      const listed = (await c.request('GET', '/api/records?limit=500')).json<RecordPage>();
      const mixed = await Promise.all([
        ...listed.records.slice(0, 5).map((r) => c.request('DELETE', `/api/records/${r.id}`)),
        ...listed.records.slice(5).map((r) => update(c, r.id, 1, size)),
        ...Array.from({ length: 10 }, () => create(c, recordId(), size)),
      ]);
      expect(mixed.every((r) => [200, 201, 204, 413].includes(r.statusCode))).toBe(true);
      const after = await usage(t.database.db, c);
      expect(after.counted).toBe(after.actual);
      expect(after.counted).toBeLessThanOrEqual(QUOTA);
    });

    test('the migration counts what accounts already store', async () => {
      const database = await freshDatabase(name, false);
      try {
        const db = database.db;
        const before = Object.fromEntries(
          Object.entries(migrations).filter(([key]) => key < '0005'),
        );
        const migrator = new Migrator({
          db,
          provider: { getMigrations: () => Promise.resolve(before) },
        });
        expect((await migrator.migrateToLatest()).error).toBeUndefined();
        const accounts = [
          '00000000-0000-4000-8000-000000000001',
          '00000000-0000-4000-8000-000000000002',
        ];
        for (const [i, id] of accounts.entries()) {
          await sql`insert into accounts (id, username, auth_key_hash, recovery_key_hash, kdf_params,
              wrapped_key_passphrase, wrapped_key_recovery)
            values (${id}, ${`old-${i}`}, 'x', 'x', '{}', '\\x00', '\\x00')`.execute(db);
        }
        const [owner] = accounts;
        for (const [record, revisions] of [
          ['record-one', [10, 20, 30]],
          ['record-two', [1000]],
        ] as const) {
          const last = revisions.at(-1)!;
          await sql`insert into records (account_id, id, type, revision, ciphertext, wrapped_key)
            values (${owner}, ${record}, 'note', ${revisions.length}, ${Buffer.alloc(last)}, ${Buffer.alloc(73)})`.execute(
            db,
          );
          for (const [i, size] of revisions.entries()) {
            await sql`insert into record_revisions (account_id, record_id, revision, type, ciphertext, wrapped_key)
              values (${owner}, ${record}, ${i + 1}, 'note', ${Buffer.alloc(size)}, ${Buffer.alloc(73)})`.execute(
              db,
            );
          }
        }
        await migrateToLatest(db);
        const counts = await sql<{ username: string; records_bytes: string }>`
          select username, records_bytes from accounts order by username`.execute(db);
        expect(counts.rows.map((r) => [r.username, Number(r.records_bytes)])).toEqual([
          ['old-0', 10 + 20 + 30 + 1000 + 4 * 73],
          ['old-1', 0],
        ]);
      } finally {
        await database.close();
      }
    });
  });
});
