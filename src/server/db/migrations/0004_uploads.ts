// Frozen: never edit a migration that has shipped; add a new one. Imports nothing from the app.
import { sql, type Kysely } from 'kysely';

/**
 * Encrypted evidence files being uploaded or stored. The bytes live in the blob store; this
 * table says whose they are and how big, so quotas and ownership need no look at the blobs.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('uploads')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'uuid', (c) =>
      c.notNull().references('accounts.id').onDelete('cascade'),
    )
    .addColumn('length', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('completed_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('uploads_account').on('uploads').column('account_id').execute();
}
