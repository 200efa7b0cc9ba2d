/**
 * News, training and events, and booking, in every language the site offers:
 *
 *   /news, /news?page=2, /news/<slug>, /news/feed.atom
 *   /events?when=past&for=…&type=…&mode=…&page=…, /events/<slug>, /events/calendar.ics,
 *   /events/<slug>/calendar.ics, /events/<slug>/book (GET the form, POST it)
 *   /booking/<token> (the booking, with its cancellation form)
 *   /media/<file> (images for news, from CONTENT_DIR/media)
 *
 * and the same under /cy/…. Pages are read from the database on every request, so an item staff
 * publish shows at once on every app server.
 *
 * Booking forms have no session and set no cookie, so a POST must (1) come from this site when
 * the browser says where it came from (Sec-Fetch-Site, or Origin), as the self-check's do, and
 * (2) carry a signed token the form was shown with, less than two hours old and made for this
 * event (src/server/auth/form-token.ts). Every booking attempt from an address is counted
 * (LIMITS.bookingPerAddress). Nothing a person types is logged: the request log names only
 * the route.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import {
  checkBooking,
  isItemSlug,
  parseEventFilter,
  parsePage,
  type BookingRefusal,
  type EventItem,
} from '../../domain/events.js';
import type { Locale } from '../../domain/locales.js';
import { ContentError, renderMarkdown } from '../../web/pages/markdown.js';
import { StartupError } from '../startup-error.js';
import {
  BookingFormPage,
  BookingPage,
  type BookingFormView,
} from '../../web/pages/BookingPages.js';
import { EventPage, EventsListPage } from '../../web/pages/EventsPages.js';
import { BOOKING_SLUG, EVENTS_SLUG, NEWS_SLUG } from '../../web/pages/news-events-parts.js';
import { NewsArticlePage, NewsListPage } from '../../web/pages/NewsPages.js';
import { renderDocument } from '../../web/pages/render.js';
import { pagePath, type Site } from '../../web/pages/site.js';
import { formToken, formTokenValid } from '../auth/form-token.js';
import { loadNewsAndEvents } from '../content/load-news-events.js';
import { markdownContext } from '../content/load-content.js';
import {
  allPublishedEvents,
  findPublishedEvent,
  listPublishedEvents,
} from '../db/repositories/events.js';
import { findPublishedNews, listPublishedNews } from '../db/repositories/news.js';
import type { Database } from '../db/schema.js';
import {
  bookPlace,
  cancelBooking,
  findBooking,
  seedNewsAndEvents,
} from '../services/news-events.js';
import { eventsCalendar, MEDIA_TYPES, newsAtom } from './feeds.js';
import { sendErrorPage, sendHtml } from './pages.js';
import { fromThisSite, parseForm } from './self-check.js';

export const NEWS_PAGE_SIZE = 10;
export const EVENTS_PAGE_SIZE = 10;
/** A booking form is well under 4 KiB; anything much larger is not ours. */
export const BOOKING_BODY_LIMIT = 16 * 1024;
const MEDIA_NAME = /^[a-z0-9]+(-[a-z0-9]+)*\.(svg|png|jpg|jpeg|webp)$/;

export interface NewsEventsOptions {
  readonly site: Site;
  readonly db: Kysely<Database>;
  readonly secret: string;
  readonly contentDir: string;
  readonly retentionDays: number;
  /** The time now (tests move it); the real clock by default. */
  readonly now?: () => Date;
  /** PUBLIC_URL: the site's address for feeds and calendars, rather than the Host header. */
  readonly publicUrl?: string | undefined;
}

/** Loads the file items into the database (once each) and adds the routes. */
export async function newsEventsRoutes(
  app: FastifyInstance,
  options: NewsEventsOptions,
): Promise<void> {
  const { site, db, secret, retentionDays } = options;
  const files = await loadNewsAndEvents(options.contentDir, site.locales, site.profile.timeZone);
  // A file's placeholders are checked at start, as content pages' are.
  const items = [
    ...files.news.map((item) => ['news', item] as const),
    ...files.events.map((item) => ['events', item] as const),
  ];
  for (const [folder, item] of items) {
    for (const [locale, text] of Object.entries(item.texts) as [Locale, { body: string }][]) {
      try {
        renderMarkdown(text.body, markdownContext(site, locale));
      } catch (error) {
        if (!(error instanceof ContentError)) throw error;
        const file = path.join(options.contentDir, locale, folder, `${item.slug}.md`);
        throw new StartupError(`Content file ${file}: ${error.message}`);
      }
    }
  }
  await seedNewsAndEvents(db, files);
  const media = await loadMedia(path.join(options.contentDir, 'media'));
  for (const [name, body] of media) {
    const type = MEDIA_TYPES[name.split('.').pop() ?? ''] ?? 'application/octet-stream';
    app.get(`/media/${name}`, (_request, reply) =>
      reply
        .header('content-type', type)
        .header('cache-control', 'public, max-age=86400')
        .send(body),
    );
  }

  const renderBody = itemBodyRenderer(site);
  const clock = options.now ?? (() => new Date());
  const origin = (request: FastifyRequest): string =>
    options.publicUrl ?? `${request.protocol}://${request.host}`;
  const query = (request: FastifyRequest) => (name: string) => {
    const value = (request.query as Record<string, unknown>)[name];
    return typeof value === 'string' ? value : undefined;
  };
  const slugOf = (request: FastifyRequest, name = 'slug'): string | undefined => {
    const value = (request.params as Record<string, unknown>)[name];
    return typeof value === 'string' && isItemSlug(value) ? value : undefined;
  };

  void app.register((scope, _options, done) => {
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: BOOKING_BODY_LIMIT },
      (_request, body, next) => next(null, parseForm(body as string)),
    );
    for (const locale of site.locales) {
      const news = pagePath(site, locale, NEWS_SLUG);
      const events = pagePath(site, locale, EVENTS_SLUG);
      const booking = pagePath(site, locale, BOOKING_SLUG);
      const notFound = (request: FastifyRequest, reply: FastifyReply) =>
        sendErrorPage(site, request, reply, 404, 'notFound');

      // ---- News ----
      scope.get(news, async (request, reply) => {
        const page = parsePage(query(request)('page'));
        const now = clock();
        const { articles, total } = await listPublishedNews(db, {
          now,
          limit: NEWS_PAGE_SIZE,
          offset: (page - 1) * NEWS_PAGE_SIZE,
        });
        const pages = Math.max(1, Math.ceil(total / NEWS_PAGE_SIZE));
        if (page > pages) return notFound(request, reply);
        return sendHtml(
          reply,
          200,
          renderDocument(
            <NewsListPage
              site={site}
              locale={locale}
              articles={articles}
              page={page}
              pages={pages}
            />,
          ),
        );
      });
      scope.get(`${news}/feed.atom`, async (request, reply) => {
        const { articles } = await listPublishedNews(db, {
          now: clock(),
          limit: 50,
          offset: 0,
          locale,
        });
        return reply
          .header('content-type', 'application/atom+xml; charset=utf-8')
          .header('cache-control', 'no-cache')
          .send(newsAtom(site, locale, origin(request), articles, renderBody));
      });
      scope.get(`${news}/:slug`, async (request, reply) => {
        const slug = slugOf(request);
        const article = slug === undefined ? undefined : await findPublishedNews(db, slug, clock());
        if (!article) return notFound(request, reply);
        return sendHtml(
          reply,
          200,
          renderDocument(
            <NewsArticlePage
              site={site}
              locale={locale}
              article={article}
              renderBody={renderBody}
            />,
          ),
        );
      });

      // ---- Events ----
      scope.get(events, async (request, reply) => {
        const q = query(request);
        const filter = parseEventFilter(q);
        const page = parsePage(q('page'));
        const { events: found, total } = await listPublishedEvents(db, {
          now: clock(),
          filter,
          limit: EVENTS_PAGE_SIZE,
          offset: (page - 1) * EVENTS_PAGE_SIZE,
        });
        const pages = Math.max(1, Math.ceil(total / EVENTS_PAGE_SIZE));
        if (page > pages) return notFound(request, reply);
        return sendHtml(
          reply,
          200,
          renderDocument(
            <EventsListPage
              site={site}
              locale={locale}
              events={found}
              filter={filter}
              total={total}
              page={page}
              pages={pages}
            />,
          ),
        );
      });
      scope.get(`${events}/calendar.ics`, async (request, reply) =>
        sendCalendar(
          reply,
          'events.ics',
          eventsCalendar(site, locale, origin(request), await allPublishedEvents(db, clock())),
        ),
      );
      const findEvent = async (request: FastifyRequest): Promise<EventItem | undefined> => {
        const slug = slugOf(request);
        return slug === undefined ? undefined : findPublishedEvent(db, slug, clock());
      };
      scope.get(`${events}/:slug`, async (request, reply) => {
        const event = await findEvent(request);
        if (!event) return notFound(request, reply);
        return sendHtml(
          reply,
          200,
          renderDocument(
            <EventPage
              site={site}
              locale={locale}
              event={event}
              now={clock()}
              renderBody={renderBody}
            />,
          ),
        );
      });
      scope.get(`${events}/:slug/calendar.ics`, async (request, reply) => {
        const event = await findEvent(request);
        if (!event) return notFound(request, reply);
        return sendCalendar(
          reply,
          `${event.slug}.ics`,
          eventsCalendar(site, locale, origin(request), [event]),
        );
      });

      // ---- Booking ----
      const bookingForm = (
        reply: FastifyReply,
        status: number,
        event: EventItem,
        view: Partial<BookingFormView> = {},
      ) =>
        sendHtml(
          reply,
          status,
          renderDocument(
            <BookingFormPage
              site={site}
              locale={locale}
              event={event}
              view={{
                answers: undefined,
                errors: [],
                refusal: undefined,
                formToken: formToken(secret, `booking\0${event.id}`),
                retentionDays,
                ...view,
              }}
            />,
          ),
        );
      scope.get(`${events}/:slug/book`, async (request, reply) => {
        const event = await findEvent(request);
        if (!event || event.booking !== 'form') return notFound(request, reply);
        const closed = closedReason(event);
        return bookingForm(reply, 200, event, closed ? { refusal: closed } : {});
      });
      scope.post(
        `${events}/:slug/book`,
        { bodyLimit: BOOKING_BODY_LIMIT },
        async (request, reply) => {
          const event = await findEvent(request);
          if (!event || event.booking !== 'form') return notFound(request, reply);
          const fields = formFields(request);
          const check = checkBooking(fields);
          if (!fromThisSite(request)) return bookingForm(reply, 403, event);
          if (!formTokenValid(secret, `booking\0${event.id}`, fields('form'))) {
            return bookingForm(reply, 400, event, {
              answers: check.answers,
              refusal: 'form_expired',
            });
          }
          if (!check.ok) {
            return bookingForm(reply, 400, event, { answers: check.answers, errors: check.errors });
          }
          const result = await bookPlace(db, secret, {
            event,
            answers: check.answers,
            locale,
            address: request.ip,
          });
          if (result.kind === 'booked') {
            return reply.code(303).header('location', `${booking}/${result.token}`).send();
          }
          const latest = (await findEvent(request)) ?? event;
          return bookingForm(reply, refusalStatus(result.code), latest, {
            answers: check.answers,
            refusal: result.code,
          });
        },
      );

      const bookingPage = async (
        request: FastifyRequest,
        reply: FastifyReply,
        cancelled: boolean,
        refused = false,
      ) => {
        const token = (request.params as { token?: unknown }).token;
        const action = `${booking}/${typeof token === 'string' ? token : ''}`;
        if (cancelled) {
          return sendHtml(
            reply,
            200,
            renderDocument(
              <BookingPage
                site={site}
                locale={locale}
                event={undefined}
                view={{ kind: 'cancelled' }}
                action={action}
              />,
            ),
          );
        }
        const found = typeof token === 'string' ? await findBooking(db, token) : undefined;
        return sendHtml(
          reply,
          found ? (refused ? 400 : 200) : 404,
          renderDocument(
            <BookingPage
              site={site}
              locale={locale}
              event={found?.event}
              view={
                found
                  ? {
                      kind: 'confirmed',
                      answers: found.booking,
                      formToken: formToken(secret, `cancel\0${String(token)}`),
                    }
                  : { kind: 'not-found' }
              }
              action={action}
            />,
          ),
        );
      };
      scope.get(`${booking}/:token`, (request, reply) => bookingPage(request, reply, false));
      scope.post(`${booking}/:token`, { bodyLimit: BOOKING_BODY_LIMIT }, async (request, reply) => {
        const token = (request.params as { token?: unknown }).token;
        const fields = formFields(request);
        if (
          typeof token !== 'string' ||
          !fromThisSite(request) ||
          fields('action') !== 'cancel' ||
          !formTokenValid(secret, `cancel\0${token}`, fields('form'))
        ) {
          // Shows the booking again (or "not found"): nothing changed.
          return bookingPage(request, reply, false, true);
        }
        if (!(await cancelBooking(db, token))) return bookingPage(request, reply, false);
        return bookingPage(request, reply, true);
      });
    }
    done();
  });
}

function closedReason(event: EventItem, now = new Date()): BookingRefusal | undefined {
  if (event.startsAt.getTime() <= now.getTime()) return 'booking_closed';
  if (event.capacity !== undefined && event.placesTaken >= event.capacity) return 'event_full';
  return undefined;
}

function refusalStatus(code: BookingRefusal): number {
  return code === 'rate_limited' ? 429 : code === 'form_expired' ? 400 : 409;
}

/** One form field as a string; a repeated or missing field counts as absent. */
function formFields(request: FastifyRequest): (name: string) => string | undefined {
  const body = request.body;
  const fields =
    body !== null && typeof body === 'object' ? (body as Record<string, string[] | undefined>) : {};
  return (name) => {
    const values = Object.hasOwn(fields, name) ? fields[name] : undefined;
    return values?.length === 1 ? values[0] : undefined;
  };
}

function sendCalendar(reply: FastifyReply, name: string, body: string): FastifyReply {
  return reply
    .header('content-type', 'text/calendar; charset=utf-8')
    .header('content-disposition', `attachment; filename="${name}"`)
    .header('cache-control', 'no-cache')
    .send(body);
}

async function loadMedia(dir: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return files;
  }
  for (const name of names.filter((n) => MEDIA_NAME.test(n))) {
    files.set(name, await readFile(path.join(dir, name)));
  }
  return files;
}

/** Renders an item's Markdown body; an unknown placeholder in words staff saved is shown as written. */
export function itemBodyRenderer(site: Site): (markdown: string, locale: Locale) => string {
  return (markdown, locale) => {
    try {
      return renderMarkdown(markdown, markdownContext(site, locale)).html;
    } catch (error) {
      if (!(error instanceof ContentError)) throw error;
      return renderMarkdown(markdown.replaceAll('{', '\\{'), markdownContext(site, locale)).html;
    }
  };
}
