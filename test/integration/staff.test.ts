/**
 * The staff area (/staff) through the real app on both engines: the first administrator from
 * the printed one-time setup token, invitations and the TOTP fallback, roles, CSRF, the sign-in
 * rate limit, idle and absolute session expiry, editing and publishing an English and Welsh
 * event that the public pages show at once, the bookings CSV (formula cells neutralised, checked
 * with a fast-check property), the audit log without booking answers, and isolation from the
 * vault: the staff cookie reaches no /api route, the vault cookie reaches no staff page, and no
 * staff table refers to a vault table. Passkeys are exercised in Chromium (test/e2e/staff.test.ts).
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { neutralise, parseCsv } from '../../src/domain/csv.js';
import { buildApp } from '../../src/server/app.js';
import { FAILURE_LIMITS } from '../../src/server/auth/limits.js';
import { STAFF_COOKIE } from '../../src/server/auth/staff-session.js';
import { totpCode } from '../../src/server/auth/totp.js';
import { loadConfig } from '../../src/server/config.js';
import { insertBooking } from '../../src/server/db/repositories/events.js';
import { listAudit } from '../../src/server/db/repositories/staff.js';
import { ENGINES, freshDatabase, type TestDatabase } from '../support/databases.js';
import { VaultClient } from '../support/vault-client.js';

const ADMIN_NAME = 'Adminperson Zq4';
const CANARY = 'canary-booking-7Hq';

/** A person in the staff area: their cookie, and the CSRF token from the last page. */
interface Staff {
  cookie: string;
  csrf: string;
  login: string;
  key: string;
}

describe.each(ENGINES)('staff area on $name', ({ name, available }) => {
  let app: FastifyInstance;
  let database: TestDatabase;
  let dataDir: string;
  const logLines: string[] = [];
  let admin: Staff;
  let editor: Staff;
  let eventId: string;

  beforeAll(async () => {
    if (!available) return;
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'mosaic-staff-'));
    const config = await loadConfig({ LOG_LEVEL: 'debug', DATA_DIR: dataDir });
    database = await freshDatabase(name);
    app = await buildApp(
      { config, database },
      { logger: { level: 'trace', stream: { write: (line: string) => logLines.push(line) } } },
    );
    await app.ready();
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await database?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  const get = (url: string, cookie?: string) =>
    app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
  const post = (
    url: string,
    fields: Record<string, string>,
    options: { cookie?: string; site?: string; address?: string } = {},
  ): Promise<LightMyRequestResponse> =>
    app.inject({
      method: 'POST',
      url,
      remoteAddress: options.address ?? '192.0.2.50',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'sec-fetch-site': options.site ?? 'same-origin',
        ...(options.cookie ? { cookie: options.cookie } : {}),
      },
      payload: new URLSearchParams(fields).toString(),
    });
  const staffCookie = (res: LightMyRequestResponse): string | undefined => {
    const c = (res.cookies as { name: string; value: string }[]).find(
      (x) => x.name === STAFF_COOKIE,
    );
    return c ? `${c.name}=${c.value}` : undefined;
  };
  const hidden = (html: string, field: string): string => {
    const value = new RegExp(`name="${field}" value="([^"]+)"`).exec(html)?.[1];
    if (value === undefined) throw new Error(`no ${field} field on the page`);
    return value;
  };
  const codes = (html: string) => [...html.matchAll(/data-code="([a-z_]+)"/g)].map((m) => m[1]);
  /**
   * A fresh code for a person. Each code works once (the step is recorded), and the tests sign
   * in more often than once per 30 seconds, so the recorded step is cleared first; the replay
   * refusal itself is checked on its own.
   */
  const nextCode = async (login: string, key: string) => {
    await database.db
      .updateTable('staff_members')
      .set({ totp_last_step: null })
      .where('login', '=', login)
      .execute();
    return totpCode(key);
  };
  /** Joins with an invitation path, choosing codes; returns the signed-in person. */
  const join = async (invitation: string, login: string): Promise<Staff> => {
    const page = await get(invitation);
    expect(page.statusCode).toBe(200);
    const key = hidden(page.body, 'key');
    const res = await post(`${invitation}/code`, {
      key,
      mac: hidden(page.body, 'mac'),
      code: totpCode(key),
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/staff');
    const cookie = staffCookie(res)!;
    const home = await get('/staff', cookie);
    expect(home.statusCode).toBe(200);
    // The invitation works once.
    expect((await get(invitation)).statusCode).toBe(404);
    return { cookie, csrf: hidden(home.body, 'csrf'), login, key };
  };

  it.skipIf(!available)(
    'sets up the first administrator with the printed one-time token, never twice',
    async () => {
      expect((await get('/staff')).headers.location).toBe('/staff/sign-in');
      expect((await get('/staff/sign-in')).headers.location).toBe('/staff/setup');
      const line = logLines.find((l) => l.includes('one-time setup token'));
      const token = /setup token: ([A-Za-z0-9_-]{43})/.exec(line ?? '')?.[1];
      expect(token).toBeDefined();
      const wrong = await post('/staff/setup', {
        token: 'x'.repeat(43),
        login: 'ann',
        name: ADMIN_NAME,
      });
      expect(wrong.statusCode).toBe(400);
      expect(codes(wrong.body)).toEqual(['setup_token_wrong']);
      const badLogin = await post('/staff/setup', { token: token!, login: 'A B', name: '' });
      expect(codes(badLogin.body).sort()).toEqual(['login_invalid', 'name_missing']);
      const cross = await post(
        '/staff/setup',
        { token: token!, login: 'ann', name: ADMIN_NAME },
        { site: 'cross-site' },
      );
      expect(cross.statusCode).toBe(403);
      const made = await post('/staff/setup', { token: token!, login: 'Ann', name: ADMIN_NAME });
      expect(made.statusCode).toBe(303);
      const invitation = made.headers.location as string;
      expect(invitation).toMatch(/^\/staff\/join\/[A-Za-z0-9_-]{43}$/);
      admin = await join(invitation, 'ann');
      // The token is used up, and no second administrator can be made with any token.
      const again = await post('/staff/setup', { token: token!, login: 'bob', name: 'Bob' });
      expect(again.statusCode).toBe(409);
      expect(codes(again.body)).toEqual(['setup_done']);
      // The log names no person.
      expect(logLines.join('\n')).not.toContain(ADMIN_NAME);
    },
  );

  it.skipIf(!available)(
    'sets the staff cookie for /staff only, HttpOnly, Secure, Strict',
    async () => {
      const page = await get('/staff/sign-in');
      // The footer says what the staff area does set, not the public pages' "no cookies".
      expect(page.body).toContain('sets one cookie, only to keep you signed in');
      expect(page.body).not.toContain('sets no cookies');
      const key = admin.key;
      const res = await post('/staff/sign-in/code', {
        login: 'ann',
        code: await nextCode('ann', key),
      });
      expect(res.statusCode).toBe(303);
      const set = String(res.headers['set-cookie']);
      expect(set).toContain(`${STAFF_COOKIE}=`);
      expect(set).toMatch(/Path=\/staff(;|$)/);
      expect(set).toMatch(/HttpOnly/);
      expect(set).toMatch(/Secure/);
      expect(set).toMatch(/SameSite=Strict/);
      expect(page.headers['permissions-policy']).toContain('publickey-credentials-get=(self)');
      expect(page.headers['content-security-policy']).not.toContain('unsafe-inline');
      // A code works once.
      const replay = await post('/staff/sign-in/code', {
        login: 'ann',
        code: totpCode(key),
      });
      expect(replay.statusCode).toBe(400);
      expect(codes(replay.body)).toEqual(['code_wrong']);
    },
  );

  it.skipIf(!available)(
    'lets an administrator add an editor; editors cannot reach administrator pages',
    async () => {
      const res = await post(
        '/staff/members',
        { csrf: admin.csrf, login: 'eddie', name: 'Eddie Editor', role: 'editor' },
        { cookie: admin.cookie },
      );
      expect(res.statusCode).toBe(201);
      const link =
        /data-invitation="">([^<]+)</.exec(res.body)?.[1] ??
        /\/staff\/join\/[A-Za-z0-9_-]{43}/.exec(res.body)?.[0];
      const invitation = new URL(link!, 'http://localhost').pathname;
      editor = await join(invitation, 'eddie');
      const taken = await post(
        '/staff/members',
        { csrf: admin.csrf, login: 'eddie', name: 'Another', role: 'editor' },
        { cookie: admin.cookie },
      );
      expect(taken.statusCode).toBe(409);
      expect(codes(taken.body)).toEqual(['login_taken']);
      for (const url of ['/staff/members', '/staff/audit']) {
        expect((await get(url, editor.cookie)).statusCode).toBe(403);
        expect((await get(url, admin.cookie)).statusCode).toBe(200);
        expect((await get(url)).statusCode).toBe(303);
      }
      const promoted = await post(
        '/staff/members',
        { csrf: editor.csrf, login: 'mallory', name: 'M', role: 'administrator' },
        { cookie: editor.cookie },
      );
      expect(promoted.statusCode).toBe(403);
      expect(await database.db.selectFrom('staff_members').select('login').execute()).toHaveLength(
        2,
      );
    },
  );

  const eventFields = (csrf: string, slug: string) => ({
    csrf,
    slug,
    kind: 'course',
    audience: 'practitioners',
    mode: 'in-person',
    starts: '2031-03-30T10:00',
    ends: '2031-03-30T12:30',
    capacity: '20',
    cost: '',
    booking: 'form',
    bookingUrl: '',
    title_en: 'Staff course',
    summary_en: 'A course added by staff.',
    body_en: 'All about **safety**.',
    venue_en: 'Town hall',
    title_cy: 'Cwrs staff',
    summary_cy: 'Cwrs a ychwanegwyd gan staff.',
    body_cy: 'Popeth am **ddiogelwch**.',
    venue_cy: 'Neuadd y dref',
  });

  it.skipIf(!available)('refuses changes without the CSRF token or from another site', async () => {
    const fields = eventFields(editor.csrf, 'csrf-test');
    const none = await post(
      '/staff/events/new',
      { ...fields, csrf: '' },
      { cookie: editor.cookie },
    );
    expect(none.statusCode).toBe(403);
    expect(codes(none.body)).toEqual(['csrf_failed']);
    const other = await post(
      '/staff/events/new',
      { ...fields, csrf: admin.csrf },
      { cookie: editor.cookie },
    );
    expect(other.statusCode).toBe(403);
    const cross = await post('/staff/events/new', fields, {
      cookie: editor.cookie,
      site: 'cross-site',
    });
    expect(cross.statusCode).toBe(403);
    const count = await database.db
      .selectFrom('events')
      .select('id')
      .where('slug', '=', 'csrf-test')
      .execute();
    expect(count).toHaveLength(0);
  });

  it.skipIf(!available)(
    'lets an editor add an English and Welsh event and publish it; it shows at once',
    async () => {
      const bad = await post(
        '/staff/events/new',
        { ...eventFields(editor.csrf, 'Bad Slug'), ends: '2031-03-30T09:00', summary_cy: '' },
        { cookie: editor.cookie },
      );
      expect(bad.statusCode).toBe(400);
      expect(codes(bad.body).sort()).toEqual(['ends_before_start', 'slug_invalid', 'text_missing']);
      const made = await post('/staff/events/new', eventFields(editor.csrf, 'staff-course'), {
        cookie: editor.cookie,
      });
      expect(made.statusCode).toBe(303);
      eventId = /\/staff\/events\/([0-9a-f-]{36})/.exec(String(made.headers.location))![1]!;
      // A draft is not public.
      expect((await get('/events/staff-course')).statusCode).toBe(404);
      const published = await post(
        `/staff/events/${eventId}/publish`,
        { csrf: editor.csrf },
        {
          cookie: editor.cookie,
        },
      );
      expect(published.statusCode).toBe(303);
      const en = await get('/events/staff-course');
      expect(en.statusCode).toBe(200);
      expect(en.body).toContain('Staff course');
      // 10:00 in London in summer time (the clocks went forward that morning) is 09:00 UTC.
      const row = await database.db
        .selectFrom('events')
        .select('starts_at')
        .where('id', '=', eventId)
        .executeTakeFirstOrThrow();
      expect(new Date(row.starts_at).toISOString()).toBe('2031-03-30T09:00:00.000Z');
      const cy = await get('/cy/events/staff-course');
      expect(cy.statusCode).toBe(200);
      expect(cy.body).toContain('Cwrs staff');
      // Editing keeps it published; the same slug twice is refused with a clear code.
      const edited = await post(
        `/staff/events/${eventId}`,
        { ...eventFields(editor.csrf, 'staff-course'), title_en: 'Staff course (new date)' },
        { cookie: editor.cookie },
      );
      expect(edited.statusCode).toBe(303);
      expect((await get('/events/staff-course')).body).toContain('Staff course (new date)');
      const twice = await post('/staff/events/new', eventFields(editor.csrf, 'staff-course'), {
        cookie: editor.cookie,
      });
      expect(twice.statusCode).toBe(400);
      expect(codes(twice.body)).toEqual(['slug_taken']);
      // News, in one language.
      const news = await post(
        '/staff/news/new',
        {
          csrf: editor.csrf,
          slug: 'staff-news',
          title_en: 'Staff news',
          summary_en: 'S.',
          // Staff text reaches the page only through the Markdown renderer (HTML off).
          body_en:
            'B. <script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1))',
        },
        { cookie: editor.cookie },
      );
      expect(news.statusCode).toBe(303);
      const newsId = /\/staff\/news\/([0-9a-f-]{36})/.exec(String(news.headers.location))![1]!;
      await post(`/staff/news/${newsId}/publish`, { csrf: editor.csrf }, { cookie: editor.cookie });
      const article = await get('/news/staff-news');
      expect(article.statusCode).toBe(200);
      expect(article.body).not.toMatch(/<script>alert|<img src=x|href="javascript:/i);
      expect(article.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      await post(
        `/staff/news/${newsId}/unpublish`,
        { csrf: editor.csrf },
        { cookie: editor.cookie },
      );
      expect((await get('/news/staff-news')).statusCode).toBe(404);
    },
  );

  it.skipIf(!available)(
    'exports bookings as CSV with formula cells neutralised (property), and audits without answers',
    async () => {
      // Strings a person could type, weighted towards the characters that start formulas.
      const text = fc
        .string({
          unit: fc.oneof(
            fc.constantFrom('=', '+', '-', '@', '\t', '"', ',', '\n', 'é', 'a', ' '),
            fc.string({ minLength: 1, maxLength: 1 }),
          ),
          maxLength: 30,
        })
        .map((s) => s.replaceAll('\0', '').replaceAll('\r', ''));
      let n = 0;
      await fc.assert(
        fc.asyncProperty(text, text, text, async (name, organisation, needs) => {
          n += 1;
          await insertBooking(database.db, {
            id: randomUUID(),
            eventId,
            tokenHash: `${randomUUID().replaceAll('-', '')}${n}`,
            locale: 'en',
            answers: {
              name,
              email: `p${n}@example.org`,
              organisation,
              role: `=${CANARY}`,
              needs,
              consent: true,
            },
          });
          const res = await get(`/staff/events/${eventId}/bookings.csv`, editor.cookie);
          expect(res.statusCode).toBe(200);
          expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
          const rows = parseCsv(res.body.replace(/^\uFEFF/, ''));
          expect(rows).toHaveLength(n + 1);
          const last = rows[n]!;
          expect(last.slice(0, 5)).toEqual(
            [name, `p${n}@example.org`, organisation, `=${CANARY}`, needs].map(neutralise),
          );
          for (const cell of rows.flat()) expect(/^[=+\-@\t\r]/.test(cell)).toBe(false);
        }),
        { numRuns: 15 },
      );
      const page = await get(`/staff/events/${eventId}/bookings`, editor.cookie);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain(CANARY);
      const entries = await listAudit(database.db, 500);
      expect(entries.some((e) => e.action === 'bookings.export' && e.memberLogin === 'eddie')).toBe(
        true,
      );
      expect(entries.some((e) => e.action === 'event.publish')).toBe(true);
      expect(JSON.stringify(entries)).not.toContain(CANARY);
      expect((await get('/staff/audit', admin.cookie)).body).not.toContain(CANARY);
      expect(logLines.join('\n')).not.toContain(CANARY);
    },
  );

  it.skipIf(!available)('limits sign-in code attempts', async () => {
    const address = '198.51.100.77';
    const max = FAILURE_LIMITS.staffSignIn.perAccountAddress.max;
    for (let i = 0; i < max; i++) {
      const res = await post(
        '/staff/sign-in/code',
        { login: 'eddie', code: '000000' },
        { address },
      );
      expect(res.statusCode).toBe(400);
    }
    const limited = await post(
      '/staff/sign-in/code',
      { login: 'eddie', code: '000000' },
      { address },
    );
    expect(limited.statusCode).toBe(429);
    expect(codes(limited.body)).toEqual(['rate_limited']);
    // Even the right code is refused from there now; elsewhere it works.
    const right = await post(
      '/staff/sign-in/code',
      { login: 'eddie', code: await nextCode(editor.login, editor.key) },
      { address },
    );
    expect(right.statusCode).toBe(429);
    const elsewhere = await post('/staff/sign-in/code', {
      login: 'eddie',
      code: totpCode(editor.key),
    });
    expect(elsewhere.statusCode).toBe(303);
    // Passkey steps are counted per address too, and refuse anything but JSON from this site.
    const json = await app.inject({
      method: 'POST',
      url: '/staff/sign-in/passkey-options',
      headers: { 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' },
      payload: '{}',
    });
    expect(json.statusCode).toBe(403);
    const options = await app.inject({
      method: 'POST',
      url: '/staff/sign-in/passkey-options',
      headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
      payload: '{}',
    });
    expect(options.statusCode).toBe(200);
    expect(options.json<{ challenge: string }>().challenge).toMatch(/^[A-Za-z0-9_-]+$/);
    const forged = await app.inject({
      method: 'POST',
      url: '/staff/sign-in/passkey',
      headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
      payload: JSON.stringify({ id: 'nope', rawId: 'nope', type: 'public-key', response: {} }),
    });
    expect(forged.statusCode).toBe(401);
    expect(staffCookie(forged)).toBeUndefined();
  });

  it.skipIf(!available)(
    'ends sessions when idle, at their absolute limit and on sign-out',
    async () => {
      const session = async () => {
        const res = await post('/staff/sign-in/code', {
          login: 'ann',
          code: await nextCode(admin.login, admin.key),
        });
        expect(res.statusCode).toBe(303);
        return staffCookie(res)!;
      };
      const idle = await session();
      expect((await get('/staff', idle)).statusCode).toBe(200);
      await database.db
        .updateTable('staff_sessions')
        .set({ last_seen_at: sql<Date>`now() - interval '31 minutes'` })
        .execute();
      expect((await get('/staff', idle)).statusCode).toBe(303);
      const old = await session();
      await database.db
        .updateTable('staff_sessions')
        .set({ expires_at: new Date(Date.now() - 1000) })
        .execute();
      expect((await get('/staff', old)).statusCode).toBe(303);
      const fresh = await session();
      const home = await get('/staff', fresh);
      const out = await post(
        '/staff/sign-out',
        { csrf: hidden(home.body, 'csrf') },
        { cookie: fresh },
      );
      expect(out.statusCode).toBe(303);
      expect((await get('/staff', fresh)).statusCode).toBe(303);
      // Sessions are per person: the refreshed admin and editor cookies from before are gone too
      // (the updates above ended them), so sign them in again for any later test.
      editor.cookie = await (async () => {
        const res = await post('/staff/sign-in/code', {
          login: 'eddie',
          code: await nextCode(editor.login, editor.key),
        });
        return staffCookie(res)!;
      })();
    },
  );

  it.skipIf(!available)(
    'keeps staff and vault apart: no /api route for the staff cookie, no staff page for the vault cookie',
    async () => {
      const vault = new VaultClient(app, 'vaultperson1');
      expect((await vault.signUp()).statusCode).toBe(201);
      expect(vault.cookie).toBeDefined();
      // The vault's cookie on every staff page: treated as signed out.
      for (const url of [
        '/staff',
        '/staff/members',
        '/staff/audit',
        `/staff/events/${eventId}/bookings.csv`,
      ]) {
        const res = await get(url, vault.cookie);
        expect(res.statusCode).toBe(303);
        expect(res.headers.location).toBe('/staff/sign-in');
      }
      const write = await post('/staff/events/new', eventFields('x', 'from-vault'), {
        cookie: vault.cookie!,
      });
      expect(write.statusCode).toBe(303);
      // The staff cookie on every API route: no vault data, whatever the route.
      const doc = (await get('/api/openapi.json')).json<{ paths: Record<string, object> }>();
      const open = new Set([
        'POST /api/accounts',
        'POST /api/sessions/challenge',
        'POST /api/sessions',
        'POST /api/recovery/challenge',
        'POST /api/recovery/complete',
      ]);
      let checked = 0;
      for (const [route, ops] of Object.entries(doc.paths)) {
        for (const method of Object.keys(ops).map((m) => m.toUpperCase())) {
          const url = route.replace(/\{[^}]+\}/g, 'AAAAAAAAAAAAAAAAAAAAAA');
          const res = await app.inject({
            method: method as 'GET',
            url,
            ...(method === 'GET' || method === 'DELETE'
              ? { headers: { cookie: editor.cookie } }
              : {
                  headers: { cookie: editor.cookie, 'content-type': 'application/json' },
                  payload: '{}',
                }),
          });
          checked += 1;
          // Public by design: the receipt log, upload limits, and signing out (a no-op without a
          // vault session).
          if (
            route.startsWith('/api/log/') ||
            route === '/api/uploads/limits' ||
            `${method} ${route}` === 'DELETE /api/sessions/current'
          ) {
            continue;
          }
          expect(res.statusCode, `${method} ${route}`).toBeGreaterThanOrEqual(400);
          if (
            !open.has(`${method} ${route}`) &&
            !route.startsWith('/api/witness/invitations/{id}/')
          ) {
            expect([400, 401, 403, 404], `${method} ${route}`).toContain(res.statusCode);
          }
        }
      }
      expect(checked).toBeGreaterThan(40);
      for (const url of ['/api/account', '/api/records', '/api/sessions', '/api/shares']) {
        const res = await get(url, editor.cookie);
        expect(res.statusCode).toBe(401);
        expect(res.json<{ error: { code: string } }>().error.code).toBe('not_signed_in');
      }
      // No staff table refers to another table but staff ones, and nothing refers to them.
      const keys = await sql<{ from_table: string; to_table: string }>`
        select cl.relname as from_table, ref.relname as to_table
        from pg_constraint c
        join pg_class cl on cl.oid = c.conrelid
        join pg_class ref on ref.oid = c.confrelid
        where c.contype = 'f'`.execute(database.db);
      const touching = keys.rows.filter(
        (r) => r.from_table.startsWith('staff_') || r.to_table.startsWith('staff_'),
      );
      expect(touching.length).toBeGreaterThan(0);
      for (const r of touching) {
        expect(r.from_table.startsWith('staff_') && r.to_table.startsWith('staff_')).toBe(true);
      }
    },
  );
});
