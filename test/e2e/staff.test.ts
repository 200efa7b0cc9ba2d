/**
 * The staff area in Chromium, with passkeys from the DevTools protocol's virtual authenticator
 * (WebAuthn.enable, WebAuthn.addVirtualAuthenticator): the first administrator sets up the area
 * with STAFF_SETUP_TOKEN, makes a passkey, signs out and back in with it, and adds an editor;
 * the editor joins with the invitation link on a phone, makes a passkey, adds an English and
 * Welsh event and publishes it; a practitioner books it with JavaScript off (with a name a
 * spreadsheet would run as a formula); the editor downloads the bookings CSV and finds it
 * neutralised. Every staff page has zero axe violations, at phone size and on a desktop.
 * STAFF_SCREENSHOTS=folder keeps screenshots to look at.
 */
import { mkdir, readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/domain/csv.js';
import {
  axeViolations,
  DESKTOP,
  HAVE_CHROMIUM,
  launchChromium,
  PHONE,
  startLiveServer,
  watchedContext,
  type LiveServer,
} from '../support/browser.js';

const SHOTS = process.env.STAFF_SCREENSHOTS;
const SETUP_TOKEN = 'e2e-setup-token-4f7c1d2a9b8e';

describe.skipIf(!HAVE_CHROMIUM)('the staff area in Chromium', () => {
  let server: LiveServer;
  let browser: Browser;
  /** WebAuthn needs a domain, not an IP address: localhost is one, and a secure context. */
  let origin: string;

  beforeAll(async () => {
    browser = await launchChromium();
    if (SHOTS) await mkdir(SHOTS, { recursive: true });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
  });
  // A server of its own for each try: the first administrator can be made only once, so a retry
  // on the same server could never start again.
  beforeEach(async () => {
    server = await startLiveServer({ STAFF_SETUP_TOKEN: SETUP_TOKEN });
    origin = server.origin.replace('127.0.0.1', 'localhost');
  }, 120_000);
  afterEach(async () => {
    await server?.close();
  });

  async function check(page: Page, name: string, axe = true): Promise<void> {
    if (axe) {
      const violations = await axeViolations(page);
      expect(violations, `${name}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
    }
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow, name).toBeLessThanOrEqual(0);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  }

  /** A browser with a platform authenticator that holds passkeys and verifies its user. */
  async function withPasskeys(viewport: { width: number; height: number }) {
    const { context, requests } = await watchedContext(
      browser,
      { ...server, origin },
      { viewport },
    );
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (m) => {
      // A form sent back with a mistake is answered 400 on purpose; the browser logs that.
      if (m.type() === 'error' && !m.text().includes('status of 400')) errors.push(m.text());
    });
    page.on('response', (r) => {
      if (r.request().method() === 'POST' && r.status() >= 400 && r.status() !== 400) {
        errors.push(`${r.status()} ${new URL(r.url()).pathname}`);
      }
    });
    const cdp = await context.newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2',
        transport: 'internal',
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
        automaticPresenceSimulation: true,
      },
    });
    return { context, page, requests, errors };
  }

  const heading = (page: Page) => page.getByRole('heading', { level: 1 }).textContent();

  /** Presses a passkey button and waits for the staff home page (or the failure message). */
  async function usePasskey(who: { page: Page; errors: string[] }, button: string) {
    await who.page.getByRole('button', { name: button }).click();
    await who.page.waitForFunction(
      () =>
        location.pathname === '/staff' ||
        (document.querySelector('.passkey__status')?.textContent ?? '').includes('did not work'),
    );
    expect(new URL(who.page.url()).pathname, who.errors.join('\n')).toBe('/staff');
    await who.page.waitForLoadState();
  }

  it('an administrator adds an editor, who publishes an event; its bookings export safely', async () => {
    // ---- The administrator, on a desktop ----
    const admin = await withPasskeys(DESKTOP);
    const a = admin.page;
    await a.goto(`${origin}/staff`);
    // Signed out, and with no administrator yet: to sign-in, and from there to setup.
    expect(new URL(a.url()).pathname).toBe('/staff/setup');
    expect(await heading(a)).toBe('Set up the staff area');
    await check(a, 'setup-desktop');
    await a.getByLabel('Setup token').fill(SETUP_TOKEN);
    await a.getByLabel('Your sign-in name').fill('ann.admin');
    await a.getByLabel('Your full name').fill('Ann Admin');
    await a.getByRole('button', { name: 'Make my account' }).click();
    expect(await heading(a)).toBe('Make your passkey');
    await check(a, 'join-desktop');
    await usePasskey(admin, 'Make a passkey');
    expect(await heading(a)).toBe('Staff home');
    await check(a, 'home-empty-desktop');

    // Out, and back in with the passkey.
    await a.getByRole('button', { name: 'Sign out' }).click();
    await a.waitForURL(`${origin}/staff/sign-in`);
    await check(a, 'sign-in-desktop');
    await usePasskey(admin, 'Sign in with a passkey');
    expect(await a.locator('.staff-bar').textContent()).toContain(
      'Signed in as Ann Admin (administrator)',
    );

    // The cookie is the staff one: HttpOnly, Secure, Strict, for /staff only.
    const cookies = await admin.context.cookies(`${origin}/staff`);
    expect(await admin.context.cookies(`${origin}/api/account`)).toEqual([]);
    expect(cookies.map((c) => [c.name, c.path, c.httpOnly, c.secure, c.sameSite])).toEqual([
      ['__Secure-mosaic-staff', '/staff', true, true, 'Strict'],
    ]);

    await a.getByRole('link', { name: 'Staff accounts' }).click();
    await a.getByLabel('Sign-in name').fill('eddie');
    await a.getByLabel('Name', { exact: true }).fill('Eddie Editor');
    await a.getByLabel('Role').selectOption('editor');
    await a.getByRole('button', { name: 'Add and make an invitation link' }).click();
    const link = (await a.locator('[data-invitation]').textContent())!.trim();
    expect(link).toMatch(/\/staff\/join\/[A-Za-z0-9_-]{43}$/);
    await check(a, 'members-desktop');

    // ---- The editor, on a phone ----
    const editor = await withPasskeys(PHONE);
    const e = editor.page;
    await e.goto(link);
    expect(await e.locator('main').textContent()).toContain('Hello Eddie Editor.');
    await check(e, 'join-phone');
    await usePasskey(editor, 'Make a passkey');
    // Editors see no administrator pages.
    expect(await e.getByRole('link', { name: 'Staff accounts' }).count()).toBe(0);
    await check(e, 'home-phone');

    await e.getByRole('link', { name: 'Add an event' }).click();
    await e.locator('#f-slug').fill('staff-e2e-course');
    await e.getByLabel('Type').selectOption('briefing');
    await e.locator('#f-starts').fill('2031-05-20T10:00');
    await e.locator('#f-ends').fill('2031-05-20T09:00');
    await e.locator('#f-capacity').fill('12');
    await e.locator('#f-title_en').fill('Staff briefing on stalking law');
    await e.locator('#f-summary_en').fill('What the law says, in an hour.');
    await e.locator('#f-body_en').fill('We talk about **the law**.');
    await e.locator('#f-venue_en').fill('Council chamber');
    await e.locator('#f-title_cy').fill('Sesiwn friffio staff ar gyfraith stelcian');
    await e.locator('#f-summary_cy').fill('Beth mae’r gyfraith yn ei ddweud, mewn awr.');
    await e.locator('#f-body_cy').fill('Rydyn ni’n siarad am **y gyfraith**.');
    await e.locator('#f-venue_cy').fill('Siambr y cyngor');
    await e.getByRole('button', { name: 'Save' }).click();
    // One mistake: the summary names it, the answers stay.
    expect(await e.getByRole('alert').textContent()).toContain('The end must be after the start');
    expect(await e.locator('#f-title_cy').inputValue()).toBe(
      'Sesiwn friffio staff ar gyfraith stelcian',
    );
    await check(e, 'event-error-phone');
    await e.locator('#f-ends').fill('2031-05-20T11:00');
    await e.getByRole('button', { name: 'Save' }).click();
    expect(await e.getByRole('status').first().textContent()).toBe('Saved.');
    await check(e, 'event-saved-phone');
    await e.getByRole('button', { name: 'Publish now' }).click();
    expect(await e.locator('[data-notice]').textContent()).toBe(
      'Published. It is on the website now.',
    );
    // The preview draws the public page from what is saved, for staff only.
    await e.getByRole('link', { name: 'Preview in Cymraeg' }).click();
    expect(await heading(e)).toBe('Sesiwn friffio staff ar gyfraith stelcian');
    await check(e, 'preview-cy-phone');
    await e.goBack();

    // ---- A practitioner books it, JavaScript off ----
    const { context: visitor } = await watchedContext(
      browser,
      { ...server, origin },
      {
        javaScriptEnabled: false,
        viewport: PHONE,
      },
    );
    const v = await visitor.newPage();
    await v.goto(`${origin}/cy/events/staff-e2e-course`);
    expect(await heading(v)).toBe('Sesiwn friffio staff ar gyfraith stelcian');
    await v.goto(`${origin}/events/staff-e2e-course`);
    expect(await heading(v)).toBe('Staff briefing on stalking law');
    await v.getByRole('link', { name: 'Book a place' }).click();
    await v.getByLabel('Your name').fill('=HYPERLINK("http://x","y")');
    await v.getByLabel('Email address').fill('sam@example.org');
    await v.getByLabel('Organisation').fill('+Example Housing');
    await v.getByLabel('Your role').fill('Housing officer');
    await v.getByRole('button', { name: 'Book my place' }).click();
    expect(await heading(v)).toBe('Your place is booked');
    await visitor.close();

    // ---- The editor sees the booking and exports it ----
    await e.getByRole('link', { name: 'See bookings' }).click();
    expect(await e.locator('td').first().textContent()).toBe('=HYPERLINK("http://x","y")');
    await check(e, 'bookings-phone');
    const [download] = await Promise.all([
      e.waitForEvent('download'),
      e.getByRole('link', { name: /Download the bookings/ }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('staff-e2e-course-bookings.csv');
    const rows = parseCsv((await readFile(await download.path(), 'utf8')).replace(/^\uFEFF/, ''));
    expect(rows[0]).toEqual([
      'Name',
      'Email',
      'Organisation',
      'Role',
      'Access or dietary needs',
      'Happy to be contacted',
      'Booked',
    ]);
    expect(rows[1]!.slice(0, 4)).toEqual([
      `'=HYPERLINK("http://x","y")`,
      'sam@example.org',
      "'+Example Housing",
      'Housing officer',
    ]);

    // ---- The editor adds a local support service; "Get help" shows it at once ----
    await e.getByRole('link', { name: 'Support services' }).click();
    await check(e, 'services-phone');
    await e.getByRole('link', { name: 'Add a service' }).click();
    await e.locator('#f-key').fill('harbour-lane');
    await e.locator('#f-phone').fill('999');
    await e.locator('#f-for_everyone').check();
    await e.locator('#f-name_en').fill('Harbour Lane Advice');
    await e.locator('#f-area_en').fill('Harbour district');
    await e.locator('#f-description_en').fill('Free advice and support after stalking.');
    await e.getByRole('button', { name: 'Save' }).click();
    // The emergency number is never a local service's number.
    expect(await e.getByRole('alert').count()).toBeGreaterThan(0);
    await check(e, 'service-error-phone');
    await e.locator('#f-phone').fill('01632 960001');
    await e.getByRole('button', { name: 'Save' }).click();
    expect(await e.locator('[data-notice]').textContent()).toBe(
      'Saved. The website shows the change now.',
    );
    await check(e, 'service-saved-phone');
    const { context: reader } = await watchedContext(
      browser,
      { ...server, origin },
      { javaScriptEnabled: false, viewport: PHONE },
    );
    const r = await reader.newPage();
    await r.goto(`${origin}/get-help`);
    expect(await r.locator('main').textContent()).toContain('Harbour Lane Advice');
    expect(await r.locator('main').textContent()).toContain('01632 960001');
    await reader.close();

    // ---- The administrator sees who did what, in Welsh too ----
    await a.getByRole('link', { name: 'Audit log' }).click();
    const log = (await a.locator('tbody').textContent()) ?? '';
    for (const entry of ['event.create', 'event.publish', 'bookings.export', 'member.invite']) {
      expect(log).toContain(entry);
    }
    expect(log).not.toContain('HYPERLINK');
    await check(a, 'audit-desktop');
    await a.getByRole('link', { name: 'Staff accounts' }).click();
    await check(a, 'members-desktop');
    await a.getByRole('link', { name: 'eddie' }).click();
    await check(a, 'member-desktop');
    await a.getByRole('link', { name: 'Audit log' }).click();
    await a.getByRole('link', { name: 'Cymraeg' }).click();
    expect(await heading(a)).toBe('Log archwilio');
    await check(a, 'audit-cy-desktop');
    await a.setViewportSize(PHONE);
    await a.goto(`${origin}/staff?lang=cy`);
    await check(a, 'home-cy-phone');

    // Nothing came from another site, and no script error was logged.
    for (const who of [admin, editor]) {
      expect(who.requests.filter((r) => !r.startsWith(origin))).toEqual([]);
      expect(who.errors).toEqual([]);
    }
    await admin.context.close();
    await editor.context.close();
  }, 120_000);
});
