// Frozen: never edit a migration that has shipped; add a new one. Imports nothing from the app.
import { sql, type Kysely } from 'kysely';

/**
 * Receipts without a lock in the write path (docs/decisions/0007-receipt-sequencing.md).
 *
 * - `log_pending`: a write's receipt entry, inserted in the write's own transaction (so the
 *   ciphertext and its entry commit together or not at all). No index yet: the sequencer (the
 *   checkpointer, holding `log_head` FOR UPDATE) gives committed entries the next indices in
 *   `id` order, writes their leaves and the nodes they complete, and deletes them. `id` may gap
 *   (a rolled-back write); indices never do, since only committed entries get one.
 *   `backfilled_at` is set on entries for ciphertexts stored before the log existed.
 * - `log_leaves.entry_id`: which pending entry a leaf was made from (unique), so an owner's
 *   revision or upload finds its index; null for leaves appended before this migration.
 * - `record_revisions.log_entry_id`, `uploads.log_entry_id`: the entry of a revision or a
 *   finished upload, kept with the owner's rows (deleted with them). `revision_leaves` and
 *   `uploads.leaf_index` stay for leaves appended before this migration; nothing new goes there.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('log_pending')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('ciphertext_sha256', 'bytea', (c) => c.notNull())
    .addColumn('received_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`clock_timestamp()`))
    .addColumn('backfilled_at', 'timestamptz')
    .execute();
  await db.schema
    .alterTable('log_leaves')
    .addColumn('entry_id', 'bigint', (c) => c.unique())
    .execute();
  await db.schema.alterTable('record_revisions').addColumn('log_entry_id', 'bigint').execute();
  await db.schema.alterTable('uploads').addColumn('log_entry_id', 'bigint').execute();
}
