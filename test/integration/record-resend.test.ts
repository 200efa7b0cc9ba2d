/**
 * A write sent again after a lost answer (docs/vault-protocol.md §16.7), on both engines: the
 * offline queue resends a create or a revision whose answer never came, and the server must
 * keep it once — the very same bytes are answered as the first time (200), with one revision,
 * one receipt entry and the quota counted once; different bytes under the same id or revision
 * are still `record_exists` / `revision_conflict`, so nothing is overwritten.
 */
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { ENGINES } from '../support/databases.js';
import { blob, recordId, VaultClient } from '../support/vault-client.js';

let counter = 0;

describe.each(ENGINES)('resent record writes on $name', ({ name, available }) => {
  let t: TestApp;
  beforeAll(async () => {
    if (available) t = await startTestApp({ engine: name });
  });
  afterAll(async () => {
    await t?.close();
  });
  const test = available ? it : it.skip;
  const client = async (): Promise<VaultClient> => {
    const c = new VaultClient(
      t.app,
      `resend-${process.pid}-${++counter}`,
      `203.0.113.${(counter % 250) + 1}`,
    );
    expect((await c.signUp()).statusCode).toBe(201);
    return c;
  };

  /** Revisions, receipt entries and counted bytes the account has for a record. */
  async function stored(c: VaultClient, id: string) {
    const account = await t.database.db
      .selectFrom('accounts')
      .select(['id', 'records_bytes'])
      .where('username', '=', c.username.toLowerCase())
      .executeTakeFirstOrThrow();
    const revisions = await t.database.db
      .selectFrom('record_revisions')
      .select(['revision', 'log_entry_id'])
      .where('account_id', '=', account.id)
      .where('record_id', '=', id)
      .orderBy('revision')
      .execute();
    const bytes = await sql<{ n: string | null }>`
      select sum(octet_length(ciphertext) + octet_length(wrapped_key)) as n
      from record_revisions where account_id = ${account.id}`.execute(t.database.db);
    return {
      revisions: revisions.map((r) => r.revision),
      receipts: new Set(revisions.map((r) => r.log_entry_id).filter((e) => e !== null)).size,
      counted: Number(account.records_bytes),
      actual: Number(bytes.rows[0]?.n ?? 0),
    };
  }

  test('a create sent again is answered 200 with the first record, and stored once', async () => {
    const c = await client();
    const body = { id: recordId(), type: 'incident', ciphertext: blob(200), wrappedKey: blob(73) };
    const first = await c.request('POST', '/api/records', body);
    expect(first.statusCode).toBe(201);
    const again = await c.request('POST', '/api/records', body);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(first.json());
    // The same id with other bytes is another write: refused, nothing overwritten.
    const other = await c.request('POST', '/api/records', { ...body, ciphertext: blob(200) });
    expect(other.statusCode).toBe(409);
    expect(other.json().error.code).toBe('record_exists');
    const otherType = await c.request('POST', '/api/records', { ...body, type: 'person' });
    expect(otherType.json().error.code).toBe('record_exists');
    const s = await stored(c, body.id);
    expect(s.revisions).toEqual([1]);
    expect(s.receipts).toBe(1);
    expect(s.counted).toBe(s.actual);
    expect((await c.request('GET', `/api/records/${body.id}`)).json().ciphertext).toBe(
      body.ciphertext,
    );
  });

  test('a revision sent again is answered 200 as the first time; another one still conflicts', async () => {
    const c = await client();
    const id = recordId();
    expect((await c.createRecord(id, 'incident', blob(100))).statusCode).toBe(201);
    const v2 = { expectedRevision: 1, ciphertext: blob(120), wrappedKey: blob(73) };
    const first = await c.request('PUT', `/api/records/${id}`, v2);
    expect(first.statusCode).toBe(200);
    const again = await c.request('PUT', `/api/records/${id}`, v2);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ id, revision: 2, ciphertext: v2.ciphertext });
    const conflict = await c.request('PUT', `/api/records/${id}`, { ...v2, ciphertext: blob(120) });
    expect(conflict.statusCode).toBe(409);
    expect(conflict.json().error.code).toBe('revision_conflict');
    const s = await stored(c, id);
    expect(s.revisions).toEqual([1, 2]);
    expect(s.receipts).toBe(2);
    expect(s.counted).toBe(s.actual);
  });

  test('two copies of one write racing: one stored, both answered with it', async () => {
    const c = await client();
    const body = { id: recordId(), type: 'incident', ciphertext: blob(300), wrappedKey: blob(73) };
    const answers = await Promise.all([
      c.request('POST', '/api/records', body),
      c.request('POST', '/api/records', body),
    ]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 201]);
    const v2 = { expectedRevision: 1, ciphertext: blob(300), wrappedKey: blob(73) };
    const updates = await Promise.all([
      c.request('PUT', `/api/records/${body.id}`, v2),
      c.request('PUT', `/api/records/${body.id}`, v2),
    ]);
    expect(updates.map((a) => a.statusCode)).toEqual([200, 200]);
    const s = await stored(c, body.id);
    expect(s.revisions).toEqual([1, 2]);
    expect(s.counted).toBe(s.actual);
  });

  test('property: any sequence of writes, each sent one to three times, stores each once', async () => {
    const c = await client();
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 5 }),
        async (copies) => {
          const id = recordId();
          for (const [i, n] of copies.entries()) {
            const ciphertext = randomBytes(40 + i).toString('base64url');
            const wrappedKey = blob(73);
            for (let k = 0; k < n; k++) {
              const res =
                i === 0
                  ? await c.request('POST', '/api/records', {
                      id,
                      type: 'incident',
                      ciphertext,
                      wrappedKey,
                    })
                  : await c.request('PUT', `/api/records/${id}`, {
                      expectedRevision: i,
                      ciphertext,
                      wrappedKey,
                    });
              expect(res.statusCode).toBe(i === 0 && k === 0 ? 201 : 200);
              expect(res.json().revision).toBe(i + 1);
            }
          }
          const s = await stored(c, id);
          expect(s.revisions).toEqual(copies.map((_, i) => i + 1));
          expect(s.counted).toBe(s.actual);
        },
      ),
      { numRuns: 15 },
    );
  });
});
