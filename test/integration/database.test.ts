import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../src/server/db/migrate.js';
import { migrations } from '../../src/server/db/migrations/index.js';
import {
  countHit,
  deleteExpiredCounters,
} from '../../src/server/db/repositories/rate-limit-counters.js';
import { getOrCreateMeta } from '../../src/server/db/repositories/service-meta.js';
import { ENGINES, freshDatabase, type TestDatabase } from '../support/databases.js';

describe.each(ENGINES)('database on $name', ({ name, available }) => {
  let t: TestDatabase;
  beforeAll(async () => {
    if (available) t = await freshDatabase(name, false);
  });
  afterAll(async () => {
    await t?.close();
  });
  const test = available ? it : it.skip;

  test('migrates an empty database, then finds nothing left to do', async () => {
    expect(await migrateToLatest(t.db)).toEqual(Object.keys(migrations));
    expect(await migrateToLatest(t.db)).toEqual([]);
  });

  test('runs concurrent migrations once each', async () => {
    const other = await freshDatabase(name, false);
    try {
      const results = await Promise.all([migrateToLatest(other.db), migrateToLatest(other.db)]);
      expect(results.flat().sort()).toEqual(Object.keys(migrations).sort());
    } finally {
      await other.close();
    }
  });

  test('getOrCreateMeta keeps the first value, even when callers race', async () => {
    const values = await Promise.all(
      ['a', 'b', 'c'].map((v) => getOrCreateMeta(t.db, 'race-key', () => v)),
    );
    expect(new Set(values).size).toBe(1);
    expect(await getOrCreateMeta(t.db, 'race-key', () => 'later')).toBe(values[0]);
  });

  test('countHit counts within a window and starts again after it', async () => {
    expect((await countHit(t.db, 'k1', 60_000)).hits).toBe(1);
    expect((await countHit(t.db, 'k1', 60_000)).hits).toBe(2);
    const other = await countHit(t.db, 'k2', 60_000);
    expect(other.hits).toBe(1);
    expect(other.resetAt.getTime()).toBeGreaterThan(Date.now() + 30_000);
    // End k1's window by moving it into the past, as time passing would.
    await t.db
      .updateTable('rate_limit_counters')
      .set({ reset_at: sql<Date>`now() - interval '1 second'` })
      .where('key', '=', 'k1')
      .execute();
    expect(await deleteExpiredCounters(t.db)).toBe(1);
    expect((await countHit(t.db, 'k1', 60_000)).hits).toBe(1);
  });
});
