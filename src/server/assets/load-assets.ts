/**
 * The browser files a page links to: Vite's hashed bundles (from its manifest) plus two files
 * made from the organisation profile — a theme stylesheet with its colours and its logo — given
 * hashed names too, so every asset can be cached for a year.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { OrganisationProfile } from '../../domain/organisation.js';
import type { Assets } from '../../web/pages/site.js';
import { StartupError } from '../startup-error.js';

export interface GeneratedAsset {
  readonly contentType: string;
  readonly body: Buffer;
}

export interface LoadedAssets {
  readonly assets: Assets;
  /** Files made at boot, by URL path. */
  readonly generated: ReadonlyMap<string, GeneratedAsset>;
}

const manifestSchema = z.record(
  z.string(),
  z.object({
    file: z.string(),
    css: z.array(z.string()).optional(),
    imports: z.array(z.string()).optional(),
  }),
);

/** Every chunk an entry imports statically, and theirs (not the entry itself). */
function staticImports(manifest: z.infer<typeof manifestSchema>, source: string): string[] {
  const seen = new Set<string>([source]);
  const files: string[] = [];
  const visit = (key: string): void => {
    for (const imported of manifest[key]?.imports ?? []) {
      if (seen.has(imported)) continue;
      seen.add(imported);
      const file = manifest[imported]?.file;
      if (file !== undefined) files.push(`/${file}`);
      visit(imported);
    }
  };
  visit(source);
  return files;
}

export async function loadAssets(
  publicDir: string,
  profile: OrganisationProfile,
  profilePath: string,
): Promise<LoadedAssets> {
  const manifestFile = path.join(publicDir, '.vite', 'manifest.json');
  let manifest: z.infer<typeof manifestSchema>;
  try {
    manifest = manifestSchema.parse(JSON.parse(await readFile(manifestFile, 'utf8')));
  } catch {
    throw new StartupError(
      `The browser files are not built (${manifestFile} is missing or unreadable). Run "npm run build".`,
    );
  }
  const entry = (source: string): string => {
    const file = manifest[source]?.file;
    if (!file) throw new StartupError(`The build has no ${source}. Run "npm run build" again.`);
    return `/${file}`;
  };

  const generated = new Map<string, GeneratedAsset>();
  const add = (name: string, ext: string, contentType: string, body: Buffer): string => {
    const url = `/assets/${name}-${createHash('sha256').update(body).digest('hex').slice(0, 12)}.${ext}`;
    generated.set(url, { contentType, body });
    return url;
  };

  const { brand, accent } = profile.colours;
  const theme = add(
    'theme',
    'css',
    'text/css; charset=utf-8',
    Buffer.from(`:root{--brand:${brand};--accent:${accent ?? brand}}\n`),
  );

  let logo: string | undefined;
  if (profile.logo !== undefined) {
    const file = path.resolve(path.dirname(profilePath), profile.logo);
    try {
      logo = add('logo', 'svg', 'image/svg+xml', await readFile(file));
    } catch {
      throw new StartupError(`Cannot read the logo ${file} named in the organisation profile.`);
    }
  }

  // verify.html, the offline checker the app puts in every bundle (scripts/build-verify-html.tsx).
  let verifyHtml: string | undefined;
  try {
    const named = z
      .object({ file: z.string().regex(/^assets\/verify-bundle-[0-9a-f]+\.html$/) })
      .parse(JSON.parse(await readFile(path.join(publicDir, '.vite', 'verify-html.json'), 'utf8')));
    verifyHtml = `/${named.file}`;
  } catch {
    verifyHtml = undefined; // an older build: bundles are made without verify.html
  }

  return {
    assets: {
      stylesheets: [entry('src/web/styles/site.css'), theme],
      script: entry('src/web/enhance/main.ts'),
      searchScript: entry('src/web/enhance/qa-search.ts'),
      vaultScript: entry('src/web/app/main.tsx'),
      vaultStylesheets: (manifest['src/web/app/main.tsx']?.css ?? []).map((file) => `/${file}`),
      vaultPreloads: staticImports(manifest, 'src/web/app/main.tsx'),
      verifyScript: entry('src/web/verify/page.ts'),
      verifyStylesheets: (manifest['src/web/verify/page.ts']?.css ?? []).map((file) => `/${file}`),
      shareScript: entry('src/web/share/page.ts'),
      shareStylesheets: (manifest['src/web/share/page.ts']?.css ?? []).map((file) => `/${file}`),
      witnessScript: entry('src/web/witness/page.ts'),
      witnessStylesheets: (manifest['src/web/witness/page.ts']?.css ?? []).map(
        (file) => `/${file}`,
      ),
      staffScript: entry('src/web/staff/page.ts'),
      staffStylesheets: (manifest['src/web/staff/page.ts']?.css ?? []).map((file) => `/${file}`),
      verifyHtml,
      logo,
    },
    generated,
  };
}
