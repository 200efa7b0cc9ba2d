// Frozen: never edit a migration that has shipped; add a new one. Imports nothing from the app.
import type { Kysely } from 'kysely';

/**
 * Receipt-log key hand-overs (docs/vault-protocol.md §9.7): each time the log's key changes, one
 * C2SP signed note, signed by the old key and the new, that vaults follow to trust the new key.
 * Public: the notes name keys and a time, nothing about any account.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('log_key_handovers')
    .addColumn('seq', 'integer', (c) => c.primaryKey())
    .addColumn('from_vkey', 'text', (c) => c.notNull().unique())
    .addColumn('to_vkey', 'text', (c) => c.notNull().unique())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
}
