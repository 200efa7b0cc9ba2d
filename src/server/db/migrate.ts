// Migrations are typed Kysely<any> by design: they must not depend on today's schema types.
/* eslint-disable @typescript-eslint/no-explicit-any */
import { Migrator, type Kysely } from 'kysely';
import { migrations } from './migrations/index.js';
import { StartupError } from '../startup-error.js';

/**
 * Brings the schema up to date. Kysely's PostgreSQL adapter runs the whole batch in one
 * transaction holding an advisory lock, so instances that start together take turns and each
 * migration runs exactly once.
 *
 * @returns the names of the migrations this call applied
 */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve({ ...migrations }) },
  });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error) {
    const failed = results.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new StartupError(
      `Database migration ${failed} failed: ${error instanceof Error ? error.message : 'unknown error'}`,
    );
  }
  return results.filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
