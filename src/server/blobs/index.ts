/**
 * Where evidence ciphertext is kept: one interface, two stores. `fs` keeps it under
 * DATA_DIR/blobs (one app server); `s3` keeps it in an S3-compatible bucket that any number of app
 * servers can share. The upload routes see only this interface and the tus DataStore inside it.
 */
import type { BlobStoreConfig } from '../config.js';
import type { BlobStore } from './blob-store.js';

export type { BlobStore } from './blob-store.js';

/**
 * Opens the configured store and checks that it can be used (the folder can be created, the
 * bucket answers), so a mistake stops the server at start with one clear line (StartupError).
 */
export async function openBlobStore(config: BlobStoreConfig): Promise<BlobStore> {
  switch (config.kind) {
    case 'fs': {
      const { openFsBlobStore } = await import('./fs-store.js');
      return openFsBlobStore(config.directory);
    }
    case 's3': {
      // Loaded only when used: the AWS SDK is large, and a filesystem deployment never needs it.
      const { openS3BlobStore } = await import('./s3-store.js');
      return openS3BlobStore(config);
    }
  }
}
