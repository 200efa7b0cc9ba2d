/**
 * PGlite has no server process to arbitrate access: two Mosaic processes opening the same data
 * directory would corrupt it. A lock file holding the owner's process id stops the second one
 * with a clear message; a lock left by a process that has died is taken over.
 */
import { open, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { StartupError } from '../startup-error.js';

export async function acquireDirectoryLock(dataDir: string): Promise<() => Promise<void>> {
  const file = path.join(dataDir, 'mosaic.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(file, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      return () => rm(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new StartupError(
          `Cannot write the lock file ${file} (${(error as NodeJS.ErrnoException).code}). ` +
            'Set DATA_DIR to a folder this user can write to.',
        );
      }
      const owner = Number.parseInt(await readFile(file, 'utf8').catch(() => ''), 10);
      if (Number.isInteger(owner) && owner !== process.pid && isRunning(owner)) {
        throw new StartupError(
          `Another Mosaic process (pid ${owner}) is already using ${dataDir}. ` +
            'Stop it first, or set DATA_DIR to a different folder.',
        );
      }
      await rm(file, { force: true });
    }
  }
  throw new StartupError(`Cannot take the lock file ${file}; remove it if no Mosaic is running.`);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
