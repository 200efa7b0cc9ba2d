/**
 * The log's key and trusted time: LOG_SIGNING_KEY is used when given; a key made at first start
 * is kept in the database and used again after a restart; an unreadable key, or a LOG_ORIGIN
 * that is not the key's name, stops the server with a clear line. With TSA_URL set, checkpoints
 * are countersigned by a real RFC 3161 TSA (`openssl ts`, test/support/tsa.ts) and the token
 * verifies with src/crypto and with OpenSSL; a TSA that is down never blocks a write.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOG_KEY_PATH } from '../../src/contract/receipts.js';
import { formatEd25519PrivateKey, ed25519Verifier } from '../../src/crypto/signed-note.js';
import { formatCheckpointBody, verifyCheckpointNote } from '../../src/crypto/tlog-checkpoint.js';
import { verifyTimeStampToken } from '../../src/crypto/timestamp.js';
import { buildApp } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config.js';
import type { ReceiptLog } from '../../src/server/log/receipt-log.js';
import { startTestApp } from '../support/app.js';
import { freePort } from '../support/app-process.js';
import { freshDatabase } from '../support/databases.js';
import { createTestTsa, type TestTsa } from '../support/tsa.js';
import { VaultClient } from '../support/vault-client.js';

const ORIGIN = 'keys.example.org/receipts';

describe('the receipt log key', () => {
  it('signs with LOG_SIGNING_KEY when it is given', async () => {
    const skey = await formatEd25519PrivateKey(ORIGIN, new Uint8Array(randomBytes(32)));
    const t = await startTestApp({ env: { LOG_SIGNING_KEY: skey } });
    try {
      const vkey = (await t.app.inject({ method: 'GET', url: LOG_KEY_PATH })).body.trim();
      expect(vkey.startsWith(`${ORIGIN}+`)).toBe(true);
      const cp = await t.log.checkpointNow();
      await verifyCheckpointNote({
        note: cp.note,
        logKey: await ed25519Verifier(vkey),
        origin: ORIGIN,
      });
    } finally {
      await t.close();
    }
  });

  it('refuses an unreadable LOG_SIGNING_KEY, and a LOG_ORIGIN that is not the key’s name', async () => {
    await expect(
      startTestApp({ env: { LOG_SIGNING_KEY: 'PRIVATE+KEY+nonsense' } }),
    ).rejects.toThrow(/LOG_SIGNING_KEY cannot be read/);
    const skey = await formatEd25519PrivateKey(ORIGIN, new Uint8Array(randomBytes(32)));
    await expect(
      startTestApp({ env: { LOG_SIGNING_KEY: skey, LOG_ORIGIN: 'other.example.org/log' } }),
    ).rejects.toThrow(/LOG_ORIGIN is other\.example\.org\/log but the log key is named/);
  });

  it('keeps a key made at first start, and refuses it if it becomes unreadable', async () => {
    const database = await freshDatabase('pglite');
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'mosaic-keys-'));
    const config = await loadConfig({
      LOG_LEVEL: 'silent',
      DATA_DIR: dataDir,
      PUBLIC_URL: 'https://support.example.org',
    });
    try {
      const vkeys: string[] = [];
      for (let start = 0; start < 2; start++) {
        const app = await buildApp({ config, database });
        await app.ready();
        vkeys.push((await app.inject({ method: 'GET', url: LOG_KEY_PATH })).body);
        await app.close();
      }
      expect(vkeys[0]).toBe(vkeys[1]);
      expect(vkeys[0]!.startsWith('support.example.org/receipts+')).toBe(true);
      await sql`update log_head set signing_key = 'PRIVATE+KEY+broken'`.execute(database.db);
      await expect(buildApp({ config, database })).rejects.toThrow(
        /kept in the database cannot be read/,
      );
    } finally {
      await database.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

describe('checkpoints countersigned by a time-stamp authority', () => {
  let tsa: TestTsa;
  let url: string;
  let folder: string;
  let anchors: string;
  beforeAll(async () => {
    tsa = await createTestTsa();
    url = await tsa.listen();
    folder = await mkdtemp(path.join(os.tmpdir(), 'mosaic-tsa-anchor-'));
    anchors = path.join(folder, 'ca.pem');
    const b64 = Buffer.from(tsa.caCertificate).toString('base64').replace(/.{64}/g, '$&\n');
    await writeFile(anchors, `-----BEGIN CERTIFICATE-----\n${b64}\n-----END CERTIFICATE-----\n`);
  }, 60_000);
  afterAll(async () => {
    await tsa?.close();
    await rm(folder, { recursive: true, force: true });
  });

  it('stamps a new checkpoint, and the token verifies with src/crypto and OpenSSL', async () => {
    const t = await startTestApp({ env: { TSA_URL: url, TSA_TRUST_ANCHORS: anchors } });
    try {
      const c = new VaultClient(t.app, `stamped-${process.pid}`);
      expect((await c.signUp()).statusCode).toBe(201);
      expect((await c.createRecord()).statusCode).toBe(201);
      const cp = await t.log.checkpointNow();
      expect(cp.timestamp).toBeDefined();
      const latest = (await t.app.inject({ method: 'GET', url: '/api/log/checkpoint' })).json<{
        size: number;
        timestamp: { token: string; time: string } | null;
      }>();
      expect(latest.size).toBe(cp.size);
      const token = new Uint8Array(Buffer.from(latest.timestamp!.token, 'base64'));
      const { rootHash } = (
        await verifyCheckpointNote({
          note: cp.note,
          logKey: await ed25519Verifier(
            (await t.app.inject({ method: 'GET', url: LOG_KEY_PATH })).body.trim(),
          ),
          origin: t.log.key.origin,
        })
      ).checkpoint;
      const body = new TextEncoder().encode(
        formatCheckpointBody({ origin: t.log.key.origin, size: cp.size, rootHash }),
      );
      const verified = await verifyTimeStampToken(token, {
        message: body,
        trustAnchors: [tsa.caCertificate],
      });
      expect(verified.genTime.toISOString()).toBe(latest.timestamp!.time);
      expect(await tsa.opensslVerify(token, body)).toBe(true);
      // Not for other bytes.
      await expect(
        verifyTimeStampToken(token, {
          message: new Uint8Array([1]),
          trustAnchors: [tsa.caCertificate],
        }),
      ).rejects.toMatchObject({ details: { reason: 'timestamp_imprint_mismatch' } });
    } finally {
      await t.close();
    }
  });

  it('never lets a TSA that is down block a write; the checkpoint stays unstamped', async () => {
    const down = `http://127.0.0.1:${await freePort()}/`;
    const t = await startTestApp({ env: { TSA_URL: down, TSA_TRUST_ANCHORS: anchors } });
    try {
      const c = new VaultClient(t.app, `unstamped-${process.pid}`);
      expect((await c.signUp()).statusCode).toBe(201);
      expect((await c.createRecord()).statusCode).toBe(201);
      const cp: Awaited<ReturnType<ReceiptLog['checkpointNow']>> = await t.log.checkpointNow();
      expect(cp.size).toBeGreaterThan(0);
      expect(cp.timestamp).toBeUndefined();
      const latest = (await t.app.inject({ method: 'GET', url: '/api/log/checkpoint' })).json<{
        timestamp: unknown;
      }>();
      expect(latest.timestamp).toBeNull();
    } finally {
      await t.close();
    }
  });
});
