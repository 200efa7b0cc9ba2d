/**
 * Every API route, signed in, with hostile path parameters and query strings: whatever arrives,
 * the answer is a 4xx in the API's error shape (or a normal answer), never a 5xx. Routes come
 * from the OpenAPI document, plus the upload routes it leaves out, so a new route is covered
 * the day it is added.
 */
import fc from 'fast-check';
import { unicodeText } from '../support/arbitraries.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { ENGINES } from '../support/databases.js';
import { VaultClient } from '../support/vault-client.js';

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH' | 'HEAD';

/** Path parameters as an attacker might send them: control bytes, encodings, huge, odd Unicode. */
const KNOWN_BAD = [
  '%00abc',
  'abc%00',
  '%00',
  '..',
  '%2e%2e',
  '%2F',
  'a%2Fb',
  '%5C',
  '%C0%AE',
  '%EF%BF%BF',
  '%F0%9F%92%A9',
  '%ED%A0%80',
  "'%20or%201=1--",
  'null',
  'undefined',
  '-1',
  'a'.repeat(5000),
];
const hostileSegment = fc.oneof(
  fc.constantFrom(...KNOWN_BAD),
  unicodeText({ minLength: 1, maxLength: 80 }).map((s) =>
    encodeURIComponent(s).replace(/%25/g, '%'),
  ),
  fc
    .uint8Array({ minLength: 1, maxLength: 40 })
    .map((bytes) => Array.from(bytes, (b) => `%${b.toString(16).padStart(2, '0')}`).join('')),
);

const hostileQuery = fc.oneof(
  fc.constant(''),
  fc.constantFrom(
    '?cursor=%00',
    '?limit=-1',
    '?limit=1e309',
    '?order=%00',
    '?type=%00',
    '?cursor=' + 'A'.repeat(3000),
    '?limit[]=1',
    '?__proto__[x]=1',
  ),
  fc
    .tuple(fc.string({ maxLength: 10 }), unicodeText({ maxLength: 40 }))
    .map(([k, v]) => `?${encodeURIComponent(k)}=${encodeURIComponent(v)}`),
);

describe.each(ENGINES)('hostile route parameters on $name', ({ name, available }) => {
  const test = available ? it : it.skip;
  let t: TestApp;
  let c: VaultClient;
  let routes: { method: Method; path: string }[] = [];

  beforeAll(async () => {
    if (!available) return;
    t = await startTestApp({ engine: name });
    c = new VaultClient(t.app, `fuzz-${process.pid}-${name}`);
    expect((await c.signUp()).statusCode).toBe(201);
    const doc = (await t.app.inject('/api/openapi.json')).json<{
      paths: Record<string, Record<string, unknown>>;
    }>();
    routes = Object.entries(doc.paths)
      .flatMap(([path, methods]) =>
        Object.keys(methods).map((m) => ({ method: m.toUpperCase() as Method, path })),
      )
      // Signing out (DELETE /api/sessions/current) would end the fuzzing session itself.
      .filter((r) => r.method !== 'DELETE' || r.path.includes('{'));
    for (const method of ['HEAD', 'PATCH', 'DELETE', 'GET'] as const) {
      routes.push({ method, path: '/api/uploads/{id}' });
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  /** Sends one request; a 5xx, or an error in any other shape, fails the test. */
  const probe = async (route: { method: Method; path: string }, segment: string, query: string) => {
    const url = route.path.replace(/\{[^}]+\}/g, segment) + query;
    const headers: Record<string, string> = {
      cookie: c.cookie!,
      'x-mosaic-csrf': c.csrf!,
      'tus-resumable': '1.0.0',
    };
    const res = await t.app.inject({
      method: route.method,
      url,
      headers,
      ...(route.method === 'POST' || route.method === 'PUT' ? { payload: {} } : {}),
    });
    expect(res.statusCode, `${route.method} ${url}`).toBeLessThan(500);
    if (res.statusCode >= 400 && route.method !== 'HEAD') {
      expect(res.json(), `${route.method} ${url}`).toMatchObject({
        error: { code: expect.any(String), message: expect.any(String) },
      });
    }
  };

  test('no parameter or query string ever gets a 5xx', async () => {
    const withParams = routes.filter((r) => r.path.includes('{'));
    expect(withParams.length).toBeGreaterThanOrEqual(6);
    // Every known-bad parameter on every route with one, then random ones anywhere.
    for (const route of withParams) {
      for (const segment of KNOWN_BAD) await probe(route, segment, '');
    }
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), hostileSegment, hostileQuery, probe),
      { numRuns: 300 },
    );
    // Still signed in, and the account still works: nothing above changed it.
    expect((await c.request('GET', '/api/sessions')).statusCode).toBe(200);
  }, 120_000);
});
