// Frozen: never edit a migration that has shipped; add a new one. Imports nothing from the app.
import { sql, type Kysely } from 'kysely';

/**
 * A running count of the bytes each account's records take: the ciphertext and wrapped key of
 * every revision (the current one included). Kept by the same transaction as each write, so the
 * record quota needs no sum over the revisions. Counted here for the accounts that exist.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('accounts')
    .addColumn('records_bytes', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`
    update accounts a set records_bytes = used.bytes
    from (
      select account_id, sum(octet_length(ciphertext) + octet_length(wrapped_key)) as bytes
      from record_revisions group by account_id
    ) used
    where used.account_id = a.id`.execute(db);
}
