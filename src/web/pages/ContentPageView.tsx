import { MESSAGES } from '../i18n/messages.js';
import { Layout } from './Layout.js';
import { Markdown } from './Markdown.js';
import { HOME_SLUG, pagePath, type ContentPage, type Site } from './site.js';

/** A page written in Markdown under content/<locale>/. The home page also lists every page. */
export function ContentPageView({ site, page }: { site: Site; page: ContentPage }) {
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
    >
      <h1>{page.title}</h1>
      {page.translationReview && <p class="notice">{t.translationReview}</p>}
      <Markdown html={page.html} />
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
