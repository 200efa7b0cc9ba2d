/**
 * The /share page's route: public like every page (200, no cookie, no-store), its policy adds only
 * WebAssembly compilation, search engines are told to keep out, and the page is the same for
 * every share: it carries no share data, so a link-preview bot learns nothing and uses nothing up.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WASM_POLICY } from '../../src/server/plugins/security-headers.js';
import { startTestApp, type TestApp } from '../support/app.js';

describe('the /share page', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('is served in English and Welsh with the WASM policy only, no cookie, no caching, noindex', async () => {
    for (const [url, lang, label] of [
      ['/share', 'en-GB', 'Passcode'],
      ['/cy/share', 'cy', 'Cod pas'],
    ] as const) {
      const res = await t.app.inject({ url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['set-cookie'], url).toBeUndefined();
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['x-robots-tag']).toBe('noindex, nofollow');
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toBe(WASM_POLICY);
      expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval';");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain("'unsafe-eval'");
      expect(res.body).toContain(`lang="${lang}"`);
      expect(res.body).toContain(`>${label}</label>`);
      expect(res.body).toContain('data-quick-exit-button');
      // The form posts nowhere, and starts hidden until the script has read the link.
      expect(res.body).toMatch(/<form class="share__form" data-share-form hidden /);
      expect(res.body).not.toMatch(/<form[^>]*data-share-form[^>]*(action|method)=/);
      // Only the page's small script is loaded; the vault code comes after the passcode.
      const scripts = [...res.body.matchAll(/<script[^>]*src="([^"]+)"/g)].map((m) => m[1]);
      expect(scripts).toHaveLength(2);
      expect(scripts.some((s) => s?.includes('/assets/share-'))).toBe(true);
    }
  });

  it('is the same page whatever is asked, and carries no share data', async () => {
    const plain = await t.app.inject({ url: '/share' });
    const asked = await t.app.inject({ url: '/share?s1.AAAAAAAAAAAAAAAAAAAAAA.x' });
    expect(asked.statusCode).toBe(200);
    expect(asked.body).toBe(plain.body);
    expect(plain.body).not.toMatch(/s1\.[A-Za-z0-9_-]{22}/);
    expect(plain.body).not.toContain('/api/shares');
    // The case's place is empty until the script has opened the share in the browser.
    expect(plain.body).toContain('<div data-share-case hidden></div>');
  });

  it('loads the vault code only from the page script, not before', async () => {
    const page = await t.app.inject({ url: '/share' });
    const script = /<script[^>]*src="(\/assets\/share-[^"]+\.js)"/.exec(page.body)?.[1] ?? '';
    expect(script).not.toBe('');
    const source = (await t.app.inject({ url: script })).body;
    // Small: the libsodium and share protocol code is a separate file, imported on demand.
    expect(source.length).toBeLessThan(20_000);
    expect(source).toMatch(/import\(/);
    expect(source).not.toContain('argon2');
  });
});
