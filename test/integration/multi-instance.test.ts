/**
 * Several app servers on one PostgreSQL and one S3 bucket (OpenStack Swift), behind a balancer
 * with no sticky sessions: every request of an upload goes to one of two servers at random. With
 * interruptions and resumes, uploads running at once in one account, and one server killed
 * (SIGKILL) in the middle of them and started again, every file must arrive byte for byte, the
 * quota must hold against creations racing on both servers, and after the sweep nothing may be
 * left in the bucket or the lock table but the finished files.
 *
 * The servers are real child processes (`node dist/server/server.js`: run `npm run build`
 * first); a third app in this process, on the same database and bucket, runs the sweep.
 */
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { Upload } from '@tus/server';
import * as tus from 'tus-js-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UploadRoutes } from '../../src/server/api/upload-routes.js';
import { buildApp } from '../../src/server/app.js';
import { openBlobStore } from '../../src/server/blobs/index.js';
import { S3_PART_BYTES } from '../../src/server/blobs/s3-store.js';
import { loadConfig } from '../../src/server/config.js';
import { openDatabase, type OpenDatabase } from '../../src/server/db/database.js';
import { migrateToLatest } from '../../src/server/db/migrate.js';
import { startAppProcess, type AppProcess } from '../support/app-process.js';
import { startBalancer, type Balancer } from '../support/balancer.js';
import { createThrowawayDatabase, POSTGRES_URL } from '../support/databases.js';
import { HAVE_SWIFT, startS3Server, type S3Server } from '../support/s3-server.js';
import { blob, KDF, key } from '../support/vault-client.js';

const AVAILABLE = POSTGRES_URL !== undefined && HAVE_SWIFT;
const MB = 1024 * 1024;
const QUOTA_MB = 48;
const BUCKET = 'mosaic-multi';

interface Account {
  readonly cookie: string;
  readonly csrf: string;
}

/** Signs up over HTTP (through the balancer, so on either server). */
async function signUp(origin: string, username: string): Promise<Account> {
  const res = await fetch(`${origin}/api/accounts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      username,
      kdf: KDF,
      authKey: key(),
      recoveryAuthKey: key(),
      wrappedAccountKey: { byPassphrase: blob(73), byRecoveryKey: blob(73) },
    }),
  });
  expect(res.status, await res.clone().text()).toBe(201);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith('__Host-mosaic-session='))!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, csrf: csrfToken };
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

describe.skipIf(!AVAILABLE)('uploads across two app servers with no sticky sessions', () => {
  let swift: S3Server;
  let database: OpenDatabase;
  let dropDatabase: () => Promise<void>;
  let env: Record<string, string>;
  const servers: AppProcess[] = [];
  let balancer: Balancer;
  const dataDirs: string[] = [];
  let sweeperApp: FastifyInstance | undefined;
  let sweeper: UploadRoutes | undefined;

  beforeAll(async () => {
    swift = await startS3Server();
    const { url, drop } = await createThrowawayDatabase();
    dropDatabase = drop;
    database = await openDatabase({ engine: 'postgres', url });
    await migrateToLatest(database.db);
    env = {
      DATABASE_URL: url,
      ...(await swift.bucket(BUCKET)),
      ACCOUNT_QUOTA_MB: String(QUOTA_MB),
      UPLOAD_MAX_FILE_MB: '12',
    };
    for (let i = 0; i < 2; i++) {
      const dataDir = await mkdtemp(path.join(os.tmpdir(), 'mosaic-multi-'));
      dataDirs.push(dataDir);
      servers.push(await startAppProcess({ ...env, DATA_DIR: dataDir }));
    }
    balancer = await startBalancer(servers.map((s) => s.origin));
  }, 120_000);

  afterAll(async () => {
    await balancer?.close();
    await Promise.all(servers.map((s) => s.stop()));
    await sweeperApp?.close();
    await database?.close();
    await dropDatabase?.();
    await swift?.stop();
    for (const dir of dataDirs) await rm(dir, { recursive: true, force: true });
  });

  const tusHeaders = (a: Account) => ({ cookie: a.cookie, 'x-mosaic-csrf': a.csrf });

  /**
   * Uploads `data` through the balancer, stopping at random now and then and resuming with a new
   * tus.Upload (as the vault does after a reload), retrying through failures as tus-js-client
   * does. Resolves with the upload's URL once the server has acknowledged the last byte.
   */
  const upload = async (a: Account, data: Buffer, interruptions: number): Promise<string> => {
    let url: string | undefined;
    let left = interruptions;
    for (;;) {
      const result = await new Promise<{ finished: boolean }>((resolve, reject) => {
        let stopped = false;
        const u: tus.Upload = new tus.Upload(data, {
          endpoint: `${balancer.origin}/api/uploads`,
          ...(url ? { uploadUrl: url } : {}),
          headers: tusHeaders(a),
          chunkSize: MB,
          retryDelays: [100, 300, 500, 1000, 2000, 3000, 5000, 5000, 5000, 5000, 5000],
          storeFingerprintForResuming: false,
          // The URL the client is on now. With an endpoint set, tus-js-client answers a failed
          // HEAD when resuming (a 502 from the balancer while a server is killed) by quietly
          // creating a new upload, so the first URL may never be finished; the app sets no
          // endpoint when resuming (src/vault/evidence/tus-upload.ts) and retries instead.
          onChunkComplete: () => {
            url = u.url ?? url;
            if (!stopped && left > 0 && randomInt(10) < 3) {
              stopped = true;
              left--;
              void u.abort().then(() => resolve({ finished: false }));
            }
          },
          onSuccess: () => {
            url = u.url ?? url;
            resolve({ finished: true });
          },
          onError: (error) => reject(new Error(error.message.slice(0, 400))),
        });
        u.start();
      });
      if (result.finished) return url!;
      await new Promise((resolve) => setTimeout(resolve, randomInt(200)));
    }
  };

  const download = async (a: Account, url: string): Promise<Buffer> => {
    const res = await fetch(url.replace(/^https?:\/\/[^/]+/, balancer.origin), {
      headers: { cookie: a.cookie },
    });
    expect(res.status).toBe(200);
    return Buffer.from(await res.arrayBuffer());
  };

  const bucketKeys = async (): Promise<string[]> => {
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const page = await swift.client.listObjectsV2({ Bucket: BUCKET, ContinuationToken: token });
      keys.push(...(page.Contents ?? []).map((o) => o.Key!));
      token = page.NextContinuationToken;
    } while (token);
    const open = await swift.client.listMultipartUploads({ Bucket: BUCKET });
    keys.push(...(open.Uploads ?? []).map((u) => `${u.Key!} (unfinished multipart upload)`));
    return keys.sort();
  };

  const usedBytes = async (a: Account): Promise<number> => {
    const res = await fetch(`${balancer.origin}/api/uploads/limits`, {
      headers: { cookie: a.cookie },
    });
    return ((await res.json()) as { usedBytes: number }).usedBytes;
  };
  /** What each account of the first test holds once its uploads are done. */
  const delivered: { account: Account; bytes: number }[] = [];

  it('delivers every file byte for byte while requests alternate and a server is killed', async () => {
    const accounts = [
      await signUp(balancer.origin, `multi-a-${process.pid}`),
      await signUp(balancer.origin, `multi-b-${process.pid}`),
    ];
    // Three files at once in each account: across part boundaries, and a small one.
    const files = accounts.flatMap((a) =>
      [2 * S3_PART_BYTES + randomInt(MB), S3_PART_BYTES + randomInt(MB), randomInt(MB)].map(
        (size) => ({ account: a, data: randomBytes(size) }),
      ),
    );
    const uploads = files.map(async (f) => ({ ...f, url: await upload(f.account, f.data, 2) }));

    // Kill the second server once the uploads are under way, then bring it back.
    await new Promise((resolve) => setTimeout(resolve, 1500 + randomInt(1500)));
    const killed = servers[1]!;
    balancer.backends = [servers[0]!.origin];
    await killed.kill();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const dataDir = dataDirs[1]!;
    servers[1] = await startAppProcess({ ...env, DATA_DIR: dataDir, PORT: String(killed.port) });
    balancer.backends = servers.map((s) => s.origin);

    const done = await Promise.all(uploads);
    for (const { account, data, url } of done) {
      const back = await download(account, url);
      expect(back.length).toBe(data.length);
      expect(sha256(back)).toBe(sha256(data));
    }
    console.log(
      `two servers: ${files.length} files (${files.reduce((n, f) => n + f.data.length, 0)} bytes) delivered byte for byte; requests per server ${[...balancer.counts.values()].join(' / ')}; one killed and restarted`,
    );
    // Both servers took part.
    for (const s of servers) expect(balancer.counts.get(s.origin) ?? 0).toBeGreaterThan(0);
    // The quota counts at least what was stored: a creation cut off by the kill may have left
    // an upload the client never heard of, which the sweep removes (checked there).
    for (const a of accounts) {
      const stored = files.filter((f) => f.account === a).reduce((n, f) => n + f.data.length, 0);
      expect(await usedBytes(a)).toBeGreaterThanOrEqual(stored);
      delivered.push({ account: a, bytes: stored });
    }
  }, 240_000);

  it('makes a resumed upload on one server wait, briefly, for a stalled request on the other', async () => {
    const a = await signUp(balancer.origin, `multi-lock-${process.pid}`);
    const data = randomBytes(2 * S3_PART_BYTES + 12345);
    const created = await fetch(`${servers[0]!.origin}/api/uploads`, {
      method: 'POST',
      headers: { ...tusHeaders(a), 'tus-resumable': '1.0.0', 'upload-length': String(data.length) },
    });
    expect(created.status).toBe(201);
    const url = `${balancer.origin}${created.headers.get('location')!}`;
    const pathname = new URL(url).pathname;
    // A PATCH to the first server that sends 1 MiB and then stalls, as a phone going into a
    // tunnel does: the server holds the upload's lock while it waits for more.
    let stalledEnded = 0;
    const stalled = httpRequest(`${servers[0]!.origin}${pathname}`, {
      method: 'PATCH',
      agent: false,
      headers: {
        ...tusHeaders(a),
        'tus-resumable': '1.0.0',
        'upload-offset': '0',
        'content-type': 'application/offset+octet-stream',
        'content-length': String(data.length),
      },
    });
    const stalledDone = new Promise<void>((resolve) => {
      const end = () => {
        stalledEnded ||= Date.now();
        resolve();
      };
      stalled.on('response', (res) => {
        res.resume();
        res.on('end', end);
        res.on('close', end);
      });
      stalled.on('error', end);
      stalled.on('close', end);
    });
    stalled.write(data.subarray(0, MB));
    await new Promise((resolve) => setTimeout(resolve, 700));
    // The person's phone resumes through the other server: it must wait until the first server
    // has let go (never act on the upload while the stalled request still holds it), and not
    // for long.
    const asked = Date.now();
    const head = await fetch(`${servers[1]!.origin}${pathname}`, {
      method: 'HEAD',
      headers: { ...tusHeaders(a), 'tus-resumable': '1.0.0' },
    });
    const answered = Date.now();
    expect(head.status).toBe(200);
    expect(stalledEnded, 'the stalled request was still holding the upload').toBeGreaterThan(0);
    expect(stalledEnded).toBeLessThanOrEqual(answered);
    expect(answered - asked).toBeLessThan(8000);
    await stalledDone;
    stalled.destroy();
    // The rest, through the balancer; then the bytes must be exactly the file's.
    await new Promise<void>((resolve, reject) => {
      const u: tus.Upload = new tus.Upload(data, {
        endpoint: `${balancer.origin}/api/uploads`,
        uploadUrl: url,
        headers: tusHeaders(a),
        chunkSize: MB,
        retryDelays: [100, 500, 1000, 2000],
        storeFingerprintForResuming: false,
        onSuccess: () => resolve(),
        onError: reject,
      });
      u.start();
    });
    expect(sha256(await download(a, url))).toBe(sha256(data));
  }, 60_000);

  it("never answers from one server's memory for an upload another server removed", async () => {
    const settings = (await loadConfig({ ...env, LOG_LEVEL: 'silent' })).blobs;
    const [first, second] = [await openBlobStore(settings), await openBlobStore(settings)];
    try {
      const id = randomBytes(16).toString('hex');
      await first.datastore.create(new Upload({ id, size: 3 * MB, offset: 0 }));
      // The second server looks at it (as a HEAD does), then the first removes it.
      expect((await second.datastore.getUpload(id)).offset).toBe(0);
      await first.remove(id);
      // The second must see it gone, not report a removed upload as complete.
      await expect(second.datastore.getUpload(id)).rejects.toMatchObject({ status_code: 404 });
    } finally {
      await first.close();
      await second.close();
    }
  });

  it('holds the quota when creations race on both servers', async () => {
    const a = await signUp(balancer.origin, `multi-quota-${process.pid}`);
    const size = 11 * MB;
    // Nine creations of 11 MiB at once, for a quota of 48 MiB: at most four may be accepted.
    const answers = await Promise.all(
      Array.from({ length: 9 }, () =>
        fetch(`${balancer.origin}/api/uploads`, {
          method: 'POST',
          headers: { ...tusHeaders(a), 'tus-resumable': '1.0.0', 'upload-length': String(size) },
        }),
      ),
    );
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201).length).toBe(Math.floor(QUOTA_MB / 11));
    expect(statuses.filter((s) => s !== 201).every((s) => s === 413)).toBe(true);
    const refused = answers.find((r) => r.status === 413)!;
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe(
      'quota_exceeded',
    );
    const res = await fetch(`${balancer.origin}/api/uploads/limits`, {
      headers: { cookie: a.cookie },
    });
    expect(((await res.json()) as { usedBytes: number }).usedBytes).toBeLessThanOrEqual(
      QUOTA_MB * MB,
    );
  }, 60_000);

  it('leaves nothing behind after the sweep but the finished files', async () => {
    // A third app on the same database and bucket, sweeping anything not finished at once.
    const config = await loadConfig({
      ...env,
      LOG_LEVEL: 'silent',
      DATA_DIR: dataDirs[0]!,
    });
    sweeperApp = await buildApp({
      config: { ...config, uploads: { ...config.uploads, abandonAfterSeconds: 0 } },
      database: { ...database, close: async () => {} },
      onUploads: (uploads) => (sweeper = uploads),
    });
    await sweeperApp.ready();
    // Leave one upload half done, as a person who gave up would.
    const a = await signUp(balancer.origin, `multi-sweep-${process.pid}`);
    const data = randomBytes(S3_PART_BYTES + 1000);
    await new Promise<void>((resolve, reject) => {
      const u: tus.Upload = new tus.Upload(data, {
        endpoint: `${balancer.origin}/api/uploads`,
        headers: tusHeaders(a),
        chunkSize: MB,
        retryDelays: [],
        storeFingerprintForResuming: false,
        onChunkComplete: (_c, sent) => {
          if (sent >= 2 * MB) void u.abort().then(() => resolve());
        },
        onError: reject,
      });
      u.start();
    });
    // A file whose last byte a server stored before dying, without marking its row finished:
    // the client heard "all sent" from the next HEAD, so the sweep must keep it.
    const kept = await database.db
      .selectFrom('uploads')
      .select(['id', 'account_id'])
      .where('completed_at', 'is not', null)
      .where('length', '>', '0')
      .executeTakeFirstOrThrow();
    await sql`update uploads set completed_at = null where id = ${kept.id}`.execute(database.db);
    // The locks of the killed server ran out long ago or were taken over; wait out any last one.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await sweeper!.sweepAbandoned();

    const finished = await database.db
      .selectFrom('uploads')
      .select('id')
      .where('completed_at', 'is not', null)
      .execute();
    const unfinished = await database.db
      .selectFrom('uploads')
      .select('id')
      .where('completed_at', 'is', null)
      .execute();
    expect(unfinished).toEqual([]);
    // Now the quota counts exactly the files that were delivered.
    for (const { account, bytes } of delivered) expect(await usedBytes(account)).toBe(bytes);
    expect(finished.map((f) => f.id)).toContain(kept.id);
    expect(await bucketKeys()).toEqual(finished.flatMap(({ id }) => [id, `${id}.info`]).sort());
    const locks = await sql<{ n: string }>`select count(*) as n from upload_locks`.execute(
      database.db,
    );
    expect(Number(locks.rows[0]!.n)).toBe(0);
  }, 60_000);
});
