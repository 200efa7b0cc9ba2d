/**
 * "Share with someone", the owner's side, in Chromium at phone size against the real server: a
 * newcomer records an incident with a photo, shares both with a label, sees the link and the
 * passcode; the recipient, in a browser context of their own, opens the link with the passcode,
 * sees the incident, downloads the photo byte for byte, makes the report and bundle, saves the
 * bundle and checks it with one button (OK), keeping nothing in storage; the owner sees the share
 * in the list (for whom, what, opened), is warned that deleting the incident breaks that share
 * (named), stops sharing after a confirm step, sees it marked as stopped, and the recipient's
 * reload is refused; after the recipient's tab closes, nothing is left in their storage. The
 * incident's words, the label and the passcode never leave either browser in the clear; each
 * screen passes axe, and nothing is asked of another origin.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  axeViolations,
  DESKTOP,
  HAVE_CHROMIUM,
  launchChromium,
  PHONE,
  startLiveServer,
  watchedContext,
  type LiveServer,
} from '../support/browser.js';
import { PHOTO_PATH } from '../fixtures/evidence/make-photo.js';
import { heading, signUpInBrowser } from '../support/vault-ui.js';

const PASSPHRASE = 'amber lantern hums softly';
const SHOTS = process.env.SHARE_SCREENSHOTS;

describe.skipIf(!HAVE_CHROMIUM)('sharing, the owner’s side, in Chromium', () => {
  let server: LiveServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startLiveServer();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it(
    'shares an incident, shows the link and passcode, lists it and stops it',
    { timeout: 120_000 },
    async () => {
      const { context, requests } = await watchedContext(browser, server, { viewport: PHONE });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      const bodies: string[] = [];
      page.on('request', (r) => {
        const body = r.postData();
        if (body !== null) bodies.push(body);
      });
      const check = async (screen: string): Promise<void> => {
        const violations = await axeViolations(page);
        expect(violations, `${screen}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
        if (SHOTS !== undefined) {
          await page.screenshot({ path: `${SHOTS}/${screen}.png`, fullPage: true });
          await page.setViewportSize(DESKTOP);
          await page.screenshot({ path: `${SHOTS}/${screen}-desktop.png`, fullPage: true });
          await page.setViewportSize(PHONE);
        }
      };
      const username = `wren-${Date.now().toString(36)}`;
      const label = `PC Jones, case ref ${randomBytes(4).toString('hex')}`;

      await signUpInBrowser(page, server.origin, username, PASSPHRASE);
      await page.getByRole('button', { name: 'Add a full entry' }).click();
      await heading(page, 'Add a full entry');
      await page.getByLabel('When it started').fill('2026-11-02T08:30');
      await page
        .getByRole('textbox', { name: 'What happened' })
        .fill('He followed me to the station.');
      await page.getByRole('button', { name: 'Save incident' }).click();
      await heading(page, 'Incident');
      // Evidence for it: a photo, shared with the incident.
      await page.getByRole('button', { name: 'Add evidence for this incident' }).click();
      await heading(page, 'Add evidence');
      await page.locator('#evidence-files').setInputFiles([PHOTO_PATH]);
      await page.locator('[data-upload="done"]').waitFor({ timeout: 60_000 });
      await page.getByRole('button', { name: 'My diary', exact: true }).click();
      await heading(page, 'My diary');

      // The list, empty; then the form.
      await page.getByRole('button', { name: 'Share with someone' }).click();
      await heading(page, 'Share with someone');
      await page.getByText('You have not shared anything yet.').waitFor();
      await page.getByRole('button', { name: 'Share something new' }).click();
      await page.getByRole('button', { name: 'Make the link' }).waitFor();
      // Nobody named, and no days: clear messages.
      await page.getByLabel('How many days they can open it for').fill('400');
      await page.getByRole('button', { name: 'Make the link' }).click();
      const summary = await page.locator('.error-summary').innerText();
      expect(summary).toContain('Enter who it is for');
      expect(summary).toContain('Enter a number of days from 1 to 365');
      await check('share-choose');
      await page.getByLabel('Who it is for').fill(label);
      await page.getByLabel('How many days they can open it for').fill('30');
      await page.getByRole('button', { name: 'Make the link' }).click();

      // The link and the passcode.
      await heading(page, 'Your link is ready');
      const link = await page.locator('[data-share-link]').innerText();
      const passcode = await page.locator('[data-share-passcode]').innerText();
      expect(link).toMatch(new RegExp(`^${server.origin}/share#`));
      expect(passcode).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
      // The link as a QR code, for handing over in person.
      const qr = page.getByRole('img', { name: 'The link as a QR code' });
      expect(await qr.getAttribute('viewBox')).toMatch(/^0 0 \d+ \d+$/);
      expect((await qr.locator('path').getAttribute('d'))?.length).toBeGreaterThan(1000);
      expect(await page.locator('[data-passcode-warning]').innerText()).toContain(
        'Never send them together',
      );
      await check('share-done');

      // The recipient, in a browser context of their own: the link, then the passcode.
      const { context: recipientContext, requests: recipientRequests } = await watchedContext(
        browser,
        server,
        { viewport: PHONE },
      );
      const recipient = await recipientContext.newPage();
      recipient.on('pageerror', (e) => errors.push(`recipient: ${e.message}`));
      recipient.on('request', (r) => {
        const body = r.postData();
        if (body !== null) bodies.push(body);
      });
      const recipientStorage = async () =>
        recipient.evaluate(async () => ({
          local: localStorage.length,
          session: sessionStorage.length,
          databases: (await indexedDB.databases()).length,
          cookie: document.cookie,
        }));
      await recipient.goto(link);
      await recipient.fill('#share-passcode', passcode);
      await recipient.click('button[type=submit]');
      await recipient
        .locator('[data-share-case]')
        .getByText(`Shared for: ${label}`)
        .waitFor({ timeout: 30_000 });
      expect(await recipient.locator('.share__incident').allTextContents()).toEqual([
        expect.stringContaining('He followed me to the station.'),
      ]);
      // The recipient views the exhibit: the photo, byte for byte.
      const viewing = recipient.waitForEvent('download');
      await recipient.getByRole('button', { name: /^Download: / }).click();
      const photo = await viewing;
      expect(await readFile(await photo.path())).toEqual(await readFile(PHOTO_PATH));
      // Then makes the report and the bundle, saves the bundle and checks it with one button.
      await recipient.getByRole('button', { name: 'Make the report and bundle' }).click();
      const saveBundle = recipient.getByRole('button', { name: 'Save the bundle (.zip)' });
      await saveBundle.waitFor({ timeout: 90_000 });
      const saving = recipient.waitForEvent('download');
      await saveBundle.click();
      const bundle = await saving;
      expect(bundle.suggestedFilename()).toMatch(/^mosaic-report-\d{4}-\d{2}-\d{2}\.zip$/);
      expect((await readFile(await bundle.path())).length).toBeGreaterThan(
        (await readFile(PHOTO_PATH)).length,
      );
      await recipient.getByRole('button', { name: 'Check the bundle' }).click();
      const verdict = recipient.locator('[data-share-check-ok]');
      await verdict.waitFor({ timeout: 60_000 });
      expect(await verdict.innerText()).toMatch(/^OK\. /);
      expect(await axeViolations(recipient)).toEqual([]);
      expect(await recipientStorage()).toEqual({ local: 0, session: 0, databases: 0, cookie: '' });
      // Back to the owner's tab (focus moves only within the page in front).
      await page.bringToFront();

      // The list: for whom, one entry, opened once, open.
      await page.getByRole('button', { name: 'See what you have shared' }).click();
      await heading(page, 'Share with someone');
      const item = page.locator('[data-share]');
      await item.waitFor();
      expect(await item.getAttribute('data-state')).toBe('active');
      expect(await item.locator('h3').innerText()).toBe(label);
      expect(await item.locator('[data-row="what"] dd').innerText()).toBe(
        'Incidents: 1. Evidence files: 1.',
      );
      expect(await item.locator('[data-row="opens"] dd').innerText()).not.toBe('Not opened yet');
      expect(await item.locator('[data-row="failed"] dd').innerText()).toBe('None');
      await check('share-list');

      // Deleting the shared incident warns first, naming the share it is in; No keeps it.
      await page.getByRole('button', { name: 'My diary', exact: true }).click();
      await heading(page, 'My diary');
      await page.getByRole('button', { name: 'See all incidents' }).click();
      await heading(page, 'Incidents');
      await page.getByRole('button', { name: /He followed me to the station/ }).click();
      await heading(page, 'Incident');
      await page.getByRole('button', { name: 'Delete' }).click();
      await heading(page, 'Delete this incident?');
      const inShare = page.locator('[data-in-share]');
      await inShare.waitFor();
      expect(await inShare.innerText()).toContain(`This is in what you shared with ${label}`);
      expect(await inShare.innerText()).toContain('will not be able to open that share any more');
      await check('share-delete-warning');
      await page.getByRole('button', { name: 'No, keep it' }).click();
      await heading(page, 'Incident');
      await page.getByRole('button', { name: 'My diary', exact: true }).click();
      await heading(page, 'My diary');
      await page.getByRole('button', { name: 'Share with someone' }).click();
      await heading(page, 'Share with someone');
      await item.waitFor();

      // Stop sharing, with a confirm step (No keeps it).
      await item.getByRole('button', { name: 'Stop sharing' }).click();
      await item.getByRole('button', { name: 'No, keep it' }).click();
      await item.getByRole('button', { name: 'Stop sharing' }).click();
      // The question takes the focus, as the button that asked is gone.
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.getAttribute('role')))
        .toBe('group');
      await check('share-confirm');
      await item.getByRole('button', { name: 'Yes, stop sharing' }).click();
      await page.locator('[data-share][data-state="revoked"]').waitFor();
      const stopped = page.locator('[data-share]');
      expect(await stopped.locator('[data-row="state"] dd').innerText()).toBe('Stopped');
      // Its sealed label is gone from the server, but this screen still knows whose it was.
      expect(await stopped.locator('h3').innerText()).toBe(label);
      expect(await stopped.getByRole('button', { name: 'Stop sharing' }).count()).toBe(0);
      await check('share-revoked');

      // The recipient's link is refused from now on, kindly.
      await recipient.reload();
      await recipient.fill('#share-passcode', passcode);
      await recipient.click('button[type=submit]');
      await expect
        .poll(() => recipient.locator('[data-share-status]').textContent(), { timeout: 30_000 })
        .toContain('The person who shared this has stopped sharing it.');
      expect(await recipient.locator('[data-share-case]').isVisible()).toBe(false);
      // The tab closes; nothing of the case is left in this browser's storage for the site.
      await recipient.close();
      const after = await recipientContext.newPage();
      await after.goto(`${server.origin}/share`);
      expect(
        await after.evaluate(async () => ({
          local: localStorage.length,
          session: sessionStorage.length,
          databases: (await indexedDB.databases()).length,
          caches: (await caches.keys()).length,
          cookie: document.cookie,
        })),
      ).toEqual({ local: 0, session: 0, databases: 0, caches: 0, cookie: '' });
      expect(await recipientContext.cookies()).toEqual([]);
      expect(recipientRequests.filter((u) => !u.startsWith(server.origin))).toEqual([]);
      await recipientContext.close();

      // The label and the passcode went to the server sealed, or not at all; nothing left the origin.
      expect(bodies.length).toBeGreaterThan(0);
      for (const body of bodies) {
        expect(body).not.toContain('He followed me to the station');
        expect(body).not.toContain(label);
        expect(body).not.toContain('case ref');
        expect(body).not.toContain(passcode);
        expect(body).not.toContain(passcode.replace('-', ''));
      }
      expect(requests.filter((u) => !u.startsWith(server.origin))).toEqual([]);
      for (const url of [...requests, ...recipientRequests]) {
        expect(url).not.toContain('followed');
        expect(url).not.toContain(passcode.replace('-', ''));
      }

      // In Welsh, after signing in again: the stopped share's label went with it.
      await page.goto(`${server.origin}/cy/vault`);
      await heading(page, 'Eich dyddiadur preifat');
      await page.getByRole('button', { name: 'Agor fy nyddiadur' }).click();
      await heading(page, 'Agor fy nyddiadur');
      await page.getByLabel('Enw defnyddiwr').fill(username);
      await page.getByLabel('Cyfrinymadrodd', { exact: true }).fill(PASSPHRASE);
      await page.getByRole('button', { name: 'Agor fy nyddiadur' }).click();
      await heading(page, 'Fy nyddiadur');
      await page.getByRole('button', { name: 'Rhannu gyda rhywun' }).click();
      await heading(page, 'Rhannu gyda rhywun');
      const ended = page.locator('[data-share][data-state="revoked"]');
      await ended.waitFor();
      expect(await ended.locator('h3').innerText()).toBe('Rhannu sydd wedi dod i ben');
      expect(await ended.locator('[data-row="state"] dd').innerText()).toBe('Wedi stopio');
      await check('share-list-cy');
      await page.getByRole('button', { name: 'Rhannu rhywbeth newydd' }).click();
      await page.getByRole('button', { name: 'Gwneud y ddolen' }).waitFor();
      await check('share-choose-cy');
      expect(errors).toEqual([]);
      await context.close();
    },
  );
});
