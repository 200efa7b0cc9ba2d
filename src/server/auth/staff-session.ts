/**
 * Staff sessions, as strict as the vault's (src/server/api/session-guard.ts) and separate from
 * them: their own cookie, sent only to /staff (so never to /api), HttpOnly, Secure,
 * SameSite=Strict; their own table; an idle and an absolute limit; a CSRF token, an HMAC of the
 * cookie's token, in every form that changes anything.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import {
  deleteStaffSession,
  findMember,
  insertStaffSession,
  touchStaffSession,
  type StaffMember,
} from '../db/repositories/staff.js';
import type { Database } from '../db/schema.js';
import { newPublicId, newToken, tokenHash } from './tokens.js';

/** `__Secure-`: only ever set over HTTPS. Not `__Host-`, which must be sent to every path. */
export const STAFF_COOKIE = '__Secure-mosaic-staff';
export const STAFF_PATH = '/staff';

/** A staff session ends after 30 minutes unused, and after 8 hours whatever happens. */
export const STAFF_SESSION = { idleSeconds: 30 * 60, maxSeconds: 8 * 3600 } as const;

const COOKIE_OPTIONS = {
  path: STAFF_PATH,
  httpOnly: true,
  secure: true,
  sameSite: 'strict',
} as const;

export interface SignedIn {
  readonly member: StaffMember;
  readonly csrf: string;
  readonly token: string;
}

export function staffCsrf(token: string): string {
  return createHmac('sha256', token).update('mosaic-staff-csrf').digest('base64url');
}

export function staffCsrfMatches(token: string, presented: string | undefined): boolean {
  if (presented === undefined) return false;
  const expected = Buffer.from(staffCsrf(token));
  const given = Buffer.from(presented);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

function cookieToken(request: FastifyRequest): string | undefined {
  const token = request.cookies[STAFF_COOKIE];
  return token !== undefined && /^[A-Za-z0-9_-]{43}$/.test(token) ? token : undefined;
}

/** The signed-in member behind the request's staff cookie, or undefined. */
export async function currentStaff(
  db: Kysely<Database>,
  request: FastifyRequest,
): Promise<SignedIn | undefined> {
  const token = cookieToken(request);
  if (token === undefined) return undefined;
  const session = await touchStaffSession(db, tokenHash(token), STAFF_SESSION.idleSeconds);
  if (!session) return undefined;
  const member = await findMember(db, session.memberId);
  return member ? { member, csrf: staffCsrf(token), token } : undefined;
}

/** A fresh session (a new token on every sign-in) in the staff cookie. */
export async function startStaffSession(
  db: Kysely<Database>,
  reply: FastifyReply,
  memberId: string,
): Promise<void> {
  const { token, hash } = newToken();
  await insertStaffSession(db, {
    id: newPublicId(),
    tokenHash: hash,
    memberId,
    expiresAt: new Date(Date.now() + STAFF_SESSION.maxSeconds * 1000),
  });
  reply.setCookie(STAFF_COOKIE, token, { ...COOKIE_OPTIONS, maxAge: STAFF_SESSION.maxSeconds });
}

export async function endStaffSession(
  db: Kysely<Database>,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<void> {
  const token = cookieToken(request);
  if (token !== undefined) await deleteStaffSession(db, tokenHash(token));
  reply.clearCookie(STAFF_COOKIE, COOKIE_OPTIONS);
}
