/**
 * Upload housekeeping beyond HTTP: marking an upload finished, removing a blob with its row
 * (under the upload's lock, so no PATCH on any server is cut off half-way), finding uploads a
 * crash left finished but unmarked, and sweeping the ones abandoned unfinished.
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { BlobStore } from '../blobs/blob-store.js';
import type { DatabaseLocker } from '../blobs/db-locker.js';
import { deleteExpiredUploadLocks } from '../db/repositories/upload-locks.js';
import {
  abandonedUploads,
  deleteUpload,
  addUploadReceipt,
  markCompletedOnce,
  uploadIdsOfAccount,
} from '../db/repositories/uploads.js';
import type { Database } from '../db/schema.js';

/** SHA-256 of a blob as stored, streamed (a large file never sits in memory); undefined if absent. */
export async function blobSha256(store: BlobStore, id: string): Promise<Uint8Array | undefined> {
  const stream = await store.read(id);
  if (!stream) return undefined;
  const hash = createHash('sha256');
  for await (const chunk of stream) hash.update(chunk as Uint8Array);
  return new Uint8Array(hash.digest());
}

/** The uploads' housekeeping, for the account routes and tests. */
export interface UploadHousekeeping {
  /** Removes every blob of an account (before the account itself is deleted). */
  readonly removeAccountBlobs: (accountId: string) => Promise<void>;
  /** Removes uploads never finished in time, with their blobs; returns how many. */
  readonly sweepAbandoned: () => Promise<number>;
  /**
   * Whether the store holds every byte of an upload whose row does not say it finished: a server
   * that stored the last byte and died before marking the row (tus answers the next HEAD with the
   * full offset, so the client counts the file as sent). If so, the row is marked now.
   */
  readonly finishedInStore: (id: string) => Promise<boolean>;
  /** Removes an upload's blob, then its row (the row stays if the store fails). */
  readonly removeBlob: (id: string) => Promise<void>;
  /**
   * Marks an upload finished and adds its receipt entry (SHA-256 of the stored ciphertext) in
   * the same transaction, once, whichever app server gets there first; true if this call
   * finished it. The entry gets its leaf index when the sequencer runs (a few seconds).
   */
  readonly complete: (id: string) => Promise<boolean>;
}

export interface UploadHousekeepingDeps {
  readonly db: Kysely<Database>;
  readonly store: BlobStore;
  readonly locker: DatabaseLocker;
  /** An upload not finished within this long is abandoned and removed. */
  readonly abandonAfterSeconds: number;
  /** Whether finished uploads get receipts (always, but for the benchmark's baseline). */
  readonly receipts?: boolean;
  /** Told of an abandoned upload that could not be removed (the next sweep tries again). */
  readonly onSweepError?: (error: unknown) => void;
}

/** How long a removal waits for a PATCH holding the upload's lock to stop. */
const LOCK_WAIT_MS = 60_000;

export function uploadHousekeeping(deps: UploadHousekeepingDeps): UploadHousekeeping {
  const { db, store, locker } = deps;

  const storedSha256 = async (id: string): Promise<Uint8Array> => {
    const sha = await blobSha256(store, id);
    if (!sha) throw new Error('the finished upload is not in the store');
    return sha;
  };

  const complete = async (id: string): Promise<boolean> => {
    const ciphertextSha256 = deps.receipts === false ? undefined : await storedSha256(id);
    return db.transaction().execute(async (trx) => {
      if (!(await markCompletedOnce(trx, id))) return false;
      if (ciphertextSha256) await addUploadReceipt(trx, { id, revision: 0, ciphertextSha256 });
      return true;
    });
  };

  // The row goes only after its blob: if the store fails, the row stays and the next sweep (or
  // the person's next try) removes both, so no ciphertext is ever left without an owner.
  const removeBlob = async (id: string): Promise<void> => {
    const lock = locker.newLock(id);
    // A PATCH holding the lock is asked to stop, as tus does for its own requests.
    await lock.lock(AbortSignal.timeout(LOCK_WAIT_MS), () => {});
    try {
      await store.remove(id);
      await deleteUpload(db, id);
    } finally {
      await lock.unlock();
    }
  };

  const finishedInStore = async (id: string): Promise<boolean> => {
    const lock = locker.newLock(id);
    await lock.lock(AbortSignal.timeout(LOCK_WAIT_MS), () => {});
    try {
      if (!(await store.finish(id))) return false;
      await complete(id);
      return true;
    } finally {
      await lock.unlock();
    }
  };

  const sweepAbandoned = async (): Promise<number> => {
    const ids = await abandonedUploads(db, deps.abandonAfterSeconds);
    let removed = 0;
    for (const id of ids) {
      try {
        if (await finishedInStore(id)) continue;
        await removeBlob(id);
        removed++;
      } catch (error) {
        deps.onSweepError?.(error);
      }
    }
    // Locks whose holders died ran out long ago; a new request would take them over anyway.
    await deleteExpiredUploadLocks(db).catch(() => 0);
    return removed;
  };

  return {
    removeAccountBlobs: async (accountId) => {
      for (const id of await uploadIdsOfAccount(db, accountId)) await removeBlob(id);
    },
    sweepAbandoned,
    finishedInStore,
    removeBlob,
    complete,
  };
}
