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
import { VaultApi } from '../src/vault/index.js';
import type { BenchFigure } from './bench.js';
import { cookieFetch } from './vault-account.js';

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
    // Opaque random keys: the server never sees the real ones, and this measures the server.
    const jar = cookieFetch();
    const client = new VaultApi({ base: server.origin, fetch: jar.fetch });
    const { csrfToken } = await client.createAccount({
      username: `bench-${randomBytes(4).toString('hex')}`,
      kdf: KDF,
      authKey: randomBytes(32).toString('base64url'),
      recoveryAuthKey: randomBytes(32).toString('base64url'),
      wrappedAccountKey: {
        byPassphrase: randomBytes(73).toString('base64url'),
        byRecoveryKey: randomBytes(73).toString('base64url'),
      },
    });
    client.setCsrfToken(csrfToken);
    const accountId = (
      await server.database.db.selectFrom('accounts').select('id').executeTakeFirstOrThrow()
    ).id;

    const api = await run(async () => {
      await client.createRecord({
        id: randomBytes(16).toString('base64url'),
        type: 'incident',
        ciphertext: CIPHERTEXT,
        wrappedKey: randomBytes(73).toString('base64url'),
      });
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
