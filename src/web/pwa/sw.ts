/**
 * The installed vault app's service worker (docs/decisions/0009). Its scope is the app's pages
 * only (`/vault/app/`, `/cy/vault/app/`); it keeps nothing but the build's hashed static files.
 *
 * - On install it stores the files the app page needs to start (PRECACHE, which the server
 *   writes in front of this script: the vault bundle, its chunks and stylesheets).
 * - It answers a request itself only for a same-origin GET of a hashed file under /assets/
 *   (`name-hash.js|css|woff|woff2|wasm`): from its cache, or from the network and then kept.
 *   A hashed file never changes, so a kept copy is never stale.
 * - The app's own pages (PAGES: `/vault/app/<look>` in each language; no data, the same bytes
 *   for everyone) are stored on install and answered from the network first, from the store only
 *   when the network fails: the installed app starts offline (docs/vault-protocol.md §16.1).
 * - Everything else (other pages, /api, the evidence it downloads, verify.html) it never
 *   touches: the browser fetches those as if there were no worker, and nothing is stored.
 * - A new build changes PRECACHE and so this script; the new worker fills a new cache and
 *   deletes the old ones when it takes over.
 *
 * A classic script with no imports (the server serves it as it is, after one line of data).
 * A later offline queue would add its own store of ciphertext here; see the decision record.
 */

/** Written by the server in front of this file: the files to store on install. */
declare const PRECACHE: readonly string[];
/** Written by the server: changes whenever PRECACHE does. */
declare const VERSION: string;
/**
 * Written by the server: the app's own pages (`/vault/app/<look>`, every look and language),
 * stored on install for an offline start (docs/vault-protocol.md §16.1). They hold no data.
 */
declare const PAGES: readonly string[];

interface ExtendableEventLike extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface FetchEventLike extends ExtendableEventLike {
  readonly request: Request;
  respondWith(response: Promise<Response>): void;
}
interface WorkerScope {
  readonly location: Location;
  skipWaiting(): Promise<void>;
  readonly clients: { claim(): Promise<void> };
  addEventListener(type: 'install' | 'activate', listener: (e: ExtendableEventLike) => void): void;
  addEventListener(type: 'fetch', listener: (e: FetchEventLike) => void): void;
}

const worker = self as unknown as WorkerScope;
const CACHE = `static-${VERSION}`;
/** A file Vite or the server named by its content: `/assets/<name>-<hash>.<ext>`. */
const HASHED_ASSET = /^\/assets\/[\w.-]+-[\w-]{8,}\.(?:js|css|woff2?|wasm)$/;

function cacheable(url: URL): boolean {
  return (
    url.origin === worker.location.origin && url.search === '' && HASHED_ASSET.test(url.pathname)
  );
}

/** One of the app's own pages: same origin, listed by the server, no query. */
function appPage(url: URL): boolean {
  return url.origin === worker.location.origin && url.search === '' && PAGES.includes(url.pathname);
}

/** Stores a page only when the server answered it whole (not a redirect or an error). */
async function keepPage(cache: Cache, path: string): Promise<void> {
  const response = await fetch(path, { cache: 'no-store', credentials: 'omit' });
  if (response.ok && response.type === 'basic' && !response.redirected) {
    await cache.put(new URL(path, worker.location.href).href, response);
  }
}

worker.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then(async (cache) => {
        await cache.addAll(PRECACHE.filter((p) => cacheable(new URL(p, worker.location.href))));
        await Promise.all(PAGES.map((p) => keepPage(cache, p)));
      })
      .then(() => worker.skipWaiting()),
  );
});

worker.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((n) => n !== CACHE).map((n) => caches.delete(n))))
      .then(() => worker.clients.claim()),
  );
});

worker.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (request.mode === 'navigate' && appPage(url)) {
    // The network first, so an online start always gets the newest page; the stored copy only
    // when the network fails (offline start). The page holds no data.
    event.respondWith(
      fetch(request).catch(async () => {
        const kept = await caches.open(CACHE).then((cache) => cache.match(url.href));
        if (kept) return kept;
        throw new TypeError('offline and not stored');
      }),
    );
    return;
  }
  if (!cacheable(url)) return;
  event.respondWith(
    caches.open(CACHE).then(async (cache) => {
      const kept = await cache.match(url.href);
      if (kept) return kept;
      const response = await fetch(request);
      if (response.ok && response.type === 'basic') await cache.put(url.href, response.clone());
      return response;
    }),
  );
});
