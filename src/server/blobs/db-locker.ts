/**
 * A tus Locker shared by every app server through the database (table upload_locks), so an
 * upload's consecutive requests may reach different servers with no sticky sessions.
 *
 * - A lock is a row with an expiry, renewed by its holder every `renewMs` while it works. A
 *   holder that dies (killed, or cut off from the database) stops renewing, and its lock runs out
 *   after `ttlMs`: nothing is held for ever.
 * - A request that finds the upload locked marks the row `release_requested` and tries again
 *   every `pollMs`. The holder sees the mark when it next renews and calls tus's "request
 *   release" (tus then ends its PATCH within lockDrainTimeout), so a client that resumes through
 *   another server waits about a second or two, not until the old request times out.
 * - A holder that finds its lock gone (it ran out while the database was unreachable and someone
 *   else took it) is asked to stop the same way.
 *
 * Works the same on PGlite, where one process holds the data directory anyway.
 */
import { randomUUID } from 'node:crypto';
import { ERRORS, type Lock, type Locker, type RequestRelease } from '@tus/server';
import type { Kysely } from 'kysely';
import {
  releaseUploadLock,
  renewUploadLock,
  requestUploadLockRelease,
  tryAcquireUploadLock,
} from '../db/repositories/upload-locks.js';
import type { Database } from '../db/schema.js';

export interface DatabaseLockerOptions {
  /** A lock not renewed for this long is free to take (its holder is taken to be dead). */
  readonly ttlMs?: number;
  /** How often a holder renews its lock and looks for a request to release it. */
  readonly renewMs?: number;
  /** How often a waiting request tries again. */
  readonly pollMs?: number;
  /** A request that has waited this long for a lock gives up (tus's ERR_LOCK_TIMEOUT). */
  readonly acquireTimeoutMs?: number;
}

export class DatabaseLocker implements Locker {
  readonly ttlMs: number;
  readonly renewMs: number;
  readonly pollMs: number;
  readonly acquireTimeoutMs: number;

  constructor(
    readonly db: Kysely<Database>,
    options: DatabaseLockerOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? 10_000;
    this.renewMs = options.renewMs ?? 1000;
    this.pollMs = options.pollMs ?? 100;
    this.acquireTimeoutMs = options.acquireTimeoutMs ?? 30_000;
  }

  newLock(id: string): Lock {
    return new DatabaseLock(this, id);
  }
}

class DatabaseLock implements Lock {
  private readonly holder = randomUUID();
  private renewal: NodeJS.Timeout | undefined;

  constructor(
    private readonly locker: DatabaseLocker,
    private readonly id: string,
  ) {}

  async lock(signal: AbortSignal, requestRelease: RequestRelease): Promise<void> {
    const { db, ttlMs, pollMs, acquireTimeoutMs } = this.locker;
    const deadline = Date.now() + acquireTimeoutMs;
    for (;;) {
      if (signal.aborted) throw lockTimeout();
      if (await tryAcquireUploadLock(db, this.id, this.holder, ttlMs)) break;
      await requestUploadLockRelease(db, this.id);
      if (Date.now() >= deadline) throw lockTimeout();
      await sleep(pollMs, signal);
    }
    this.keepRenewing(requestRelease);
  }

  async unlock(): Promise<void> {
    clearTimeout(this.renewal);
    this.renewal = undefined;
    await releaseUploadLock(this.locker.db, this.id, this.holder);
  }

  private keepRenewing(requestRelease: RequestRelease): void {
    const { db, ttlMs, renewMs } = this.locker;
    let asked = false;
    const ask = () => {
      if (asked) return;
      asked = true;
      void Promise.resolve()
        .then(requestRelease)
        .catch(() => {});
    };
    const renew = async () => {
      try {
        const { held, releaseRequested } = await renewUploadLock(db, this.id, this.holder, ttlMs);
        if (!held || releaseRequested) ask();
      } catch {
        // The database did not answer: try again next time; the lock runs out if it never does.
      }
      if (this.renewal !== undefined) schedule();
    };
    // Renewal alone never keeps the process running.
    const schedule = () => {
      this.renewal = setTimeout(() => void renew(), renewMs).unref();
    };
    schedule();
  }
}

/** tus's own refusal (its status and body), as an Error. */
function lockTimeout(): Error {
  return Object.assign(new Error(ERRORS.ERR_LOCK_TIMEOUT.body), ERRORS.ERR_LOCK_TIMEOUT);
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
