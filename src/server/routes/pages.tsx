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
import { QuestionsBody } from '../../web/pages/QuestionsBody.js';
import { ServiceDirectory } from '../../web/pages/ServiceDirectory.js';
import {
  allPagePaths,
  DIRECTORY_SLUG,
  QUESTIONS_SLUG,
  type ContentPage,
  type Site,
} from '../../web/pages/site.js';
import { createQaIndex, MAX_QUERY_LENGTH } from '../../web/search/qa-search.js';
import { AUDIENCES, type Service } from '../../domain/services.js';

/** The services the directory lists, read afresh for each request (staff may change them). */
export type ServiceSource = () => Promise<readonly Service[]>;

export function pageRoutes(
  app: FastifyInstance,
  site: Site,
  services: ServiceSource = () => Promise.resolve(site.services()),
): void {
  for (const { locale, slug, path } of allPagePaths(site)) {
    const page = site.pages.get(locale)?.get(slug);
    if (!page) continue;
    if (slug === QUESTIONS_SLUG) {
      questionsRoute(app, site, page, path);
    } else if (slug === DIRECTORY_SLUG) {
      directoryRoute(app, site, page, path, services);
    } else {
      // Rendered once: the content cannot change while the server runs.
      const html = renderDocument(<ContentPageView site={site} page={page} />);
      app.get(path, (_request, reply) => sendHtml(reply, 200, html));
    }
  }
}

/** One query parameter as a string; repeated or missing parameters count as absent. */
function param(request: FastifyRequest, name: string): string | undefined {
  const value = (request.query as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

function questionsRoute(app: FastifyInstance, site: Site, page: ContentPage, path: string): void {
  const index = createQaIndex(
    page.sections.map((s) => ({ id: s.id, question: s.title, answer: s.text })),
    page.locale,
  );
  const render = (query: string | undefined, truncated: boolean): string =>
    renderDocument(
      <ContentPageView
        site={site}
        page={page}
        body={
          <QuestionsBody
            locale={page.locale}
            intro={page.intro}
            sections={page.sections}
            query={query}
            matches={query === undefined ? undefined : index.search(query)}
            truncated={truncated}
            action={path}
          />
        }
      />,
    );
  const all = render(undefined, false);
  app.get(path, (request, reply) => {
    const raw = param(request, 'q')?.trim() ?? '';
    if (raw === '') return sendHtml(reply, 200, all);
    const query = raw.slice(0, MAX_QUERY_LENGTH);
    return sendHtml(reply, 200, render(query, raw.length > MAX_QUERY_LENGTH));
  });
}

function directoryRoute(
  app: FastifyInstance,
  site: Site,
  page: ContentPage,
  path: string,
  services: ServiceSource,
): void {
  app.get(path, async (request, reply) => {
    const audience = param(request, 'for');
    const area = param(request, 'area');
    const filter = {
      audience: AUDIENCES.find((a) => a === audience),
      area: area === 'national' || area === 'local' ? area : undefined,
    } as const;
    // Rendered per request: "open now" depends on the time.
    return sendHtml(
      reply,
      200,
      renderDocument(
        <ContentPageView site={site} page={page}>
          <ServiceDirectory
            services={await services()}
            filter={filter}
            locale={page.locale}
            timeZone={site.profile.timeZone}
            now={new Date()}
            action={path}
          />
        </ContentPageView>,
      ),
    );
  });
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
