/**
 * What the locked quick record keeps on this device (docs/vault-protocol.md §16.2–16.3), in one
 * IndexedDB database, `app`, made only when the person turns the quick record on:
 *
 * - `device`: one entry, `this`: the device id, the drop token and the account's public key.
 *   None of it reads anything: the token only sends, the public key only seals.
 * - `outbox`: sealed items `{ id, sealed }`, in the order saved (auto-increment keys). Nothing
 *   here can be opened on this device.
 *
 * Never any plaintext, username or secret key. Reading first asks `indexedDB.databases()`, so a
 * browser where the quick record was never turned on gets no database at all from opening the
 * app. Turning it off deletes the whole database.
 */
const DB_NAME = 'app';
const DEVICE = 'device';
const OUTBOX = 'outbox';
const THIS = 'this';

export interface QuickDevice {
  readonly id: string;
  readonly token: string;
  readonly publicKey: Uint8Array;
}

export interface Queued {
  readonly key: number;
  readonly id: string;
  readonly sealed: Uint8Array;
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('storage failed'));
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('storage failed'));
    tx.onabort = () => reject(tx.error ?? new Error('storage aborted'));
  });
}

/** Whether the database exists, without making it. */
async function exists(): Promise<boolean> {
  if (typeof indexedDB === 'undefined') return false;
  try {
    const list = await indexedDB.databases();
    return list.some((d) => d.name === DB_NAME);
  } catch {
    return false;
  }
}

function open(): Promise<IDBDatabase> {
  const req = indexedDB.open(DB_NAME, 1);
  req.onupgradeneeded = () => {
    const db = req.result;
    if (!db.objectStoreNames.contains(DEVICE)) db.createObjectStore(DEVICE);
    if (!db.objectStoreNames.contains(OUTBOX))
      db.createObjectStore(OUTBOX, { autoIncrement: true });
  };
  return request(req);
}

/** Runs `work` with the database if it exists; undefined otherwise. */
async function withDb<T>(work: (db: IDBDatabase) => Promise<T>): Promise<T | undefined> {
  if (!(await exists())) return undefined;
  const db = await open();
  try {
    return await work(db);
  } finally {
    db.close();
  }
}

/** This device's quick-record set-up, or undefined when it is off here. */
export async function readDevice(): Promise<QuickDevice | undefined> {
  return withDb(async (db) => {
    const value = (await request(db.transaction(DEVICE).objectStore(DEVICE).get(THIS))) as
      QuickDevice | undefined;
    return value !== undefined && typeof value.id === 'string' ? value : undefined;
  });
}

/** Turns the quick record on here: makes the database and keeps the device's set-up. */
export async function saveDevice(device: QuickDevice): Promise<void> {
  const db = await open();
  try {
    const tx = db.transaction(DEVICE, 'readwrite');
    tx.objectStore(DEVICE).put(
      { id: device.id, token: device.token, publicKey: device.publicKey },
      THIS,
    );
    await done(tx);
  } finally {
    db.close();
  }
}

/** Deletes the whole database: the set-up and every item not yet sent. */
export async function forgetDevice(): Promise<boolean> {
  if (typeof indexedDB === 'undefined') return true;
  try {
    const req = indexedDB.deleteDatabase(DB_NAME);
    await new Promise<void>((resolve, reject) => {
      req.onsuccess = () => resolve();
      req.onerror = () => reject(req.error ?? new Error('delete failed'));
      // Another tab holds it open: it closes on its next use; the delete then completes.
      req.onblocked = () => resolve();
    });
    return !(await exists());
  } catch {
    return false;
  }
}

/** Adds a sealed item at the end of the outbox. */
export async function enqueue(item: { id: string; sealed: Uint8Array }): Promise<void> {
  const db = await open();
  try {
    const tx = db.transaction(OUTBOX, 'readwrite');
    tx.objectStore(OUTBOX).add({ id: item.id, sealed: item.sealed });
    await done(tx);
  } finally {
    db.close();
  }
}

/** The outbox, oldest first. */
export async function listQueued(): Promise<Queued[]> {
  return (
    (await withDb(async (db) => {
      const store = db.transaction(OUTBOX).objectStore(OUTBOX);
      const [keys, values] = await Promise.all([
        request(store.getAllKeys()),
        request(store.getAll()),
      ]);
      return keys.map((key, i) => {
        const v = values[i] as { id: string; sealed: Uint8Array };
        return { key: Number(key), id: v.id, sealed: v.sealed };
      });
    })) ?? []
  );
}

export async function removeQueued(key: number): Promise<void> {
  await withDb(async (db) => {
    const tx = db.transaction(OUTBOX, 'readwrite');
    tx.objectStore(OUTBOX).delete(key);
    await done(tx);
  });
}
