/**
 * A vault client for API tests, speaking to the real app through inject. Keys are random bytes:
 * the server treats them as opaque, so tests need not run Argon2 to exercise the API (the e2e
 * tier runs the real key derivation in the browser).
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { CSRF_HEADER } from '../../src/contract/vault-api.js';

export const KDF = {
  algorithm: 'argon2id13',
  opsLimit: 3,
  memLimitBytes: 64 * 1024 * 1024,
  salt: randomBytes(16).toString('base64url'),
} as const;

export const key = (): string => randomBytes(32).toString('base64url');
export const blob = (n = 64): string => randomBytes(n).toString('base64url');
export const recordId = (): string => randomBytes(16).toString('base64url');

export class VaultClient {
  cookie: string | undefined;
  csrf: string | undefined;
  readonly authKey = key();
  readonly recoveryAuthKey = key();

  constructor(
    readonly app: FastifyInstance,
    readonly username: string,
    readonly ip = '203.0.113.10',
  ) {}

  async request(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    body?: unknown,
    options: { csrf?: boolean } = {},
  ) {
    const headers: Record<string, string> = {};
    if (this.cookie) headers.cookie = this.cookie;
    if ((options.csrf ?? true) && this.csrf) headers[CSRF_HEADER] = this.csrf;
    const res = await this.app.inject({
      method,
      url,
      headers,
      remoteAddress: this.ip,
      ...(body === undefined ? {} : { payload: body as Record<string, unknown> }),
    });
    this.remember(res);
    return res;
  }

  remember(res: LightMyRequestResponse): void {
    for (const c of res.cookies as { name: string; value: string; maxAge?: number }[]) {
      if (c.name === '__Host-mosaic-session')
        this.cookie = c.value === '' ? undefined : `${c.name}=${c.value}`;
    }
    if (res.statusCode < 300 && res.headers['content-type']?.toString().includes('json')) {
      const body = res.json<{ csrfToken?: string }>();
      if (body.csrfToken) this.csrf = body.csrfToken;
    }
  }

  signUp() {
    return this.request('POST', '/api/accounts', {
      username: this.username,
      kdf: KDF,
      authKey: this.authKey,
      recoveryAuthKey: this.recoveryAuthKey,
      wrappedAccountKey: { byPassphrase: blob(73), byRecoveryKey: blob(73) },
    });
  }

  signIn(authKey = this.authKey) {
    return this.request('POST', '/api/sessions', { username: this.username, authKey });
  }

  createRecord(id = recordId(), type = 'note', ciphertext = blob(300)) {
    return this.request('POST', '/api/records', { id, type, ciphertext, wrappedKey: blob(73) });
  }
}
