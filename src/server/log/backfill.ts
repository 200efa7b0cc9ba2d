/**
 * The backfill: record revisions and finished evidence files stored before the receipt log
 * existed have no leaf. This gives each one a receipt entry, in the order they were stored
 * (revisions, then files), with the time it was originally received and the time it is
 * backfilled (now): its leaf is a v2 leaf (docs/vault-protocol.md §9) that says it entered the
 * log late, so it never pretends to be older than the log. The sequencer then gives the entries
 * indices like any other.
 *
 * Every app server may run it at start-up and on the checkpointer's cadence: each batch runs in
 * one transaction under a transaction-level advisory lock and re-reads what still lacks an
 * entry inside it, so across restarts and app servers each revision or file gets exactly one.
 */
import { sql, type Kysely } from 'kysely';
import { backfillRevisionReceipt, revisionsWithoutReceipt } from '../db/repositories/records.js';
import {
  addUploadReceipt,
  uploadLacksReceipt,
  uploadsWithoutReceipt,
} from '../db/repositories/uploads.js';
import type { Database } from '../db/schema.js';

/** The advisory lock key of the backfill ("mosaic-backfill" in spirit; any fixed number). */
const BACKFILL_LOCK = 0x6d6f7362;
const BATCH = 500;

/** SHA-256 of a finished upload's stored ciphertext; undefined if the store lacks it. */
export type UploadSha256 = (id: string) => Promise<Uint8Array | undefined>;

const lock = (trx: Kysely<Database>) =>
  sql`select pg_advisory_xact_lock(${BACKFILL_LOCK}::bigint)`.execute(trx);

/**
 * Adds receipt entries for everything stored before the log; returns how many it added. Files
 * are hashed only when `uploadSha256` is given; one whose blob cannot be read is left for the
 * next run (and reported through `onError`).
 */
export async function backfillReceipts(
  db: Kysely<Database>,
  uploadSha256: UploadSha256 | undefined,
  onError: (what: string, error: unknown) => void = () => {},
  batch: number = BATCH,
): Promise<number> {
  let added = 0;
  for (;;) {
    const done = await db.transaction().execute(async (trx) => {
      await lock(trx);
      const revisions = await revisionsWithoutReceipt(trx, batch);
      for (const r of revisions) {
        await backfillRevisionReceipt(trx, r.accountId, r.entry, { receivedAt: r.storedAt });
      }
      return revisions.length;
    });
    added += done;
    if (done < batch) break;
  }
  if (!uploadSha256) return added;
  for (const upload of await uploadsWithoutReceipt(db, 10_000)) {
    let ciphertextSha256: Uint8Array | undefined;
    try {
      ciphertextSha256 = await uploadSha256(upload.id);
    } catch (error) {
      onError('could not read a finished file to backfill its receipt', error);
    }
    if (!ciphertextSha256) continue;
    const sha = ciphertextSha256;
    added += await db.transaction().execute(async (trx) => {
      await lock(trx);
      if (!(await uploadLacksReceipt(trx, upload.id))) return 0;
      await addUploadReceipt(
        trx,
        { id: upload.id, revision: 0, ciphertextSha256: sha },
        { receivedAt: upload.completedAt },
      );
      return 1;
    });
  }
  return added;
}
