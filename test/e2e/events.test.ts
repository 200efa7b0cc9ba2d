/**
 * Training and events in Chromium with JavaScript turned off: a practitioner finds a course,
 * books a place (after one mistake in the form), gets the confirmation and downloads the .ics,
 * whose time an iCalendar parser reads back as the course's. Every page has zero axe
 * violations, in English and Welsh, at phone size and on a desktop; nothing is loaded from
 * another site and no cookie is set. EVENTS_SCREENSHOTS=folder keeps screenshots to look at.
 */
import { mkdir, readFile } from 'node:fs/promises';
import ICAL from 'ical.js';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAGE_BUDGET_BYTES } from '../../bench/page-weight.js';
import {
  axeViolations,
  pageBytes,
  DESKTOP,
  HAVE_CHROMIUM,
  launchChromium,
  PHONE,
  startLiveServer,
  watchedContext,
  type LiveServer,
} from '../support/browser.js';

const SHOTS = process.env.EVENTS_SCREENSHOTS;

describe.skipIf(!HAVE_CHROMIUM)('training and events in Chromium', () => {
  let server: LiveServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startLiveServer();
    browser = await launchChromium();
    if (SHOTS) await mkdir(SHOTS, { recursive: true });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** axe needs JavaScript in the page, so it runs only where JavaScript is on. */
  async function check(page: Page, name: string, axe = true): Promise<void> {
    if (axe) {
      const violations = await axeViolations(page);
      expect(violations, `${name}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
    }
    // Nothing is wider than the screen.
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow, name).toBeLessThanOrEqual(0);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  }

  async function bookTheCourse(javaScript: boolean, email: string, placesLeft: number) {
    const { context, requests } = await watchedContext(browser, server, {
      javaScriptEnabled: javaScript,
      viewport: PHONE,
    });
    const tag = javaScript ? 'js' : 'nojs';
    const page = await context.newPage();
    await page.goto(`${server.origin}/`);
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Training and events' })
      .click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Training and events');
    await check(page, `events-phone-${tag}`, javaScript);

    // The filter is a plain GET form.
    await page.getByLabel('What kind?').selectOption('course');
    await page.getByRole('button', { name: 'Show events' }).click();
    expect(page.url()).toContain('type=course');
    await check(page, `events-filtered-phone-${tag}`, javaScript);
    await page.getByRole('link', { name: 'Course: Recognising stalking and harassment' }).click();
    expect(await page.locator('dl').textContent()).toContain(
      'Tuesday, 30 March 2027, 09:30 to 16:00 (BST)',
    );
    await check(page, `event-phone-${tag}`, javaScript);

    await page.getByRole('link', { name: 'Book a place' }).click();
    await check(page, `booking-form-phone-${tag}`, javaScript);
    await page.getByLabel('Your name').fill('Sam Practitioner');
    await page.getByLabel('Email address').fill('sam@example');
    await page.getByLabel('Organisation').fill('Example Housing');
    await page.getByLabel('Your role').fill('Housing officer');
    await page.getByRole('button', { name: 'Book my place' }).click();
    // One mistake: the error summary names it and links to the field; the answers stay.
    expect(await page.getByRole('alert').textContent()).toContain(
      'Enter an email address like name@example.org',
    );
    expect(await page.getByLabel('Your name').inputValue()).toBe('Sam Practitioner');
    expect(await page.title()).toMatch(/^There is a problem: /);
    await check(page, `booking-error-phone-${tag}`, javaScript);
    await page.getByRole('link', { name: 'Enter an email address like name@example.org' }).click();
    expect(page.url()).toContain('#booking-email');
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Access or dietary needs (optional)').fill('Vegetarian lunch, please');
    await page.getByLabel('You may email me about this event, for example if it changes.').check();
    await page.getByRole('button', { name: 'Book my place' }).click();

    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      'Your place is booked',
    );
    expect(page.url()).toMatch(/\/booking\/[A-Za-z0-9_-]{43}$/);
    expect(await page.locator('main').textContent()).toContain(`${placesLeft} of 24 places left`);
    expect(await page.locator('main').textContent()).toContain('Vegetarian lunch, please');
    await check(page, `booking-confirmed-phone-${tag}`, javaScript);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Add to your calendar (.ics file)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('recognising-stalking-course.ics');
    const ics = await readFile(await download.path(), 'utf8');
    const calendar = new ICAL.Component(ICAL.parse(ics) as unknown[]);
    for (const zone of calendar.getAllSubcomponents('vtimezone')) {
      ICAL.TimezoneService.register(new ICAL.Timezone(zone));
    }
    const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
    expect(event.summary).toBe('Course: Recognising stalking and harassment');
    expect(event.startDate.toJSDate().toISOString()).toBe('2027-03-30T08:30:00.000Z');

    expect(requests.filter((u) => !u.startsWith(server.origin))).toEqual([]);
    expect(await context.cookies()).toEqual([]);
    await context.close();
  }

  it('lets a practitioner book a course with JavaScript off and download the .ics', async () => {
    await bookTheCourse(false, 'sam@example.org', 23);
  }, 300_000);

  it('books the same way with JavaScript on, with zero axe violations on every step', async () => {
    await bookTheCourse(true, 'alex@example.org', 22);
  }, 300_000);

  it('shows news and events in Welsh and on a desktop with no axe violations', async () => {
    for (const [viewport, size] of [
      [DESKTOP, 'desktop'],
      [PHONE, 'phone'],
    ] as const) {
      const { context } = await watchedContext(browser, server, { viewport });
      const page = await context.newPage();
      for (const [path, name] of (size === 'desktop'
        ? [
            ['/news', 'news'],
            ['/news/training-dates-2027', 'article'],
            ['/events', 'events'],
            ['/events/practitioner-conference-2027', 'event-external-booking'],
          ]
        : [
            ['/cy/news/ten-year-maximum', 'article-english-only-cy'],
            ['/cy/events?when=past', 'events-past-cy'],
            ['/cy/events/recognising-stalking-course/book', 'booking-form-cy'],
          ]) as [string, string][]) {
        const response = await page.goto(server.origin + path);
        expect(response?.status(), path).toBe(200);
        await check(page, `${name}-${size}`);
        if (size === 'desktop') {
          expect(await pageBytes(page, server.origin + path), path).toBeLessThanOrEqual(
            PAGE_BUDGET_BYTES,
          );
        }
      }
      await context.close();
    }
  }, 300_000);
});
