/**
 * Fixed-window counters shared by every app server through the database. Keys are already
 * anonymised by the caller.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.js';

export interface Count {
  readonly hits: number;
  readonly resetAt: Date;
}

/** Counts one hit against `key`; a window that has ended starts again from 1. */
export async function countHit(
  db: Kysely<Database>,
  key: string,
  windowMs: number,
): Promise<Count> {
  const resetAt = sql<Date>`now() + make_interval(secs => ${windowMs / 1000})`;
  const row = await db
    .insertInto('rate_limit_counters')
    .values({ key, hits: 1, reset_at: resetAt })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        hits: sql`case when rate_limit_counters.reset_at <= now() then 1 else rate_limit_counters.hits + 1 end`,
        reset_at: sql`case when rate_limit_counters.reset_at <= now() then excluded.reset_at else rate_limit_counters.reset_at end`,
      }),
    )
    .returning(['hits', 'reset_at'])
    .executeTakeFirstOrThrow();
  return { hits: row.hits, resetAt: new Date(row.reset_at) };
}

/** Takes one hit back (an attempt that turned out not to count), never below zero. */
export async function refundHit(db: Kysely<Database>, key: string): Promise<void> {
  await db
    .updateTable('rate_limit_counters')
    .set({ hits: sql<number>`greatest(hits - 1, 0)` })
    .where('key', '=', key)
    .execute();
}

/** Forgets one counter (its window starts again at the next hit). */
export async function resetCounter(db: Kysely<Database>, key: string): Promise<void> {
  await db.deleteFrom('rate_limit_counters').where('key', '=', key).execute();
}

/** Forgets windows that have ended, so the table holds only live counters. */
export async function deleteExpiredCounters(db: Kysely<Database>): Promise<number> {
  const result = await db
    .deleteFrom('rate_limit_counters')
    .where('reset_at', '<=', sql<Date>`now()`)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
