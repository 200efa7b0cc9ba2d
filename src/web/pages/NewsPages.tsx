/**
 * The organisation's news: the list and an article. Server-rendered, no script needed.
 *
 * An article may exist in one language or in several. A page shows it in the page's language when
 * it can, else in the language it has, marked with `lang` and a note saying so.
 */
import type { ComponentChildren } from 'preact';
import type { NewsArticle, NewsText } from '../../domain/events.js';
import { LOCALE_INFO, type Locale } from '../../domain/locales.js';
import { EVENTS_MESSAGES } from '../i18n/events-messages.js';
import { format } from '../i18n/format.js';
import { Layout } from './Layout.js';
import { Markdown } from './Markdown.js';
import { orgName, pagePath, type Site } from './site.js';
import { dayText, localText, NEWS_SLUG, Paging, type RenderBody } from './news-events-parts.js';

export function NewsListPage(props: {
  site: Site;
  locale: Locale;
  articles: readonly NewsArticle[];
  page: number;
  pages: number;
}) {
  const { site, locale, articles, page, pages } = props;
  const t = EVENTS_MESSAGES[locale];
  const base = pagePath(site, locale, NEWS_SLUG);
  return (
    <Layout
      site={site}
      locale={locale}
      title={t.news.title}
      description={format(t.news.description, { org: orgName(site, locale) })}
      slug={NEWS_SLUG}
      feeds={[{ href: `${base}/feed.atom`, type: 'application/atom+xml', title: t.news.title }]}
    >
      <h1>{t.news.title}</h1>
      {articles.length === 0 && <p>{t.news.none}</p>}
      <ul class="item-list">
        {articles.map((a) => {
          const local = localText<NewsText>(site, a.texts, locale);
          if (!local) return null;
          return (
            <li class="item" key={a.id} lang={local.lang}>
              <h2 class="item__title">
                <a href={pagePath(site, locale, `${NEWS_SLUG}/${a.slug}`)}>{local.text.title}</a>
              </h2>
              <p class="item__meta" lang={LOCALE_INFO[locale].tag}>
                {format(t.news.published, {
                  date: dayText(a.publishedAt, locale, site.profile.timeZone),
                })}
                {local.other !== undefined && <> · {t.news.onlyIn[local.other]}</>}
              </p>
              <p>{local.text.summary}</p>
            </li>
          );
        })}
      </ul>
      <Paging
        t={t}
        page={page}
        pages={pages}
        href={(p) => (p === 1 ? base : `${base}?page=${p}`)}
        newer={t.paging.previous}
        older={t.paging.next}
      />
      <p>
        <a href={`${base}/feed.atom`} type="application/atom+xml" class="feed-link">
          {t.news.feed}
        </a>
      </p>
    </Layout>
  );
}

export function NewsArticlePage(props: {
  site: Site;
  locale: Locale;
  article: NewsArticle;
  renderBody: RenderBody;
  /** The staff area's preview line. */
  banner?: ComponentChildren;
}) {
  const { site, locale, article, renderBody } = props;
  const t = EVENTS_MESSAGES[locale];
  const local = localText<NewsText>(site, article.texts, locale);
  if (!local) return null;
  const textLocale = local.other ?? locale;
  return (
    <Layout
      site={site}
      locale={locale}
      title={local.text.title}
      description={local.text.summary}
      slug={`${NEWS_SLUG}/${article.slug}`}
      banner={props.banner}
    >
      <article lang={local.lang}>
        <h1>{local.text.title}</h1>
        <p class="item__meta" lang={LOCALE_INFO[locale].tag}>
          {format(t.news.published, {
            date: dayText(article.publishedAt, locale, site.profile.timeZone),
          })}
        </p>
        {local.other !== undefined && (
          <p class="notice" lang={LOCALE_INFO[locale].tag}>
            {t.news.onlyIn[local.other]}
          </p>
        )}
        <p class="lead">{local.text.summary}</p>
        {article.image !== undefined && (
          <img
            class="item__image"
            src={`/media/${article.image}`}
            alt={local.text.imageAlt ?? ''}
            width={320}
            height={180}
          />
        )}
        <Markdown html={renderBody(local.text.body, textLocale)} />
      </article>
      <p class="back-link">
        <a href={pagePath(site, locale, NEWS_SLUG)}>{t.news.title}</a>
      </p>
    </Layout>
  );
}
