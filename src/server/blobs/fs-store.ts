/**
 * Blobs as files under one folder (DATA_DIR/blobs), through @tus/file-store: each upload is a
 * file named by its id, with a small `<id>.json` beside it holding tus's own bookkeeping.
 */
import { mkdir, open, rm } from 'node:fs/promises';
import path from 'node:path';
import { FileStore } from '@tus/file-store';
import { StartupError } from '../startup-error.js';
import type { BlobStore } from './blob-store.js';

/** Upload ids are made by the upload routes; anything else never names a file here. */
const SAFE_ID = /^[A-Za-z0-9_-]{1,128}$/;

export async function openFsBlobStore(directory: string): Promise<BlobStore> {
  try {
    // Before FileStore's constructor, whose own mkdir throws from a callback, ending the process.
    await mkdir(directory, { recursive: true, mode: 0o700 });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unusable';
    throw new StartupError(
      `Cannot create the evidence folder ${directory} (${code}). Check DATA_DIR and its permissions.`,
    );
  }
  const datastore = new MosaicFileStore({ directory });
  return {
    kind: 'fs',
    datastore,
    async read(id) {
      if (!SAFE_ID.test(id)) throw new Error('not an upload id');
      // Opened first, so a missing file is known before the headers go out.
      const file = await open(path.join(directory, id), 'r').catch((error: unknown) => {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      });
      return file?.createReadStream();
    },
    async finish(id) {
      // Appends go straight into the one file: every byte there means the file is whole.
      const stored = await datastore.getUpload(id).catch(() => undefined);
      return stored?.size !== undefined && stored.offset === stored.size;
    },
    remove: (id) => datastore.remove(id),
    async close() {},
  };
}

/**
 * FileStore's own remove reports any failure as "not found" and then keeps the `.json`; this one
 * removes both files, treats "already gone" as done, and lets a real failure through.
 */
class MosaicFileStore extends FileStore {
  override async remove(id: string): Promise<void> {
    if (!SAFE_ID.test(id)) throw new Error('not an upload id');
    await rm(path.join(this.directory, id), { force: true });
    await rm(path.join(this.directory, `${id}.json`), { force: true });
  }
}
