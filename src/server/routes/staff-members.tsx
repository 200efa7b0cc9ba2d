/**
 * The administrators' pages: the staff accounts (and inviting a new one), the audit log, and
 * /staff/members/<login>, the page about one staff account. Removing the person
 * ends their sessions at once (the rows go, so their very next request is refused); removing a
 * passkey or resetting codes ends their sessions too and shows a new one-time set-up link.
 *
 *   /staff/members                         the accounts; invite one (POST)
 *   /staff/audit                           the latest 200 audit entries
 *   /staff/members/<login>                 passkeys, codes, remove
 *   /staff/members/<login>/passkeys/remove (passkey=<id>)
 *   /staff/members/<login>/reset-codes
 *   /staff/members/<login>/remove
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { StaffProblem } from '../../web/pages/StaffPages.js';
import {
  StaffAuditPage,
  StaffMemberPage,
  StaffMembersPage,
} from '../../web/pages/StaffAdminPages.js';
import type { SignedIn } from '../auth/staff-session.js';
import { passkeysOf } from '../db/repositories/staff-admin.js';
import {
  findMemberByLogin,
  listAudit,
  listMembers,
  type StaffMember,
} from '../db/repositories/staff.js';
import { removeMember, removePasskey, resetCodes } from '../services/staff-admin.js';
import { inviteMember, LOGIN, normaliseLogin } from '../services/staff.js';
import { formFields, param, type StaffContext } from './staff-context.js';

export function staffMemberRoutes(
  scope: FastifyInstance,
  ctx: StaffContext,
  /** The site's address for set-up links (PUBLIC_URL, or the request's own). */
  originOf: (request: FastifyRequest) => string,
): void {
  const { site, db } = ctx;
  const load = async (request: FastifyRequest) => {
    const login = param(request, 'login');
    return LOGIN.test(login) ? findMemberByLogin(db, login) : undefined;
  };
  const page = async (
    request: FastifyRequest,
    reply: FastifyReply,
    who: SignedIn,
    member: StaffMember,
    token?: string,
  ) => {
    const locale = ctx.localeOf(request);
    const passkeys = await passkeysOf(db, member.id);
    return ctx.html(
      reply,
      200,
      <StaffMemberPage
        site={site}
        locale={locale}
        viewer={ctx.viewerOf(who)}
        member={{
          login: member.login,
          name: member.name,
          role: member.role,
          codes: member.totpSecret !== undefined,
        }}
        passkeys={passkeys.map((p) => ({ id: p.id, added: ctx.when(locale, p.createdAt) }))}
        link={token === undefined ? undefined : `${originOf(request)}/staff/join/${token}`}
      />,
    );
  };
  /** The administrator and the account the address names, or undefined once answered. */
  const both = async (request: FastifyRequest, reply: FastifyReply) => {
    const who = await ctx.signedIn(request, reply, 'administrator');
    if (!who) return undefined;
    const member = await load(request);
    if (!member) {
      reply.callNotFound();
      return undefined;
    }
    return { who, member };
  };

  scope.get('/staff/members/:login', async (request, reply) => {
    const found = await both(request, reply);
    return found ? page(request, reply, found.who, found.member) : reply;
  });
  scope.post('/staff/members/:login/remove', async (request, reply) => {
    const found = await both(request, reply);
    if (!found) return reply;
    const refused = await removeMember(db, found.who.member, found.member);
    if (refused === 'self') return page(request, reply, found.who, found.member);
    if (refused === 'not_found') return reply.callNotFound();
    return ctx.redirect(reply, request, `/staff/members?removed=${found.member.login}`);
  });
  scope.post('/staff/members/:login/passkeys/remove', async (request, reply) => {
    const found = await both(request, reply);
    if (!found) return reply;
    const id = formFields(request)('passkey') ?? '';
    const result = await removePasskey(db, found.who.member, found.member, id);
    if (typeof result === 'string') return reply.callNotFound();
    return page(request, reply, found.who, found.member, result.link);
  });
  scope.post('/staff/members/:login/reset-codes', async (request, reply) => {
    const found = await both(request, reply);
    if (!found) return reply;
    const { link } = await resetCodes(db, found.who.member, found.member);
    const member = (await findMemberByLogin(db, found.member.login)) ?? found.member;
    return page(request, reply, found.who, member, link);
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
    const locale = ctx.localeOf(request);
    const members = await listMembers(db);
    return ctx.html(
      reply,
      status,
      <StaffMembersPage
        site={site}
        locale={locale}
        viewer={ctx.viewerOf(who)}
        members={members.map((m) => ({
          login: m.login,
          name: m.name,
          role: m.role,
          since: ctx.when(locale, m.createdAt),
        }))}
        values={extra.values ?? {}}
        problems={extra.problems ?? []}
        invited={extra.invited}
        removed={extra.removed}
      />,
    );
  };
  scope.get('/staff/members', async (request, reply) => {
    const who = await ctx.signedIn(request, reply, 'administrator');
    if (!who) return reply;
    const removed = (request.query as Record<string, unknown>).removed;
    return membersPage(request, reply, who, 200, {
      ...(typeof removed === 'string' && /^[a-z0-9.-]{1,40}$/.test(removed) ? { removed } : {}),
    });
  });
  scope.post('/staff/members', async (request, reply) => {
    const who = await ctx.signedIn(request, reply, 'administrator');
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
        link: `${originOf(request)}/staff/join/${token}`,
      },
    });
  });
  scope.get('/staff/audit', async (request, reply) => {
    const who = await ctx.signedIn(request, reply, 'administrator');
    if (!who) return reply;
    const locale = ctx.localeOf(request);
    const entries = await listAudit(db, 200);
    return ctx.html(
      reply,
      200,
      <StaffAuditPage
        site={site}
        locale={locale}
        viewer={ctx.viewerOf(who)}
        entries={entries.map((e) => ({
          when: ctx.when(locale, e.at),
          who: e.memberLogin,
          action: e.action,
          target: e.target,
        }))}
      />,
    );
  });
}
