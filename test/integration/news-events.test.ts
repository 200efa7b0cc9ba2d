/**
 * News, training and events, and booking, through the real app on both engines: the seed from
 * content files (once, and staff changes win), pages and paging, the filters, the Atom feed and
 * iCalendar files read back by real parsers (saxes, ical.js) with times checked on both sides of
 * a clock change, booking with its validation codes, CSRF checks and rate limit, many people
 * booking the last places at once, cancellation, retention deletion, and no booking answer in any
 * log line.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import ICAL from 'ical.js';
import { SaxesParser } from 'saxes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { loadConfig, type Config } from '../../src/server/config.js';
import { loadNewsAndEvents } from '../../src/server/content/load-news-events.js';
import { insertBooking, type EventInput } from '../../src/server/db/repositories/events.js';
import type { NewsInput } from '../../src/server/db/repositories/news.js';
import {
  changeNews,
  createEvent,
  createNews,
  publishNews,
  seedNewsAndEvents,
  sweepBookings,
  unpublishNews,
  unpublishEvent,
  publishEvent,
} from '../../src/server/services/news-events.js';
import { LIMITS } from '../../src/server/auth/limits.js';
import { ENGINES, freshDatabase, type TestDatabase } from '../support/databases.js';

/** Answers nobody else would write: if one shows up in a log line, the log leaked it. */
const CANARY_NAME = 'Canaryname Qx7v';
const CANARY_EMAIL = 'canary.q7x@example.org';
const CANARY_NEEDS = 'canary-needs-9k2';

const DAY = 24 * 3600_000;

function eventInput(slug: string, overrides: Partial<EventInput> = {}): EventInput {
  const startsAt = overrides.startsAt ?? new Date(Date.now() + 10 * DAY);
  return {
    slug,
    status: 'published',
    publishedAt: new Date(Date.now() - DAY),
    kind: 'course',
    audience: 'practitioners',
    mode: 'in-person',
    startsAt,
    endsAt: new Date(startsAt.getTime() + 2 * 3600_000),
    timeZone: 'Europe/London',
    costPence: 0,
    capacity: 10,
    booking: 'form',
    bookingUrl: undefined,
    origin: 'staff',
    texts: {
      en: { title: `Event ${slug}`, summary: 'A test event.', body: 'Body.', venue: 'Room 1' },
    },
    ...overrides,
  };
}

function newsInput(slug: string, publishedAt: Date, overrides: Partial<NewsInput> = {}): NewsInput {
  return {
    slug,
    status: 'published',
    publishedAt,
    image: undefined,
    origin: 'staff',
    texts: {
      en: { title: `News ${slug}`, summary: 'Summary.', body: 'Body.', imageAlt: undefined },
    },
    ...overrides,
  };
}

/** The hidden form token and the form's action from a booking page. */
function formOf(html: string): { token: string; action: string } {
  const token = /<input type="hidden" name="form" value="([^"]+)"/.exec(html)?.[1];
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
  if (token === undefined || action === undefined) throw new Error('no booking form on the page');
  return { token, action };
}

function codes(html: string): string[] {
  return [...html.matchAll(/data-code="([a-z_]+)"/g)].map((m) => m[1]!);
}

/** Entries of an Atom document, read with a real XML parser. */
function atomEntries(xml: string): { title: string; id: string; updated: string }[] {
  const parser = new SaxesParser({ xmlns: true });
  const entries: { title: string; id: string; updated: string }[] = [];
  const stack: string[] = [];
  let current: Record<string, string> | undefined;
  let root = '';
  parser.on('opentag', (tag) => {
    if (stack.length === 0) root = `${tag.uri} ${tag.local}`;
    stack.push(tag.local);
    if (tag.local === 'entry') current = {};
  });
  const text = (t: string) => {
    const name = stack[stack.length - 1];
    if (current && stack[stack.length - 2] === 'entry' && name) {
      current[name] = (current[name] ?? '') + t;
    }
  };
  parser.on('text', text);
  parser.on('cdata', text);
  parser.on('closetag', (tag) => {
    stack.pop();
    if (tag.local === 'entry' && current) {
      entries.push({
        title: current.title ?? '',
        id: current.id ?? '',
        updated: current.updated ?? '',
      });
      current = undefined;
    }
  });
  parser.write(xml).close();
  expect(root).toBe('http://www.w3.org/2005/Atom feed');
  return entries;
}

/** The events of an iCalendar file as ical.js reads them, zones taken from its VTIMEZONEs. */
function calendarEvents(
  text: string,
): { uid: string; summary: string; start: Date; end: Date; tzid: string }[] {
  const calendar = new ICAL.Component(ICAL.parse(text) as unknown[]);
  for (const zone of calendar.getAllSubcomponents('vtimezone')) {
    ICAL.TimezoneService.register(new ICAL.Timezone(zone));
  }
  return calendar.getAllSubcomponents('vevent').map((component) => {
    const event = new ICAL.Event(component);
    return {
      uid: event.uid,
      summary: event.summary,
      start: event.startDate.toJSDate(),
      end: event.endDate.toJSDate(),
      tzid: String(component.getFirstProperty('dtstart')?.getParameter('tzid') ?? ''),
    };
  });
}

describe.each(ENGINES)('news and events on $name', ({ name, available }) => {
  let app: FastifyInstance;
  let database: TestDatabase;
  let config: Config;
  let dataDir: string;
  const logLines: string[] = [];

  beforeAll(async () => {
    if (!available) return;
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'mosaic-events-'));
    config = await loadConfig({ LOG_LEVEL: 'debug', DATA_DIR: dataDir });
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

  const get = (url: string) => app.inject({ method: 'GET', url });
  const book = (
    action: string,
    fields: Record<string, string>,
    options: { headers?: Record<string, string>; address?: string } = {},
  ): Promise<LightMyRequestResponse> =>
    app.inject({
      method: 'POST',
      url: action,
      remoteAddress: options.address ?? '192.0.2.10',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'sec-fetch-site': 'same-origin',
        ...options.headers,
      },
      payload: new URLSearchParams(fields).toString(),
    });
  const answers = (email: string) => ({
    name: 'Ann Practitioner',
    email,
    organisation: 'Example Council',
    role: 'Housing officer',
    needs: '',
    consent: 'yes',
  });
  const bookingCount = async (eventId?: string) => {
    let q = database.db.selectFrom('bookings').select((eb) => eb.fn.countAll<string>().as('n'));
    if (eventId) q = q.where('event_id', '=', eventId);
    return Number((await q.executeTakeFirstOrThrow()).n);
  };
  const placesTaken = async (id: string) =>
    (
      await database.db
        .selectFrom('events')
        .select('places_taken')
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    ).places_taken;

  it.skipIf(!available)(
    'loads the file items once, and staff changes win over the files',
    async () => {
      const list = await get('/news');
      expect(list.statusCode).toBe(200);
      expect(list.body).toContain('New training dates for 2027');
      expect(list.headers['set-cookie']).toBeUndefined();
      const files = await loadNewsAndEvents(config.contentDir, ['en', 'cy'], 'Europe/London');
      expect(files.news.length).toBeGreaterThanOrEqual(3);
      const row = await database.db
        .selectFrom('news_articles')
        .select('id')
        .where('slug', '=', 'training-dates-2027')
        .executeTakeFirstOrThrow();
      await changeNews(database.db, row.id, {
        ...files.news.find((n) => n.slug === 'training-dates-2027')!,
        texts: {
          en: { title: 'Changed by staff', summary: 'S.', body: 'B.', imageAlt: undefined },
        },
      });
      // A restart loads the files again: nothing is added and the staff change stays.
      expect(await seedNewsAndEvents(database.db, files)).toBe(0);
      const after = await get('/news/training-dates-2027');
      expect(after.body).toContain('Changed by staff');
      // An item staff deleted is not brought back either.
      await database.db
        .deleteFrom('news_articles')
        .where('slug', '=', 'ten-year-maximum')
        .execute();
      expect(await seedNewsAndEvents(database.db, files)).toBe(0);
      expect((await get('/news/ten-year-maximum')).statusCode).toBe(404);
    },
  );

  it.skipIf(!available)(
    'lists news newest first, ten to a page; drafts and scheduled items stay hidden',
    async () => {
      // paged-00 is the newest, a minute apart, all newer than the seeded articles.
      const base = Date.now() - 3600_000;
      for (let i = 11; i >= 0; i--) {
        await createNews(
          database.db,
          newsInput(`paged-${String(i).padStart(2, '0')}`, new Date(base - i * 60_000)),
        );
      }
      const scheduled = await createNews(
        database.db,
        newsInput('scheduled', new Date(Date.now() + 30 * DAY)),
      );
      const draft = await createNews(
        database.db,
        newsInput('draft-one', new Date(Date.now() - DAY), { status: 'draft' }),
      );
      const first = await get('/news');
      const order = [
        ...first.body.matchAll(/<h2 class="item__title"><a href="\/news\/([a-z0-9-]+)"/g),
      ].map((m) => m[1]);
      expect(order).toEqual(
        Array.from({ length: 10 }, (_, i) => `paged-${String(i).padStart(2, '0')}`),
      );
      expect(first.body).toContain('href="/news?page=2"');
      const second = await get('/news?page=2');
      expect(second.body).toContain('/news/paged-10"');
      expect(second.body).toContain('/news/paged-11"');
      expect(second.body).toContain('/news/training-dates-2027"');
      expect(second.body).not.toContain('/news/scheduled"');
      expect(second.body).not.toContain('/news/draft-one"');
      expect((await get('/news/scheduled')).statusCode).toBe(404);
      expect((await get('/news?page=99')).statusCode).toBe(404);
      // Publishing now shows the draft at once (read from the database, no restart).
      await publishNews(database.db, draft);
      expect((await get('/news/draft-one')).statusCode).toBe(200);
      await unpublishNews(database.db, draft);
      expect((await get('/news/draft-one')).statusCode).toBe(404);
      await publishNews(database.db, scheduled);
      expect((await get('/news/scheduled')).statusCode).toBe(200);
    },
  );

  it.skipIf(!available)(
    'renders an article as Markdown with HTML switched off, with its image and alt text',
    async () => {
      await createNews(
        database.db,
        newsInput('markup', new Date(Date.now() - DAY), {
          image: 'training-calendar.svg',
          texts: {
            en: {
              title: 'Markup test',
              summary: 'S.',
              body: '<script>alert(1)</script>\n\n**bold** and <b>raw</b>',
              imageAlt: 'A calendar',
            },
          },
        }),
      );
      const res = await get('/news/markup');
      expect(res.body).toContain('<strong>bold</strong>');
      expect(res.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(res.body).not.toContain('<b>raw</b>');
      expect(res.body).toContain(
        '<img class="item__image" src="/media/training-calendar.svg" alt="A calendar"',
      );
      // A placeholder staff got wrong shows as written; the page never fails.
      await createNews(
        database.db,
        newsInput('bad-placeholder', new Date(Date.now() - DAY), {
          texts: {
            en: {
              title: 'T',
              summary: 'S.',
              body: 'Call {{helpline:nope}} now.',
              imageAlt: undefined,
            },
          },
        }),
      );
      const bad = await get('/news/bad-placeholder');
      expect(bad.statusCode).toBe(200);
      expect(bad.body).toContain('Call {{helpline:nope}} now.');
      const image = await get('/media/training-calendar.svg');
      expect(image.statusCode).toBe(200);
      expect(image.headers['content-type']).toBe('image/svg+xml');
    },
  );

  it.skipIf(!available)(
    'serves Welsh under /cy, and marks an item that exists in one language only',
    async () => {
      const cy = await get('/cy/news/stalking-protection-orders-explained');
      expect(cy.body).toContain('<html lang="cy"');
      expect(cy.body).toContain('<h1>Gorchmynion Diogelu rhag Stelcio, yn fyr</h1>');
      expect(cy.body).toContain('<article>');
      expect(cy.body).toContain(
        'href="/news/stalking-protection-orders-explained" hreflang="en-GB"',
      );
      const english = await createNews(
        database.db,
        newsInput('english-only', new Date(Date.now() - DAY)),
      );
      expect(english).toBeTruthy();
      const page = await get('/cy/news/english-only');
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('<article lang="en-GB"');
      expect(page.body).toContain('Mae hwn yn Saesneg yn unig.');
      const events = await get('/cy/events');
      expect(events.body).toContain('Cwrs: Adnabod stelcio ac aflonyddu');
      expect(events.body).toContain('href="/cy/events/recognising-stalking-course"');
    },
  );

  it.skipIf(!available)('gives an Atom feed per language that an XML parser reads', async () => {
    const res = await get('/news/feed.atom');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/atom+xml');
    const entries = atomEntries(res.body);
    const titles = entries.map((e) => e.title);
    expect(titles).toContain('Stalking Protection Orders, in short');
    expect(titles).not.toContain('News draft-one');
    // Newest first, each with an absolute id and an RFC 3339 time.
    const times = entries.map((e) => Date.parse(e.updated));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(entries.every((e) => /^http:\/\/localhost(:80)?\/news\/[a-z0-9-]+$/.test(e.id))).toBe(
      true,
    );
    // 14 October 2026 in London is BST: midnight there is 23:00 UTC the day before.
    const spo = entries.find((e) => e.title === 'Stalking Protection Orders, in short');
    expect(spo?.updated).toBe('2026-10-13T23:00:00.000Z');
    const cy = atomEntries((await get('/cy/news/feed.atom')).body).map((e) => e.title);
    expect(cy).toContain('Gorchmynion Diogelu rhag Stelcio, yn fyr');
    // Only items that exist in Welsh are in the Welsh feed.
    expect(cy).not.toContain('News english-only');
  });

  it.skipIf(!available)(
    'lists upcoming and past events and filters by audience, type and mode',
    async () => {
      const upcoming = await get('/events');
      expect(upcoming.body).toContain('/events/recognising-stalking-course"');
      expect(upcoming.body).not.toContain('/events/understanding-stalking-briefing-2026"');
      const past = await get('/events?when=past');
      expect(past.body).toContain('/events/understanding-stalking-briefing-2026"');
      expect(past.body).not.toContain('/events/recognising-stalking-course"');
      const publicOnly = await get('/events?for=public');
      expect(publicOnly.body).toContain('/events/keeping-a-record-evening"');
      expect(publicOnly.body).not.toContain('/events/recognising-stalking-course"');
      const conferences = await get('/events?type=conference');
      expect(conferences.body).toContain('/events/practitioner-conference-2027"');
      expect(conferences.body).not.toContain('/events/stalking-protection-orders-briefing"');
      const online = await get('/events?mode=online&for=practitioners');
      expect(online.body).toContain('/events/stalking-protection-orders-briefing"');
      expect(online.body).not.toContain('/events/keeping-a-record-evening"');
      expect(online.body).not.toContain('/events/practitioner-conference-2027"');
      // Unknown values count as "any"; they never fail the page.
      expect((await get('/events?for=%3Cscript%3E&type=x&mode=&page=abc')).statusCode).toBe(200);
      // An unpublished event disappears from the list at once.
      const id = await createEvent(database.db, eventInput('to-unpublish'));
      expect((await get('/events')).body).toContain('/events/to-unpublish"');
      await unpublishEvent(database.db, id);
      expect((await get('/events')).body).not.toContain('/events/to-unpublish"');
      expect((await get('/events/to-unpublish')).statusCode).toBe(404);
      await publishEvent(database.db, id);
      expect((await get('/events/to-unpublish')).statusCode).toBe(200);
    },
  );

  it.skipIf(!available)(
    'shows and exports times in the organisation’s zone on both sides of a clock change',
    async () => {
      // The clocks go forward in London at 01:00 UTC on Sunday 28 March 2027.
      await createEvent(
        database.db,
        eventInput('before-change', {
          startsAt: new Date('2027-03-27T10:00:00Z'), // 10:00 GMT
          endsAt: new Date('2027-03-27T11:00:00Z'),
        }),
      );
      await createEvent(
        database.db,
        eventInput('after-change', {
          startsAt: new Date('2027-03-30T09:00:00Z'), // 10:00 BST
          endsAt: new Date('2027-03-30T10:00:00Z'),
        }),
      );
      const before = await get('/events/before-change');
      expect(before.body).toContain('Saturday, 27 March 2027, 10:00 to 11:00 (GMT)');
      const after = await get('/events/after-change');
      expect(after.body).toContain('Tuesday, 30 March 2027, 10:00 to 11:00 (BST)');

      const one = await get('/events/after-change/calendar.ics');
      expect(one.headers['content-type']).toContain('text/calendar');
      expect(one.headers['content-disposition']).toBe('attachment; filename="after-change.ics"');
      expect(one.body).toContain('DTSTART;TZID=Europe/London:20270330T100000');
      const [parsed] = calendarEvents(one.body);
      expect(parsed?.tzid).toBe('Europe/London');
      expect(parsed?.start.toISOString()).toBe('2027-03-30T09:00:00.000Z');
      expect(parsed?.end.toISOString()).toBe('2027-03-30T10:00:00.000Z');

      const feed = calendarEvents((await get('/events/calendar.ics')).body);
      const bySummary = new Map(feed.map((e) => [e.summary, e]));
      expect(bySummary.get('Event before-change')?.start.toISOString()).toBe(
        '2027-03-27T10:00:00.000Z',
      );
      expect(bySummary.get('Event after-change')?.start.toISOString()).toBe(
        '2027-03-30T09:00:00.000Z',
      );
      // The seeded course, written as 09:30 in London on 30 March 2027 (BST).
      expect(
        bySummary.get('Course: Recognising stalking and harassment')?.start.toISOString(),
      ).toBe('2027-03-30T08:30:00.000Z');
      // And the conference, 28 October 2027, before the clocks go back on the 31st (BST).
      const conference = [...bySummary.values()].find((e) =>
        e.summary.startsWith('Stalking and harassment practitioner conference'),
      );
      expect(conference?.start.toISOString()).toBe('2027-10-28T08:00:00.000Z');
      // Welsh titles in the Welsh feed; UIDs stable across languages.
      const cy = calendarEvents((await get('/cy/events/calendar.ics')).body);
      expect(cy.map((e) => e.summary)).toContain('Cwrs: Adnabod stelcio ac aflonyddu');
      expect(new Set(cy.map((e) => e.uid))).toEqual(new Set(feed.map((e) => e.uid)));
    },
  );

  it.skipIf(!available)(
    'checks a booking form field by field, with stable codes, and stores nothing wrong',
    async () => {
      const id = await createEvent(database.db, eventInput('validation'));
      const form = formOf((await get('/events/validation/book')).body);
      const empty = await book(form.action, { form: form.token });
      expect(empty.statusCode).toBe(400);
      expect(codes(empty.body).sort()).toEqual(
        ['email_required', 'name_required', 'organisation_required', 'role_required'].sort(),
      );
      expect(empty.body).toContain('aria-invalid="true"');
      const badEmail = await book(form.action, { form: form.token, ...answers('not an email') });
      expect(codes(badEmail.body)).toEqual(['email_invalid']);
      // The answers come back in the form, escaped.
      const long = await book(form.action, {
        form: form.token,
        ...answers('a@example.org'),
        name: '<b>x</b>'.repeat(30),
        needs: 'n'.repeat(1001),
      });
      expect(codes(long.body).sort()).toEqual(['name_too_long', 'needs_too_long']);
      expect(long.body).toContain('&lt;b>x&lt;/b>');
      // No token, a token for another event, a forged one, an old one: form_expired.
      const other = formOf((await get('/events/recognising-stalking-course/book')).body);
      for (const token of [
        undefined,
        other.token,
        `${Math.floor(Date.now() / 1000)}.${'A'.repeat(43)}`,
        `1000.${'A'.repeat(43)}`,
      ]) {
        const res = await book(form.action, {
          ...(token ? { form: token } : {}),
          ...answers('b@example.org'),
        });
        expect(res.statusCode).toBe(400);
        expect(codes(res.body)).toEqual(['form_expired']);
      }
      // Another site's post: refused before anything is done.
      const cross = await book(
        form.action,
        { form: form.token, ...answers('c@example.org') },
        { headers: { 'sec-fetch-site': 'cross-site' } },
      );
      expect(cross.statusCode).toBe(403);
      const origin = await book(
        form.action,
        { form: form.token, ...answers('c@example.org') },
        { headers: { 'sec-fetch-site': '', origin: 'https://evil.example' } },
      );
      expect(origin.statusCode).toBe(403);
      expect(await bookingCount(id)).toBe(0);
      expect(await placesTaken(id)).toBe(0);
    },
  );

  it.skipIf(!available)(
    'books a place, shows the confirmation, refuses the same email twice and cancels',
    async () => {
      const id = await createEvent(database.db, eventInput('happy', { capacity: 5 }));
      const form = formOf((await get('/events/happy/book')).body);
      const res = await book(form.action, {
        form: form.token,
        ...answers(CANARY_EMAIL),
        name: CANARY_NAME,
        needs: CANARY_NEEDS,
      });
      expect(res.statusCode).toBe(303);
      expect(res.headers['set-cookie']).toBeUndefined();
      const location = String(res.headers.location);
      expect(location).toMatch(/^\/booking\/[A-Za-z0-9_-]{43}$/);
      const page = await get(location);
      expect(page.statusCode).toBe(200);
      expect(page.headers['cache-control']).toBe('no-store');
      expect(page.body).toContain(CANARY_NAME);
      expect(page.body).toContain('/events/happy/calendar.ics');
      expect(page.body).toContain('4 of 5 places left');
      expect(await placesTaken(id)).toBe(1);
      // The database holds the token only as its hash.
      const row = await database.db
        .selectFrom('bookings')
        .selectAll()
        .where('event_id', '=', id)
        .executeTakeFirstOrThrow();
      expect(row.token_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(location).not.toContain(row.token_hash);

      const again = await book(form.action, {
        form: form.token,
        ...answers(CANARY_EMAIL.toUpperCase()),
      });
      expect(again.statusCode).toBe(409);
      expect(codes(again.body)).toEqual(['already_booked']);
      expect(await placesTaken(id)).toBe(1);

      // Cancelling needs the page's own form token.
      const cancelForm = formOf(page.body);
      const forged = await book(cancelForm.action, { form: form.token, action: 'cancel' });
      expect(forged.statusCode).toBe(400);
      expect(await bookingCount(id)).toBe(1);
      const cancelled = await book(cancelForm.action, { form: cancelForm.token, action: 'cancel' });
      expect(cancelled.statusCode).toBe(200);
      expect(cancelled.body).toContain('Your place is cancelled');
      expect(await bookingCount(id)).toBe(0);
      expect(await placesTaken(id)).toBe(0);
      expect((await get(location)).statusCode).toBe(404);
      expect((await get('/booking/not-a-token')).statusCode).toBe(404);
    },
  );

  it.skipIf(!available)(
    'never overbooks when many people book the last places at once',
    async () => {
      for (const capacity of [1, 3]) {
        const slug = `last-place-${capacity}`;
        const id = await createEvent(database.db, eventInput(slug, { capacity }));
        const form = formOf((await get(`/events/${slug}/book`)).body);
        const attempts = 24;
        const results = await Promise.all(
          Array.from({ length: attempts }, (_, i) =>
            book(
              form.action,
              { form: form.token, ...answers(`person${i}@example.org`) },
              { address: `198.51.100.${i + 1}` },
            ),
          ),
        );
        const statuses = results.map((r) => r.statusCode);
        expect(statuses.filter((s) => s === 303)).toHaveLength(capacity);
        expect(statuses.filter((s) => s === 409)).toHaveLength(attempts - capacity);
        for (const r of results.filter((x) => x.statusCode === 409))
          expect(codes(r.body)).toEqual(['event_full']);
        expect(await bookingCount(id)).toBe(capacity);
        expect(await placesTaken(id)).toBe(capacity);
        const page = await get(`/events/${slug}`);
        expect(page.body).toContain('Fully booked');
        expect(page.body).not.toContain(`/events/${slug}/book"`);
      }
    },
  );

  it.skipIf(!available)('limits booking attempts per address', async () => {
    await createEvent(database.db, eventInput('limited', { capacity: 100 }));
    const form = formOf((await get('/events/limited/book')).body);
    const address = '203.0.113.77';
    for (let i = 0; i < LIMITS.bookingPerAddress.max; i++) {
      const res = await book(
        form.action,
        { form: form.token, ...answers(`limit${i}@example.org`) },
        { address },
      );
      expect(res.statusCode).toBe(303);
    }
    const refused = await book(
      form.action,
      { form: form.token, ...answers('limit-last@example.org') },
      { address },
    );
    expect(refused.statusCode).toBe(429);
    expect(codes(refused.body)).toEqual(['rate_limited']);
    // Another address is not affected.
    const other = await book(
      form.action,
      { form: form.token, ...answers('other@example.org') },
      { address: '203.0.113.78' },
    );
    expect(other.statusCode).toBe(303);
  });

  it.skipIf(!available)(
    'deletes bookings a set number of days after their event, at start and in the sweep',
    async () => {
      const now = Date.now();
      const ended = async (slug: string, daysAgo: number) => {
        const id = await createEvent(
          database.db,
          eventInput(slug, {
            startsAt: new Date(now - daysAgo * DAY - 3600_000),
            endsAt: new Date(now - daysAgo * DAY),
          }),
        );
        await insertBooking(database.db, {
          id: crypto.randomUUID(),
          eventId: id,
          tokenHash: crypto.randomUUID().replaceAll('-', '').padEnd(64, '0'),
          locale: 'en',
          answers: {
            name: 'N',
            email: `${slug}@example.org`,
            organisation: 'O',
            role: 'R',
            needs: '',
            consent: false,
          },
        });
        return id;
      };
      const old = await ended('ended-31-days', 31);
      const recent = await ended('ended-29-days', 29);
      const upcoming = await createEvent(database.db, eventInput('retention-upcoming'));
      const form = formOf((await get('/events/retention-upcoming/book')).body);
      expect(
        (
          await book(
            form.action,
            { form: form.token, ...answers('keep@example.org') },
            { address: '192.0.2.200' },
          )
        ).statusCode,
      ).toBe(303);

      expect(await sweepBookings(database.db, 30)).toBe(1);
      expect(await bookingCount(old)).toBe(0);
      expect(await bookingCount(recent)).toBe(1);
      expect(await bookingCount(upcoming)).toBe(1);

      // A server started with BOOKING_RETENTION_DAYS=10 deletes the 29-day-old one as it starts.
      const shorter = await loadConfig({
        LOG_LEVEL: 'silent',
        DATA_DIR: dataDir,
        BOOKING_RETENTION_DAYS: '10',
      });
      expect(shorter.bookings.retentionDays).toBe(10);
      const second = await buildApp({
        config: shorter,
        database: { ...database, close: async () => {} },
      });
      await second.ready();
      await second.close();
      expect(await bookingCount(recent)).toBe(0);
      expect(await bookingCount(upcoming)).toBe(1);
      await expect(loadConfig({ BOOKING_RETENTION_DAYS: '0' })).rejects.toThrow(
        /BOOKING_RETENTION_DAYS/,
      );
      await expect(loadConfig({ BOOKING_RETENTION_DAYS: 'soon' })).rejects.toThrow(
        /BOOKING_RETENTION_DAYS/,
      );
    },
  );

  it.skipIf(!available)('says on the privacy page how long bookings are kept', async () => {
    expect((await get('/privacy')).body).toContain('30 days after the event');
    expect((await get('/cy/privacy')).body).toContain('30 diwrnod ar ôl y digwyddiad');
  });

  it.skipIf(!available)('keeps every booking answer out of the logs', () => {
    const all = logLines.join('\n');
    expect(all).toContain('/events/:slug/book');
    for (const secret of [CANARY_NAME, CANARY_EMAIL, CANARY_NEEDS, 'canary']) {
      expect(all).not.toContain(secret);
    }
    expect(all).not.toMatch(/\/booking\/[A-Za-z0-9_-]{43}/);
  });
});
