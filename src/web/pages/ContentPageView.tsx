import { MESSAGES } from '../i18n/messages.js';
import { Layout } from './Layout.js';
import { Markdown } from './Markdown.js';
import type { ComponentChildren } from 'preact';
import { HOME_SLUG, pagePath, QUESTIONS_SLUG, type ContentPage, type Site } from './site.js';

/**
 * A page written in Markdown under content/<locale>/. The home page also lists every page;
 * `body` replaces the Markdown for pages with more to them (the questions page), and `children`
 * follow it (the support directory).
 */
export function ContentPageView(props: {
  site: Site;
  page: ContentPage;
  body?: ComponentChildren;
  children?: ComponentChildren;
}) {
  const { site, page, body, children } = props;
  const t = MESSAGES[page.locale];
  const others =
    page.slug === HOME_SLUG
      ? [...(site.pages.get(page.locale)?.values() ?? [])]
          .filter((p) => p.slug !== HOME_SLUG)
          .sort((a, b) => (a.nav ?? 100) - (b.nav ?? 100))
      : [];
  return (
    <Layout
      site={site}
      locale={page.locale}
      title={page.title}
      description={page.description}
      slug={page.slug}
      scripts={page.slug === QUESTIONS_SLUG ? [site.assets.searchScript] : []}
    >
      <h1>{page.title}</h1>
      {page.translationReview && <p class="notice">{t.translationReview}</p>}
      {body ?? <Markdown html={page.html} />}
      {children}
      {others.length > 0 && (
        <section aria-labelledby="all-pages">
          <h2 id="all-pages">{t.home.allPages}</h2>
          <ul class="page-list">
            {others.map((p) => (
              <li key={p.slug}>
                <a href={pagePath(site, page.locale, p.slug)}>{p.title}</a>
                <p>{p.description}</p>
              </li>
            ))}
          </ul>
        </section>
      )}
    </Layout>
  );
}
