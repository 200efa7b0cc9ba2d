/**
 * The few requests the evidence locker makes outside tus-js-client: creating an upload (which
 * is where the server checks the size limits, before any byte is sent), deleting one, asking
 * for the limits, and fetching the ciphertext of a finished one. Like VaultApi, nothing is ever
 * retried automatically and nothing readable travels: no Upload-Metadata, ever.
 */
import { ApiError, CSRF_HEADER, readApiError, type VaultApi } from '../api.js';

export const UPLOADS_PATH = '/api/uploads';
const TUS_VERSION = '1.0.0';

/** The session's CSRF token, which tus requests carry as a header; undefined when locked. */
export function csrfToken(api: VaultApi): string | undefined {
  return api.currentCsrfToken();
}

/** The headers every state-changing upload request carries. */
export function uploadHeaders(api: VaultApi): Record<string, string> {
  const token = csrfToken(api);
  if (token === undefined) throw new ApiError(401, 'not_signed_in', 'not signed in');
  return { [CSRF_HEADER]: token };
}

/** The URL of an upload (same origin). */
export function uploadUrl(uploadId: string): string {
  return `${UPLOADS_PATH}/${encodeURIComponent(uploadId)}`;
}

/** The upload id at the end of a tus Location, or undefined if it is not one. */
export function uploadIdOf(location: string): string | undefined {
  const path = new URL(location, 'http://x.invalid').pathname;
  const id = path.startsWith(`${UPLOADS_PATH}/`) ? path.slice(UPLOADS_PATH.length + 1) : '';
  return /^[A-Za-z0-9._~-]{1,200}$/.test(id) ? id : undefined;
}

async function send(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, {
      credentials: 'same-origin',
      cache: 'no-store',
      redirect: 'error',
      ...init,
    });
  } catch {
    throw new ApiError(0, 'network', 'the server could not be reached');
  }
}

/**
 * Creates an upload of `length` encrypted bytes and returns its id. The server refuses with 413
 * `file_too_large` or `quota_exceeded` before anything is stored.
 *
 * @example const id = await createUpload(api, encryptedFileSize(file.size));
 */
export async function createUpload(api: VaultApi, length: number): Promise<string> {
  const response = await send(UPLOADS_PATH, {
    method: 'POST',
    headers: {
      ...uploadHeaders(api),
      'tus-resumable': TUS_VERSION,
      'upload-length': String(length),
    },
  });
  if (response.status !== 201) throw await readApiError(response);
  const id = uploadIdOf(response.headers.get('location') ?? '');
  if (id === undefined) {
    throw new ApiError(0, 'bad_response', 'the server did not say where the upload is');
  }
  return id;
}

/**
 * Deletes an upload and its blob. An upload that is already gone counts as deleted.
 *
 * @example await deleteUpload(api, record.upload.id);
 */
export async function deleteUpload(api: VaultApi, uploadId: string): Promise<void> {
  const response = await send(uploadUrl(uploadId), {
    method: 'DELETE',
    headers: { ...uploadHeaders(api), 'tus-resumable': TUS_VERSION },
  });
  if (response.status === 204 || response.status === 404 || response.status === 410) return;
  throw await readApiError(response);
}

/** Fetches the ciphertext of a finished upload, as a response whose body can be streamed. */
export async function fetchCiphertext(uploadId: string, signal?: AbortSignal): Promise<Response> {
  const response = await send(uploadUrl(uploadId), {
    method: 'GET',
    headers: { 'tus-resumable': TUS_VERSION },
    ...(signal !== undefined ? { signal } : {}),
  });
  if (!response.ok) throw await readApiError(response);
  return response;
}

/** What the server allows, and what this account already holds (encrypted bytes). */
export interface UploadLimits {
  readonly maxFileBytes: number;
  readonly accountQuotaBytes: number;
  readonly usedBytes: number;
}

/**
 * The limits, from `GET /api/uploads/limits`; undefined when the server does not offer them
 * (then creating the upload is the check, and its 413 says which limit was hit).
 */
export async function fetchLimits(): Promise<UploadLimits | undefined> {
  let response: Response;
  try {
    response = await send(`${UPLOADS_PATH}/limits`, {
      method: 'GET',
      headers: { accept: 'application/json' },
    });
  } catch {
    return undefined;
  }
  if (!response.ok) return undefined;
  try {
    const json = (await response.json()) as Record<string, unknown>;
    const n = (v: unknown): number | undefined =>
      typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : undefined;
    const maxFileBytes = n(json.maxFileBytes);
    const accountQuotaBytes = n(json.accountQuotaBytes);
    const usedBytes = n(json.usedBytes);
    if (maxFileBytes === undefined || accountQuotaBytes === undefined || usedBytes === undefined) {
      return undefined;
    }
    return { maxFileBytes, accountQuotaBytes, usedBytes };
  } catch {
    return undefined;
  }
}
