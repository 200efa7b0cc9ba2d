/**
 * The installable vault app's routes (src/server/routes/vault-app.tsx) through app.inject: one
 * manifest per look and language, the PNG icons, the app's neutral page, and the service worker
 * with its own scope and policy; the public site and /vault link no manifest. A profile can
 * change the first look and turn the disguises off.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISGUISE_IDS } from '../../src/domain/disguises.js';
import { APP_WORKER_POLICY } from '../../src/server/routes/vault-app.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { PROJECT_ROOT } from '../../src/server/paths.js';

/** Width and height from a PNG's IHDR chunk, after checking the signature. */
function pngSize(body: Buffer): { width: number; height: number } {
  expect(body.subarray(0, 8)).toEqual(
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  );
  expect(body.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: body.readUInt32BE(16), height: body.readUInt32BE(20) };
}

const WORDS_THAT_GIVE_IT_AWAY = /stalk|harass|diary|dyddiadur|stelc|mosaic|police|heddlu|helpline/i;

describe('the installable vault app', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('serves one manifest per disguise and language, with installable icons', async () => {
    for (const [prefix, names] of [
      ['', { notes: 'Notes', weather: 'Weather', calculator: 'Calculator' }],
      ['/cy', { notes: 'Nodiadau', weather: 'Tywydd', calculator: 'Cyfrifiannell' }],
    ] as const) {
      for (const id of DISGUISE_IDS) {
        const res = await t.app.inject(`${prefix}/vault/app/${id}.webmanifest`);
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-type']).toBe('application/manifest+json; charset=utf-8');
        expect(res.headers['cache-control']).toBe('public, max-age=86400');
        expect(res.headers['set-cookie']).toBeUndefined();
        const m = res.json<Record<string, unknown>>();
        expect(m).toMatchObject({
          id: `${prefix}/vault/app/`,
          name: names[id],
          short_name: names[id],
          start_url: `${prefix}/vault/app/${id}`,
          scope: `${prefix}/vault/app/`,
          display: 'standalone',
        });
        expect(JSON.stringify(m)).not.toMatch(WORDS_THAT_GIVE_IT_AWAY);
        const icons = m.icons as { src: string; sizes: string; type: string; purpose: string }[];
        for (const size of [192, 512]) {
          for (const purpose of ['any', 'maskable']) {
            const icon = icons.find((i) => i.sizes === `${size}x${size}` && i.purpose === purpose);
            expect(icon?.type).toBe('image/png');
            const png = await t.app.inject(icon!.src);
            expect(png.statusCode).toBe(200);
            expect(png.headers['content-type']).toBe('image/png');
            expect(pngSize(png.rawPayload)).toEqual({ width: size, height: size });
          }
        }
      }
    }
  });

  it('gives every look its own icon', async () => {
    const bodies = await Promise.all(
      DISGUISE_IDS.map(
        async (id) => (await t.app.inject(`/vault/app/icons/${id}-any-192.png`)).rawPayload,
      ),
    );
    expect(new Set(bodies.map((b) => b.toString('base64'))).size).toBe(DISGUISE_IDS.length);
  });

  it('opens the app on a page that names only the disguise', async () => {
    for (const [url, name] of [
      ['/vault/app/weather', 'Weather'],
      ['/cy/vault/app/notes', 'Nodiadau'],
    ] as const) {
      const res = await t.app.inject({ url, headers: { 'accept-encoding': 'identity' } });
      expect(res.statusCode).toBe(200);
      expect(res.headers['cache-control']).toBe('no-store');
      const vault = await t.app.inject(url.startsWith('/cy') ? '/cy/vault' : '/vault');
      expect(res.headers['content-security-policy']).toBe(vault.headers['content-security-policy']);
      expect(res.headers['permissions-policy']).toBe(vault.headers['permissions-policy']);
      expect(res.body).toContain(`<title>${name}</title>`);
      expect(res.body).toContain(`rel="manifest" href="${url}.webmanifest"`);
      // Everything a person sees on the page, and its title: no word that says what it is.
      const visible = res.body
        .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/g, '')
        .replace(/<[^>]+>/g, ' ');
      expect(visible).not.toMatch(WORDS_THAT_GIVE_IT_AWAY);
      expect(res.body).not.toMatch(/site-footer|logo/);
    }
    expect((await t.app.inject('/vault/app/diary')).statusCode).toBe(404);
    expect((await t.app.inject('/vault/app/organisation.webmanifest')).statusCode).toBe(404);
  });

  it('serves the service worker with its own policy, scope and stored files', async () => {
    for (const prefix of ['', '/cy']) {
      const res = await t.app.inject(`${prefix}/vault/app/sw.js`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
      expect(res.headers['content-security-policy']).toBe(APP_WORKER_POLICY);
      expect(res.headers['cache-control']).toBe('no-cache');
      // Served from its scope's own folder, so it needs no wider scope.
      expect(res.headers['service-worker-allowed']).toBeUndefined();
      const list = /^const PRECACHE=(\[.*?\]);/.exec(res.body)?.[1];
      const precache = JSON.parse(list ?? 'null') as string[];
      expect(precache.length).toBeGreaterThan(3);
      const html = (await t.app.inject('/vault/app/notes')).body;
      for (const file of precache) {
        // Only hashed static files: no page, no API, no verify.html.
        expect(file).toMatch(/^\/assets\/[\w.-]+-[\w-]{8,}\.(?:js|css|wasm)$/);
        expect((await t.app.inject(file)).statusCode, file).toBe(200);
      }
      // libsodium's WebAssembly, a file of its own since issue 20, is stored for an offline start
      // (a locked quick note is sealed with it), and served so that it compiles while streaming.
      const wasm = precache.filter((file) => file.endsWith('.wasm'));
      expect(wasm).toHaveLength(1);
      const wasmRes = await t.app.inject(wasm[0] ?? '');
      expect(wasmRes.headers['content-type']).toBe('application/wasm');
      expect(wasmRes.rawPayload.subarray(0, 4)).toEqual(Buffer.from([0, 0x61, 0x73, 0x6d]));
      // Every stylesheet and script the app's page loads is stored.
      for (const [, src] of html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)) {
        expect(precache).toContain(src);
      }
      // The app's own pages of this scope, for an offline start (protocol §16.1): no other page.
      const pages = JSON.parse(/;const PAGES=(\[.*?\]);/.exec(res.body)?.[1] ?? 'null') as string[];
      expect(pages).toContain(`${prefix}/vault/app/notes`);
      for (const page of pages) {
        expect(page).toMatch(new RegExp(`^${prefix}/vault/app/[a-z]+$`));
        const answer = await t.app.inject(page);
        expect(answer.statusCode, page).toBe(200);
        // The same bytes for everyone: nothing per request (no nonce, no data).
        expect((await t.app.inject(page)).body, page).toBe(answer.body);
      }
    }
    expect(APP_WORKER_POLICY).toContain("default-src 'none'");
    expect(APP_WORKER_POLICY).toContain("connect-src 'self'");
    expect(APP_WORKER_POLICY).not.toMatch(/unsafe|\*/);
  });

  it('links no manifest on the public site or the plain vault page', async () => {
    for (const url of ['/', '/cy/', '/vault', '/cy/vault', '/self-check']) {
      const res = await t.app.inject(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).not.toContain('rel="manifest"');
      expect(res.body, url).not.toContain('sw.js');
    }
    // The vault page says which looks exist and which is first, and nothing more.
    const vault = (await t.app.inject('/vault')).body;
    expect(vault).toContain('data-app-looks="notes weather calculator"');
    expect(vault).toContain('data-app-default="notes"');
  });
});

describe('an organisation profile and the installed app', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'mosaic-profile-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function withProfile(app: unknown, run: (t: TestApp) => Promise<void>): Promise<void> {
    const file = path.join(dir, `${randomUUID()}.json`);
    await writeFile(
      file,
      JSON.stringify({
        name: { en: 'Northshire Support', cy: 'Cymorth Gogleddsir' },
        shortName: 'Northshire',
        colours: { brand: '#0b3d2e' },
        quickExit: { url: 'https://www.bbc.co.uk/weather' },
        police: { name: 'Northshire Police' },
        locales: ['en', 'cy'],
        ...(app === undefined ? {} : { app }),
      }),
    );
    const t = await startTestApp({
      env: { ORGANISATION_PROFILE: file, CONTENT_DIR: path.join(PROJECT_ROOT, 'content') },
    });
    try {
      await run(t);
    } finally {
      await t.close();
    }
  }

  it('sets the first disguise', async () => {
    await withProfile({ defaultDisguise: 'calculator' }, async (t) => {
      expect((await t.app.inject('/vault')).body).toContain('data-app-default="calculator"');
    });
  });

  it('turns the disguises off: the app takes the organisation’s name and colour', async () => {
    await withProfile({ disguises: false }, async (t) => {
      expect((await t.app.inject('/vault/app/notes.webmanifest')).statusCode).toBe(404);
      expect((await t.app.inject('/vault/app/notes')).statusCode).toBe(404);
      const m = (await t.app.inject('/vault/app/organisation.webmanifest')).json<
        Record<string, unknown>
      >();
      expect(m).toMatchObject({
        name: 'Northshire Support',
        short_name: 'Northshire',
        theme_color: '#0b3d2e',
        start_url: '/vault/app/organisation',
      });
      const cy = (await t.app.inject('/cy/vault/app/organisation.webmanifest')).json<
        Record<string, unknown>
      >();
      expect(cy.name).toBe('Cymorth Gogleddsir');
      const page = await t.app.inject('/vault/app/organisation');
      expect(page.body).toContain('<title>Northshire Support</title>');
      const png = await t.app.inject('/vault/app/icons/organisation-any-512.png');
      expect(pngSize(png.rawPayload)).toEqual({ width: 512, height: 512 });
      expect((await t.app.inject('/vault')).body).toContain('data-app-looks="organisation"');
    });
  });

  it('refuses an unknown disguise in the profile with a clear message', async () => {
    await expect(withProfile({ defaultDisguise: 'clock' }, async () => {})).rejects.toThrow(
      /defaultDisguise/,
    );
  });
});
