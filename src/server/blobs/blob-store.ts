/**
 * The interface every evidence blob store meets (files on disk, an S3 bucket). In a file of its
 * own so the stores and the opener below can all import it with no import cycle.
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
   * True if every byte of the upload is stored, making it one whole object first where the store
   * joins parts (an S3 server killed after its last part went up, before it asked S3 to join
   * them, leaves an upload that reports every byte but has no object to read). False if bytes are
   * missing or nothing is stored. Call it holding the upload's lock.
   */
  finish(id: string): Promise<boolean>;
  /**
   * Removes everything kept for the upload (data, bookkeeping, unfinished parts). Resolves when
   * nothing is left, including when nothing was there; rejects only if the store failed.
   */
  remove(id: string): Promise<void>;
  close(): Promise<void>;
}
