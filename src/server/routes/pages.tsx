/**
 * The public site: one route per content page per language, plus the not-found and error pages
 * in the same layout. Every HTML response is marked no-store, so the browser keeps no copy of
 * what the person read.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isLocale, type Locale } from '../../domain/locales.js';
import { ContentPageView } from '../../web/pages/ContentPageView.js';
import { ErrorPage, type ErrorKind } from '../../web/pages/ErrorPage.js';
import { renderDocument } from '../../web/pages/render.js';
import { allPagePaths, type Site } from '../../web/pages/site.js';

export function pageRoutes(app: FastifyInstance, site: Site): void {
  for (const { locale, slug, path } of allPagePaths(site)) {
    const page = site.pages.get(locale)?.get(slug);
    if (!page) continue;
    // Rendered once: the content cannot change while the server runs.
    const html = renderDocument(<ContentPageView site={site} page={page} />);
    app.get(path, (_request, reply) => sendHtml(reply, 200, html));
  }
}

export function sendHtml(reply: FastifyReply, status: number, html: string): FastifyReply {
  return reply
    .code(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(html);
}

export function sendErrorPage(
  site: Site,
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  kind: ErrorKind,
): FastifyReply {
  const locale = localeOfPath(site, request.url);
  return sendHtml(
    reply,
    status,
    renderDocument(<ErrorPage site={site} locale={locale} kind={kind} />),
  );
}

/** The language of an address: its first segment when that is an offered language. */
function localeOfPath(site: Site, url: string): Locale {
  const first = url.split(/[/?#]/)[1] ?? '';
  return isLocale(first) && site.locales.includes(first) ? first : site.defaultLocale;
}
