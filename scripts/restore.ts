/**
 * `npm run restore -- <folder>`: puts a backup made by `npm run backup` into DATA_DIR, which must
 * hold no database yet (a fresh folder, or one whose `pglite` folder was moved aside). The server
 * must not be running on it. Then start the server as usual.
 */
import { cp, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { acquireDirectoryLock } from '../src/server/db/directory-lock.js';

async function main(): Promise<void> {
  const source = process.argv[2];
  if (!source) throw new Error('Say which backup to restore: npm run restore -- /path/to/folder');
  const from = path.resolve(source);
  const dataDir = path.resolve(process.env.DATA_DIR ?? 'data');
  const pgDir = path.join(dataDir, 'pglite');
  if (await exists(path.join(pgDir, 'PG_VERSION'))) {
    throw new Error(
      `${dataDir} already holds a database. Restore into an empty DATA_DIR, or move its pglite folder aside first.`,
    );
  }
  const tarball = await readFile(path.join(from, 'database.tar.gz'));
  const release = await acquireDirectoryLock(dataDir);
  try {
    const db = new PGlite(pgDir, { loadDataDir: new Blob([tarball]) });
    await db.waitReady;
    // A query proves the copy opens, not only that it unpacked.
    await db.query('select count(*) from records');
    await db.close();
    const blobs = path.join(from, 'blobs');
    if (await exists(blobs)) {
      await cp(blobs, path.join(dataDir, 'blobs'), { recursive: true, errorOnExist: true });
    }
  } finally {
    await release();
  }
  process.stdout.write(`Restored ${from} into ${dataDir}\n`);
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`Restore failed: ${(error as Error).message}\n`);
  process.exit(1);
});
