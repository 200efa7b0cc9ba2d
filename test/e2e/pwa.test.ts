/**
 * The installable vault app (issue 17, first slice) in Debian's Chromium: the public site and
 * /vault link no manifest and register no worker; choosing a disguise in Settings opens its
 * page, which Chromium itself finds installable (DevTools protocol: Page.getInstallabilityErrors
 * and Page.getAppManifest); the title stays the disguise's name while open and after a lock;
 * choosing another disguise changes the manifest and title; and at every step, after a lock and
 * after quick exit, no browser store (Cache Storage, IndexedDB, localStorage, sessionStorage,
 * cookies) holds a word of the diary. The app's screens pass axe in English and Welsh.
 *
 * PWA_SCREENSHOTS=folder saves the screens at phone and desktop size.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type CDPSession,
  type Page,
} from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  axeViolations,
  CHROMIUM,
  CHROMIUM_ARGS,
  DESKTOP,
  HAVE_CHROMIUM,
  launchChromium,
  PHONE,
  startLiveServer,
  type LiveServer,
} from '../support/browser.js';
import { heading, signUpInBrowser } from '../support/vault-ui.js';

const SHOTS = process.env.PWA_SCREENSHOTS;
const PASSPHRASE = 'copper kettle hums at dawn';

function secret(label: string): string {
  return `${label}-${randomBytes(6).toString('hex')}`;
}

/** Everything the browser keeps for this origin that a page can read, as text. */
interface Stores {
  caches: string[];
  cachedUrls: string[];
  indexedDB: string[];
  localStorage: number;
  sessionStorage: number;
  cookie: string;
  /** Every key and value of every store, for searching. */
  text: string;
}

async function readStores(page: Page): Promise<Stores> {
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
        text.push(JSON.stringify(all));
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
async function expectNothingReadable(page: Page, secrets: readonly string[], when: string) {
  const stores = await readStores(page);
  for (const s of secrets) expect(stores.text.includes(s), `${when}: ${s} in a store`).toBe(false);
  expect(stores.localStorage, when).toBe(0);
  expect(stores.sessionStorage, when).toBe(0);
  expect(stores.indexedDB, when).toEqual([]);
  expect(stores.cookie, when).toBe('');
  for (const url of stores.cachedUrls) {
    expect(new URL(url).pathname, `${when}: cached ${url}`).toMatch(
      /^\/assets\/[\w.-]+-[\w-]{8,}\.(?:js|css|woff2?|wasm)$/,
    );
  }
  return stores;
}

/** Chromium's own verdict on installing this page, once its worker controls it. */
async function installabilityErrors(cdp: CDPSession): Promise<unknown[]> {
  const { installabilityErrors: errors } = await cdp.send('Page.getInstallabilityErrors');
  return errors;
}

async function manifestName(cdp: CDPSession): Promise<string | undefined> {
  const manifest = await cdp.send('Page.getAppManifest');
  expect(manifest.errors).toEqual([]);
  return (JSON.parse(manifest.data ?? '{}') as { name?: string }).name;
}

async function waitForWorker(page: Page, scope: string): Promise<void> {
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

describe.skipIf(!HAVE_CHROMIUM)('the installable vault app in Chromium', () => {
  let server: LiveServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startLiveServer();
    browser = await launchChromium();
  });

  /** Profile folders of persistent contexts, removed at the end. */
  const profiles: string[] = [];

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    for (const dir of profiles) await rm(dir, { recursive: true, force: true, maxRetries: 5 });
  });

  /**
   * A context whose only route answers the quick-exit site locally (it never goes online).
   * `persistent`: a real profile on disk, since Chromium never installs from an incognito one
   * (which every browser.newContext() is).
   */
  async function newContext(
    viewport: { width: number; height: number } = PHONE,
    persistent = false,
  ): Promise<BrowserContext> {
    let context: BrowserContext;
    if (persistent) {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'mosaic-pwa-profile-'));
      context = await chromium.launchPersistentContext(dir, {
        executablePath: CHROMIUM,
        args: CHROMIUM_ARGS,
        viewport,
      });
      profiles.push(dir);
    } else {
      context = await browser.newContext({ viewport });
    }
    const exit = new URL(server.config.profile.quickExit.url);
    await context.route(`${exit.origin}/**`, (route) =>
      route.fulfill({ status: 200, contentType: 'text/html', body: '<title>N</title><p>N</p>' }),
    );
    return context;
  }

  async function noAxeViolations(page: Page, screen: string): Promise<void> {
    const violations = await axeViolations(page);
    expect(violations, `${screen}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
  }

  async function unlockApp(
    page: Page,
    username: string,
    name: string,
    submit = 'Unlock',
  ): Promise<void> {
    await heading(page, name);
    await page.getByLabel(/^(Username|Enw defnyddiwr)$/).fill(username);
    await page.getByLabel(/^(Passphrase|Cyfrinymadrodd)$/).fill(PASSPHRASE);
    await page.getByRole('button', { name: submit }).click();
  }

  it('keeps the public site and /vault plain websites: no manifest, no worker', async () => {
    const context = await newContext();
    const page = await context.newPage();
    for (const path of ['/', '/cy/', '/self-check', '/vault', '/cy/vault']) {
      await page.goto(`${server.origin}${path}`);
      expect(await page.locator('link[rel="manifest"]').count(), path).toBe(0);
      const cdp = await context.newCDPSession(page);
      const manifest = await cdp.send('Page.getAppManifest');
      expect(manifest.url, path).toBe('');
      await cdp.detach();
    }
    await page.goto(`${server.origin}/vault`);
    await heading(page, 'Your private diary');
    expect(await page.evaluate(() => navigator.serviceWorker.getRegistrations())).toHaveLength(0);
    expect(await page.evaluate(() => caches.keys())).toEqual([]);
    await context.close();
  });

  it(
    'installs under a disguise, stays neutral, and leaves no plaintext anywhere',
    { timeout: 300_000 },
    async () => {
      const context = await newContext(PHONE, true);
      const page = await context.newPage();
      const username = `wren-${randomBytes(4).toString('hex')}`;
      const marker = secret('pwa-marker');
      const title = secret('pwa-title');
      await signUpInBrowser(page, server.origin, username, PASSPHRASE);

      // Settings: choose a disguise before installing.
      await page.getByRole('button', { name: 'Settings', exact: true }).click();
      await heading(page, 'Settings');
      await page.getByRole('heading', { name: 'Use it as an app' }).waitFor();
      await noAxeViolations(page, 'settings');
      expect(await page.getByLabel('Notes').isChecked()).toBe(true);
      await page.getByLabel('Weather').check();
      await page.getByRole('button', { name: 'Lock and show the app’s start screen' }).click();
      await page.waitForURL(`${server.origin}/vault/app/weather`);

      // The app's page: its name, a plain unlock form, a worker for its folder only.
      await heading(page, 'Weather');
      expect(await page.title()).toBe('Weather');
      const start = await page.locator('body').innerText();
      expect(start).not.toMatch(/stalk|harass|diary|mosaic|police|helpline/i);
      await noAxeViolations(page, 'app start');
      await waitForWorker(page, `${server.origin}/vault/app/`);
      const cdp = await context.newCDPSession(page);
      expect(await manifestName(cdp)).toBe('Weather');
      await expect.poll(() => installabilityErrors(cdp), { timeout: 30_000 }).toEqual([]);

      // Unlocked, the title stays the disguise's name on every screen.
      await unlockApp(page, username, 'Weather');
      await heading(page, 'My diary');
      expect(await page.title()).toBe('Weather');
      await page.getByRole('button', { name: 'Write in your journal' }).click();
      await heading(page, 'Write in your journal');
      expect(await page.title()).toBe('Weather');
      await page.getByLabel('Title (optional)').fill(title);
      await page.getByLabel('Your journal entry').fill(`Something happened. ${marker}`);
      await page.getByRole('button', { name: 'Save journal entry' }).click();
      await page.locator('[data-note-body]').waitFor();
      expect(await page.locator('[data-note-body]').innerText()).toContain(marker);
      expect(await page.title()).toBe('Weather');
      // While the diary is open and its entries were fetched through the worker's page.
      const open = await expectNothingReadable(page, [marker, title, PASSPHRASE], 'unlocked');
      expect(open.cachedUrls.length).toBeGreaterThan(3);
      expect(open.cachedUrls.some((u) => u.includes('/api/'))).toBe(false);

      // Another disguise: the manifest and the title change; Chromium still finds it installable.
      await page.getByRole('button', { name: 'Settings', exact: true }).click();
      await heading(page, 'Settings');
      expect(await page.title()).toBe('Weather');
      expect(await page.getByLabel('Weather').isChecked()).toBe(true);
      await page.getByLabel('Notes').check();
      await page.getByRole('button', { name: 'Lock and show the app’s start screen' }).click();
      await page.waitForURL(`${server.origin}/vault/app/notes`);
      await heading(page, 'Notes');
      expect(await page.title()).toBe('Notes');
      await waitForWorker(page, `${server.origin}/vault/app/`);
      const cdp2 = await context.newCDPSession(page);
      expect(await manifestName(cdp2)).toBe('Notes');
      await expect.poll(() => installabilityErrors(cdp2), { timeout: 30_000 }).toEqual([]);

      // Lock: the start screen again, a neutral notice and title, nothing readable stored.
      await unlockApp(page, username, 'Notes');
      await heading(page, 'My diary');
      await page.getByText(title).waitFor();
      await page.locator('[data-lock]').click();
      await heading(page, 'Notes');
      expect(await page.locator('.notice').innerText()).toBe('Locked.');
      expect(await page.title()).toBe('Notes');
      expect(await page.locator('body').innerText()).not.toContain(title);
      await expectNothingReadable(page, [marker, title, PASSPHRASE], 'after lock');

      // Quick exit from the open diary: nothing readable stored either.
      await unlockApp(page, username, 'Notes');
      await page.getByText(title).click();
      await page.locator('[data-note-body]').waitFor();
      await page.locator('[data-quick-exit-button]').click();
      await page.waitForURL((url) => !url.href.startsWith(server.origin));
      await page.goto(`${server.origin}/`);
      await expectNothingReadable(page, [marker, title, PASSPHRASE], 'after quick exit');
      await page.goto(`${server.origin}/vault/app/notes`);
      await heading(page, 'Notes');
      expect(await page.title()).toBe('Notes');

      // Stop using the app: worker and caches gone, back on the plain vault page.
      await unlockApp(page, username, 'Notes');
      await page.getByRole('button', { name: 'Settings', exact: true }).click();
      await page.getByRole('button', { name: 'Stop using the app' }).click();
      await page.waitForURL(`${server.origin}/vault`);
      await heading(page, 'Your private diary');
      expect(await page.evaluate(() => navigator.serviceWorker.getRegistrations())).toHaveLength(0);
      expect(await page.evaluate(() => caches.keys())).toEqual([]);
      await context.close();
    },
  );

  it(
    'shows the app’s screens in English and Welsh, at phone and desktop size, with no axe violations',
    { timeout: 300_000 },
    async () => {
      const username = `finch-${randomBytes(4).toString('hex')}`;
      const first = await newContext();
      await signUpInBrowser(await first.newPage(), server.origin, username, PASSPHRASE);
      await first.close();
      for (const [locale, prefix, name, submit, settings, traces] of [
        ['en', '', 'Notes', 'Unlock', 'Settings', 'How to remove traces'],
        ['cy', '/cy', 'Nodiadau', 'Datgloi', 'Gosodiadau', 'Sut i gael gwared ar olion'],
      ] as const) {
        for (const [size, viewport] of [
          ['phone', PHONE],
          ['desktop', DESKTOP],
        ] as const) {
          const context = await newContext(viewport);
          const page = await context.newPage();
          const shot = async (screen: string): Promise<void> => {
            await noAxeViolations(page, `${locale} ${size} ${screen}`);
            const width = await page.evaluate(() => document.documentElement.scrollWidth);
            expect(width, `${screen} fits the screen`).toBeLessThanOrEqual(viewport.width);
            if (SHOTS !== undefined) {
              await page.screenshot({
                path: `${SHOTS}/${locale}-${size}-${screen}.png`,
                fullPage: true,
              });
            }
          };
          await page.goto(`${server.origin}${prefix}/vault/app/notes`);
          await heading(page, name);
          expect(await page.title()).toBe(name);
          await shot('start');
          await unlockApp(page, username, name, submit);
          await page.locator('[data-lock]').waitFor({ timeout: 30_000 });
          await page.getByRole('button', { name: settings, exact: true }).click();
          await heading(page, settings);
          await page.locator('#app-look-heading').scrollIntoViewIfNeeded();
          await shot('settings');
          await page.getByRole('button', { name: traces }).click();
          await heading(page, traces);
          expect(await page.title()).toBe(name);
          await shot('traces');
          await context.close();
        }
      }
    },
  );
});
