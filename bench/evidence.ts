/**
 * Evidence upload in Chromium over loopback: a 1 GiB file added through the app (its BLAKE2b
 * fingerprint first, for the record saved before any byte is sent; then read, SHA-256-hashed and
 * encrypted chunk by chunk in a Web Worker while tus sends to /api/uploads), timed from choosing
 * the file to "Uploaded". Baseline, in the same run and browser: the same bytes
 * sent unencrypted to the same tus endpoint, as tus-js-client sends a plain File (XHR PATCHes
 * of File slices, as many bytes per request as the app's tus upload sends: PATCH_BYTES). Also, during each, the page's peak JS heap
 * (CDP Performance.getMetrics) and how much the renderer process's resident memory grew above
 * where it was when the upload started (from /proc, so it counts what the JS heap does not:
 * ArrayBuffers, Blobs, libsodium's WebAssembly memory). Growth, not the absolute figure, because
 * the app run follows an unlock whose Argon2id leaves 64 MiB of WebAssembly memory behind.
 * Flat memory means both stay far below the file's size, and do not grow with it
 * (EVIDENCE_BENCH_MB=256 runs a smaller file to compare).
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, open, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { toBase64Url } from '../src/crypto/index.js';
import { PATCH_BYTES } from '../src/vault/evidence/tus-upload.js';
import { deriveForAccount, VaultApi } from '../src/vault/index.js';
import { launchChromium, PHONE, startLiveServer } from '../test/support/browser.js';
import type { BenchFigure } from './bench.js';
import { createBenchAccount } from './vault-account.js';

const MB = 1024 * 1024;
/** 1 GiB unless EVIDENCE_BENCH_MB says otherwise. */
const SIZE = Number(process.env.EVIDENCE_BENCH_MB ?? 1024) * MB;
const USERNAME = 'bench-evidence';
const PASSPHRASE = 'correct horse battery staple harbour';

export async function evidenceBench(): Promise<BenchFigure[]> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mosaic-bench-evidence-'));
  const server = await startLiveServer({ UPLOAD_MAX_FILE_MB: '1100', ACCOUNT_QUOTA_MB: '4096' });
  const browser = await launchChromium();
  try {
    const file = path.join(dir, 'bench-1gib.bin');
    await writeTestFile(file);
    await createBenchAccount(server.origin, USERNAME, PASSPHRASE);
    const context = await browser.newContext({ viewport: PHONE });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const renderers = await rendererPids(browser);

    // Baseline: the same bytes, unencrypted, to the same endpoint, in a session the page signs
    // in to itself (the auth key derived here, as the app would derive it).
    await page.goto(`${server.origin}/vault`);
    const csrf = await page.evaluate(
      async (body) => {
        const res = await fetch('/api/sessions', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        return ((await res.json()) as { csrfToken: string }).csrfToken;
      },
      { username: USERNAME, authKey: await authKeyOf(server.origin) },
    );
    await page.evaluate(() => {
      const input = document.createElement('input');
      input.type = 'file';
      input.id = 'bench-file';
      document.body.append(input);
    });
    await page.locator('#bench-file').setInputFiles(file);
    const plain = await sampled(cdp, renderers, () =>
      page.evaluate(plainTusUpload, { csrf, patchBytes: PATCH_BYTES }),
    );

    // The app: sign in as a person would, then add the file as evidence.
    await page.goto(`${server.origin}/vault`);
    await page.getByRole('button', { name: 'Open my diary' }).click();
    await page.getByLabel('Username').fill(USERNAME);
    await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Open my diary' }).click();
    await heading(page, 'My diary');
    await page.getByRole('button', { name: 'See and add evidence' }).click();
    await heading(page, 'Evidence');
    await page.getByRole('button', { name: 'Add evidence' }).click();
    await heading(page, 'Add evidence');
    let hashedAt = 0;
    const before = await totalRss(renderers);
    const encrypted = await sampled(cdp, renderers, async () => {
      const started = performance.now();
      await page.locator('#evidence-files').setInputFiles(file);
      await page.locator('[data-upload="uploading"]').waitFor({ timeout: 600_000 });
      hashedAt = performance.now() - started;
      await page.locator('[data-upload="done"]').waitFor({ timeout: 1_800_000 });
    });
    // What stays once the garbage is collected: a leak would stay, garbage would not.
    await cdp.send('HeapProfiler.collectGarbage');
    await new Promise((r) => setTimeout(r, 1000));
    const kept = Math.max(0, (await totalRss(renderers)) - before);
    await context.close();

    const rate = (ms: number): number => Math.round((SIZE / MB / (ms / 1000)) * 10) / 10;
    const heap = (bytes: number): number => Math.round((bytes / MB) * 10) / 10;
    const label = SIZE === 1024 * MB ? '1 GiB' : `${SIZE / MB} MiB`;
    console.log(
      `${label} evidence upload in Chromium: ${(encrypted.ms / 1000).toFixed(1)} s (${rate(encrypted.ms)} MB/s), ` +
        `of which hashing before the upload ${(hashedAt / 1000).toFixed(1)} s; ` +
        `unencrypted through the same endpoint ${(plain.ms / 1000).toFixed(1)} s (${rate(plain.ms)} MB/s)`,
    );
    console.log(
      `peak JS heap: ${heap(encrypted.peakHeap)} MB encrypting, ${heap(plain.peakHeap)} MB unencrypted; ` +
        `renderer memory (RSS) grew by at most ${heap(encrypted.rssGrowth)} MB encrypting, ${heap(plain.rssGrowth)} MB unencrypted; ` +
        `${heap(kept)} MB of it left after a garbage collection`,
    );
    return [
      {
        name: `evidence upload ${label}, hash + encrypt + tus over loopback, Chromium`,
        value: rate(encrypted.ms),
        unit: 'MB/s',
        baseline: 'same bytes unencrypted, same tus endpoint',
        baseline_value: rate(plain.ms),
      },
      {
        name: `evidence upload ${label}, peak JS heap, Chromium`,
        value: heap(encrypted.peakHeap),
        unit: 'MB',
        baseline: 'peak JS heap, unencrypted upload',
        baseline_value: heap(plain.peakHeap),
      },
      {
        name: `evidence upload ${label}, renderer memory growth (RSS), Chromium`,
        value: heap(encrypted.rssGrowth),
        unit: 'MB',
        baseline: 'renderer memory growth, unencrypted upload',
        baseline_value: heap(plain.rssGrowth),
      },
    ];
  } finally {
    await browser.close();
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** The account's auth key, derived by the vault core with the server's KDF parameters. */
async function authKeyOf(origin: string): Promise<string> {
  const { authKey } = await deriveForAccount(new VaultApi({ base: origin }), USERNAME, PASSPHRASE);
  return toBase64Url(authKey);
}

function heading(page: Page, name: string): Promise<void> {
  return page.getByRole('heading', { level: 1, name, exact: true }).waitFor({ timeout: 120_000 });
}

/** 1 GiB of incompressible bytes, written a mebibyte at a time. */
async function writeTestFile(file: string): Promise<void> {
  const handle = await open(file, 'w');
  try {
    const block = randomBytes(MB);
    for (let i = 0; i < SIZE / MB; i++) {
      block.writeUInt32BE(i, 0); // no two mebibytes alike
      await handle.write(block);
    }
  } finally {
    await handle.close();
  }
}

/** The process ids of the browser's renderers (the page's is among them). */
async function rendererPids(browser: Browser): Promise<number[]> {
  const session = await browser.newBrowserCDPSession();
  try {
    const { processInfo } = await session.send('SystemInfo.getProcessInfo');
    return processInfo.filter((p) => p.type === 'renderer').map((p) => p.id);
  } finally {
    await session.detach();
  }
}

async function totalRss(pids: readonly number[]): Promise<number> {
  let total = 0;
  for (const pid of pids) total += await rssOf(pid);
  return total;
}

/** Resident memory of a process, in bytes (0 if it is gone). */
async function rssOf(pid: number): Promise<number> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
}

/**
 * Runs `step` while sampling the page's JS heap and the renderers' resident memory every
 * 200 ms; returns its time and the peaks.
 */
async function sampled(
  cdp: CDPSession,
  renderers: readonly number[],
  step: () => Promise<unknown>,
): Promise<{ ms: number; peakHeap: number; rssGrowth: number }> {
  let peakHeap = 0;
  let peakRss = 0;
  const rss = (): Promise<number> => totalRss(renderers);
  const startRss = await rss();
  let sampling = true;
  const sample = async (): Promise<void> => {
    while (sampling) {
      const { metrics } = await cdp.send('Performance.getMetrics');
      const used = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
      peakHeap = Math.max(peakHeap, used);
      peakRss = Math.max(peakRss, await rss());
      await new Promise((r) => setTimeout(r, 200));
    }
  };
  const sampler = sample();
  const started = performance.now();
  try {
    await step();
    return {
      ms: performance.now() - started,
      peakHeap,
      rssGrowth: Math.max(0, peakRss - startRss),
    };
  } finally {
    sampling = false;
    await sampler;
  }
}

/**
 * In the page: a tus upload of the chosen file's own bytes (creation, then PATCHes of File
 * slices by XHR, as tus-js-client sends a File), with no encryption and no hashing.
 */
async function plainTusUpload(options: { csrf: string; patchBytes: number }): Promise<number> {
  const input = document.getElementById('bench-file') as HTMLInputElement;
  const file = input.files?.[0];
  if (file === undefined) throw new Error('no file chosen');
  const started = performance.now();
  const created = await fetch('/api/uploads', {
    method: 'POST',
    headers: {
      'tus-resumable': '1.0.0',
      'upload-length': String(file.size),
      'x-mosaic-csrf': options.csrf,
    },
  });
  const location = created.headers.get('location');
  if (created.status !== 201 || location === null) throw new Error(`create: ${created.status}`);
  let offset = 0;
  while (offset < file.size) {
    const end = Math.min(offset + options.patchBytes, file.size);
    offset = await new Promise<number>((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('PATCH', location);
      xhr.setRequestHeader('tus-resumable', '1.0.0');
      xhr.setRequestHeader('upload-offset', String(offset));
      xhr.setRequestHeader('content-type', 'application/offset+octet-stream');
      xhr.setRequestHeader('x-mosaic-csrf', options.csrf);
      xhr.onload = () => {
        if (xhr.status !== 204) reject(new Error(`patch: ${xhr.status}`));
        else resolve(Number(xhr.getResponseHeader('upload-offset')));
      };
      xhr.onerror = () => reject(new Error('patch failed'));
      xhr.send(file.slice(offset, end));
    });
  }
  return performance.now() - started;
}
