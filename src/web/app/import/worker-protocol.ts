/** The messages between the vault page and the import worker. */
import type { ImportErrorCode, ImportResult } from '../../../importers/index.js';

export interface ReadRequest {
  readonly type: 'read';
  readonly file: File;
}

export type WorkerReply =
  /** `done` of `total` bytes read; sent at most once per whole percent. */
  | { readonly type: 'progress'; readonly done: number; readonly total: number }
  | { readonly type: 'done'; readonly result: ImportResult }
  | { readonly type: 'failed'; readonly code: ImportErrorCode };
