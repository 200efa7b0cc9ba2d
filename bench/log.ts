/**
 * The receipt log: record writes per second through the API (in-process inject, 8 at a time)
 * with receipts on, against the same app with receipts off on the same engine in the same run
 * (rounds interleaved, so machine noise falls on both); and the time to build an inclusion proof
 * from the stored nodes, p99 over random leaves. On PostgreSQL the proof time is also measured
 * at 10^6 leaves, with the complete-subtree rows filled in by SQL (stand-in hashes: the figure
 * is the cost of reading and folding O(log n) rows, which does not depend on their values).
 * Target: receipts within 10% of the receipt-less rate; proofs ≤ 5 ms p99. A write with
 * receipts only adds its pending entry; the checkpointer sequences entries into leaves and nodes
 * on its cadence during the rounds (docs/decisions/0007-receipt-sequencing.md), and whatever is
 * left is sequenced before the proofs are timed.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { CSRF_HEADER } from '../src/contract/vault-api.js';
import { buildApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import { inclusionProofAt } from '../src/server/log/append.js';
import type { ReceiptLog } from '../src/server/log/receipt-log.js';
import { freshDatabase, POSTGRES_URL, type TestDatabase } from '../test/support/databases.js';
import { KDF } from '../test/support/vault-client.js';
import type { BenchFigure } from './bench.js';

const ROUNDS = 4;
const WRITES_PER_ROUND = 400;
const CONCURRENCY = 8;
const PROOFS = 1000;
const BIG_LOG = 1_000_000;

export async function logBench(): Promise<BenchFigure[]> {
  const figures: BenchFigure[] = [];
  const engines: ('pglite' | 'postgres')[] = POSTGRES_URL ? ['pglite', 'postgres'] : ['pglite'];
  for (const engine of engines) figures.push(...(await measure(engine)));
  return figures;
}

interface Writer {
  readonly app: FastifyInstance;
  readonly log: ReceiptLog;
  readonly database: TestDatabase;
  readonly headers: Record<string, string>;
  close(): Promise<void>;
}

async function writer(engine: 'pglite' | 'postgres', receipts: boolean): Promise<Writer> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'mosaic-bench-log-'));
  const config = await loadConfig({ LOG_LEVEL: 'silent', DATA_DIR: dataDir });
  const database = await freshDatabase(engine);
  let log: ReceiptLog | undefined;
  const app = await buildApp({ config, database, receipts, onReceiptLog: (l) => (log = l) });
  await app.ready();
  if (!log) throw new Error('the app did not open its receipt log');
  const signUp = await app.inject({
    method: 'POST',
    url: '/api/accounts',
    payload: {
      username: `bench-log-${receipts ? 'on' : 'off'}`,
      kdf: KDF,
      authKey: randomBytes(32).toString('base64url'),
      recoveryAuthKey: randomBytes(32).toString('base64url'),
      wrappedAccountKey: {
        byPassphrase: randomBytes(73).toString('base64url'),
        byRecoveryKey: randomBytes(73).toString('base64url'),
      },
    },
  });
  if (signUp.statusCode !== 201) throw new Error(`sign-up failed: ${signUp.statusCode}`);
  const cookie = signUp.cookies.find((c) => c.name === '__Host-mosaic-session')!;
  return {
    app,
    log,
    database,
    headers: {
      cookie: `${cookie.name}=${cookie.value}`,
      [CSRF_HEADER]: signUp.json<{ csrfToken: string }>().csrfToken,
    },
    async close() {
      await app.close();
      await database.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function writeRound(w: Writer, latencies: number[]): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < WRITES_PER_ROUND) {
        next++;
        const t0 = performance.now();
        const res = await w.app.inject({
          method: 'POST',
          url: '/api/records',
          headers: w.headers,
          payload: {
            id: randomBytes(16).toString('base64url'),
            type: 'incident',
            ciphertext: randomBytes(600).toString('base64url'),
            wrappedKey: randomBytes(73).toString('base64url'),
          },
        });
        if (res.statusCode !== 201) throw new Error(`write failed: ${res.statusCode}`);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return performance.now() - started;
}

async function proofP99(w: Writer, size: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < PROOFS; i++) {
    const index = randomInt(size);
    const t0 = performance.now();
    await inclusionProofAt(w.database.db, index, size);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length * 0.99)] ?? 0;
}

async function measure(engine: 'pglite' | 'postgres'): Promise<BenchFigure[]> {
  const on = await writer(engine, true);
  const off = await writer(engine, false);
  try {
    const ms = { on: 0, off: 0 };
    const lat = { on: [] as number[], off: [] as number[] };
    for (let round = 0; round < ROUNDS; round++) {
      ms.on += await writeRound(on, lat.on);
      ms.off += await writeRound(off, lat.off);
    }
    const total = ROUNDS * WRITES_PER_ROUND;
    const rate = { on: total / (ms.on / 1000), off: total / (ms.off / 1000) };
    // Sequencing is the checkpointer's, off the write path (every LOG_CHECKPOINT_SECONDS while
    // the rounds ran); what is still pending is sequenced and timed here, to show it keeps up.
    const t0 = performance.now();
    await on.log.checkpointNow();
    const sequenceMs = performance.now() - t0;
    const proof = await proofP99(on, total);
    console.log(
      `${engine}: receipts on ${rate.on.toFixed(0)} writes/s, off ${rate.off.toFixed(0)} writes/s; ` +
        `inclusion proof p99 ${proof.toFixed(2)} ms at ${total} leaves; ` +
        `last sequencing and checkpoint ${sequenceMs.toFixed(0)} ms`,
    );
    const figures: BenchFigure[] = [
      {
        name: `record writes/s with receipts (${engine})`,
        value: round(rate.on),
        unit: 'writes/s',
        baseline: 'the same API with receipts off',
        baseline_value: round(rate.off),
      },
      {
        name: `inclusion proof p99 at ${total} leaves (${engine})`,
        value: round(proof),
        unit: 'ms',
        baseline: 'target',
        baseline_value: 5,
      },
    ];
    if (engine === 'postgres') {
      await fillNodes(on.database, BIG_LOG);
      const big = await proofP99(on, BIG_LOG);
      console.log(`${engine}: inclusion proof p99 ${big.toFixed(2)} ms at ${BIG_LOG} leaves`);
      figures.push({
        name: `inclusion proof p99 at 10^6 leaves (${engine})`,
        value: round(big),
        unit: 'ms',
        baseline: 'target',
        baseline_value: 5,
      });
    }
    return figures;
  } finally {
    await on.close();
    await off.close();
  }
}

/** Every complete-subtree row of a log of `size` leaves, with stand-in hashes. */
async function fillNodes(database: TestDatabase, size: number): Promise<void> {
  await sql`delete from log_nodes`.execute(database.db);
  await sql`
    insert into log_nodes (level, idx, hash)
    select l, i, sha256(convert_to(l || ':' || i, 'UTF8'))
    from generate_series(0, ${Math.floor(Math.log2(size))}) as l,
         lateral generate_series(0, (${size}::bigint / (2::bigint ^ l)::bigint) - 1) as i`.execute(
    database.db,
  );
  await sql`analyze log_nodes`.execute(database.db);
}

const round = (n: number): number => Math.round(n * 100) / 100;
