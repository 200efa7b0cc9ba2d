/**
 * Opens the database: embedded PGlite under the data directory by default, PostgreSQL when a
 * connection string is given. Both speak the same SQL, so one set of migrations and repositories
 * serves a laptop and a national deployment.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import { StartupError } from '../startup-error.js';
import { acquireDirectoryLock } from './directory-lock.js';
import { prepareMarkedStatements } from './prepared.js';
import type { Database } from './schema.js';

export type Engine = 'pglite' | 'postgres';

export interface OpenDatabase {
  readonly db: Kysely<Database>;
  readonly engine: Engine;
  /**
   * The embedded database on disk only: a consistent copy of its data folder as a gzipped tar,
   * taken while it runs (what `npm run backup` asks the server for). PostgreSQL has pg_dump.
   */
  readonly dump?: () => Promise<Blob>;
  close(): Promise<void>;
}

export type DatabaseLocation =
  | { readonly engine: 'postgres'; readonly url: string }
  /**
   * `dataDir` undefined: in memory, for tests. `startFrom` (in memory only): a dump of a migrated
   * database to start from, which skips the embedded initdb (several seconds of CPU each time).
   */
  | { readonly engine: 'pglite'; readonly dataDir: string | undefined; readonly startFrom?: Blob };

export async function openDatabase(location: DatabaseLocation): Promise<OpenDatabase> {
  return location.engine === 'postgres'
    ? openPostgres(location.url)
    : openPglite(location.dataDir, location.startFrom);
}

async function openPglite(dataDir: string | undefined, startFrom?: Blob): Promise<OpenDatabase> {
  let releaseLock = async (): Promise<void> => {};
  let client: PGlite;
  if (dataDir === undefined) {
    client = new PGlite(startFrom === undefined ? {} : { loadDataDir: startFrom });
  } else {
    const dir = path.join(dataDir, 'pglite');
    try {
      await mkdir(dir, { recursive: true });
    } catch (error) {
      throw new StartupError(
        `Cannot create the data directory ${dir} (${(error as NodeJS.ErrnoException).code}). ` +
          'Set DATA_DIR to a folder this user can write to.',
      );
    }
    releaseLock = await acquireDirectoryLock(dataDir);
    client = new PGlite(dir);
  }
  try {
    await client.waitReady;
  } catch (error) {
    await releaseLock();
    throw new StartupError(
      `The embedded database in ${dataDir ?? 'memory'} could not start: ${(error as Error).message}`,
    );
  }
  const db = new Kysely<Database>({ dialect: new PGliteDialect(client) });
  return {
    db,
    engine: 'pglite',
    ...(dataDir === undefined ? {} : { dump: () => client.dumpDataDir('gzip') }),
    async close() {
      await db.destroy();
      await releaseLock();
    },
  };
}

async function openPostgres(url: string): Promise<OpenDatabase> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  // Nor may a client that is checked out but between queries (inside a transaction, say) when
  // the database goes away: its 'error' event would have no listener and end the process. The
  // query it was running fails, and the pool drops the broken client when it comes back.
  pool.on('connect', (client) => {
    client.on('error', () => {});
    prepareMarkedStatements(client);
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    await sql`select 1`.execute(db);
  } catch (error) {
    await db.destroy();
    throw new StartupError(describeConnectionError(url, error));
  }
  return { db, engine: 'postgres', close: () => db.destroy() };
}

/** One line that says what went wrong, naming the server but never the password. */
export function describeConnectionError(url: string, error: unknown): string {
  let where = 'the database';
  let user = '';
  let database = '';
  try {
    const u = new URL(url);
    where = `PostgreSQL at ${u.hostname}:${u.port || '5432'}`;
    user = decodeURIComponent(u.username);
    database = decodeURIComponent(u.pathname.slice(1));
  } catch {
    // The URL was validated at boot; describe it generically if it still cannot be parsed.
  }
  const code = (error as { code?: string }).code;
  const fix = 'Check DATABASE_URL, or unset it to use the embedded database.';
  switch (code) {
    case 'ECONNREFUSED':
      return `Cannot connect to ${where}: connection refused. Is PostgreSQL running? ${fix}`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `Cannot connect to ${where}: the host name was not found. ${fix}`;
    case 'ETIMEDOUT':
      return `Cannot connect to ${where}: the connection timed out. ${fix}`;
    case '28P01':
    case '28000':
      return `${where} refused the login for user "${user}". ${fix}`;
    case '3D000':
      return `${where} has no database named "${database}". Create it (createdb ${database}) or ${fix.charAt(0).toLowerCase()}${fix.slice(1)}`;
    case undefined:
    default:
      return `Cannot use ${where}: ${code ?? 'unknown error'}. ${fix}`;
  }
}
