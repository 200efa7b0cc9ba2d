/**
 * Debian's Chromium driven by playwright-core (never a downloaded browser), and the real server
 * listening on a loopback port. Without /usr/bin/chromium the e2e tier is skipped locally and
 * fails in CI (MOSAIC_REQUIRE_ALL_TIERS=1).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { REQUIRE_ALL_TIERS, type EngineName } from './databases.js';
import { startTestApp, type TestApp } from './app.js';
import type { Timeouts } from '../../src/server/config.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const HAVE_CHROMIUM = existsSync(CHROMIUM);

if (REQUIRE_ALL_TIERS && !HAVE_CHROMIUM) {
  throw new Error(`MOSAIC_REQUIRE_ALL_TIERS=1 but there is no Chromium at ${CHROMIUM}`);
}

export const PHONE = { width: 390, height: 844 } as const;
export const DESKTOP = { width: 1280, height: 900 } as const;

/** How every test starts Chromium (also for a persistent profile, as the install test needs). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

export interface LiveServer extends TestApp {
  readonly origin: string;
}

export async function startLiveServer(
  env: Record<string, string> = {},
  engine: EngineName = 'pglite',
  timeouts?: Partial<Timeouts>,
): Promise<LiveServer> {
  const t = await startTestApp({ env, engine, ...(timeouts ? { timeouts } : {}) });
  const address = await t.app.listen({ host: '127.0.0.1', port: 0 });
  return { ...t, origin: address.replace('localhost', '127.0.0.1') };
}

/**
 * Records every request a page makes. The quick-exit destination is answered locally by the
 * browser itself (never reaching the network), so leaving can be tested without going online.
 */
export async function watchedContext(
  browser: Browser,
  server: LiveServer,
  options: { javaScriptEnabled?: boolean; viewport?: { width: number; height: number } } = {},
): Promise<{ context: BrowserContext; requests: string[] }> {
  const context = await browser.newContext({
    viewport: options.viewport ?? PHONE,
    javaScriptEnabled: options.javaScriptEnabled ?? true,
  });
  const requests: string[] = [];
  const exitOrigin = new URL(server.config.profile.quickExit.url).origin;
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    requests.push(url);
    if (url.startsWith(server.origin)) return route.continue();
    if (url.startsWith(exitOrigin)) {
      return route.fulfill({
        status: 200,
        contentType: 'text/html',
        body: '<title>Neutral</title><p>Weather</p>',
      });
    }
    return route.abort('blockedbyclient');
  });
  return { context, requests };
}

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core's WCAG 2.0–2.2 A and AA rules on the page. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run: (o: unknown) => Promise<{ violations: AxeViolation[] }> } }
    ).axe;
    const result = await axe.run({
      runOnly: {
        type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'],
      },
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target })),
    }));
  });
}

/**
 * Loads a page with the browser cache off and returns the bytes that crossed the wire for it and
 * everything it loaded (compressed bodies plus headers).
 */
export async function pageBytes(page: Page, url: string): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const sizes: Promise<number>[] = [];
  const onFinished = (request: import('playwright-core').Request): void => {
    sizes.push(request.sizes().then((s) => s.responseBodySize + s.responseHeadersSize));
  };
  page.on('requestfinished', onFinished);
  try {
    await page.goto(url, { waitUntil: 'networkidle' });
    return (await Promise.all(sizes)).reduce((a, b) => a + b, 0);
  } finally {
    page.off('requestfinished', onFinished);
    await cdp.detach();
  }
}
