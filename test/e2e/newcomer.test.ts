/**
 * What a newcomer hit recording incidents on a phone (Chromium at 390×844, real server and
 * database): the diary home shows the incidents and keeps the private journal apart; changes to
 * daily life ticked on incidents appear on their own screen; quick capture asks who did it;
 * linking evidence is not shown as an edit; the link picker says when a time is approximate; a
 * photo's date says where it came from; pattern tables never break a word; an unfinished entry
 * survives auto-lock as an encrypted draft. Every screen passes axe.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PHOTO_PATH } from '../fixtures/evidence/make-photo.js';
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
import { heading, signUpInBrowser } from '../support/vault-ui.js';

const PASSPHRASE = 'purple tractor sings quietly';
const SHOTS = process.env.DIARY_SCREENSHOTS;

describe.skipIf(!HAVE_CHROMIUM)('a newcomer on a phone', () => {
  let server: LiveServer;
  let browser: Browser;
  let page: Page;
  const username = `heron-${Date.now().toString(36)}`;

  const check = async (screen: string): Promise<void> => {
    const violations = await axeViolations(page);
    expect(violations, `${screen}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
    if (SHOTS !== undefined) {
      await page.screenshot({ path: `${SHOTS}/newcomer-${screen}.png`, fullPage: true });
    }
  };
  const home = async (): Promise<void> => {
    await page.getByRole('button', { name: 'My diary', exact: true }).click();
    await heading(page, 'My diary');
  };
  const quickCapture = async (what: string, approximate = false): Promise<void> => {
    await home();
    await page.getByRole('textbox', { name: 'What happened' }).fill(what);
    if (approximate) await page.getByLabel('The time is approximate').check();
    await page.getByRole('button', { name: 'Save now' }).click();
    await heading(page, 'Incident');
  };

  beforeAll(async () => {
    server = await startLiveServer();
    browser = await launchChromium();
    const { context } = await watchedContext(browser, server, { viewport: PHONE });
    page = await context.newPage();
    await signUpInBrowser(page, server.origin, username, PASSPHRASE);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it(
    'quick capture asks who did it: someone new is saved by name, then offered first',
    {
      timeout: 120_000,
    },
    async () => {
      await home();
      await page.getByRole('textbox', { name: 'What happened' }).fill('Waiting at the bus stop');
      await page.getByLabel('Who did it? (optional)').selectOption('new');
      await page.getByLabel('Their name or a description').fill('Jordan Blake');
      await check('quick-who');
      await page.getByRole('button', { name: 'Save now' }).click();
      await heading(page, 'Incident');
      expect(await page.locator('[data-field="perpetrators"]').innerText()).toBe('Jordan Blake');

      await home();
      // The last person chosen is offered first.
      const chosen = await page
        .getByLabel('Who did it? (optional)')
        .evaluate((s) => (s as HTMLSelectElement).selectedOptions[0]?.textContent ?? '');
      expect(chosen).toBe('Jordan Blake');
      await page.getByRole('textbox', { name: 'What happened' }).fill('Rang eleven times');
      await page.getByRole('button', { name: 'Save now' }).click();
      await heading(page, 'Incident');
      expect(await page.locator('[data-field="perpetrators"]').innerText()).toBe('Jordan Blake');

      // The person is saved with a name (not an alias), and the list says what they did.
      await home();
      await page.getByRole('button', { name: 'People', exact: true }).click();
      await heading(page, 'People');
      const person = page.locator('[data-person]', { hasText: 'Jordan Blake' }).first();
      expect(await person.innerText()).toContain('Did it: 2 incidents');
      await check('people');
      await person.getByRole('button', { name: /Edit/ }).click();
      expect(await page.getByLabel('Name (optional)').inputValue()).toBe('Jordan Blake');
    },
  );

  it(
    'the diary home lists the incidents and keeps the private journal apart',
    {
      timeout: 120_000,
    },
    async () => {
      await home();
      const diary = page.locator('[data-latest-incidents]');
      // The list opens a moment after the screen: wait for it, then read it.
      await page.locator('[data-latest-incidents]', { hasText: 'Rang eleven times' }).waitFor();
      expect(await diary.innerText()).toContain('Rang eleven times');
      expect(await diary.innerText()).toContain('Waiting at the bus stop');
      // Two here (more if an earlier test was retried): never "no entries".
      expect(await page.locator('main').innerText()).toMatch(/\b([2-9]|\d\d+) incidents recorded/);
      expect(await page.locator('main').innerText()).not.toContain('not written any entries');

      await page.getByRole('button', { name: 'Write in your journal' }).click();
      await heading(page, 'Write in your journal');
      const form = await page.locator('main').innerText();
      expect(form).not.toContain('When did it happen?');
      expect(form).not.toContain('What happened');
      await check('journal-form');
      await page.getByLabel('Your journal entry').fill('Could not sleep. Scared to go out.');
      await page.getByRole('button', { name: 'Save journal entry' }).click();
      await page.locator('.notice', { hasText: 'Your journal entry has been saved.' }).waitFor();
      await check('journal-entry');

      await home();
      // "Opening your journal…" first: wait for the entry rather than reading at once.
      await page.locator('[data-journal]', { hasText: 'Could not sleep' }).waitFor();
      await page.locator('[data-latest-incidents]', { hasText: 'Rang eleven times' }).waitFor();
      expect(await page.locator('[data-latest-incidents]').innerText()).not.toContain(
        'Could not sleep',
      );
      await check('home');
      await page.setViewportSize(DESKTOP);
      await check('home-desktop');
      await page.setViewportSize(PHONE);

      // The printed log leaves the journal out unless the person chooses to include it.
      await page.getByRole('button', { name: 'Print the log' }).click();
      await heading(page, 'Print the log');
      await page.locator('[data-print-log]').waitFor();
      expect(await page.locator('[data-print-log]').innerText()).not.toContain('Could not sleep');
      await page.getByLabel('Include my private journal in the printed log').check();
      await page.locator('[data-print-journal]').waitFor();
      expect(await page.locator('[data-print-journal]').innerText()).toContain('Could not sleep');
      await check('print-with-journal');
    },
  );

  it(
    'changes to daily life shows the changes ticked on incidents',
    {
      timeout: 120_000,
    },
    async () => {
      await home();
      await page.getByRole('button', { name: 'Add a full entry' }).click();
      await heading(page, 'Add a full entry');
      await page.getByRole('textbox', { name: 'What happened' }).fill('Followed me to work');
      await page.getByLabel('Home security').check();
      await page.getByLabel('Work', { exact: true }).check();
      await page.getByRole('button', { name: 'Save incident' }).click();
      await heading(page, 'Incident');
      await home();
      await page.getByRole('button', { name: 'Changes to daily life' }).click();
      await heading(page, 'Changes to daily life');
      await page.locator('[data-effects-from-incidents]', { hasText: 'Home security' }).waitFor();
      const text = await page.locator('main').innerText();
      expect(text).not.toContain('No changes are recorded yet');
      const fromIncidents = page.locator('[data-effects-from-incidents]');
      expect(await fromIncidents.innerText()).toContain('Home security');
      expect(await fromIncidents.innerText()).toContain('Work');
      expect(await fromIncidents.innerText()).toContain('1 incident');
      await check('effects');
    },
  );

  it(
    'linking a photo is not shown as an edit; the photo date says where it came from',
    {
      timeout: 180_000,
    },
    async () => {
      await quickCapture('Car parked outside again', true);
      await home();
      await page.getByRole('button', { name: 'See and add evidence' }).click();
      await heading(page, 'Evidence');
      await page.getByRole('button', { name: 'Add evidence' }).click();
      await heading(page, 'Add evidence');
      // No pointer that drags on a touch-only phone: nothing says "drag files here" there.
      await page.locator('#evidence-files').setInputFiles([PHOTO_PATH]);
      await page.locator('[data-upload="done"]').waitFor({ timeout: 60_000 });
      const dismiss = page.locator('[data-upload="done"]').getByRole('button', {
        name: /Hide from this list/,
      });
      expect(await dismiss.count()).toBe(1);
      expect(await page.locator('[data-upload="done"]').innerText()).toContain(
        'This does not delete it',
      );
      await page.getByRole('button', { name: 'See it: photo-gps.jpg' }).click();
      await heading(page, 'photo-gps');
      expect(await page.locator('[data-field="date"]').innerText()).toContain(
        'the date the photo was taken',
      );

      await page.getByRole('button', { name: 'Link to incidents' }).click();
      await heading(page, 'Link to incidents');
      const label = page.locator('label', { hasText: 'Car parked outside again' });
      expect(await label.innerText()).toMatch(/about \d\d:\d\d/);
      await check('link-picker');
      await page.getByLabel(/Car parked outside again/).check();
      await page.getByRole('button', { name: 'Save links' }).click();
      await heading(page, 'photo-gps');
      await page.locator('[data-linked-incidents] button').first().click();
      await heading(page, 'Incident');
      const meta = await page.locator('main .entry__meta').first().innerText();
      expect(meta).not.toContain('Edited');
      expect(meta).toMatch(/Evidence linked on \d{1,2} \w+ \d{4}/);
      expect(await page.locator('[data-edited]').count()).toBe(0);
      await page.getByRole('button', { name: 'Show earlier versions' }).click();
      const versions = page.locator('[data-versions] > li');
      await versions.first().waitFor();
      expect(await versions.nth(0).innerText()).toContain('Evidence linked');
      expect(await versions.nth(0).innerText()).toContain('The words are unchanged');
      await check('incident-linked');
    },
  );

  it(
    'pattern tables never break a word in the middle on a phone',
    { timeout: 60_000 },
    async () => {
      await home();
      await page.getByRole('button', { name: 'See patterns' }).click();
      await heading(page, 'Patterns');
      await page.locator('table').first().waitFor();
      const styles = await page.$$eval('table th, table td', (cells) =>
        cells.map((c) => {
          const s = getComputedStyle(c);
          return `${s.wordBreak}/${s.overflowWrap}`;
        }),
      );
      expect(styles.length).toBeGreaterThan(0);
      for (const style of styles) expect(style).not.toMatch(/break-all|anywhere/);
      // "Home security" never ends up as "securit" on one line and "y" on the next.
      const split = await page.$$eval('table th, table td', (cells) =>
        cells.some((c) => {
          const range = document.createRange();
          const text = c.firstChild;
          if (text === null || text.nodeType !== Node.TEXT_NODE) return false;
          const words = (text.textContent ?? '').split(' ');
          let at = 0;
          for (const word of words) {
            if (word.length > 1) {
              range.setStart(text, at);
              range.setEnd(text, at + word.length);
              const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
              if (lines.size > 1) return true;
            }
            at += word.length + 1;
          }
          return false;
        }),
      );
      expect(split).toBe(false);
      const text = await page.locator('main').innerText();
      expect(text).not.toContain('(s.4A)');
      await check('patterns');
    },
  );

  it('says it all in Welsh too, on a phone and on a desktop', { timeout: 120_000 }, async () => {
    await page.goto(`${server.origin}/cy/vault`);
    await heading(page, 'Eich dyddiadur preifat');
    await page.getByRole('button', { name: 'Agor fy nyddiadur' }).click();
    await heading(page, 'Agor fy nyddiadur');
    await page.getByLabel('Enw defnyddiwr').fill(username);
    await page.getByLabel('Cyfrinymadrodd', { exact: true }).fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Agor fy nyddiadur' }).click();
    await heading(page, 'Fy nyddiadur');
    await page.locator('[data-latest-incidents]').waitFor();
    expect(await page.locator('[data-journal]').innerText()).toContain('Dyddlyfr preifat');
    await check('home-cy');
    await page.getByRole('button', { name: 'Newidiadau i fywyd bob dydd' }).click();
    await heading(page, 'Newidiadau i fywyd bob dydd');
    await page.locator('[data-effects-from-incidents]').waitFor();
    await check('effects-cy');
    await page.getByRole('button', { name: 'Fy nyddiadur', exact: true }).click();
    await heading(page, 'Fy nyddiadur');
    await page.getByRole('button', { name: 'Gweld patrymau' }).click();
    await heading(page, 'Patrymau');
    await page.locator('table').first().waitFor();
    expect(await page.locator('main').innerText()).not.toContain('(a.4A)');
    await check('patterns-cy');
    await page.setViewportSize(DESKTOP);
    await check('patterns-cy-desktop');
    await page.setViewportSize(PHONE);
  });
});

describe.skipIf(!HAVE_CHROMIUM)('an unfinished entry and auto-lock', () => {
  let server: LiveServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startLiveServer();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it(
    'warns before locking and keeps the entry as an encrypted draft',
    {
      timeout: 180_000,
    },
    async () => {
      const { context } = await watchedContext(browser, server, { viewport: PHONE });
      const page = await context.newPage();
      const bodies: string[] = [];
      page.on('request', (r) => {
        const body = r.postData();
        if (body !== null) bodies.push(body);
      });
      await page.clock.install();
      const username = `wren-${Date.now().toString(36)}`;
      await signUpInBrowser(page, server.origin, username, PASSPHRASE);
      await page.getByRole('button', { name: 'Settings' }).click();
      await heading(page, 'Settings');
      await page.getByLabel('1 minute').check();
      await page.getByRole('button', { name: 'Save auto-lock time' }).click();
      await page.getByRole('button', { name: 'My diary', exact: true }).click();
      await heading(page, 'My diary');
      await page.getByRole('button', { name: 'Add a full entry' }).click();
      await heading(page, 'Add a full entry');
      const words = 'He was at the gate again, half typed';
      await page.getByRole('textbox', { name: 'What happened' }).fill(words);

      // Typing scrolled the box into view; the fake clock holds the frame that sends that
      // scroll event (which counts as use). Let it go first, so the countdown starts here.
      await page.clock.runFor(1_000);
      // 30 seconds before the lock, a warning that can keep the diary open.
      await page.clock.runFor(31_000);
      const warning = page.locator('[data-lock-warning]');
      await warning.waitFor();
      expect(await warning.innerText()).toContain('Locking in 30 seconds');
      expect(await axeViolations(page)).toEqual([]);
      if (SHOTS !== undefined) {
        await page.screenshot({ path: `${SHOTS}/newcomer-lock-warning.png`, fullPage: true });
      }
      // By keyboard (the fake clock holds animation frames, which a pointer click waits for).
      await page.getByRole('button', { name: 'Stay open' }).focus();
      await page.keyboard.press('Enter');
      expect(await warning.count()).toBe(0);
      await heading(page, 'Add a full entry');

      // Ignored this time: the entry is sealed as a draft record, then the vault locks.
      await page.clock.runFor(1_000);
      await page.clock.runFor(31_000);
      await warning.waitFor();
      await page.clock.runFor(31_000);
      await heading(page, 'Your private diary');
      expect(bodies.some((b) => b.includes('"type":"draft"'))).toBe(true);
      expect(bodies.some((b) => b.includes('half typed'))).toBe(false);

      await page.getByRole('button', { name: 'Open my diary' }).click();
      await heading(page, 'Open my diary');
      await page.getByLabel('Username').fill(username);
      await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
      await page.getByRole('button', { name: 'Open my diary' }).click();
      await heading(page, 'My diary');
      const prompt = page.locator('[data-draft-prompt]');
      await prompt.waitFor();
      expect(await prompt.innerText()).toContain('You have an unfinished entry');
      expect(await axeViolations(page)).toEqual([]);
      if (SHOTS !== undefined) {
        await page.screenshot({ path: `${SHOTS}/newcomer-draft-prompt.png`, fullPage: true });
      }
      await prompt.getByRole('button', { name: 'Carry on writing' }).click();
      await heading(page, 'Add a full entry');
      expect(await page.getByRole('textbox', { name: 'What happened' }).inputValue()).toBe(words);
      await context.close();
    },
  );
});
