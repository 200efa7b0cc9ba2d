/**
 * The installable vault app (issue 17, docs/decisions/0009), for each language the profile
 * offers (`P` is "" or "/cy"):
 *
 * - `P/vault/app/<look>`: the app's page (AppShell), the manifest's start address. no-store and
 *   the vault page's policies, like /vault.
 * - `P/vault/app/<look>.webmanifest`: one fixed address per look, cacheable for a day. All
 *   looks share one manifest `id`, so choosing another look after installing is an update of
 *   the same app, which Chrome shows the person and asks them to confirm.
 * - `/vault/app/icons/<look>-<any|maskable>-<192|512>.png`: drawn once, on first request
 *   (src/server/pwa/icons.ts).
 * - `P/vault/app/sw.js`: the service worker (src/web/pwa/sw.ts), whose default scope is its
 *   folder, `P/vault/app/`: the app's pages only, so no Service-Worker-Allowed header. It gets
 *   a policy of its own: it may fetch this site's files and nothing else, and run no other script.
 *
 * The looks are the disguises, or only the organisation's own when its profile turns them off.
 * The public site and /vault link no manifest and register no worker.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  DISGUISE_IDS,
  DISGUISES,
  organisationLook,
  type AppLook,
  type AppLookId,
} from '../../domain/disguises.js';
import { LOCALE_INFO, LOCALES, type Locale } from '../../domain/locales.js';
import { localise } from '../../domain/localised-text.js';
import { AppShell } from '../../web/pages/AppShell.js';
import { renderDocument } from '../../web/pages/render.js';
import { pagePath, VAULT_SLUG, type Site } from '../../web/pages/site.js';
import { ICON_SIZES, iconPng, type IconPurpose } from '../pwa/icons.js';
import { StartupError } from '../startup-error.js';
import { vaultPageHeaders } from './vault-page.js';
import { sendHtml } from './pages.js';

/**
 * The worker's own policy: fetch this origin's files only; no script besides itself (no
 * importScripts, no eval), and Trusted Types like every page.
 */
export const APP_WORKER_POLICY = [
  "default-src 'none'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "require-trusted-types-for 'script'",
].join(';');

/** Manifests and icons: fixed addresses, the same for everyone, so caches may keep them a day. */
const CACHE_A_DAY = 'public, max-age=86400';

/** The looks this deployment offers: the disguises, or the organisation's own. */
export function appLooks(site: Site): AppLook[] {
  if (!site.profile.app.disguises) {
    const names = (text: typeof site.profile.name) =>
      Object.fromEntries(LOCALES.map((l) => [l, localise(text, l)])) as Record<Locale, string>;
    return [
      organisationLook(
        names(site.profile.name),
        names(site.profile.shortName),
        site.profile.colours.brand,
      ),
    ];
  }
  return DISGUISE_IDS.map((id) => DISGUISES[id]);
}

/** The base of the app's addresses in one language: "/vault/app/" or "/cy/vault/app/". */
export function appBase(site: Site, locale: Locale): string {
  return `${pagePath(site, locale, VAULT_SLUG)}/app/`;
}

export function iconPath(look: AppLookId, purpose: IconPurpose, size: number): string {
  return `/vault/app/icons/${look}-${purpose}-${size}.png`;
}

/** The manifest of one look in one language (W3C Web Application Manifest). */
export function appManifest(site: Site, locale: Locale, look: AppLook): Record<string, unknown> {
  const base = appBase(site, locale);
  return {
    id: base,
    name: look.name[locale],
    short_name: look.shortName[locale],
    lang: LOCALE_INFO[locale].tag,
    dir: LOCALE_INFO[locale].dir,
    start_url: `${base}${look.id}`,
    scope: base,
    display: 'standalone',
    background_color: '#ffffff',
    theme_color: look.theme,
    icons: (['any', 'maskable'] as const).flatMap((purpose) =>
      ICON_SIZES.map((size) => ({
        src: iconPath(look.id, purpose, size),
        sizes: `${size}x${size}`,
        type: 'image/png',
        purpose,
      })),
    ),
  };
}

const viteManifest = z.record(
  z.string(),
  z.object({
    file: z.string(),
    css: z.array(z.string()).optional(),
    imports: z.array(z.string()).optional(),
    dynamicImports: z.array(z.string()).optional(),
    assets: z.array(z.string()).optional(),
  }),
);

/**
 * The files the worker stores on install: what the app's page loads (the site's and the vault's
 * stylesheets and scripts, every chunk the vault script imports, statically or by screen with
 * import(), and their files such as libsodium's WebAssembly), so that an offline start can show
 * every locked screen and seal a quick note. Workers and fonts are kept when first fetched.
 */
export function precacheList(
  manifest: z.infer<typeof viteManifest>,
  pageFiles: readonly string[],
): string[] {
  const files = new Set<string>(pageFiles);
  const seen = new Set<string>();
  const visit = (key: string): void => {
    const chunk = manifest[key];
    if (chunk === undefined || seen.has(key)) return;
    seen.add(key);
    files.add(`/${chunk.file}`);
    for (const css of chunk.css ?? []) files.add(`/${css}`);
    // libsodium's WebAssembly (not the fonts, which the stylesheet may never need).
    for (const asset of chunk.assets ?? []) if (asset.endsWith('.wasm')) files.add(`/${asset}`);
    for (const imported of chunk.imports ?? []) visit(imported);
    for (const imported of chunk.dynamicImports ?? []) visit(imported);
  };
  visit('src/web/app/main.tsx');
  return [...files].sort();
}

export async function vaultAppRoutes(
  app: FastifyInstance,
  site: Site,
  publicDir: string,
): Promise<void> {
  const manifestFile = path.join(publicDir, '.vite', 'manifest.json');
  let built: z.infer<typeof viteManifest>;
  let workerSource: string;
  try {
    built = viteManifest.parse(JSON.parse(await readFile(manifestFile, 'utf8')));
    const file = built['src/web/pwa/sw.ts']?.file;
    if (file === undefined) throw new Error('no service worker');
    workerSource = await readFile(path.join(publicDir, file), 'utf8');
  } catch {
    throw new StartupError(
      'The build has no service worker for the vault app. Run "npm run build" again.',
    );
  }

  const looks = appLooks(site);
  // Each look's colour for the app's frame, as a hashed stylesheet (no inline style anywhere).
  const lookCss = new Map<AppLookId, string>();
  for (const look of looks) {
    const body = Buffer.from(`:root{--brand:${look.theme};--accent:${look.theme}}\n`);
    const url = `/assets/look-${look.id}-${createHash('sha256').update(body).digest('hex').slice(0, 12)}.css`;
    lookCss.set(look.id, url);
    app.get(url, (_request, reply) =>
      reply
        .header('content-type', 'text/css; charset=utf-8')
        .header('cache-control', 'public, max-age=31536000, immutable')
        .send(body),
    );
  }

  const pageFiles = [
    ...site.assets.stylesheets,
    ...site.assets.vaultStylesheets,
    site.assets.script,
    site.assets.vaultScript,
    ...lookCss.values(),
  ];
  const precache = precacheList(built, pageFiles);
  /**
   * The worker of one language's scope: the files to store, that scope's app pages (stored too,
   * for an offline start; docs/vault-protocol.md §16.1) and a version that changes whenever
   * any of them does. JSON is a valid JavaScript expression; the worker's code follows.
   */
  const workerFor = (pages: ReadonlyMap<string, string>): Buffer => {
    const paths = [...pages.keys()].sort();
    const version = createHash('sha256')
      .update(JSON.stringify(precache))
      .update(JSON.stringify([...pages.entries()].sort()))
      .digest('hex')
      .slice(0, 16);
    return Buffer.from(
      `const PRECACHE=${JSON.stringify(precache)};const PAGES=${JSON.stringify(paths)};const VERSION=${JSON.stringify(version)};\n${workerSource}`,
    );
  };

  for (const look of looks) {
    for (const purpose of ['any', 'maskable'] as const) {
      for (const size of ICON_SIZES) {
        // Drawn on first request (a tenth of a second or so each), then kept.
        let png: Buffer | undefined;
        app.get(iconPath(look.id, purpose, size), (_request, reply) => {
          png ??= iconPng(look, purpose, size);
          return reply
            .header('content-type', 'image/png')
            .header('cache-control', CACHE_A_DAY)
            .send(png);
        });
      }
    }
  }

  for (const locale of site.locales) {
    const base = appBase(site, locale);
    const pages = new Map<string, string>();
    for (const look of looks) {
      const manifest = JSON.stringify(appManifest(site, locale, look));
      app.get(`${base}${look.id}.webmanifest`, (_request, reply) =>
        reply
          .header('content-type', 'application/manifest+json; charset=utf-8')
          .header('cache-control', CACHE_A_DAY)
          .send(manifest),
      );
      const html = renderDocument(
        <AppShell
          site={site}
          locale={locale}
          links={{
            look: look.id,
            name: look.name[locale],
            themeColour: look.theme,
            manifest: `${base}${look.id}.webmanifest`,
            icon: iconPath(look.id, 'any', 192),
            stylesheet: lookCss.get(look.id) ?? '',
            worker: `${base}sw.js`,
            scope: base,
            vault: pagePath(site, locale, VAULT_SLUG),
            base,
            looks: looks.map((l) => l.id),
          }}
        />,
      );
      pages.set(`${base}${look.id}`, html);
      app.get(`${base}${look.id}`, (_request, reply) => {
        vaultPageHeaders(reply);
        return sendHtml(reply, 200, html);
      });
    }
    const worker = workerFor(pages);
    app.get(`${base}sw.js`, (_request, reply) =>
      reply
        .header('content-type', 'text/javascript; charset=utf-8')
        // Always checked with the server, so a new build's worker takes over promptly.
        .header('cache-control', 'no-cache')
        .header('content-security-policy', APP_WORKER_POLICY)
        .send(worker),
    );
  }
}
