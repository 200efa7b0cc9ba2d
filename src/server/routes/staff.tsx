/**
 * The staff area, /staff: the organisation's staff publish news and events and see bookings.
 *
 *   /staff/setup                  the first administrator, with the one-time setup token
 *   /staff/join/<invitation>      make a passkey (or set up codes) with an invitation link
 *   /staff/sign-in                passkey, or sign-in name and code; /staff/sign-out
 *   /staff                        news and events in every state
 *   /staff/events/new, /staff/events/<id> (+ /publish, /unpublish, /bookings, /bookings.csv)
 *   /staff/news/new, /staff/news/<id> (+ /publish, /unpublish)
 *   /staff/members, /staff/audit  administrators only
 *
 * Pages are server-rendered forms that work without JavaScript; only the passkey ceremony needs
 * the small script (src/web/staff). Every state change needs the staff session's CSRF token in
 * the form and must come from this site (Sec-Fetch-Site or Origin); passkey steps send JSON,
 * which another site cannot send without CORS. Staff routes never read the vault's cookie, and
 * the staff cookie is sent only to /staff, so neither session reaches the other's routes.
 * Nothing a person types is logged.
 *
 * This file sets the area up (cookies, headers, the shared StaffContext) and serves /staff; the
 * other routes are in staff-sign-in, staff-items, staff-bookings, staff-services, staff-members.
 */
import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { textIn } from '../../domain/events.js';
import { isLocale, LOCALE_INFO, type Locale } from '../../domain/locales.js';
import { renderDocument } from '../../web/pages/render.js';
import { orgName, type Site } from '../../web/pages/site.js';
import {
  StaffHomePage,
  StaffRefusedPage,
  staffHref,
  type StaffItemSummary,
  type StaffViewer,
} from '../../web/pages/StaffPages.js';
import { createLimiter } from '../auth/limits.js';
import { currentStaff, staffCsrfMatches, type SignedIn } from '../auth/staff-session.js';
import { staffList, type StaffListItem } from '../db/repositories/published-items.js';
import type { Database } from '../db/schema.js';
import { permissionsPolicy } from '../plugins/security-headers.js';
import { prepareSetup, type RelyingParty } from '../services/staff.js';
import { sendHtml } from './pages.js';
import { fromThisSite, parseForm } from './self-check.js';
import { formFields, type StaffContext } from './staff-context.js';
import { staffServiceRoutes } from './staff-services.js';
import { staffItemRoutes } from './staff-items.js';
import { staffMemberRoutes } from './staff-members.js';
import { staffBookingRoutes } from './staff-bookings.js';
import { staffSignInRoutes } from './staff-sign-in.js';
import { itemBodyRenderer } from './news-events.js';

/** An event form in two languages is at most about 45 KiB of text. */
export const STAFF_BODY_LIMIT = 128 * 1024;
/** Staff pages may use passkeys (WebAuthn get); every other feature stays off. */
const STAFF_PERMISSIONS = permissionsPolicy(['publickey-credentials-get']);

export interface StaffOptions {
  readonly site: Site;
  readonly db: Kysely<Database>;
  readonly secret: string;
  readonly retentionDays: number;
  /** STAFF_SETUP_TOKEN, when the operator set one. */
  readonly setupToken: string | undefined;
  /** Keys of the services that stay in the files, which no local service may take. */
  readonly fixedServiceKeys?: ReadonlySet<string>;
  /** PUBLIC_URL, for invitation links; the request's own address when unset. */
  readonly publicUrl?: string | undefined;
  /** The time now for what is published when (tests move it). */
  readonly now?: () => Date;
}

export async function staffRoutes(app: FastifyInstance, options: StaffOptions): Promise<void> {
  const { site, db, secret } = options;
  const setup = await prepareSetup(db, options.setupToken);
  if (setup.printed !== undefined) {
    // The token is not personal data: it names nobody and works once, until an administrator exists.
    app.log.warn(
      `Staff area: no administrator yet. Open /staff/setup and enter this one-time setup token: ${setup.printed}`,
    );
  } else if (setup.needed) {
    app.log.warn('Staff area: no administrator yet. Open /staff/setup with STAFF_SETUP_TOKEN.');
  }
  const limiter = createLimiter(db, secret);

  await app.register(async (scope) => {
    await scope.register(cookie);
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: STAFF_BODY_LIMIT },
      (_request, body, next) => next(null, parseForm(body as string)),
    );
    scope.addHook('onSend', async (_request, reply) => {
      reply.header('cache-control', 'no-store');
      reply.header('permissions-policy', STAFF_PERMISSIONS);
      reply.header('x-robots-tag', 'noindex');
    });

    const localeOf = (request: FastifyRequest): Locale => {
      const lang = (request.query as Record<string, unknown>).lang;
      return typeof lang === 'string' && isLocale(lang) && site.locales.includes(lang)
        ? lang
        : site.defaultLocale;
    };
    const html = (reply: FastifyReply, status: number, page: preact.VNode) =>
      sendHtml(reply, status, renderDocument(page));
    const redirect = (reply: FastifyReply, request: FastifyRequest, path: string) =>
      reply
        .code(303)
        .header('location', staffHref(site, localeOf(request), path))
        .send();
    const rp = (request: FastifyRequest): RelyingParty => ({
      origin: `${request.protocol}://${request.host}`,
      rpID: request.hostname,
      rpName: orgName(site, site.defaultLocale),
    });
    const viewerOf = (who: SignedIn): StaffViewer => ({
      name: who.member.name,
      login: who.member.login,
      role: who.member.role,
      csrf: who.csrf,
    });
    /** The signed-in member, or a redirect to the sign-in page (undefined). */
    const signedIn = async (
      request: FastifyRequest,
      reply: FastifyReply,
      role: 'editor' | 'administrator' = 'editor',
    ): Promise<SignedIn | undefined> => {
      const who = await currentStaff(db, request);
      if (!who) {
        await redirect(reply, request, '/staff/sign-in');
        return undefined;
      }
      if (role === 'administrator' && who.member.role !== 'administrator') {
        await html(
          reply,
          403,
          <StaffRefusedPage
            site={site}
            locale={localeOf(request)}
            viewer={viewerOf(who)}
            code="forbidden"
          />,
        );
        return undefined;
      }
      if (request.method === 'POST') {
        const fields = formFields(request);
        if (!fromThisSite(request) || !staffCsrfMatches(who.token, fields('csrf'))) {
          await html(
            reply,
            403,
            <StaffRefusedPage
              site={site}
              locale={localeOf(request)}
              viewer={viewerOf(who)}
              code="csrf_failed"
            />,
          );
          return undefined;
        }
      }
      return who;
    };

    const when = (locale: Locale, date: Date) =>
      new Intl.DateTimeFormat(LOCALE_INFO[locale].tag, {
        dateStyle: 'medium',
        timeStyle: 'short',
        timeZone: site.profile.timeZone,
      }).format(date);
    const ctx: StaffContext = { site, db, localeOf, html, redirect, signedIn, viewerOf, when };
    const now = options.now ?? (() => new Date());
    staffServiceRoutes(scope, ctx, options.fixedServiceKeys ?? new Set());
    staffItemRoutes(scope, ctx, { now, renderBody: itemBodyRenderer(site) });
    staffSignInRoutes(scope, ctx, { secret, limiter, rp });
    staffBookingRoutes(scope, ctx, options.retentionDays);
    staffMemberRoutes(scope, ctx, (request) => options.publicUrl ?? rp(request).origin);

    // ---- Home ----
    const summary = (locale: Locale, item: StaffListItem, now: Date): StaffItemSummary => {
      const found = textIn<string>(item.titles, locale, site.locales);
      return {
        id: item.id,
        title: found?.text ?? item.slug,
        lang: found && found.locale !== locale ? LOCALE_INFO[found.locale].tag : undefined,
        status: item.status,
        scheduled: item.status === 'published' && item.publishedAt.getTime() > now.getTime(),
        when: when(locale, item.at),
      };
    };
    scope.get('/staff', async (request, reply) => {
      const who = await signedIn(request, reply);
      if (!who) return reply;
      const locale = localeOf(request);
      const at = now();
      const [events, news] = await Promise.all([staffList(db, 'event'), staffList(db, 'news')]);
      return html(
        reply,
        200,
        <StaffHomePage
          site={site}
          locale={locale}
          viewer={viewerOf(who)}
          events={events.map((e) => summary(locale, e, at))}
          news={news.map((n) => summary(locale, n, at))}
        />,
      );
    });
  });
}
