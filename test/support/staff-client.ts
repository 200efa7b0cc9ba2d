/**
 * Drives the staff area through app.inject, choosing the TOTP fallback (passkeys are exercised
 * in Chromium): the first administrator from STAFF_SETUP_TOKEN, invitations, signing in.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Kysely } from 'kysely';
import { STAFF_COOKIE } from '../../src/server/auth/staff-session.js';
import { totpCode } from '../../src/server/auth/totp.js';
import type { Database } from '../../src/server/db/schema.js';

/** A person in the staff area: their cookie, and the CSRF token from their home page. */
export interface Staff {
  cookie: string;
  csrf: string;
  login: string;
  key: string;
}

export const TEST_SETUP_TOKEN = 'test-setup-token-0123456789abcdef';

export function staffClient(app: FastifyInstance, db: Kysely<Database>) {
  const get = (url: string, cookie?: string) =>
    app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
  const post = (
    url: string,
    fields: Record<string, string>,
    cookie?: string,
  ): Promise<LightMyRequestResponse> =>
    app.inject({
      method: 'POST',
      url,
      remoteAddress: '192.0.2.60',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'sec-fetch-site': 'same-origin',
        ...(cookie ? { cookie } : {}),
      },
      payload: new URLSearchParams(fields).toString(),
    });
  const hidden = (html: string, field: string): string => {
    const value = new RegExp(`name="${field}" value="([^"]+)"`).exec(html)?.[1];
    if (value === undefined) throw new Error(`no ${field} field on the page`);
    return value;
  };
  const cookieOf = (res: LightMyRequestResponse): string => {
    const c = (res.cookies as { name: string; value: string }[]).find(
      (x) => x.name === STAFF_COOKIE,
    );
    if (!c) throw new Error(`no staff cookie (status ${res.statusCode})`);
    return `${c.name}=${c.value}`;
  };
  const join = async (invitation: string, login: string): Promise<Staff> => {
    const page = await get(invitation);
    const key = hidden(page.body, 'key');
    const res = await post(`${invitation}/code`, {
      key,
      mac: hidden(page.body, 'mac'),
      code: totpCode(key),
    });
    const cookie = cookieOf(res);
    const home = await get('/staff', cookie);
    return { cookie, csrf: hidden(home.body, 'csrf'), login, key };
  };
  return {
    get,
    post,
    hidden,
    codes: (html: string) => [...html.matchAll(/data-code="([a-z_]+)"/g)].map((m) => m[1]),
    /** The first administrator, with TEST_SETUP_TOKEN (set as STAFF_SETUP_TOKEN). */
    async administrator(login = 'ann'): Promise<Staff> {
      const made = await post('/staff/setup', {
        token: TEST_SETUP_TOKEN,
        login,
        name: 'Ann Admin',
      });
      if (made.statusCode !== 303) throw new Error(`setup refused: ${made.statusCode}`);
      return join(made.headers.location as string, login);
    },
    async invite(
      admin: Staff,
      login: string,
      role: 'editor' | 'administrator' = 'editor',
    ): Promise<Staff> {
      const res = await post(
        '/staff/members',
        { csrf: admin.csrf, login, name: `Person ${login}`, role },
        admin.cookie,
      );
      const link = /\/staff\/join\/[A-Za-z0-9_-]{43}/.exec(res.body)?.[0];
      if (!link) throw new Error(`no invitation (status ${res.statusCode})`);
      return join(link, login);
    },
    /** Signs in again with a fresh code (the last used step is cleared first). */
    async signIn(person: Staff): Promise<Staff> {
      await db
        .updateTable('staff_members')
        .set({ totp_last_step: null })
        .where('login', '=', person.login)
        .execute();
      const res = await post('/staff/sign-in/code', {
        login: person.login,
        code: totpCode(person.key),
      });
      const cookie = cookieOf(res);
      const home = await get('/staff', cookie);
      return { ...person, cookie, csrf: hidden(home.body, 'csrf') };
    },
  };
}
