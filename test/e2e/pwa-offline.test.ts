/**
 * Issue 17's "done when", in Debian's Chromium: the installed app loses its connection (a TCP
 * relay in front of the server is cut, and `context.setOffline`), the person records an incident
 * and edits it while unlocked (both wait sealed, shown "Waiting to send"), locks, records a
 * locked quick note with a photo, and the browser is closed. It is started again with the same
 * on-disk profile, still offline: everything is still there, sealed. Back online and unlocked:
 * the incident (with its edit) and the quick note each arrive exactly once, with receipts, and
 * the waiting store is gone. At every step every store (Cache Storage, IndexedDB, local and
 * session storage, cookies) is scanned for the markers, byte values decoded too.
 *
 * PWA_SCREENSHOTS=folder saves the offline banner and the waiting entry at phone and desktop
 * size.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  axeViolations,
  CHROMIUM,
  CHROMIUM_ARGS,
  DESKTOP,
  HAVE_CHROMIUM,
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
const secret = (label: string): string => `${label}-${randomBytes(6).toString('hex')}`;

/** How many items an IndexedDB store holds (0 when the database does not exist). */
function countIn(page: Page, database: string, store: string): Promise<number> {
  return page.evaluate(
    async ([name, storeName]) => {
      if (!(await indexedDB.databases()).some((d) => d.name === name)) return 0;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(new Error('no database'));
      });
      const n = await new Promise<number>((resolve) => {
        const req = db.transaction(storeName).objectStore(storeName).count();
        req.onsuccess = () => resolve(req.result);
      });
      db.close();
      return n;
    },
    [database, store] as const,
  );
}

describe.skipIf(!HAVE_CHROMIUM)('offline while unlocked, in the installed app', () => {
  let server: LiveServer;
  const profiles: string[] = [];

  beforeAll(async () => {
    server = await startLiveServer({ LOG_CHECKPOINT_SECONDS: '1' });
  });

  afterAll(async () => {
    await server?.close();
    for (const dir of profiles) await rm(dir, { recursive: true, force: true, maxRetries: 5 });
  });

  it(
    'keeps an incident, its edit and a locked quick note sealed across a restart, and sends each once',
    { timeout: 420_000 },
    async () => {
      const relay = await startRelay(server.origin);
      const origin = relay.origin;
      const offline = async (context: BrowserContext, value: boolean): Promise<void> => {
        relay.setOnline(!value);
        await context.setOffline(value);
      };
      const dir = await mkdtemp(path.join(os.tmpdir(), 'mosaic-pwa-queue-'));
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
      const username = `wren-${randomBytes(4).toString('hex')}`;
      const incidentMarker = secret('incident-marker');
      const editMarker = secret('edit-marker');
      const quickMarker = secret('quick-marker');
      const photoMarker = secret('photo-marker');
      const photo = Buffer.concat([
        Buffer.from(
          'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
          'base64',
        ),
        Buffer.from(photoMarker),
      ]);
      const secrets = [incidentMarker, editMarker, quickMarker, photoMarker, PASSPHRASE];
      const noAxe = async (page: Page, screen: string): Promise<void> => {
        const violations = await axeViolations(page);
        expect(violations, `${screen}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
      };
      const shots = async (page: Page, name: string): Promise<void> => {
        await noAxe(page, name);
        if (SHOTS === undefined) return;
        await page.screenshot({ path: `${SHOTS}/en-phone-${name}.png`, fullPage: true });
        await page.setViewportSize(DESKTOP);
        await noAxe(page, `${name} (desktop)`);
        await page.screenshot({ path: `${SHOTS}/en-desktop-${name}.png`, fullPage: true });
        await page.setViewportSize(PHONE);
      };
      const unlock = async (page: Page): Promise<void> => {
        await heading(page, 'Notes');
        await page.getByLabel(/^Username$/).fill(username);
        await page.getByLabel(/^Passphrase$/).fill(PASSPHRASE);
        await page.getByRole('button', { name: 'Unlock' }).click();
        await heading(page, 'My diary');
      };
      const db = server.database.db;
      const incidentRows = async () => {
        const account = await db
          .selectFrom('accounts')
          .select('id')
          .where('username', '=', username)
          .executeTakeFirstOrThrow();
        return db
          .selectFrom('records')
          .select(['id', 'revision'])
          .where('account_id', '=', account.id)
          .where('type', '=', 'incident')
          .execute();
      };

      let context = await launch();
      let page = await context.newPage();
      await signUpInBrowser(page, origin, username, PASSPHRASE);
      await page.goto(`${origin}/vault/app/notes`);
      await waitForWorker(page, `${origin}/vault/app/`);
      await unlock(page);
      await page.getByRole('button', { name: 'Settings', exact: true }).click();
      await page.getByRole('button', { name: 'Turn on for this device' }).click();
      await page.locator('[data-quick-state="on"]').waitFor();
      await page.getByRole('button', { name: 'My diary', exact: true }).click();
      await heading(page, 'My diary');
      await expectNothingReadable(page, secrets, 'online, unlocked', ['app']);

      // Offline while unlocked: a new incident and an edit of it wait, sealed.
      await offline(context, true);
      await page
        .getByRole('textbox', { name: 'What happened' })
        .fill(`At the gate. ${incidentMarker}`);
      await page.getByRole('button', { name: 'Save now' }).click();
      await heading(page, 'Incident');
      await page.locator('[data-waiting-tag]').waitFor();
      await page.getByRole('button', { name: 'Edit', exact: true }).click();
      await heading(page, 'Edit incident');
      await page
        .getByRole('textbox', { name: 'What happened' })
        .fill(`At the gate, then the shop. ${incidentMarker} ${editMarker}`);
      await page.getByRole('button', { name: 'Save incident' }).click();
      await heading(page, 'Incident');
      await page.getByText(editMarker).waitFor();
      await page.locator('[data-waiting-tag]').waitFor();
      expect(await page.locator('[data-queue-status]').innerText()).toContain(
        '2 changes are waiting to send.',
      );
      await shots(page, 'incident-waiting');
      await page.getByRole('button', { name: 'My diary', exact: true }).click();
      await heading(page, 'My diary');
      const banner = await page.locator('[data-queue-status]').innerText();
      expect(banner).toContain('You are offline.');
      expect(banner).toContain('2 changes are waiting to send.');
      await page.locator('.entries [data-waiting-tag]').first().waitFor();
      await shots(page, 'offline-banner');
      expect(await countIn(page, 'pending', 'writes')).toBe(2);
      await expectNothingReadable(page, secrets, 'waiting while unlocked', ['app', 'pending']);

      // Lock (still offline) and take a quick note with a photo.
      await page.locator('[data-lock]').click();
      await heading(page, 'Notes');
      await expectNothingReadable(page, secrets, 'after lock', ['app', 'pending']);
      await page.getByRole('button', { name: 'Quick note' }).click();
      await heading(page, 'Quick note');
      await page.getByLabel('What happened').fill(`He followed me. ${quickMarker}`);
      await page.getByLabel('Photo (optional)').setInputFiles({
        name: 'photo.png',
        mimeType: 'image/png',
        buffer: photo,
      });
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await page.locator('[data-quick-saved]').waitFor();
      expect(await countIn(page, 'app', 'outbox')).toBe(1);
      await expectNothingReadable(page, secrets, 'quick note saved', ['app', 'pending']);
      await context.close();

      // The browser starts again with the same profile, still offline: all of it is there.
      context = await launch();
      await offline(context, true);
      page = await context.newPage();
      await page.goto(`${origin}/vault/app/notes`);
      await heading(page, 'Notes');
      await page.locator('[data-offline]').waitFor();
      expect(await countIn(page, 'pending', 'writes')).toBe(2);
      expect(await countIn(page, 'app', 'outbox')).toBe(1);
      await expectNothingReadable(page, secrets, 'after restart', ['app', 'pending']);
      expect(await incidentRows()).toEqual([]);

      // Online again: the quick note goes at once; the incident after unlock, then the store goes.
      await offline(context, false);
      await expect.poll(() => countIn(page, 'app', 'outbox'), { timeout: 30_000 }).toBe(0);
      await unlock(page);
      await expect
        .poll(async () => (await readStores(page)).indexedDB, { timeout: 60_000 })
        .toEqual(['app']);
      await page.locator('[data-quick-inbox]').waitFor({ timeout: 30_000 });
      await expect.poll(async () => (await incidentRows()).length, { timeout: 30_000 }).toBe(2);
      const rows = await incidentRows();
      // The incident kept offline has its two revisions (made and edited); the quick note's has
      // two too (made, then its photo linked).
      expect(rows.map((r) => r.revision)).toEqual([2, 2]);
      const quickRows = await db.selectFrom('quick_records').select('id').execute();
      expect(quickRows).toHaveLength(1);
      await expect.poll(() => page.getByText(editMarker).count(), { timeout: 30_000 }).toBe(1);
      expect(await page.getByText(quickMarker).count()).toBe(1);
      expect(await page.locator('[data-waiting-tag]').count()).toBe(0);

      // Receipts: the server's proof for the incident's latest revision, and the quick note's.
      await server.log.checkpointNow();
      await page.getByText(editMarker).click();
      await heading(page, 'Incident');
      await page.locator('[data-receipt="checked"]').waitFor({ timeout: 60_000 });
      const quickReceipt = await page.evaluate(
        (id) => fetch(`/api/quick/records/${id}/receipt`).then((r) => r.status),
        quickRows[0]!.id,
      );
      expect(quickReceipt).toBe(200);
      await expectNothingReadable(page, secrets, 'sent and unlocked', ['app']);

      // Lock and unlock again: still once each. Then quick exit: nothing readable is left.
      await page.locator('[data-lock]').click();
      await unlock(page);
      await expect.poll(() => page.getByText(editMarker).count(), { timeout: 30_000 }).toBe(1);
      expect(await page.getByText(quickMarker).count()).toBe(1);
      expect(await incidentRows()).toHaveLength(2);
      await page.locator('[data-quick-exit-button]').click();
      await page.waitForURL((url) => !url.href.startsWith(origin));
      await page.goto(`${origin}/`);
      await expectNothingReadable(page, secrets, 'after quick exit', ['app']);
      await context.close();
      await relay.close();
    },
  );
});
