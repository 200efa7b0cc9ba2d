/**
 * The public self-check in Chromium with JavaScript turned off, at phone size: reached from
 * "What is stalking?", answered with the keyboard only, no axe violations on any step, the
 * address never carrying an answer, no cookie, Back on the page and in the browser, quick exit
 * from a question. SAFETY_SCREENSHOTS=<folder> saves phone and desktop shots, English and Welsh.
 */
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

const SHOTS = process.env.SAFETY_SCREENSHOTS;

describe.skipIf(!HAVE_CHROMIUM)('public self-check without JavaScript', () => {
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

  /**
   * The address carries no answer; with JavaScript on (axe needs it) also no axe violation and
   * nothing wider than the screen. The self-check's pages run no script of their own, so the
   * markup is the same either way.
   */
  async function check(page: Page, prefix: string): Promise<void> {
    expect(page.url()).toBe(`${server.origin}${prefix}/self-check`);
    if (!jsOn.has(page)) return;
    const violations = await axeViolations(page);
    expect(violations, JSON.stringify(violations, null, 1)).toEqual([]);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth > document.documentElement.clientWidth,
    );
    expect(overflow).toBe(false);
  }
  const jsOn = new WeakSet<Page>();

  /** Runs `act` and waits for the page its form POST brings. */
  async function submit(page: Page, act: () => Promise<void>): Promise<void> {
    const posted = page.waitForResponse(
      (r) => r.request().method() === 'POST' && r.url().endsWith('/self-check'),
    );
    await act();
    await posted;
    await page.waitForLoadState('load');
  }

  /** Chooses an answer and continues, with the keyboard only. */
  async function answer(page: Page, ids: string[]): Promise<void> {
    for (const id of ids) {
      await page.locator(`#${id}`).focus();
      await page.keyboard.press('Space');
    }
    if (ids.length === 0) await page.locator('fieldset input').first().focus();
    // Tab on to Continue (the first button after the choices) and press Enter.
    await submit(page, async () => {
      for (let i = 0; i < 20; i++) {
        if ((await page.locator('button[value="continue"]:focus').count()) === 1) break;
        await page.keyboard.press('Tab');
      }
      await page.keyboard.press('Enter');
    });
    await page.waitForSelector('h1');
  }

  it('goes from "What is stalking?" to the answer page, keeping answers out of the address', async () => {
    const { context, requests } = await watchedContext(browser, server, {
      javaScriptEnabled: false,
    });
    const page = await context.newPage();
    await page.goto(`${server.origin}/what-is-stalking`);
    await page.locator('main a[href="/self-check"]').click();
    await page.waitForURL(`${server.origin}/self-check`);
    await check(page, '');
    await page.getByRole('button', { name: 'Start now' }).focus();
    await submit(page, () => page.keyboard.press('Enter'));

    await expect(page.locator('h1').textContent()).resolves.toContain('do not want');
    await check(page, '');
    // Continue without an answer: an error summary linked to the first choice.
    await submit(page, () => page.getByRole('button', { name: 'Continue' }).press('Enter'));
    await expect(page.locator('.error-summary').isVisible()).resolves.toBe(true);
    expect(await page.title()).toMatch(/^There is a problem:/);
    await check(page, '');
    if (SHOTS !== undefined)
      await page.screenshot({ path: `${SHOTS}/self-check-error-phone-en.png`, fullPage: true });

    await answer(page, ['unwanted-yes']);
    await check(page, '');
    await answer(page, ['repeated-yes']);
    await check(page, '');
    if (SHOTS !== undefined)
      await page.screenshot({
        path: `${SHOTS}/self-check-behaviours-phone-en.png`,
        fullPage: true,
      });
    await answer(page, ['behaviours-watching', 'behaviours-threats']);

    // The page's Back button: the question before, its answers still chosen.
    await submit(page, () => page.getByRole('button', { name: 'Back' }).press('Enter'));
    await expect(page.locator('#behaviours-watching').isChecked()).resolves.toBe(true);
    await expect(page.locator('#behaviours-threats').isChecked()).resolves.toBe(true);
    await answer(page, []);

    await answer(page, ['fixated-yes']);
    await answer(page, ['obsessive-not-sure']);
    await answer(page, ['fear-yes']);
    await check(page, '');
    await expect(page.locator('h1').textContent()).resolves.toBe('What your answers suggest');
    // Danger first: the 999 box is the first thing in the main content.
    await expect(
      page.locator('main .width-container > :first-child').textContent(),
    ).resolves.toContain('If you are in danger now, call 999');
    if (SHOTS !== undefined)
      await page.screenshot({ path: `${SHOTS}/self-check-result-phone-en.png`, fullPage: true });

    // The browser's Back button: the reply it goes back to was a POST the browser may not keep,
    // so Chromium sends that form again (a person's browser may ask first). That form held the
    // answers up to the last question, so the last question shows again, its answer chosen.
    const again = await page.goBack({ timeout: 10_000 });
    expect(again?.request().method()).toBe('POST');
    await expect(page.locator('h1').textContent()).resolves.toContain('frightened');
    await expect(page.locator('#fear-yes').isChecked()).resolves.toBe(true);
    expect(page.url()).toBe(`${server.origin}/self-check`);

    // Not one request carried an answer in its address, and no cookie was set.
    for (const url of requests) expect(new URL(url).search, url).toBe('');
    expect(await context.cookies()).toEqual([]);
    await context.close();
  });

  it('leaves by quick exit from a question page', async () => {
    const { context } = await watchedContext(browser, server, { javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${server.origin}/self-check`);
    await page.getByRole('button', { name: 'Start now' }).click();
    await page.waitForSelector('#unwanted-yes');
    await page.locator('[data-quick-exit-button]').click();
    await page.waitForURL(server.config.profile.quickExit.url + '**');
    await context.close();
  });

  it('has no axe violations on any step, in English and Welsh, on phone and desktop', async () => {
    for (const [prefix, lang, start, title] of [
      ['', 'en', 'Start now', 'What your answers suggest'],
      ['/cy', 'cy', 'Dechrau nawr', 'Beth mae eich atebion yn ei awgrymu'],
    ] as const) {
      for (const [viewport, size] of [
        [PHONE, 'phone'],
        [DESKTOP, 'desktop'],
      ] as const) {
        const { context } = await watchedContext(browser, server, { viewport });
        const page = await context.newPage();
        jsOn.add(page);
        await page.goto(`${server.origin}${prefix}/self-check`);
        await check(page, prefix);
        await submit(page, () => page.getByRole('button', { name: start }).click());
        await page.waitForSelector('#unwanted-yes');
        await check(page, prefix);
        await answer(page, []); // the error summary
        await check(page, prefix);
        const shot = async (name: string): Promise<void> => {
          if (SHOTS !== undefined) {
            await page.screenshot({
              path: `${SHOTS}/self-check-${name}-${size}-${lang}.png`,
              fullPage: true,
            });
          }
        };
        await shot('error');
        await answer(page, ['unwanted-yes']);
        await answer(page, ['repeated-yes']);
        await check(page, prefix);
        await shot('behaviours');
        await answer(page, ['behaviours-contact', 'behaviours-violence']);
        await answer(page, ['fixated-not-sure']);
        await answer(page, ['obsessive-no']);
        await answer(page, ['fear-yes']);
        await check(page, prefix);
        await expect(page.locator('h1').textContent()).resolves.toBe(title);
        await shot('result');
        expect(await context.cookies()).toEqual([]);
        await context.close();
      }
    }
  });
});
