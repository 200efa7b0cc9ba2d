/**
 * Follows every same-site link from the home page, the way a person clicking around would, and
 * reports each address it reached with its status. Used by the link checker, the e2e tier and
 * bench/page-weight, so all three see exactly the pages a visitor can reach.
 */
export interface CrawlResult {
  /** Address → HTTP status, for every page reached. */
  readonly pages: ReadonlyMap<string, number>;
  /** [from, to] for every link that did not answer 200. */
  readonly broken: readonly [string, string][];
}

export async function crawl(
  fetchPage: (path: string) => Promise<{ status: number; body: string }>,
  start = '/',
  limit = 500,
): Promise<CrawlResult> {
  const pages = new Map<string, number>();
  const broken: [string, string][] = [];
  const queue: [string, string][] = [['(start)', start]];
  while (queue.length > 0 && pages.size < limit) {
    const [from, path] = queue.shift()!;
    if (pages.has(path)) {
      if (pages.get(path) !== 200) broken.push([from, path]);
      continue;
    }
    const { status, body } = await fetchPage(path);
    pages.set(path, status);
    if (status !== 200) {
      broken.push([from, path]);
      continue;
    }
    for (const link of internalLinks(body)) queue.push([path, link]);
  }
  return { pages, broken };
}

/** Same-site page links in an HTML document, without fragments; assets and downloads are not pages. */
export function internalLinks(html: string): string[] {
  const links = new Set<string>();
  for (const match of html.matchAll(/<a\b[^>]*\bhref="([^"]*)"[^>]*>/g)) {
    // A download (an .ics file) or a feed is a file, not a page.
    if (/\s(download|type)[\s=>]/.test(match[0])) continue;
    const href = (match[1] ?? '').replace(/&amp;/g, '&');
    if (!href.startsWith('/') || href.startsWith('//') || href.startsWith('/assets/')) continue;
    links.add(href.split('#')[0] || '/');
  }
  return [...links];
}

/** The private diary is an app with its own crypto bundle, loaded by no public page. */
export function isPublicPage(path: string): boolean {
  return !/^(\/[a-z]{2})?\/vault$/.test(path);
}

/**
 * The crawled pages with at most `perTemplate` of each news article and event page (and of each
 * filtered list) per language: those are the same template over different items, already checked
 * one by one for status and links by the crawl, so the browser checks a few of each rather than
 * every one. Every other page is kept.
 */
export function samplePages(paths: readonly string[], perTemplate = 2): string[] {
  const seen = new Map<string, number>();
  return paths.filter((p) => {
    const match = /^((?:\/[a-z]{2})?\/(?:news|events))(\/[^?]+|\?.*)$/.exec(p);
    if (!match) return true;
    const key = `${match[1]}${match[2]!.startsWith('?') ? '?' : '/'}`;
    const count = (seen.get(key) ?? 0) + 1;
    seen.set(key, count);
    return count <= perTemplate;
  });
}
