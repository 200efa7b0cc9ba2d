/**
 * Where writes made offline while unlocked wait (docs/vault-protocol.md §16.7): one IndexedDB
 * database, `pending`, with one store, `writes`, of the sealed request bodies the vault would
 * have sent (`QueuedWrite`: record id, type, ciphertext, wrapped key, expected revision) in the
 * order made. Never any plaintext: the bodies are ciphertext under record keys wrapped by the
 * account key, which only an unlock brings back.
 *
 * The database is made only when a first write has to wait, and deleted as soon as nothing is
 * left, so a browser that was never offline while unlocked has none. It is separate from the
 * quick record's `app` database, so turning the quick record off never loses a waiting edit.
 */
import {
  WriteQueue,
  type DiaryStore,
  type QueuedWrite,
  type QueueStorage,
  type StoredWrite,
  type VaultApi,
} from '../../../vault/index.js';

const DB_NAME = 'pending';
const WRITES = 'writes';

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

async function exists(): Promise<boolean> {
  if (typeof indexedDB === 'undefined') return false;
  try {
    return (await indexedDB.databases()).some((d) => d.name === DB_NAME);
  } catch {
    return false;
  }
}

function open(): Promise<IDBDatabase> {
  const req = indexedDB.open(DB_NAME, 1);
  req.onupgradeneeded = () => {
    if (!req.result.objectStoreNames.contains(WRITES)) {
      req.result.createObjectStore(WRITES, { autoIncrement: true });
    }
  };
  return request(req);
}

async function withDb<T>(work: (db: IDBDatabase) => Promise<T>): Promise<T> {
  const db = await open();
  try {
    return await work(db);
  } finally {
    db.close();
  }
}

/** Only the fields a queued write has, so nothing else can slip into storage. */
function plain(item: QueuedWrite): QueuedWrite {
  const { ciphertext, wrappedKey } = item.body;
  return item.op === 'create'
    ? {
        op: 'create',
        type: item.type,
        body: { id: item.body.id, type: item.type, ciphertext, wrappedKey },
      }
    : {
        op: 'update',
        id: item.id,
        type: item.type,
        body: { expectedRevision: item.body.expectedRevision, ciphertext, wrappedKey },
      };
}

export const queueStorage: QueueStorage = {
  async list(): Promise<StoredWrite[]> {
    if (!(await exists())) return [];
    return withDb(async (db) => {
      const store = db.transaction(WRITES).objectStore(WRITES);
      const [keys, values] = await Promise.all([
        request(store.getAllKeys()),
        request(store.getAll()),
      ]);
      return keys.map((key, i) => ({ key: Number(key), item: values[i] as QueuedWrite }));
    });
  },

  add(item: QueuedWrite): Promise<number> {
    return withDb(async (db) => {
      const tx = db.transaction(WRITES, 'readwrite');
      const key = request(tx.objectStore(WRITES).add(plain(item)));
      await done(tx);
      return Number(await key);
    });
  },

  async replace(remove: readonly number[], add?: QueuedWrite): Promise<number | undefined> {
    if (add === undefined && !(await exists())) return undefined;
    return withDb(async (db) => {
      const tx = db.transaction(WRITES, 'readwrite');
      const store = tx.objectStore(WRITES);
      for (const key of remove) store.delete(key);
      const key = add === undefined ? undefined : request(store.add(plain(add)));
      await done(tx);
      return key === undefined ? undefined : Number(await key);
    });
  },

  async empty(): Promise<void> {
    if (!(await exists())) return;
    const left = await withDb((db) => request(db.transaction(WRITES).objectStore(WRITES).count()));
    if (left > 0) return;
    await new Promise<void>((resolve) => {
      const req = indexedDB.deleteDatabase(DB_NAME);
      req.onsuccess = () => resolve();
      req.onerror = () => resolve();
      req.onblocked = () => resolve();
    });
  },
};

/** The session's queue, joined to its diary store (which then writes through it). */
export function makeWriteQueue(
  api: VaultApi,
  accountKey: () => Uint8Array,
  store: DiaryStore,
): WriteQueue {
  const queue = new WriteQueue(api, accountKey, queueStorage, {
    sent: (item, response) => store.sent(item, response),
    copied: (conflict, response, value) => store.copied(conflict, response, value),
  });
  store.useQueue(queue);
  return queue;
}
