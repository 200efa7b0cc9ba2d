import type { Locale } from '../../domain/locales.js';
import { MESSAGES } from '../i18n/messages.js';
import { Layout } from './Layout.js';
import { HOME_SLUG, pagePath, type Site } from './site.js';

export type ErrorKind = 'notFound' | 'serverError' | 'tooMany';

/** 404, 429 and 500 in the site's own layout. Says nothing about what went wrong inside. */
export function ErrorPage({ site, locale, kind }: { site: Site; locale: Locale; kind: ErrorKind }) {
  const e = MESSAGES[locale].errors;
  const { title, body } = {
    notFound: { title: e.notFoundTitle, body: e.notFoundBody },
    serverError: { title: e.serverErrorTitle, body: e.serverErrorBody },
    tooMany: { title: e.tooManyTitle, body: e.tooManyBody },
  }[kind];
  return (
    <Layout site={site} locale={locale} title={title}>
      <h1>{title}</h1>
      <p class="lede">{body}</p>
      <p>
        <a href={pagePath(site, locale, HOME_SLUG)}>{e.homeLink}</a>
      </p>
    </Layout>
  );
}
