/**
 * Starts the import worker for one file and turns its messages into a promise. Cancel
 * terminates the worker: reading stops at once, and nothing it read survives.
 */
import type { ImportErrorCode, ImportResult } from '../../../importers/index.js';
import workerUrl from './import-worker.ts?worker&url';
import { trustedWorkerUrl } from '../../browser/trusted-worker.js';
import type { ReadRequest, WorkerReply } from './worker-protocol.js';

/** Why reading stopped without a result: an importer's code, or the worker itself failing. */
export class ReadFailed extends Error {
  override readonly name = 'ReadFailed';
  constructor(readonly code: ImportErrorCode | 'worker_failed') {
    super(code);
  }
}

export interface ReadTask {
  readonly result: Promise<ImportResult>;
  /** Stops reading; `result` then rejects with code `cancelled`. */
  cancel(): void;
}

/**
 * Reads `file` in a worker, reporting progress as a fraction from 0 to 1.
 *
 * @example
 * const task = readInWorker(file, (f) => setPercent(Math.round(f * 100)));
 * const result = await task.result;
 */
export function readInWorker(file: File, onProgress: (fraction: number) => void): ReadTask {
  let worker: Worker | undefined;
  let settle: ((outcome: { ok: ImportResult } | { failed: ReadFailed }) => void) | undefined;
  const result = new Promise<ImportResult>((resolve, reject) => {
    settle = (outcome) => {
      settle = undefined;
      worker?.terminate();
      worker = undefined;
      if ('ok' in outcome) resolve(outcome.ok);
      else reject(outcome.failed);
    };
  });
  try {
    worker = new Worker(trustedWorkerUrl(workerUrl, 'mosaic-import-worker'), { name: 'import' });
    worker.onmessage = (event: MessageEvent<WorkerReply>) => {
      const reply = event.data;
      if (reply.type === 'progress') onProgress(reply.total > 0 ? reply.done / reply.total : 0);
      else if (reply.type === 'done') settle?.({ ok: reply.result });
      else settle?.({ failed: new ReadFailed(reply.code) });
    };
    worker.onerror = (event) => {
      event.preventDefault();
      settle?.({ failed: new ReadFailed('worker_failed') });
    };
    const request: ReadRequest = { type: 'read', file };
    worker.postMessage(request);
  } catch {
    settle?.({ failed: new ReadFailed('worker_failed') });
  }
  return {
    result,
    cancel: () => settle?.({ failed: new ReadFailed('cancelled') }),
  };
}
