/**
 * Who is asking: the session behind the request's cookie, with its CSRF token checked on every
 * state-changing request. Routes call requireSession and get the account id, or the request is
 * refused with a stable code.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { CSRF_HEADER } from '../../contract/vault-api.js';
import { insertSession, touchSession, type Session } from '../db/repositories/sessions.js';
import type { Database } from '../db/schema.js';
import {
  csrfMatches,
  csrfTokenFor,
  deviceLabel,
  newPublicId,
  newToken,
  SESSION_COOKIE,
  tokenHash,
} from '../auth/tokens.js';
import { ApiError } from './api-error.js';

export interface SessionSettings {
  readonly idleSeconds: number;
  readonly maxSeconds: number;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function sessionToken(request: FastifyRequest): string | undefined {
  const token = request.cookies[SESSION_COOKIE];
  return token !== undefined && /^[A-Za-z0-9_-]{43}$/.test(token) ? token : undefined;
}

export async function requireSession(
  db: Kysely<Database>,
  settings: SessionSettings,
  request: FastifyRequest,
): Promise<Session> {
  const token = sessionToken(request);
  const session =
    token === undefined
      ? undefined
      : await touchSession(db, tokenHash(token), settings.idleSeconds);
  if (!session || session.kind !== 'full' || token === undefined) throw notSignedIn();
  if (!csrfPassed(request, token)) {
    throw new ApiError(
      403,
      'csrf_failed',
      'This request did not come from the diary page. Please reload it.',
    );
  }
  return session;
}

export function notSignedIn(): ApiError {
  return new ApiError(
    401,
    'not_signed_in',
    'You are not signed in, or your session has ended. Please sign in again.',
  );
}

function csrfPassed(request: FastifyRequest, token: string): boolean {
  if (SAFE_METHODS.has(request.method)) return true;
  const presented = request.headers[CSRF_HEADER];
  return csrfMatches(token, typeof presented === 'string' ? presented : undefined);
}

/**
 * For a write that checks the session in its own statement (the record writes, which save a
 * round trip so): the checks requireSession makes without the database, and the token's hash
 * for the statement to look up; the statement's caller answers notSignedIn() if it finds no
 * live session. A request without a usable token is refused here; one failing the CSRF check
 * is looked up as requireSession would, so it gets the very same answer (401 before 403).
 */
export async function sessionWriter(
  db: Kysely<Database>,
  settings: SessionSettings,
  request: FastifyRequest,
): Promise<{ session: { tokenHash: Uint8Array; idleSeconds: number } }> {
  const token = sessionToken(request);
  if (token === undefined) throw notSignedIn();
  if (!csrfPassed(request, token)) await requireSession(db, settings, request); // throws
  return { session: { tokenHash: tokenHash(token), idleSeconds: settings.idleSeconds } };
}

/** Starts a session: a fresh token in the cookie (rotation on every sign-in), its CSRF token returned. */
export async function startSession(
  db: Kysely<Database>,
  settings: SessionSettings,
  request: FastifyRequest,
  reply: FastifyReply,
  accountId: string,
): Promise<{ csrfToken: string; id: string }> {
  const { token, hash } = newToken();
  const id = newPublicId();
  await insertSession(db, {
    id,
    tokenHash: hash,
    accountId,
    kind: 'full',
    device: deviceLabel(request.headers['user-agent']),
    expiresAt: new Date(Date.now() + settings.maxSeconds * 1000),
  });
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    secure: true,
    sameSite: 'strict',
    maxAge: settings.maxSeconds,
  });
  return { csrfToken: csrfTokenFor(token), id };
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, {
    path: '/',
    httpOnly: true,
    secure: true,
    sameSite: 'strict',
  });
}
