/**
 * What the browser keeps for an origin, read from a page, and a TCP relay that can cut the
 * network — for the offline tests of the installed app (test/e2e/pwa-offline.test.ts; the same
 * helpers as test/e2e/pwa.test.ts, shared here).
 */
import net from 'node:net';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** Everything the browser keeps for this origin that a page can read, as text. */
export interface Stores {
  caches: string[];
  cachedUrls: string[];
  indexedDB: string[];
  localStorage: number;
  sessionStorage: number;
  cookie: string;
  /** Every key and value of every store, for searching. */
  text: string;
}

export async function readStores(page: Page): Promise<Stores> {
  return page.evaluate(async () => {
    const text: string[] = [];
    for (const store of [localStorage, sessionStorage]) {
      for (let i = 0; i < store.length; i++) {
        const key = store.key(i) ?? '';
        text.push(key, store.getItem(key) ?? '');
      }
    }
    const cacheNames = await caches.keys();
    const cachedUrls: string[] = [];
    for (const name of cacheNames) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) {
        cachedUrls.push(request.url);
        const response = await cache.match(request);
        text.push(request.url, (await response?.text()) ?? '');
      }
    }
    const databases = await indexedDB.databases();
    for (const info of databases) {
      if (info.name === undefined) continue;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(info.name!);
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(new Error(String(open.error)));
      });
      for (const storeName of db.objectStoreNames) {
        const all = await new Promise<unknown[]>((resolve, reject) => {
          const req = db.transaction(storeName).objectStore(storeName).getAll();
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(new Error(String(req.error)));
        });
        // Bytes (sealed items, keys) as UTF-8 text too, so plaintext held as bytes is found.
        const decoder = new TextDecoder('utf-8', { fatal: false });
        text.push(
          JSON.stringify(all, (_key, value: unknown) =>
            value instanceof Uint8Array || value instanceof ArrayBuffer
              ? decoder.decode(value)
              : value,
          ),
        );
      }
      db.close();
    }
    text.push(document.cookie);
    return {
      caches: cacheNames,
      cachedUrls,
      indexedDB: databases.map((d) => d.name ?? ''),
      localStorage: localStorage.length,
      sessionStorage: sessionStorage.length,
      cookie: document.cookie,
      text: text.join('\n'),
    };
  });
}

/** No store holds any of the secrets, and the caches hold only hashed static files. */
export async function expectNothingReadable(
  page: Page,
  secrets: readonly string[],
  when: string,
  /** IndexedDB databases allowed: `app` once the quick record is on (sealed items only). */
  databases: readonly string[] = [],
) {
  const stores = await readStores(page);
  for (const s of secrets) expect(stores.text.includes(s), `${when}: ${s} in a store`).toBe(false);
  expect(stores.localStorage, when).toBe(0);
  expect(stores.sessionStorage, when).toBe(0);
  expect([...stores.indexedDB].sort(), when).toEqual([...databases].sort());
  expect(stores.cookie, when).toBe('');
  for (const url of stores.cachedUrls) {
    // Hashed static files, and the app's own pages (no data) for an offline start.
    expect(new URL(url).pathname, `${when}: cached ${url}`).toMatch(
      /^(?:\/assets\/[\w.-]+-[\w-]{8,}\.(?:js|css|woff2?|wasm)|(?:\/cy)?\/vault\/app\/[a-z]+)$/,
    );
  }
  return stores;
}

/**
 * A TCP relay in front of the server whose connection can be cut: a real loss of network for
 * everything the browser sends, the service worker's requests included (Chromium's offline
 * emulation does not cover requests that pass through a service worker without an answer).
 */
export async function startRelay(target: string): Promise<{
  origin: string;
  setOnline(online: boolean): void;
  close(): Promise<void>;
}> {
  const to = new URL(target);
  let online = true;
  const sockets = new Set<net.Socket>();
  const relay = net.createServer((client) => {
    if (!online) {
      client.destroy();
      return;
    }
    const upstream = net.connect(Number(to.port), to.hostname);
    sockets.add(client);
    sockets.add(upstream);
    const drop = (): void => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  const { port } = relay.address() as net.AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    setOnline(value) {
      online = value;
      if (!value) for (const s of sockets) s.destroy();
    },
    close: () => new Promise<void>((resolve) => relay.close(() => resolve())),
  };
}

export async function waitForWorker(page: Page, scope: string): Promise<void> {
  await expect
    .poll(
      () =>
        page.evaluate(async () => {
          const registration = await navigator.serviceWorker.getRegistration();
          return {
            scope: registration?.scope,
            controlled: navigator.serviceWorker.controller !== null,
          };
        }),
      { timeout: 30_000 },
    )
    .toEqual({ scope, controlled: true });
}
