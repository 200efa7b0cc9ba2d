/**
 * `npm run backup -- <folder>`: a consistent copy of the embedded database (PGlite under
 * DATA_DIR) and the evidence files (DATA_DIR/blobs) into a new folder, while the server runs or
 * not. A running server is asked (SIGUSR2) to write the copy itself, since only it may open the
 * data folder; with no server running, the folder is opened here under the same lock.
 *
 * PostgreSQL (DATABASE_URL) and S3 buckets are backed up with their own tools: see the README.
 */
import { cp, mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { openDatabase } from '../src/server/db/database.js';

async function main(): Promise<void> {
  const target = process.argv[2];
  if (!target) throw new Error('Say where to put the backup: npm run backup -- /path/to/folder');
  if (process.env.DATABASE_URL) {
    throw new Error(
      'DATABASE_URL is set: back PostgreSQL up with pg_dump (see the README), not this script.',
    );
  }
  const dataDir = path.resolve(process.env.DATA_DIR ?? 'data');
  if (!(await exists(path.join(dataDir, 'pglite')))) {
    throw new Error(`There is no embedded database in ${dataDir}. Set DATA_DIR.`);
  }
  const out = path.resolve(target);
  await mkdir(out, { recursive: true, mode: 0o700 });
  if ((await readdir(out)).length > 0) throw new Error(`${out} is not empty.`);

  const owner = await runningServer(dataDir);
  const database = path.join(out, 'database.tar.gz');
  if (owner !== undefined) {
    // The server writes the copy; wait for a file newer than the request.
    const folder = path.join(dataDir, 'backups');
    const before = new Set(await readdir(folder).catch(() => [] as string[]));
    process.kill(owner, 'SIGUSR2');
    const deadline = Date.now() + 120_000;
    let made: string | undefined;
    while (!made) {
      if (Date.now() > deadline) throw new Error('The server did not write the backup in time.');
      await new Promise((resolve) => setTimeout(resolve, 100));
      made = (await readdir(folder).catch(() => [] as string[])).find(
        (name) => name.endsWith('.tar.gz') && !before.has(name),
      );
    }
    await rename(path.join(folder, made), database);
  } else {
    const opened = await openDatabase({ engine: 'pglite', dataDir });
    try {
      if (!opened.dump) throw new Error('The embedded database cannot be copied.');
      const dump = await opened.dump();
      await writeFile(database, Buffer.from(await dump.arrayBuffer()), { mode: 0o600 });
    } finally {
      await opened.close();
    }
  }
  // After the database: every upload it lists as finished was finished before this copy starts,
  // and finished files never change.
  const blobs = path.join(dataDir, 'blobs');
  if (await exists(blobs)) await cp(blobs, path.join(out, 'blobs'), { recursive: true });
  process.stdout.write(`Backup written to ${out}\n`);
}

/** The process id of a live server holding the data folder, if any. */
async function runningServer(dataDir: string): Promise<number | undefined> {
  const pid = Number.parseInt(
    await readFile(path.join(dataDir, 'mosaic.lock'), 'utf8').catch(() => ''),
    10,
  );
  if (!Number.isInteger(pid)) return undefined;
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return undefined;
  }
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`Backup failed: ${(error as Error).message}\n`);
  process.exit(1);
});
