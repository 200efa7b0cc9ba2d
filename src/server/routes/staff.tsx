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
 */
import cookie from '@fastify/cookie';
import type { RegistrationResponseJSON } from '@simplewebauthn/server';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { toCsv } from '../../domain/csv.js';
import { textIn } from '../../domain/events.js';
import { isLocale, LOCALE_INFO, type Locale } from '../../domain/locales.js';
import { STAFF_MESSAGES } from '../../web/i18n/staff-messages.js';
import { renderDocument } from '../../web/pages/render.js';
import { orgName, type Site } from '../../web/pages/site.js';
import {
  StaffBookingsPage,
  StaffHomePage,
  StaffJoinPage,
  StaffRefusedPage,
  StaffSetupPage,
  StaffSignInPage,
  staffHref,
  type StaffItemSummary,
  type StaffProblem,
  type StaffViewer,
} from '../../web/pages/StaffPages.js';
import { StaffAuditPage, StaffMembersPage } from '../../web/pages/StaffAdminPages.js';
import { ApiError } from '../api/api-error.js';
import { createLimiter } from '../auth/limits.js';
import { totpUri } from '../auth/totp.js';
import {
  currentStaff,
  endStaffSession,
  startStaffSession,
  staffCsrfMatches,
  type SignedIn,
} from '../auth/staff-session.js';
import { bookingsForEvent, findEventById } from '../db/repositories/events.js';
import {
  findMemberByLogin,
  listAudit,
  listMembers,
  staffEventList,
  staffNewsList,
  type StaffListItem,
} from '../db/repositories/staff.js';
import type { Database } from '../db/schema.js';
import { permissionsPolicy } from '../plugins/security-headers.js';
import {
  audit,
  invitedMember,
  inviteMember,
  LOGIN,
  normaliseLogin,
  prepareSetup,
  registerPasskey,
  registerTotp,
  registrationOptions,
  setupFirstAdministrator,
  setupNeeded,
  signInOptions,
  signInWithCode,
  signInWithPasskey,
  totpOffer,
  type RelyingParty,
} from '../services/staff.js';
import { sendHtml } from './pages.js';
import { fromThisSite, parseForm } from './self-check.js';
import { formFields, type StaffContext } from './staff-context.js';
import { staffServiceRoutes } from './staff-services.js';
import { staffItemRoutes } from './staff-items.js';
import { staffMemberRoutes } from './staff-members.js';
import { itemBodyRenderer } from './news-events.js';

/** An event form in two languages is at most about 45 KiB of text. */
export const STAFF_BODY_LIMIT = 128 * 1024;
/** Staff pages may use passkeys (WebAuthn get); every other feature stays off. */
const STAFF_PERMISSIONS = permissionsPolicy(['publickey-credentials-get']);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

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
    const jsonOnly = (request: FastifyRequest) => {
      if (!fromThisSite(request)) {
        throw new ApiError(403, 'csrf_failed', 'This request did not come from this site.');
      }
      if (!/^application\/json\b/.test(request.headers['content-type'] ?? '')) {
        throw new ApiError(415, 'unsupported_media_type', 'Send JSON.');
      }
    };
    const refused = (reply: FastifyReply, locale: Locale) =>
      reply.code(401).send({
        error: { code: 'not_signed_in', message: STAFF_MESSAGES[locale].passkeyFailed },
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

    /** Counts a sign-in attempt from the address; false (and a 429 page) past the limit. */
    const counted = async (request: FastifyRequest): Promise<boolean> => {
      try {
        await limiter.hit('staffSignInPerAddress', request.ip);
        return true;
      } catch (error) {
        if (error instanceof ApiError && error.statusCode === 429) return false;
        throw error;
      }
    };

    // ---- Setup ----
    scope.get('/staff/setup', async (request, reply) =>
      html(
        reply,
        200,
        <StaffSetupPage
          site={site}
          locale={localeOf(request)}
          values={{}}
          problems={[]}
          open={await setupNeeded(db)}
        />,
      ),
    );
    scope.post('/staff/setup', async (request, reply) => {
      const locale = localeOf(request);
      const fields = formFields(request);
      const values = {
        login: normaliseLogin(fields('login') ?? ''),
        name: (fields('name') ?? '').trim(),
      };
      const page = (status: number, problems: StaffProblem[]) =>
        html(
          reply,
          status,
          <StaffSetupPage site={site} locale={locale} values={values} problems={problems} open />,
        );
      if (!fromThisSite(request)) return page(403, [{ field: undefined, code: 'csrf_failed' }]);
      if (!(await counted(request))) return page(429, [{ field: undefined, code: 'rate_limited' }]);
      const problems: StaffProblem[] = [];
      if (!LOGIN.test(values.login)) problems.push({ field: 'login', code: 'login_invalid' });
      if (values.name === '' || values.name.length > 100) {
        problems.push({ field: 'name', code: 'name_missing' });
      }
      if (problems.length > 0) return page(400, problems);
      const result = await setupFirstAdministrator(db, fields('token') ?? '', values);
      if (result.kind === 'refused') {
        return page(result.code === 'setup_done' ? 409 : 400, [
          { field: result.code === 'setup_done' ? undefined : 'token', code: result.code },
        ]);
      }
      return redirect(reply, request, `/staff/join/${result.invitation}`);
    });

    // ---- Joining with an invitation ----
    const tokenParam = (request: FastifyRequest): string => {
      const token = (request.params as { token?: unknown }).token;
      return typeof token === 'string' ? token : '';
    };
    const joinPage = async (
      request: FastifyRequest,
      reply: FastifyReply,
      status: number,
      problems: StaffProblem[] = [],
    ) => {
      const token = tokenParam(request);
      const member = await invitedMember(db, token);
      const offer = member ? totpOffer(secret, token) : undefined;
      return html(
        reply,
        member ? status : 404,
        <StaffJoinPage
          site={site}
          locale={localeOf(request)}
          token={token}
          member={member}
          totp={
            offer && member
              ? {
                  key: offer.totp,
                  mac: offer.mac,
                  uri: totpUri(offer.totp, `${orgName(site, site.defaultLocale)}:${member.login}`),
                }
              : undefined
          }
          problems={problems}
        />,
      );
    };
    scope.get('/staff/join/:token', (request, reply) => joinPage(request, reply, 200));
    scope.post('/staff/join/:token/passkey-options', async (request, reply) => {
      jsonOnly(request);
      await limiter.hit('staffSignInPerAddress', request.ip);
      const member = await invitedMember(db, tokenParam(request));
      if (!member) return refused(reply, localeOf(request));
      return reply.send(await registrationOptions(db, rp(request), member));
    });
    scope.post('/staff/join/:token/passkey', async (request, reply) => {
      jsonOnly(request);
      await limiter.hit('staffSignInPerAddress', request.ip);
      const member = await registerPasskey(
        db,
        rp(request),
        tokenParam(request),
        request.body as RegistrationResponseJSON,
      );
      if (!member) return refused(reply, localeOf(request));
      await startStaffSession(db, reply, member.id);
      return reply.send({ next: staffHref(site, localeOf(request), '/staff') });
    });
    scope.post('/staff/join/:token/code', async (request, reply) => {
      const fields = formFields(request);
      if (!fromThisSite(request)) {
        return joinPage(request, reply, 403, [{ field: undefined, code: 'csrf_failed' }]);
      }
      if (!(await counted(request))) {
        return joinPage(request, reply, 429, [{ field: undefined, code: 'rate_limited' }]);
      }
      const member = await registerTotp(db, secret, tokenParam(request), {
        totp: fields('key') ?? '',
        mac: fields('mac') ?? '',
        code: fields('code') ?? '',
      });
      if (!member)
        return joinPage(request, reply, 400, [{ field: 'code', code: 'code_setup_wrong' }]);
      await startStaffSession(db, reply, member.id);
      return redirect(reply, request, '/staff');
    });

    // ---- Signing in and out ----
    const signInPage = (
      request: FastifyRequest,
      reply: FastifyReply,
      status: number,
      problems: StaffProblem[] = [],
      login = '',
    ) =>
      html(
        reply,
        status,
        <StaffSignInPage
          site={site}
          locale={localeOf(request)}
          values={{ login }}
          problems={problems}
        />,
      );
    scope.get('/staff/sign-in', async (request, reply) => {
      if (await setupNeeded(db)) return redirect(reply, request, '/staff/setup');
      return signInPage(request, reply, 200);
    });
    scope.post('/staff/sign-in/passkey-options', async (request, reply) => {
      jsonOnly(request);
      await limiter.hit('staffSignInPerAddress', request.ip);
      return reply.send(await signInOptions(db, rp(request)));
    });
    scope.post('/staff/sign-in/passkey', async (request, reply) => {
      jsonOnly(request);
      await limiter.hit('staffSignInPerAddress', request.ip);
      const member = await signInWithPasskey(db, rp(request), request.body);
      if (!member) return refused(reply, localeOf(request));
      await startStaffSession(db, reply, member.id);
      return reply.send({ next: staffHref(site, localeOf(request), '/staff') });
    });
    scope.post('/staff/sign-in/code', async (request, reply) => {
      const fields = formFields(request);
      const login = normaliseLogin(fields('login') ?? '').slice(0, 40);
      if (!fromThisSite(request)) {
        return signInPage(request, reply, 403, [{ field: undefined, code: 'csrf_failed' }], login);
      }
      if (!(await counted(request))) {
        return signInPage(request, reply, 429, [{ field: undefined, code: 'rate_limited' }], login);
      }
      let attempt;
      try {
        attempt = await limiter.attempt('staffSignIn', `staff\0${login}`, request.ip);
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        return signInPage(request, reply, 429, [{ field: undefined, code: 'rate_limited' }], login);
      }
      const member = await findMemberByLogin(db, login);
      if (!(await signInWithCode(db, member, fields('code') ?? '')) || !member) {
        return signInPage(request, reply, 400, [{ field: 'code', code: 'code_wrong' }], login);
      }
      await attempt.succeeded();
      await startStaffSession(db, reply, member.id);
      return redirect(reply, request, '/staff');
    });
    scope.post('/staff/sign-out', async (request, reply) => {
      const who = await signedIn(request, reply);
      if (!who) return reply;
      await endStaffSession(db, request, reply);
      return redirect(reply, request, '/staff/sign-in');
    });

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
      const [events, news] = await Promise.all([staffEventList(db), staffNewsList(db)]);
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

    // ---- Bookings ----
    const eventWithBookings = async (request: FastifyRequest) => {
      const id = (request.params as { id?: unknown }).id;
      if (typeof id !== 'string' || !UUID.test(id)) return undefined;
      const event = await findEventById(db, id);
      return event && { event, bookings: await bookingsForEvent(db, id) };
    };
    scope.get('/staff/events/:id/bookings', async (request, reply) => {
      const who = await signedIn(request, reply);
      if (!who) return reply;
      const found = await eventWithBookings(request);
      if (!found) return reply.callNotFound();
      const locale = localeOf(request);
      const title = textIn(found.event.texts, locale, site.locales)?.text.title ?? found.event.slug;
      return html(
        reply,
        200,
        <StaffBookingsPage
          site={site}
          locale={locale}
          viewer={viewerOf(who)}
          eventId={found.event.id}
          eventTitle={title}
          retentionDays={options.retentionDays}
          bookings={found.bookings.map((b) => ({ ...b, booked: when(locale, b.createdAt) }))}
        />,
      );
    });
    scope.get('/staff/events/:id/bookings.csv', async (request, reply) => {
      const who = await signedIn(request, reply);
      if (!who) return reply;
      const found = await eventWithBookings(request);
      if (!found) return reply.callNotFound();
      const locale = localeOf(request);
      const b = STAFF_MESSAGES[locale].bookings;
      const rows = [
        [b.name, b.email, b.organisation, b.role, b.needs, b.consent, b.booked],
        ...found.bookings.map((x) => [
          x.name,
          x.email,
          x.organisation,
          x.role,
          x.needs,
          x.consent ? b.yes : b.no,
          x.createdAt.toISOString(),
        ]),
      ];
      // Who downloaded which event's bookings, and how many: never what they say.
      await audit(
        db,
        who.member,
        'bookings.export',
        `event:${found.event.slug} (${found.bookings.length})`,
      );
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${found.event.slug}-bookings.csv"`)
        .send(`\uFEFF${toCsv(rows)}`);
    });

    // ---- Administrators ----
    const membersPage = async (
      request: FastifyRequest,
      reply: FastifyReply,
      who: SignedIn,
      status: number,
      extra: {
        values?: Record<string, string>;
        problems?: StaffProblem[];
        invited?: { name: string; link: string };
        removed?: string;
      } = {},
    ) => {
      const locale = localeOf(request);
      const members = await listMembers(db);
      return html(
        reply,
        status,
        <StaffMembersPage
          site={site}
          locale={locale}
          viewer={viewerOf(who)}
          members={members.map((m) => ({
            login: m.login,
            name: m.name,
            role: m.role,
            since: when(locale, m.createdAt),
          }))}
          values={extra.values ?? {}}
          problems={extra.problems ?? []}
          invited={extra.invited}
          removed={extra.removed}
        />,
      );
    };
    scope.get('/staff/members', async (request, reply) => {
      const who = await signedIn(request, reply, 'administrator');
      if (!who) return reply;
      const removed = (request.query as Record<string, unknown>).removed;
      return membersPage(request, reply, who, 200, {
        ...(typeof removed === 'string' && /^[a-z0-9.-]{1,40}$/.test(removed) ? { removed } : {}),
      });
    });
    scope.post('/staff/members', async (request, reply) => {
      const who = await signedIn(request, reply, 'administrator');
      if (!who) return reply;
      const fields = formFields(request);
      const values = {
        login: normaliseLogin(fields('login') ?? ''),
        name: (fields('name') ?? '').trim(),
        role: fields('role') ?? '',
      };
      const problems: StaffProblem[] = [];
      if (!LOGIN.test(values.login)) problems.push({ field: 'login', code: 'login_invalid' });
      if (values.name === '' || values.name.length > 100) {
        problems.push({ field: 'name', code: 'name_missing' });
      }
      if (values.role !== 'editor' && values.role !== 'administrator') {
        problems.push({ field: 'role', code: 'choice_invalid' });
      }
      if (problems.length > 0) return membersPage(request, reply, who, 400, { values, problems });
      const token = await inviteMember(db, who.member, {
        login: values.login,
        name: values.name,
        role: values.role as 'editor' | 'administrator',
      });
      if (token === undefined) {
        return membersPage(request, reply, who, 409, {
          values,
          problems: [{ field: 'login', code: 'login_taken' }],
        });
      }
      return membersPage(request, reply, who, 201, {
        invited: {
          name: values.name,
          link: `${options.publicUrl ?? rp(request).origin}/staff/join/${token}`,
        },
      });
    });
    scope.get('/staff/audit', async (request, reply) => {
      const who = await signedIn(request, reply, 'administrator');
      if (!who) return reply;
      const locale = localeOf(request);
      const entries = await listAudit(db, 200);
      return html(
        reply,
        200,
        <StaffAuditPage
          site={site}
          locale={locale}
          viewer={viewerOf(who)}
          entries={entries.map((e) => ({
            when: when(locale, e.at),
            who: e.memberLogin,
            action: e.action,
            target: e.target,
          }))}
        />,
      );
    });
  });
}
