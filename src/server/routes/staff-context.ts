/**
 * What the staff area's route files share (set up once in staff.tsx): the site and database,
 * the page's language, sending pages and redirects, and the signed-in member.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Locale } from '../../domain/locales.js';
import type { Site } from '../../web/pages/site.js';
import type { StaffViewer } from '../../web/pages/StaffFrame.js';
import type { SignedIn } from '../auth/staff-session.js';
import type { Database } from '../db/schema.js';

export interface StaffContext {
  readonly site: Site;
  readonly db: Kysely<Database>;
  localeOf(request: FastifyRequest): Locale;
  html(reply: FastifyReply, status: number, page: preact.VNode): FastifyReply;
  redirect(reply: FastifyReply, request: FastifyRequest, path: string): FastifyReply;
  /** The signed-in member (checked for role and, on POST, CSRF), or undefined once refused. */
  signedIn(
    request: FastifyRequest,
    reply: FastifyReply,
    role?: 'editor' | 'administrator',
  ): Promise<SignedIn | undefined>;
  viewerOf(who: SignedIn): StaffViewer;
  /** A date and time in the organisation's zone, in the page's language. */
  when(locale: Locale, date: Date): string;
}

/** One form field as a string; a repeated or missing field counts as absent. */
export function formFields(request: FastifyRequest): (name: string) => string | undefined {
  const body = request.body;
  const fields = body !== null && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  return (name) => {
    const values = Object.hasOwn(fields, name) ? fields[name] : undefined;
    return Array.isArray(values) && values.length === 1 && typeof values[0] === 'string'
      ? values[0]
      : undefined;
  };
}

/** A route parameter as a string ('' when absent). */
export function param(request: FastifyRequest, name: string): string {
  const value = (request.params as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : '';
}
