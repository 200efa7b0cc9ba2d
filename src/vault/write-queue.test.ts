import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { cryptoReady, generateKey } from '../crypto/index.js';
import { generateIncidents } from '../domain/diary/fixtures.js';
import { VaultApi, type RecordResponse } from './api.js';
import { INCIDENT } from './diary-records.js';
import { DiaryStore } from './diary-store.js';
import { RevisionWatch } from './records.js';
import {
  WriteQueue,
  type QueuedWrite,
  type QueueStorage,
  type StoredWrite,
} from './write-queue.js';

let accountKey: Uint8Array;
let otherKey: Uint8Array;
beforeAll(async () => {
  await cryptoReady();
  accountKey = await generateKey();
  otherKey = await generateKey();
});

/** The records API as the server keeps it: revisions, and a resend of identical bytes is 200. */
class Server {
  readonly revisions = new Map<
    string,
    { type: string; ciphertext: string; wrappedKey: string }[]
  >();
  online = true;
  /** The next write is stored but its answer never arrives. */
  loseNextAnswer = false;
  writes = 0;

  readonly fetch: typeof fetch = (input, init) => {
    if (!this.online) return Promise.reject(new TypeError('offline'));
    const url = new URL(input as string, 'http://vault.test');
    const method = init?.method ?? 'GET';
    const id = decodeURIComponent(url.pathname.split('/')[3] ?? '');
    const json = (status: number, body: unknown) =>
      Promise.resolve(new Response(JSON.stringify(body), { status }));
    const error = (status: number, code: string) =>
      json(status, { error: { code, message: code } });
    const answer = (rid: string, revision: number) => {
      const r = this.revisions.get(rid)![revision - 1]!;
      return { id: rid, revision, size: 1, createdAt: 'x', updatedAt: 'y', ...r };
    };
    if (method === 'GET') {
      const list = this.revisions.get(id);
      return list === undefined ? error(404, 'not_found') : json(200, answer(id, list.length));
    }
    const body = JSON.parse(init?.body as string) as {
      id: string;
      type: string;
      ciphertext: string;
      wrappedKey: string;
      expectedRevision: number;
    };
    const same = (a: { ciphertext: string; wrappedKey: string } | undefined) =>
      a !== undefined && a.ciphertext === body.ciphertext && a.wrappedKey === body.wrappedKey;
    let result: Promise<Response>;
    if (method === 'POST') {
      const list = this.revisions.get(body.id);
      if (list === undefined) {
        this.writes++;
        this.revisions.set(body.id, [body]);
        result = json(201, answer(body.id, 1));
      } else result = same(list[0]) ? json(200, answer(body.id, 1)) : error(409, 'record_exists');
    } else {
      const list = this.revisions.get(id);
      const expected = body.expectedRevision;
      if (list === undefined) result = error(404, 'not_found');
      else if (list.length === expected) {
        this.writes++;
        list.push({
          type: list[0]!.type,
          ciphertext: body.ciphertext,
          wrappedKey: body.wrappedKey,
        });
        result = json(200, answer(id, expected + 1));
      } else if (same(list[expected])) result = json(200, answer(id, expected + 1));
      else result = error(409, 'revision_conflict');
    }
    if (this.loseNextAnswer) {
      this.loseNextAnswer = false;
      return Promise.reject(new TypeError('connection reset'));
    }
    return result;
  };
}

/** IndexedDB stand-in; `text()` is everything it holds, for the plaintext check. */
class MemoryStorage implements QueueStorage {
  items: StoredWrite[] = [];
  private next = 1;
  emptied = 0;
  list = () => Promise.resolve([...this.items]);
  add = (item: QueuedWrite) => {
    this.items.push({ key: this.next, item: structuredClone(item) });
    return Promise.resolve(this.next++);
  };
  replace = async (remove: readonly number[], add?: QueuedWrite) => {
    this.items = this.items.filter((s) => !remove.includes(s.key));
    return add === undefined ? undefined : this.add(add);
  };
  empty = () => {
    this.emptied++;
    return Promise.resolve();
  };
  text = () => JSON.stringify(this.items);
}

function setUp(server: Server, storage: MemoryStorage, key = accountKey) {
  const api = new VaultApi({ fetch: server.fetch });
  api.setCsrfToken('csrf');
  const store = new DiaryStore(api, () => key, new RevisionWatch());
  const queue = new WriteQueue(api, () => key, storage, {
    sent: (item, response) => store.sent(item, response),
    copied: (conflict, response, value) => store.copied(conflict, response, value),
  });
  store.useQueue(queue);
  return { api, store, queue };
}

const sample = generateIncidents(1, 7).incidents[0]!.value;
const incident = (what: string) => ({ ...sample, what });

/** Empty lists for every kind, so `load()` works against the fake server. */
function withLists(server: Server): Server {
  const inner = server.fetch;
  const lists: typeof fetch = (input, init) => {
    const url = new URL(input as string, 'http://vault.test');
    if ((init?.method ?? 'GET') === 'GET' && url.pathname === '/api/records') {
      const type = url.searchParams.get('type');
      const records: RecordResponse[] = [];
      for (const [id, list] of server.revisions) {
        if (list[0]!.type !== type) continue;
        records.push({
          id,
          revision: list.length,
          size: 1,
          createdAt: 'x',
          updatedAt: 'y',
          ...list.at(-1)!,
        });
      }
      return Promise.resolve(new Response(JSON.stringify({ records, next: null })));
    }
    return inner(input, init);
  };
  Object.defineProperty(server, 'fetch', { value: lists });
  return server;
}

describe('the offline write queue', () => {
  it('keeps offline writes sealed, shows them waiting, and sends them once in order', async () => {
    const server = withLists(new Server());
    const storage = new MemoryStorage();
    const { store, queue } = setUp(server, storage);
    await store.load();
    server.online = false;
    const id = await store.add(INCIDENT, incident('marker-one was outside'));
    await store.edit(INCIDENT, store.get('incident', id)!.response, incident('marker-two again'));
    expect(store.waiting(id)).toBe(true);
    expect(queue.count()).toBe(2);
    expect(store.get('incident', id)!.record.value.what).toBe('marker-two again');
    expect(storage.text()).not.toMatch(/marker/);
    // A reload: a fresh store and queue read the sealed items back.
    const again = setUp(server, storage);
    server.online = true;
    server.loseNextAnswer = true;
    await again.store.load();
    await again.queue.flush();
    // Stored, but the answer was lost: it stays waiting, and its resend is recognised.
    expect(again.queue.count()).toBe(2);
    expect(server.writes).toBe(1);
    await again.queue.flush();
    expect(again.queue.count()).toBe(0);
    expect(server.writes).toBe(2);
    expect(server.revisions.get(id)).toHaveLength(2);
    expect(again.store.waiting(id)).toBe(false);
    expect(again.store.get('incident', id)!.record.revision).toBe(2);
    expect(storage.emptied).toBe(1);
  });

  it('leaves another account’s items alone', async () => {
    const server = withLists(new Server());
    const storage = new MemoryStorage();
    const mine = setUp(server, storage);
    await mine.store.load();
    server.online = false;
    await mine.store.add(INCIDENT, incident('mine'));
    server.online = true;
    const theirs = setUp(server, storage, otherKey);
    await theirs.store.load();
    await theirs.queue.flush();
    expect(theirs.queue.count()).toBe(0);
    expect(storage.items).toHaveLength(1);
    expect(server.writes).toBe(0);
  });

  it('keeps a conflicting offline edit as a new record; nothing is overwritten', async () => {
    const server = withLists(new Server());
    const storage = new MemoryStorage();
    const { store, queue } = setUp(server, storage);
    await store.load();
    const id = await store.add(INCIDENT, incident('first'));
    const base = store.get('incident', id)!.response;
    server.online = false;
    await store.edit(INCIDENT, base, incident('mine offline'));
    // Meanwhile another device changes it.
    const elsewhere = setUp(server, new MemoryStorage());
    server.online = true;
    await elsewhere.store.edit(INCIDENT, base, incident('theirs'));
    await queue.flush();
    expect(queue.conflicts).toHaveLength(1);
    const { copyId } = queue.conflicts[0]!;
    expect(server.revisions.get(id)).toHaveLength(2);
    expect(server.revisions.get(copyId)).toHaveLength(1);
    await expect.poll(() => store.get('incident', id)?.record.value.what).toBe('theirs');
    expect(store.get('incident', copyId)!.record.value.what).toBe('mine offline');
  });

  it('property: any mix of offline spells and lost answers stores each write exactly once', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ offline: fc.boolean(), lose: fc.boolean() }), {
          minLength: 1,
          maxLength: 6,
        }),
        async (steps) => {
          const server = withLists(new Server());
          const storage = new MemoryStorage();
          const { store, queue } = setUp(server, storage);
          await store.load();
          let id: string | undefined;
          for (const [i, step] of steps.entries()) {
            server.online = !step.offline;
            server.loseNextAnswer = step.lose;
            const value = incident(`v${i}`);
            try {
              if (id === undefined) id = await store.add(INCIDENT, value);
              else await store.edit(INCIDENT, store.get('incident', id)!.response, value);
            } catch {
              // A refused write (never the case here) would be the screen's to show.
            }
          }
          server.online = true;
          server.loseNextAnswer = false;
          for (let n = 0; n < 3 && queue.count() > 0; n++) await queue.flush();
          expect(queue.count()).toBe(0);
          expect(server.revisions.get(id!)).toHaveLength(steps.length);
          expect(server.writes).toBe(steps.length);
        },
      ),
      { numRuns: 30 },
    );
  });
});
