/**
 * The staff area's preview, scheduling and account management, through the real app on both
 * engines. The app's clock is injected, so "before" and "after" a scheduled time are two clock
 * values, not a wait. Removing a person refuses their session on its very next request; an
 * editor cannot manage staff; the authenticator-app page shows a QR code with the key.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config.js';
import { listAudit } from '../../src/server/db/repositories/staff.js';
import { ENGINES, freshDatabase, type TestDatabase } from '../support/databases.js';
import { staffClient, TEST_SETUP_TOKEN, type Staff } from '../support/staff-client.js';

describe.each(ENGINES)('staff preview, scheduling and accounts on $name', ({ name, available }) => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let client: ReturnType<typeof staffClient>;
  let admin: Staff;
  let editor: Staff;
  let newsId: string;
  // Winter (GMT): 2030-01-10. The item is scheduled across the spring clock change below.
  let now = new Date('2030-03-30T12:00:00Z');

  beforeAll(async () => {
    if (!available) return;
    const config = await loadConfig({
      LOG_LEVEL: 'silent',
      STAFF_SETUP_TOKEN: TEST_SETUP_TOKEN,
      PUBLIC_URL: 'https://support.example.org',
    });
    database = await freshDatabase(name);
    app = await buildApp({ config, database, clock: () => now }, { logger: false });
    await app.ready();
    client = staffClient(app, database.db);
    admin = await client.administrator();
    editor = await client.invite(admin, 'eddie');
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const news = {
    slug: 'spring-briefing',
    title_en: 'Spring briefing',
    summary_en: 'What changes this spring.',
    body_en: 'Read **this** first.',
    title_cy: '',
    summary_cy: '',
    body_cy: '',
  };

  it.skipIf(!available)('previews a draft with the public template, for staff only', async () => {
    const made = await client.post(
      '/staff/news/new',
      { csrf: editor.csrf, ...news },
      editor.cookie,
    );
    expect(made.statusCode).toBe(303);
    newsId = /\/staff\/news\/([0-9a-f-]{36})/.exec(made.headers.location as string)![1]!;
    const preview = await client.get(`/staff/news/${newsId}/preview?lang=en`, editor.cookie);
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('data-preview');
    expect(preview.body).toContain('<strong>this</strong>');
    expect(preview.headers['cache-control']).toBe('no-store');
    expect(preview.headers['x-robots-tag']).toBe('noindex');
    // Not public: no session, no preview; the public page does not have it.
    expect((await client.get(`/staff/news/${newsId}/preview?lang=en`)).statusCode).toBe(303);
    expect((await client.get('/news/spring-briefing')).statusCode).toBe(404);
    // Not written in Welsh: nothing to preview.
    expect(
      (await client.get(`/staff/news/${newsId}/preview?lang=cy`, editor.cookie)).statusCode,
    ).toBe(404);
  });

  it.skipIf(!available)(
    'shows a scheduled item only from its time, in the organisation’s zone across a clock change',
    async () => {
      const bad = await client.post(
        `/staff/news/${newsId}/publish`,
        { csrf: editor.csrf, at: 'next tuesday' },
        editor.cookie,
      );
      expect(bad.statusCode).toBe(400);
      expect(client.codes(bad.body)).toContain('date_invalid');
      // 31 March 2030, 09:00 in London: after the clocks go forward (BST), so 08:00 UTC.
      const scheduled = await client.post(
        `/staff/news/${newsId}/publish`,
        { csrf: editor.csrf, at: '2030-03-31T09:00' },
        editor.cookie,
      );
      expect(scheduled.headers.location).toBe(`/staff/news/${newsId}?done=scheduled`);
      const row = await database.db
        .selectFrom('news_articles')
        .select('published_at')
        .where('id', '=', newsId)
        .executeTakeFirstOrThrow();
      expect(new Date(row.published_at).toISOString()).toBe('2030-03-31T08:00:00.000Z');
      const page = await client.get(`/staff/news/${newsId}`, editor.cookie);
      expect(page.body).toContain('data-status="scheduled"');
      now = new Date('2030-03-31T07:59:59Z');
      expect((await client.get('/news/spring-briefing')).statusCode).toBe(404);
      expect((await client.get('/news')).body).not.toContain('Spring briefing');
      expect((await client.get('/news/feed.atom')).body).not.toContain('Spring briefing');
      now = new Date('2030-03-31T08:00:00Z');
      expect((await client.get('/news/spring-briefing')).statusCode).toBe(200);
      const feed = await client.get('/news/feed.atom');
      expect(feed.body).toContain('Spring briefing');
      // Feed addresses come from PUBLIC_URL, not from the request's Host header.
      expect(feed.body).toContain('https://support.example.org/news/spring-briefing');
      expect(feed.body).not.toContain('localhost');
      const off = await client.post(
        `/staff/news/${newsId}/unpublish`,
        { csrf: editor.csrf },
        editor.cookie,
      );
      expect(off.headers.location).toBe(`/staff/news/${newsId}?done=unpublished`);
      expect((await client.get('/news/spring-briefing')).statusCode).toBe(404);
      const actions = (await listAudit(database.db, 50)).map((e) => e.action);
      expect(actions).toEqual(expect.arrayContaining(['news.schedule', 'news.unpublish']));
    },
  );

  it.skipIf(!available)('shows the authenticator key as a QR code and as text', async () => {
    const res = await client.post(
      '/staff/members',
      { csrf: admin.csrf, login: 'quinn', name: 'Quinn', role: 'editor' },
      admin.cookie,
    );
    const link = /https:\/\/support\.example\.org(\/staff\/join\/[A-Za-z0-9_-]{43})/.exec(res.body);
    expect(link).not.toBeNull();
    const join = await client.get(link![1]!);
    expect(join.body).toContain('data-totp-qr');
    expect(join.body).toMatch(/<path d="M\d/);
    expect(join.body).toContain('class="staff-key"');
  });

  it.skipIf(!available)('lets only administrators manage staff accounts', async () => {
    for (const url of ['/staff/members/eddie', '/staff/members/ann']) {
      expect((await client.get(url, editor.cookie)).statusCode).toBe(403);
    }
    const tried = await client.post(
      '/staff/members/ann/remove',
      { csrf: editor.csrf },
      editor.cookie,
    );
    expect(tried.statusCode).toBe(403);
    const self = await client.post('/staff/members/ann/remove', { csrf: admin.csrf }, admin.cookie);
    expect(self.body).toContain('You cannot remove your own account');
    expect((await client.get('/staff', admin.cookie)).statusCode).toBe(200);
  });

  it.skipIf(!available)('resets codes: the person is signed out and gets a new link', async () => {
    editor = await client.signIn(editor);
    const reset = await client.post(
      '/staff/members/eddie/reset-codes',
      { csrf: admin.csrf },
      admin.cookie,
    );
    expect(reset.statusCode).toBe(200);
    expect(reset.body).toMatch(/https:\/\/support\.example\.org\/staff\/join\/[A-Za-z0-9_-]{43}/);
    expect((await client.get('/staff', editor.cookie)).headers.location).toBe('/staff/sign-in');
    const member = await database.db
      .selectFrom('staff_members')
      .select('totp_secret')
      .where('login', '=', 'eddie')
      .executeTakeFirstOrThrow();
    expect(member.totp_secret).toBeNull();
    // The new link sets the person up again.
    const path = /\/staff\/join\/[A-Za-z0-9_-]{43}/.exec(reset.body)![0];
    const page = await client.get(path);
    expect(page.statusCode).toBe(200);
  });

  it.skipIf(!available)('removes a person: their session is refused at once', async () => {
    const victim = await client.invite(admin, 'rita');
    expect((await client.get('/staff', victim.cookie)).statusCode).toBe(200);
    const gone = await client.post(
      '/staff/members/rita/remove',
      { csrf: admin.csrf },
      admin.cookie,
    );
    expect(gone.statusCode).toBe(303);
    expect(gone.headers.location).toBe('/staff/members?removed=rita');
    // The very next request, with the cookie still in hand, is refused.
    const next = await client.get('/staff', victim.cookie);
    expect(next.statusCode).toBe(303);
    expect(next.headers.location).toBe('/staff/sign-in');
    const write = await client.post(
      '/staff/news/new',
      { csrf: victim.csrf, ...news, slug: 'by-rita' },
      victim.cookie,
    );
    expect(write.statusCode).toBe(303);
    expect(write.headers.location).toBe('/staff/sign-in');
    const sessions = await database.db.selectFrom('staff_sessions').selectAll().execute();
    expect(sessions.every((s) => s.member_id !== undefined)).toBe(true);
    const audit = await listAudit(database.db, 50);
    expect(audit.map((e) => `${e.action} ${e.target}`)).toEqual(
      expect.arrayContaining(['member.remove member:rita', 'member.code.reset member:eddie']),
    );
    // The audit rows of the person stay after the account goes.
    expect(audit.some((e) => e.memberLogin === 'rita')).toBe(true);
  });
});
