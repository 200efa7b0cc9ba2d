/**
 * Finding the private space and moving around it, in Debian's Chromium at phone and desktop
 * size: the home page and the main navigation link to it; the vault has its own compact frame
 * (quick exit, no public navigation) so the first field is near the top; Back and Forward move
 * between vault screens while history.state holds nothing but a screen name (and a random key);
 * lock and quick exit leave no vault screen behind Back; no console warning about the
 * Permissions-Policy header; the tab title says nothing twice; axe finds nothing.
 */
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
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
import { heading, signUpInBrowser } from '../support/vault-ui.js';

const PASSPHRASE = 'purple tractor sings quietly';
/** Screenshots to look at by eye (not compared by the test). */
const SHOTS = process.env.MOSAIC_SHOTS_DIR ?? '/tmp/mosaic-shots';

let users = 0;
function username(): string {
  users += 1;
  return `nav-${process.pid}-${users}-${Date.now().toString(36)}`;
}

describe.skipIf(!HAVE_CHROMIUM)('finding and moving around the private space', () => {
  let server: LiveServer;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    server = await startLiveServer();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function noAxeViolations(page: Page, where: string): Promise<void> {
    const violations = await axeViolations(page);
    expect(violations, `${where}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
  }

  /** history.state must be a screen name and a random key, nothing else. */
  async function historyState(page: Page): Promise<unknown> {
    const state = await page.evaluate(() => history.state as unknown);
    expect(state).toEqual({ screen: expect.stringMatching(/^[a-z-]+$/), key: expect.any(String) });
    const { key } = state as { key: string };
    expect(key).toMatch(/^[0-9a-f]{16}$/);
    const url = new URL(page.url());
    expect(url.search + url.hash).toBe('');
    expect(url.pathname).toMatch(/^(\/cy)?\/vault$/);
    return (state as { screen: string }).screen;
  }

  it('links to the private space from the home page and the main navigation, phone and desktop', async () => {
    for (const viewport of [PHONE, DESKTOP]) {
      const { context } = await watchedContext(browser, server, { viewport });
      const page = await context.newPage();
      for (const [path, vault] of [
        ['/', '/vault'],
        ['/cy/', '/cy/vault'],
      ] as const) {
        await page.goto(server.origin + path);
        const navLink = page.locator(`nav.site-nav a[href="${vault}"]`);
        expect(await navLink.count(), `${path} nav`).toBe(1);
        expect(await navLink.isVisible(), `${path} nav`).toBe(true);
        // In the first screen on a desktop; the navigation is in the first screen on a phone.
        const navBox = await navLink.boundingBox();
        expect(navBox!.y + navBox!.height, `${path} nav`).toBeLessThanOrEqual(viewport.height);
        const mainLink = page.locator(`main a[href="${vault}"]`).first();
        expect(await mainLink.isVisible(), `${path} main`).toBe(true);
        // Worded neutrally: no "diary" or "stalking" in what the links say.
        for (const text of [await navLink.innerText(), await mainLink.innerText()]) {
          expect(text).not.toMatch(/diary|dyddiadur|stalk|stelc/i);
        }
        await noAxeViolations(page, `${path} at ${viewport.width}`);
        const lang = path === '/' ? 'en' : 'cy';
        await page.screenshot({ path: `${SHOTS}/home-${lang}-${viewport.width}.png` });
      }
      // The privacy and questions pages talk about it, and now link to it.
      for (const path of ['/privacy', '/questions', '/cy/privacy', '/cy/questions']) {
        await page.goto(server.origin + path);
        const vault = path.startsWith('/cy') ? '/cy/vault' : '/vault';
        expect(await page.locator(`main a[href="${vault}"]`).count(), path).toBeGreaterThan(0);
      }
      await context.close();
    }
  });

  it('frames the vault compactly: quick exit, no public navigation, the first field near the top', async () => {
    for (const viewport of [PHONE, DESKTOP]) {
      for (const lang of ['en', 'cy'] as const) {
        const { context } = await watchedContext(browser, server, { viewport });
        const page = await context.newPage();
        await page.goto(`${server.origin}${lang === 'cy' ? '/cy' : ''}/vault`);
        await page.locator('.vault-page h1').waitFor();
        expect(await page.locator('.site-nav').count()).toBe(0);
        expect(await page.locator('.site-header').count()).toBe(0);
        expect(await page.locator('[data-quick-exit-button]').isVisible()).toBe(true);
        const exitBox = await page.locator('[data-quick-exit-button]').boundingBox();
        expect(exitBox!.y).toBeLessThan(60);
        await noAxeViolations(page, `vault start ${lang} ${viewport.width}`);
        await page.screenshot({ path: `${SHOTS}/vault-start-${lang}-${viewport.width}.png` });
        await context.close();
      }
    }

    const { context } = await watchedContext(browser, server, { viewport: PHONE });
    const page = await context.newPage();
    await signUpInBrowser(page, server.origin, username(), PASSPHRASE);
    await noAxeViolations(page, 'vault home');
    await page.screenshot({ path: `${SHOTS}/vault-home-en-390.png` });
    // The "Record now" screen: before the compact frame its box started 612 px down, under
    // about 310 px of public header and navigation. Now the box starts under the slim bar and
    // the screen's heading, and its text box a little below the box's own hint.
    await page.getByRole('button', { name: 'Record now', exact: true }).click();
    await heading(page, 'Record what happened');
    await page.screenshot({ path: `${SHOTS}/vault-record-en-390.png` });
    const panel = await page.locator('.quick-capture').boundingBox();
    expect(panel!.y).toBeLessThan(250);
    const box = await page.locator('#quick-what').boundingBox();
    expect(box!.y).toBeLessThan(300);
    expect(await page.locator('[data-quick-exit-button]').isVisible()).toBe(true);
    // On the diary home, the same box comes straight after the greeting.
    await page.getByRole('button', { name: 'My diary', exact: true }).click();
    await heading(page, 'My diary');
    const homePanel = await page.locator('.quick-capture').boundingBox();
    expect(homePanel!.y).toBeLessThan(250);
    await context.close();

    // Without JavaScript, quick exit on the vault page is still a plain link.
    const noJs = await watchedContext(browser, server, { javaScriptEnabled: false });
    const plain = await noJs.context.newPage();
    await plain.goto(`${server.origin}/vault`);
    expect(await plain.locator('.site-nav').count()).toBe(0);
    await plain.locator('[data-quick-exit-button]').click();
    await plain.waitForURL(server.config.profile.quickExit.url + '**');
    await noJs.context.close();
  });

  it('counts the steps of sign-up', async () => {
    const { context } = await watchedContext(browser, server);
    const page = await context.newPage();
    await page.goto(`${server.origin}/vault`);
    await page.getByRole('button', { name: 'Create a private diary' }).click();
    await heading(page, 'Choose a username');
    expect(await page.locator('.vault-page .caption').innerText()).toMatch(/step 1 of 5/i);
    await page.getByLabel('Username').fill(username());
    await page.getByRole('button', { name: 'Continue' }).click();
    await heading(page, 'Choose a passphrase');
    expect(await page.locator('.vault-page .caption').innerText()).toMatch(/step 2 of 5/i);
    await context.close();
  });

  it('moves between vault screens with Back and Forward, keeping only screen names in history', async () => {
    const { context } = await watchedContext(browser, server);
    const page = await context.newPage();
    await page.goto(`${server.origin}/`);
    await signUpInBrowser(page, server.origin, username(), PASSPHRASE);
    expect(await historyState(page)).toBe('home');

    await page.getByRole('button', { name: 'Record now', exact: true }).click();
    await heading(page, 'Record what happened');
    expect(await historyState(page)).toBe('quick');
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await heading(page, 'Settings');
    expect(await historyState(page)).toBe('settings');

    await page.goBack();
    await heading(page, 'Record what happened');
    expect(await historyState(page)).toBe('quick');
    await page.goBack();
    await heading(page, 'My diary');
    expect(await historyState(page)).toBe('home');
    await page.goForward();
    await heading(page, 'Record what happened');
    await page.goForward();
    await heading(page, 'Settings');
    expect(await historyState(page)).toBe('settings');

    // A screen about one record: its id stays out of history (it is kept in memory only).
    const secretText = `back-forward-${Date.now().toString(36)}`;
    await page.getByRole('button', { name: 'My diary', exact: true }).click();
    await heading(page, 'My diary');
    await page.getByRole('textbox', { name: 'What happened' }).fill(secretText);
    await page.getByRole('button', { name: 'Save now' }).click();
    await heading(page, 'Incident');
    expect(await historyState(page)).toBe('incident-view');
    const ids = (await server.database.db.selectFrom('records').select('id').execute()).map(
      (r) => r.id,
    );
    expect(ids.length).toBeGreaterThan(0);
    await page.goBack();
    await heading(page, 'My diary');
    await page.goForward();
    await heading(page, 'Incident');
    expect(await page.locator('[data-field="what"]').innerText()).toContain(secretText);
    const state = JSON.stringify(await page.evaluate(() => history.state as unknown));
    for (const id of ids) expect(state).not.toContain(id);
    expect(state).not.toContain(secretText);
    expect(await page.title()).not.toContain(secretText);

    // Lock: the vault collapses to its first entry, showing the start screen; Back leaves it.
    await page.getByRole('button', { name: 'Lock diary' }).click();
    await heading(page, 'Your private diary');
    await expect
      .poll(() => page.evaluate(() => (history.state as { screen?: string }).screen))
      .toBe('start');
    expect(await historyState(page)).toBe('start');
    await page.goBack();
    await page.waitForURL(`${server.origin}/`);
    // Forward comes back only to a locked start screen.
    await page.goForward();
    await heading(page, 'Your private diary');
    expect(await page.locator('[data-lock]').count()).toBe(0);
    await context.close();
  });

  it('leaves by quick exit from a deep vault screen, and Back returns to the page before', async () => {
    const { context } = await watchedContext(browser, server);
    const page = await context.newPage();
    await page.goto(`${server.origin}/keeping-a-record`);
    await signUpInBrowser(page, server.origin, username(), PASSPHRASE);
    await page.getByRole('button', { name: 'Record now', exact: true }).click();
    await heading(page, 'Record what happened');
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await heading(page, 'Settings');
    await page.keyboard.press('Shift');
    await page.keyboard.press('Shift');
    await page.keyboard.press('Shift');
    await page.waitForURL(server.config.profile.quickExit.url + '**');
    await page.goBack();
    await page.waitForURL(`${server.origin}/keeping-a-record`);
    await context.close();
  });

  it('logs no console warning or error on public pages and the vault', async () => {
    const { context } = await watchedContext(browser, server);
    const page = await context.newPage();
    const messages: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') messages.push(`${m.type()}: ${m.text()}`);
    });
    for (const path of ['/', '/cy/the-law', '/vault', '/cy/vault']) {
      await page.goto(server.origin + path);
      await page.waitForLoadState('networkidle');
    }
    expect(messages.filter((m) => /permissions-policy|unrecognized feature/i.test(m))).toEqual([]);
    expect(messages).toEqual([]);
    await context.close();
  });

  it('never repeats itself in the tab title', async () => {
    const { context } = await watchedContext(browser, server);
    const page = await context.newPage();
    for (const path of ['/vault', '/cy/vault']) {
      await page.goto(server.origin + path);
      await page.locator('.vault-page h1').waitFor();
      const title = await page.title();
      const parts = title.split(' – ').map((p) => p.toLowerCase());
      expect(new Set(parts).size, title).toBe(parts.length);
      for (const phrase of ['private diary', 'dyddiadur preifat']) {
        expect(title.toLowerCase().split(phrase).length - 1, title).toBeLessThanOrEqual(1);
      }
    }
    await context.close();
  });
});
