/**
 * Evidence uploads through the real tus protocol (tus-js-client against @tus/server over
 * loopback): byte-identical results for awkward sizes, resuming after interruptions at many
 * offsets, ownership, quotas, no metadata, and blobs removed with their upload or account.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import * as tus from 'tus-js-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLiveServer, type LiveServer } from '../support/browser.js';
import { ENGINES } from '../support/databases.js';
import { VaultClient } from '../support/vault-client.js';

let counter = 0;

describe.each(ENGINES)('evidence uploads on $name', ({ name, available }) => {
  let server: LiveServer;
  beforeAll(async () => {
    if (available)
      server = await startLiveServer({ ACCOUNT_QUOTA_MB: '8', UPLOAD_MAX_FILE_MB: '6' }, name);
  });
  afterAll(async () => {
    await server?.close();
  });
  const test = available ? it : it.skip;

  const account = async (): Promise<VaultClient> => {
    const c = new VaultClient(
      server.app,
      `uploader-${process.pid}-${++counter}`,
      `192.0.2.${counter}`,
    );
    expect((await c.signUp()).statusCode).toBe(201);
    return c;
  };
  const headers = (c: VaultClient): Record<string, string> => ({
    cookie: c.cookie!,
    'x-mosaic-csrf': c.csrf!,
  });

  /** Uploads `data` with tus-js-client, stopping after `stopAfter` bytes if given; returns the upload URL. */
  const send = (
    c: VaultClient,
    data: Buffer,
    options: { uploadUrl?: string; stopAfter?: number } = {},
  ) =>
    new Promise<{ url: string; finished: boolean }>((resolve, reject) => {
      let stopped = false;
      const upload: tus.Upload = new tus.Upload(data, {
        endpoint: `${server.origin}/api/uploads`,
        ...(options.uploadUrl ? { uploadUrl: options.uploadUrl } : {}),
        headers: headers(c),
        chunkSize: 256 * 1024,
        retryDelays: [],
        storeFingerprintForResuming: false,
        onChunkComplete: (_chunk, sent) => {
          if (options.stopAfter !== undefined && sent >= options.stopAfter && !stopped) {
            stopped = true;
            void upload.abort().then(() => resolve({ url: upload.url!, finished: false }));
          }
        },
        onSuccess: () => resolve({ url: upload.url!, finished: true }),
        onError: reject,
      });
      upload.start();
    });

  const download = async (c: VaultClient, url: string): Promise<Buffer> => {
    const res = await fetch(url, { headers: { cookie: c.cookie!, 'tus-resumable': '1.0.0' } });
    expect(res.status).toBe(200);
    return Buffer.from(await res.arrayBuffer());
  };
  const blobPath = (url: string): string =>
    path.join(server.config.uploads.directory, url.split('/').pop()!);

  test('stores files of awkward sizes byte for byte', async () => {
    const c = await account();
    for (const size of [0, 1, 256 * 1024 - 1, 256 * 1024, 256 * 1024 + 1, 3 * 1024 * 1024 + 7]) {
      const data = randomBytes(size);
      const { url, finished } = await send(c, data);
      expect(finished).toBe(true);
      expect((await download(c, url)).equals(data), `size ${size}`).toBe(true);
    }
    const rows = await server.database.db.selectFrom('uploads').select('completed_at').execute();
    expect(rows.length).toBeGreaterThanOrEqual(6);
  });

  test('resumes after interruptions at many offsets, ending byte-identical', async () => {
    const c = await account();
    for (let round = 0; round < 4; round++) {
      const data = randomBytes(1536 * 1024 + round * 999);
      let { url, finished } = await send(c, data, {
        stopAfter: 1 + randomInt(Math.floor(data.length / 2)),
      });
      const firstUrl = url;
      let interruptions = 1;
      while (!finished) {
        const offset = await fetch(url, {
          method: 'HEAD',
          headers: { ...headers(c), 'tus-resumable': '1.0.0' },
        });
        const sent = Number(offset.headers.get('upload-offset'));
        const stopAfter =
          interruptions < 3 ? sent + 1 + randomInt(Math.max(1, data.length - sent)) : undefined;
        ({ url, finished } = await send(c, data, {
          uploadUrl: url,
          ...(stopAfter !== undefined && stopAfter < data.length ? { stopAfter } : {}),
        }));
        interruptions++;
      }
      expect(url).toBe(firstUrl); // resumed, not started again
      expect((await download(c, url)).equals(data)).toBe(true);
    }
  });

  test('keeps each account’s uploads to itself', async () => {
    const owner = await account();
    const other = await account();
    const { url } = await send(owner, randomBytes(1000));
    for (const method of ['HEAD', 'GET', 'PATCH', 'DELETE']) {
      const res = await fetch(url, {
        method,
        headers: {
          ...headers(other),
          'tus-resumable': '1.0.0',
          'upload-offset': '0',
          'content-type': 'application/offset+octet-stream',
        },
        ...(method === 'PATCH' ? { body: randomBytes(10) } : {}),
      });
      expect(res.status, method).toBe(404);
      const anonymous = await fetch(url, { method, headers: { 'tus-resumable': '1.0.0' } });
      expect(anonymous.status, `${method} without a session`).toBe(401);
    }
    expect((await download(owner, url)).length).toBe(1000);
  });

  test('refuses metadata, a missing CSRF token, and files over the limits, before any byte is stored', async () => {
    const c = await account();
    const create = (extra: Record<string, string>, withCsrf = true) =>
      fetch(`${server.origin}/api/uploads`, {
        method: 'POST',
        headers: {
          cookie: c.cookie!,
          ...(withCsrf ? { 'x-mosaic-csrf': c.csrf! } : {}),
          'tus-resumable': '1.0.0',
          ...extra,
        },
      });
    const metadata = await create({
      'upload-length': '10',
      'upload-metadata': `filename ${Buffer.from('diary.jpg').toString('base64')}`,
    });
    expect(metadata.status).toBe(400);
    expect((await create({ 'upload-length': '10' }, false)).status).toBe(403);
    const tooBig = await create({ 'upload-length': String(7 * 1024 * 1024) });
    expect(tooBig.status).toBe(413);
    expect(((await tooBig.json()) as { error: { code: string } }).error.code).toBe(
      'file_too_large',
    );
    await send(c, randomBytes(5 * 1024 * 1024));
    const overQuota = await create({ 'upload-length': String(4 * 1024 * 1024) });
    expect(overQuota.status).toBe(413);
    expect(
      ((await overQuota.json()) as { error: { code: string; message: string } }).error.message,
    ).toMatch(/8 MB/);
  });

  test('removes the blob when the upload is deleted, abandoned, or its account deleted', async () => {
    const c = await account();
    const { url } = await send(c, randomBytes(2000));
    expect(existsSync(blobPath(url))).toBe(true);
    const del = await fetch(url, {
      method: 'DELETE',
      headers: { ...headers(c), 'tus-resumable': '1.0.0' },
    });
    expect(del.status).toBe(204);
    expect(existsSync(blobPath(url))).toBe(false);
    await expect
      .poll(
        async () =>
          (
            await server.database.db
              .selectFrom('uploads')
              .select('id')
              .where('id', '=', url.split('/').pop()!)
              .execute()
          ).length,
      )
      .toBe(0);

    const partial = await send(c, randomBytes(1024 * 1024), { stopAfter: 300 * 1024 });
    await server.database.db
      .updateTable('uploads')
      .set({ created_at: sql`now() - interval '2 days'` } as never)
      .where('id', '=', partial.url.split('/').pop()!)
      .execute();
    expect(await server.blobs.sweepAbandoned()).toBe(1);
    expect(existsSync(blobPath(partial.url))).toBe(false);

    const kept = await send(c, randomBytes(500));
    expect((await c.request('DELETE', '/api/account', { authKey: c.authKey })).statusCode).toBe(
      204,
    );
    expect(existsSync(blobPath(kept.url))).toBe(false);
  });
});
