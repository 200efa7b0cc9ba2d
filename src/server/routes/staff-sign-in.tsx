/**
 * Getting into the staff area: the first administrator with the one-time setup token, joining
 * with an invitation (a passkey, or an authenticator app's codes), signing in and out. Every
 * attempt counts against the address's limit. Split from staff.tsx, which sets up the area.
 *
 *   /staff/setup                  the first administrator, with the one-time setup token
 *   /staff/join/<invitation>      make a passkey (or set up codes) with an invitation link
 *   /staff/sign-in                passkey, or sign-in name and code; /staff/sign-out
 */
import type { RegistrationResponseJSON } from '@simplewebauthn/server';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Locale } from '../../domain/locales.js';
import { STAFF_MESSAGES } from '../../web/i18n/staff-messages.js';
import { orgName } from '../../web/pages/site.js';
import { staffHref, type StaffProblem } from '../../web/pages/StaffFrame.js';
import {
  StaffJoinPage,
  StaffSetupPage,
  StaffSignInPage,
} from '../../web/pages/StaffSignInPages.js';
import { ApiError } from '../api/api-error.js';
import type { Limiter } from '../auth/limits.js';
import { totpUri } from '../auth/totp.js';
import { endStaffSession, startStaffSession } from '../auth/staff-session.js';
import { findMemberByLogin } from '../db/repositories/staff.js';
import {
  invitedMember,
  LOGIN,
  normaliseLogin,
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
import { fromThisSite } from './self-check.js';
import { formFields, type StaffContext } from './staff-context.js';

export function staffSignInRoutes(
  scope: FastifyInstance,
  ctx: StaffContext,
  deps: {
    readonly secret: string;
    readonly limiter: Limiter;
    /** The passkeys' relying party: this site as the request reached it. */
    readonly rp: (request: FastifyRequest) => RelyingParty;
  },
): void {
  const { site, db } = ctx;
  const { secret, limiter, rp } = deps;
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
    ctx.html(
      reply,
      200,
      <StaffSetupPage
        site={site}
        locale={ctx.localeOf(request)}
        values={{}}
        problems={[]}
        open={await setupNeeded(db)}
      />,
    ),
  );
  scope.post('/staff/setup', async (request, reply) => {
    const locale = ctx.localeOf(request);
    const fields = formFields(request);
    const values = {
      login: normaliseLogin(fields('login') ?? ''),
      name: (fields('name') ?? '').trim(),
    };
    const page = (status: number, problems: StaffProblem[]) =>
      ctx.html(
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
    return ctx.redirect(reply, request, `/staff/join/${result.invitation}`);
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
    return ctx.html(
      reply,
      member ? status : 404,
      <StaffJoinPage
        site={site}
        locale={ctx.localeOf(request)}
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
    if (!member) return refused(reply, ctx.localeOf(request));
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
    if (!member) return refused(reply, ctx.localeOf(request));
    await startStaffSession(db, reply, member.id);
    return reply.send({ next: staffHref(site, ctx.localeOf(request), '/staff') });
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
    return ctx.redirect(reply, request, '/staff');
  });

  // ---- Signing in and out ----
  const signInPage = (
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    problems: StaffProblem[] = [],
    login = '',
  ) =>
    ctx.html(
      reply,
      status,
      <StaffSignInPage
        site={site}
        locale={ctx.localeOf(request)}
        values={{ login }}
        problems={problems}
      />,
    );
  scope.get('/staff/sign-in', async (request, reply) => {
    if (await setupNeeded(db)) return ctx.redirect(reply, request, '/staff/setup');
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
    if (!member) return refused(reply, ctx.localeOf(request));
    await startStaffSession(db, reply, member.id);
    return reply.send({ next: staffHref(site, ctx.localeOf(request), '/staff') });
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
    return ctx.redirect(reply, request, '/staff');
  });
  scope.post('/staff/sign-out', async (request, reply) => {
    const who = await ctx.signedIn(request, reply);
    if (!who) return reply;
    await endStaffSession(db, request, reply);
    return ctx.redirect(reply, request, '/staff/sign-in');
  });
}
