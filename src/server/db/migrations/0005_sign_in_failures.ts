// Frozen: never edit a migration that has shipped; add a new one. Imports nothing from the app.
import type { Kysely } from 'kysely';

/**
 * Failed attempts on an account since its last successful sign-in, so the person can be told
 * plainly at their next sign-in: wrong passphrases, right passphrase but wrong second-factor
 * code, wrong recovery keys, and when the last one was. Counts and one time only: never an
 * address or a device.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('accounts')
    .addColumn('failed_passphrases', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('failed_codes', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('failed_recoveries', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_failed_at', 'timestamptz')
    .execute();
}
