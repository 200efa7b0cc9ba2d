/**
 * The vault client's errors: one typed error for every failed request, and the one reader of the
 * API's error shape. In their own file so the transport, the response checks and the tus uploads
 * (evidence/upload-api.ts) share them without an import cycle.
 */

/**
 * A failed request. `code` is the server's stable error code, or one of the client's own:
 * `network` (no response at all), `bad_response` (a response that breaks the contract).
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * True when `e` is an ApiError, optionally with the given code.
 *
 * @example if (isApiError(e, 'revision_conflict')) showConflict();
 */
export function isApiError(e: unknown, code?: string): e is ApiError {
  return e instanceof ApiError && (code === undefined || e.code === code);
}

/**
 * The one reader of the API's error shape, `{ "error": { "code", "message" } }`, for every request
 * the vault makes (these JSON calls and the tus uploads alike). A field that is missing or not a
 * string keeps its status-based default, so a proxy's page or tus's plain-text answer still
 * gives a typed error.
 */
export async function readApiError(response: Response): Promise<ApiError> {
  let code = response.status >= 500 ? 'internal_error' : 'bad_request';
  let message = response.statusText;
  try {
    const json: unknown = await response.json();
    const error = isRecord(json) ? json.error : undefined;
    if (isRecord(error)) {
      if (typeof error.code === 'string') code = error.code;
      if (typeof error.message === 'string') message = error.message;
    }
  } catch {
    // Not JSON at all: the status-based code stands.
  }
  if (response.status === 429) code = 'rate_limited';
  return new ApiError(response.status, code, message);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A response that breaks the contract: the server is not trusted to keep it. */
export function badResponse(what: string): ApiError {
  return new ApiError(0, 'bad_response', `the server's response is not as expected (${what})`);
}
