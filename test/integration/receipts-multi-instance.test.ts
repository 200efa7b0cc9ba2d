/**
 * Two app servers (real child processes, `node dist/server/server.js`: run `npm run build`
 * first) on one PostgreSQL append to one receipt log at once. Afterwards every index from 0 to
 * N − 1 is there exactly once, each write's receipt names a different one (the servers' checkpointers
 * sequence the pending entries; no write answers with an index), both servers sign
 * with the one key made at first start, the checkpoint's root is the RFC 6962 root of every
 * stored leaf (recomputed here from all of them with src/crypto), and every receipt verifies
 * against the ciphertext stored.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOG_KEY_PATH } from '../../src/contract/receipts.js';
import { leafHash, merkleRoot } from '../../src/crypto/merkle.js';
import { ed25519Verifier } from '../../src/crypto/signed-note.js';
import { verifyCheckpointNote } from '../../src/crypto/tlog-checkpoint.js';
import { verifyReceiptProof } from '../../src/crypto/tlog-proof.js';
import { CSRF_HEADER } from '../../src/contract/vault-api.js';
import { openDatabase, type OpenDatabase } from '../../src/server/db/database.js';
import { migrateToLatest } from '../../src/server/db/migrate.js';
import { startAppProcess, type AppProcess } from '../support/app-process.js';
import { createThrowawayDatabase, POSTGRES_URL } from '../support/databases.js';
import { blob, KDF, key, recordId } from '../support/vault-client.js';

const WRITERS_PER_SERVER = 3;
const RECORDS_PER_WRITER = 8;
const REVISIONS_PER_RECORD = 2;

interface Writer {
  readonly origin: string;
  readonly cookie: string;
  readonly csrf: string;
}

async function signUp(origin: string, username: string): Promise<Writer> {
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
  return { origin, cookie, csrf: csrfToken };
}

async function call(w: Writer, method: string, url: string, body?: unknown) {
  const res = await fetch(`${w.origin}${url}`, {
    method,
    headers: {
      cookie: w.cookie,
      [CSRF_HEADER]: w.csrf,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

describe.skipIf(POSTGRES_URL === undefined)('one receipt log, two app servers', () => {
  let database: OpenDatabase;
  let drop: () => Promise<void>;
  const servers: AppProcess[] = [];
  const dataDirs: string[] = [];

  beforeAll(async () => {
    const throwaway = await createThrowawayDatabase();
    drop = throwaway.drop;
    database = await openDatabase({ engine: 'postgres', url: throwaway.url });
    await migrateToLatest(database.db);
    // Both start at once: the log key is made by whichever gets there first, and used by both.
    const started = await Promise.all(
      [0, 1].map(async () => {
        const dataDir = await mkdtemp(path.join(os.tmpdir(), 'mosaic-log-multi-'));
        dataDirs.push(dataDir);
        return startAppProcess({
          DATABASE_URL: throwaway.url,
          DATA_DIR: dataDir,
          LOG_CHECKPOINT_SECONDS: '1',
          LOG_ORIGIN: 'log-test.example.org/receipts',
        });
      }),
    );
    servers.push(...started);
  }, 120_000);

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await database?.close();
    await drop?.();
    for (const dir of dataDirs) await rm(dir, { recursive: true, force: true });
  });

  it('hands out every index once, and every receipt verifies', async () => {
    const keys = await Promise.all(
      servers.map(async (s) => (await fetch(`${s.origin}${LOG_KEY_PATH}`)).text()),
    );
    expect(keys[0]).toBe(keys[1]);
    const logKey = await ed25519Verifier(keys[0]!.trim());
    const origin = 'log-test.example.org/receipts';

    const writers = await Promise.all(
      servers.flatMap((s, si) =>
        Array.from({ length: WRITERS_PER_SERVER }, (_, wi) =>
          signUp(s.origin, `log-writer-${process.pid}-${si}-${wi}`),
        ),
      ),
    );
    // Every writer at once, each writing its records and their revisions in turn.
    const written = await Promise.all(
      writers.map(async (w) => {
        const mine: { id: string; revision: number }[] = [];
        for (let r = 0; r < RECORDS_PER_WRITER; r++) {
          const id = recordId();
          const created = await call(w, 'POST', '/api/records', {
            id,
            type: 'note',
            ciphertext: blob(200),
            wrappedKey: blob(73),
          });
          expect(created.status).toBe(201);
          // No index in the answer: the sequencer gives it after the write.
          expect(created.json.leafIndex).toBeUndefined();
          mine.push({ id, revision: 1 });
          for (let v = 1; v < REVISIONS_PER_RECORD; v++) {
            const updated = await call(w, 'PUT', `/api/records/${id}`, {
              expectedRevision: v,
              ciphertext: blob(300),
              wrappedKey: blob(73),
            });
            expect(updated.status).toBe(200);
            mine.push({ id, revision: v + 1 });
          }
        }
        return { writer: w, writes: mine };
      }),
    );
    const total = writers.length * RECORDS_PER_WRITER * REVISIONS_PER_RECORD;

    // Wait (no time limit asserted) until a checkpoint covers the whole log: 1 s cadence, each
    // server's checkpointer sequencing what is pending.
    const newestCheckpoint = async (): Promise<{ size: number; checkpoint: string }> =>
      (await fetch(`${servers[0]!.origin}/api/log/checkpoint`)).json() as Promise<{
        size: number;
        checkpoint: string;
      }>;
    let newest = await newestCheckpoint();
    while (newest.size < total) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      newest = await newestCheckpoint();
    }
    expect(newest.size).toBe(total);

    const rows = await sql<{ idx: string; leaf: Uint8Array }>`
      select idx, leaf from log_leaves order by idx`.execute(database.db);
    expect(rows.rows.map((r) => Number(r.idx))).toEqual(Array.from({ length: total }, (_, i) => i));
    const head = await sql<{ size: string }>`select size from log_head`.execute(database.db);
    expect(Number(head.rows[0]!.size)).toBe(total);
    const pending = await sql<{ n: string }>`select count(*) as n from log_pending`.execute(
      database.db,
    );
    expect(Number(pending.rows[0]!.n)).toBe(0);
    const checkpoint = newest.checkpoint;
    const verified = await verifyCheckpointNote({ note: checkpoint, logKey, origin });
    const allLeafHashes = await Promise.all(rows.rows.map((r) => leafHash(new Uint8Array(r.leaf))));
    expect(verified.checkpoint.rootHash).toEqual(await merkleRoot(allLeafHashes));

    const indices: number[] = [];
    for (const { writer, writes } of written) {
      for (const w of writes) {
        const receipt = await call(
          writer,
          'GET',
          `/api/records/${w.id}/revisions/${w.revision}/receipt`,
        );
        expect(receipt.status).toBe(200);
        const revisions = await call(writer, 'GET', `/api/records/${w.id}/revisions`);
        const stored = (
          revisions.json.revisions as { revision: number; ciphertext: string }[]
        ).find((r) => r.revision === w.revision)!;
        const ok = await verifyReceiptProof({
          proof: receipt.json.proof as string,
          ciphertextSha256: new Uint8Array(
            createHash('sha256').update(Buffer.from(stored.ciphertext, 'base64url')).digest(),
          ),
          logKey,
          origin,
        });
        expect(ok.index).toBe(receipt.json.leafIndex);
        expect(ok.receipt).toMatchObject({ recordId: w.id, revision: w.revision });
        indices.push(ok.index);
      }
    }
    // Every write has its own index, and together they are 0..N − 1, each exactly once.
    expect(indices.sort((a, b) => a - b)).toEqual(Array.from({ length: total }, (_, i) => i));
  }, 300_000);
});
