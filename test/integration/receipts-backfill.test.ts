/**
 * The backfill, on PGlite and PostgreSQL: a database written without receipts (record
 * revisions and a finished evidence file with no leaf, as before the log existed) gets exactly
 * one leaf per revision and per file once app servers with receipts start on it — two at once,
 * then again after a restart — in the order they were stored, each leaf keeping its original
 * received time and saying when it was backfilled (a v2 leaf), never older than the log. Their
 * receipts verify and show that they were backfilled.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOG_KEY_PATH } from '../../src/contract/receipts.js';
import { CSRF_HEADER } from '../../src/contract/vault-api.js';
import { decodeReceiptLeaf } from '../../src/crypto/checkpoint.js';
import { ed25519Verifier } from '../../src/crypto/signed-note.js';
import { verifyReceiptProof } from '../../src/crypto/tlog-proof.js';
import { buildApp } from '../../src/server/app.js';
import { loadConfig, type Config } from '../../src/server/config.js';
import type { ReceiptLog } from '../../src/server/log/receipt-log.js';
import { ENGINES, freshDatabase, type TestDatabase } from '../support/databases.js';
import { blob, recordId, VaultClient } from '../support/vault-client.js';

const sha256 = (bytes: Uint8Array) => new Uint8Array(createHash('sha256').update(bytes).digest());

describe.each(ENGINES)('the receipt backfill on $name', ({ name, available }) => {
  let dataDir: string;
  let config: Config;
  let database: TestDatabase;
  const apps: FastifyInstance[] = [];
  beforeAll(async () => {
    if (!available) return;
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'mosaic-test-backfill-'));
    config = await loadConfig({ LOG_LEVEL: 'silent', DATA_DIR: dataDir });
    database = await freshDatabase(name);
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    await database?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });
  const test = available ? it : it.skip;

  const start = async (receipts: boolean) => {
    let log: ReceiptLog | undefined;
    const app = await buildApp({ config, database, receipts, onReceiptLog: (l) => (log = l) });
    await app.ready();
    apps.push(app);
    return { app, log: log! };
  };
  const stop = async (app: FastifyInstance) => {
    apps.splice(apps.indexOf(app), 1);
    await app.close();
  };
  const count = async (table: 'log_leaves' | 'log_pending') =>
    Number(
      (await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(database.db))
        .rows[0]!.n,
    );

  test('gives each old revision and file exactly one backfilled leaf', async () => {
    // Before the log: an app server that writes no receipts.
    const old = await start(false);
    const c = new VaultClient(old.app, `backfill-${process.pid}`, '203.0.113.9');
    expect((await c.signUp()).statusCode).toBe(201);
    const ids = [recordId(), recordId(), recordId()];
    for (const id of ids) expect((await c.createRecord(id)).statusCode).toBe(201);
    for (const revision of [1, 2]) {
      const res = await c.request('PUT', `/api/records/${ids[1]}`, {
        expectedRevision: revision,
        ciphertext: blob(200),
        wrappedKey: blob(73),
      });
      expect(res.statusCode).toBe(200);
    }
    const bytes = Buffer.from(blob(2000), 'base64url');
    const headers = { cookie: c.cookie!, [CSRF_HEADER]: c.csrf!, 'tus-resumable': '1.0.0' };
    const created = await old.app.inject({
      method: 'POST',
      url: '/api/uploads',
      headers: { ...headers, 'upload-length': String(bytes.length) },
    });
    expect(created.statusCode).toBe(201);
    const uploadId = String(created.headers.location).split('/').pop()!;
    const patched = await old.app.inject({
      method: 'PATCH',
      url: `/api/uploads/${uploadId}`,
      headers: {
        ...headers,
        'upload-offset': '0',
        'content-type': 'application/offset+octet-stream',
      },
      payload: bytes,
    });
    expect(patched.statusCode).toBe(204);
    // Stored long ago, one a day, in a known order: the third record first, the file last.
    const stored = [
      [ids[2], 1],
      [ids[0], 1],
      [ids[1], 1],
      [ids[1], 2],
      [ids[1], 3],
    ] as const;
    for (const [i, [id, revision]] of stored.entries()) {
      await sql`update record_revisions set created_at = ${new Date(Date.UTC(2025, 0, i + 1))}
        where record_id = ${id} and revision = ${revision}`.execute(database.db);
    }
    const fileTime = new Date(Date.UTC(2025, 0, 10));
    await sql`update uploads set completed_at = ${fileTime} where id = ${uploadId}`.execute(
      database.db,
    );
    await stop(old.app);
    expect(await count('log_leaves')).toBe(0);
    expect(await count('log_pending')).toBe(0);

    // Two app servers with receipts start on it at once; each backfills at start-up.
    const backfillStarted = Date.now();
    const [a, b] = await Promise.all([start(true), start(true)]);
    await Promise.all([a.log.checkpointNow(), b.log.checkpointNow()]);
    await Promise.all([a.log.checkpointNow(), b.log.checkpointNow()]);
    expect(await count('log_leaves')).toBe(6);
    expect(await count('log_pending')).toBe(0);
    const linked = await sql<{ n: string }>`
      select count(*) as n from record_revisions where log_entry_id is not null`.execute(
      database.db,
    );
    expect(Number(linked.rows[0]!.n)).toBe(5);

    const rows = await sql<{ idx: string; leaf: Uint8Array }>`
      select idx, leaf from log_leaves order by idx`.execute(database.db);
    const decoded = rows.rows.map((r) => decodeReceiptLeaf(new Uint8Array(r.leaf)));
    expect(decoded.map((d) => [d.recordId, d.revision])).toEqual([...stored, [uploadId, 0]]);
    for (const [i, d] of decoded.entries()) {
      expect(d.receivedAt).toBe(i < 5 ? Date.UTC(2025, 0, i + 1) : fileTime.getTime());
      // Never older than the log: the time it entered it is on the leaf.
      expect(d.backfilledAt).toBeGreaterThanOrEqual(backfillStarted - 5_000);
    }

    // A restart backfills nothing more.
    await stop(a.app);
    const again = await start(true);
    await again.log.checkpointNow();
    expect(await count('log_leaves')).toBe(6);

    // The receipts verify and say they were backfilled.
    const logKey = await ed25519Verifier(
      (await again.app.inject({ method: 'GET', url: LOG_KEY_PATH })).body.trim(),
    );
    const origin = (await again.app.inject({ method: 'GET', url: '/api/log/key' })).json<{
      origin: string;
    }>().origin;
    const owner = new VaultClient(again.app, c.username, '203.0.113.9');
    owner.cookie = c.cookie;
    owner.csrf = c.csrf;
    const revisions = await owner.request('GET', `/api/records/${ids[1]}/revisions`);
    const third = revisions
      .json<{ revisions: { revision: number; ciphertext: string }[] }>()
      .revisions.find((r) => r.revision === 3)!;
    const receipt = await owner.request('GET', `/api/records/${ids[1]}/revisions/3/receipt`);
    expect(receipt.statusCode, receipt.body).toBe(200);
    const body = receipt.json<{
      leafIndex: number;
      proof: string;
      receivedAt: string;
      backfilledAt: string | null;
    }>();
    expect(body.leafIndex).toBe(4);
    expect(body.receivedAt).toBe(new Date(Date.UTC(2025, 0, 5)).toISOString());
    expect(body.backfilledAt).not.toBeNull();
    const verified = await verifyReceiptProof({
      proof: body.proof,
      ciphertextSha256: sha256(Buffer.from(third.ciphertext, 'base64url')),
      logKey,
      origin,
    });
    expect(verified.receipt.backfilledAt).toBe(Date.parse(body.backfilledAt!));
    const file = await owner.request('GET', `/api/uploads/${uploadId}/receipt`);
    expect(file.statusCode, file.body).toBe(200);
    const fileReceipt = file.json<{ proof: string; backfilledAt: string | null }>();
    expect(fileReceipt.backfilledAt).not.toBeNull();
    await verifyReceiptProof({
      proof: fileReceipt.proof,
      ciphertextSha256: sha256(bytes),
      logKey,
      origin,
    });
  }, 120_000);
});
