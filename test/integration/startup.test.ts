/**
 * The real entry point (dist/server/server.js, as `npm start` runs it) in a child process:
 * it starts on both engines, keeps PGlite data across restarts, and refuses every start-up
 * mistake with one clear line and exit status 1.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/server/paths.js';
import { createThrowawayDatabase, POSTGRES_URL } from '../support/databases.js';

const ENTRY = path.join(PROJECT_ROOT, 'dist', 'server', 'server.js');
const children: ChildProcess[] = [];
const temps: string[] = [];

afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  for (const dir of temps) await rm(dir, { recursive: true, force: true });
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mosaic-start-'));
  temps.push(dir);
  return dir;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Runs the server until it exits or answers /readyz; returns how it went. */
async function start(env: Record<string, string>): Promise<{
  code: number | null;
  stderr: string;
  ready: boolean;
  stop: () => Promise<void>;
}> {
  const port = env.PORT ?? String(await freePort());
  const child = spawn(process.execPath, [ENTRY], {
    env: {
      PATH: process.env.PATH ?? '',
      LOG_LEVEL: 'warn',
      ...(process.env.CONTENT_DIR ? { CONTENT_DIR: process.env.CONTENT_DIR } : {}),
      ...env,
      PORT: port,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  // A hang guard, not a speed target: a first start on a busy two-core machine creates the
  // embedded database and runs every migration, which has taken 13 s here.
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    const code = await Promise.race([
      exited,
      new Promise<'running'>((r) => setTimeout(() => r('running'), 200)),
    ]);
    if (code !== 'running') return { code, stderr, ready: false, stop: async () => {} };
    const ok = await fetch(`http://127.0.0.1:${port}/readyz`, {
      signal: AbortSignal.timeout(1000),
    }).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) {
      return {
        code: null,
        stderr,
        ready: true,
        stop: async () => {
          child.kill('SIGTERM');
          await exited;
        },
      };
    }
  }
  child.kill('SIGKILL');
  throw new Error(`server neither started nor exited; stderr: ${stderr}`);
}

function expectOneClearLine(stderr: string, pattern: RegExp): void {
  const lines = stderr.split('\n').filter((l) => l.trim() !== '' && !l.includes('Warning'));
  expect(lines, stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^Mosaic could not start: /);
  expect(lines[0]).toMatch(pattern);
  expect(stderr).not.toMatch(/\n\s+at /);
}

describe('npm start on the embedded database', { timeout: 240_000 }, () => {
  it('creates the data directory, serves, and keeps its data across restarts', async () => {
    const dataDir = path.join(await tempDir(), 'data');
    const first = await start({ DATA_DIR: dataDir });
    expect(first.ready).toBe(true);
    await first.stop();
    const second = await start({ DATA_DIR: dataDir });
    expect(second.ready).toBe(true);
    await second.stop();
    // The rate-limit key created on first start is still the same row: data survived.
    const { PGlite } = await import('@electric-sql/pglite');
    const db = new PGlite(path.join(dataDir, 'pglite'));
    const rows = await db.query<{ n: number }>('select count(*)::int as n from service_meta');
    expect(rows.rows[0]?.n).toBe(1);
    const migrations = await db.query<{ n: number }>(
      'select count(*)::int as n from kysely_migration',
    );
    expect(migrations.rows[0]?.n).toBeGreaterThanOrEqual(1);
    await db.close();
  });

  it('refuses a second process on the same data directory', async () => {
    const dataDir = await tempDir();
    const first = await start({ DATA_DIR: dataDir });
    expect(first.ready).toBe(true);
    const second = await start({ DATA_DIR: dataDir });
    expect(second.code).toBe(1);
    expectOneClearLine(second.stderr, /already using .* Stop it first, or set DATA_DIR/);
    await first.stop();
  });
});

describe('start-up mistakes end with one clear line and status 1', { timeout: 240_000 }, () => {
  it.each([
    [{ PORT: '70000' }, /PORT must be a whole number/],
    [{ PORT: 'abc' }, /PORT must be a whole number/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL must be one of/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL must start with postgres:\/\//],
    [
      { DATABASE_URL: 'postgres://mosaic:secret-password@127.0.0.1:1/db' },
      /connection refused.*DATABASE_URL/,
    ],
    [
      { ORGANISATION_PROFILE: '/nonexistent/profile.json' },
      /Cannot read the organisation profile .*ENOENT/,
    ],
    [
      { BLOB_STORE: 'ftp://evidence' },
      /BLOB_STORE must be fs, s3:\/\/bucket or s3:\/\/bucket\/prefix/,
    ],
    [
      { BLOB_STORE: 's3://evidence', S3_SECRET_ACCESS_KEY: 'secret-password' },
      /S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY must both be set/,
    ],
    [
      {
        BLOB_STORE: 's3://evidence',
        S3_ENDPOINT: 'http://127.0.0.1:1',
        S3_ACCESS_KEY_ID: 'mosaic',
        S3_SECRET_ACCESS_KEY: 'secret-password',
        // The AWS SDK's own notice that it will need Node 22, printed on Node 20: not ours.
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      },
      /Cannot use the S3 bucket "evidence" at 127\.0\.0\.1:1: cannot connect \(ECONNREFUSED\)/,
    ],
  ])('%o', async (env, message) => {
    const result = await start({ DATA_DIR: await tempDir(), ...env });
    expect(result.code).toBe(1);
    expectOneClearLine(result.stderr, message);
    expect(result.stderr).not.toContain('secret-password');
  });

  it('names the field of an invalid profile', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'profile.json');
    await writeFile(
      file,
      JSON.stringify({
        name: 'Pale Org',
        shortName: 'Pale',
        colours: { brand: '#eeeeee' },
        quickExit: { url: 'https://example.org' },
        police: { name: 'Police' },
        locales: ['en'],
      }),
    );
    const result = await start({ DATA_DIR: dir, ORGANISATION_PROFILE: file });
    expect(result.code).toBe(1);
    expectOneClearLine(result.stderr, /invalid at "colours.brand": brand colour is too light/);
  });

  it('says when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as { port: number };
    try {
      const result = await start({ DATA_DIR: await tempDir(), PORT: String(port) });
      expect(result.code).toBe(1);
      expectOneClearLine(result.stderr, new RegExp(`Port ${port} is already in use`));
    } finally {
      blocker.close();
    }
  });
});

describe.skipIf(POSTGRES_URL === undefined)('npm start on PostgreSQL', { timeout: 240_000 }, () => {
  it('migrates under a lock when two instances start together, and both serve', async () => {
    const { url, drop } = await createThrowawayDatabase();
    try {
      const [a, b] = await Promise.all([
        start({ DATABASE_URL: url, DATA_DIR: await tempDir() }),
        start({ DATABASE_URL: url, DATA_DIR: await tempDir() }),
      ]);
      expect(a.ready, a.stderr).toBe(true);
      expect(b.ready, b.stderr).toBe(true);
      await Promise.all([a.stop(), b.stop()]);
      const pg = (await import('pg')).default;
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const names = await client.query<{ name: string }>('select name from kysely_migration');
      await client.end();
      const unique = new Set(names.rows.map((r) => r.name));
      expect(unique.size).toBe(names.rows.length);
      expect(names.rows.length).toBeGreaterThanOrEqual(1);
    } finally {
      await drop();
    }
  });

  it('says when the database does not exist', async () => {
    const url = new URL(POSTGRES_URL!);
    url.pathname = '/mosaic_no_such_database';
    const result = await start({ DATABASE_URL: url.toString(), DATA_DIR: await tempDir() });
    expect(result.code).toBe(1);
    expectOneClearLine(result.stderr, /has no database named "mosaic_no_such_database"/);
  });
});
