/**
 * Starts the import worker for one file and turns its messages into a promise. Cancel
 * terminates the worker: reading stops at once, and nothing it read survives.
 */
import type { ImportErrorCode, ImportResult } from '../../../importers/index.js';
import workerUrl from './import-worker.ts?worker&url';
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

/** The parts of the Trusted Types API used here (not yet in TypeScript's DOM types). */
interface TrustedTypesFactory {
  createPolicy(
    name: string,
    rules: { createScriptURL: (url: string) => string },
  ): { createScriptURL(url: string): unknown };
}

let policy: { createScriptURL(url: string): unknown } | undefined;

/**
 * The worker's address as a TrustedScriptURL: the vault's CSP requires Trusted Types for
 * scripts, and a worker is one. The policy vouches for this one address only.
 */
function trustedWorkerUrl(): string {
  const href = new URL(workerUrl, document.baseURI).href;
  const factory = (window as unknown as { trustedTypes?: TrustedTypesFactory }).trustedTypes;
  if (factory === undefined) return href;
  policy ??= factory.createPolicy('mosaic-import-worker', {
    createScriptURL: (url) => {
      if (url !== href) throw new TypeError('not the import worker');
      return url;
    },
  });
  // A TrustedScriptURL is accepted wherever the DOM types say string.
  return policy.createScriptURL(href) as string;
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
    worker = new Worker(trustedWorkerUrl(), { name: 'import' });
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
