/**
 * The vault client core: everything the vault does that is not a screen. The web app, the
 * benchmarks, the test support and the command-line tools all reach the vault through this one
 * face, so there is one sign-up, one record format and one HTTP client.
 *
 * Isomorphic: fetch, WebCrypto and libsodium only — no Preact, no DOM, no Node (tsconfig.pure.json
 * and eslint prove it). Storage that only a browser has (localStorage, IndexedDB) stays in the
 * app, behind the small interfaces these modules take.
 *
 * @example
 * ```ts
 * import { VaultApi, signUp, sealRecord } from '../vault/index.js';
 * ```
 */
export * from './api.js';
export * from './session.js';
export * from './records.js';
export * from './validation.js';
export * from './passphrase-strength.js';
export * from './account.js';
export * from './notes.js';
export * from './diary-records.js';
export * from './diary-store.js';
export * from './diary-batch.js';
export * from './safety-records.js';
export * from './receipts.js';
export * from './receipt-watch.js';
export * from './evidence/decrypt.js';
export * from './evidence/encrypting-source.js';
export * from './evidence/evidence-records.js';
export * from './evidence/exif-reader.js';
export * from './evidence/file-crypto.js';
export * from './evidence/file-worker-client.js';
export * from './evidence/file-hash.js';
export * from './evidence/incident-links.js';
export * from './evidence/tus-upload.js';
export * from './evidence/upload-api.js';
export * from './evidence/uploads.js';

/**
 * Backup: the file format (backup.ts) and its export and import (backup-transfer.ts), loaded only when the backup screen asks for it (its own bundle
 * chunk: most sessions never make a backup).
 */
export const loadBackupTransfer = () => import('./backup-transfer.js');
export type {
  BackupErrorCode,
  BackupFile,
  BackupRecord,
  BackupRevision,
  RecordHistory,
} from './backup.js';
export type { ExportedBackup, ImportSummary } from './backup-transfer.js';
export * from './shares.js';
export * from './witnesses.js';
export * from './witness-files.js';
export * from './quick-records.js';
export * from './write-queue.js';
