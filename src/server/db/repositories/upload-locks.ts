/**
 * tus locks in the database, so that consecutive requests of one upload may reach different app
 * servers. Times are the database's own `now()`, never an app server's clock, so servers whose
 * clocks differ still agree on when a lock runs out.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.js';

const until = (ttlMs: number) => sql<Date>`now() + make_interval(secs => ${ttlMs / 1000})`;

/**
 * Takes the lock on `uploadId` for `holder` if nobody holds it, or if its holder let it run out
 * (died, or lost the database); true when taken.
 */
export async function tryAcquireUploadLock(
  db: Kysely<Database>,
  uploadId: string,
  holder: string,
  ttlMs: number,
): Promise<boolean> {
  const row = await db
    .insertInto('upload_locks')
    .values({ upload_id: uploadId, holder, expires_at: until(ttlMs) })
    .onConflict((oc) =>
      oc
        .column('upload_id')
        .doUpdateSet({
          holder: sql`excluded.holder`,
          expires_at: sql<Date>`excluded.expires_at`,
          release_requested: false,
        })
        .where('upload_locks.expires_at', '<=', sql<Date>`now()`),
    )
    .returning('holder')
    .executeTakeFirst();
  return row?.holder === holder;
}

/** Asks whoever holds the lock on `uploadId` to let it go as soon as it can. */
export async function requestUploadLockRelease(
  db: Kysely<Database>,
  uploadId: string,
): Promise<void> {
  await db
    .updateTable('upload_locks')
    .set({ release_requested: true })
    .where('upload_id', '=', uploadId)
    .where('release_requested', '=', false)
    .execute();
}

/**
 * Extends a lock its holder still has. `held` false: it ran out and someone else took it (the
 * holder must stop); `releaseRequested`: another request is waiting for it.
 */
export async function renewUploadLock(
  db: Kysely<Database>,
  uploadId: string,
  holder: string,
  ttlMs: number,
): Promise<{ held: boolean; releaseRequested: boolean }> {
  const row = await db
    .updateTable('upload_locks')
    .set({ expires_at: until(ttlMs) })
    .where('upload_id', '=', uploadId)
    .where('holder', '=', holder)
    .returning('release_requested')
    .executeTakeFirst();
  return { held: row !== undefined, releaseRequested: row?.release_requested ?? false };
}

/** Lets go of a lock (nothing happens if `holder` no longer has it). */
export async function releaseUploadLock(
  db: Kysely<Database>,
  uploadId: string,
  holder: string,
): Promise<void> {
  await db
    .deleteFrom('upload_locks')
    .where('upload_id', '=', uploadId)
    .where('holder', '=', holder)
    .execute();
}

/** Forgets locks that ran out (their holders died); returns how many. */
export async function deleteExpiredUploadLocks(db: Kysely<Database>): Promise<number> {
  const result = await db
    .deleteFrom('upload_locks')
    .where('expires_at', '<=', sql<Date>`now()`)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
