/**
 * Record writes in one statement (src/server/db/repositories/record-writes.ts), on both engines:
 * a refused write stores nothing and says why in the order it always did (a taken id, a missing
 * record or a stale revision before a full diary); writes of the same id at once store it once
 * and count it once; deletes and writes of the same record at once never deadlock, and the
 * count always equals what the revisions take.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordBytesUsed } from '../../src/server/db/repositories/records.js';
import { createRecord, deleteRecord, reviseRecord } from '../../src/server/services/records.js';
import { ENGINES, freshDatabase, type TestDatabase } from '../support/databases.js';

const blob = (n: number): Uint8Array => new Uint8Array(randomBytes(n));
const record = (id: string, size = 100) => ({
  id,
  type: 'incident',
  ciphertext: blob(size),
  wrappedKey: blob(73),
});

describe.each(ENGINES)('record writes on $name', ({ name, available }) => {
  let database: TestDatabase;
  beforeAll(async () => {
    if (available) database = await freshDatabase(name);
  }, 240_000);
  afterAll(async () => {
    await database?.close();
  });

  async function newAccount(): Promise<string> {
    const id = randomUUID();
    await database.db
      .insertInto('accounts')
      .values({
        id,
        username: `w-${id.slice(0, 12)}`,
        auth_key_hash: 'x',
        recovery_key_hash: 'x',
        kdf_params: JSON.stringify({ alg: 'argon2id', opslimit: 2, memlimit: 67108864 }),
        wrapped_key_passphrase: blob(73),
        wrapped_key_recovery: blob(73),
      })
      .execute();
    return id;
  }

  /** What the account's revisions really take, counted from the rows. */
  async function counted(accountId: string): Promise<number> {
    const row = await sql<{ bytes: string }>`select coalesce(sum(octet_length(ciphertext)
      + octet_length(wrapped_key)), 0) as bytes from record_revisions
      where account_id = ${accountId}`.execute(database.db);
    return Number(row.rows[0]?.bytes ?? 0);
  }

  it.skipIf(!available)('says "exists", "not found" and "conflict" before "full"', async () => {
    const accountId = await newAccount();
    const quota = 500;
    expect((await createRecord(database.db, accountId, record('aaaaaaaa'), quota)).kind).toBe(
      'created',
    );
    // 173 bytes each: a second fits, a third would not.
    expect((await createRecord(database.db, accountId, record('bbbbbbbb'), quota)).kind).toBe(
      'created',
    );
    expect((await createRecord(database.db, accountId, record('aaaaaaaa'), quota)).kind).toBe(
      'exists',
    );
    expect((await createRecord(database.db, accountId, record('cccccccc'), quota)).kind).toBe(
      'quota_exceeded',
    );
    const change = { expectedRevision: 1, ciphertext: blob(100), wrappedKey: blob(73) };
    expect((await reviseRecord(database.db, accountId, 'dddddddd', change, quota)).kind).toBe(
      'not_found',
    );
    expect(
      await reviseRecord(
        database.db,
        accountId,
        'aaaaaaaa',
        { ...change, expectedRevision: 2 },
        quota,
      ),
    ).toEqual({ kind: 'conflict', currentRevision: 1 });
    expect((await reviseRecord(database.db, accountId, 'aaaaaaaa', change, quota)).kind).toBe(
      'quota_exceeded',
    );
    // Nothing refused was stored, and the count is what the two revisions take.
    expect(await recordBytesUsed(database.db, accountId)).toBe(2 * 173);
    expect(await counted(accountId)).toBe(2 * 173);
    const pending = await sql<{ n: string }>`select count(*) as n from log_pending
      where record_id in ('aaaaaaaa', 'bbbbbbbb', 'cccccccc')`.execute(database.db);
    expect(Number(pending.rows[0]?.n)).toBeGreaterThanOrEqual(2);
  });

  it.skipIf(!available)('stores and counts one id written twelve times at once once', async () => {
    const accountId = await newAccount();
    const results = await Promise.all(
      Array.from({ length: 12 }, () =>
        createRecord(database.db, accountId, record('samesame'), 1_000_000),
      ),
    );
    expect(results.filter((r) => r.kind === 'created')).toHaveLength(1);
    expect(results.filter((r) => r.kind === 'exists')).toHaveLength(11);
    expect(await recordBytesUsed(database.db, accountId)).toBe(173);
    expect(await counted(accountId)).toBe(173);
  });

  it.skipIf(!available)(
    'revises and deletes the same records at once without deadlock, counting exactly',
    async () => {
      const accountId = await newAccount();
      const ids = Array.from({ length: 10 }, (_, i) => `rec${String(i).padStart(5, '0')}`);
      for (const id of ids) await createRecord(database.db, accountId, record(id), 1_000_000);
      const change = { expectedRevision: 1, ciphertext: blob(50), wrappedKey: blob(73) };
      const results = await Promise.all(
        ids.flatMap((id) => [
          reviseRecord(database.db, accountId, id, change, 1_000_000),
          deleteRecord(database.db, accountId, id),
          createRecord(database.db, accountId, record(`${id}x`), 1_000_000),
        ]),
      );
      expect(results).toHaveLength(30);
      expect(await recordBytesUsed(database.db, accountId)).toBe(await counted(accountId));
    },
  );
});
