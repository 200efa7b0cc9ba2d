/**
 * Evidence uploads through the real tus protocol (tus-js-client against @tus/server over
 * loopback), in both blob stores: the filesystem, and S3 on a real S3-compatible server
 * (OpenStack Swift, test/support/s3-server.ts). Byte-identical round trips for awkward sizes,
 * resuming after interruptions at random offsets (between requests and in the middle of one),
 * ownership, quotas, no metadata, and every stored object removed with its upload or account.
 */
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { readdir, readlink } from 'node:fs/promises';
import { sql } from 'kysely';
import * as tus from 'tus-js-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBlobStore } from '../../src/server/blobs/index.js';
import { S3_PART_BYTES } from '../../src/server/blobs/s3-store.js';
import type { BlobStoreConfig } from '../../src/server/config.js';
import { StartupError } from '../../src/server/startup-error.js';
import { startLiveServer, type LiveServer } from '../support/browser.js';
import { ENGINES, type EngineName } from '../support/databases.js';
import { HAVE_SWIFT, startS3Server, type S3Server } from '../support/s3-server.js';
import { VaultClient } from '../support/vault-client.js';

let counter = 0;

const PART = S3_PART_BYTES;
const MB = 1024 * 1024;
const LIMITS = { maxFileMb: 11, quotaMb: 16 };

const TIERS: readonly { store: 'fs' | 's3'; engine: EngineName; available: boolean }[] = [
  ...ENGINES.map((e) => ({ store: 'fs' as const, engine: e.name, available: e.available })),
  // S3 on PGlite only: the store never touches the database, and every case already runs on
  // PostgreSQL with the filesystem store, so a second S3 run would test nothing new.
  { store: 's3', engine: 'pglite', available: HAVE_SWIFT },
];

const PREFIX = 'deployment-a/blobs';
type S3Settings = Extract<BlobStoreConfig, { kind: 's3' }>;

/** One Swift for the whole file (it takes seconds to start); each describe has its own bucket. */
let swift: Promise<S3Server> | undefined;
const sharedS3 = (): Promise<S3Server> => (swift ??= startS3Server());
afterAll(async () => {
  if (swift) await (await swift).stop();
});

/** This process's open file descriptors whose path contains `name` (Linux /proc). */
async function openFilesNamed(name: string): Promise<number> {
  const fds = await readdir('/proc/self/fd');
  const targets = await Promise.all(
    fds.map((fd) => readlink(`/proc/self/fd/${fd}`).catch(() => '')),
  );
  return targets.filter((target) => target.includes(name)).length;
}

describe.each(TIERS)('evidence uploads in $store on $engine', ({ store, engine, available }) => {
  let server: LiveServer;
  let s3: S3Server | undefined;
  const BUCKET = `mosaic-evidence-${engine}`;
  beforeAll(async () => {
    if (!available) return;
    let env: Record<string, string> = {
      ACCOUNT_QUOTA_MB: String(LIMITS.quotaMb),
      UPLOAD_MAX_FILE_MB: String(LIMITS.maxFileMb),
    };
    if (store === 's3') {
      s3 = await sharedS3();
      env = { ...env, ...(await s3.bucket(BUCKET, PREFIX)) };
    }
    server = await startLiveServer(env, engine);
  });
  afterAll(async () => {
    await server?.close();
  });
  const test = available ? it : it.skip;
  /**
   * Bytes per tus PATCH: small in the filesystem store, for many requests per file; in S3 what
   * the browser sends (about 1 MiB), as each PATCH there costs several S3 requests.
   */
  const CHUNK = store === 's3' ? 1024 * 1024 : 256 * 1024;
  const TIMEOUT = store === 's3' ? 120_000 : 30_000;

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
  const idOf = (url: string): string => url.split('/').pop()!;

  /**
   * Everything the store holds for an upload, looked at directly rather than through the code
   * under test: files in the blob folder, or objects and unfinished multipart uploads in the
   * bucket (anywhere in it, not only under the prefix).
   */
  const stored = async (id: string): Promise<string[]> => {
    if (store === 'fs') {
      const { blobs } = server.config;
      if (blobs.kind !== 'fs') throw new Error('expected the filesystem store');
      return (await readdir(blobs.directory)).filter((name) => name.includes(id)).sort();
    }
    return (await bucketKeys()).filter((key) => key.includes(id));
  };
  const bucketKeys = async (): Promise<string[]> => {
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const page = await s3!.client.listObjectsV2({ Bucket: BUCKET, ContinuationToken: token });
      keys.push(...(page.Contents ?? []).map((o) => o.Key!));
      token = page.NextContinuationToken;
    } while (token);
    const uploads = await s3!.client.listMultipartUploads({ Bucket: BUCKET });
    keys.push(...(uploads.Uploads ?? []).map((u) => `${u.Key!} (unfinished multipart upload)`));
    return keys.sort();
  };

  /** Uploads `data` with tus-js-client, stopping after `stopAfter` bytes if given; returns the upload URL. */
  const send = (
    c: VaultClient,
    data: Buffer,
    options: { uploadUrl?: string; stopAfter?: number; chunkSize?: number } = {},
  ) =>
    new Promise<{ url: string; finished: boolean }>((resolve, reject) => {
      let stopped = false;
      const upload: tus.Upload = new tus.Upload(data, {
        endpoint: `${server.origin}/api/uploads`,
        ...(options.uploadUrl ? { uploadUrl: options.uploadUrl } : {}),
        headers: headers(c),
        chunkSize: options.chunkSize ?? CHUNK,
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

  /**
   * Starts a PATCH of the rest of `data` from `offset` and cuts the connection after `bytes` of
   * it, in the middle of the request body, as a phone losing its signal would.
   */
  const cutPatch = (c: VaultClient, url: string, data: Buffer, offset: number, bytes: number) =>
    new Promise<void>((resolve) => {
      const req = httpRequest(url, {
        method: 'PATCH',
        agent: false,
        headers: {
          ...headers(c),
          'tus-resumable': '1.0.0',
          'upload-offset': String(offset),
          'content-type': 'application/offset+octet-stream',
          'content-length': String(data.length - offset),
        },
      });
      req.on('error', () => resolve());
      req.on('response', (res) => {
        res.resume();
        resolve();
      });
      req.on('close', () => resolve());
      req.write(data.subarray(offset, offset + bytes), () => {
        setTimeout(() => req.destroy(), 20);
      });
    });

  const offsetOf = async (c: VaultClient, url: string): Promise<number> => {
    const res = await fetch(url, {
      method: 'HEAD',
      headers: { ...headers(c), 'tus-resumable': '1.0.0' },
    });
    expect(res.status).toBe(200);
    return Number(res.headers.get('upload-offset'));
  };

  /**
   * GETs the upload's bytes back. Over a connection of its own that the server closes when done
   * (no keep-alive), so no download can still be flushing when the server is shut down.
   */
  const download = async (c: VaultClient, url: string): Promise<Buffer> => {
    const res = await new Promise<IncomingMessage>((resolve, reject) => {
      // No keep-alive: the server sees the connection close as soon as the body is complete,
      // as behind an HTTP/1.0 proxy, which once ended the process (see upload-routes.ts).
      httpRequest(
        url,
        { headers: { cookie: c.cookie!, 'accept-encoding': 'gzip, br' }, agent: false },
        resolve,
      )
        .on('error', reject)
        .end();
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-type']).toBe('application/octet-stream');
    expect(res.headers['content-disposition']).toBe('attachment');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-encoding']).toBeUndefined(); // ciphertext does not compress
    const chunks: Buffer[] = [];
    for await (const chunk of res) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    expect(Number(res.headers['content-length'])).toBe(body.length);
    return body;
  };

  const remove = async (c: VaultClient, url: string): Promise<void> => {
    const res = await fetch(url, {
      method: 'DELETE',
      headers: { ...headers(c), 'tus-resumable': '1.0.0' },
    });
    expect(res.status).toBe(204);
  };

  test(
    'stores files of awkward sizes byte for byte, and deletes each completely',
    async () => {
      const c = await account();
      const sizes = [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, PART - 1, PART, PART + 1, 2 * PART + 7];
      for (const size of sizes) {
        const data = randomBytes(size);
        const { url, finished } = await send(c, data);
        expect(finished).toBe(true);
        expect((await download(c, url)).equals(data), `size ${size}`).toBe(true);
        const id = idOf(url);
        if (store === 'fs') {
          expect(await stored(id), `size ${size}`).toEqual([id, `${id}.json`]);
        } else {
          // The finished object and tus's bookkeeping, under the prefix; no part left behind.
          expect(await stored(id), `size ${size}`).toEqual([
            `${PREFIX}/${id}`,
            `${PREFIX}/${id}.info`,
          ]);
          const object = await s3!.client.headObject({ Bucket: BUCKET, Key: `${PREFIX}/${id}` });
          expect(object.ContentLength).toBe(size);
        }
        const row = await server.database.db
          .selectFrom('uploads')
          .select(['length', 'completed_at'])
          .where('id', '=', id)
          .executeTakeFirstOrThrow();
        expect(Number(row.length)).toBe(size);
        expect(row.completed_at).not.toBeNull();
        // Deleting frees the quota for the next size, and must leave nothing behind.
        await remove(c, url);
        expect(await stored(id), `size ${size} after DELETE`).toEqual([]);
        const gone = await fetch(url, { headers: { cookie: c.cookie! } });
        expect(gone.status).toBe(404);
      }
      if (store === 's3') expect(await bucketKeys()).toEqual([]);
    },
    TIMEOUT,
  );

  test(
    'resumes after interruptions at random offsets, between and within requests',
    async () => {
      const c = await account();
      // Across a part boundary, so the S3 store's completed parts and carried-over remainder
      // are both exercised; several PATCH requests in the filesystem store too.
      for (let round = 0; round < 4; round++) {
        const data = randomBytes(PART + 1536 * 1024 + round * 999);
        let { url, finished } = await send(c, data, {
          stopAfter: 1 + randomInt(Math.floor(data.length / 3)),
        });
        const firstUrl = url;
        for (let interruption = 1; !finished; interruption++) {
          const sent = await offsetOf(c, url);
          expect(sent).toBeLessThanOrEqual(data.length);
          if (interruption < 4 && interruption % 2 === 1) {
            // Cut in the middle of a request body, at a random byte.
            await cutPatch(c, url, data, sent, 1 + randomInt(Math.max(1, data.length - sent - 1)));
            continue;
          }
          const stopAfter =
            interruption < 4 ? sent + 1 + randomInt(Math.max(1, data.length - sent)) : undefined;
          ({ url, finished } = await send(c, data, {
            uploadUrl: url,
            ...(stopAfter !== undefined && stopAfter < data.length ? { stopAfter } : {}),
          }));
        }
        expect(url).toBe(firstUrl); // resumed, not started again
        expect((await download(c, url)).equals(data)).toBe(true);
        await remove(c, url);
      }
    },
    TIMEOUT,
  );

  test(
    'keeps each account’s uploads to itself',
    async () => {
      const owner = await account();
      const other = await account();
      const data = randomBytes(1000);
      const { url } = await send(owner, data);
      const unfinished = await send(owner, randomBytes(3 * CHUNK), { stopAfter: CHUNK });
      const before = await stored(idOf(url));
      const nobody = `${server.origin}/api/uploads/${randomBytes(16).toString('hex')}`;
      for (const target of [url, unfinished.url]) {
        for (const method of ['HEAD', 'GET', 'PATCH', 'DELETE']) {
          const attempt = (address: string) =>
            fetch(address, {
              method,
              headers: {
                ...headers(other),
                'tus-resumable': '1.0.0',
                'upload-offset': '0',
                'content-type': 'application/offset+octet-stream',
              },
              ...(method === 'PATCH' ? { body: randomBytes(10) } : {}),
            });
          const res = await attempt(target);
          expect(res.status, method).toBe(404);
          // Someone else's upload answers exactly as one that does not exist.
          const none = await attempt(nobody);
          expect(await res.text(), method).toBe(await none.text());
          expect(res.headers.get('upload-offset'), method).toBeNull();
          expect(res.headers.get('upload-length'), method).toBeNull();
          const anonymous = await fetch(target, { method, headers: { 'tus-resumable': '1.0.0' } });
          expect(anonymous.status, `${method} without a session`).toBe(401);
        }
      }
      expect((await download(owner, url)).equals(data)).toBe(true);
      expect(await offsetOf(owner, unfinished.url)).toBe(CHUNK);
      expect(await stored(idOf(url))).toEqual(before);
    },
    TIMEOUT,
  );

  test(
    'refuses metadata, a missing CSRF token, and files over the limits, before any byte is stored',
    async () => {
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
      const tooBig = await create({ 'upload-length': String((LIMITS.maxFileMb + 1) * MB) });
      expect(tooBig.status).toBe(413);
      expect(((await tooBig.json()) as { error: { code: string } }).error.code).toBe(
        'file_too_large',
      );
      expect((await create({})).status).toBe(400);
      const limits = async (cookie: string | undefined) => {
        const res = await fetch(`${server.origin}/api/uploads/limits`, {
          headers: cookie !== undefined ? { cookie } : {},
        });
        return { status: res.status, body: (await res.json()) as Record<string, unknown> };
      };
      expect(await limits(c.cookie)).toEqual({
        status: 200,
        body: {
          maxFileBytes: LIMITS.maxFileMb * MB,
          accountQuotaBytes: LIMITS.quotaMb * MB,
          usedBytes: 0,
        },
      });
      expect((await limits(undefined)).status).toBe(401);
      await send(c, randomBytes(10 * MB), { chunkSize: 2 * MB });
      expect((await limits(c.cookie)).body.usedBytes).toBe(10 * MB);
      const overQuota = await create({ 'upload-length': String(7 * MB) });
      expect(overQuota.status).toBe(413);
      expect(
        ((await overQuota.json()) as { error: { code: string; message: string } }).error.message,
      ).toMatch(new RegExp(`${LIMITS.quotaMb} MB`));
      const rows = await server.database.db
        .selectFrom('uploads')
        .innerJoin('accounts', 'accounts.id', 'uploads.account_id')
        .select('uploads.id')
        .where('accounts.username', '=', c.username)
        .execute();
      expect(rows).toHaveLength(1);
    },
    TIMEOUT,
  );

  test(
    'removes everything stored when an upload is abandoned or its account deleted',
    async () => {
      const c = await account();
      // Abandoned past a part boundary: in S3 a completed part, a carried-over remainder, the
      // bookkeeping and the open multipart upload must all go.
      const partial = await send(c, randomBytes(PART + 3 * CHUNK), { stopAfter: PART + CHUNK });
      expect(partial.finished).toBe(false);
      expect(await stored(idOf(partial.url))).not.toEqual([]);
      await server.database.db
        .updateTable('uploads')
        .set({ created_at: sql`now() - interval '2 days'` } as never)
        .where('id', '=', idOf(partial.url))
        .execute();
      expect(await server.blobs.sweepAbandoned()).toBe(1);
      expect(await stored(idOf(partial.url))).toEqual([]);
      expect(await server.blobs.sweepAbandoned()).toBe(0);

      const kept = await send(c, randomBytes(500));
      const unfinished = await send(c, randomBytes(PART + MB), { stopAfter: 2 * CHUNK });
      expect(await stored(idOf(kept.url))).not.toEqual([]);
      expect(await stored(idOf(unfinished.url))).not.toEqual([]);
      expect((await c.request('DELETE', '/api/account', { authKey: c.authKey })).statusCode).toBe(
        204,
      );
      expect(await stored(idOf(kept.url))).toEqual([]);
      expect(await stored(idOf(unfinished.url))).toEqual([]);
      expect(
        await server.database.db
          .selectFrom('uploads')
          .select('id')
          .where('id', 'in', [idOf(kept.url), idOf(unfinished.url)])
          .execute(),
      ).toEqual([]);
    },
    TIMEOUT,
  );

  test(
    'stops streaming when the reader goes away, and serves the next download whole',
    async () => {
      const c = await account();
      const data = randomBytes(2 * PART + 3);
      const { url } = await send(c, data, { chunkSize: PART });
      const { first, req } = await new Promise<{ first: Buffer; req: ClientRequest }>(
        (resolve, reject) => {
          const req = httpRequest(url, { headers: { cookie: c.cookie! }, agent: false }, (res) => {
            expect(res.statusCode).toBe(200);
            res.once('data', (chunk: Buffer) => {
              res.pause();
              resolve({ first: chunk, req });
            });
          });
          req.on('error', reject);
          req.end();
        },
      );
      expect(first.equals(data.subarray(0, first.length))).toBe(true);
      // While the reader waits the file is open; once it has gone, it is closed, not held for ever.
      if (store === 'fs') expect(await openFilesNamed(idOf(url))).toBeGreaterThan(0);
      req.destroy();
      if (store === 'fs') await expect.poll(() => openFilesNamed(idOf(url))).toBe(0);
      const hash = (b: Buffer) => createHash('sha256').update(b).digest('hex');
      expect(hash(await download(c, url))).toBe(hash(data));
      const unfinished = await send(c, randomBytes(2 * CHUNK), { stopAfter: CHUNK });
      const early = await fetch(unfinished.url, { headers: { cookie: c.cookie! } });
      expect(early.status).toBe(404);
      expect(((await early.json()) as { error: { message: string } }).error.message).toMatch(
        /not finished/,
      );
    },
    TIMEOUT,
  );

  // A server killed after the last part went up to S3 but before it asked S3 to join the parts:
  // the client hears "every byte is here" from the next HEAD and stops, so the server must join
  // them itself when the file is next asked for, or the sweep must, never answer 500 or remove it.
  // Only the S3 tier has parts to join; the filesystem tiers do not define it at all.
  if (store === 's3') {
    test(
      'joins a file whose every part reached S3 before its server died',
      async () => {
        const KEYS = `${PREFIX}/`;
        const c = await account();
        const data = randomBytes(PART + 1234);
        for (const via of ['download', 'sweep'] as const) {
          const created = await fetch(`${server.origin}/api/uploads`, {
            method: 'POST',
            headers: {
              ...headers(c),
              'tus-resumable': '1.0.0',
              'upload-length': String(data.length),
            },
          });
          expect(created.status).toBe(201);
          const url = `${server.origin}${created.headers.get('location')!}`;
          const id = idOf(url);
          // What the dead server did: both parts uploaded into the open multipart upload, no join.
          const info = await s3!.client.headObject({ Bucket: BUCKET, Key: `${KEYS}${id}.info` });
          const uploadId = info.Metadata!['upload-id']!;
          for (const [n, bytes] of [data.subarray(0, PART), data.subarray(PART)].entries()) {
            await s3!.client.uploadPart({
              Bucket: BUCKET,
              Key: `${KEYS}${id}`,
              UploadId: uploadId,
              PartNumber: n + 1,
              Body: bytes,
            });
          }
          expect(await offsetOf(c, url)).toBe(data.length);
          expect(await stored(id)).toContain(`${KEYS}${id} (unfinished multipart upload)`);

          if (via === 'sweep') {
            await server.database.db
              .updateTable('uploads')
              .set({ created_at: sql`now() - interval '2 days'` } as never)
              .where('id', '=', id)
              .execute();
            expect(await server.blobs.sweepAbandoned()).toBe(0);
          }
          const hash = (b: Buffer) => createHash('sha256').update(b).digest('hex');
          expect(hash(await download(c, url))).toBe(hash(data));
          expect(await stored(id)).toEqual([`${KEYS}${id}`, `${KEYS}${id}.info`]);
          const row = await server.database.db
            .selectFrom('uploads')
            .select('completed_at')
            .where('id', '=', id)
            .executeTakeFirstOrThrow();
          expect(row.completed_at).not.toBeNull();
        }
        // Bytes still missing: not joined, not downloadable, and the client is told where to resume.
        const created = await fetch(`${server.origin}/api/uploads`, {
          method: 'POST',
          headers: {
            ...headers(c),
            'tus-resumable': '1.0.0',
            'upload-length': String(data.length),
          },
        });
        const url = `${server.origin}${created.headers.get('location')!}`;
        const info = await s3!.client.headObject({
          Bucket: BUCKET,
          Key: `${KEYS}${idOf(url)}.info`,
        });
        await s3!.client.uploadPart({
          Bucket: BUCKET,
          Key: `${KEYS}${idOf(url)}`,
          UploadId: info.Metadata!['upload-id']!,
          PartNumber: 1,
          Body: data.subarray(0, PART),
        });
        expect((await fetch(url, { headers: { cookie: c.cookie! } })).status).toBe(404);
        expect(await offsetOf(c, url)).toBe(PART);
      },
      TIMEOUT,
    );
  }
});

describe.skipIf(!HAVE_SWIFT)('the S3 store at start', () => {
  const settings = async (change: Partial<S3Settings>): Promise<S3Settings> => {
    const env = await (await sharedS3()).bucket('mosaic-start');
    return {
      kind: 's3',
      bucket: 'mosaic-start',
      prefix: '',
      endpoint: env.S3_ENDPOINT,
      region: env.S3_REGION!,
      forcePathStyle: true,
      accessKeyId: env.S3_ACCESS_KEY_ID!,
      secretAccessKey: env.S3_SECRET_ACCESS_KEY!,
      ...change,
    };
  };
  const refusal = async (change: Partial<S3Settings>): Promise<string> => {
    const error = await openBlobStore(await settings(change)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StartupError);
    return (error as Error).message;
  };

  it('opens a bucket that exists with the right key', async () => {
    const store = await openBlobStore(await settings({}));
    expect(store.kind).toBe('s3');
    await store.close();
  });

  it('refuses a wrong secret without repeating it', async () => {
    const message = await refusal({ secretAccessKey: 'not-the-secret' });
    expect(message).toMatch(
      /^Cannot use the S3 bucket "mosaic-start" at 127\.0\.0\.1:\d+: access denied/,
    );
    expect(message).not.toContain('not-the-secret');
  });

  it('refuses a bucket that does not exist', async () => {
    expect(await refusal({ bucket: 'mosaic-nowhere' })).toMatch(
      /^Cannot use the S3 bucket "mosaic-nowhere" .*: there is no such bucket/,
    );
  });
});
