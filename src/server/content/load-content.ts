/**
 * Reads the organisation's pages from content/<locale>/*.md at boot and renders them once.
 * Anything wrong (a missing translation, bad front matter, an unknown helpline, a link to a page
 * that does not exist) stops the server with a message naming the file.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { Locale } from '../../domain/locales.js';
import { localise } from '../../domain/localised-text.js';
import { MESSAGES } from '../../web/i18n/messages.js';
import { ContentError, renderMarkdown, type MarkdownContext } from '../../web/pages/markdown.js';
import {
  findService,
  HOME_SLUG,
  orgName,
  pagePath,
  type ContentPage,
  SELF_CHECK_SLUG,
  type Site,
  VAULT_SLUG,
} from '../../web/pages/site.js';
import { StartupError } from '../startup-error.js';

const frontMatterSchema = z
  .object({
    title: z.string().trim().min(1).max(120),
    description: z.string().trim().min(1).max(300),
    nav: z.number().int().min(1).max(99).optional(),
    navLabel: z.string().trim().min(1).max(30).optional(),
    translationReview: z.boolean().default(false),
    updated: z.union([z.string(), z.date()]).optional(),
  })
  .strict();

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/;

export type PageMap = Map<Locale, Map<string, ContentPage>>;

/** Loads and renders every page for every locale the site offers. */
export async function loadContent(
  contentDir: string,
  site: Omit<Site, 'pages'>,
): Promise<PageMap> {
  const sources = new Map<Locale, Map<string, string>>();
  for (const locale of site.locales) {
    sources.set(locale, await readLocale(contentDir, locale));
  }
  checkSameSlugs(sources, contentDir);

  // Pages may link to each other, to the private diary (an app, not a page) and to the self-check.
  const slugs = new Set([
    ...(sources.get(site.defaultLocale)?.keys() ?? []),
    VAULT_SLUG,
    SELF_CHECK_SLUG,
    'news',
    'events',
  ]);
  const pages: PageMap = new Map();
  for (const [locale, files] of sources) {
    const rendered = new Map<string, ContentPage>();
    for (const [slug, source] of files) {
      const file = path.join(contentDir, locale, `${slug}.md`);
      try {
        rendered.set(slug, renderPage(source, slug, locale, site, slugs));
      } catch (error) {
        if (error instanceof ContentError || error instanceof z.ZodError) {
          throw new StartupError(`Content file ${file}: ${describe(error)}`);
        }
        throw error;
      }
    }
    pages.set(locale, rendered);
  }
  return pages;
}

async function readLocale(contentDir: string, locale: Locale): Promise<Map<string, string>> {
  const dir = path.join(contentDir, locale);
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.md')).sort();
  } catch {
    throw new StartupError(
      `The profile offers "${locale}" but there is no content folder ${dir}. ` +
        'Add the translated pages or remove the locale from the profile.',
    );
  }
  const files = new Map<string, string>();
  for (const name of names) {
    const slug = name.slice(0, -3);
    if (!SLUG.test(slug)) {
      throw new StartupError(
        `Content file ${path.join(dir, name)}: names must be lowercase words joined by hyphens.`,
      );
    }
    files.set(slug, await readFile(path.join(dir, name), 'utf8'));
  }
  if (!files.has(HOME_SLUG)) {
    throw new StartupError(`There is no home page ${path.join(dir, `${HOME_SLUG}.md`)}.`);
  }
  return files;
}

function checkSameSlugs(sources: Map<Locale, Map<string, string>>, contentDir: string): void {
  const all = new Set([...sources.values()].flatMap((m) => [...m.keys()]));
  for (const [locale, files] of sources) {
    const missing = [...all].filter((s) => !files.has(s));
    if (missing.length > 0) {
      throw new StartupError(
        `Missing translation: ${missing.map((s) => path.join(contentDir, locale, `${s}.md`)).join(', ')}. ` +
          'Every page must exist in every language the profile offers.',
      );
    }
  }
}

function renderPage(
  source: string,
  slug: string,
  locale: Locale,
  site: Omit<Site, 'pages'>,
  slugs: ReadonlySet<string>,
): ContentPage {
  const match = FRONT_MATTER.exec(source);
  if (!match) throw new ContentError('it must start with front matter between two "---" lines');
  const front = frontMatterSchema.parse(parseYaml(match[1] ?? '') ?? {});
  const rendered = renderMarkdown(source.slice(match[0].length), markdownContext(site, locale));
  const broken = rendered.internalLinks.filter((s) => s !== '' && !slugs.has(s));
  if (broken.length > 0) {
    throw new ContentError(`links to pages that do not exist: ${broken.map((s) => `/${s}`).join(', ')}`);
  }
  return {
    slug,
    locale,
    title: front.title,
    description: front.description,
    nav: front.nav,
    navLabel: front.navLabel,
    translationReview: front.translationReview,
    html: rendered.html,
    headings: rendered.headings,
    intro: rendered.intro,
    sections: rendered.sections,
  };
}

function describe(error: ContentError | z.ZodError): string {
  if (error instanceof ContentError) return error.message;
  const issue = error.issues[0];
  return `front matter "${issue?.path.join('.') ?? ''}": ${issue?.message ?? 'invalid'}`;
}

/** What the Markdown renderer needs to fill placeholders and links for one language. */
export function markdownContext(site: Omit<Site, 'pages'>, locale: Locale): MarkdownContext {
  const t = MESSAGES[locale];
  return {
    pageHref: (target) => pagePath(site, locale, target === '' ? HOME_SLUG : target),
    helpline: (key) => {
      const service = findService(site, key);
      return service?.phone === undefined
        ? undefined
        : { name: localise(service.name, locale), phone: service.phone };
    },
    police: {
      name: localise(site.profile.police.name, locale),
      nonEmergencyPhone: site.profile.police.nonEmergencyPhone,
      onlineReportUrl: site.profile.police.onlineReportUrl,
    },
    orgName: orgName({ ...site, pages: new Map() }, locale),
    ...(site.bookingRetentionDays === undefined
      ? {}
      : { bookingRetentionDays: site.bookingRetentionDays }),
    text: {
      external: t.external,
      reportOnline: t.footer.reportOnline,
      reportInPerson: t.footer.reportInPerson,
      scrollableTable: t.scrollableTable,
    },
  };
}
