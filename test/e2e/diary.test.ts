/**
 * The incident diary in Chromium at phone size, against the real server and database: a
 * newcomer records three incidents (one quick capture, two full entries, one of them with a new
 * person and a witness), edits one, sees the pattern view count them, filters and searches the
 * list, prints the log and deletes an entry. What happened never appears in a request body, and
 * every new screen passes axe.
 */
import { randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  axeViolations,
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

function secret(label: string): string {
  return `${label}-${randomBytes(6).toString('hex')}`;
}

describe.skipIf(!HAVE_CHROMIUM)('incident diary in Chromium', () => {
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

  const signUp = (page: Page, username: string): Promise<void> =>
    signUpInBrowser(page, server.origin, username, PASSPHRASE);

  it(
    'records, edits, analyses and prints incidents the server cannot read',
    { timeout: 240_000 },
    async () => {
      const { context } = await watchedContext(browser, server, { viewport: PHONE });
      const page = await context.newPage();
      const bodies: string[] = [];
      const errors: string[] = [];
      page.on('request', (r) => {
        const body = r.postData();
        if (body !== null) bodies.push(body);
      });
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      const check = async (screen: string): Promise<void> => {
        const violations = await axeViolations(page);
        expect(violations, `${screen}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
        if (SHOTS !== undefined) {
          await page.screenshot({ path: `${SHOTS}/${screen}.png`, fullPage: true });
        }
      };
      const home = async (): Promise<void> => {
        await page.getByRole('button', { name: 'My diary', exact: true }).click();
        await heading(page, 'My diary');
      };

      const quick = secret('quick-gate');
      const first = secret('first-station');
      const second = secret('second-shop');
      const edited = secret('edited-words');

      await signUp(page, `owl-${Date.now().toString(36)}`);
      await check('home');

      // 1. Quick capture: what and where; when stays "now".
      await page.getByRole('button', { name: 'Save now' }).click();
      await page.locator('#quick-what-error').waitFor();
      await check('home-quick-error');
      await page
        .getByRole('textbox', { name: 'What happened' })
        .fill(`He was at the gate. ${quick}`);
      // What was typed is still there after a visit to another screen.
      await page.getByRole('button', { name: 'Settings' }).click();
      await heading(page, 'Settings');
      await home();
      expect(await page.getByRole('textbox', { name: 'What happened' }).inputValue()).toContain(
        quick,
      );
      await page.getByLabel('Where (optional)').fill('Home');
      await page.getByRole('button', { name: 'Save now' }).click();
      await heading(page, 'Incident');
      expect(await page.locator('[data-field="what"]').innerText()).toContain(quick);
      await check('incident-view');

      // 2. A full entry with a new person who did it and a witness; the draft survives a
      //    visit to another screen.
      await home();
      await page.getByRole('button', { name: 'Add a full entry' }).click();
      await heading(page, 'Add a full entry');
      await page.getByLabel('When it started').fill('2026-11-02T08:30');
      await page.getByRole('textbox', { name: 'What happened' }).fill(`Followed me. ${first}`);
      await page.getByRole('button', { name: 'Settings' }).click();
      await heading(page, 'Settings');
      await home();
      await page.getByRole('button', { name: 'Add a full entry' }).click();
      await heading(page, 'Add a full entry');
      expect(await page.getByRole('textbox', { name: 'What happened' }).inputValue()).toContain(
        first,
      );
      await page.getByRole('textbox', { name: 'What happened' }).fill('');
      await page.getByRole('button', { name: 'Save incident' }).click();
      await page.locator('.error-summary').waitFor();
      expect(await page.locator('#incident-what-error').innerText()).toContain(
        'Enter what happened',
      );
      await check('incident-form-error');
      await page.getByRole('textbox', { name: 'What happened' }).fill(`Followed me. ${first}`);
      await page.getByLabel('Where (optional)').fill('Station');
      await page.getByLabel('Following you').check();
      await page.getByLabel('How did it happen?').selectOption('in-person');
      await page.getByLabel('Someone new who did it (optional)').fill('Blue van man');
      await page.getByLabel('A new witness (optional)').fill('Sam next door');
      await page.getByLabel('I reported it to the police').check();
      await page.getByLabel('Crime reference (optional)').fill('CR-123');
      await page.getByLabel('Route or travel').check();
      await page.getByLabel('Tags (optional)').fill('station, morning');
      await check('incident-form');
      await page.getByRole('button', { name: 'Save incident' }).click();
      await heading(page, 'Incident');
      expect(await page.locator('[data-field="perpetrators"]').innerText()).toBe('Blue van man');
      expect(await page.locator('[data-field="witnesses"]').innerText()).toBe('Sam next door');

      // 3. A second full entry naming the same person, chosen from the saved people.
      await home();
      await page.getByRole('button', { name: 'Add a full entry' }).click();
      await heading(page, 'Add a full entry');
      await page.getByLabel('When it started').fill('2026-11-09T21:15');
      await page
        .getByRole('textbox', { name: 'What happened' })
        .fill(`Outside the shop. ${second}`);
      await page.locator('#incident-perpetrators').check();
      await page.getByRole('button', { name: 'Save incident' }).click();
      await heading(page, 'Incident');
      expect(await page.locator('[data-field="perpetrators"]').innerText()).toBe('Blue van man');

      // 4. Edit it: a new revision, marked "edited", with its earlier version.
      await page.getByRole('button', { name: 'Edit', exact: true }).click();
      await heading(page, 'Edit incident');
      await page
        .getByRole('textbox', { name: 'What happened' })
        .fill(`Outside the shop again. ${edited}`);
      await page.getByRole('button', { name: 'Save incident' }).click();
      await page.locator('.notice', { hasText: 'The incident has been updated.' }).waitFor();
      await page.locator('[data-edited]').waitFor();
      await page.getByRole('button', { name: 'Show earlier versions' }).click();
      await page.locator('[data-versions] .version').nth(1).waitFor();
      expect(await page.locator('[data-versions] .version').count()).toBe(2);
      const versions = await page.locator('[data-versions]').innerText();
      expect(versions).toContain(edited);
      expect(versions).toContain(second);
      await check('incident-versions');

      // 5. The list: by day, edited mark, filter and search.
      await page.getByRole('button', { name: 'Back to incidents' }).click();
      await heading(page, 'Incidents');
      await expect.poll(() => page.locator('[data-incident]').count()).toBe(3);
      expect(await page.locator('[data-incidents] .tag').count()).toBe(1);
      await check('incidents');
      await page.getByText('Filter and search').click();
      await page.getByLabel('Search').fill(first);
      await expect.poll(() => page.locator('[data-incident]').count()).toBe(1);
      await page.getByLabel('Search').fill('');
      await page.getByLabel('Reported to the police').selectOption('no');
      await expect.poll(() => page.locator('[data-incident]').count()).toBe(2);
      await page.getByLabel('Person').selectOption({ label: 'Blue van man' });
      await expect.poll(() => page.locator('[data-incident]').count()).toBe(1);
      await check('incidents-filtered');
      await page.getByRole('button', { name: 'Clear filters' }).click();
      await expect.poll(() => page.locator('[data-incident]').count()).toBe(3);
      await page.getByLabel('Order').selectOption('oldest');
      const firstShown = await page.locator('[data-incident]').first().innerText();
      expect(firstShown).toContain(first);

      // 6. Patterns: 3 incidents, and the course-of-conduct note for the person named twice.
      await home();
      await page.getByRole('button', { name: 'See patterns' }).click();
      await heading(page, 'Patterns');
      await page.locator('[data-summary]').waitFor();
      expect(await page.locator('[data-summary]').innerText()).toMatch(/^3 incidents recorded/);
      const conduct = page.locator('[data-conduct="yes"]');
      expect(await conduct.count()).toBe(1);
      expect(await conduct.innerText()).toContain('Blue van man');
      expect(await conduct.innerText()).toContain('2 separate occasions');
      expect(await page.locator('[data-chart="heatmap"] rect.heat').count()).toBe(7 * 24);
      expect(await page.locator('[data-chart="heatmap"] rect.heat--4').count()).toBeGreaterThan(0);
      expect(await page.locator('[data-chart="heatmap"] svg').getAttribute('style')).toBeNull();
      expect(await page.locator('[style]').count()).toBe(0);
      await check('patterns');
      for (const chart of ['weekly', 'heatmap', 'behaviours', 'channels']) {
        await page
          .locator(`[data-chart="${chart}"]`)
          .getByRole('button', { name: 'Show as a table' })
          .click();
      }
      expect(await page.locator('[data-chart] table').count()).toBe(4);
      expect(await page.locator('[data-chart="behaviours"] table').innerText()).toContain(
        'Following you',
      );
      await check('patterns-tables');

      // 7. People.
      await home();
      await page.getByRole('button', { name: 'People', exact: true }).click();
      await heading(page, 'People');
      await expect.poll(() => page.locator('[data-people] .entry').count()).toBe(2);
      await check('people');
      await page.getByRole('button', { name: 'Edit Blue van man' }).click();
      await heading(page, 'Edit person');
      await page.getByLabel('Vehicles (optional)').fill('AB12 CDE blue Ford Transit');
      await check('person-form');
      await page.getByRole('button', { name: 'Save person' }).click();
      await heading(page, 'People');

      // 8. Print view.
      await home();
      await page.getByRole('button', { name: 'Print the log' }).click();
      await heading(page, 'Print the log');
      await page.locator('[data-print-log]').waitFor();
      await page.getByLabel('Title for the log').fill('Log for PC Jones');
      await page.evaluate(() => {
        (window as unknown as { printed: number }).printed = 0;
        window.print = () => {
          (window as unknown as { printed: number }).printed++;
        };
      });
      await page.getByRole('button', { name: 'Print', exact: true }).click();
      expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
      const log = await page.locator('[data-print-log]').innerText();
      expect(log).toContain('Log for PC Jones');
      expect(log).toContain('3 incidents recorded');
      expect(log).toContain('CR-123');
      expect(await page.locator('.print-log__item').count()).toBe(3);
      expect(await page.locator('[data-revision]', { hasText: 'Version 2' }).count()).toBe(1);
      await check('print');
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('.vault-bar').isVisible()).toBe(false);
      expect(await page.locator('#print-title').isVisible()).toBe(false);
      expect(await page.locator('[data-print-log]').isVisible()).toBe(true);
      if (SHOTS !== undefined)
        await page.screenshot({ path: `${SHOTS}/print-media.png`, fullPage: true });
      await page.emulateMedia({ media: 'screen' });

      // 9. Delete, after a confirmation.
      await page.getByRole('button', { name: 'My diary', exact: true }).click();
      await heading(page, 'My diary');
      await page.getByRole('button', { name: 'See all incidents' }).click();
      await heading(page, 'Incidents');
      await page.getByRole('button', { name: new RegExp(quick) }).click();
      await heading(page, 'Incident');
      await page.getByRole('button', { name: 'Delete' }).click();
      await heading(page, 'Delete this incident?');
      await check('incident-delete');
      await page.getByRole('button', { name: 'Yes, delete it' }).click();
      await heading(page, 'Incidents');
      await expect.poll(() => page.locator('[data-incident]').count()).toBe(2);

      // Nothing of what happened, nor a person's name, ever left the browser in the clear.
      const sent = bodies.join('\n');
      for (const text of [
        quick,
        first,
        second,
        edited,
        'Blue van man',
        'Sam next door',
        'CR-123',
      ]) {
        expect(sent).not.toContain(text);
      }
      expect(bodies.length).toBeGreaterThan(5);
      expect(errors).toEqual([]);
      await context.close();
    },
  );

  it(
    'records from anywhere, asks which 01:30 when the clocks go back, and adds the position only when asked',
    { timeout: 180_000 },
    async () => {
      const { context } = await watchedContext(browser, server, { viewport: PHONE });
      await context.grantPermissions(['geolocation'], { origin: server.origin });
      await context.setGeolocation({ latitude: 51.481583, longitude: -3.17909, accuracy: 25 });
      const page = await context.newPage();
      const bodies: string[] = [];
      page.on('request', (r) => {
        const body = r.postData();
        if (body !== null) bodies.push(body);
      });
      const check = async (screen: string): Promise<void> => {
        const violations = await axeViolations(page);
        expect(violations, `${screen}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
          PHONE.width,
        );
        if (SHOTS !== undefined) {
          await page.screenshot({ path: `${SHOTS}/${screen}.png`, fullPage: true });
        }
      };
      const quick = secret('bar-quick');
      const night = secret('clock-night');
      await signUp(page, `wren-${Date.now().toString(36)}`);

      // Record now, from the settings screen: one tap on the bar.
      await page.getByRole('button', { name: 'Settings' }).click();
      await heading(page, 'Settings');
      await page.getByRole('button', { name: 'Record now' }).click();
      await heading(page, 'Record what happened');
      await check('record-now');
      await page.getByRole('textbox', { name: 'What happened' }).fill(`Rang 9 times. ${quick}`);
      await page.getByRole('button', { name: 'Save now' }).click();
      await heading(page, 'Incident');
      expect(await page.locator('[data-field="what"]').innerText()).toContain(quick);

      // A saved place, to choose in the full entry.
      await page.getByRole('button', { name: 'My diary', exact: true }).click();
      await heading(page, 'My diary');
      await page.getByRole('button', { name: 'Places', exact: true }).click();
      await heading(page, 'Places');
      await page.getByRole('button', { name: 'Add a place' }).click();
      await page.getByLabel('Name', { exact: true }).fill('Mum’s house');
      await page.getByRole('button', { name: 'Save place' }).click();
      await heading(page, 'Places');

      // A full entry at 01:30 on the night the clocks go back in London: which one?
      await page.getByRole('button', { name: 'My diary', exact: true }).click();
      await heading(page, 'My diary');
      await page.getByRole('button', { name: 'Add a full entry' }).click();
      await heading(page, 'Add a full entry');
      await page.getByLabel('Time zone').selectOption('Europe/London');
      await page.getByLabel('When it started').fill('2026-10-25T01:30');
      await page.getByRole('group', { name: 'Which 01:30?' }).waitFor();
      await page.getByLabel(/The second 01:30/).check();
      await page.getByRole('textbox', { name: 'What happened' }).fill(`At the window. ${night}`);
      await page.getByLabel('Saved place (optional)').selectOption({ label: 'Mum’s house' });
      // The position is not asked for until the person presses the button.
      expect(await page.getByText('Position added').count()).toBe(0);
      await page.getByRole('button', { name: 'Add my current position' }).click();
      await page.getByText('Position added: 51.48158, -3.17909, to within 25 metres.').waitFor();
      await check('incident-form-clock-change');
      await page.getByRole('button', { name: 'Save incident' }).click();
      await heading(page, 'Incident');
      expect(await page.locator('[data-field="when"]').innerText()).toContain('01:30 (UTC+00:00)');
      await page.getByText('51.48158, -3.17909 (to within 25 metres)').waitFor();
      await page.getByText('Mum’s house').waitFor();

      // Editing keeps the answer.
      await page.getByRole('button', { name: 'Edit', exact: true }).click();
      await heading(page, 'Edit incident');
      expect(await page.getByLabel(/The second 01:30/).isChecked()).toBe(true);
      await page.getByRole('button', { name: 'Remove the position' }).click();
      await page.getByRole('button', { name: 'Save incident' }).click();
      await heading(page, 'Incident');
      expect(await page.getByText('Position from the device').count()).toBe(0);
      expect(await page.locator('[data-field="when"]').innerText()).toContain('01:30 (UTC+00:00)');

      const sent = bodies.join('\n');
      for (const text of [quick, night, '51.48158', 'Europe/London', 'Mum’s house']) {
        expect(sent).not.toContain(text);
      }
      await context.close();
    },
  );

  it('speaks Welsh on the diary screens', { timeout: 120_000 }, async () => {
    const { context } = await watchedContext(browser, server, { viewport: PHONE });
    const page = await context.newPage();
    const check = async (screen: string): Promise<void> => {
      const violations = await axeViolations(page);
      expect(violations, `${screen}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
      if (SHOTS !== undefined) {
        await page.screenshot({ path: `${SHOTS}/${screen}.png`, fullPage: true });
      }
    };
    await page.goto(`${server.origin}/cy/vault`);
    await heading(page, 'Eich dyddiadur preifat');
    await page.getByRole('button', { name: 'Creu dyddiadur preifat' }).click();
    await heading(page, 'Dewiswch enw defnyddiwr');
    await page.getByLabel('Enw defnyddiwr').fill(`dryw-${Date.now().toString(36)}`);
    await page.getByRole('button', { name: 'Parhau' }).click();
    await heading(page, 'Dewiswch gyfrinymadrodd');
    await page.getByLabel('Cyfrinymadrodd', { exact: true }).fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Parhau' }).click();
    await heading(page, 'Teipiwch eich cyfrinymadrodd eto');
    await page.getByLabel('Cyfrinymadrodd eto', { exact: true }).fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Parhau' }).click();
    await heading(page, 'Ysgrifennwch eich allwedd adfer');
    const words = await page.locator('[data-recovery-words] .recovery-words__word').allInnerTexts();
    await page.getByRole('button', { name: 'Rydw i wedi’u hysgrifennu' }).click();
    await heading(page, 'Gwiriwch eich allwedd adfer');
    const labels = await page.locator('label[for^="word-"]').allInnerTexts();
    const positions = labels.map((l) => Number(/\d+/.exec(l)?.[0]));
    await page.locator('#word-1').fill(words[positions[0]! - 1]!);
    await page.locator('#word-2').fill(words[positions[1]! - 1]!);
    await page.getByRole('button', { name: 'Creu fy nyddiadur' }).click();
    await heading(page, 'Mae eich dyddiadur preifat yn barod');
    await page.getByRole('button', { name: 'Mynd i fy nyddiadur' }).click();
    await heading(page, 'Fy nyddiadur');
    await check('cy-home');

    await page.getByRole('textbox', { name: 'Beth ddigwyddodd' }).fill('Roedd e wrth y giât');
    await page.getByRole('button', { name: 'Cadw nawr' }).click();
    await heading(page, 'Digwyddiad');
    await check('cy-incident');
    await page.getByRole('button', { name: 'Golygu' }).click();
    await heading(page, 'Golygu digwyddiad');
    await page.getByLabel('Eich dilyn chi').check();
    await check('cy-incident-form');
    await page.getByRole('button', { name: 'Cadw’r digwyddiad' }).click();
    await page.locator('.notice', { hasText: 'Mae’r digwyddiad wedi’i ddiweddaru.' }).waitFor();
    await page.getByRole('button', { name: 'Yn ôl i’r digwyddiadau' }).click();
    await heading(page, 'Digwyddiadau');
    await expect.poll(() => page.locator('[data-incident]').count()).toBe(1);
    await check('cy-incidents');
    await page.getByRole('button', { name: 'Fy nyddiadur', exact: true }).click();
    await heading(page, 'Fy nyddiadur');
    await page.getByRole('button', { name: 'Gweld patrymau' }).click();
    await heading(page, 'Patrymau');
    await page.locator('[data-summary]').waitFor();
    expect(await page.locator('[data-chart="behaviours"]').innerText()).toContain(
      'Dangos fel tabl',
    );
    await check('cy-patterns');
    await page.getByRole('button', { name: 'Fy nyddiadur', exact: true }).click();
    await page.getByRole('button', { name: 'Argraffu’r log' }).click();
    await heading(page, 'Argraffu’r log');
    await page.locator('[data-print-log]').waitFor();
    expect(await page.locator('[data-print-log]').innerText()).toContain('Log digwyddiadau');
    await check('cy-print');
    await context.close();
  });
});
