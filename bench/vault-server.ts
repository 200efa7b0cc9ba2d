/**
 * The vault API under load from outside: the real server process, started as `npm start` starts
 * it (node dist/server/server.js, its own data directory or PostgreSQL database, logging at its
 * default level), driven over loopback HTTP by autocannon from this process. Measures record
 * writes (POST /api/records, each with its own id: session check, CSRF, validation, insert,
 * quota, receipt entry, one transaction) and reads of a 500-record page. Baseline, in the same
 * run: the same writes made directly through the records service on a database of the same
 * engine opened in this process (no HTTP, no session, no validation).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { CSRF_HEADER } from '../src/contract/vault-api.js';
import { openDatabase, type OpenDatabase } from '../src/server/db/database.js';
import { migrateToLatest } from '../src/server/db/migrate.js';
import { PROJECT_ROOT } from '../src/server/paths.js';
import { createRecord } from '../src/server/services/records.js';
import { VaultApi } from '../src/vault/index.js';
import {
  createThrowawayDatabase,
  POSTGRES_URL,
  postgresTemplate,
} from '../test/support/databases.js';
import { KDF } from '../test/support/vault-client.js';
import type { BenchFigure } from './bench.js';
import { cookieFetch } from './vault-account.js';

/** Connections kept busy at once, as in bench/vault-writes.ts. */
const CONNECTIONS = 8;
const WRITE_SECONDS = Number(process.env.BENCH_SERVER_SECONDS ?? 10);
const READ_SECONDS = Math.max(3, Math.round(WRITE_SECONDS / 2));
const BASELINE_WRITES = 2000;
const CIPHERTEXT_BYTES = 600; // a typical diary entry, padded

type Engine = 'pglite' | 'postgres';

export async function vaultServer(): Promise<BenchFigure[]> {
  const engines: Engine[] = POSTGRES_URL ? ['pglite', 'postgres'] : ['pglite'];
  const figures: BenchFigure[] = [];
  for (const engine of engines) figures.push(...(await measure(engine)));
  return figures;
}

interface Latency {
  readonly total: number;
  readonly perSecond: number;
  readonly p50: number;
  readonly p99: number;
}

async function measure(engine: Engine): Promise<BenchFigure[]> {
  const repository = await repositoryBaseline(engine);
  const server = await startServerProcess(engine);
  try {
    const session = await signUp(server.origin);
    const headers = {
      cookie: session.cookie,
      [CSRF_HEADER]: session.csrfToken,
      'content-type': 'application/json',
    };
    const ciphertext = randomBytes(CIPHERTEXT_BYTES).toString('base64url');
    const wrappedKey = randomBytes(73).toString('base64url');
    const newRecord = (request: autocannon.Request): autocannon.Request => ({
      ...request,
      body: JSON.stringify({
        id: randomBytes(16).toString('base64url'),
        type: 'incident',
        ciphertext,
        wrappedKey,
      }),
    });
    const cpuBefore = server.cpuMs();
    const writes = await load({
      url: `${server.origin}/api/records`,
      duration: WRITE_SECONDS,
      requests: [
        {
          method: 'POST',
          headers,
          setupRequest: newRecord,
        },
      ],
    });
    const cpuAfter = server.cpuMs();
    // CPU per write: steadier than writes/s on a machine shared with other work.
    const cpuPerWrite =
      cpuBefore === undefined || cpuAfter === undefined
        ? undefined
        : (cpuAfter - cpuBefore) / writes.total;
    // The read figure is for full pages: top the account up to 500 records if need be.
    const missing = 500 - writes.total;
    if (missing > 0) {
      await load({
        url: `${server.origin}/api/records`,
        amount: missing,
        requests: [{ method: 'POST', headers, setupRequest: newRecord }],
      });
    }
    const reads = await load({
      url: `${server.origin}/api/records?limit=500`,
      duration: READ_SECONDS,
      headers: { cookie: session.cookie },
    });
    const line = (what: string, l: Latency): string =>
      `${what} ${l.perSecond.toFixed(0)}/s (p50 ${l.p50.toFixed(1)} ms, p99 ${l.p99.toFixed(1)} ms)`;
    console.log(
      `${engine}, server process + autocannon, ${CONNECTIONS} connections: ` +
        `${line('writes', writes)}; ${line('reads of 500 records', reads)}; ` +
        line('repository-only writes', repository) +
        (cpuPerWrite === undefined
          ? ''
          : `; server process CPU ${cpuPerWrite.toFixed(2)} ms/write`),
    );
    const baseline = 'repository inserts in-process, no HTTP';
    return [
      {
        name: `vault server record writes/s (${engine})`,
        value: round(writes.perSecond),
        unit: 'writes/s',
        baseline,
        baseline_value: round(repository.perSecond),
      },
      {
        name: `vault server record write p50 (${engine})`,
        value: round(writes.p50),
        unit: 'ms',
        baseline,
        baseline_value: round(repository.p50),
      },
      {
        name: `vault server record write p99 (${engine})`,
        value: round(writes.p99),
        unit: 'ms',
        baseline,
        baseline_value: round(repository.p99),
      },
      {
        name: `vault server reads of 500 records/s (${engine})`,
        value: round(reads.perSecond),
        unit: 'pages/s',
        baseline: 'record writes/s, same server',
        baseline_value: round(writes.perSecond),
      },
      {
        name: `vault server read 500 records p99 (${engine})`,
        value: round(reads.p99),
        unit: 'ms',
        baseline: 'record write p99, same server',
        baseline_value: round(writes.p99),
      },
    ];
  } finally {
    await server.stop();
  }
}

/** Runs autocannon; any non-2xx answer or error fails the benchmark rather than flattering it. */
async function load(options: autocannon.Options): Promise<Latency> {
  const result = await autocannon({ connections: CONNECTIONS, ...options });
  if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0) {
    throw new Error(
      `${options.url}: ${result.non2xx} non-2xx answers, ${result.errors} errors, ${result.timeouts} timeouts`,
    );
  }
  return {
    total: result.requests.total,
    perSecond: result.requests.total / (result.duration || WRITE_SECONDS),
    p50: result.latency.p50,
    p99: result.latency.p99,
  };
}

/** An account made through the API with opaque random keys: this measures the server. */
async function signUp(origin: string): Promise<{ cookie: string; csrfToken: string }> {
  const jar = cookieFetch();
  const client = new VaultApi({ base: origin, fetch: jar.fetch });
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
  return { cookie: jar.cookie(), csrfToken };
}

/** `node dist/server/server.js` on a free port, with its own data directory or database. */
async function startServerProcess(
  engine: Engine,
): Promise<{ origin: string; cpuMs: () => number | undefined; stop: () => Promise<void> }> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'mosaic-bench-server-'));
  const database =
    engine === 'postgres' ? await createThrowawayDatabase(await postgresTemplate()) : undefined;
  const port = await freePort();
  // The environment `npm start` would have, but for where it listens and keeps its data.
  const env: NodeJS.ProcessEnv = { ...process.env, HOST: '127.0.0.1' };
  delete env.DATABASE_URL;
  Object.assign(env, {
    PORT: String(port),
    DATA_DIR: dataDir,
    ...(database ? { DATABASE_URL: database.url } : {}),
  });
  // BENCH_SERVER_PROFILE=folder: the server writes a CPU profile there when it stops.
  const profile = process.env.BENCH_SERVER_PROFILE;
  const flags = profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [];
  const server = path.join(PROJECT_ROOT, 'dist/server/server.js');
  const child = spawn(process.execPath, [...flags, server], {
    cwd: PROJECT_ROOT,
    env,
    // The request log goes where a deployment's would: written, then thrown away here.
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const origin = `http://127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    await stopChild(child);
    await database?.drop();
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForHealth(origin, child, () => stderr);
  } catch (error) {
    await stop();
    throw error;
  }
  return { origin, cpuMs: () => processCpuMs(child.pid), stop };
}

async function waitForHealth(
  origin: string,
  child: ChildProcess,
  stderr: () => string,
): Promise<void> {
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited: ${stderr()}`);
    try {
      if ((await fetch(`${origin}/healthz`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`server did not start in time: ${stderr()}`);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('no port'));
      });
    });
  });
}

/**
 * The records service alone, in this process, on a database of the same kind the server uses
 * (PGlite on disk, or a PostgreSQL database of its own): the floor the API's cost is read
 * against.
 */
async function repositoryBaseline(engine: Engine): Promise<Latency> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'mosaic-bench-repo-'));
  const throwaway =
    engine === 'postgres' ? await createThrowawayDatabase(await postgresTemplate()) : undefined;
  let database: OpenDatabase | undefined;
  try {
    database = await openDatabase(
      throwaway ? { engine: 'postgres', url: throwaway.url } : { engine: 'pglite', dataDir },
    );
    await migrateToLatest(database.db);
    const db = database.db;
    const accountId = crypto.randomUUID();
    await db
      .insertInto('accounts')
      .values({
        id: accountId,
        username: `bench-${accountId.slice(0, 8)}`,
        auth_key_hash: 'x',
        recovery_key_hash: 'x',
        kdf_params: JSON.stringify(KDF),
        wrapped_key_passphrase: randomBytes(73),
        wrapped_key_recovery: randomBytes(73),
      })
      .execute();
    const latencies: number[] = [];
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async () => {
        while (next < BASELINE_WRITES) {
          next++;
          const t0 = performance.now();
          await createRecord(
            db,
            accountId,
            {
              id: randomBytes(16).toString('base64url'),
              type: 'incident',
              ciphertext: randomBytes(CIPHERTEXT_BYTES),
              wrappedKey: randomBytes(73),
            },
            256 * 1024 * 1024,
          );
          latencies.push(performance.now() - t0);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    const at = (q: number): number => latencies[Math.floor(latencies.length * q)] ?? 0;
    return {
      total: latencies.length,
      perSecond: latencies.length / seconds,
      p50: at(0.5),
      p99: at(0.99),
    };
  } finally {
    await database?.close();
    await throwaway?.drop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

const round = (n: number): number => Math.round(n * 10) / 10;

/** User + system CPU time a process has used, in ms (Linux's /proc; undefined elsewhere). */
function processCpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime
    return Number.isFinite(ticks) ? ticks * 10 : undefined; // USER_HZ is 100 on Linux
  } catch {
    return undefined;
  }
}
