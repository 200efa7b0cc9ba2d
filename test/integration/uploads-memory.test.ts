/**
 * Memory while evidence goes up and down: the real entry point in a process of its own, in both
 * blob stores (the filesystem, and S3 on a real Swift). Apart from uploads.test.ts so the two
 * run side by side (each is among the longest files of the suite).
 */
import { spawn } from 'node:child_process';
import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import * as tus from 'tus-js-client';
import { afterAll, describe, expect, it } from 'vitest';
import { S3_PART_BYTES } from '../../src/server/blobs/s3-store.js';
import { PROJECT_ROOT } from '../../src/server/paths.js';
import { HAVE_SWIFT, startS3Server, type S3Server } from '../support/s3-server.js';
import { blob, KDF, key } from '../support/vault-client.js';

const PART = S3_PART_BYTES;
const MB = 1024 * 1024;

/** One Swift for the whole file (it takes seconds to start). */
let swift: Promise<S3Server> | undefined;
const sharedS3 = (): Promise<S3Server> => (swift ??= startS3Server());
afterAll(async () => {
  if (swift) await (await swift).stop();
});

/**
 * The real entry point (dist/server/server.js, built by `npm test`) in a process of its own, so
 * its memory is its own: a file many times larger than any buffer the server should hold goes
 * up and back down, and the server's peak resident memory barely moves.
 */
describe.each([
  { store: 'fs' as const, available: true },
  { store: 's3' as const, available: HAVE_SWIFT },
])('memory in $store while a large file goes up and down', ({ store, available }) => {
  const FILE = 128 * MB;
  const test = available ? it : it.skip;
  test('stays flat', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'mosaic-memory-'));
    const port = await freePort();
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      DATA_DIR: dataDir,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      UPLOAD_MAX_FILE_MB: '512',
      ACCOUNT_QUOTA_MB: '512',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      ...(store === 's3' ? await (await sharedS3()).bucket('mosaic-memory') : {}),
    };
    const child = spawn(
      process.execPath,
      [path.join(PROJECT_ROOT, 'dist', 'server', 'server.js')],
      {
        env,
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const origin = `http://127.0.0.1:${port}`;
    try {
      await expect
        .poll(
          () =>
            fetch(`${origin}/readyz`).then(
              (r) => r.ok,
              () => false,
            ),
          { timeout: 90_000 }, // a hang guard: a first start on a busy machine takes seconds
        )
        .toBe(true);
      const signUp = await fetch(`${origin}/api/accounts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          username: `memory-${store}-${process.pid}`,
          kdf: KDF,
          authKey: key(),
          recoveryAuthKey: key(),
          wrappedAccountKey: { byPassphrase: blob(73), byRecoveryKey: blob(73) },
        }),
      });
      expect(signUp.status, stderr).toBe(201);
      const cookie = signUp.headers.get('set-cookie')!.split(';')[0]!;
      const { csrfToken } = (await signUp.json()) as { csrfToken: string };

      /** Sends `size` pseudo-random bytes (AES-CTR keystream), made as they go; returns their URL and hash. */
      const upload = async (size: number): Promise<{ url: string; sha256: string }> => {
        const cipher = createCipheriv('aes-256-ctr', randomBytes(32), Buffer.alloc(16));
        const hash = createHash('sha256');
        let left = size;
        const source = new Readable({
          read() {
            const n = Math.min(MB, left);
            left -= n;
            const chunk = n > 0 ? cipher.update(Buffer.alloc(n)) : null;
            if (chunk) hash.update(chunk);
            this.push(chunk);
          },
        });
        const url = await new Promise<string>((resolve, reject) => {
          const upload: tus.Upload = new tus.Upload(source, {
            endpoint: `${origin}/api/uploads`,
            headers: { cookie, 'x-mosaic-csrf': csrfToken },
            uploadSize: size,
            chunkSize: PART,
            retryDelays: [],
            storeFingerprintForResuming: false,
            onSuccess: () => resolve(upload.url!),
            onError: reject,
          });
          upload.start();
        });
        return { url, sha256: hash.digest('hex') };
      };
      const downloadHash = async (url: string): Promise<string> => {
        const res = await new Promise<IncomingMessage>((resolve, reject) => {
          httpRequest(url, { headers: { cookie }, agent: false }, resolve)
            .on('error', reject)
            .end();
        });
        expect(res.statusCode).toBe(200);
        const hash = createHash('sha256');
        for await (const chunk of res) hash.update(chunk as Buffer);
        return hash.digest('hex');
      };

      // A first, smaller round trip: the process sheds its start-up garbage on first real work,
      // and what the code paths settle at belongs to the baseline, not to the growth.
      const warm = await upload(3 * PART);
      expect(await downloadHash(warm.url)).toBe(warm.sha256);
      // The peak starts again from here (Linux: 5 > clear_refs resets VmHWM to the current size).
      writeFileSync(`/proc/${child.pid!}/clear_refs`, '5');
      const before = memory(child.pid!).rss;
      const large = await upload(FILE);
      expect(await downloadHash(large.url)).toBe(large.sha256);
      const peak = memory(child.pid!).peak;
      // Holding the file even once would add all of it; streaming adds a few MiB of buffers.
      expect(peak - before, `peak ${mb(peak)} MiB, before ${mb(before)} MiB`).toBeLessThan(
        FILE / 2,
      );
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 180_000);
});

/** Resident memory now and at its peak, from Linux's /proc. */
function memory(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) =>
    Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]) * 1024;
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}

const mb = (bytes: number) => Math.round(bytes / MB);

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
