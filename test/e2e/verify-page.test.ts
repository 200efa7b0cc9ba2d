/**
 * The bundle checker at /verify in Debian's Chromium: a real bundle (real crypto, made in Node
 * with the report fixtures) passes; the same bundle with one evidence byte changed fails with
 * the file named; the file never leaves the browser (every request is a body-less GET, none
 * after the worker started but the worker itself); no axe violations before and after.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { BlobReader, BlobWriter, Uint8ArrayReader, ZipReader, ZipWriter } from '@zip.js/zip.js';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cryptoReady } from '../../src/crypto/index.js';
import { makeTestBundle } from '../../src/report/bundle-fixture.js';
import { PATHS } from '../../src/report/bundle-layout.js';
import { DEFAULT_PUBLIC_DIR } from '../../src/server/site.js';
import {
  axeViolations,
  HAVE_CHROMIUM,
  launchChromium,
  startLiveServer,
  watchedContext,
  type LiveServer,
} from '../support/browser.js';

/** The bundle with one byte of its first evidence file changed (manifests left as they were). */
async function withOneEvidenceByteChanged(zip: Uint8Array): Promise<Uint8Array> {
  const reader = new ZipReader(new BlobReader(new Blob([zip as Uint8Array<ArrayBuffer>])));
  const out = new BlobWriter();
  const writer = new ZipWriter(out);
  let changed = false;
  for (const entry of await reader.getEntries()) {
    if (entry.directory) continue;
    const data = new Uint8Array(await (await entry.getData(new BlobWriter())).arrayBuffer());
    if (!changed && entry.filename.includes('/data/evidence/')) {
      data[data.length >> 1] = (data[data.length >> 1] ?? 0) ^ 0x01;
      changed = true;
    }
    await writer.add(entry.filename, new Uint8ArrayReader(data));
  }
  await writer.close();
  await reader.close();
  return new Uint8Array(await (await out.getData()).arrayBuffer());
}

async function check(page: Page, name: string, bytes: Uint8Array): Promise<string> {
  const status = page.locator('[data-verify-status]');
  await page.setInputFiles('#verify-file', {
    name,
    mimeType: 'application/zip',
    buffer: Buffer.from(bytes),
  });
  await expect
    .poll(() => status.textContent(), { timeout: 45_000 })
    .toMatch(/^(Passed|Failed)[:,]/);
  return (await status.textContent()) ?? '';
}

describe.skipIf(!HAVE_CHROMIUM)('the bundle checker at /verify', () => {
  let server: LiveServer;
  let browser: Browser;

  beforeAll(async () => {
    await cryptoReady();
    server = await startLiveServer();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('passes a good bundle, fails a changed one, and sends neither anywhere', async () => {
    const bundle = await makeTestBundle();
    const tampered = await withOneEvidenceByteChanged(bundle.zip);
    const { context, requests } = await watchedContext(browser, server);
    const sent: { method: string; url: string; body: number }[] = [];
    context.on('request', (r) => {
      sent.push({ method: r.method(), url: r.url(), body: r.postDataBuffer()?.length ?? 0 });
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(server.origin + '/verify');
    expect(await axeViolations(page)).toEqual([]);
    // This deployment's key is there already; the fixture bundle was signed by a test key.
    expect(await page.inputValue('#verify-key')).toBe(server.log.key.vkey);
    await page.fill('#verify-key', bundle.logKey);
    const before = requests.length;

    const passed = await check(page, 'bundle.zip', bundle.zip);
    expect(passed).toBe('Passed: every file, entry, exhibit and proof checks out.');
    expect(await page.locator('[data-verify-stop]').isHidden()).toBe(true);
    const lines = page.locator('[data-verify-lines] li');
    expect(await lines.count()).toBeGreaterThan(5);
    await expect.poll(() => page.locator('.verify__line--fail').count()).toBe(0);
    expect(await page.locator('[data-verify-lines]').textContent()).toMatch(
      /OK exhibit [A-Z]+\/1: data\/evidence\//,
    );
    expect(await axeViolations(page)).toEqual([]);

    const failed = await check(page, 'tampered.zip', tampered);
    expect(failed).toMatch(/^Failed: [1-9]\d* of the checks found a problem\./);
    const problems = await page.locator('.verify__line--fail').allTextContents();
    expect(problems.join('\n')).toMatch(/^Problem data\/evidence\/.+: has changed: its SHA-256/m);
    expect(problems.join('\n')).toMatch(/^Problem exhibit [A-Z]+\/1: .* is not the file/m);

    // Nothing was sent: only GETs without a body, and after the page loaded only the worker.
    expect(sent.filter((r) => r.method !== 'GET' || r.body > 0)).toEqual([]);
    const later = requests.slice(before).map((u) => new URL(u).pathname);
    expect(later.length).toBeGreaterThan(0);
    for (const path of later) expect(path).toMatch(/^\/assets\/verify-worker-[\w-]+\.js$/);
    expect(errors).toEqual([]);
    expect(await context.cookies()).toEqual([]);
    await context.close();
  });

  it('checks a bundle offline with the verify.html inside it, opened from disk', async () => {
    const named = JSON.parse(
      await readFile(path.join(DEFAULT_PUBLIC_DIR, '.vite', 'verify-html.json'), 'utf8'),
    ) as { file: string };
    const html = await readFile(path.join(DEFAULT_PUBLIC_DIR, named.file));
    const bundle = await makeTestBundle({ incidents: 3, verifyHtml: new Uint8Array(html) });
    const dir = await mkdtemp(path.join(tmpdir(), 'mosaic-verify-html-'));
    try {
      // The bundle's own verify.html, unpacked as a person would.
      const reader = new ZipReader(
        new BlobReader(new Blob([bundle.zip as Uint8Array<ArrayBuffer>])),
      );
      const entry = (await reader.getEntries()).find((e) =>
        e.filename.endsWith(`/${PATHS.verifyHtml}`),
      );
      if (entry === undefined || entry.directory)
        throw new Error('verify.html is not in the bundle');
      const unpacked = await entry.getData(new BlobWriter());
      await reader.close();
      const file = path.join(dir, 'verify.html');
      await writeFile(file, new Uint8Array(await unpacked.arrayBuffer()));

      const context = await browser.newContext({ offline: true });
      const network: string[] = [];
      await context.route('**/*', (route) => {
        const url = route.request().url();
        if (url.startsWith('file:')) return route.continue();
        network.push(url);
        return route.abort('blockedbyclient');
      });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      await page.goto(pathToFileURL(file).href);
      const passed = await check(page, 'bundle.zip', bundle.zip);
      expect(passed).toMatch(/^Passed: /);
      expect(await page.locator('.verify__line--fail').count()).toBe(0);
      expect(await axeViolations(page)).toEqual([]);
      expect(network).toEqual([]);
      expect(errors).toEqual([]);
      await context.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
