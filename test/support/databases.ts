/**
 * The database engines a test runs against: always PGlite in memory; PostgreSQL too when
 * TEST_DATABASE_URL (or DATABASE_URL) names a server. Each PostgreSQL test gets a database of its
 * own, created and dropped here, so the named database itself is never touched.
 *
 * MOSAIC_REQUIRE_ALL_TIERS=1 (set by CI) turns a missing PostgreSQL into a failure, not a skip.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readdir, readFile, rename, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import { openDatabase, type OpenDatabase } from '../../src/server/db/database.js';
import { migrateToLatest } from '../../src/server/db/migrate.js';
import type { Database } from '../../src/server/db/schema.js';
import { PROJECT_ROOT } from '../../src/server/paths.js';

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
    const database = await openDatabase({
      engine: 'pglite',
      dataDir: undefined,
      startFrom: await pgliteTemplate(migrate),
    });
    // Starting from the migrated copy, this only checks that nothing is left to run.
    if (migrate) await migrateToLatest(database.db);
    return { ...database, url: undefined };
  }
  const { url, drop } = await createThrowawayDatabase(
    migrate ? await postgresTemplate() : undefined,
  );
  const database = await openDatabase({ engine: 'postgres', url });
  // Copied from the migrated template, this only checks that nothing is left to run.
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

/** A new, empty database (or a copy of `template`), and how to drop it. */
export async function createThrowawayDatabase(template?: string): Promise<{
  url: string;
  drop: () => Promise<void>;
}> {
  if (POSTGRES_URL === undefined) throw new Error('no PostgreSQL configured for tests');
  const name = `mosaic_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  try {
    await admin.query(
      `create database ${name}${template === undefined ? '' : ` template ${template}`}`,
    );
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

let postgresTemplateName: Promise<string> | undefined;

/**
 * A PostgreSQL database with every migration run, named by a hash of the migrations, that each
 * migrated test database is copied from (PostgreSQL's own `create database … template`), which
 * is quicker than running the migrations again each time. It is made under a passing name and
 * renamed when whole, so a racing worker never copies half a template.
 */
export function postgresTemplate(): Promise<string> {
  postgresTemplateName ??= (async () => {
    const name = `mosaic_template_${(await migrationsHash()).slice(0, 16)}`;
    const admin = new pg.Client({ connectionString: POSTGRES_URL });
    await admin.connect();
    try {
      const found = await admin.query('select 1 from pg_database where datname = $1', [name]);
      if (found.rowCount === 0) {
        const { url, drop } = await createThrowawayDatabase();
        const building = new URL(url).pathname.slice(1);
        const database = await openDatabase({ engine: 'postgres', url });
        try {
          await migrateToLatest(database.db);
        } finally {
          await database.close();
        }
        try {
          await admin.query(`alter database ${building} rename to ${name}`);
        } catch (error) {
          // Another worker made it first (42P04: the name exists); use theirs.
          if ((error as { code?: string }).code !== '42P04') throw error;
          await drop();
        }
      }
    } finally {
      await admin.end();
    }
    return name;
  })();
  return postgresTemplateName;
}

/** SHA-256 (hex) of every migration file's name and content. */
async function migrationsHash(): Promise<string> {
  const migrations = path.join(PROJECT_ROOT, 'src', 'server', 'db', 'migrations');
  const hash = createHash('sha256');
  for (const name of (await readdir(migrations)).sort()) {
    hash.update(name).update(await readFile(path.join(migrations, name)));
  }
  return hash.digest('hex');
}

const templates = new Map<boolean, Promise<Blob>>();

/**
 * A dump of an embedded database just made (`migrated` false) or with every migration run, made
 * once per machine and kept in the temporary folder under a name that hashes PGlite's version
 * and the migrations, so a changed migration never starts from a stale copy. Starting from it
 * saves PGlite's initdb, several seconds of CPU for each of the hundred-odd databases a test run
 * makes.
 */
export function pgliteTemplate(migrated: boolean): Promise<Blob> {
  let template = templates.get(migrated);
  if (template === undefined) {
    template = makeTemplate(migrated);
    templates.set(migrated, template);
  }
  return template;
}

async function makeTemplate(migrated: boolean): Promise<Blob> {
  const hash = createHash('sha256');
  const pglite = JSON.parse(
    await readFile(
      path.join(PROJECT_ROOT, 'node_modules', '@electric-sql', 'pglite', 'package.json'),
      'utf8',
    ),
  ) as { version: string };
  hash.update(pglite.version);
  if (migrated) hash.update(await migrationsHash());
  const file = path.join(
    os.tmpdir(),
    `mosaic-pglite-${migrated ? 'migrated' : 'empty'}-${hash.digest('hex').slice(0, 16)}.tar`,
  );
  try {
    return new Blob([await readFile(file)]);
  } catch {
    const client = new PGlite();
    const db = new Kysely<Database>({ dialect: new PGliteDialect(client) });
    try {
      if (migrated) await migrateToLatest(db);
      const dump = await client.dumpDataDir('none');
      // Written aside and renamed, so a worker reading it meanwhile never sees half a file.
      const partial = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
      await writeFile(partial, new Uint8Array(await dump.arrayBuffer()));
      await rename(partial, file);
      return dump;
    } finally {
      await db.destroy();
    }
  }
}
