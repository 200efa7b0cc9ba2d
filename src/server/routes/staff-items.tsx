/**
 * /staff/events and /staff/news: editors add, change, preview, publish (now or at a set time),
 * and unpublish news and events. One set of routes serves both kinds; what differs (the form,
 * the table, the public page) is in a small adapter per kind.
 *
 *   /staff/<kind>/new, /staff/<kind>/<id>
 *   /staff/<kind>/<id>/preview?lang=  the public page's template, drawn from the saved draft
 *   /staff/<kind>/<id>/publish        now, or from the "publish at" time (organisation's zone)
 *   /staff/<kind>/<id>/unpublish
 *
 * A scheduled item is a published item whose publication time is still to come; the public
 * queries only show items whose time has passed, so it appears by itself, on every server,
 * without a timer.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { EventItem, NewsArticle, PublishStatus } from '../../domain/events.js';
import { isLocale, type Locale } from '../../domain/locales.js';
import { EVENTS_SLUG, NEWS_SLUG } from '../../web/pages/news-events-parts.js';
import { EventPage } from '../../web/pages/EventsPages.js';
import { NewsArticlePage } from '../../web/pages/NewsPages.js';
import { pagePath } from '../../web/pages/site.js';
import type { StaffProblem } from '../../web/pages/StaffFrame.js';
import {
  StaffItemPage,
  StaffPreviewBanner,
  type StaffItemView,
} from '../../web/pages/StaffItemPage.js';
import type { SignedIn } from '../auth/staff-session.js';
import { findEventById } from '../db/repositories/events.js';
import { findNewsById } from '../db/repositories/news.js';
import {
  changeEvent,
  changeNews,
  createEvent,
  createNews,
  publishEvent,
  publishNews,
  unpublishEvent,
  unpublishNews,
} from '../services/news-events.js';
import {
  checkEventForm,
  checkNewsForm,
  eventFieldNames,
  eventValues,
  newsFieldNames,
  newsValues,
  wallTime,
  type FieldProblem,
} from '../services/staff-forms.js';
import { audit } from '../services/staff.js';
import { formFields, param, type StaffContext } from './staff-context.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

type Item = EventItem | NewsArticle;
type RenderBody = (markdown: string, locale: Locale) => string;

/** What differs between news and events. */
interface Kind {
  readonly kind: 'events' | 'news';
  readonly audit: 'event' | 'news';
  readonly publicSlug: string;
  readonly names: string[];
  find(id: string): Promise<Item | undefined>;
  values(item: Item): Record<string, string>;
  /** Checks and saves; the problems, or the saved item's id. */
  save(
    values: Record<string, string>,
    existing: Item | undefined,
    state: { status: PublishStatus; publishedAt: Date },
  ): Promise<{ problems: StaffProblem[] } | { id: string }>;
  setStatus(id: string, publish: boolean, at: Date): Promise<boolean>;
  preview(item: Item, locale: Locale, banner: preact.VNode): preact.VNode;
}

export function staffItemRoutes(
  scope: FastifyInstance,
  ctx: StaffContext,
  options: { now: () => Date; renderBody: RenderBody },
): void {
  const { site, db } = ctx;
  const zone = site.profile.timeZone;
  const toProblems = (errors: readonly FieldProblem[]) =>
    errors.map((p): StaffProblem => ({ field: p.field, code: p.code }));
  const kinds: Kind[] = [
    {
      kind: 'events',
      audit: 'event',
      publicSlug: EVENTS_SLUG,
      names: eventFieldNames(site.locales),
      find: (id) => findEventById(db, id),
      values: (item) => eventValues(item as EventItem),
      async save(values, existing, state) {
        const check = checkEventForm(values, site.locales, zone);
        if (!check.ok) return { problems: toProblems(check.errors) };
        const input = { ...check.input, ...state };
        if (!existing) return { id: await createEvent(db, { ...input, origin: 'staff' }) };
        await changeEvent(db, existing.id, input);
        return { id: existing.id };
      },
      setStatus: (id, publish, at) => (publish ? publishEvent(db, id, at) : unpublishEvent(db, id)),
      preview: (item, locale, banner) => (
        <EventPage
          site={site}
          locale={locale}
          event={item as EventItem}
          now={options.now()}
          renderBody={options.renderBody}
          banner={banner}
        />
      ),
    },
    {
      kind: 'news',
      audit: 'news',
      publicSlug: NEWS_SLUG,
      names: newsFieldNames(site.locales),
      find: (id) => findNewsById(db, id),
      values: (item) => newsValues(item as NewsArticle),
      async save(values, existing, state) {
        const check = checkNewsForm(values, site.locales);
        if (!check.ok) return { problems: toProblems(check.errors) };
        const image = existing && 'image' in existing ? existing.image : undefined;
        const input = { ...check.input, ...state, image };
        if (!existing) return { id: await createNews(db, { ...input, origin: 'staff' }) };
        await changeNews(db, existing.id, input);
        return { id: existing.id };
      },
      setStatus: (id, publish, at) => (publish ? publishNews(db, id, at) : unpublishNews(db, id)),
      preview: (item, locale, banner) => (
        <NewsArticlePage
          site={site}
          locale={locale}
          article={item as NewsArticle}
          renderBody={options.renderBody}
          banner={banner}
        />
      ),
    },
  ];

  for (const k of kinds) {
    const load = async (request: FastifyRequest) => {
      const id = param(request, 'id');
      return UUID.test(id) ? k.find(id) : undefined;
    };
    const page = (
      request: FastifyRequest,
      reply: FastifyReply,
      who: SignedIn,
      status: number,
      item: Item | undefined,
      values: Record<string, string>,
      problems: StaffProblem[] = [],
    ) => {
      const locale = ctx.localeOf(request);
      const done = (request.query as Record<string, unknown>).done;
      const live = item?.status === 'published';
      const scheduled = live && item.publishedAt.getTime() > options.now().getTime();
      const view: StaffItemView = {
        kind: k.kind,
        id: item?.id,
        status: item?.status,
        values,
        problems,
        notice:
          problems.length === 0 &&
          (done === 'saved' ||
            done === 'published' ||
            done === 'unpublished' ||
            done === 'scheduled')
            ? done
            : undefined,
        publicPath:
          live && !scheduled ? pagePath(site, locale, `${k.publicSlug}/${item.slug}`) : undefined,
        scheduledFor: scheduled ? ctx.when(locale, item.publishedAt) : undefined,
        previewLocales: item ? site.locales.filter((l) => item.texts[l] !== undefined) : [],
      };
      return ctx.html(
        reply,
        status,
        <StaffItemPage site={site} locale={locale} viewer={ctx.viewerOf(who)} view={view} />,
      );
    };
    const typed = (request: FastifyRequest) => {
      const fields = formFields(request);
      return Object.fromEntries(k.names.map((n) => [n, fields(n) ?? '']));
    };
    const save = async (request: FastifyRequest, reply: FastifyReply, existing?: Item) => {
      const who = await ctx.signedIn(request, reply);
      if (!who) return reply;
      const values = typed(request);
      const state = existing
        ? { status: existing.status, publishedAt: existing.publishedAt }
        : { status: 'draft' as const, publishedAt: options.now() };
      let result;
      try {
        result = await k.save(values, existing, state);
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        if (code === '23505')
          result = { problems: [{ field: 'slug', code: 'slug_taken' as const }] };
        else if (code === '23514') {
          result = { problems: [{ field: 'capacity', code: 'capacity_below' as const }] };
        } else throw error;
      }
      if ('problems' in result)
        return page(request, reply, who, 400, existing, values, result.problems);
      await audit(
        db,
        who.member,
        `${k.audit}.${existing ? 'update' : 'create'}`,
        `${k.audit}:${values.slug ?? ''}`,
      );
      return ctx.redirect(reply, request, `/staff/${k.kind}/${result.id}?done=saved`);
    };

    scope.get(`/staff/${k.kind}/new`, async (request, reply) => {
      const who = await ctx.signedIn(request, reply);
      if (!who) return reply;
      const values: Record<string, string> =
        k.kind === 'events'
          ? { kind: 'course', audience: 'practitioners', mode: 'in-person', booking: 'form' }
          : {};
      return page(request, reply, who, 200, undefined, values);
    });
    scope.post(`/staff/${k.kind}/new`, (request, reply) => save(request, reply));
    scope.get(`/staff/${k.kind}/:id`, async (request, reply) => {
      const who = await ctx.signedIn(request, reply);
      if (!who) return reply;
      const item = await load(request);
      if (!item) return reply.callNotFound();
      return page(request, reply, who, 200, item, k.values(item));
    });
    scope.post(`/staff/${k.kind}/:id`, async (request, reply) => {
      const item = await load(request);
      if (!item) return reply.callNotFound();
      return save(request, reply, item);
    });
    scope.get(`/staff/${k.kind}/:id/preview`, async (request, reply) => {
      const who = await ctx.signedIn(request, reply);
      if (!who) return reply;
      const item = await load(request);
      const lang = (request.query as Record<string, unknown>).lang;
      const locale = typeof lang === 'string' && isLocale(lang) ? lang : site.defaultLocale;
      if (!item || item.texts[locale] === undefined) return reply.callNotFound();
      const banner = (
        <StaffPreviewBanner
          site={site}
          locale={locale}
          back={`/staff/${k.kind}/${item.id}`}
          status={item.status}
        />
      );
      return ctx.html(reply, 200, k.preview(item, locale, banner));
    });
    for (const action of ['publish', 'unpublish'] as const) {
      scope.post(`/staff/${k.kind}/:id/${action}`, async (request, reply) => {
        const who = await ctx.signedIn(request, reply);
        if (!who) return reply;
        const item = await load(request);
        if (!item) return reply.callNotFound();
        const now = options.now();
        let at = now;
        const typedAt = (formFields(request)('at') ?? '').trim();
        if (action === 'publish' && typedAt !== '') {
          const parsed = wallTime(typedAt, zone);
          if (parsed === undefined) {
            return page(request, reply, who, 400, item, { ...k.values(item), at: typedAt }, [
              { field: 'at', code: 'date_invalid' },
            ]);
          }
          at = parsed.getTime() > now.getTime() ? parsed : now;
        }
        await k.setStatus(item.id, action === 'publish', at);
        const scheduled = action === 'publish' && at.getTime() > now.getTime();
        await audit(
          db,
          who.member,
          `${k.audit}.${scheduled ? 'schedule' : action}`,
          `${k.audit}:${item.slug}`,
        );
        const done = scheduled ? 'scheduled' : `${action}ed`;
        return ctx.redirect(reply, request, `/staff/${k.kind}/${item.id}?done=${done}`);
      });
    }
  }
}
