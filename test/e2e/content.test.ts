/**
 * Content features in Chromium: instant Q&A search as the person types (without putting the
 * search in the address or history), the support directory's filters by keyboard, and the
 * layout mirrored for right-to-left languages.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  axeViolations,
  HAVE_CHROMIUM,
  launchChromium,
  PHONE,
  startLiveServer,
  watchedContext,
  type LiveServer,
} from '../support/browser.js';

describe.skipIf(!HAVE_CHROMIUM)('content in Chromium', () => {
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

  it('searches the questions instantly, typos and all, leaving the address alone', async () => {
    const { context } = await watchedContext(browser, server);
    const page = await context.newPage();
    await page.goto(`${server.origin}/questions`);
    const all = await page.locator('[data-qa]').count();
    expect(all).toBeGreaterThanOrEqual(25);
    await page.fill('#q', 'how long in prisn');
    await expect
      .poll(() => page.locator('[data-qa]:not([hidden])').first().getAttribute('data-qa'))
      .toBe('how-long-can-someone-go-to-prison');
    const visible = await page.locator('[data-qa]:not([hidden])').count();
    expect(visible).toBeLessThan(all);
    expect(await page.locator('[data-qa-status]').textContent()).toMatch(
      /found for "how long in prisn"/,
    );
    await page.press('#q', 'Enter');
    expect(page.url()).toBe(`${server.origin}/questions`);
    await page.fill('#q', '');
    await expect.poll(() => page.locator('[data-qa]:not([hidden])').count()).toBe(all);
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });

  it('filters the support directory by keyboard alone', async () => {
    const { context } = await watchedContext(browser, server);
    const page = await context.newPage();
    await page.goto(`${server.origin}/get-help`);
    await page.focus('#for-children-and-young-people');
    await page.keyboard.press('Space');
    await page.focus('button.button');
    await page.keyboard.press('Enter');
    await page.waitForURL(/for=children-and-young-people/);
    const names = await page.locator('.service__name').allTextContents();
    expect(names).toContain('Childline');
    expect(names).not.toContain('National Domestic Abuse Helpline');
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });

  it('mirrors the layout for a right-to-left language', async () => {
    const { context } = await watchedContext(browser, server, { viewport: PHONE });
    const page = await context.newPage();
    await page.goto(`${server.origin}/`);
    const exitX = async () => (await page.locator('[data-quick-exit-button]').boundingBox())!.x;
    const ltr = await exitX();
    await page.evaluate(() => {
      document.documentElement.dir = 'rtl';
      document.documentElement.lang = 'ar';
    });
    const rtl = await exitX();
    // In left-to-right the button starts at the left edge; mirrored it ends at the right edge.
    expect(ltr).toBeLessThan(PHONE.width / 3);
    expect(rtl).toBeGreaterThan(PHONE.width / 3);
    const firstNav = await page.locator('.site-nav li').first().boundingBox();
    expect(firstNav!.x + firstNav!.width).toBeGreaterThan(PHONE.width - 60);
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });
});
