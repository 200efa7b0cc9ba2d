/**
 * The /witness page's route: public like every page (200, no cookie, no-store), its policy adds
 * only WebAssembly compilation, search engines are told to keep out, and the page is the same for
 * every link: it names no person and carries no invitation data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WASM_POLICY } from '../../src/server/plugins/security-headers.js';
import { startTestApp, type TestApp } from '../support/app.js';

describe('the /witness page', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('is served in English and Welsh with the WASM policy only, no cookie, no caching, noindex', async () => {
    for (const [url, lang, label] of [
      ['/witness', 'en-GB', 'What did you see or hear?'],
      ['/cy/witness', 'cy', 'Beth welsoch chi neu beth glywoch chi?'],
    ] as const) {
      const res = await t.app.inject({ url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['set-cookie'], url).toBeUndefined();
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['x-robots-tag']).toBe('noindex, nofollow');
      expect(String(res.headers['content-security-policy'])).toBe(WASM_POLICY);
      expect(res.body).toContain(`lang="${lang}"`);
      expect(res.body).toContain(`>${label}</label>`);
      expect(res.body).toContain('data-quick-exit-button');
      // The form posts nowhere, remembers nothing, and starts hidden until the link is checked.
      expect(res.body).toMatch(/<form class="witness__form" data-witness-form hidden /);
      expect(res.body).not.toMatch(/<form[^>]*data-witness-form[^>]*(action|method)=/);
      expect(res.body).toMatch(/data-witness-form hidden novalidate autocomplete="off"/);
      const scripts = [...res.body.matchAll(/<script[^>]*src="([^"]+)"/g)].map((m) => m[1]);
      expect(scripts.some((s) => s?.includes('/assets/witness-'))).toBe(true);
    }
  });

  it('is the same page whatever is asked', async () => {
    const plain = await t.app.inject({ url: '/witness' });
    const asked = await t.app.inject({ url: '/witness?w1.AAAAAAAAAAAAAAAAAAAAAA.x' });
    expect(asked.statusCode).toBe(200);
    expect(asked.body).toBe(plain.body);
    expect(plain.body).not.toMatch(/w1\.[A-Za-z0-9_-]{22}/);
  });
});
