// Frozen: never edit a migration that has shipped; add a new one. Imports nothing from the app.
import { sql, type Kysely } from 'kysely';

/**
 * tus locks shared by every app server: one row per upload being worked on. A holder renews
 * `expires_at` while it works, so a lock whose holder died runs out by itself; another server
 * that wants the upload sets `release_requested`, and the holder lets go when it next renews.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('upload_locks')
    .addColumn('upload_id', 'text', (c) => c.primaryKey())
    .addColumn('holder', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('release_requested', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}
