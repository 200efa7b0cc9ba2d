import { beforeAll, describe, expect, it } from 'vitest';
import { cryptoReady, generateKey } from '../crypto/index.js';
import { generateIncidents } from '../domain/diary/fixtures.js';
import { VaultApi, type RecordResponse } from './api.js';
import { INCIDENT, PERSON } from './diary-records.js';
import { openRecords, type BatchOpener } from './diary-batch.js';
import { DiaryStore } from './diary-store.js';
import { RevisionWatch, sealNewRecord } from './records.js';

let accountKey: Uint8Array;
beforeAll(async () => {
  await cryptoReady();
  accountKey = await generateKey();
});

/** The records API in memory, as the server pages it (creation order, cursor, limit, order). */
class FakeServer {
  readonly records: RecordResponse[] = [];
  requests = 0;
  failNextList = false;
  private clock = 0;

  add(body: { id: string; type: string; ciphertext: string; wrappedKey: string }): RecordResponse {
    const at = new Date(Date.UTC(2026, 0, 1) + this.clock++ * 1000).toISOString();
    const record = { ...body, revision: 1, size: 1, createdAt: at, updatedAt: at };
    this.records.push(record);
    return record;
  }

  readonly fetch: typeof fetch = (input, init) => Promise.resolve(this.answer(input, init));

  private answer(input: Parameters<typeof fetch>[0], init: RequestInit | undefined): Response {
    this.requests++;
    const url = new URL(input as string, 'http://vault.test');
    const body = (): unknown => JSON.parse(init?.body as string);
    const method = init?.method ?? 'GET';
    const json = (status: number, body: unknown): Response =>
      new Response(status === 204 ? null : JSON.stringify(body), {
        status,
        headers: { 'content-type': 'application/json' },
      });
    if (method === 'GET' && url.pathname === '/api/records') {
      if (this.failNextList) {
        this.failNextList = false;
        return json(500, { error: { code: 'internal_error', message: 'x' } });
      }
      const type = url.searchParams.get('type');
      const limit = Number(url.searchParams.get('limit') ?? 100);
      const desc = url.searchParams.get('order') === 'desc';
      const all = this.records.filter((r) => type === null || r.type === type);
      if (desc) all.reverse();
      const start = Number(url.searchParams.get('cursor') ?? 0);
      const page = all.slice(start, start + limit);
      const next = start + limit < all.length ? String(start + limit) : null;
      return json(200, { records: page, next });
    }
    const id = decodeURIComponent(url.pathname.split('/')[3] ?? '');
    if (method === 'POST') {
      return json(201, this.add(body() as never));
    }
    const index = this.records.findIndex((r) => r.id === id);
    if (method === 'PUT') {
      const change = body() as { ciphertext: string; wrappedKey: string };
      const current = this.records[index]!;
      const updated = {
        ...current,
        ciphertext: change.ciphertext,
        wrappedKey: change.wrappedKey,
        revision: current.revision + 1,
      };
      this.records[index] = updated;
      return json(200, updated);
    }
    if (method === 'DELETE') {
      this.records.splice(index, 1);
      return json(204, undefined);
    }
    return json(200, this.records[index]);
  }
}

/**
 * Opens as the app's workers do: the batch and the answers cross a structured clone (what
 * postMessage does), so a value that would not survive the trip shows here.
 */
function clonedOpener(): BatchOpener & { batches: number; closed: boolean } {
  return {
    batches: 0,
    closed: false,
    start() {},
    async open(key, batch, kind) {
      this.batches++;
      const opened = await openRecords(structuredClone(key), structuredClone(batch), kind);
      return structuredClone(opened);
    },
    close() {
      this.closed = true;
    },
  };
}

async function storeWith(incidents: number, opener?: BatchOpener) {
  const server = new FakeServer();
  const diary = generateIncidents(incidents, 3);
  for (const p of diary.people)
    server.add(await sealNewRecord(accountKey, 'person', p.value, p.id));
  for (const i of diary.incidents) {
    server.add(await sealNewRecord(accountKey, 'incident', i.value, i.id));
  }
  const api = new VaultApi({ fetch: server.fetch });
  api.setCsrfToken('csrf');
  const watch = new RevisionWatch();
  const store = new DiaryStore(api, () => accountKey, watch, opener);
  return { server, diary, store, watch };
}

describe('DiaryStore', () => {
  it('opens every record once, newest incidents first, and serves later screens from memory', async () => {
    const { server, diary, store } = await storeWith(1203);
    const seen: { incidents: number; complete: boolean }[] = [];
    store.subscribe(() => {
      const data = store.partial();
      if (data !== undefined) {
        seen.push({ incidents: data.incidents.length, complete: data.complete });
      }
    });
    const data = await store.load();
    expect(data.complete).toBe(true);
    expect(data.unreadable).toBe(0);
    expect(new Set(data.incidents.map((r) => r.id))).toEqual(
      new Set(diary.incidents.map((i) => i.id)),
    );
    expect(data.people).toHaveLength(diary.people.length);
    // The list could show the newest 500 before the rest were open.
    expect(seen[0]).toEqual({ incidents: 500, complete: false });
    expect(seen.at(-1)).toEqual({ incidents: 1203, complete: true });
    const newest = diary.incidents.slice(-500).map((i) => i.id);
    expect(newest.every((id) => store.get('incident', id) !== undefined)).toBe(true);

    const requests = server.requests;
    await store.load();
    expect(store.current()).toBe(data);
    expect(server.requests).toBe(requests);
  });

  it('counts records it cannot open, and keeps the rest', async () => {
    const { server, store } = await storeWith(20);
    // The server swaps two ciphertexts: each is bound to its own id, so both fail.
    const [a, b] = server.records.filter((r) => r.type === 'incident');
    [a!.ciphertext, b!.ciphertext] = [b!.ciphertext, a!.ciphertext];
    server.records.push({ ...server.records[0]!, id: 'not-sealed-here', type: 'incident' });
    const data = await store.load();
    expect(data.unreadable).toBe(3);
    expect(data.incidents).toHaveLength(18);
  });

  it('adds, edits and removes through the API and shows each change at once', async () => {
    const { server, store } = await storeWith(5);
    await store.load();
    let changes = 0;
    store.subscribe(() => changes++);
    const id = await store.add(PERSON, { alias: 'man in the blue van' });
    expect(store.current()!.people.map((p) => p.id)).toContain(id);
    const held = store.get('person', id)!;
    await store.edit(PERSON, held.response, { alias: 'man in the red van' });
    expect(store.get('person', id)!.record.value.alias).toBe('man in the red van');
    expect(store.get('person', id)!.record.revision).toBe(2);
    // What the store kept as the base of the next edit is what the server holds.
    const stored = server.records.find((r) => r.id === id)!;
    expect(store.get('person', id)!.response).toEqual(stored);
    await store.remove(id);
    expect(store.get('person', id)).toBeUndefined();
    expect(server.records.some((r) => r.id === id)).toBe(false);
    expect(changes).toBe(3);
  });

  it('refuses a value that does not fit its schema, and sends nothing', async () => {
    const { server, store } = await storeWith(1);
    await store.load();
    const requests = server.requests;
    await expect(store.add(INCIDENT, { what: '' } as never)).rejects.toThrow();
    expect(server.requests).toBe(requests);
  });

  it('can be loaded again after a failure, and forgets everything when wiped', async () => {
    const { server, store } = await storeWith(3);
    server.failNextList = true;
    await expect(store.load()).rejects.toThrow();
    expect(store.current()).toBeUndefined();
    const data = await store.load();
    expect(data.incidents).toHaveLength(3);
    const zone = 'Europe/London';
    expect(store.prepared(zone)).toBe(store.prepared(zone));
    expect(store.searchIndex(zone).ids).toHaveLength(3);
    store.wipe();
    expect(store.current()!.incidents).toHaveLength(0);
    expect(store.get('incident', data.incidents[0]!.id)).toBeUndefined();
  });

  it('counts a record the server rolled back to an older revision as unreadable', async () => {
    const { server, store, watch } = await storeWith(4);
    const incident = server.records.find((r) => r.type === 'incident')!;
    // This session already saw revision 2; the server now answers with revision 1.
    watch.see(incident.id, 2);
    const data = await store.load();
    expect(data.unreadable).toBe(1);
    expect(data.incidents.map((r) => r.id)).not.toContain(incident.id);
    expect(data.incidents).toHaveLength(3);
  });

  it('opens the same diary through an opener across a structured clone, and closes it on wipe', async () => {
    const opener = clonedOpener();
    const { server, diary, store } = await storeWith(510, opener);
    const [a, b] = server.records.filter((r) => r.type === 'incident');
    [a!.ciphertext, b!.ciphertext] = [b!.ciphertext, a!.ciphertext];
    const data = await store.load();
    expect(data.unreadable).toBe(2);
    expect(data.incidents).toHaveLength(508);
    expect(opener.batches).toBeGreaterThanOrEqual(2);
    // The values that crossed the clone are those the schema makes of what was sealed.
    for (const incident of diary.incidents.slice(2)) {
      expect(store.get('incident', incident.id)?.record.value).toEqual(
        INCIDENT.parse(incident.value),
      );
    }
    store.wipe();
    expect(opener.closed).toBe(true);
  });
});
