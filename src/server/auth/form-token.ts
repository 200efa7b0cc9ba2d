/**
 * Signed, short-lived form tokens for public forms, which have no session and set no cookie.
 * The token is the time the form was shown and an HMAC of it with the form's purpose (say, one
 * event's booking form) under the installation secret: the server keeps nothing, another site
 * cannot make one, and one cannot be carried to another form or kept for later.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** How long a shown form may be sent back: long enough to fill it in slowly. */
export const FORM_TOKEN_SECONDS = 2 * 3600;

export function formToken(secret: string, purpose: string, now = Date.now()): string {
  const issued = Math.floor(now / 1000);
  return `${issued}.${mac(secret, purpose, issued)}`;
}

export function formTokenValid(
  secret: string,
  purpose: string,
  token: string | undefined,
  now = Date.now(),
): boolean {
  const match = /^(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token ?? '');
  if (!match) return false;
  const issued = Number(match[1]);
  const age = Math.floor(now / 1000) - issued;
  // A minute's grace for clocks that differ between app servers.
  if (age < -60 || age > FORM_TOKEN_SECONDS) return false;
  const expected = Buffer.from(mac(secret, purpose, issued));
  const given = Buffer.from(match[2] ?? '');
  return expected.length === given.length && timingSafeEqual(expected, given);
}

function mac(secret: string, purpose: string, issued: number): string {
  return createHmac('sha256', secret).update(`form\0${purpose}\0${issued}`).digest('base64url');
}
