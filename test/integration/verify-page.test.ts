/**
 * The /verify page's route: public like every page (200, no cookie, no-store), its policy adds
 * only WebAssembly compilation, the checker's worker file is served with that same policy (a
 * dedicated worker takes its own), and the form carries this deployment's log key.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WASM_POLICY } from '../../src/server/plugins/security-headers.js';
import { CONTENT_SECURITY_POLICY } from '../../src/server/plugins/security-headers.js';
import { startTestApp, type TestApp } from '../support/app.js';

describe('the /verify page', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('is served in English and Welsh with the strict policy, no cookie and no caching', async () => {
    for (const [url, lang] of [
      ['/verify', 'en-GB'],
      ['/cy/verify', 'cy'],
    ] as const) {
      const res = await t.app.inject({ url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['set-cookie'], url).toBeUndefined();
      expect(res.headers['cache-control']).toBe('no-store');
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toBe(WASM_POLICY);
      expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval';");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).toContain("connect-src 'self'");
      expect(csp).toContain("require-trusted-types-for 'script'");
      expect(res.body).toContain(`lang="${lang}"`);
      expect(res.body).toContain('data-quick-exit-button');
      // The form has no action and no method: there is nothing to submit it to.
      expect(res.body).toMatch(/<form class="verify" data-verify hidden /);
      expect(res.body).not.toMatch(/<form[^>]*data-verify[^>]*(action|method)=/);
      expect(res.body).toContain(`>${t.log.key.vkey}</textarea>`);
      // Only the page's small script is loaded; the checker comes with the worker.
      const scripts = [...res.body.matchAll(/<script[^>]*src="([^"]+)"/g)].map((m) => m[1]);
      expect(scripts).toHaveLength(2);
      expect(scripts.some((s) => s?.includes('verify-worker'))).toBe(false);
    }
  });

  it('serves the checker worker with the same policy, and other files with the site one', async () => {
    const page = await t.app.inject({ url: '/verify' });
    const script = /<script[^>]*src="(\/assets\/verify-[^"]+\.js)"/.exec(page.body)?.[1] ?? '';
    expect(script).not.toBe('');
    const source = (await t.app.inject({ url: script })).body;
    const worker = /verify-worker-[\w-]+\.js/.exec(source)?.[0];
    expect(worker).toBeDefined();
    const res = await t.app.inject({ url: `/assets/${worker!}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-security-policy']).toBe(WASM_POLICY);
    const other = await t.app.inject({ url: script });
    expect(String(other.headers['content-security-policy'])).toContain(
      `script-src ${CONTENT_SECURITY_POLICY['script-src'].join(' ')};`,
    );
    expect(String(other.headers['content-security-policy'])).not.toContain('wasm');
    // The wider policy goes only to the exact file name, never to a decorated address of it.
    for (const url of [`/assets/${worker!}?v=1`, `/assets/${worker!}/`, `/assets//${worker!}`]) {
      const decorated = await t.app.inject({ url });
      expect(String(decorated.headers['content-security-policy']), url).not.toContain('wasm');
    }
  });

  it('serves every worker that compiles WebAssembly with the policy that allows it', async () => {
    // A dedicated worker runs under its own script's policy: a worker left off the list could
    // not start libsodium (the diary, evidence, report and checker workers all use it).
    const assets = path.join(process.cwd(), 'dist/public/assets');
    const workers = (await readdir(assets)).filter((name) => /-worker-[\w-]+\.js$/.test(name));
    const wasm: string[] = [];
    for (const name of workers) {
      if (!(await readFile(path.join(assets, name), 'utf8')).includes('WebAssembly')) continue;
      wasm.push(name.split('-worker-')[0] ?? name);
      const res = await t.app.inject({ url: `/assets/${name}` });
      expect(res.statusCode, name).toBe(200);
      expect(res.headers['content-security-policy'], name).toBe(WASM_POLICY);
    }
    expect(wasm).toEqual(expect.arrayContaining(['diary', 'file', 'report', 'verify']));
  });

  it('is linked from the footer of every public page', async () => {
    expect((await t.app.inject('/')).body).toContain(
      '<a href="/verify">Check an evidence bundle</a>',
    );
    expect((await t.app.inject('/cy/')).body).toContain(
      '<a href="/cy/verify">Gwirio bwndel tystiolaeth</a>',
    );
  });

  it('serves verify.html for the app to put in bundles, named by the vault page', async () => {
    const vault = (await t.app.inject('/vault')).body;
    const url =
      /data-verify-html="(\/assets\/verify-bundle-[0-9a-f]+\.html)"/.exec(vault)?.[1] ?? '';
    expect(url).not.toBe('');
    const res = await t.app.inject({ url });
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/^<!doctype html>/);
    // Self-contained: no file of any kind is loaded, and its own policy forbids any connection.
    expect(res.body).not.toMatch(/<(script|link|img)\b[^>]*\b(src|href)=/);
    expect(res.body).toMatch(
      /<meta http-equiv="Content-Security-Policy" content="[^"]*connect-src 'none'/,
    );
    expect(res.body).toContain('<input type="file" id="verify-file"');
  });
});
