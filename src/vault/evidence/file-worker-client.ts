/**
 * The page's side of an evidence file worker (file-worker-service.ts is the worker's): a
 * `FileCrypto` whose hashing and encryption run in a worker, one worker per file operation (and
 * while encrypting, a second one beside it that builds the SHA-256, plain-hash.ts).
 * Given a way to start a worker rather than starting one itself, so it stays pure: the vault
 * app passes a real Web Worker (src/web/app/evidence/worker-file-crypto.ts), tests an
 * in-process one.
 *
 * Closing, aborting or a lock ends the workers with `terminate()`: the key copy, plaintext and
 * hash state go with them, and every pending request fails.
 */
import { encodeFileHeader } from '../../crypto/index.js';
import type { DigestOptions, FileChunks, FileCrypto } from './file-crypto.js';
import type { Digests } from './file-hash.js';
import type { FileWorkReply, FileWorkRequest } from './file-worker-service.js';

/** The parts of a Worker used here. */
export interface FileWorker {
  postMessage(message: FileWorkRequest, transfer?: Transferable[]): void;
  onmessage: ((event: MessageEvent<FileWorkReply>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  terminate(): void;
}

/** The error a worker reported, as the kind the upload queue recognises. */
function errorOf(name: string, message: string): Error {
  // A file that changed or vanished on disk: the queue says "could not be read".
  if (name === 'NotReadableError' || name === 'NotFoundError') {
    return new DOMException(message, name);
  }
  const e = new Error(message);
  e.name = name;
  return e;
}

/** Why an aborted signal stopped the work (its reason, as `throwIfAborted` would throw). */
function abortError(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new DOMException('aborted', 'AbortError');
}

const workerFailed = (): Error => new Error('the file worker stopped');

/**
 * @example const crypto = workerFileCrypto(() => new Worker(url));
 */
export function workerFileCrypto(start: () => FileWorker): FileCrypto {
  return {
    digest: (blob, options) => digestInWorker(start, blob, options),
    chunks: (context, blob, options) => {
      const worker = start();
      // The SHA-256 is built in a second worker, side by side with the encryption: the
      // encrypting worker hands it each plaintext chunk over a port of their own.
      const Channel = (globalThis as { MessageChannel?: typeof MessageChannel }).MessageChannel;
      let hasher: FileWorker | undefined;
      let hashPort: MessagePort | undefined;
      if (options.sha256 && Channel !== undefined) {
        const channel = new Channel();
        hasher = start();
        hasher.postMessage({ type: 'hash', port: channel.port2 }, [channel.port2]);
        hashPort = channel.port1;
      }
      worker.postMessage(
        {
          type: 'open',
          file: blob,
          key: context.key,
          fileId: context.fileId,
          header: encodeFileHeader(context.header),
          sha256: options.sha256,
          ...(hashPort !== undefined ? { hashPort } : {}),
        },
        hashPort !== undefined ? [hashPort] : [],
      );
      return Promise.resolve(chunksOf(worker, hasher, blob.size));
    },
  };
}

function digestInWorker(
  start: () => FileWorker,
  blob: Blob,
  options: DigestOptions,
): Promise<Digests> {
  const { signal } = options;
  if (signal?.aborted === true) return Promise.reject(abortError(signal));
  const worker = start();
  return new Promise<Digests>((resolve, reject) => {
    const end = (): void => {
      worker.terminate();
      signal?.removeEventListener('abort', aborted);
    };
    const aborted = (): void => {
      end();
      if (signal !== undefined) reject(abortError(signal));
    };
    signal?.addEventListener('abort', aborted);
    worker.onmessage = ({ data }) => {
      if (data.type === 'progress') options.onProgress?.(data.done, data.total);
      else if (data.type === 'digests') {
        end();
        resolve(data.digests);
      } else if (data.type === 'failed') {
        end();
        reject(errorOf(data.name, data.message));
      }
    };
    worker.onerror = (event) => {
      event.preventDefault();
      end();
      reject(workerFailed());
    };
    worker.postMessage({
      type: 'digest',
      file: blob,
      fingerprint: options.fingerprint === true,
      sha256: options.sha256 === true,
    });
  });
}

function chunksOf(worker: FileWorker, hasher: FileWorker | undefined, size: number): FileChunks {
  const pending = new Map<
    number,
    { resolve: (reply: FileWorkReply) => void; reject: (e: Error) => void }
  >();
  let nextId = 0;
  let broken: Error | undefined;
  const stop = (reason: Error): void => {
    broken ??= reason;
    worker.terminate();
    hasher?.terminate();
    for (const { reject } of pending.values()) reject(reason);
    pending.clear();
  };
  worker.onmessage = ({ data }) => {
    if (data.type === 'progress' || data.type === 'digests') return;
    if (data.type === 'failed' && data.id === undefined) {
      // Opening failed: every request fails with it.
      stop(errorOf(data.name, data.message));
      return;
    }
    const id = data.id ?? -1;
    const waiting = pending.get(id);
    pending.delete(id);
    if (data.type === 'failed') waiting?.reject(errorOf(data.name, data.message));
    else waiting?.resolve(data);
  };
  worker.onerror = (event) => {
    event.preventDefault();
    stop(workerFailed());
  };
  if (hasher !== undefined) {
    // The hashing worker only ever reports failure (its hash goes back through the other).
    hasher.onmessage = ({ data }) => {
      if (data.type === 'failed') stop(errorOf(data.name, data.message));
    };
    hasher.onerror = (event) => {
      event.preventDefault();
      stop(workerFailed());
    };
  }
  const ask = (request: { type: 'chunk'; index: number } | { type: 'sha256' }) => {
    if (broken !== undefined) return Promise.reject(broken);
    const id = nextId++;
    return new Promise<FileWorkReply>((resolve, reject) => {
      pending.set(id, { resolve, reject });
      worker.postMessage({ ...request, id });
    });
  };
  return {
    size,
    async chunk(index) {
      const reply = await ask({ type: 'chunk', index });
      if (reply.type !== 'chunk') throw new Error('the file worker answered something else');
      return reply.bytes;
    },
    async sha256() {
      const reply = await ask({ type: 'sha256' });
      if (reply.type !== 'sha256') throw new Error('the file worker answered something else');
      return reply.value;
    },
    release(bytes) {
      // Back to the worker, to be filled again: transferred, so this side keeps nothing.
      if (broken === undefined) {
        const buffer = bytes.buffer as ArrayBuffer;
        worker.postMessage({ type: 'recycle', buffer }, [buffer]);
      }
    },
    close() {
      stop(new Error('the file source is closed'));
    },
  };
}
