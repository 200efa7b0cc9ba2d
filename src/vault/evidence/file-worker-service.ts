/**
 * What an evidence file worker does with the page's messages: hashes a file; or opens it for
 * encryption and answers chunk after chunk; or hashes the plaintext another worker (the one
 * encrypting) sends it over a MessagePort. The worker entry (src/web/app/evidence/file-worker.ts)
 * only wires this to its global scope; keeping it here keeps it pure and testable in Node.
 *
 * One worker serves one file. Each encrypted chunk's buffer is transferred back, not copied,
 * and comes back (`recycle`) once the page has copied it into a request, so the worker reuses a
 * few buffers (pooled-chunks.ts); the page asks for chunks only as far ahead as its read-ahead
 * allows, so what the worker holds is bounded too. Ending the worker (`terminate()`) is how the
 * page stops it: the key, the plaintext and the hash state go with it.
 */
import { createSha256, decodeFileHeader } from '../../crypto/index.js';
import { localFileCrypto, type FileChunks } from './file-crypto.js';
import type { Digests } from './file-hash.js';
import { localPlainHash, portPlainHash, servePlainHash, type HashPort } from './plain-hash.js';
import { pooledChunks } from './pooled-chunks.js';

export type FileWorkRequest =
  | {
      readonly type: 'digest';
      readonly file: Blob;
      readonly fingerprint: boolean;
      readonly sha256: boolean;
    }
  | {
      readonly type: 'open';
      readonly file: Blob;
      readonly key: Uint8Array;
      readonly fileId: string;
      /** The encoded 21-byte file header. */
      readonly header: Uint8Array;
      readonly sha256: boolean;
      /** Where the SHA-256 is built (a second worker), when it is wanted and not built here. */
      readonly hashPort?: HashPort;
    }
  /** Be the hashing worker at the other end of an encrypting worker's `hashPort`. */
  | { readonly type: 'hash'; readonly port: HashPort }
  /** An encrypted chunk's buffer, back from the page to be used again. */
  | { readonly type: 'recycle'; readonly buffer: ArrayBuffer }
  | { readonly type: 'chunk'; readonly id: number; readonly index: number }
  | { readonly type: 'sha256'; readonly id: number };

export type FileWorkReply =
  /** Bytes hashed so far, while digesting. */
  | { readonly type: 'progress'; readonly done: number; readonly total: number }
  | { readonly type: 'digests'; readonly digests: Digests }
  | { readonly type: 'chunk'; readonly id: number; readonly bytes: Uint8Array<ArrayBuffer> }
  | { readonly type: 'sha256'; readonly id: number; readonly value: string | undefined }
  /** `id` is absent when digesting or opening failed. `name` lets the page tell a file that
   * can no longer be read (NotReadableError) from anything else. */
  | {
      readonly type: 'failed';
      readonly id?: number;
      readonly name: string;
      readonly message: string;
    };

export type PostReply = (reply: FileWorkReply, transfer: ArrayBuffer[]) => void;

/** Progress is sent at most this often (in bytes), so a fast hash does not flood the page. */
const PROGRESS_STEP = 16 * 1024 * 1024;

/**
 * The message handler of a file worker.
 *
 * @example scope.onmessage = (e) => handle(e.data); // handle = fileWorkHandler(post)
 */
export function fileWorkHandler(post: PostReply): (request: FileWorkRequest) => void {
  let opened: Promise<FileChunks & { recycle(buffer: ArrayBuffer): void }> | undefined;
  const failed = (id: number | undefined, e: unknown): void => {
    const { name, message } = e instanceof Error ? e : { name: 'Error', message: String(e) };
    post({ type: 'failed', ...(id !== undefined ? { id } : {}), name, message }, []);
  };
  return (request) => {
    switch (request.type) {
      case 'digest': {
        let reported = 0;
        localFileCrypto
          .digest(request.file, {
            fingerprint: request.fingerprint,
            sha256: request.sha256,
            onProgress: (done, total) => {
              if (done - reported < PROGRESS_STEP && done < total) return;
              reported = done;
              post({ type: 'progress', done, total }, []);
            },
          })
          .then(
            (digests) => post({ type: 'digests', digests }, []),
            (e: unknown) => failed(undefined, e),
          );
        return;
      }
      case 'open': {
        const context = {
          key: request.key,
          fileId: request.fileId,
          header: decodeFileHeader(request.header),
        };
        const { hashPort } = request;
        const hash = !request.sha256
          ? Promise.resolve(undefined)
          : hashPort !== undefined
            ? Promise.resolve(portPlainHash(hashPort))
            : createSha256().then(localPlainHash);
        opened = hash.then((h) => pooledChunks(context, request.file, h));
        opened.catch((e: unknown) => failed(undefined, e));
        return;
      }
      case 'hash': {
        createSha256().then(
          (hasher) => servePlainHash(request.port, hasher),
          (e: unknown) => failed(undefined, e),
        );
        return;
      }
      case 'recycle': {
        void opened?.then((chunks) => chunks.recycle(request.buffer)).catch(() => undefined);
        return;
      }
      case 'chunk': {
        const { id, index } = request;
        if (opened === undefined) return failed(id, new Error('no file is open'));
        opened
          .then((chunks) => chunks.chunk(index))
          .then((bytes) => {
            // The view keeps its length over the whole (reusable) buffer it moves.
            const view = bytes as Uint8Array<ArrayBuffer>;
            post({ type: 'chunk', id, bytes: view }, [view.buffer]);
          })
          .catch((e: unknown) => failed(id, e));
        return;
      }
      case 'sha256': {
        const { id } = request;
        if (opened === undefined) return failed(id, new Error('no file is open'));
        opened
          .then((chunks) => chunks.sha256())
          .then((value) => post({ type: 'sha256', id, value }, []))
          .catch((e: unknown) => failed(id, e));
        return;
      }
    }
  };
}
