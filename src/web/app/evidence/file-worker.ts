/**
 * The evidence file worker: hashes and encrypts an evidence file off the page's thread
 * (src/vault/evidence/file-worker-service.ts does the work). Nothing here sends anything
 * anywhere but back to the page, and the page ends it with `terminate()`.
 */
import {
  fileWorkHandler,
  type FileWorkReply,
  type FileWorkRequest,
} from '../../../vault/evidence/file-worker-service.js';

/** The dedicated worker's global scope, as far as this file uses it. */
interface WorkerScope {
  onmessage: ((event: MessageEvent<FileWorkRequest>) => void) | null;
  postMessage(message: FileWorkReply, transfer: Transferable[]): void;
}

const scope = self as unknown as WorkerScope;
const handle = fileWorkHandler((reply, transfer) => scope.postMessage(reply, transfer));
scope.onmessage = (event) => handle(event.data);
