// Frozen: never edit a migration that has shipped; add a new one. Imports nothing from the app.
import { sql, type Kysely } from 'kysely';

/**
 * Shares (docs/vault-protocol.md §14): a chosen set of records and uploads, readable by whoever
 * holds the link and the passcode. Ciphertext only: the manifest is sealed to the share key,
 * the owner's copy of that key is wrapped by the account key, and the auth key is kept as an
 * Argon2id hash. Revoking nulls all three and drops the items and sessions.
 *
 * - `shares`: one row per share (kept after revocation so the link can say "revoked").
 * - `share_items`: the record ids (with the pinned revision of a snapshot) and upload ids the
 *   share may serve, and nothing else.
 * - `share_opens`: when the share was opened and from what coarse device (never the address).
 * - `share_sessions`: the recipient's short-lived bearer tokens, by SHA-256.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('shares')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'uuid', (c) =>
      c.notNull().references('accounts.id').onDelete('cascade'),
    )
    .addColumn('mode', 'text', (c) => c.notNull().check(sql`mode in ('snapshot', 'live')`))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('auth_key_hash', 'text')
    .addColumn('owner_wrapped_key', 'bytea')
    .addColumn('manifest', 'bytea')
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('revoked_at', 'timestamptz')
    .addColumn('failed_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_failed_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('shares_account').on('shares').column('account_id').execute();
  await db.schema
    .createTable('share_items')
    .addColumn('share_id', 'text', (c) => c.notNull().references('shares.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('record', 'upload')`))
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer')
    .addPrimaryKeyConstraint('share_items_pk', ['share_id', 'kind', 'item_id'])
    .execute();
  await db.schema
    .createTable('share_opens')
    .addColumn('share_id', 'text', (c) => c.notNull().references('shares.id').onDelete('cascade'))
    .addColumn('opened_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('device', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('share_opens_share')
    .on('share_opens')
    .columns(['share_id', 'opened_at'])
    .execute();
  await db.schema
    .createTable('share_sessions')
    .addColumn('token_hash', 'bytea', (c) => c.primaryKey())
    .addColumn('share_id', 'text', (c) => c.notNull().references('shares.id').onDelete('cascade'))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('share_sessions_share')
    .on('share_sessions')
    .column('share_id')
    .execute();
}
