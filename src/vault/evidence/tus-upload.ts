/**
 * tus-js-client, set up so that nothing about an upload is kept in the browser: no fingerprint,
 * no URL storage, no metadata. The upload class and XHR transport are imported directly rather
 * than through the package's browser entry, which probes localStorage when it loads; every
 * option that would otherwise fall back to that entry's defaults is given here.
 */
import type { DetailedError } from 'tus-js-client';
import XHRHttpStack from 'tus-js-client/lib/browser/httpStack.js';
import BaseUpload from 'tus-js-client/lib/upload.js';
import type { EncryptingSource } from './encrypting-source.js';

export type TusUpload = BaseUpload;
export type { DetailedError };

/** A URL storage that stores nothing (tus-js-client calls it even when told not to resume). */
const NOWHERE = {
  findAllUploads: () => Promise.resolve([]),
  findUploadsByFingerprint: () => Promise.resolve([]),
  removeUpload: () => Promise.resolve(),
  addUpload: () => Promise.resolve(''),
};

/**
 * Encrypted bytes per PATCH request: few requests, bounded memory, and a whole number of the S3
 * store's 5 MiB parts (src/server/blobs/s3-store.ts), so the server sends each byte on once
 * rather than holding a remainder back as an incomplete part between requests.
 */
export const PATCH_BYTES = 10 * 1024 * 1024;

export interface TusCallbacks {
  readonly onProgress: (sent: number, total: number) => void;
  readonly onSuccess: () => void;
  readonly onError: (error: Error) => void;
}

/**
 * An upload of `source`'s encrypted bytes to an existing tus upload: it asks the server for its
 * offset (HEAD) and sends the rest. Call `start()`; `abort()` stops without deleting.
 *
 * @example const upload = tusUpload('/api/uploads/abc', source, headers, callbacks); upload.start();
 */
export function tusUpload(
  url: string,
  source: EncryptingSource,
  headers: Record<string, string>,
  callbacks: TusCallbacks,
): TusUpload {
  return new BaseUpload(source, {
    // The class itself does not merge its defaults in (the package's entry would).
    ...BaseUpload.defaultOptions,
    uploadUrl: url,
    endpoint: null,
    headers,
    chunkSize: PATCH_BYTES,
    retryDelays: [0, 1000, 3000, 5000],
    metadata: {},
    storeFingerprintForResuming: false,
    removeFingerprintOnSuccess: false,
    fingerprint: () => Promise.resolve(null as unknown as string),
    urlStorage: NOWHERE,
    fileReader: { openFile: () => Promise.resolve(source) },
    httpStack: new XHRHttpStack(),
    onProgress: callbacks.onProgress,
    onSuccess: callbacks.onSuccess,
    onError: callbacks.onError,
  });
}

/** The HTTP status behind a tus error (0 when no response came back). */
export function statusOf(error: unknown): number {
  const response = (error as Partial<DetailedError> | null)?.originalResponse;
  return response ? response.getStatus() : 0;
}

/** The method of the request behind a tus error. */
export function methodOf(error: unknown): string | undefined {
  return (error as Partial<DetailedError> | null)?.originalRequest?.getMethod();
}

/** The error that caused a tus error (a file read failure, say). */
export function causeOf(error: unknown): unknown {
  return (error as Partial<DetailedError> | null)?.causingError ?? undefined;
}
