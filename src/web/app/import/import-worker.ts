/**
 * Reads an export file off the page's thread, so a large file never freezes the vault: the
 * importers (src/importers) run here, stream the file, and send back progress and the result.
 * Cancel is `terminate()` from the page, which stops this at once wherever it is.
 *
 * Nothing here sends anything anywhere but back to the page: the file's plaintext leaves the
 * browser only sealed in records.
 */
import { importFile, isImportError } from '../../../importers/index.js';
import { importZipExport, type RangeSource } from '../../../importers/zip-file.js';
import { isZip } from '../../../importers/zip.js';
import type { ReadRequest, WorkerReply } from './worker-protocol.js';

/** The dedicated worker's global scope, as far as this file uses it. */
interface WorkerScope {
  onmessage: ((event: MessageEvent<ReadRequest>) => void) | null;
  postMessage(message: WorkerReply): void;
}

const scope = self as unknown as WorkerScope;

scope.onmessage = (event) => {
  void read(event.data.file);
};

/** The file as chunks, for the streamed formats. */
function streamOf(file: File): AsyncIterable<Uint8Array> {
  return {
    async *[Symbol.asyncIterator]() {
      const reader = file.stream().getReader();
      try {
        for (;;) {
          const next = await reader.read();
          if (next.done) return;
          yield next.value;
        }
      } finally {
        reader.releaseLock();
      }
    },
  };
}

/** The file read by range, so a zip's media are never read at all. */
function rangesOf(file: File): RangeSource {
  return {
    size: file.size,
    read: async (offset, length) =>
      new Uint8Array(await file.slice(offset, offset + length).arrayBuffer()),
  };
}

async function read(file: File): Promise<void> {
  let percent = -1;
  const progress = (done: number, total: number): void => {
    const now = total > 0 ? Math.floor((done / total) * 100) : 0;
    if (now === percent) return;
    percent = now;
    scope.postMessage({ type: 'progress', done, total });
  };
  try {
    let head: Uint8Array;
    try {
      head = new Uint8Array(await file.slice(0, 4).arrayBuffer());
    } catch {
      scope.postMessage({ type: 'failed', code: 'file_unreadable' });
      return;
    }
    const result = isZip(head)
      ? await importZipExport(rangesOf(file), { fileName: file.name, onProgress: progress })
      : await importFile(streamOf(file), {
          fileName: file.name,
          onProgress: (bytes) => progress(bytes, file.size),
        });
    scope.postMessage({ type: 'done', result });
  } catch (e) {
    scope.postMessage({ type: 'failed', code: isImportError(e) ? e.code : 'internal_error' });
  }
}
