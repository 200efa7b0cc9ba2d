/**
 * What the page components need to know about the site: the organisation, its languages, its
 * pages and the built assets. The server assembles one Site at boot; components only read it.
 */
import type { Locale } from '../../domain/locales.js';
import { localise } from '../../domain/localised-text.js';
import type { OrganisationProfile } from '../../domain/organisation.js';
import type { Service } from '../../domain/services.js';
import type { Section } from './markdown.js';

export interface ContentPage {
  readonly slug: string;
  readonly locale: Locale;
  readonly title: string;
  readonly description: string;
  /** Position in the main navigation; absent for pages not in it. */
  readonly nav: number | undefined;
  readonly navLabel: string | undefined;
  readonly translationReview: boolean;
  readonly html: string;
  readonly headings: readonly { readonly id: string; readonly text: string }[];
  readonly intro: string;
  readonly sections: readonly Section[];
}

export interface Assets {
  readonly stylesheets: readonly string[];
  readonly script: string;
  /** Loaded only by the questions page. */
  readonly searchScript: string;
  /** Loaded only by the vault page, with its stylesheets. */
  readonly vaultScript: string;
  readonly vaultStylesheets: readonly string[];
  /**
   * The chunks the vault script imports (and theirs), named in `<link rel="modulepreload">` so
   * the browser fetches them at once instead of after the script has arrived (issue 20).
   */
  readonly vaultPreloads?: readonly string[];
  /** Loaded only by the bundle checker (/verify), with its stylesheets; its worker loads lazily. */
  readonly verifyScript: string;
  readonly verifyStylesheets: readonly string[];
  /** Loaded only by the page a share link opens (/share); the vault code loads lazily. */
  readonly shareScript: string;
  readonly shareStylesheets: readonly string[];
  /** Loaded only by the page a witness link opens (/witness); the vault code loads lazily. */
  readonly witnessScript: string;
  readonly witnessStylesheets: readonly string[];
  /** Loaded only by the staff area's passkey pages (/staff), with its stylesheets on every one. */
  readonly staffScript: string;
  readonly staffStylesheets: readonly string[];
  /** verify.html, the offline checker for bundles (absent when the build did not make it). */
  readonly verifyHtml: string | undefined;
  readonly logo: string | undefined;
}

export interface Site {
  readonly profile: OrganisationProfile;
  readonly locales: readonly Locale[];
  readonly defaultLocale: Locale;
  readonly pages: ReadonlyMap<Locale, ReadonlyMap<string, ContentPage>>;
  readonly assets: Assets;
  /** National and local services, national first. */
  services(): readonly Service[];
  /**
   * The profile's local services (keys of their own): the seed of the database's list, which
   * staff edit. The directory reads that list per request; services() keeps the file's version.
   */
  readonly localServiceSeed?: readonly Service[];
  /** Days after an event that its bookings are kept (BOOKING_RETENTION_DAYS). */
  readonly bookingRetentionDays?: number;
}

export const HOME_SLUG = 'index';
export const QUESTIONS_SLUG = 'questions';
export const DIRECTORY_SLUG = 'get-help';
/** The private diary's address under each language's prefix. */
export const VAULT_SLUG = 'vault';
/** The public self-check, "Is this stalking?" (a form, not a content page). */
export const SELF_CHECK_SLUG = 'self-check';
/** The bundle checker: checks an evidence bundle on the person's device (not a content page). */
export const VERIFY_SLUG = 'verify';
/** The page a share link opens (not a content page); the same as SHARE_PAGE_PATH in src/vault. */
export const SHARE_SLUG = 'share';
/** The page a witness link opens (not a content page); the same as WITNESS_PAGE_SLUG in src/crypto. */
export const WITNESS_SLUG = 'witness';

/** "/" and "/the-law" for the default language; "/cy/" and "/cy/the-law" for the others. */
export function pagePath(site: Pick<Site, 'defaultLocale'>, locale: Locale, slug: string): string {
  const prefix = locale === site.defaultLocale ? '' : `/${locale}`;
  if (slug === HOME_SLUG || slug === '') return `${prefix}/`;
  return `${prefix}/${slug}`;
}

export function orgName(site: Site, locale: Locale): string {
  return localise(site.profile.name, locale);
}

export function findService(site: Pick<Site, 'services'>, key: string): Service | undefined {
  return site.services().find((s) => s.key === key);
}

/** Every public page as [locale, slug, path]: the crawler, the benchmarks and the tests use it. */
export function allPagePaths(site: Site): { locale: Locale; slug: string; path: string }[] {
  return site.locales.flatMap((locale) =>
    [...(site.pages.get(locale)?.keys() ?? [])].map((slug) => ({
      locale,
      slug,
      path: pagePath(site, locale, slug),
    })),
  );
}
