// Frozen: never edit a migration that has shipped; add a new one. Imports nothing from the app.
import { sql, type Kysely } from 'kysely';

/**
 * The receipt log (docs/vault-protocol.md §9): one append-only RFC 6962 Merkle tree for the whole
 * deployment.
 *
 * - `log_head`: one row holding the tree size. Every append locks it (FOR UPDATE) in the same
 *   transaction as the write it records, so indices are handed out one at a time with no gap
 *   (a rolled-back write gives its index back) and no duplicate, on every app server. It also
 *   keeps the log's signing key when none is configured (made at first start).
 * - `log_leaves`: the leaf bytes by index, and when they were received.
 * - `log_nodes`: the hash of every complete subtree, by level (0: leaf hashes) and index, so any
 *   root or proof reads O(log n) rows and nothing is ever recomputed from all the leaves.
 * - `log_checkpoints`: every signed checkpoint (C2SP tlog-checkpoint note text), with an RFC 3161
 *   token when a time-stamp authority countersigned it.
 * - `revision_leaves`, `uploads.leaf_index`: which leaf is a revision's or a file's, kept with
 *   the owner's rows (and deleted with them) so only the owner can find it. The leaves stay.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('log_head')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('signing_key', 'text')
    .execute();
  await sql`insert into log_head (id, size) values (1, 0)`.execute(db);
  await db.schema
    .createTable('log_leaves')
    .addColumn('idx', 'bigint', (c) => c.primaryKey())
    .addColumn('leaf', 'bytea', (c) => c.notNull())
    .addColumn('received_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('log_nodes')
    .addColumn('level', 'smallint', (c) => c.notNull())
    .addColumn('idx', 'bigint', (c) => c.notNull())
    .addColumn('hash', 'bytea', (c) => c.notNull())
    .addPrimaryKeyConstraint('log_nodes_pk', ['level', 'idx'])
    .execute();
  await db.schema
    .createTable('log_checkpoints')
    .addColumn('size', 'bigint', (c) => c.primaryKey())
    .addColumn('root_hash', 'bytea', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('tsa_token', 'bytea')
    .addColumn('tsa_time', 'timestamptz')
    .execute();
  await db.schema
    .createTable('revision_leaves')
    .addColumn('account_id', 'uuid', (c) => c.notNull())
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('leaf_index', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('revision_leaves_pk', ['account_id', 'record_id', 'revision'])
    .addForeignKeyConstraint(
      'revision_leaves_revision',
      ['account_id', 'record_id', 'revision'],
      'record_revisions',
      ['account_id', 'record_id', 'revision'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
  await db.schema.alterTable('uploads').addColumn('leaf_index', 'bigint').execute();
}
