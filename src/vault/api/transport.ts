/**
 * The one place the vault's JSON requests are made: JSON in and out, the CSRF header on every
 * state-changing request made while signed in, typed errors carrying the server's stable code.
 * It never retries: a repeated POST or PUT could save twice, so a failure goes back to the
 * person, who decides. The CSRF token lives in this object only (never in storage).
 *
 * The base of VaultApi (../api.ts): each area's calls extend it, one file per area.
 */
import { ApiError, badResponse, readApiError } from './errors.js';

/** Must equal CSRF_HEADER in src/contract/vault-api.ts (api.test.ts checks). */
export const CSRF_HEADER = 'x-mosaic-csrf';

export interface VaultApiOptions {
  /** Defaults to the global fetch. */
  readonly fetch?: typeof fetch;
  /** Origin and prefix; defaults to '' (this origin). */
  readonly base?: string;
  /** Called when a request made while signed in finds the session gone (401 not_signed_in). */
  readonly onSessionEnded?: () => void;
}

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export class ApiTransport {
  private csrfToken: string | undefined;
  private readonly fetchImpl: typeof fetch;
  private readonly base: string;
  private readonly onSessionEnded: (() => void) | undefined;

  constructor(options: VaultApiOptions = {}) {
    this.fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.base = options.base ?? '';
    this.onSessionEnded = options.onSessionEnded;
  }

  /** True while a session's CSRF token is held. */
  get signedIn(): boolean {
    return this.csrfToken !== undefined;
  }

  /** Keeps the token from a SessionResponse, in memory only. */
  setCsrfToken(token: string): void {
    this.csrfToken = token;
  }

  clearCsrfToken(): void {
    this.csrfToken = undefined;
  }

  /** The token, for requests made outside this class (tus uploads); undefined when locked. */
  currentCsrfToken(): string | undefined {
    return this.csrfToken;
  }

  /**
   * Signs this session out without waiting, in a way the browser finishes even while the page
   * is being left (quick exit, pagehide). Forgets the CSRF token at once.
   */
  signOutKeepalive(): void {
    const token = this.csrfToken;
    this.csrfToken = undefined;
    if (token === undefined) return;
    try {
      this.fetchImpl(this.base + '/api/sessions/current', {
        method: 'DELETE',
        headers: { [CSRF_HEADER]: token },
        credentials: 'same-origin',
        cache: 'no-store',
        keepalive: true,
      }).catch(() => {
        // Nothing to do: the session also expires on the server when idle.
      });
    } catch {
      // fetch can throw synchronously while the document unloads; the session still expires.
    }
  }

  protected async request<T>(
    method: Method,
    path: string,
    options: {
      body?: unknown;
      csrf?: boolean;
      /** A share session's token (recipient requests carry no cookie session or CSRF). */
      bearer?: string;
      /** The body is bytes, handed to `parse` as a Uint8Array. */
      binary?: boolean;
      /** The response itself is handed to `parse`, body unread (streaming downloads). */
      raw?: boolean;
      parse: (json: unknown) => T;
    },
  ): Promise<T> {
    const headers: Record<string, string> = {
      accept:
        options.binary === true || options.raw === true
          ? 'application/octet-stream'
          : 'application/json',
    };
    if (options.bearer !== undefined) headers.authorization = `Bearer ${options.bearer}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const sendCsrf = method !== 'GET' && options.csrf !== false;
    const wasSignedIn = this.csrfToken !== undefined;
    if (sendCsrf) {
      if (this.csrfToken === undefined) {
        throw new ApiError(401, 'not_signed_in', 'not signed in');
      }
      headers[CSRF_HEADER] = this.csrfToken;
    }
    let response: Response;
    try {
      response = await this.fetchImpl(this.base + path, {
        method,
        headers,
        credentials: 'same-origin',
        cache: 'no-store',
        redirect: 'error',
        ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
      });
    } catch {
      throw new ApiError(0, 'network', 'the server could not be reached');
    }
    if (!response.ok) {
      const error = await readApiError(response);
      if (error.code === 'not_signed_in' && wasSignedIn) this.onSessionEnded?.();
      throw error;
    }
    if (options.raw === true) return options.parse(response);
    if (response.status === 204) return options.parse(undefined);
    if (options.binary === true) {
      try {
        return options.parse(new Uint8Array(await response.arrayBuffer()));
      } catch {
        throw badResponse('body');
      }
    }
    let json: unknown;
    try {
      json = await response.json();
    } catch {
      throw badResponse('body');
    }
    return options.parse(json);
  }
}
