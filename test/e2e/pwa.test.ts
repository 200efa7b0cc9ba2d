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
import {
  expectNothingReadable,
  readStores,
  startRelay,
  waitForWorker,
} from '../support/browser-stores.js';
import { heading, signUpInBrowser } from '../support/vault-ui.js';

const SHOTS = process.env.PWA_SCREENSHOTS;
const PASSPHRASE = 'copper kettle hums at dawn';

function secret(label: string): string {
  return `${label}-${randomBytes(6).toString('hex')}`;
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
    'starts offline, takes a locked quick note with a photo, keeps it sealed across a restart, and files it once at unlock',
    { timeout: 300_000 },
    async () => {
      const relay = await startRelay(server.origin);
      const origin = relay.origin;
      const offline = async (context: BrowserContext, value: boolean): Promise<void> => {
        relay.setOnline(!value);
        await context.setOffline(value);
      };
      const dir = await mkdtemp(path.join(os.tmpdir(), 'mosaic-pwa-offline-'));
      profiles.push(dir);
      const launch = async (): Promise<BrowserContext> => {
        const context = await chromium.launchPersistentContext(dir, {
          executablePath: CHROMIUM,
          args: CHROMIUM_ARGS,
          viewport: PHONE,
        });
        const exit = new URL(server.config.profile.quickExit.url);
        await context.route(`${exit.origin}/**`, (route) =>
          route.fulfill({ status: 200, contentType: 'text/html', body: '<title>N</title>' }),
        );
        return context;
      };
      const username = `robin-${randomBytes(4).toString('hex')}`;
      const marker = secret('quick-marker');
      const photoMarker = secret('photo-marker');
      // A real 1×1 PNG with the marker after its end (still a valid PNG).
      const photo = Buffer.concat([
        Buffer.from(
          'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
          'base64',
        ),
        Buffer.from(photoMarker),
      ]);
      const secrets = [marker, photoMarker, PASSPHRASE];
      const shot = async (page: Page, name: string): Promise<void> => {
        if (SHOTS !== undefined) {
          await page.screenshot({ path: `${SHOTS}/en-phone-${name}.png`, fullPage: true });
        }
      };

      let context = await launch();
      let page = await context.newPage();
      await signUpInBrowser(page, origin, username, PASSPHRASE);
      await page.goto(`${origin}/vault/app/notes`);
      await waitForWorker(page, `${origin}/vault/app/`);
      // The worker kept the app's pages (no data) for an offline start.
      await expect
        .poll(() => readStores(page).then((s) => s.cachedUrls), { timeout: 30_000 })
        .toContain(`${origin}/vault/app/notes`);
      expect(
        (await readStores(page)).indexedDB,
        'no database before the quick record is on',
      ).toEqual([]);

      // Opt in on this device, with the plain explanation.
      await unlockApp(page, username, 'Notes');
      await heading(page, 'My diary');
      await page.getByRole('button', { name: 'Settings', exact: true }).click();
      await page.getByRole('heading', { name: 'Record without unlocking' }).waitFor();
      await page.getByRole('heading', { name: 'What this leaves on this device' }).waitFor();
      await page.locator('#quick-record-heading').scrollIntoViewIfNeeded();
      await noAxeViolations(page, 'quick record settings');
      await shot(page, 'quick-settings');
      await page.getByRole('button', { name: 'Turn on for this device' }).click();
      await page.locator('[data-quick-state="on"]').waitFor();
      await page.locator('[data-lock]').click();
      await heading(page, 'Notes');

      // Offline: the app still starts, says unlocking needs a connection, and takes a note.
      await offline(context, true);
      await page.goto(`${origin}/vault/app/notes`);
      await heading(page, 'Notes');
      await page.locator('[data-offline]').waitFor();
      expect(await page.locator('[data-offline]').innerText()).toBe(
        'You are offline. Unlocking needs an internet connection.',
      );
      expect(await page.locator('body').innerText()).not.toMatch(
        /stalk|harass|diary|mosaic|police|helpline/i,
      );
      await noAxeViolations(page, 'offline start');
      await shot(page, 'offline-start');
      await page.getByRole('button', { name: 'Quick note' }).click();
      await heading(page, 'Quick note');
      expect(await page.title()).toBe('Notes');
      await page.getByLabel('What happened').fill(`He was outside again. ${marker}`);
      await page.getByLabel('Photo (optional)').setInputFiles({
        name: 'photo.png',
        mimeType: 'image/png',
        buffer: photo,
      });
      await noAxeViolations(page, 'quick note');
      await shot(page, 'quick-note');
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await page.locator('[data-quick-saved]').waitFor();
      await shot(page, 'quick-note-saved');
      expect(await page.getByLabel('What happened').inputValue()).toBe('');
      const queued = () =>
        page.evaluate(async () => {
          const db = await new Promise<IDBDatabase>((resolve, reject) => {
            const open = indexedDB.open('app');
            open.onsuccess = () => resolve(open.result);
            open.onerror = () => reject(new Error('no database'));
          });
          const n = await new Promise<number>((resolve) => {
            const req = db.transaction('outbox').objectStore('outbox').count();
            req.onsuccess = () => resolve(req.result);
          });
          db.close();
          return n;
        });
      expect(await queued()).toBe(1);
      await expectNothingReadable(page, secrets, 'queued offline', ['app']);
      // Quick exit while offline: the typed text goes with the page, the sealed item stays.
      await page.getByLabel('What happened').fill(marker);
      await page.locator('[data-quick-exit-button]').click();
      await page.waitForURL((url) => !url.href.startsWith(origin));
      await context.close();

      // Restart with the same profile, still offline: the item is there, sealed.
      context = await launch();
      await offline(context, true);
      page = await context.newPage();
      await page.goto(`${origin}/vault/app/notes`);
      await heading(page, 'Notes');
      await page.locator('[data-offline]').waitFor();
      expect(await queued()).toBe(1);
      await expectNothingReadable(page, secrets, 'after restart', ['app']);
      const filedBefore = await server.database.db
        .selectFrom('quick_records')
        .select('id')
        .execute();
      expect(filedBefore).toEqual([]);

      // Online again: sent once, then the outbox is empty.
      await offline(context, false);
      await expect.poll(queued, { timeout: 30_000 }).toBe(0);
      const rows = await server.database.db
        .selectFrom('quick_records')
        .select(['id', 'received_at', 'log_entry_id'])
        .execute();
      expect(rows).toHaveLength(1);
      expect(rows[0]!.log_entry_id).not.toBeNull();
      const id = rows[0]!.id;

      // Unlock: it arrives once, as an incident with the device's time and the server's.
      await unlockApp(page, username, 'Notes');
      await page.locator('[data-quick-inbox]').waitFor({ timeout: 30_000 });
      expect(await page.locator('[data-quick-inbox]').innerText()).toBe(
        'A quick note was added to your diary.',
      );
      await page.getByText(marker).first().click();
      await page.locator('[data-device-record]').waitFor();
      const line = await page.locator('[data-device-record]').innerText();
      expect(line).toMatch(/by the device’s own clock/);
      expect(line).toMatch(/The server first received it at/);
      await shot(page, 'quick-incident');
      // The photo became evidence linked to the incident.
      await expect
        .poll(() => page.locator('[data-incident-evidence] li').count(), { timeout: 30_000 })
        .toBe(1);
      const filed = await server.database.db
        .selectFrom('quick_records')
        .select(['ciphertext', 'filed_at'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(filed.ciphertext).toBeNull();
      expect(filed.filed_at).not.toBeNull();
      await server.log.checkpointNow();
      const receipt = await page.evaluate(
        (quickId) => fetch(`/api/quick/records/${quickId}/receipt`).then((r) => r.status),
        id,
      );
      expect(receipt).toBe(200);
      await expectNothingReadable(page, secrets, 'unlocked', ['app']);

      // Lock, unlock again: still exactly one incident from it.
      await page.locator('[data-lock]').click();
      await heading(page, 'Notes');
      await expectNothingReadable(page, secrets, 'after lock', ['app']);
      await unlockApp(page, username, 'Notes');
      await heading(page, 'My diary');
      await expect.poll(() => page.getByText(marker).count(), { timeout: 30_000 }).toBe(1);
      await page.locator('[data-quick-exit-button]').click();
      await page.waitForURL((url) => !url.href.startsWith(origin));
      await page.goto(`${origin}/`);
      await expectNothingReadable(page, secrets, 'after quick exit', ['app']);
      await context.close();
      await relay.close();
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
