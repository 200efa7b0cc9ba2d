/**
 * Record writes through the vault API over loopback HTTP — session check, CSRF, validation and
 * a transaction per write — on PGlite and (when TEST_DATABASE_URL is set) PostgreSQL. Baseline:
 * the same inserts made directly through the records service on the same database, in the same run,
 * so the figure shows what the API layer costs.
 */
import { randomBytes } from 'node:crypto';
import { createRecord } from '../src/server/services/records.js';
import { startLiveServer } from '../test/support/browser.js';
import { POSTGRES_URL } from '../test/support/databases.js';
import { KDF } from '../test/support/vault-client.js';
import type { BenchFigure } from './bench.js';

const WRITES = 2000;
const CONCURRENCY = 8;
const CIPHERTEXT = randomBytes(600).toString('base64url'); // a typical diary entry, padded

export async function vaultWrites(): Promise<BenchFigure[]> {
  const figures: BenchFigure[] = [];
  const engines: ('pglite' | 'postgres')[] = POSTGRES_URL ? ['pglite', 'postgres'] : ['pglite'];
  for (const engine of engines) {
    figures.push(...(await measure(engine)));
  }
  return figures;
}

async function measure(engine: 'pglite' | 'postgres'): Promise<BenchFigure[]> {
  const server = await startLiveServer({}, engine);
  try {
    const signUp = await fetch(`${server.origin}/api/accounts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        username: `bench-${randomBytes(4).toString('hex')}`,
        kdf: KDF,
        authKey: randomBytes(32).toString('base64url'),
        recoveryAuthKey: randomBytes(32).toString('base64url'),
        wrappedAccountKey: {
          byPassphrase: randomBytes(73).toString('base64url'),
          byRecoveryKey: randomBytes(73).toString('base64url'),
        },
      }),
    });
    const cookie = (signUp.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const { csrfToken } = (await signUp.json()) as { csrfToken: string };
    const accountId = (
      await server.database.db.selectFrom('accounts').select('id').executeTakeFirstOrThrow()
    ).id;

    const api = await run(async () => {
      const res = await fetch(`${server.origin}/api/records`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie, 'x-mosaic-csrf': csrfToken },
        body: JSON.stringify({
          id: randomBytes(16).toString('base64url'),
          type: 'incident',
          ciphertext: CIPHERTEXT,
          wrappedKey: randomBytes(73).toString('base64url'),
        }),
      });
      if (res.status !== 201) throw new Error(`write failed: ${res.status}`);
      await res.arrayBuffer();
    });
    const direct = await run(async () => {
      await createRecord(
        server.database.db,
        accountId,
        {
          id: randomBytes(16).toString('base64url'),
          type: 'incident',
          ciphertext: randomBytes(600),
          wrappedKey: randomBytes(73),
        },
        server.config.records.quotaBytes,
      );
    });
    console.log(
      `${engine}: API ${api.perSecond.toFixed(0)} writes/s (p99 ${api.p99.toFixed(1)} ms); ` +
        `repository ${direct.perSecond.toFixed(0)} writes/s (p99 ${direct.p99.toFixed(1)} ms)`,
    );
    return [
      {
        name: `vault record writes/s (${engine})`,
        value: round(api.perSecond),
        unit: 'writes/s',
        baseline: 'repository inserts, no HTTP',
        baseline_value: round(direct.perSecond),
      },
      {
        name: `vault record write p99 (${engine})`,
        value: round(api.p99),
        unit: 'ms',
        baseline: 'repository inserts, no HTTP',
        baseline_value: round(direct.p99),
      },
    ];
  } finally {
    await server.close();
  }
}

async function run(write: () => Promise<void>): Promise<{ perSecond: number; p99: number }> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < WRITES) {
        next++;
        const t0 = performance.now();
        await write();
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    perSecond: latencies.length / seconds,
    p99: latencies[Math.floor(latencies.length * 0.99)] ?? 0,
  };
}

const round = (n: number): number => Math.round(n * 10) / 10;
