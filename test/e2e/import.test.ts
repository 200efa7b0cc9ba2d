/**
 * The import flow in Chromium at phone size, against the real server: a newcomer imports a
 * WhatsApp export (read in a Web Worker), picks who sent the messages, checks the preview and
 * adds them; the diary list shows one incident per message or call. Importing the same file
 * again adds nothing, and a later export of the same chat adds only its new messages, grouped
 * as one burst. A file that is not an export gets a clear message; a large one can be stopped
 * while it is read. No message text, name or file content is ever sent in the clear, and every
 * screen passes axe at phone width without scrolling sideways.
 *
 * A second test imports an iPhone export with no direction marks (its first line starts with
 * "["), one entry per day of conversation: the person's own replies are kept inside the entries
 * as theirs, and the threats behaviour is suggested but added only when the person ticks it.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { fileURLToPath } from 'node:url';
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
const SHOTS = process.env.IMPORT_SCREENSHOTS;
const fixture = (name: string): string =>
  fileURLToPath(new URL(`../fixtures/import/${name}`, import.meta.url));
const FIRST = fixture('WhatsApp Chat with Jordan Example.txt');
const LATER = fixture('WhatsApp Chat with Jordan Example (later).txt');
const IPHONE = readFileSync(
  fileURLToPath(new URL('../fixtures/imports/whatsapp/iphone-no-marks.txt', import.meta.url)),
);

describe.skipIf(!HAVE_CHROMIUM)('importing messages in Chromium', () => {
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
    'imports a WhatsApp chat once, however often it is imported',
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
        // Nothing is wider than the phone's screen.
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        expect(overflow, `${screen} scrolls sideways`).toBeLessThanOrEqual(0);
        if (SHOTS !== undefined) {
          await page.screenshot({ path: `${SHOTS}/${screen}.png`, fullPage: true });
        }
      };
      const startImport = async (): Promise<void> => {
        await page.getByRole('button', { name: 'My diary', exact: true }).click();
        await heading(page, 'My diary');
        await page.getByRole('button', { name: 'Import messages from your phone' }).click();
        await heading(page, 'Import messages');
      };
      const read = async (file: string): Promise<void> => {
        await page.getByLabel('Choose the file').setInputFiles(file);
        await page.getByRole('button', { name: 'Read the file' }).click();
        await heading(page, 'Whose messages do you want to add?');
      };

      await signUp(page, `finch-${Date.now().toString(36)}`);
      await startImport();
      await check('import-choose');

      // No file, then a file that is not an export: a clear message, nothing changes.
      await page.getByRole('button', { name: 'Read the file' }).click();
      await page.locator('.error-summary').waitFor();
      expect(await page.locator('#import-file-error').innerText()).toContain(
        'Choose a file to import',
      );
      await check('import-choose-error');
      await page.getByLabel('Choose the file').setInputFiles({
        name: 'shopping.txt',
        mimeType: 'text/plain',
        buffer: Buffer.from('eggs\nmilk\nbread\n'),
      });
      await page.getByRole('button', { name: 'Read the file' }).click();
      await expect
        .poll(() => page.locator('#import-file-error').innerText())
        .toContain('This is not a file Mosaic can read');
      expect(await page.locator('#import-file-error').innerText()).toContain(
        'Nothing was added to your diary.',
      );

      // A large file shows its progress and can be stopped: the worker is ended, nothing kept.
      // Given by path, not as a buffer: Playwright would send 48 MB through the DevTools protocol
      // as base64, which a busy two-core machine can take longer than a test's deadline to do.
      const line = '14/01/2025, 09:02 - Jordan Example: the same words again and again\n';
      const large = path.join(
        mkdtempSync(path.join(os.tmpdir(), 'mosaic-import-')),
        'WhatsApp Chat with Jordan Example.txt',
      );
      writeFileSync(large, line.repeat(Math.ceil((48 * 1024 * 1024) / line.length)));
      await page.getByLabel('Choose the file').setInputFiles(large);
      await page.getByRole('button', { name: 'Read the file' }).click();
      await page.locator('.import-progress__bar').waitFor();
      await check('import-reading');
      await page.getByRole('button', { name: 'Stop reading' }).click();
      await page.getByText('Mosaic stopped reading the file.').waitFor();
      expect(await page.locator('.import-progress__bar').count()).toBe(0);
      // Only now: the browser reads a chosen file from disk as it goes.
      rmSync(path.dirname(large), { recursive: true });
      await heading(page, 'Import messages');

      // 1. Read the export in the worker; the owner's own messages are not offered.
      await read(FIRST);
      expect(await page.locator('[data-import-found]').innerText()).toBe(
        'Mosaic found 7 messages and 1 call in this file.',
      );
      expect(await page.getByRole('checkbox').count()).toBe(1);
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.locator('.error-summary').waitFor();
      await check('import-senders-error');
      await page.getByRole('checkbox', { name: 'Jordan Example' }).check();
      await check('import-senders');
      await page.getByRole('button', { name: 'Continue' }).click();

      // 2. A new person, named from the export.
      await heading(page, 'Who is this person?');
      await page.getByRole('radio', { name: 'Someone new' }).check();
      expect(await page.getByLabel('Their name, or words to describe them').inputValue()).toBe(
        'Jordan Example',
      );
      await check('import-person');
      await page.getByRole('button', { name: 'Continue' }).click();

      // 3. WhatsApp times have no zone: ask, defaulting to the browser's.
      await heading(page, 'How should they be added?');
      await page.getByLabel('Which time zone were you in?').selectOption('Europe/London');
      await check('import-settings');
      await page.getByRole('button', { name: 'Continue' }).click();

      // 4. The preview: counts, first and last, per day.
      await heading(page, 'Check before you add them');
      await page.locator('[data-preview="entries"]').waitFor();
      expect(await page.locator('[data-preview="messages"]').innerText()).toBe('6');
      expect(await page.locator('[data-preview="calls"]').innerText()).toBe('1');
      expect(await page.locator('[data-preview="entries"]').innerText()).toBe('7');
      expect(await page.locator('[data-preview="person"]').innerText()).toBe('Jordan Example');
      expect(await page.locator('[data-preview="first"]').innerText()).toBe(
        '14 January 2025 at 09:02',
      );
      expect(await page.locator('[data-preview="last"]').innerText()).toBe(
        '16 January 2025 at 23:59',
      );
      const days = await page.locator('[data-preview="days"] tbody tr').allInnerTexts();
      expect(days.map((d) => d.split(/\s+/).join(' '))).toEqual([
        '14 January 2025 3 1',
        '15 January 2025 2 0',
        '16 January 2025 1 0',
      ]);
      await check('import-preview');
      await page.getByRole('button', { name: 'Add 7 entries to my diary' }).click();

      // 5. One incident each, in the diary list.
      await heading(page, 'Incidents');
      await page.locator('.notice', { hasText: '7 entries were added to your diary.' }).waitFor();
      await expect.poll(() => page.locator('[data-incident]').count()).toBe(7);
      const list = await page.locator('[data-incidents]').innerText();
      expect(list).toContain('marmalade-41');
      await check('import-incidents');

      // 6. The same file again adds nothing.
      await startImport();
      await read(FIRST);
      await page.getByRole('checkbox', { name: 'Jordan Example' }).check();
      await page.getByRole('button', { name: 'Continue' }).click();
      await heading(page, 'Who is this person?');
      await page.getByRole('radio', { name: 'Jordan Example' }).check();
      await page.getByRole('button', { name: 'Continue' }).click();
      await heading(page, 'How should they be added?');
      await page.getByLabel('Which time zone were you in?').selectOption('Europe/London');
      await page.getByRole('button', { name: 'Continue' }).click();
      await heading(page, 'Check before you add them');
      await page.locator('[data-preview="nothing-new"]').waitFor();
      expect(await page.locator('[data-preview="already"]').innerText()).toContain(
        '7 messages or calls from this file are already in your diary',
      );
      expect(await page.getByRole('button', { name: /^Add .* to my diary$/ }).count()).toBe(0);
      await check('import-preview-nothing-new');

      // 7. A later export of the same chat: only the two new messages, as one burst.
      await page.getByRole('button', { name: 'Choose a different file' }).click();
      await heading(page, 'Import messages');
      await read(LATER);
      await page.getByRole('checkbox', { name: 'Jordan Example' }).check();
      await page.getByRole('button', { name: 'Continue' }).click();
      await heading(page, 'Who is this person?');
      await page.getByRole('radio', { name: 'Jordan Example' }).check();
      await page.getByRole('button', { name: 'Continue' }).click();
      await heading(page, 'How should they be added?');
      await page.getByLabel('Which time zone were you in?').selectOption('Europe/London');
      await page.getByRole('radio', { name: 'One entry for messages sent close together' }).check();
      await page.getByLabel('Close together means within this many minutes').fill('0');
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.locator('#import-minutes-error').waitFor();
      await check('import-settings-error');
      await page.getByLabel('Close together means within this many minutes').fill('5');
      await page.getByRole('button', { name: 'Continue' }).click();
      await heading(page, 'Check before you add them');
      await page.locator('[data-preview="entries"]').waitFor();
      expect(await page.locator('[data-preview="messages"]').innerText()).toBe('2');
      expect(await page.locator('[data-preview="entries"]').innerText()).toBe('1');
      await page.getByRole('button', { name: 'Add 1 entry to my diary' }).click();
      await heading(page, 'Incidents');
      await expect.poll(() => page.locator('[data-incident]').count()).toBe(8);
      expect(await page.locator('[data-incidents]').innerText()).toContain('quince-77');

      // Each export file is kept, encrypted, as an evidence item the imported entries link to.
      await page.getByRole('button', { name: /quince-77/ }).click();
      await heading(page, 'Incident');
      await page
        .locator('[data-incident-evidence]')
        .getByRole('button', { name: /WhatsApp Chat with Jordan Example \(later\)/ })
        .waitFor();
      await page.getByRole('button', { name: 'My diary', exact: true }).click();
      await heading(page, 'My diary');
      await page.getByRole('button', { name: 'See and add evidence' }).click();
      await heading(page, 'Evidence');
      await expect.poll(() => page.locator('[data-evidence]').count()).toBe(2);

      // Nothing from the file left the browser in the clear.
      const sent = bodies.join('\n');
      for (const text of ['marmalade-41', 'quince-77', 'Jordan Example', 'I know your shifts']) {
        expect(sent).not.toContain(text);
      }
      expect(bodies.length).toBeGreaterThan(8);
      expect(errors).toEqual([]);
      await context.close();
    },
  );
  it(
    'imports an iPhone export without marks, one entry per day, with replies and threats',
    { timeout: 240_000 },
    async () => {
      const { context } = await watchedContext(browser, server, { viewport: PHONE });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      const check = async (screen: string): Promise<void> => {
        const violations = await axeViolations(page);
        expect(violations, `${screen}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        expect(overflow, `${screen} scrolls sideways`).toBeLessThanOrEqual(0);
        if (SHOTS !== undefined) {
          await page.screenshot({ path: `${SHOTS}/${screen}.png`, fullPage: true });
        }
      };
      /** Reads a file, picks Alex Example as a new or known person, and sets the zone. */
      const readAndChoose = async (buffer: Buffer, person: string): Promise<void> => {
        await page.getByRole('button', { name: 'My diary', exact: true }).click();
        await heading(page, 'My diary');
        await page.getByRole('button', { name: 'Import messages from your phone' }).click();
        await heading(page, 'Import messages');
        await page.getByLabel('Choose the file').setInputFiles({
          name: 'WhatsApp Chat with Alex Example.txt',
          mimeType: 'text/plain',
          buffer,
        });
        await page.getByRole('button', { name: 'Read the file' }).click();
        await heading(page, 'Whose messages do you want to add?');
        expect(await page.getByRole('checkbox').count()).toBe(1);
        await page.getByRole('checkbox', { name: 'Alex Example' }).check();
        await page.getByRole('button', { name: 'Continue' }).click();
        await heading(page, 'Who is this person?');
        await page.getByRole('radio', { name: person }).check();
        await page.getByRole('button', { name: 'Continue' }).click();
        await heading(page, 'How should they be added?');
        await page.getByLabel('Which time zone were you in?').selectOption('Europe/London');
      };
      const preview = (field: string): Promise<string> =>
        page.locator(`[data-preview="${field}"]`).innerText();
      const byDay = (): ReturnType<Page['getByRole']> =>
        page.getByRole('radio', { name: 'One entry for each day of messages' });

      await signUpInBrowser(page, server.origin, `wren-${Date.now().toString(36)}`, PASSPHRASE);

      // 1. The first two days only (8 messages from Alex): one entry each is offered first;
      // the person chooses one entry per day.
      const lines = IPHONE.toString('utf8').split('\n');
      const twoDays = Buffer.from(`${lines.slice(0, 12).join('\n')}\n`);
      await readAndChoose(twoDays, 'Someone new');
      expect(
        await page.getByRole('radio', { name: 'One entry for each message or call' }).isChecked(),
      ).toBe(true);
      await byDay().check();
      await page.getByRole('button', { name: 'Continue' }).click();
      await heading(page, 'Check before you add them');
      await page.locator('[data-preview="entries"]').waitFor();
      expect(await preview('messages')).toBe('8');
      expect(await preview('calls')).toBe('1');
      // 14 and 15 March as a day of messages each, and the missed call on its own.
      expect(await preview('entries')).toBe('3');
      expect(await preview('own-replies')).toBe('2');
      // The suggestion is shown, and never ticked for the person; it is left unticked here.
      const threats = page.locator('[data-threats]');
      await threats.waitFor();
      expect(await threats.innerText()).toContain('Some messages look like threats');
      expect(await page.locator('[data-threat-quotes] li').allInnerTexts()).toEqual([
        'I know where you live',
        "You'll regret this. tangerine-58",
      ]);
      const box = page.getByRole('checkbox', { name: 'Yes, add it to this entry' });
      expect(await box.isChecked()).toBe(false);
      await check('import-day-preview');
      await page.getByRole('button', { name: 'Add 3 entries to my diary' }).click();
      await heading(page, 'Incidents');
      await expect.poll(() => page.locator('[data-incident]').count()).toBe(3);
      // The channel is not a place: no "· At WhatsApp" line for imported entries.
      expect(await page.locator('[data-incidents]').innerText()).not.toMatch(/· At /);

      // The 15 March entry: Alex's messages with the person's reply inside, marked as theirs,
      // and no threats behaviour, as the person did not tick it.
      await page.getByRole('button', { name: /tangerine-58/ }).click();
      await heading(page, 'Incident');
      const items = page.locator('[data-imported-item]');
      expect(await items.count()).toBe(4);
      const own = page.locator('[data-imported-item][data-own]');
      expect(await own.count()).toBe(1);
      expect(await own.innerText()).toContain('Your reply');
      expect(await own.innerText()).toContain("I'm going to the police.");
      expect(await page.locator('main').innerText()).not.toContain('Threats to harm you');
      await check('import-day-incident');

      // 2. The whole export: 11 messages from Alex, so one entry per day is chosen first. Only
      // 16 March is new; the person ticks the suggestion, and only then is it added.
      await readAndChoose(IPHONE, 'Alex Example');
      expect(await byDay().isChecked()).toBe(true);
      await check('import-day-settings');
      await page.getByRole('button', { name: 'Continue' }).click();
      await heading(page, 'Check before you add them');
      await page.locator('[data-preview="entries"]').waitFor();
      expect(await preview('already')).toContain('9 messages or calls from this file');
      expect(await preview('messages')).toBe('3');
      expect(await preview('entries')).toBe('1');
      expect(await preview('own-replies')).toBe('1');
      await page.locator('[data-threats]').waitFor();
      const tick = page.getByRole('checkbox', { name: 'Yes, add it to this entry' });
      expect(await tick.isChecked()).toBe(false);
      await tick.check();
      await check('import-day-threats');
      await page.getByRole('button', { name: 'Add 1 entry to my diary' }).click();
      await heading(page, 'Incidents');
      await expect.poll(() => page.locator('[data-incident]').count()).toBe(4);
      await page.getByRole('button', { name: /Watch your back/ }).click();
      await heading(page, 'Incident');
      expect(await page.locator('main').innerText()).toContain(
        'Threats to harm you or people close to you',
      );
      expect(await page.locator('[data-imported-item][data-own]').innerText()).toContain(
        'I have told you to stop.',
      );
      expect(await page.locator('[data-imported-item]').count()).toBe(4);
      await check('import-day-incident-threats');
      expect(errors).toEqual([]);
      await context.close();
    },
  );
});
