/**
 * Small facts about this installation that every app server must agree on (e.g. the key that
 * makes rate-limit counters anonymous). Plain functions taking `db` or a transaction; the caller
 * owns the transaction.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

/**
 * Returns the value stored under `key`, storing `create()` first if there is none. Safe when
 * several servers race: the first insert wins and everyone reads the same value.
 */
export async function getOrCreateMeta(
  db: Kysely<Database>,
  key: string,
  create: () => string,
): Promise<string> {
  await db
    .insertInto('service_meta')
    .values({ key, value: create() })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const row = await db
    .selectFrom('service_meta')
    .select('value')
    .where('key', '=', key)
    .executeTakeFirstOrThrow();
  return row.value;
}
