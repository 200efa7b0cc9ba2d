/**
 * The vault's risk check and safety plan in Chromium at phone size (390×844), against the real
 * server and database. The account and three incidents (two threats, one visit) are sealed as
 * the app seals them, so the diary hints have something to say. Then, in the browser: the tools
 * are reached from the diary home; a check answering "yes" to threats shows 999 and "press 55"
 * first; a second check shows what changed, in the history too; a plan is built from the ideas,
 * one item ticked, one changed, one deleted; after a reload and after lock and unlock the plan
 * and the checks are back. No note or item text leaves the browser in the clear, every screen
 * passes axe, and the Welsh screens say it in Welsh.
 */
import { randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBenchAccount } from '../../bench/vault-account.js';
import { incidentSchema } from '../../src/domain/diary/index.js';
import { RISK_QUESTIONS } from '../../src/domain/safety/risk-check.js';
import { newRecordId, sealNewRecord } from '../../src/vault/index.js';
import { SAFETY_MESSAGES } from '../../src/web/app/safety/messages.js';
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
import { heading } from '../support/vault-ui.js';

const PASSPHRASE = 'amber heron waits by the weir';
const SHOTS = process.env.DIARY_SCREENSHOTS;
const EN = SAFETY_MESSAGES.en;
const CY = SAFETY_MESSAGES.cy;

function secret(label: string): string {
  return `${label}-${randomBytes(6).toString('hex')}`;
}

describe.skipIf(!HAVE_CHROMIUM)('risk check and safety plan in Chromium', () => {
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

  async function seed(prefix: string): Promise<string> {
    const username = `${prefix}-${Date.now().toString(36)}`;
    const { accountKey, cookie, csrfToken } = await createBenchAccount(
      server.origin,
      username,
      PASSPHRASE,
    );
    const incident = (day: string, behaviours: string[]) =>
      incidentSchema.parse({
        when: { start: `2026-03-${day}T08:30+00:00`, timeZone: 'Europe/London' },
        what: `Seeded ${day}`,
        behaviours,
      });
    for (const value of [
      incident('02', ['threats-harm']),
      incident('04', ['threats-harm']),
      incident('05', ['turning-up']),
    ]) {
      const body = await sealNewRecord(accountKey, 'incident', value, newRecordId());
      const res = await fetch(`${server.origin}/api/records`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie, 'x-mosaic-csrf': csrfToken },
        body: JSON.stringify(body),
      });
      expect(res.status).toBe(201);
    }
    return username;
  }

  async function check(page: Page, screen: string): Promise<void> {
    await page.evaluate(() => window.scrollTo(0, 0));
    const violations = await axeViolations(page);
    expect(violations, `${screen}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
    const sideways = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(sideways, `${screen} scrolls sideways`).toBe(0);
    if (SHOTS !== undefined) {
      await page.screenshot({ path: `${SHOTS}/safety-${screen}.png`, fullPage: true });
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

  /** Answers every question: "yes" to those in `yes`, "no" to the rest. */
  async function answer(
    page: Page,
    yes: readonly string[],
    words: typeof EN,
    note?: string,
  ): Promise<void> {
    for (const q of RISK_QUESTIONS) {
      const group = page.locator(`[data-question="${q}"]`);
      await group
        .getByLabel(yes.includes(q) ? words.risk.answers.yes : words.risk.answers.no, {
          exact: true,
        })
        .check();
    }
    if (note !== undefined) {
      await page.locator('#risk-threats-note').fill(note);
      await page.locator('#risk-threats-date-day').fill('4');
      await page.locator('#risk-threats-date-month').fill('3');
      await page.locator('#risk-threats-date-year').fill('2026');
    }
  }

  it(
    'checks the risk, keeps the history, builds a plan, and keeps both encrypted',
    { timeout: 240_000 },
    async () => {
      const username = await seed('wren');
      const { context } = await watchedContext(browser, server, { viewport: PHONE });
      const page = await context.newPage();
      const bodies: string[] = [];
      const errors: string[] = [];
      page.on('request', (r) => {
        const body = r.postData();
        if (body !== null) bodies.push(body);
      });
      page.on('pageerror', (e) => errors.push(e.message));
      const note = secret('He said he would hurt me');
      const ownItem = secret('Ask Sam to walk me home');
      const editedItem = secret('Keep the phone charged by the bed');

      await unlock(page, '/vault', username, ENGLISH);

      // 1. From the diary home to the risk check: the guide first, the diary's hints beside.
      await page.getByRole('button', { name: EN.risk.title, exact: true }).click();
      await heading(page, EN.risk.title);
      expect(await page.locator('[data-risk-guide]').first().innerText()).toContain(
        'not an assessment',
      );
      await page.locator('[data-question="threats"] [data-diary-hint]').waitFor();
      expect(await page.locator('[data-question="threats"] [data-diary-hint]').innerText()).toBe(
        'Your diary has 2 entries about this.',
      );
      expect(await page.locator('[data-question="visits"] [data-diary-hint]').innerText()).toBe(
        EN.risk.diarySaysOne,
      );
      await check(page, 'risk-form');

      // Nothing answered: the error summary names each question and takes focus.
      await page.getByRole('button', { name: EN.risk.save }).click();
      await page.locator('.error-summary').waitFor();
      expect(await page.locator('.error-summary li').count()).toBe(RISK_QUESTIONS.length);
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.className))
        .toBe('error-summary');
      await check(page, 'risk-form-errors');

      // 2. "Yes" to threats: 999 and 55 come first on the result, before the warning signs.
      await answer(page, ['threats'], EN, note);
      await check(page, 'risk-form-filled');
      await page.getByRole('button', { name: EN.risk.save }).click();
      await heading(page, EN.risk.resultTitle);
      const result = page.locator('[data-risk-result]');
      await result.waitFor();
      const firstChild = await result.evaluate((el) => el.firstElementChild?.textContent ?? '');
      expect(firstChild).toContain('999');
      expect(firstChild).toContain('55');
      expect(await result.innerText()).toContain(EN.risk.questions.threats.meaning);
      expect(await result.innerText()).toContain(note);
      expect(await result.innerText()).toContain('not an assessment');
      expect(await page.locator('[data-share]').innerText()).toContain('0808 802 0300');
      await check(page, 'risk-result');
      if (SHOTS !== undefined) {
        await page.setViewportSize(DESKTOP);
        await page.screenshot({ path: `${SHOTS}/safety-risk-result-desktop.png`, fullPage: true });
        await page.setViewportSize(PHONE);
      }

      // 3. A second check: threats no longer, fear now. The result and the history say so.
      await page.getByRole('button', { name: EN.risk.newCheck }).click();
      await heading(page, EN.risk.title);
      await answer(page, ['fear', 'loitering'], EN);
      await page.getByRole('button', { name: EN.risk.save }).click();
      await heading(page, EN.risk.resultTitle);
      await page.locator('[data-changes]').waitFor();
      expect(await page.locator('[data-change]').count()).toBe(3);
      expect(await page.locator('[data-change="threats"]').innerText()).toContain(
        'Was: Yes. Now: No.',
      );
      await page.getByRole('button', { name: EN.risk.historyLink }).click();
      await heading(page, EN.risk.historyTitle);
      await expect.poll(() => page.locator('[data-check]').count()).toBe(2);
      expect(await page.locator('[data-check]').first().innerText()).toContain(
        'Was: No. Now: Yes.',
      );
      await check(page, 'risk-history');

      // 4. The plan: ideas from the latest check come first; add three, tick, change, delete.
      await page.getByRole('button', { name: 'My diary', exact: true }).click();
      await heading(page, 'My diary');
      await page.getByRole('button', { name: EN.plan.title, exact: true }).click();
      await heading(page, EN.plan.title);
      await page.locator('[data-suggestions]').waitFor();
      const ideas = await page
        .locator('[data-suggestion]')
        .evaluateAll((els) => els.map((el) => el.getAttribute('data-suggestion')));
      // fear and loitering flag people-code-word and places-safe before people-trusted.
      expect(ideas.indexOf('people-code-word')).toBeLessThan(ideas.indexOf('people-trusted'));
      expect(ideas.indexOf('places-safe')).toBeLessThan(ideas.indexOf('people-trusted'));
      await check(page, 'plan-empty');
      for (const key of ['people-code-word', 'bag-phone', 'home-locks'] as const) {
        await page.locator(`#plan-add-${key}`).click();
        await expect.poll(() => page.locator(`[data-suggestion="${key}"]`).count()).toBe(0);
      }
      await page.getByLabel(EN.plan.ownText).fill(ownItem);
      await page.getByLabel(EN.plan.ownSection).selectOption('travel');
      await page.getByRole('button', { name: EN.plan.ownAdd }).click();
      await expect.poll(() => page.locator('[data-item]').count()).toBe(4);

      await page
        .getByRole('checkbox', { name: EN.plan.suggestions['people-code-word'], exact: true })
        .check();
      await expect.poll(() => page.locator('[data-item][data-done="true"]').count()).toBe(1);
      await page
        .getByRole('button', { name: `Change: ${EN.plan.suggestions['bag-phone']}` })
        .click();
      await page.getByLabel(EN.plan.editText).fill(editedItem);
      await page.getByRole('button', { name: EN.plan.saveItem }).click();
      await page.locator('[data-item]', { hasText: editedItem }).waitFor();
      await page
        .getByRole('button', { name: `Delete: ${EN.plan.suggestions['home-locks']}` })
        .click();
      await expect.poll(() => page.locator('[data-item]').count()).toBe(3);
      await expect.poll(() => page.locator('[data-suggestion="home-locks"]').count()).toBe(1);
      await check(page, 'plan');
      if (SHOTS !== undefined) {
        await page.setViewportSize(DESKTOP);
        await page.screenshot({ path: `${SHOTS}/safety-plan-desktop.png`, fullPage: true });
        await page.emulateMedia({ media: 'print' });
        await page.screenshot({ path: `${SHOTS}/safety-plan-print.png`, fullPage: true });
        await page.pdf({ path: `${SHOTS}/safety-plan.pdf`, format: 'A4' });
        await page.emulateMedia({ media: 'screen' });
        await page.setViewportSize(PHONE);
      }
      // In print the plan fits on one or two A4 pages: no bar, no ideas, no buttons.
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('.vault-bar').isVisible()).toBe(false);
      expect(await page.locator('[data-suggestions]').isVisible()).toBe(false);
      expect(await page.locator('[data-print-footer]').innerText()).toContain('0808 802 0300');
      const printHeight = await page.evaluate(() => document.body.scrollHeight);
      await page.emulateMedia({ media: 'screen' });
      expect(printHeight).toBeLessThan(2 * 1123);

      // 5. After a reload (which locks) and after lock and unlock: all of it is back.
      const expectBack = async (): Promise<void> => {
        await page.getByRole('button', { name: EN.plan.title, exact: true }).click();
        await heading(page, EN.plan.title);
        await expect.poll(() => page.locator('[data-item]').count()).toBe(3);
        expect(await page.locator('[data-plan]').innerText()).toContain(editedItem);
        expect(await page.locator('[data-plan]').innerText()).toContain(ownItem);
        expect(await page.locator('[data-item][data-done="true"]').count()).toBe(1);
        await page.getByRole('button', { name: 'My diary', exact: true }).click();
        await heading(page, 'My diary');
        await page.getByRole('button', { name: EN.risk.title, exact: true }).click();
        await heading(page, EN.risk.title);
        await page.getByRole('button', { name: EN.risk.historyLink }).click();
        await heading(page, EN.risk.historyTitle);
        await expect.poll(() => page.locator('[data-check]').count()).toBe(2);
        await page.getByRole('button', { name: 'My diary', exact: true }).click();
        await heading(page, 'My diary');
      };
      await page.reload();
      await unlock(page, '/vault', username, ENGLISH);
      await expectBack();
      await page.locator('[data-lock]').click();
      await heading(page, ENGLISH.start);
      await unlock(page, '/vault', username, ENGLISH);
      await expectBack();

      // Nothing typed crossed the wire in the clear.
      for (const body of bodies) {
        for (const text of [note, ownItem, editedItem, 'people-code-word', 'answeredOn']) {
          expect(body).not.toContain(text);
        }
      }
      expect(bodies.length).toBeGreaterThan(5);
      expect(errors).toEqual([]);
      await context.close();
    },
  );

  it('prints a plan holding every idea on at most two A4 pages', { timeout: 180_000 }, async () => {
    const username = await seed('linnet');
    const { context } = await watchedContext(browser, server, { viewport: DESKTOP });
    const page = await context.newPage();
    await unlock(page, '/vault', username, ENGLISH);
    await page.getByRole('button', { name: EN.plan.title, exact: true }).click();
    await heading(page, EN.plan.title);
    await page.locator('[data-suggestions]').waitFor();
    const total = await page.locator('[data-suggestion]').count();
    for (let i = 0; i < total; i++) {
      await page.locator('[data-suggestion] button').first().click();
      await expect.poll(() => page.locator('[data-item]').count()).toBe(i + 1);
    }
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4' });
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(pages).toBeLessThanOrEqual(2);
    if (SHOTS !== undefined) {
      await page.pdf({ path: `${SHOTS}/safety-plan-full.pdf`, format: 'A4' });
    }
    await context.close();
  });

  it('speaks Welsh on the risk check and the plan', { timeout: 180_000 }, async () => {
    const username = await seed('dryw');
    const { context } = await watchedContext(browser, server, { viewport: PHONE });
    const page = await context.newPage();
    await unlock(page, '/cy/vault', username, WELSH);
    await page.getByRole('button', { name: CY.risk.title, exact: true }).click();
    await heading(page, CY.risk.title);
    await page.locator('[data-question="threats"] [data-diary-hint]').waitFor();
    await page.getByRole('button', { name: CY.risk.save }).click();
    await page.locator('.error-summary', { hasText: CY.risk.answerError }).first().waitFor();
    await check(page, 'cy-risk-form-errors');
    await answer(page, ['violence'], CY);
    await page.getByRole('button', { name: CY.risk.save }).click();
    await heading(page, CY.risk.resultTitle);
    await page.locator('[data-urgent]').waitFor();
    expect(await page.locator('[data-urgent]').innerText()).toContain(CY.risk.urgentTitle);
    expect(await page.locator('[data-risk-result]').innerText()).toContain(
      CY.risk.questions.violence.meaning,
    );
    await check(page, 'cy-risk-result');
    await page.getByRole('button', { name: CY.risk.planLink }).click();
    await heading(page, CY.plan.title);
    await page.locator('#plan-add-bag-documents').click();
    await page.locator('[data-item]', { hasText: CY.plan.suggestions['bag-documents'] }).waitFor();
    expect(await page.locator('[data-plan]').innerText()).toContain(CY.plan.sections.bag);
    await check(page, 'cy-plan');
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
