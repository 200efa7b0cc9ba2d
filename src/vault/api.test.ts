import { describe, expect, it, vi } from 'vitest';
import { CSRF_HEADER as CONTRACT_CSRF_HEADER } from '../contract/vault-api.js';
import { ApiError, CSRF_HEADER, isApiError, VaultApi } from './api.js';

interface Call {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string | undefined;
  keepalive: boolean | undefined;
}

function fakeFetch(respond: (call: Call) => Response | Promise<Response>) {
  const calls: Call[] = [];
  const fetch = vi.fn((url: string, init: RequestInit = {}) => {
    const call: Call = {
      url,
      method: init.method ?? 'GET',
      headers: { ...(init.headers as Record<string, string>) },
      body: init.body as string | undefined,
      keepalive: init.keepalive,
    };
    calls.push(call);
    return Promise.resolve(respond(call));
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, calls };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const session = {
  username: 'fox',
  wrappedAccountKey: 'AQ',
  csrfToken: 'csrf-1',
  idleTimeoutSeconds: 1800,
};
const record = {
  id: 'abcdefgh',
  type: 'note',
  revision: 1,
  ciphertext: 'AQ',
  wrappedKey: 'AQ',
  size: 1,
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
};

describe('VaultApi', () => {
  it('uses the contract’s CSRF header name', () => {
    expect(CSRF_HEADER).toBe(CONTRACT_CSRF_HEADER);
  });

  it('sends the CSRF token on every state-changing request while signed in, never on GET', async () => {
    const { fetch, calls } = fakeFetch((call) => {
      if (call.method === 'DELETE' || call.url.endsWith('/passphrase')) {
        return new Response(null, { status: 204 });
      }
      if (call.url.includes('/revisions')) return json(200, { revisions: [record], next: null });
      if (call.url.startsWith('/api/records?')) return json(200, { records: [record], next: null });
      if (call.url === '/api/sessions' && call.method === 'GET') return json(200, { sessions: [] });
      return json(200, record);
    });
    const api = new VaultApi({ fetch });
    api.setCsrfToken('csrf-1');
    await api.createRecord({ id: 'abcdefgh', type: 'note', ciphertext: 'AQ', wrappedKey: 'AQ' });
    await api.updateRecord('abcdefgh', { expectedRevision: 1, ciphertext: 'AQ', wrappedKey: 'AQ' });
    await api.deleteRecord('abcdefgh');
    await api.endSession('s1');
    await api.changePassphrase({
      currentAuthKey: 'a',
      kdf: { algorithm: 'argon2id13', opsLimit: 3, memLimitBytes: 67108864, salt: 's' },
      authKey: 'b',
      wrappedAccountKey: 'c',
    });
    await api.deleteAccount('a');
    await api.listRecords({ type: 'note', limit: 5, cursor: 'x y' });
    await api.getRecord('abcdefgh');
    await api.listRevisions('abcdefgh');
    await api.listSessions();
    for (const call of calls) {
      if (call.method === 'GET') expect(call.headers[CSRF_HEADER], call.url).toBeUndefined();
      else expect(call.headers[CSRF_HEADER], `${call.method} ${call.url}`).toBe('csrf-1');
    }
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual([
      'POST /api/records',
      'PUT /api/records/abcdefgh',
      'DELETE /api/records/abcdefgh',
      'DELETE /api/sessions/s1',
      'PUT /api/account/passphrase',
      'DELETE /api/account',
      'GET /api/records?type=note&limit=5&cursor=x+y',
      'GET /api/records/abcdefgh',
      'GET /api/records/abcdefgh/revisions',
      'GET /api/sessions',
    ]);
  });

  it('speaks the second factor: account summary, setup, turning on and off, codes at sign-in', async () => {
    const { fetch, calls } = fakeFetch((call) => {
      if (call.url === '/api/account') {
        return json(200, { username: 'fox', secondFactor: true, backupCodesLeft: 9 });
      }
      if (call.method === 'POST' && call.url === '/api/account/second-factor') {
        return json(200, { secret: 'JBSWY3DPEHPK3PXP', uri: 'otpauth://totp/Notes' });
      }
      if (call.method === 'PUT') return json(200, { backupCodes: ['AAAA-BBBB-CCCC-DDDD'] });
      if (call.method === 'DELETE') return new Response(null, { status: 204 });
      if (call.url.startsWith('/api/records')) return json(200, { records: [], next: null });
      return json(200, session);
    });
    const api = new VaultApi({ fetch });
    await api.signIn('fox', 'key', { totp: '123456' });
    await api.signIn('fox', 'key', { backupCode: 'AAAA-BBBB-CCCC-DDDD' });
    await api.signIn('fox', 'key');
    api.setCsrfToken('csrf-1');
    expect(await api.getAccount()).toEqual({
      username: 'fox',
      secondFactor: true,
      backupCodesLeft: 9,
    });
    expect(await api.startSecondFactor('Notes')).toEqual({
      secret: 'JBSWY3DPEHPK3PXP',
      uri: 'otpauth://totp/Notes',
    });
    expect(await api.enableSecondFactor('123456')).toEqual(['AAAA-BBBB-CCCC-DDDD']);
    await api.disableSecondFactor('auth');
    await api.listRecords({ limit: 200 });
    expect(calls.map((c) => [`${c.method} ${c.url}`, c.body])).toEqual([
      ['POST /api/sessions', '{"username":"fox","authKey":"key","totp":"123456"}'],
      [
        'POST /api/sessions',
        '{"username":"fox","authKey":"key","backupCode":"AAAA-BBBB-CCCC-DDDD"}',
      ],
      ['POST /api/sessions', '{"username":"fox","authKey":"key"}'],
      ['GET /api/account', undefined],
      ['POST /api/account/second-factor', '{"label":"Notes"}'],
      ['PUT /api/account/second-factor', '{"code":"123456"}'],
      ['DELETE /api/account/second-factor', '{"authKey":"auth"}'],
      ['GET /api/records?limit=200', undefined],
    ]);
    for (const call of calls.slice(3)) {
      expect(call.headers[CSRF_HEADER]).toBe(call.method === 'GET' ? undefined : 'csrf-1');
    }
  });

  it('refuses a second-factor answer that breaks the contract', async () => {
    const { fetch } = fakeFetch((call) =>
      call.url === '/api/account'
        ? json(200, { username: 'fox', secondFactor: 'yes', backupCodesLeft: 9 })
        : json(200, { backupCodes: [1, 2] }),
    );
    const api = new VaultApi({ fetch });
    api.setCsrfToken('csrf-1');
    await expect(api.getAccount()).rejects.toMatchObject({ code: 'bad_response' });
    await expect(api.enableSecondFactor('123456')).rejects.toMatchObject({ code: 'bad_response' });
  });

  it('sends no CSRF token to sign-up, challenge, sign-in and recovery', async () => {
    const { fetch, calls } = fakeFetch((call) => {
      if (call.url === '/api/sessions/challenge') return json(200, { kdf: {} });
      if (call.url === '/api/recovery/challenge') {
        return json(200, { wrappedAccountKey: 'AQ', recoveryToken: 't'.repeat(30) });
      }
      return json(call.url === '/api/accounts' ? 201 : 200, session);
    });
    const api = new VaultApi({ fetch });
    api.setCsrfToken('stale');
    await api.loginChallenge('fox');
    await api.signIn('fox', 'key');
    await api.recoveryChallenge('fox', 'key');
    await api.recoveryComplete({
      recoveryToken: 't',
      kdf: { algorithm: 'argon2id13', opsLimit: 3, memLimitBytes: 67108864, salt: 's' },
      authKey: 'a',
      wrappedAccountKey: 'w',
    });
    await api.createAccount({
      username: 'fox',
      kdf: { algorithm: 'argon2id13', opsLimit: 3, memLimitBytes: 67108864, salt: 's' },
      authKey: 'a',
      recoveryAuthKey: 'r',
      wrappedAccountKey: { byPassphrase: 'p', byRecoveryKey: 'q' },
    });
    for (const call of calls) expect(call.headers[CSRF_HEADER]).toBeUndefined();
  });

  it('refuses a state-changing request when not signed in, without sending it', async () => {
    const { fetch, calls } = fakeFetch(() => json(200, record));
    const api = new VaultApi({ fetch });
    await expect(api.deleteRecord('abcdefgh')).rejects.toMatchObject({ code: 'not_signed_in' });
    expect(calls).toEqual([]);
  });

  it('turns error responses into typed errors with the server’s code, and never retries', async () => {
    const { fetch, calls } = fakeFetch(() =>
      json(409, { error: { code: 'revision_conflict', message: 'changed elsewhere' } }),
    );
    const api = new VaultApi({ fetch });
    api.setCsrfToken('csrf');
    const error: unknown = await api
      .updateRecord('abcdefgh', { expectedRevision: 1, ciphertext: 'AQ', wrappedKey: 'AQ' })
      .catch((e: unknown) => e);
    expect(isApiError(error, 'revision_conflict')).toBe(true);
    expect(error).toMatchObject({ status: 409, message: 'changed elsewhere' });
    expect(calls).toHaveLength(1);
  });

  it('reports a network failure as code "network" and a 429 as rate_limited', async () => {
    const api = new VaultApi({ fetch: () => Promise.reject(new TypeError('offline')) });
    await expect(api.loginChallenge('fox')).rejects.toMatchObject({ code: 'network', status: 0 });
    const limited = new VaultApi({
      fetch: () => Promise.resolve(new Response('Too many', { status: 429 })),
    });
    await expect(limited.signIn('fox', 'k')).rejects.toMatchObject({ code: 'rate_limited' });
    const broken = new VaultApi({
      fetch: () => Promise.resolve(new Response('<html>', { status: 502 })),
    });
    await expect(broken.signIn('fox', 'k')).rejects.toMatchObject({ code: 'internal_error' });
  });

  it('refuses responses that break the contract', async () => {
    const api = new VaultApi({ fetch: () => Promise.resolve(json(200, { username: 'fox' })) });
    await expect(api.signIn('fox', 'k')).rejects.toMatchObject({ code: 'bad_response' });
    const list = new VaultApi({
      fetch: () =>
        Promise.resolve(json(200, { records: [{ ...record, revision: '2' }], next: null })),
    });
    list.setCsrfToken('x');
    await expect(list.listRecords({ type: 'note' })).rejects.toBeInstanceOf(ApiError);
  });

  it('tells the app when a signed-in request finds the session gone', async () => {
    const onSessionEnded = vi.fn();
    const { fetch } = fakeFetch(() =>
      json(401, { error: { code: 'not_signed_in', message: 'signed out' } }),
    );
    const api = new VaultApi({ fetch, onSessionEnded });
    await expect(api.loginChallenge('fox')).rejects.toMatchObject({ code: 'not_signed_in' });
    expect(onSessionEnded).not.toHaveBeenCalled();
    api.setCsrfToken('csrf');
    await expect(api.listSessions()).rejects.toMatchObject({ code: 'not_signed_in' });
    expect(onSessionEnded).toHaveBeenCalledTimes(1);
  });

  it('signs out with a keepalive request and forgets the token at once', () => {
    const { fetch, calls } = fakeFetch(() => new Response(null, { status: 204 }));
    const api = new VaultApi({ fetch });
    api.signOutKeepalive();
    expect(calls).toEqual([]);
    api.setCsrfToken('csrf-9');
    api.signOutKeepalive();
    expect(api.signedIn).toBe(false);
    expect(calls).toEqual([
      {
        url: '/api/sessions/current',
        method: 'DELETE',
        headers: { [CSRF_HEADER]: 'csrf-9' },
        body: undefined,
        keepalive: true,
      },
    ]);
  });

  it('follows the pages of a record’s revisions to the end, in order', async () => {
    const revisions = Array.from({ length: 7 }, (_, i) => ({ ...record, revision: i + 1 }));
    const { fetch, calls } = fakeFetch((call) => {
      const cursor = new URL(call.url, 'http://diary.test').searchParams.get('cursor');
      const start = cursor === null ? 0 : Number(cursor);
      const end = Math.min(start + 3, revisions.length);
      return json(200, {
        revisions: revisions.slice(start, end),
        next: end < revisions.length ? String(end) : null,
      });
    });
    const api = new VaultApi({ fetch });
    const all = await api.listRevisions('abcdefgh');
    expect(all.map((r) => r.revision)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(calls.map((c) => c.url)).toEqual([
      '/api/records/abcdefgh/revisions',
      '/api/records/abcdefgh/revisions?cursor=3',
      '/api/records/abcdefgh/revisions?cursor=6',
    ]);
  });

  it('refuses a revisions page that would never end', async () => {
    const { fetch } = fakeFetch(() => json(200, { revisions: [], next: 'again' }));
    const api = new VaultApi({ fetch });
    await expect(api.listRevisions('abcdefgh')).rejects.toMatchObject({ code: 'bad_response' });
    const { fetch: noNext } = fakeFetch(() => json(200, { revisions: [record] }));
    await expect(new VaultApi({ fetch: noNext }).listRevisions('abcdefgh')).rejects.toMatchObject({
      code: 'bad_response',
    });
  });

  it('encodes ids in paths', async () => {
    const { fetch, calls } = fakeFetch(() => json(200, record));
    const api = new VaultApi({ fetch });
    await api.getRecord('../x?y');
    expect(calls[0]?.url).toBe('/api/records/..%2Fx%3Fy');
  });
});
