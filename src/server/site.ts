/**
 * Assembles the public site once at boot: the organisation profile, the built assets, the
 * national and local services, and every page rendered in every language.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { mergeServices, serviceListSchema } from '../domain/services.js';
import type { Site } from '../web/pages/site.js';
import { loadAssets, type GeneratedAsset } from './assets/load-assets.js';
import type { Config } from './config.js';
import { loadContent } from './content/load-content.js';
import { PROJECT_ROOT } from './paths.js';
import { StartupError } from './startup-error.js';

export const DEFAULT_PUBLIC_DIR = path.join(PROJECT_ROOT, 'dist', 'public');

export async function buildSite(
  config: Config,
  publicDir = DEFAULT_PUBLIC_DIR,
): Promise<{ site: Site; generated: ReadonlyMap<string, GeneratedAsset> }> {
  const { assets, generated } = await loadAssets(publicDir, config.profile, config.profilePath);
  const national = await loadNationalServices(config.contentDir);
  const services = mergeServices(national, config.profile.services);
  // The profile's own services seed the database, where staff edit them (services/local-services.ts).
  const nationalKeys = new Set(national.map((s) => s.key));
  const localServiceSeed = config.profile.services.filter((s) => !nationalKeys.has(s.key));
  const shell = {
    profile: config.profile,
    locales: config.profile.locales,
    defaultLocale: config.profile.locales[0] ?? 'en',
    assets,
    services: () => services,
    localServiceSeed,
    bookingRetentionDays: config.bookings.retentionDays,
  };
  return { site: { ...shell, pages: await loadContent(config.contentDir, shell) }, generated };
}

async function loadNationalServices(contentDir: string) {
  const file = path.join(contentDir, 'services.yaml');
  let data: unknown;
  try {
    data = parseYaml(await readFile(file, 'utf8'));
  } catch (error) {
    throw new StartupError(
      `Cannot read the national services file ${file}: ${(error as Error).message}`,
    );
  }
  const result = serviceListSchema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new StartupError(
      `The services file ${file} is invalid at "${issue?.path.join('.') ?? ''}": ${issue?.message ?? 'unknown problem'}`,
    );
  }
  return result.data;
}
