/**
 * Where evidence ciphertext is kept: one interface, two stores. `fs` keeps it under
 * DATA_DIR/blobs (one app server); `s3` keeps it in an S3-compatible bucket that any number of app
 * servers can share. The upload routes see only this interface and the tus DataStore inside it.
 */
import type { Readable } from 'node:stream';
import type { DataStore } from '@tus/server';
import type { BlobStoreConfig } from '../config.js';

export interface BlobStore {
  readonly kind: BlobStoreConfig['kind'];
  /** Handed to @tus/server: creates, appends to, reports on and streams back uploads. */
  readonly datastore: DataStore;
  /**
   * Streams a finished upload's bytes, never holding the whole file; undefined if there is
   * nothing stored under the id. Either is known before any byte is sent.
   */
  read(id: string): Promise<Readable | undefined>;
  /**
   * Removes everything kept for the upload (data, bookkeeping, unfinished parts). Resolves when
   * nothing is left, including when nothing was there; rejects only if the store failed.
   */
  remove(id: string): Promise<void>;
  close(): Promise<void>;
}

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
