/**
 * The database engines a test runs against: always PGlite in memory; PostgreSQL too when
 * TEST_DATABASE_URL (or DATABASE_URL) names a server. Each PostgreSQL test gets a database of its
 * own, created and dropped here, so the named database itself is never touched.
 *
 * MOSAIC_REQUIRE_ALL_TIERS=1 (set by CI) turns a missing PostgreSQL into a failure, not a skip.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type OpenDatabase } from '../../src/server/db/database.js';
import { migrateToLatest } from '../../src/server/db/migrate.js';

export type EngineName = 'pglite' | 'postgres';

export const POSTGRES_URL = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || undefined;
export const REQUIRE_ALL_TIERS = process.env.MOSAIC_REQUIRE_ALL_TIERS === '1';

if (REQUIRE_ALL_TIERS && POSTGRES_URL === undefined) {
  throw new Error(
    'MOSAIC_REQUIRE_ALL_TIERS=1 but neither TEST_DATABASE_URL nor DATABASE_URL is set',
  );
}

/** The engines to run, for describe.each; PostgreSQL is listed as skipped when unavailable. */
export const ENGINES: readonly { name: EngineName; available: boolean }[] = [
  { name: 'pglite', available: true },
  { name: 'postgres', available: POSTGRES_URL !== undefined },
];

export interface TestDatabase extends OpenDatabase {
  /** Connection string of the throwaway PostgreSQL database (undefined for PGlite). */
  readonly url: string | undefined;
}

/** A fresh, migrated, empty database on the given engine. */
export async function freshDatabase(engine: EngineName, migrate = true): Promise<TestDatabase> {
  if (engine === 'pglite') {
    const database = await openDatabase({ engine: 'pglite', dataDir: undefined });
    if (migrate) await migrateToLatest(database.db);
    return { ...database, url: undefined };
  }
  const { url, drop } = await createThrowawayDatabase();
  const database = await openDatabase({ engine: 'postgres', url });
  if (migrate) await migrateToLatest(database.db);
  return {
    ...database,
    url,
    async close() {
      await database.close();
      await drop();
    },
  };
}

export async function createThrowawayDatabase(): Promise<{
  url: string;
  drop: () => Promise<void>;
}> {
  if (POSTGRES_URL === undefined) throw new Error('no PostgreSQL configured for tests');
  const name = `mosaic_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: POSTGRES_URL });
      await c.connect();
      try {
        await c.query(`drop database if exists ${name} with (force)`);
      } finally {
        await c.end();
      }
    },
  };
}
