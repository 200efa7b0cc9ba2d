// Frozen: never edit a migration that has shipped; add a new one. Imports nothing from the app.
import { sql, type Kysely } from 'kysely';

/**
 * The locked quick record's inbox (docs/vault-protocol.md §16). Ciphertext only.
 *
 * - `quick_devices`: a device that may send sealed items to its account without a session; the
 *   drop token is kept as its SHA-256, deleted when the person turns it off.
 * - `quick_records`: the sealed items. The id is made by the device (its idempotency key); once
 *   the vault has opened an item into the diary the ciphertext is dropped (`ciphertext` null,
 *   `filed_at` set) but the row stays, so a late resend is answered "already received".
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('quick_devices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'uuid', (c) =>
      c.notNull().references('accounts.id').onDelete('cascade'),
    )
    .addColumn('token_hash', 'bytea', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('quick_devices_account')
    .on('quick_devices')
    .column('account_id')
    .execute();
  await db.schema
    .createTable('quick_records')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'uuid', (c) =>
      c.notNull().references('accounts.id').onDelete('cascade'),
    )
    .addColumn('device_id', 'text', (c) => c.notNull())
    .addColumn('ciphertext', 'bytea')
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('received_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`clock_timestamp()`))
    .addColumn('filed_at', 'timestamptz')
    .addColumn('log_entry_id', 'bigint')
    .execute();
  await db.schema
    .createIndex('quick_records_account')
    .on('quick_records')
    .columns(['account_id', 'received_at'])
    .execute();
}
