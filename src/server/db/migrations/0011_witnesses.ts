// Frozen: never edit a migration that has shipped; add a new one. Imports nothing from the app.
import { sql, type Kysely } from 'kysely';

/**
 * Witness statements (docs/vault-protocol.md §15). Ciphertext only.
 *
 * - `accounts.key_pair_public`, `accounts.key_pair_secret`: the account's X25519 public key and
 *   its secret key wrapped by the account key (slot account-key-pair/secret). Null until the
 *   vault makes them (at sign-up, or at the next unlock of an older account); written once.
 * - `witness_invitations`: one row per invitation link. The auth key is kept as its SHA-256
 *   (null once revoked or blocked); the person's note (label, incident) is sealed to their own
 *   public key. Kept after revocation so the link can say it is closed.
 * - `witness_statements`: the sealed statements, each with its receipt entry (log_entry_id).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('accounts')
    .addColumn('key_pair_public', 'bytea')
    .addColumn('key_pair_secret', 'bytea')
    .execute();
  await db.schema
    .createTable('witness_invitations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'uuid', (c) =>
      c.notNull().references('accounts.id').onDelete('cascade'),
    )
    .addColumn('auth_key_hash', 'bytea')
    .addColumn('note', 'bytea')
    .addColumn('max_statements', 'integer', (c) => c.notNull())
    .addColumn('statements', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('revoked_at', 'timestamptz')
    .addColumn('blocked', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('witness_invitations_account')
    .on('witness_invitations')
    .column('account_id')
    .execute();
  await db.schema
    .createTable('witness_statements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'uuid', (c) =>
      c.notNull().references('accounts.id').onDelete('cascade'),
    )
    .addColumn('invitation_id', 'text', (c) =>
      c.notNull().references('witness_invitations.id').onDelete('cascade'),
    )
    .addColumn('ciphertext', 'bytea', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('received_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`clock_timestamp()`))
    .addColumn('log_entry_id', 'bigint')
    .execute();
  await db.schema
    .createIndex('witness_statements_account')
    .on('witness_statements')
    .columns(['account_id', 'received_at'])
    .execute();
}
