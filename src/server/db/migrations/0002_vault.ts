// Frozen: never edit a migration that has shipped; add a new one. Imports nothing from the app.
import { sql, type Kysely } from 'kysely';

/**
 * Accounts, sessions and encrypted records. Nothing here is readable content: the server holds
 * key hashes, wrapped keys, KDF parameters and ciphertext (docs/vault-protocol.md §10).
 */
export async function up(db: Kysely<any>): Promise<void> {
  // Record times are kept to the millisecond, as JavaScript dates are, so keyset cursors made
  // from them find their place exactly.
  await db.schema
    .createTable('accounts')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('auth_key_hash', 'text', (c) => c.notNull())
    .addColumn('recovery_key_hash', 'text', (c) => c.notNull())
    .addColumn('kdf_params', 'jsonb', (c) => c.notNull())
    .addColumn('wrapped_key_passphrase', 'bytea', (c) => c.notNull())
    .addColumn('wrapped_key_recovery', 'bytea', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('token_hash', 'bytea', (c) => c.notNull().unique())
    .addColumn('account_id', 'uuid', (c) =>
      c.notNull().references('accounts.id').onDelete('cascade'),
    )
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('full', 'recovery')`))
    .addColumn('device', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_seen_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_account').on('sessions').column('account_id').execute();

  await db.schema
    .createTable('records')
    .addColumn('account_id', 'uuid', (c) =>
      c.notNull().references('accounts.id').onDelete('cascade'),
    )
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('ciphertext', 'bytea', (c) => c.notNull())
    .addColumn('wrapped_key', 'bytea', (c) => c.notNull())
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('records_pk', ['account_id', 'id'])
    .execute();
  await db.schema
    .createIndex('records_account_type_created')
    .on('records')
    .columns(['account_id', 'type', 'created_at', 'id'])
    .execute();
  await db.schema
    .createIndex('records_account_created')
    .on('records')
    .columns(['account_id', 'created_at', 'id'])
    .execute();

  // Every revision, the current one included: the history of an entry is evidence.
  await db.schema
    .createTable('record_revisions')
    .addColumn('account_id', 'uuid', (c) => c.notNull())
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('ciphertext', 'bytea', (c) => c.notNull())
    .addColumn('wrapped_key', 'bytea', (c) => c.notNull())
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('record_revisions_pk', ['account_id', 'record_id', 'revision'])
    .addForeignKeyConstraint(
      'record_revisions_record',
      ['account_id', 'record_id'],
      'records',
      ['account_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
}
