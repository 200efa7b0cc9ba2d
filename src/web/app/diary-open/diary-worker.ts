/**
 * Opens slices of the diary off the page's thread (pool.ts): decrypts each sealed record and
 * checks it with its schema (openRecords in src/vault), and sends back the values, or
 * "unreadable" per record. It keeps nothing between requests: the account key's copy is wiped
 * after each slice, and the page terminates the worker on lock, quick exit and wipe.
 *
 * Nothing here sends anything anywhere but back to the page, and nothing is stored.
 */
// First, before any schema is built: zod must not probe for `new Function`, which this worker's
// policy (script-src 'self' 'wasm-unsafe-eval') refuses and would report.
import '../shell/zod-config.js';
import { cryptoReady } from '../../../crypto/index.js';
import { openRecords } from '../../../vault/diary-batch.js';
import { wipeBestEffort } from '../../../vault/session.js';
import type { OpenRequest, WorkerReply } from './worker-protocol.js';

/** The dedicated worker's global scope, as far as this file uses it. */
interface WorkerScope {
  onmessage: ((event: MessageEvent<OpenRequest>) => void) | null;
  postMessage(message: WorkerReply): void;
}

const scope = self as unknown as WorkerScope;

/**
 * libsodium, loaded once. If it cannot load here, every record would look unreadable, so the
 * worker answers `failed` instead and the page opens the diary itself.
 */
const ready = cryptoReady();

scope.onmessage = (event) => {
  void open(event.data);
};

async function open(request: OpenRequest): Promise<void> {
  const { id, accountKey, batch, kind } = request;
  try {
    await ready;
    const opened = await openRecords(accountKey, batch, kind);
    scope.postMessage({ type: 'opened', id, opened });
  } catch {
    scope.postMessage({ type: 'failed', id });
  } finally {
    wipeBestEffort(accountKey);
  }
}
