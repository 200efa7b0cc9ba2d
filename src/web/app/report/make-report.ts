/**
 * Starts the report worker for one report and turns its messages into a promise. Cancel
 * terminates the worker: making stops at once, and nothing it made survives.
 */
import workerUrl from './report-worker.ts?worker&url';
import { trustedWorkerUrl } from '../../browser/trusted-worker.js';
import type { MakeRequest, MakeStep, ReportFailure, WorkerReply } from './worker-protocol.js';

/** Why making stopped without a result. */
export class MakeFailed extends Error {
  override readonly name = 'MakeFailed';
  constructor(readonly code: ReportFailure | 'worker_failed' | 'cancelled') {
    super(code);
  }
}

export interface MakeTask {
  readonly result: Promise<{ pdf: Blob; bundle?: Blob }>;
  /** Stops making; `result` then rejects with code `cancelled`. */
  cancel(): void;
}

/**
 * Makes the report (and the bundle, when asked) in a worker.
 *
 * @example
 * const task = makeInWorker(request, (step, f) => setProgress({ step, f }));
 * const { pdf, bundle } = await task.result;
 */
export function makeInWorker(
  request: MakeRequest,
  onProgress: (step: MakeStep, fraction: number) => void,
): MakeTask {
  let worker: Worker | undefined;
  let settle:
    ((outcome: { ok: { pdf: Blob; bundle?: Blob } } | { failed: MakeFailed }) => void) | undefined;
  const result = new Promise<{ pdf: Blob; bundle?: Blob }>((resolve, reject) => {
    settle = (outcome) => {
      settle = undefined;
      worker?.terminate();
      worker = undefined;
      if ('ok' in outcome) resolve(outcome.ok);
      else reject(outcome.failed);
    };
  });
  try {
    worker = new Worker(trustedWorkerUrl(workerUrl, 'mosaic-report-worker'), {
      name: 'report',
      type: 'module',
    });
    worker.onmessage = (event: MessageEvent<WorkerReply>) => {
      const reply = event.data;
      if (reply.type === 'progress') onProgress(reply.step, reply.fraction);
      else if (reply.type === 'done') {
        settle?.({
          ok: { pdf: reply.pdf, ...(reply.bundle !== undefined ? { bundle: reply.bundle } : {}) },
        });
      } else settle?.({ failed: new MakeFailed(reply.code) });
    };
    worker.onerror = (event) => {
      event.preventDefault();
      settle?.({ failed: new MakeFailed('worker_failed') });
    };
    worker.postMessage(request);
  } catch {
    settle?.({ failed: new MakeFailed('worker_failed') });
  }
  return {
    result,
    cancel: () => settle?.({ failed: new MakeFailed('cancelled') }),
  };
}
