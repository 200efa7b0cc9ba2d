/**
 * The public self-check, "Is this stalking?", through the real app: one question a page by form
 * POST, answers carried only in hidden fields — never in a log line, an address or a cookie —
 * Back by the page's own button, and POSTs from other sites refused.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config.js';
import { freshDatabase, type TestDatabase } from '../support/databases.js';

/** An answer nobody else would write: if it shows up in a log line, the log leaked it. */
const CANARY = 'canary-answer-7f3a91';

describe('public self-check', () => {
  let app: FastifyInstance;
  let database: TestDatabase;
  const logLines: string[] = [];

  beforeAll(async () => {
    const config = await loadConfig({ LOG_LEVEL: 'debug' });
    // Nothing here touches the database; the app needs one to start.
    database = await freshDatabase('pglite');
    app = await buildApp(
      { config, database },
      { logger: { level: 'trace', stream: { write: (line: string) => logLines.push(line) } } },
    );
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const post = (
    body: string,
    headers: Record<string, string> = { 'sec-fetch-site': 'same-origin' },
    url = '/self-check',
  ): Promise<LightMyRequestResponse> =>
    app.inject({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      payload: body,
    });

  /** The hidden fields and the chosen answers of a page's form, as a body to post next. */
  function formOf(html: string): URLSearchParams {
    const form = new URLSearchParams();
    for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) {
      form.append(m[1]!, m[2]!);
    }
    return form;
  }

  function expectPrivate(res: LightMyRequestResponse): void {
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(res.headers['location']).toBeUndefined();
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    // No inline script or style of any kind.
    expect(res.body).not.toMatch(/<script(?![^>]*\bsrc=)/);
    expect(res.body).not.toMatch(/\sstyle=/);
  }

  it('starts with a page that posts to an address without answers', async () => {
    const res = await app.inject('/self-check');
    expect(res.statusCode).toBe(200);
    expectPrivate(res);
    expect(res.body).toContain('Is this stalking?');
    expect(res.body).toContain('<form method="post" action="/self-check"');
    expect(res.body).toContain('not an assessment by the police');
    const cy = await app.inject('/cy/self-check');
    expect(cy.body).toContain('<form method="post" action="/cy/self-check"');
    expect(cy.body).toContain('Ai stelcio yw hyn?');
  });

  it('is linked from the "What is stalking?" page', async () => {
    const res = await app.inject('/what-is-stalking');
    expect(res.body).toContain('href="/self-check"');
    const cy = await app.inject('/cy/what-is-stalking');
    expect(cy.body).toContain('href="/cy/self-check"');
  });

  it('walks every question to the answer page, keeping answers only in the forms', async () => {
    logLines.length = 0;
    const answers: Record<string, string | string[]> = {
      unwanted: 'yes',
      repeated: 'yes',
      behaviours: ['contact', 'turning-up', 'threats'],
      fixated: 'yes',
      obsessive: 'not-sure',
      fear: 'yes',
    };
    let res = await post('step=start&action=continue');
    expectPrivate(res);
    for (let i = 0; i < 6; i++) {
      const step = /name="step" value="([^"]+)"/.exec(res.body)?.[1];
      expect(step).toBeDefined();
      const form = formOf(res.body);
      form.set('step', step!);
      form.set('action', 'continue');
      for (const v of [answers[step!] ?? []].flat()) form.append(step!, v);
      // An extra field the page never asks for: it must not surface anywhere either.
      form.append('note', CANARY);
      res = await post(form.toString());
      expect(res.statusCode).toBe(200);
      expectPrivate(res);
    }
    expect(res.body).toContain('What your answers suggest');
    expect(res.body).toContain('sounds like stalking');
    // Threats and fear: the danger box comes before everything else in the main content.
    expect(res.body.indexOf('If you are in danger now, call')).toBeLessThan(
      res.body.indexOf('<h1'),
    );
    expect(res.body).toContain('press 55');
    expect(res.body).toContain('0808 802 0300');
    expect(res.body).not.toMatch(/(?<!that )you are safe/i);
    expect(res.body).not.toContain(CANARY);
    // The answer page carries the answers for its Back button, and nothing else.
    const carried = formOf(res.body);
    expect(carried.getAll('behaviours')).toEqual(['contact', 'turning-up', 'threats']);
    expect(carried.get('fear')).toBe('yes');

    const log = logLines.join('\n');
    expect(log).toContain('"route":"/self-check"');
    expect(log).not.toContain(CANARY);
    for (const word of ['behaviours', 'turning-up', 'threats', 'not-sure', 'unwanted', 'fear']) {
      expect(log).not.toContain(word);
    }
    expect(log).not.toMatch(/"url":"[^"]*\?/);
  });

  it('goes back one question with the page’s Back button, the answer still chosen', async () => {
    const res = await post('unwanted=yes&repeated=no&step=behaviours&action=back');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Has it happened more than once?');
    expect(res.body).toMatch(/id="repeated-no"[^>]*checked/);
    // The other answers ride along in hidden fields; the question shown is not duplicated.
    const form = formOf(res.body);
    expect(form.get('unwanted')).toBe('yes');
    expect(form.getAll('repeated')).toEqual([]);
    const first = await post('unwanted=yes&step=unwanted&action=back');
    expect(first.body).toContain('Start now');
    const fromResult = await post('unwanted=yes&fear=no&step=result&action=back');
    expect(fromResult.body).toMatch(/id="fear-no"[^>]*checked/);
  });

  it('asks again, with an error summary, when no answer was chosen', async () => {
    const res = await post('step=repeated&action=continue');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('There is a problem');
    expect(res.body).toContain('href="#repeated-yes"');
    expect(res.body).toMatch(/<title>There is a problem: Has it happened/);
    const both = await post('step=behaviours&action=continue&behaviours=none&behaviours=contact');
    expect(both.body).toContain('not both');
  });

  it('never calls anyone safe, whatever the answers', async () => {
    const res = await post(
      'unwanted=no&repeated=no&behaviours=none&fixated=no&obsessive=no&fear=no&step=fear&action=continue',
    );
    expect(res.body).toContain('cannot tell you that you are safe');
    expect(res.body).not.toContain('If you are in danger now, call <');
    expect(res.body).toContain('href="tel:999"');
  });

  it('refuses a POST from another site, and accepts its own under no-referrer', async () => {
    const body = 'step=start&action=continue';
    const crossFetch = await post(body, { 'sec-fetch-site': 'cross-site' });
    expect(crossFetch.statusCode).toBe(403);
    expect(crossFetch.body).toContain('Start now');
    const crossOrigin = await post(body, { origin: 'https://attacker.example' });
    expect(crossOrigin.statusCode).toBe(403);
    // A same-origin form under Referrer-Policy: no-referrer sends Origin: null.
    const own = await post(body, { origin: 'null', 'sec-fetch-site': 'same-origin' });
    expect(own.statusCode).toBe(200);
    const host = await post(body, { origin: 'http://localhost:80', host: 'localhost:80' });
    expect(host.statusCode).toBe(200);
  });

  it('answers any form with a page, never a 5xx, and never echoes an unknown field', async () => {
    const field = fc.constantFrom(
      'step',
      'action',
      'unwanted',
      'repeated',
      'behaviours',
      'fear',
      'x',
    );
    const value = fc.oneof(
      fc.constantFrom(
        'start',
        'result',
        'back',
        'continue',
        'yes',
        'no',
        'not-sure',
        'none',
        'threats',
        'fear',
      ),
      fc.string({ maxLength: 20 }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(field, value), { maxLength: 12 }), async (pairs) => {
        const body = new URLSearchParams([...pairs, ['x', CANARY]]).toString();
        const res = await post(body);
        expect(res.statusCode).toBe(200);
        expect(res.body).not.toContain(CANARY);
        expect(res.headers['set-cookie']).toBeUndefined();
      }),
      { numRuns: 60 },
    );
  });

  it('answers malformed or oversized forms with a clear 4xx, never a 5xx', async () => {
    expect((await post('%%%&&&=')).statusCode).toBe(200);
    expect((await post('x='.padEnd(20_000, 'a'))).statusCode).toBe(413);
    const json = await app.inject({
      method: 'POST',
      url: '/self-check',
      headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
      payload: '{"unwanted":"yes"}',
    });
    expect(json.statusCode).toBe(200);
    expect(json.body).toContain('Start now');
  });
});
