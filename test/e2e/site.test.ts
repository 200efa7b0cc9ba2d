/**
 * The public site in Debian's Chromium, at phone size: every page accessible (axe, WCAG 2.2 AA),
 * nothing loaded from another site, no cookies, quick exit by click and by Shift × 3, and the
 * site readable with JavaScript turned off.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  axeViolations,
  DESKTOP,
  HAVE_CHROMIUM,
  launchChromium,
  pageBytes,
  PHONE,
  startLiveServer,
  watchedContext,
  type LiveServer,
} from '../support/browser.js';
import { PAGE_BUDGET_BYTES } from '../../bench/page-weight.js';
import { crawl, isPublicPage, samplePages } from '../support/crawl.js';

describe.skipIf(!HAVE_CHROMIUM)('public site in Chromium', () => {
  let server: LiveServer;
  let browser: Browser;
  /** Every page the crawl reached, with a sample of the news articles and events. */
  let paths: string[];

  beforeAll(async () => {
    server = await startLiveServer();
    browser = await launchChromium();
    const result = await crawl(async (path) => {
      const res = await fetch(server.origin + path);
      return { status: res.status, body: await res.text() };
    });
    expect(result.broken).toEqual([]);
    paths = samplePages([...result.pages.keys()]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows every page with no axe violations, no third-party request and no cookie', async () => {
    const { context, requests } = await watchedContext(browser, server);
    const page = await context.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(`${page.url()}: ${m.text()}`);
    });
    for (const path of paths) {
      const response = await page.goto(server.origin + path);
      expect(response?.status(), path).toBe(200);
      const violations = await axeViolations(page);
      expect(violations, `${path}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
    }
    expect(requests.filter((u) => !u.startsWith(server.origin))).toEqual([]);
    expect(await context.cookies()).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await context.close();
  }, 600_000);

  it('keeps every public page within the 50 KB budget, compressed, with all it loads', async () => {
    const { context } = await watchedContext(browser, server);
    // Four tabs at once, each measuring its own pages with its cache off: the half second of
    // quiet that ends each measurement is waited out side by side rather than in turn.
    const queue = paths.filter(isPublicPage);
    const tab = async (): Promise<void> => {
      const page = await context.newPage();
      for (let path = queue.shift(); path !== undefined; path = queue.shift()) {
        const bytes = await pageBytes(page, server.origin + path);
        expect(bytes, path).toBeGreaterThan(1000); // the page itself was measured
        expect(bytes, path).toBeLessThanOrEqual(PAGE_BUDGET_BYTES);
      }
    };
    await Promise.all([tab(), tab(), tab(), tab()]);
    await context.close();
  }, 600_000);

  it('keeps quick exit visible and uncovered at the top while scrolling, on phone and desktop', async () => {
    for (const viewport of [PHONE, DESKTOP]) {
      const { context } = await watchedContext(browser, server, { viewport });
      const page = await context.newPage();
      await page.goto(server.origin + longestPage(paths));
      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
      const button = page.locator('[data-quick-exit-button]');
      const box = await button.boundingBox();
      expect(box).not.toBeNull();
      expect(box!.y).toBeGreaterThanOrEqual(0);
      expect(box!.y + box!.height).toBeLessThanOrEqual(viewport.height / 4);
      const onTop = await page.evaluate(
        ([x, y]) => document.elementFromPoint(x!, y!)?.closest('[data-quick-exit-button]') !== null,
        [box!.x + box!.width / 2, box!.y + box!.height / 2],
      );
      expect(onTop).toBe(true);
      await context.close();
    }
  });

  it('leaves by click, replacing the page in history', async () => {
    const { context } = await watchedContext(browser, server);
    const page = await context.newPage();
    const [first, second] = paths;
    await page.goto(server.origin + first!);
    await page.goto(server.origin + second!);
    await page.click('[data-quick-exit-button]');
    await page.waitForURL(server.config.profile.quickExit.url + '**');
    expect(await page.title()).toBe('Neutral');
    // Back goes to the page before: the one being read when leaving is gone from history.
    await page.goBack();
    expect(new URL(page.url()).pathname).toBe(new URL(server.origin + first!).pathname);
    await context.close();
  });

  it('leaves after Shift pressed three times, announcing the presses left', async () => {
    const { context } = await watchedContext(browser, server);
    const page = await context.newPage();
    await page.goto(server.origin + '/');
    const announce = page.locator('[data-quick-exit-announce]');
    await page.keyboard.press('Shift');
    await expect.poll(() => announce.textContent()).toBe('Shift, press 2 more times to exit.');
    await page.keyboard.press('Shift');
    await expect.poll(() => announce.textContent()).toBe('Shift, press 1 more time to exit.');
    await page.keyboard.press('Shift');
    await page.waitForURL(server.config.profile.quickExit.url + '**');
    await context.close();
  });

  it('does not leave when another key comes between the Shift presses', async () => {
    const { context } = await watchedContext(browser, server);
    const page = await context.newPage();
    await page.goto(server.origin + '/');
    await page.keyboard.press('Shift');
    await page.keyboard.press('Shift');
    await page.keyboard.press('a');
    await page.keyboard.press('Shift');
    await page.waitForTimeout(300);
    expect(page.url()).toBe(server.origin + '/');
    await context.close();
  });

  it('hides the page behind an overlay at once when leaving', async () => {
    const { context } = await watchedContext(browser, server);
    const page = await context.newPage();
    await page.goto(server.origin + '/');
    // Hold the neutral site's response so the moment before it arrives can be inspected.
    let release: () => void = () => {};
    const held = new Promise<void>((r) => (release = r));
    await page.route(server.config.profile.quickExit.url + '**', async (route) => {
      await held;
      await route.fulfill({
        status: 200,
        contentType: 'text/html',
        body: '<title>Neutral</title>',
      });
    });
    // Clicked from inside the page: page.click would wait for the held navigation.
    const covered = await page.evaluate(() => {
      document.querySelector<HTMLElement>('[data-quick-exit-button]')?.click();
      const overlay = document.querySelector('.quick-exit-overlay');
      if (!overlay) return false;
      const r = overlay.getBoundingClientRect();
      return r.width >= window.innerWidth && r.height >= window.innerHeight;
    });
    expect(covered).toBe(true);
    release();
    await page.waitForURL(server.config.profile.quickExit.url + '**');
    await context.close();
  });

  it('reaches the skip link and then quick exit first by keyboard', async () => {
    const { context } = await watchedContext(browser, server);
    const page = await context.newPage();
    await page.goto(server.origin + '/');
    await page.keyboard.press('Tab');
    expect(await focusedClass(page)).toBe('skip-link');
    await page.keyboard.press('Tab');
    expect(await focusedClass(page)).toBe('quick-exit__button');
    await context.close();
  });

  it('works with JavaScript turned off: pages readable, quick exit is a plain link', async () => {
    const { context, requests } = await watchedContext(browser, server, {
      javaScriptEnabled: false,
    });
    const page = await context.newPage();
    for (const path of paths.slice(0, 5)) {
      await page.goto(server.origin + path);
      expect(await page.locator('h1').first().isVisible(), path).toBe(true);
      expect(await page.locator('nav[aria-label] a').count(), path).toBeGreaterThan(1);
      // The private space is in the main navigation of every public page.
      expect(await page.locator('nav.site-nav a[href$="/vault"]').count(), path).toBe(1);
    }
    const link = page.locator('[data-quick-exit-button]');
    expect(await link.getAttribute('rel')).toBe('nofollow noreferrer');
    await link.click();
    await page.waitForURL(server.config.profile.quickExit.url + '**');
    expect(requests.some((u) => u.startsWith(server.config.profile.quickExit.url))).toBe(true);
    await context.close();
  });
});

function longestPage(paths: string[]): string {
  // The home page lists every page, so it is reliably the longest.
  return paths.includes('/') ? '/' : paths[0]!;
}

function focusedClass(page: Page): Promise<string | undefined> {
  return page.evaluate(() => document.activeElement?.className);
}
