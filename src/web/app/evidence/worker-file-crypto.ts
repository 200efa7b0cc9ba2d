/**
 * The vault app's evidence hashing and encryption, in Web Workers (one per file operation, and a
 * second beside the encrypting one for the SHA-256; src/web/app/evidence/file-worker.ts), so a
 * gigabyte file never holds up the page.
 */
import { workerFileCrypto, type FileCrypto } from '../../../vault/index.js';
import workerUrl from './file-worker.ts?worker&url';
import { trustedWorkerUrl } from '../../browser/trusted-worker.js';

/** @example new UploadManager({ ...deps, crypto: inWorkers }); */
export const inWorkers: FileCrypto = workerFileCrypto(
  () => new Worker(trustedWorkerUrl(workerUrl, 'mosaic-file-worker'), { name: 'evidence-file' }),
);
