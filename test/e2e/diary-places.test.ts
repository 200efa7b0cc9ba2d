/**
 * Saved places, changes to daily life and deleting a person, in Chromium at phone size against
 * the real server and database.
 *
 * The incident form cannot link an incident to a saved place yet, so the account is made the way
 * the app makes it (real key derivation) and its first records are sealed here exactly as the app
 * seals them: two places, a person, and five incidents (three at one place, naming the person).
 * Then, in the browser: places are added, edited, used to filter the list and counted in the
 * pattern view; changes to daily life are recorded, edited, counted and deleted; a place and a
 * person are deleted after a warning that counts the incidents naming them. Every new screen
 * passes axe and fits a 390-pixel-wide phone, and nothing typed leaves the browser in the clear.
 */
import { randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBenchAccount } from '../../bench/vault-account.js';
import {
  incidentSchema,
  personSchema,
  placeSchema,
  type IncidentInput,
} from '../../src/domain/diary/index.js';
import { newRecordId, sealNewRecord } from '../../src/vault/index.js';
import {
  axeViolations,
  HAVE_CHROMIUM,
  launchChromium,
  PHONE,
  startLiveServer,
  watchedContext,
  type LiveServer,
} from '../support/browser.js';
import { heading } from '../support/vault-ui.js';

const PASSPHRASE = 'amber heron waits by the weir';
const SHOTS = process.env.DIARY_SCREENSHOTS;

function secret(label: string): string {
  return `${label}-${randomBytes(6).toString('hex')}`;
}

interface Seeded {
  readonly username: string;
  readonly home: string;
  readonly work: string;
  readonly person: string;
  readonly firstWhat: string;
}

describe.skipIf(!HAVE_CHROMIUM)('places, changes to daily life and deleting in Chromium', () => {
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

  /** An account with two places, a person and five incidents, sealed as the app seals them. */
  async function seed(prefix: string): Promise<Seeded> {
    const username = `${prefix}-${Date.now().toString(36)}`;
    const { accountKey, cookie, csrfToken } = await createBenchAccount(
      server.origin,
      username,
      PASSPHRASE,
    );
    const home = secret('Home');
    const work = secret('Work');
    const person = secret('Mark');
    const firstWhat = secret('Waiting outside');
    const homeId = newRecordId();
    const workId = newRecordId();
    const personId = newRecordId();
    const incident = (
      day: string,
      what: string,
      more: Partial<IncidentInput>,
    ): { type: string; id: string; value: unknown } => ({
      type: 'incident',
      id: newRecordId(),
      value: incidentSchema.parse({
        when: { start: `2026-03-${day}T08:30+00:00`, timeZone: 'Europe/London' },
        what,
        ...more,
      }),
    });
    const records = [
      { type: 'place', id: homeId, value: placeSchema.parse({ name: home, kind: 'home' }) },
      { type: 'place', id: workId, value: placeSchema.parse({ name: work }) },
      { type: 'person', id: personId, value: personSchema.parse({ name: person }) },
      incident('02', firstWhat, { where: { placeId: homeId }, perpetratorIds: [personId] }),
      incident('04', 'At the gate', {
        where: { placeId: homeId, text: 'by the gate' },
        perpetratorIds: [personId],
        effect: { changes: ['route-or-travel'] },
      }),
      incident('06', 'Seen again', { where: { placeId: homeId }, witnessIds: [personId] }),
      incident('08', 'Outside work', { where: { placeId: workId } }),
      incident('09', 'In the shop', { where: { text: 'Tesco, High St.' } }),
    ];
    for (const record of records) {
      const body = await sealNewRecord(accountKey, record.type, record.value, record.id);
      const res = await fetch(`${server.origin}/api/records`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie, 'x-mosaic-csrf': csrfToken },
        body: JSON.stringify(body),
      });
      expect(res.status, `storing a ${record.type}`).toBe(201);
    }
    return { username, home, work, person, firstWhat };
  }

  /** No axe violations, nothing wider than the phone, and a screenshot when asked for. */
  async function check(page: Page, screen: string): Promise<void> {
    // From the top, as in vault-extras.test.ts: scrolled part-way (as a click leaves it), the
    // sticky quick-exit bar or the fixed Lock bar can half cover a link or a radio, which axe
    // reports as target-size. That is the page frame's behaviour, the same on every screen.
    await page.evaluate(() => window.scrollTo(0, 0));
    const violations = await axeViolations(page);
    expect(violations, `${screen}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
    // What sticks out past the phone's edge, if anything, named in the failure.
    const wide = await page.evaluate(() =>
      Array.from(document.querySelectorAll('body *'))
        .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth)
        .map((el) => `${el.tagName.toLowerCase()}.${el.className}`)
        .slice(0, 5),
    );
    const sideways = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(sideways, `${screen} scrolls sideways: ${wide.join(', ')}`).toBe(0);
    if (SHOTS !== undefined) {
      await page.screenshot({ path: `${SHOTS}/${screen}.png`, fullPage: true });
    }
  }

  async function unlock(page: Page, base: string, username: string, words: UnlockWords) {
    await page.goto(`${server.origin}${base}`);
    await heading(page, words.start);
    await page.getByRole('button', { name: words.open }).click();
    await heading(page, words.open);
    await page.getByLabel(words.username).fill(username);
    await page.getByLabel(words.passphrase, { exact: true }).fill(PASSPHRASE);
    await page.getByRole('button', { name: words.open }).click();
    await heading(page, words.home);
  }

  it(
    'keeps places and changes to daily life, and deletes places and people with a warning',
    { timeout: 240_000 },
    async () => {
      const seeded = await seed('heron');
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
      const home = async (): Promise<void> => {
        await page.getByRole('button', { name: 'My diary', exact: true }).click();
        await heading(page, 'My diary');
      };
      const gym = secret('Gym');
      const office = secret('Office');
      const busWords = secret('I take the bus now');
      const busWordsEdited = secret('I take the bus or a taxi');
      const lockWords = secret('New locks on the doors');

      await unlock(page, '/vault', seeded.username, ENGLISH);

      // 1. Places: the two saved ones, with how many incidents name each.
      await page.getByRole('button', { name: 'Places', exact: true }).click();
      await heading(page, 'Places');
      await expect.poll(() => page.locator('[data-place]').count()).toBe(2);
      const homeEntry = page.locator('[data-place]', { hasText: seeded.home });
      expect(await homeEntry.innerText()).toContain('Home · Named in 3 incidents');
      await check(page, 'places');

      // 2. Add one: a name is needed, then it is saved.
      await page.getByRole('button', { name: 'Add a place' }).click();
      await heading(page, 'Add a place');
      await page.getByRole('button', { name: 'Save place' }).click();
      await page.locator('.error-summary', { hasText: 'Enter a name for the place' }).waitFor();
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.className))
        .toBe('error-summary');
      await check(page, 'place-form-error');
      await page.getByLabel('Name', { exact: true }).fill(gym);
      await page.getByLabel('What kind of place is it? (optional)').selectOption('other');
      await check(page, 'place-form');
      await page.getByRole('button', { name: 'Save place' }).click();
      await heading(page, 'Places');
      await page.locator('.notice', { hasText: 'The place has been saved.' }).waitFor();
      await expect.poll(() => page.locator('[data-place]').count()).toBe(3);

      // 3. Edit one; there is no Delete on a new place, and there is on a saved one.
      await page.getByRole('button', { name: `Edit ${seeded.work}` }).click();
      await heading(page, 'Edit place');
      expect(await page.getByRole('button', { name: 'Delete this place' }).count()).toBe(1);
      await page.getByLabel('Name', { exact: true }).fill(office);
      await page.getByRole('button', { name: 'Save place' }).click();
      await heading(page, 'Places');
      await page.locator('[data-place]', { hasText: office }).waitFor();
      expect(await page.locator('[data-place]', { hasText: seeded.work }).count()).toBe(0);

      // 4. The list filtered by a saved place.
      await home();
      await page.getByRole('button', { name: 'See all incidents' }).click();
      await heading(page, 'Incidents');
      await page.locator('[data-complete="true"]').waitFor();
      await expect.poll(() => page.locator('[data-incident]').count()).toBe(5);
      await page.getByText('Filter and search').click();
      await page.getByLabel('Place', { exact: true }).selectOption({ label: seeded.home });
      await expect.poll(() => page.locator('[data-incident]').count()).toBe(3);
      await check(page, 'incidents-by-place');
      await page.getByLabel('Place', { exact: true }).selectOption({ label: office });
      await expect.poll(() => page.locator('[data-incident]').count()).toBe(1);
      expect(await page.locator('[data-incident]').innerText()).toContain('Outside work');
      await page.getByLabel('Place', { exact: true }).selectOption({ label: gym });
      await expect.poll(() => page.locator('[data-incident]').count()).toBe(0);
      await page.getByRole('button', { name: 'Clear filters' }).click();
      await expect.poll(() => page.locator('[data-incident]').count()).toBe(5);

      // 5. Patterns: places counted, saved ones by name and written ones by their words.
      await home();
      await page.getByRole('button', { name: 'See patterns' }).click();
      await heading(page, 'Patterns');
      const places = page.locator('[data-chart="places"]');
      await places.waitFor();
      expect(await places.locator('svg text.chart__label').allTextContents()).toEqual([
        seeded.home,
        office,
        'Tesco, High St.',
      ]);
      await places.getByRole('button', { name: 'Show as a table' }).click();
      expect(await tableRows(places)).toEqual([
        [seeded.home, 'Saved place', '3'],
        [office, 'Saved place', '1'],
        ['Tesco, High St.', 'In your own words', '1'],
      ]);
      expect(await tableRows(page.locator('[data-effects-seen]'))).toEqual([
        ['Route or travel', '4 March 2026', '1', '0'],
      ]);
      await check(page, 'patterns-places');
      if (SHOTS !== undefined) {
        await places.screenshot({ path: `${SHOTS}/patterns-places-table.png` });
        await page
          .locator('[data-effects-seen]')
          .screenshot({ path: `${SHOTS}/patterns-effects-table.png` });
      }

      // 6. Changes to daily life: recorded on their own, with a choice, a date and words.
      await home();
      await page.getByRole('button', { name: 'Changes to daily life' }).click();
      await heading(page, 'Changes to daily life');
      // The change ticked on an incident shows here too, as in the pattern view.
      expect(await page.locator('[data-effects-from-incidents]').innerText()).toContain(
        'Route or travel',
      );
      await page.getByText('None recorded on their own yet.').waitFor();
      await check(page, 'effects-empty');
      await page.getByRole('button', { name: 'Record a change' }).click();
      await heading(page, 'Record a change to daily life');
      await page.getByRole('button', { name: 'Save change' }).click();
      await page.locator('.error-summary', { hasText: 'Choose what has changed' }).waitFor();
      expect(await page.locator('.error-summary').innerText()).toContain(
        'Enter the date it started',
      );
      await check(page, 'effect-form-error');
      // The summary's link moves to the first choice.
      await page.locator('.error-summary a', { hasText: 'Choose what has changed' }).click();
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('effect-change');
      await page.getByLabel('Route or travel').check();
      await page.getByLabel('Day').fill('1');
      await page.getByLabel('Month').fill('2');
      await page.getByLabel('Year').fill('2026');
      await page.getByLabel('More about it (optional)').fill(busWords);
      await check(page, 'effect-form');
      await page.getByRole('button', { name: 'Save change' }).click();
      await heading(page, 'Changes to daily life');
      await page.locator('.notice', { hasText: 'The change has been saved.' }).waitFor();
      const bus = page.locator('[data-effect]', { hasText: 'Route or travel' });
      expect(await bus.innerText()).toContain('Since 1 February 2026');
      expect(await bus.innerText()).toContain(busWords);

      // A second one, by keyboard alone: arrows move between the choices.
      await page.getByRole('button', { name: 'Record a change' }).click();
      await heading(page, 'Record a change to daily life');
      await page.locator('#effect-change').focus();
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      expect(await page.getByLabel('Home security').isChecked()).toBe(true);
      await page.keyboard.press('Tab');
      await page.keyboard.type('20');
      await page.keyboard.press('Tab');
      await page.keyboard.type('2');
      await page.keyboard.press('Tab');
      await page.keyboard.type('2026');
      await page.keyboard.press('Tab');
      await page.keyboard.type(lockWords);
      // The next stop after the words is Save.
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Save change');
      await page.keyboard.press('Enter');
      await heading(page, 'Changes to daily life');
      await expect.poll(() => page.locator('[data-effect]').count()).toBe(2);
      // The latest change comes first.
      expect(await page.locator('[data-effect]').first().innerText()).toContain('Home security');
      await check(page, 'effects');

      // Edit the first: the edit button names which change it is for.
      await page
        .getByRole('button', { name: 'Edit Route or travel, since 1 February 2026' })
        .click();
      await heading(page, 'Edit a change to daily life');
      expect(await page.getByLabel('Route or travel').isChecked()).toBe(true);
      await page.getByLabel('More about it (optional)').fill(busWordsEdited);
      await page.getByRole('button', { name: 'Save change' }).click();
      await heading(page, 'Changes to daily life');
      await page.locator('[data-effect]', { hasText: busWordsEdited }).waitFor();

      // The pattern view counts both: on incidents and on their own.
      await home();
      await page.getByRole('button', { name: 'See patterns' }).click();
      await heading(page, 'Patterns');
      await page.locator('[data-effects-seen] table').waitFor();
      expect(await tableRows(page.locator('[data-effects-seen]'))).toEqual([
        ['Route or travel', '1 February 2026', '1', '1'],
        ['Home security', '20 February 2026', '0', '1'],
      ]);

      // Delete one, after a confirmation.
      await home();
      await page.getByRole('button', { name: 'Changes to daily life' }).click();
      await heading(page, 'Changes to daily life');
      await page
        .getByRole('button', { name: 'Edit Home security, since 20 February 2026' })
        .click();
      await heading(page, 'Edit a change to daily life');
      await page.getByRole('button', { name: 'Delete this change' }).click();
      await heading(page, 'Delete this change?');
      await check(page, 'effect-delete');
      await page.getByRole('button', { name: 'Yes, delete it' }).click();
      await heading(page, 'Changes to daily life');
      await page.locator('.notice', { hasText: 'The change has been deleted.' }).waitFor();
      await expect.poll(() => page.locator('[data-effect]').count()).toBe(1);

      // 7. Delete a place that incidents use: the warning counts them.
      await home();
      await page.getByRole('button', { name: 'Places', exact: true }).click();
      await heading(page, 'Places');
      await page.getByRole('button', { name: `Edit ${seeded.home}` }).click();
      await heading(page, 'Edit place');
      await page.getByRole('button', { name: 'Delete this place' }).click();
      await heading(page, 'Delete this place?');
      expect(await page.locator('.warning-text').innerText()).toContain(
        '3 incidents name this place. They will keep their own words but lose the link.',
      );
      await check(page, 'place-delete');
      // "No" goes back and deletes nothing.
      await page.getByRole('button', { name: 'No, keep it' }).click();
      await heading(page, 'Edit place');
      await page.getByRole('button', { name: 'Delete this place' }).click();
      await heading(page, 'Delete this place?');
      await page.getByRole('button', { name: 'Yes, delete this place' }).click();
      await heading(page, 'Places');
      await page.locator('.notice', { hasText: 'The place has been deleted.' }).waitFor();
      await expect.poll(() => page.locator('[data-place]').count()).toBe(2);
      expect(await page.locator('[data-place]', { hasText: seeded.home }).count()).toBe(0);

      // The incidents keep their words; the pattern view shows the place as deleted.
      await home();
      await page.getByRole('button', { name: 'See patterns' }).click();
      await heading(page, 'Patterns');
      const placesAfter = page.locator('[data-chart="places"]');
      await placesAfter.getByRole('button', { name: 'Show as a table' }).click();
      expect((await tableRows(placesAfter))[0]).toEqual([
        'Unknown place (deleted)',
        'Saved place',
        '3',
      ]);

      // 8. Delete a person: the warning counts incidents naming them in either role.
      await home();
      await page.getByRole('button', { name: 'People', exact: true }).click();
      await heading(page, 'People');
      await page.getByRole('button', { name: `Edit ${seeded.person}` }).click();
      await heading(page, 'Edit person');
      await page.getByRole('button', { name: 'Delete this person' }).click();
      await heading(page, 'Delete this person?');
      expect(await page.locator('.warning-text').innerText()).toContain(
        '3 incidents name this person',
      );
      await check(page, 'person-delete');
      await page.getByRole('button', { name: 'Yes, delete this person' }).click();
      await heading(page, 'People');
      await page.locator('.notice', { hasText: 'The person has been deleted.' }).waitFor();
      await page.getByText('Nobody is saved yet.').waitFor();

      // The incident still names someone, now shown as unknown.
      await home();
      await page.getByRole('button', { name: 'See all incidents' }).click();
      await heading(page, 'Incidents');
      await page.getByRole('button', { name: new RegExp(seeded.firstWhat) }).click();
      await heading(page, 'Incident');
      expect(await page.locator('[data-field="perpetrators"]').innerText()).toBe(
        'Unknown person (deleted)',
      );

      // Nothing typed here ever left the browser in the clear.
      const sent = bodies.join('\n');
      for (const text of [gym, office, busWords, busWordsEdited, lockWords]) {
        expect(sent).not.toContain(text);
      }
      for (const text of [seeded.home, seeded.work, seeded.person, seeded.firstWhat]) {
        expect(sent).not.toContain(text);
      }
      expect(bodies.length).toBeGreaterThan(5);
      expect(errors).toEqual([]);
      await context.close();
    },
  );

  it('speaks Welsh on the places and changes screens', { timeout: 120_000 }, async () => {
    const seeded = await seed('crychydd');
    const { context } = await watchedContext(browser, server, { viewport: PHONE });
    const page = await context.newPage();
    await unlock(page, '/cy/vault', seeded.username, WELSH);
    await page.getByRole('button', { name: 'Lleoedd', exact: true }).click();
    await heading(page, 'Lleoedd');
    await expect.poll(() => page.locator('[data-place]').count()).toBe(2);
    expect(await page.locator('[data-place]', { hasText: seeded.home }).innerText()).toContain(
      'Cartref',
    );
    await check(page, 'cy-places');
    await page.getByRole('button', { name: `Golygu ${seeded.home}` }).click();
    await heading(page, 'Golygu lle');
    await page.getByRole('button', { name: 'Dileu’r lle hwn' }).click();
    await heading(page, 'Dileu’r lle hwn?');
    expect(await page.locator('.warning-text').innerText()).toContain(
      'Mae 3 digwyddiad yn enwi’r lle hwn.',
    );
    await check(page, 'cy-place-delete');
    await page.getByRole('button', { name: 'Fy nyddiadur', exact: true }).click();
    await heading(page, 'Fy nyddiadur');
    await page.getByRole('button', { name: 'Newidiadau i fywyd bob dydd' }).click();
    await heading(page, 'Newidiadau i fywyd bob dydd');
    await page.getByRole('button', { name: 'Cofnodi newid' }).click();
    await heading(page, 'Cofnodi newid i fywyd bob dydd');
    await page.getByRole('button', { name: 'Cadw’r newid' }).click();
    await page.locator('.error-summary', { hasText: 'Dewiswch beth sydd wedi newid' }).waitFor();
    await check(page, 'cy-effect-form-error');
    await context.close();
  });
});

interface UnlockWords {
  readonly start: string;
  readonly open: string;
  readonly username: string;
  readonly passphrase: string;
  readonly home: string;
}

const ENGLISH: UnlockWords = {
  start: 'Your private diary',
  open: 'Open my diary',
  username: 'Username',
  passphrase: 'Passphrase',
  home: 'My diary',
};

const WELSH: UnlockWords = {
  start: 'Eich dyddiadur preifat',
  open: 'Agor fy nyddiadur',
  username: 'Enw defnyddiwr',
  passphrase: 'Cyfrinymadrodd',
  home: 'Fy nyddiadur',
};

/** A table's body rows, as the text of each cell. */
async function tableRows(scope: import('playwright-core').Locator): Promise<string[][]> {
  return scope
    .locator('table tbody tr')
    .evaluateAll((rows) =>
      rows.map((row) =>
        Array.from(row.querySelectorAll('th, td'), (cell) => (cell.textContent ?? '').trim()),
      ),
    );
}
