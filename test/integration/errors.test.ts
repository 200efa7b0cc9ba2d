/**
 * What a visitor sees when something breaks inside: the 500 page in the site's layout (or a JSON
 * error under /api/), with nothing internal in it; and HSTS only when the request came over TLS.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config.js';
import { freshDatabase, type TestDatabase } from '../support/databases.js';

describe('internal errors and TLS', () => {
  let app: FastifyInstance;
  let database: TestDatabase;
  const logLines: string[] = [];

  beforeAll(async () => {
    const config = await loadConfig({ LOG_LEVEL: 'info', TRUST_PROXY: '1' });
    database = await freshDatabase('pglite');
    app = await buildApp(
      { config, database },
      { logger: { level: 'info', stream: { write: (line: string) => logLines.push(line) } } },
    );
    const fail = (): never => {
      throw new Error('secret detail: the diary of jane.doe@example.org');
    };
    app.get('/boom', fail);
    app.get('/cy/boom', fail);
    app.get('/api/boom', fail);
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('shows the 500 page in the layout, in the address’s language, revealing nothing', async () => {
    const res = await app.inject('/boom?name=jane');
    expect(res.statusCode).toBe(500);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.body).toContain('Sorry, something went wrong');
    expect(res.body).toContain('data-quick-exit-button');
    expect(res.body).not.toContain('secret detail');
    expect(res.body).not.toMatch(/\.ts:\d+|\.js:\d+/);
    const cy = await app.inject('/cy/boom');
    expect(cy.body).toContain("Mae'n ddrwg gennym");
  });

  it('answers an API failure with a stable code and a plain message', async () => {
    const res = await app.inject('/api/boom');
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({
      error: { code: 'internal_error', message: 'Something went wrong. Please try again.' },
    });
  });

  it('logs the failure without its message, the address, the query or the client', async () => {
    await app.inject({ url: '/boom?name=jane', remoteAddress: '198.51.100.7' });
    const text = logLines.join('\n');
    expect(text).toContain('"route":"/boom"');
    expect(text).toContain('"status":500');
    expect(text).not.toContain('jane');
    expect(text).not.toContain('198.51.100.7');
  });

  it('sends HSTS only over TLS', async () => {
    const plain = await app.inject('/');
    expect(plain.headers['strict-transport-security']).toBeUndefined();
    const tls = await app.inject({ url: '/', headers: { 'x-forwarded-proto': 'https' } });
    expect(tls.headers['strict-transport-security']).toBe('max-age=63072000; includeSubDomains');
  });
});
