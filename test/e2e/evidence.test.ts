/**
 * The evidence locker in Chromium at phone size, against the real server: a photo with GPS in
 * its EXIF and a 50 MB file are encrypted in the browser and sent over tus. The big upload is
 * paused, carried on, then cut off by a reload; after unlocking again the same file is chosen
 * (a different one is refused first) and the upload carries on from the server's offset, not
 * from the start. The photo is linked to an incident, shown (decrypted into an object URL),
 * its location warned about, and both files are downloaded byte-identical. The stored blobs
 * hold no plaintext; a blob altered on disk is refused with a clear message and nothing shown;
 * deleting an item removes its blob. Every screen passes axe, and after locking nothing is left
 * in browser storage and the object URLs are dead.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encryptedFileSize } from '../../src/crypto/index.js';
import { PHOTO_FACTS, PHOTO_PATH, photoWithGps } from '../fixtures/evidence/make-photo.js';
import {
  axeViolations,
  CHROMIUM,
  HAVE_CHROMIUM,
  launchChromium,
  PHONE,
  startLiveServer,
  type LiveServer,
} from '../support/browser.js';
import { heading, signUpInBrowser } from '../support/vault-ui.js';

const PASSPHRASE = 'purple tractor sings quietly';
const SHOTS = process.env.EVIDENCE_SCREENSHOTS;
const BIG_BYTES = 50 * 1024 * 1024;
/** Written every mebibyte into the big file: a stored blob holding it would hold plaintext. */
const MARKER = Buffer.from('MOSAIC-PLAINTEXT-MARKER-0123456789');

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

describe.skipIf(!HAVE_CHROMIUM)('evidence locker in Chromium', () => {
  let server: LiveServer;
  let browser: Browser;
  let dir: string;

  beforeAll(async () => {
    server = await startLiveServer({ UPLOAD_MAX_FILE_MB: '60', ACCOUNT_QUOTA_MB: '400' });
    browser = await launchChromium();
    dir = await mkdtemp(path.join(os.tmpdir(), 'mosaic-evidence-e2e-'));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const signUp = (page: Page, username: string): Promise<void> =>
    signUpInBrowser(page, server.origin, username, PASSPHRASE);

  async function unlock(page: Page, username: string): Promise<void> {
    await page.getByRole('button', { name: 'Open my diary' }).click();
    await heading(page, 'Open my diary');
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Open my diary' }).click();
    await heading(page, 'My diary');
  }

  /** The folder of the filesystem blob store (the default). */
  function blobRoot(): string {
    const store = server.config.blobs;
    if (store.kind !== 'fs') throw new Error('these checks read the filesystem blob store');
    return store.directory;
  }

  /** Blob files in the upload store (tus keeps a .json beside each). */
  function blobs(): Map<string, number> {
    const root = blobRoot();
    if (!existsSync(root)) return new Map();
    return new Map(
      readdirSync(root)
        .filter((name) => !name.endsWith('.json'))
        .map((name) => [name, statSync(path.join(root, name)).size]),
    );
  }

  /** Whether an image URL still loads in the page (a revoked object URL does not). */
  async function loads(page: Page, url: string): Promise<boolean> {
    return page.evaluate(
      (src) =>
        new Promise<boolean>((resolve) => {
          const img = new Image();
          img.onload = () => resolve(true);
          img.onerror = () => resolve(false);
          img.src = src;
        }),
      url,
    );
  }

  /** What is left in the browser for someone who picks the device up. */
  async function leftBehind(page: Page) {
    return page.evaluate(async () => ({
      localStorage: localStorage.length,
      sessionStorage: sessionStorage.length,
      indexedDB: (await indexedDB.databases()).length,
      caches: (await caches.keys()).length,
    }));
  }
  const NOTHING = { localStorage: 0, sessionStorage: 0, indexedDB: 0, caches: 0 };

  /** Holds each upload request back a while, so a reload can land part-way through a file. */
  async function slowUploads(page: Page, ms: number | undefined): Promise<void> {
    await page.unroute('**/api/uploads/*');
    if (ms === undefined) return;
    await page.route('**/api/uploads/*', async (route) => {
      if (route.request().method() === 'PATCH') await new Promise((r) => setTimeout(r, ms));
      // The page may have aborted it meanwhile (pause, reload): nothing to continue then.
      await route.continue().catch(() => undefined);
    });
  }

  it('lets the vault page show decrypted files from its own object URLs, and nothing more', async () => {
    const csp =
      (await fetch(`${server.origin}/vault`)).headers.get('content-security-policy') ?? '';
    const directives = new Map(
      csp.split(';').map((d) => {
        const [name = '', ...sources] = d.trim().split(/\s+/);
        return [name, sources] as const;
      }),
    );
    expect(directives.get('img-src')).toEqual(["'self'", 'blob:']);
    expect(directives.get('media-src')).toEqual(['blob:']);
    expect(directives.get('frame-src')).toEqual(['blob:']);
    // Scripts, connections and plugins stay as strict as elsewhere.
    expect(directives.get('connect-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(directives.get('require-trusted-types-for')).toEqual(["'script'"]);
  });

  it(
    'uploads, resumes after a reload, links, shows, downloads and deletes evidence the server cannot read',
    { timeout: 300_000 },
    async () => {
      // The committed fixture is exactly what its generator makes.
      expect(Buffer.from(photoWithGps()).equals(readFileSync(PHOTO_PATH))).toBe(true);
      const photo = readFileSync(PHOTO_PATH);

      const big = randomBytes(BIG_BYTES);
      for (let at = 0; at + MARKER.length < big.length; at += 1024 * 1024) MARKER.copy(big, at);
      const bigPath = path.join(dir, 'long-video.mp4');
      writeFileSync(bigPath, big);
      const other = Buffer.from(big);
      other[BIG_BYTES - 1]! ^= 0xff; // same size, one byte different: only the hash tells
      const otherPath = path.join(dir, 'other-video.mp4');
      writeFileSync(otherPath, other);
      const smallPath = path.join(dir, 'note.txt');
      writeFileSync(smallPath, 'not the same file');
      const tooBigPath = path.join(dir, 'huge.bin');
      writeFileSync(tooBigPath, Buffer.alloc(61 * 1024 * 1024));

      const context = await browser.newContext({ viewport: PHONE, acceptDownloads: true });
      const page = await context.newPage();
      const errors: string[] = [];
      const requests: { method: string; url: string; offset: string | undefined }[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
        if (process.env.EVIDENCE_DEBUG !== undefined)
          console.log(`[page] ${m.type()}: ${m.text()}`);
      });
      page.on('request', (r) => {
        requests.push({ method: r.method(), url: r.url(), offset: r.headers()['upload-offset'] });
      });
      const check = async (screen: string): Promise<void> => {
        const violations = await axeViolations(page);
        expect(violations, `${screen}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
        if (SHOTS !== undefined) {
          await page.screenshot({ path: `${SHOTS}/${screen}.png`, fullPage: true });
        }
      };
      const goEvidence = async (): Promise<void> => {
        await page.getByRole('button', { name: 'My diary', exact: true }).click();
        await heading(page, 'My diary');
        await page.getByRole('button', { name: 'See and add evidence' }).click();
        await heading(page, 'Evidence');
      };

      const username = `wren-${Date.now().toString(36)}`;
      await signUp(page, username);

      // An incident to link the evidence to.
      await page.getByRole('textbox', { name: 'What happened' }).fill('Car parked outside again');
      await page.getByRole('button', { name: 'Save now' }).click();
      await heading(page, 'Incident');

      // 1. The evidence list, empty.
      await goEvidence();
      await page.getByText('You have not added any evidence yet.').waitFor();
      await check('evidence-list-empty');

      // 2. Add the photo; a file over the server's limit is refused before any byte is sent.
      await page.getByRole('button', { name: 'Add evidence' }).click();
      await heading(page, 'Add evidence');
      await check('evidence-add');
      const blobsBefore = blobs().size;
      // The server's limits are known before a file is chosen, so it is refused at once.
      await page.locator('#evidence-files').setInputFiles([tooBigPath]);
      await page
        .locator('.error-summary', {
          hasText: 'huge.bin is too big. Each file can be up to 60 MB.',
        })
        .waitFor({ timeout: 30_000 });
      expect(await page.locator('[data-upload]').count()).toBe(0);
      expect(blobs().size).toBe(blobsBefore);
      await check('evidence-add-too-big');

      await page.locator('#evidence-files').setInputFiles([PHOTO_PATH]);
      await page.locator('[data-upload="done"]').waitFor({ timeout: 60_000 });
      await check('evidence-add-done');
      await page.getByRole('button', { name: 'See it: photo-gps.jpg' }).click();
      await heading(page, 'photo-gps');

      // 3. The photo, decrypted in the browser, with its metadata and location warning.
      const image = page.locator('[data-preview="image"] img');
      await image.waitFor({ timeout: 30_000 });
      await page.waitForFunction(
        () =>
          document.querySelector<HTMLImageElement>('[data-preview="image"] img')?.naturalWidth ===
          16,
      );
      const photoUrl = await image.getAttribute('src');
      expect(photoUrl).toMatch(/^blob:/);
      expect(await page.locator('[data-sha256]').innerText()).toBe(sha256(photo));
      expect(await page.locator('[data-field="camera"]').innerText()).toBe(
        `${PHOTO_FACTS.make} ${PHOTO_FACTS.model}`,
      );
      expect(await page.locator('[data-field="taken"]').innerText()).toContain(
        '14 March 2026 09:26',
      );
      expect(await page.locator('[data-field="location"]').innerText()).toContain('51.50135° N');
      expect(await page.locator('[data-location-warning]').innerText()).toContain(
        'whoever gets it can see that place',
      );
      await check('evidence-view-photo');

      // 4. Download the original: byte-identical.
      const [photoDownload] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Download the original file' }).click(),
      ]);
      expect(photoDownload.suggestedFilename()).toBe('photo-gps.jpg');
      expect(sha256(await readFile(await photoDownload.path()))).toBe(sha256(photo));

      // The decrypted photo lives in an object URL until the vault locks, then it is dead.
      expect(await loads(page, photoUrl!)).toBe(true);
      await page.locator('[data-lock]').click();
      await heading(page, 'Your private diary');
      expect(await loads(page, photoUrl!)).toBe(false);
      expect(await leftBehind(page)).toEqual(NOTHING);
      await unlock(page, username);
      await goEvidence();
      await page.getByRole('button', { name: 'photo-gps', exact: true }).click();
      await heading(page, 'photo-gps');

      // 5. Details: a title and a note; then link it to the incident.
      await page.getByRole('button', { name: 'Change details' }).click();
      await heading(page, 'Change details');
      await page.getByLabel('Title').fill('');
      await page.getByRole('button', { name: 'Save details' }).click();
      await page.locator('.error-summary').waitFor();
      await check('evidence-edit-error');
      await page.getByLabel('Title').fill('Car outside the house');
      await page.getByLabel('Note (optional)').fill('Taken from the bedroom window');
      await page.getByRole('button', { name: 'Save details' }).click();
      await heading(page, 'Car outside the house');
      await page.getByText('The details have been saved.').waitFor();
      await page.getByRole('button', { name: 'Link to incidents' }).click();
      await heading(page, 'Link to incidents');
      await page.getByLabel(/Car parked outside again/).check();
      await check('evidence-link');
      await page.getByRole('button', { name: 'Save links' }).click();
      await heading(page, 'Car outside the house');
      await page
        .locator('[data-linked-incidents]')
        .getByText(/Car parked outside again/)
        .waitFor();

      // The incident now lists the item (its record's evidenceIds).
      await page.locator('[data-linked-incidents] button').first().click();
      await heading(page, 'Incident');

      // 6. The 50 MB file, slowed down: pause, carry on, then reload part-way.
      await goEvidence();
      await page.getByRole('button', { name: 'Add evidence' }).click();
      await heading(page, 'Add evidence');
      expect(blobs().size).toBe(1);
      const photoBlob = [...blobs().keys()][0]!;
      /** How much of the big file the server holds: the blob that is not the photo's. */
      const bigStored = (): number =>
        Math.max(0, ...[...blobs()].filter(([name]) => name !== photoBlob).map(([, n]) => n));
      const piece = 8 * 1024 * 1024;
      await slowUploads(page, 2000);
      await page.locator('#evidence-files').setInputFiles([bigPath]);
      await expect.poll(bigStored, { timeout: 60_000 }).toBeGreaterThanOrEqual(piece);
      await page.getByRole('button', { name: 'Pause long-video.mp4' }).click();
      await page.locator('[data-upload="paused"]').waitFor();
      await check('evidence-add-paused');
      const pausedAt = bigStored();
      await page.getByRole('button', { name: 'Carry on with long-video.mp4' }).click();
      await expect.poll(bigStored, { timeout: 60_000 }).toBeGreaterThanOrEqual(pausedAt + piece);
      await page.reload();
      await slowUploads(page, undefined);
      await heading(page, 'Your private diary');

      // 7. After unlocking, the item waits for the same file.
      await unlock(page, username);
      await goEvidence();
      await page.getByText('Paused. Choose the same file again to carry on.').waitFor();
      await check('evidence-list-paused');
      await page.getByRole('button', { name: 'long-video', exact: true }).click();
      await heading(page, 'long-video');
      await check('evidence-view-paused');
      // What the server holds of the big file by now: part of it.
      const partial = bigStored();
      expect(partial).toBeGreaterThanOrEqual(2 * piece);
      expect(partial).toBeLessThan(encryptedFileSize(BIG_BYTES));
      const patchesBeforeResume = requests.filter((r) => r.method === 'PATCH').length;
      await page.locator('#evidence-resume-file').setInputFiles([smallPath]);
      await page.getByText('This is not the same file. Choose long-video.mp4').waitFor();
      await page.locator('#evidence-resume-file').setInputFiles([otherPath]);
      // Same size: only hashing the whole file can tell, and it shows while it does.
      await page.locator('[data-upload="checking"]').waitFor({ timeout: 10_000 });
      await page
        .getByText('This is not the same file. Choose long-video.mp4')
        .waitFor({ timeout: 60_000 });
      // Neither wrong file sent a byte.
      expect(requests.filter((r) => r.method === 'PATCH').length).toBe(patchesBeforeResume);
      await page.locator('#evidence-resume-file').setInputFiles([bigPath]);
      await page.locator('[data-preview]').or(page.getByText('This kind of file')).first().waitFor({
        timeout: 120_000,
      });
      const resumedPatches = requests
        .filter((r) => r.method === 'PATCH')
        .slice(patchesBeforeResume);
      expect(resumedPatches.length).toBeGreaterThan(0);
      // Carried on from where the server had got to, not from the start.
      expect(Number(resumedPatches[0]!.offset)).toBeGreaterThan(0);
      expect(Number(resumedPatches[0]!.offset)).toBe(partial);
      // One upload each for the photo and the big file; the file over the limit never asked.
      expect(
        requests.filter((r) => r.method === 'POST' && r.url.endsWith('/api/uploads')).length,
      ).toBe(2);

      // 8. The big file downloads byte-identical.
      const [bigDownload] = await Promise.all([
        page.waitForEvent('download', { timeout: 120_000 }),
        page.getByRole('button', { name: 'Download the original file' }).click(),
      ]);
      expect(sha256(await readFile(await bigDownload.path()))).toBe(sha256(big));
      expect(await page.locator('[data-sha256]').innerText()).toBe(sha256(big));

      // 9. What the server stores is ciphertext of exactly the expected size.
      const stored = blobs();
      const sizes = [...stored.values()].sort((a, b) => a - b);
      expect(sizes).toEqual([encryptedFileSize(photo.length), encryptedFileSize(BIG_BYTES)]);
      const root = blobRoot();
      for (const name of stored.keys()) {
        const bytes = readFileSync(path.join(root, name));
        expect(bytes.includes(MARKER)).toBe(false);
        expect(bytes.includes(Buffer.from(PHOTO_FACTS.make))).toBe(false);
        expect(bytes.includes(photo.subarray(0, 64))).toBe(false);
        const json = readFileSync(path.join(root, `${name}.json`), 'utf8');
        expect(json).not.toMatch(/photo-gps|long-video|Car outside/);
      }

      // 10. A blob altered on the server is refused: a clear message, nothing shown.
      const tampered = readFileSync(path.join(root, photoBlob));
      tampered[tampered.length - 5]! ^= 0x01;
      writeFileSync(path.join(root, photoBlob), tampered);
      await goEvidence();
      await page.getByRole('button', { name: 'Car outside the house', exact: true }).click();
      await heading(page, 'Car outside the house');
      await page.locator('[data-integrity-error]').waitFor({ timeout: 30_000 });
      expect(await page.locator('[data-integrity-error]').innerText()).toContain(
        'Part of it was changed after it was uploaded',
      );
      expect(await page.locator('[data-preview]').count()).toBe(0);
      await check('evidence-view-tampered');

      // 11. Delete it for real: record and blob.
      await page.getByRole('button', { name: 'Delete this item' }).click();
      await heading(page, 'Delete this item?');
      await check('evidence-delete');
      await page.getByRole('button', { name: 'Yes, delete it' }).click();
      await heading(page, 'Evidence');
      await page.getByText('The item has been deleted.').waitFor();
      expect(existsSync(path.join(root, photoBlob))).toBe(false);
      expect(await page.locator('[data-evidence]').count()).toBe(1);

      // 12. Lock: the decrypted video is gone from the page, nothing is left in storage.
      await page.getByRole('button', { name: 'long-video', exact: true }).click();
      await heading(page, 'long-video');
      await page.locator('[data-preview] video').waitFor({ timeout: 60_000 });
      await page.locator('[data-lock]').click();
      await heading(page, 'Your private diary');
      expect(await leftBehind(page)).toEqual(NOTHING);
      expect(await page.locator('video, img[src^="blob:"]').count()).toBe(0);

      // Nothing left this origin, and nothing broke the page's policy.
      expect(
        requests.every((r) => r.url.startsWith(server.origin) || r.url.startsWith('blob:')),
      ).toBe(true);
      // Expected: 4xx answers (no limits endpoint yet, the file over the limit) and the probe of
      // the revoked photo URL.
      expect(errors.filter((e) => !/status of 4\d\d|ERR_FILE_NOT_FOUND/.test(e))).toEqual([]);
      await context.close();
    },
  );

  it(
    'records sound with the microphone and keeps it as evidence',
    { timeout: 180_000 },
    async () => {
      // A browser whose microphone is a fake device that plays a tone, allowed without asking.
      const media = await chromium.launch({
        executablePath: CHROMIUM,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
          '--disable-quic',
          '--use-fake-device-for-media-stream',
          '--use-fake-ui-for-media-stream',
        ],
      });
      try {
        const context = await media.newContext({ viewport: PHONE, permissions: ['microphone'] });
        const page = await context.newPage();
        await signUp(page, `lark-${Date.now().toString(36)}`);
        await page.getByRole('button', { name: 'See and add evidence' }).click();
        await heading(page, 'Evidence');
        await page.getByRole('button', { name: 'Add evidence' }).click();
        await heading(page, 'Add evidence');
        await page.getByRole('button', { name: 'Start recording' }).click();
        await page.getByText('Recording: 0:02').waitFor({ timeout: 30_000 });
        const violations = await axeViolations(page);
        expect(violations, JSON.stringify(violations, null, 1)).toEqual([]);
        await page.getByRole('button', { name: 'Stop and add the recording' }).click();
        await page.locator('[data-upload="done"]').waitFor({ timeout: 60_000 });
        await page.getByRole('button', { name: /^See it: Recording / }).click();
        await page.locator('[data-preview="audio"] audio').waitFor({ timeout: 30_000 });
        expect(await page.locator('[data-field="kind"]').innerText()).toMatch(
          /^Sound recording \(audio\//,
        );
        // A real recording: the browser can read its length from the decrypted bytes.
        await page.waitForFunction(
          () =>
            document.querySelector<HTMLAudioElement>('[data-preview="audio"] audio')?.readyState !==
            0,
        );
        await context.close();
      } finally {
        await media.close();
      }
    },
  );
});
