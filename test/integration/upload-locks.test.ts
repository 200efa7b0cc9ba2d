/**
 * The tus locker shared through the database (src/server/blobs/db-locker.ts), on both engines:
 * two lockers stand for two app servers. A lock is exclusive across them, its holder is asked to
 * let go when another request wants the upload, a dead holder's lock runs out by itself, and a
 * request never waits past its time limit or its own end.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatabaseLocker } from '../../src/server/blobs/db-locker.js';
import { tryAcquireUploadLock } from '../../src/server/db/repositories/upload-locks.js';
import { ENGINES, freshDatabase, type TestDatabase } from '../support/databases.js';

const FAST = { ttlMs: 600, renewMs: 100, pollMs: 20, acquireTimeoutMs: 3000 };
const never = () => new AbortController().signal;

describe.each(ENGINES)('upload locks on $name', ({ name, available }) => {
  let database: TestDatabase;
  beforeAll(async () => {
    if (available) database = await freshDatabase(name);
  });
  afterAll(async () => {
    await database?.close();
  });
  const test = available ? it : it.skip;
  const id = () => randomBytes(16).toString('hex');

  test('is exclusive across servers, and the holder is asked to let go', async () => {
    const serverA = new DatabaseLocker(database.db, FAST);
    const serverB = new DatabaseLocker(database.db, FAST);
    const upload = id();
    const held = serverA.newLock(upload);
    let asked = 0;
    await held.lock(never(), () => {
      asked = Date.now();
    });
    const started = Date.now();
    let acquired = 0;
    const waiting = serverB
      .newLock(upload)
      .lock(never(), () => {})
      .then(() => {
        acquired = Date.now();
      });
    // The holder hears the request within a renewal or two, and B waits until it lets go.
    for (let i = 0; i < 50 && asked === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(asked).toBeGreaterThan(0);
    expect(asked - started).toBeLessThan(1000);
    expect(acquired).toBe(0);
    await held.unlock();
    await waiting;
    expect(acquired).toBeGreaterThan(0);
  });

  test('a lock whose holder died runs out by itself', async () => {
    const upload = id();
    // A holder that took the lock and then vanished without renewing it.
    expect(await tryAcquireUploadLock(database.db, upload, 'dead-server', FAST.ttlMs)).toBe(true);
    const started = Date.now();
    const lock = new DatabaseLocker(database.db, FAST).newLock(upload);
    await lock.lock(never(), () => {});
    expect(Date.now() - started).toBeLessThan(FAST.ttlMs + 1000);
    await lock.unlock();
  });

  test('a live holder keeps its lock past the expiry by renewing it', async () => {
    const upload = id();
    const held = new DatabaseLocker(database.db, FAST).newLock(upload);
    await held.lock(never(), () => {}); // ignores requests to let go
    await new Promise((r) => setTimeout(r, FAST.ttlMs * 2));
    const other = new DatabaseLocker(database.db, { ...FAST, acquireTimeoutMs: 300 });
    await expect(other.newLock(upload).lock(never(), () => {})).rejects.toMatchObject({
      status_code: 500,
    });
    await held.unlock();
  });

  test('a waiting request stops when it ends', async () => {
    const upload = id();
    const held = new DatabaseLocker(database.db, FAST).newLock(upload);
    await held.lock(never(), () => {});
    const gone = new AbortController();
    const waiting = new DatabaseLocker(database.db, FAST)
      .newLock(upload)
      .lock(gone.signal, () => {});
    setTimeout(() => gone.abort(), 100);
    await expect(waiting).rejects.toBeInstanceOf(Error);
    await held.unlock();
  });
});
