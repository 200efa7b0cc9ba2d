/**
 * A small pool of diary workers (diary-worker.ts) that the diary store opens its pages with
 * (issue 20: a diary of 10,000 incidents opens without holding the screen still). Each page is cut into slices that go to
 * whichever worker is free, so the pages open in parallel while the page's thread only fetches,
 * merges and draws.
 *
 * Safety: the account key goes to a worker by postMessage with each slice (a copy, wiped there
 * once the slice is open); nothing is written to any browser storage. `close()` (the store's
 * wipe, on lock and quick exit) terminates every worker at once, wherever it is, and rejects
 * what was waiting. A worker that cannot start, cannot load libsodium or fails (an old browser,
 * a policy that refuses it, offline before it was ever fetched) leaves its slices, and every
 * later one, to the page's own thread: slower, never wrong.
 */
import workerUrl from './diary-worker.ts?worker&url';
import { trustedWorkerUrl } from '../../browser/trusted-worker.js';
import {
  inThreadOpener,
  OpenerClosed,
  type BatchOpener,
  type DiaryKindName,
  type OpenedRecord,
  type RecordResponse,
} from '../../../vault/index.js';
import type { OpenRequest, WorkerReply } from './worker-protocol.js';

/**
 * Workers for a device with `cores` logical cores: one core is left to the page's thread, which
 * still fetches and parses every page, merges the results and draws the list; more than four
 * gains little for a diary of twenty-odd pages and each worker compiles its own libsodium.
 */
export function poolSize(cores: number | undefined): number {
  return Math.min(4, Math.max(1, (cores ?? 2) - 1));
}

/** Records per slice: small enough to spread a 500-record page over every worker. */
const SLICE = 100;

interface Task {
  readonly accountKey: Uint8Array;
  readonly batch: readonly RecordResponse[];
  readonly kind: DiaryKindName;
  readonly resolve: (opened: OpenedRecord[]) => void;
  readonly reject: (error: unknown) => void;
}

interface Slot {
  readonly worker: Worker;
  /** The task it is opening, by request id. */
  busy: { readonly id: number; readonly task: Task } | undefined;
}

/**
 * Fetches the diary worker's script into the HTTP cache (it is kept a year, by its hashed name),
 * so that the workers started at unlock do not wait a round trip and a download for it (issue
 * 20). Only the code, from this site; a failure here only means the worker fetches it itself.
 */
export function prefetchDiaryWorker(): Promise<void> {
  return fetch(workerUrl, { credentials: 'same-origin' }).then(
    (response) => response.arrayBuffer().then(() => undefined),
    () => undefined,
  );
}

/**
 * The pool, with no worker started until `start()` or the first `open()`.
 *
 * @example new DiaryStore(api, () => session.accountKey, watch, workerPool())
 */
export function workerPool(size = poolSize(navigator.hardwareConcurrency)): BatchOpener {
  const slots: Slot[] = [];
  const queue: Task[] = [];
  const inThread = inThreadOpener();
  let closed = false;
  /** Set once a worker fails: from then on everything opens in this thread. */
  let broken = false;
  let nextId = 0;

  const start = (): void => {
    if (closed || broken) return;
    try {
      while (slots.length < size) slots.push(startWorker());
    } catch {
      fail();
    }
  };

  const startWorker = (): Slot => {
    const worker = new Worker(trustedWorkerUrl(workerUrl, 'mosaic-diary-worker'), {
      name: 'diary',
      type: 'module',
    });
    const slot: Slot = { worker, busy: undefined };
    worker.onmessage = (event: MessageEvent<WorkerReply>) => {
      const reply = event.data;
      const busy = slot.busy;
      if (busy?.id !== reply.id) return;
      if (reply.type === 'failed') {
        fail();
        return;
      }
      slot.busy = undefined;
      busy.task.resolve([...reply.opened]);
      dispatch();
    };
    worker.onerror = (event) => {
      event.preventDefault();
      fail();
    };
    worker.onmessageerror = () => fail();
    return slot;
  };

  /** A worker failed: stop them all, and open what they held (and all else) in this thread. */
  const fail = (): void => {
    broken = true;
    const held = slots.flatMap((s) => (s.busy !== undefined ? [s.busy.task] : []));
    for (const slot of slots) slot.worker.terminate();
    slots.length = 0;
    queue.unshift(...held);
    dispatch();
  };

  const dispatch = (): void => {
    if (broken) {
      for (const task of queue.splice(0)) {
        inThread.open(task.accountKey, task.batch, task.kind).then(task.resolve, task.reject);
      }
      return;
    }
    for (const slot of slots) {
      if (slot.busy !== undefined) continue;
      const task = queue.shift();
      if (task === undefined) return;
      const id = nextId++;
      slot.busy = { id, task };
      const request: OpenRequest = {
        type: 'open',
        id,
        accountKey: task.accountKey,
        batch: task.batch,
        kind: task.kind,
      };
      // Copied, not transferred: the session keeps its key.
      slot.worker.postMessage(request);
    }
  };

  const openSlice = (
    accountKey: Uint8Array,
    batch: readonly RecordResponse[],
    kind: DiaryKindName,
  ): Promise<OpenedRecord[]> =>
    new Promise((resolve, reject) => {
      queue.push({ accountKey, batch, kind, resolve, reject });
      dispatch();
    });

  return {
    start,
    async open(accountKey, batch, kind) {
      if (closed) throw new OpenerClosed();
      start();
      const slices: Promise<OpenedRecord[]>[] = [];
      for (let at = 0; at < batch.length; at += SLICE) {
        slices.push(openSlice(accountKey, batch.slice(at, at + SLICE), kind));
      }
      return (await Promise.all(slices)).flat();
    },
    close() {
      closed = true;
      const waiting = [...slots.flatMap((s) => (s.busy ? [s.busy.task] : [])), ...queue.splice(0)];
      for (const slot of slots) slot.worker.terminate();
      slots.length = 0;
      inThread.close();
      for (const task of waiting) task.reject(new OpenerClosed());
    },
  };
}
