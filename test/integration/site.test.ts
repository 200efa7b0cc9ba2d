import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOT_FOUND_LIMIT } from '../../src/server/app.js';
import { buildSite } from '../../src/server/site.js';
import { allPagePaths } from '../../src/web/pages/site.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { ENGINES } from '../support/databases.js';

describe.each(ENGINES)('public site on $name', ({ name, available }) => {
  let t: TestApp;
  beforeAll(async () => {
    if (available) t = await startTestApp({ engine: name });
  });
  afterAll(async () => {
    await t?.close();
  });
  const test = available ? it : it.skip;

  test('serves every page with 200, the security headers and no cookie', async () => {
    const paths = await pagePaths(t);
    expect(paths.length).toBeGreaterThanOrEqual(2);
    for (const path of paths) {
      const res = await t.app.inject({ url: path, headers: { 'accept-encoding': 'identity' } });
      expect(res.statusCode, path).toBe(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['set-cookie'], path).toBeUndefined();
      expect(res.headers['cache-control']).toBe('no-store');
      expectSecurityHeaders(res.headers);
      expect(res.body).toContain('data-quick-exit-button');
      expect(res.body).toMatch(/<main id="main"/);
    }
  });

  test('lets only the vault page use the camera, microphone and position, and only itself', async () => {
    const vault = await t.app.inject({ url: '/vault' });
    const home = await t.app.inject({ url: '/' });
    for (const feature of ['camera', 'microphone', 'geolocation']) {
      expect(String(vault.headers['permissions-policy'])).toContain(`${feature}=(self)`);
      expect(String(home.headers['permissions-policy'])).toContain(`${feature}=()`);
    }
  });

  test('never links or loads anything from another site except plain outbound links', async () => {
    for (const path of await pagePaths(t)) {
      const html = (await t.app.inject(path)).body;
      // src= and rel=stylesheet/href on <link> are loads; <a href> is a link a person chooses.
      const loads = [
        ...html.matchAll(
          /<(?:script|img|link|iframe|source|video|audio)\b[^>]*?(?:src|href)="([^"]+)"/g,
        ),
      ].map((m) => m[1]);
      for (const url of loads) expect(url, `${path} loads ${url}`).toMatch(/^\/(?!\/)/);
    }
  });

  test('answers health and readiness without personal data', async () => {
    const health = await t.app.inject('/healthz');
    expect(health.statusCode).toBe(200);
    expect(health.json()).toEqual({ status: 'ok' });
    const ready = await t.app.inject('/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready' });
  });

  test('shows the not-found page in the layout, in the language of the address', async () => {
    const en = await t.app.inject('/no-such-page');
    expect(en.statusCode).toBe(404);
    expect(en.body).toContain('Page not found');
    expect(en.body).toContain('data-quick-exit-button');
    expectSecurityHeaders(en.headers);
    const cy = await t.app.inject('/cy/no-such-page');
    expect(cy.statusCode).toBe(404);
    expect(cy.body).toContain('lang="cy"');
    expect(cy.body).toContain("Heb ddod o hyd i'r dudalen");
  });

  test('answers API misses with a JSON error code', async () => {
    const res = await t.app.inject('/api/nothing-here');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
  });

  test('turns malformed requests into 4xx pages, never 5xx or a stack trace', async () => {
    for (const url of [
      '/%',
      '/%E0%A4%A',
      '/..%2f..%2fetc%2fpasswd',
      `/${'a'.repeat(5000)}`,
      '/assets/../../package.json',
    ]) {
      const res = await t.app.inject(url);
      expect(res.statusCode, url).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, url).toBeLessThan(500);
      expect(res.body).not.toMatch(/at .*\.(ts|js):\d+/);
    }
    const post = await t.app.inject({
      method: 'POST',
      url: '/',
      headers: { 'content-type': 'application/json' },
      payload: '{"broken',
    });
    expect(post.statusCode).toBeGreaterThanOrEqual(400);
    expect(post.statusCode).toBeLessThan(500);
  });

  test('serves hashed assets with year-long caching and compression', async () => {
    const html = (await t.app.inject('/')).body;
    const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]!);
    expect(assets.length).toBeGreaterThanOrEqual(3);
    for (const url of assets) {
      const res = await t.app.inject({ url, headers: { 'accept-encoding': 'br, gzip' } });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toContain('immutable');
      expect(res.headers['cache-control'], url).toContain('max-age=31536000');
    }
    const page = await t.app.inject({ url: '/', headers: { 'accept-encoding': 'br' } });
    expect(page.headers['content-encoding']).toBe('br');
  });

  test('rate-limits not-found responses per address, in the database', async () => {
    const from = (ip: string) => ({ url: '/scanner-probe', remoteAddress: ip });
    for (let i = 0; i < NOT_FOUND_LIMIT.max; i++) {
      expect((await t.app.inject(from('192.0.2.1'))).statusCode).toBe(404);
    }
    const limited = await t.app.inject(from('192.0.2.1'));
    expect(limited.statusCode).toBe(429);
    expect(limited.body).toContain('Too many requests');
    // Another address is not affected.
    expect((await t.app.inject(from('192.0.2.2'))).statusCode).toBe(404);
    // Counters are keyed by an HMAC: the address itself is never stored.
    const rows = await t.database.db.selectFrom('rate_limit_counters').selectAll().execute();
    expect(rows.length).toBeGreaterThanOrEqual(2);
    for (const row of rows) expect(row.key).not.toContain('192.0.2');
  });
});

async function pagePaths(t: TestApp): Promise<string[]> {
  const { site } = await buildSite(t.config);
  return allPagePaths(site).map((p) => p.path);
}

function expectSecurityHeaders(headers: Record<string, unknown>): void {
  const csp = String(headers['content-security-policy']);
  expect(csp).toContain("default-src 'none'");
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("style-src 'self'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toContain('unsafe-inline');
  expect(csp).not.toContain('unsafe-eval');
  expect(headers['referrer-policy']).toBe('no-referrer');
  expect(headers['x-content-type-options']).toBe('nosniff');
  const permissions = String(headers['permissions-policy']);
  expect(permissions).toContain('payment=()');
  expect(permissions).toContain('interest-cohort=()');
  expect(headers['strict-transport-security']).toBeUndefined();
}
