/** The messages between the vault page and a diary worker (pool.ts, diary-worker.ts). */
import type { DiaryKindName, OpenedRecord, RecordResponse } from '../../../vault/index.js';

export interface OpenRequest {
  readonly type: 'open';
  /** Matches the reply to its request; a worker answers one request at a time. */
  readonly id: number;
  /** A copy of the account key, wiped by the worker once the batch is open. */
  readonly accountKey: Uint8Array;
  readonly batch: readonly RecordResponse[];
  readonly kind: DiaryKindName;
}

export type WorkerReply =
  | { readonly type: 'opened'; readonly id: number; readonly opened: readonly OpenedRecord[] }
  | { readonly type: 'failed'; readonly id: number };
