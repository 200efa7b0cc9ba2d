/**
 * Receipts in Chromium against the real server and its receipt log (a checkpoint every second):
 * a newcomer records an incident and sees "Received … — proof checked" with its details one tap
 * away; then the receipt's proof is changed on its way to the page, as a dishonest server would,
 * and the app says plainly that the proof did not check out.
 */
import type { Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import {
  axeViolations,
  HAVE_CHROMIUM,
  launchChromium,
  PHONE,
  startLiveServer,
  watchedContext,
  type LiveServer,
} from '../support/browser.js';
import { heading, signUpInBrowser } from '../support/vault-ui.js';

const PASSPHRASE = 'purple tractor sings quietly';
const SHOTS = process.env.RECEIPT_SCREENSHOTS;

/** Changes one hash of a tlog-proof (the first inclusion hash, or the receipt leaf if none). */
function tamper(proof: string): string {
  const lines = proof.split('\n');
  const index = lines.findIndex((l) => l.startsWith('index '));
  const hash = lines[index + 1];
  if (hash !== undefined && hash !== '') {
    lines[index + 1] = (hash.startsWith('A') ? 'B' : 'A') + hash.slice(1);
  } else {
    const extra = lines.findIndex((l) => l.startsWith('extra '));
    lines[extra] = `extra ${Buffer.from('not the receipt leaf').toString('base64')}`;
  }
  return lines.join('\n');
}

describe.skipIf(!HAVE_CHROMIUM)('receipts in Chromium', () => {
  let server: LiveServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startLiveServer({ LOG_CHECKPOINT_SECONDS: '1' });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it(
    'shows a checked proof, and a plain warning when the server’s proof is wrong',
    { timeout: 180_000 },
    async () => {
      const { context } = await watchedContext(browser, server, { viewport: PHONE });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      // Also no failed request: the app waits for a checkpoint before asking for a receipt.
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });

      await signUpInBrowser(page, server.origin, `wren-${Date.now().toString(36)}`, PASSPHRASE);
      const record = async (what: string): Promise<void> => {
        await page.getByRole('button', { name: 'My diary', exact: true }).click();
        await heading(page, 'My diary');
        await page.getByRole('textbox', { name: 'What happened' }).fill(what);
        await page.getByRole('button', { name: 'Save now' }).click();
        await heading(page, 'Incident');
      };

      // 1. An honest server: the proof checks once a checkpoint covers the entry.
      await record('He waited by the car park.');
      const checked = page.locator('[data-receipt="checked"]');
      await checked.waitFor({ timeout: 30_000 });
      expect(await checked.innerText()).toMatch(/^Received .+ — proof checked/);
      await checked.getByText('Proof details').click();
      expect(await checked.innerText()).toMatch(/Place in the log: \d+/);
      expect(await checked.innerText()).toMatch(/Checked against a log of \d+ entries/);
      const violations = await axeViolations(page);
      expect(violations, JSON.stringify(violations, null, 1)).toEqual([]);
      if (SHOTS !== undefined) await page.screenshot({ path: `${SHOTS}/checked.png` });

      // An edit is a new revision with its own receipt; each earlier version shows its own.
      await page.getByRole('button', { name: 'Edit', exact: true }).click();
      await heading(page, 'Edit incident');
      await page.getByRole('textbox', { name: 'What happened' }).fill('He waited again.');
      await page.getByRole('button', { name: 'Save incident' }).click();
      await page.locator('[data-edited]').waitFor();
      await page.getByRole('button', { name: 'Show earlier versions' }).click();
      const versionProofs = page.locator('[data-versions] [data-receipt="checked"]');
      await expect.poll(() => versionProofs.count(), { timeout: 30_000 }).toBe(2);
      if (SHOTS !== undefined) {
        await page.screenshot({ path: `${SHOTS}/versions.png`, fullPage: true });
      }

      // 2. The server's proof is changed on its way: the app says so, with the stable code.
      await page.route('**/api/records/*/revisions/*/receipt', async (route: Route) => {
        const response = await route.fetch();
        if (response.status() !== 200) return route.fulfill({ response });
        const json = (await response.json()) as { proof: string };
        await route.fulfill({ response, json: { ...json, proof: tamper(json.proof) } });
      });
      await record('He sent a message at night.');
      const failed = page.locator('[data-receipt="failed"]');
      await failed.waitFor({ timeout: 30_000 });
      expect(await failed.getAttribute('data-code')).toBe('receipt_invalid');
      expect(await failed.innerText()).toContain('Warning: the proof did not check out');
      expect(await page.locator('[data-receipt="checked"]').count()).toBe(0);
      if (SHOTS !== undefined) await page.screenshot({ path: `${SHOTS}/failed.png` });
      expect(errors).toEqual([]);
    },
  );
});
