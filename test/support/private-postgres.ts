/**
 * A PostgreSQL server of the test's own (initdb in a temporary folder, on a free loopback port),
 * so a test may stop and start it (as a managed database's failover or restart would) without
 * disturbing the shared server other tests use. Needs Debian's PostgreSQL binaries and root (the
 * server runs as the `postgres` user); HAVE_PRIVATE_POSTGRES says whether both are there.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './app-process.js';

const run = promisify(execFile);

function binDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
  const dir = versions.map((v) => path.join(root, v, 'bin')).find((d) => existsSync(`${d}/initdb`));
  return dir;
}

const BIN = binDir();
export const HAVE_PRIVATE_POSTGRES =
  BIN !== undefined && process.getuid?.() === 0 && existsSync('/usr/sbin/runuser');

export interface PrivatePostgres {
  readonly url: string;
  /** Stops at once, as a crash would (`pg_ctl stop -m immediate`). */
  crash(): Promise<void>;
  start(): Promise<void>;
  destroy(): Promise<void>;
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  if (!HAVE_PRIVATE_POSTGRES) throw new Error('PostgreSQL binaries or root are missing');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mosaic-pg-'));
  const { stdout: ids } = await run('id', ['-u', 'postgres']);
  const { stdout: gids } = await run('id', ['-g', 'postgres']);
  await chown(dir, Number(ids.trim()), Number(gids.trim()));
  const data = path.join(dir, 'data');
  const port = await freePort();
  const asPostgres = (command: string, args: string[]) =>
    run('/usr/sbin/runuser', ['-u', 'postgres', '--', `${BIN}/${command}`, ...args]);
  await asPostgres('initdb', ['-D', data, '-A', 'trust', '-U', 'mosaic', '--no-sync']);
  const start = async () => {
    await asPostgres('pg_ctl', [
      '-D',
      data,
      '-l',
      path.join(dir, 'log'),
      '-o',
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=on`,
      '-w',
      'start',
    ]);
  };
  await start();
  return {
    url: `postgres://mosaic@127.0.0.1:${port}/postgres`,
    crash: async () => {
      await asPostgres('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    },
    start,
    async destroy() {
      await asPostgres('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => {});
      await rm(dir, { recursive: true, force: true });
    },
  };
}
