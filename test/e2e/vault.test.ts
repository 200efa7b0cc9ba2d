/**
 * The private diary in Debian's Chromium at phone size, against the real server and database:
 * sign up with the recovery check, write a note, lock and unlock, edit it (two revisions),
 * quick exit, recover with the recovery words, delete the account. Along the way: the secret
 * text never appears in a request, a URL, the database or the tab title; nothing is left in
 * browser storage after lock or quick exit; every screen passes axe.
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

const PASSPHRASE = 'purple tractor sings quietly';
const NEW_PASSPHRASE = 'lantern harbour drifts at noon';

/** Unique per run, so a match can only come from this test. */
function secret(label: string): string {
  return `${label}-${randomBytes(6).toString('hex')}`;
}

describe.skipIf(!HAVE_CHROMIUM)('private diary in Chromium', () => {
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

  /** Rows of every vault table, binary columns as text both ways, for searching. */
  async function databaseText(): Promise<string> {
    const db = server.database.db;
    const tables = [
      await db.selectFrom('accounts').selectAll().execute(),
      await db.selectFrom('sessions').selectAll().execute(),
      await db.selectFrom('records').selectAll().execute(),
      await db.selectFrom('record_revisions').selectAll().execute(),
    ];
    return JSON.stringify(tables, (_key, value: unknown) =>
      value instanceof Uint8Array
        ? `${Buffer.from(value).toString('utf8')} ${Buffer.from(value).toString('latin1')}`
        : value,
    );
  }

  async function noAxeViolations(page: Page, screen: string): Promise<void> {
    const violations = await axeViolations(page);
    expect(violations, `${screen}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
  }

  /** Waits for the screen whose main heading is exactly `text`. */
  async function heading(page: Page, text: string): Promise<void> {
    await page
      .getByRole('heading', { level: 1, name: text, exact: true })
      .waitFor({ timeout: 30_000 });
  }

  /** What is left in the browser for someone who picks the device up. */
  async function leftBehind(page: Page) {
    return page.evaluate(async () => ({
      localStorage: localStorage.length,
      sessionStorage: sessionStorage.length,
      indexedDB: (await indexedDB.databases()).length,
      caches: (await caches.keys()).length,
      cookie: document.cookie,
      text: document.body.innerText,
      title: document.title,
      url: location.href,
    }));
  }

  async function signUp(page: Page, username: string, check: (screen: string) => Promise<void>) {
    await page.goto(`${server.origin}/vault`);
    await heading(page, 'Your private diary');
    await check('start');
    await page.getByRole('button', { name: 'Create a private diary' }).click();
    await heading(page, 'Choose a username');
    await check('username');
    await page.getByLabel('Username').fill(username);
    await page.getByRole('button', { name: 'Continue' }).click();

    await heading(page, 'Choose a passphrase');
    await page.getByLabel('Passphrase', { exact: true }).fill('password1234');
    await page.getByRole('button', { name: 'Continue' }).click();
    // GOV.UK error summary: focused, linking to the field, with the message above the field.
    await page.locator('.error-summary').waitFor();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.className))
      .toBe('error-summary');
    // document.title follows in an effect, a moment after the summary is drawn.
    await expect.poll(() => page.title()).toMatch(/^Error: /);
    await expect
      .poll(() => page.locator('.error-summary a').getAttribute('href'))
      .toBe('#passphrase');
    expect(await page.locator('#passphrase-error').innerText()).toContain('too easy to guess');
    await check('passphrase with error');
    await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
    expect(await page.locator('.strength__summary').innerText()).toBe('Strength: Strong.');
    await page.getByRole('button', { name: 'Continue' }).click();

    await heading(page, 'Type your passphrase again');
    await check('confirm passphrase');
    await page.getByLabel('Passphrase again', { exact: true }).fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Continue' }).click();

    await heading(page, 'Write down your recovery key');
    await check('recovery key');
    const words = await page.locator('[data-recovery-words] .recovery-words__word').allInnerTexts();
    expect(words).toHaveLength(24);
    await page.getByRole('button', { name: 'I have written them down' }).click();

    await heading(page, 'Check your recovery key');
    await check('recovery check');
    const labels = await page.locator('label[for^="word-"]').allInnerTexts();
    const positions = labels.map((l) => Number(/\d+/.exec(l)?.[0]));
    expect(positions).toHaveLength(2);
    await page.locator('#word-1').fill('wrong');
    await page.locator('#word-2').fill(words[positions[1]! - 1]!);
    await page.getByRole('button', { name: 'Create my diary' }).click();
    await page.locator('#word-1-error').waitFor();
    expect(await page.locator('#word-1-error').innerText()).toContain('does not match');
    await page.locator('#word-1').fill(words[positions[0]! - 1]!.toUpperCase());
    await page.getByRole('button', { name: 'Create my diary' }).click();

    await heading(page, 'Your private diary is ready');
    await check('account created');
    await page.getByRole('button', { name: 'Go to my diary' }).click();
    await heading(page, 'My diary');
    return words;
  }

  async function unlock(page: Page, username: string, passphrase: string): Promise<void> {
    await page.getByRole('button', { name: 'Open my diary' }).click();
    await heading(page, 'Open my diary');
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
    await page.getByRole('button', { name: 'Open my diary' }).click();
  }

  it(
    'keeps a diary the server cannot read, from sign-up to recovery and deletion',
    { timeout: 240_000 },
    async () => {
      const { context, requests } = await watchedContext(browser, server, { viewport: PHONE });
      const page = await context.newPage();
      const bodies: string[] = [];
      const titles: string[] = [];
      const consoleErrors: string[] = [];
      page.on('request', (r) => {
        const body = r.postData();
        if (body !== null) bodies.push(body);
      });
      page.on('console', (m) => {
        if (m.type() === 'error') consoleErrors.push(m.text());
      });
      page.on('pageerror', (e) => consoleErrors.push(e.message));
      const screens: string[] = [];
      const check = async (screen: string): Promise<void> => {
        screens.push(screen);
        titles.push(await page.title());
        await noAxeViolations(page, screen);
      };

      const username = `fox-${Date.now().toString(36)}`;
      const bodySecret = secret('zebra-lantern');
      const titleSecret = secret('silver-car');

      // 1. Sign up, passing the recovery check.
      const words = await signUp(page, username, check);
      await check('diary, empty');
      expect(await page.locator('[data-lock]').isVisible()).toBe(true);

      // 2. A note with a unique secret phrase.
      await page.getByRole('button', { name: 'Write in your journal' }).click();
      await heading(page, 'Write in your journal');
      await check('add an entry');
      await page.getByLabel('Title (optional)').fill(`Seen again ${titleSecret}`);
      await page.getByLabel('Your journal entry').fill(`A car was outside work. ${bodySecret}`);
      await page.getByRole('button', { name: 'Save journal entry' }).click();
      await page.locator('[data-note-body]').waitFor();
      expect(await page.locator('[data-note-body]').innerText()).toContain(bodySecret);
      await check('entry');

      // 3. Lock, then unlock, and see the note.
      await page.locator('[data-lock]').click();
      await heading(page, 'Your private diary');
      expect(await page.locator('.notice').innerText()).toBe('Your diary is locked.');
      await check('locked');
      const afterLock = await leftBehind(page);
      expect(afterLock).toMatchObject({
        localStorage: 0,
        sessionStorage: 0,
        indexedDB: 0,
        caches: 0,
        cookie: '',
        url: `${server.origin}/vault`,
      });
      expect(afterLock.text).not.toContain(bodySecret);
      expect(afterLock.text).not.toContain(titleSecret);
      expect(await page.locator('[data-lock]').count()).toBe(0);

      await unlock(page, username, PASSPHRASE);
      // The key takes a moment to derive: the person is told.
      await page.locator('.busy__message', { hasText: 'Opening your diary' }).waitFor();
      await heading(page, 'My diary');
      await page.locator('[data-entries]').waitFor();
      expect(await page.locator('[data-entries]').innerText()).toContain(titleSecret);
      expect(await page.locator('[data-entries]').innerText()).toContain(bodySecret);
      await check('diary with an entry');

      // 7. Edit the note: a second revision, marked as edited, with both versions to see.
      await page.getByRole('button', { name: `Seen again ${titleSecret}` }).click();
      await page.locator('[data-note-body]').waitFor();
      await page.getByRole('button', { name: 'Edit' }).click();
      await heading(page, 'Edit a journal entry');
      await check('edit an entry');
      expect(await page.getByLabel('Your journal entry').inputValue()).toContain(bodySecret);
      await page
        .getByLabel('Your journal entry')
        .fill(`A car was outside work again. ${bodySecret}`);
      await page.getByRole('button', { name: 'Save journal entry' }).click();
      await page.locator('.notice', { hasText: 'Your journal entry has been updated.' }).waitFor();
      expect(await page.locator('.summary-list').innerText()).toContain('Edited');
      await page.getByRole('button', { name: 'See all 2 versions' }).click();
      await heading(page, 'Versions of this entry');
      await page.locator('[data-versions]').waitFor();
      const versions = page.locator('[data-versions] > li');
      expect(await versions.count()).toBe(2);
      expect(await versions.nth(0).innerText()).toContain('Version 1');
      expect(await versions.nth(0).innerText()).toContain('A car was outside work.');
      expect(await versions.nth(0).innerText()).toMatch(/Saved on \d{1,2} \w+ \d{4} at \d\d:\d\d/);
      expect(await versions.nth(1).innerText()).toContain('Version 2');
      expect(await versions.nth(1).innerText()).toContain('(current)');
      expect(await versions.nth(1).innerText()).toContain('outside work again');
      await check('versions');

      // A second note, deleted after a confirmation.
      await page.getByRole('button', { name: 'My diary', exact: true }).click();
      await page.getByRole('button', { name: 'Write in your journal' }).click();
      await heading(page, 'Write in your journal');
      await page.getByLabel('Title (optional)').fill('Written by mistake');
      await page.getByRole('button', { name: 'Save journal entry' }).click();
      await page.locator('.notice', { hasText: 'Your journal entry has been saved.' }).waitFor();
      await page.getByRole('button', { name: 'Delete', exact: true }).click();
      await heading(page, 'Delete this journal entry?');
      await check('delete an entry');
      await page.getByRole('button', { name: 'No, keep it' }).click();
      await heading(page, 'Written by mistake');
      await page.getByRole('button', { name: 'Delete', exact: true }).click();
      await page.getByRole('button', { name: 'Yes, delete it' }).click();
      await heading(page, 'My diary');
      await page.locator('.notice', { hasText: 'The journal entry has been deleted.' }).waitFor();
      await page.locator('[data-entries]').waitFor();
      expect(await page.locator('[data-entries] > li').count()).toBe(1);

      // Settings: this session is listed; the passphrase form explains its errors.
      await page.getByRole('button', { name: 'Settings', exact: true }).click();
      await heading(page, 'Settings');
      await page.locator('[data-sessions]').waitFor();
      expect(await page.locator('[data-sessions]').innerText()).toContain('This device');
      await check('settings');
      await page.getByRole('button', { name: 'Change passphrase' }).click();
      await heading(page, 'Change your passphrase');
      await page.getByRole('button', { name: 'Change passphrase' }).click();
      await page.locator('.error-summary').waitFor();
      expect(await page.locator('.error-summary').innerText()).toContain(
        'Enter your current passphrase',
      );
      await check('change passphrase with errors');
      await page.getByRole('button', { name: 'Settings', exact: true }).click();
      await heading(page, 'Settings');

      // 5. The database holds the note, and never the phrase.
      const account = await server.database.db
        .selectFrom('accounts')
        .select('id')
        .where('username', '=', username)
        .executeTakeFirstOrThrow();
      // (Leaving out the vault's own receipt-log record, pinned at sign-up: docs §9.)
      const records = await server.database.db
        .selectFrom('records')
        .selectAll()
        .where('account_id', '=', account.id)
        .where('type', '!=', 'receipt-log')
        .execute();
      const revisions = await server.database.db
        .selectFrom('record_revisions')
        .selectAll()
        .where('account_id', '=', account.id)
        .where('type', '!=', 'receipt-log')
        .execute();
      expect(records).toHaveLength(1);
      expect(records[0]).toMatchObject({ type: 'note', revision: 2 });
      expect(revisions).toHaveLength(2);
      for (const row of [...records, ...revisions]) {
        for (const encoding of ['utf8', 'latin1', 'base64url'] as const) {
          const text = Buffer.from(row.ciphertext).toString(encoding);
          expect(text).not.toContain(bodySecret);
          expect(text).not.toContain(titleSecret);
        }
      }
      const everything = await databaseText();
      for (const hidden of [bodySecret, titleSecret, PASSPHRASE, words.join(' ')]) {
        expect(everything).not.toContain(hidden);
      }

      // 6. Quick exit: locked in the same moment, nothing readable left behind.
      await page.getByRole('button', { name: 'My diary', exact: true }).click();
      await page.locator('[data-entries]').waitFor();
      let release: () => void = () => {};
      const held = new Promise<void>((resolve) => (release = resolve));
      await page.route(`${server.config.profile.quickExit.url}**`, async (route) => {
        await held;
        await route.fulfill({ status: 200, contentType: 'text/html', body: '<title>N</title>' });
      });
      const atExit = await page.evaluate(async () => {
        document.querySelector<HTMLElement>('[data-quick-exit-button]')?.click();
        return {
          text: document.body.innerText,
          lockButtons: document.querySelectorAll('[data-lock]').length,
          localStorage: localStorage.length,
          sessionStorage: sessionStorage.length,
          indexedDB: (await indexedDB.databases()).length,
          caches: (await caches.keys()).length,
          cookie: document.cookie,
        };
      });
      expect(atExit).toMatchObject({
        lockButtons: 0,
        localStorage: 0,
        sessionStorage: 0,
        indexedDB: 0,
        caches: 0,
        cookie: '',
      });
      expect(atExit.text).not.toContain(bodySecret);
      expect(atExit.text).not.toContain(titleSecret);
      release();
      await page.waitForURL(`${server.config.profile.quickExit.url}**`);
      // The session was ended on the server too (a keepalive request, not waited for).
      await expect
        .poll(
          async () =>
            (
              await server.database.db
                .selectFrom('sessions')
                .select('id')
                .where('account_id', '=', account.id)
                .execute()
            ).length,
        )
        .toBe(0);

      // 8. Recovery with the words (typed loosely), then the old passphrase fails.
      await page.goto(`${server.origin}/vault`);
      await heading(page, 'Your private diary');
      await page.getByRole('button', { name: 'I have lost my passphrase' }).click();
      await heading(page, 'Use your recovery key');
      await check('recover');
      await page.getByLabel('Username').fill(username.toUpperCase());
      const typed = words.map((w, i) => `${i + 1}. ${i % 2 === 0 ? w.toUpperCase() : w}`);
      await page.getByLabel('Recovery key').fill(typed.join('\n'));
      await page.getByRole('button', { name: 'Continue' }).click();
      await heading(page, 'Choose a new passphrase');
      await check('new passphrase');
      await page.getByLabel('New passphrase', { exact: true }).fill(NEW_PASSPHRASE);
      await page.getByLabel('New passphrase again').fill(NEW_PASSPHRASE);
      await page.getByRole('button', { name: 'Save and open my diary' }).click();
      await heading(page, 'My diary');
      await page.locator('.notice', { hasText: 'Your new passphrase is set.' }).waitFor();
      await page.locator('[data-entries]').waitFor();
      expect(await page.locator('[data-entries]').innerText()).toContain(titleSecret);

      await page.locator('[data-lock]').click();
      await heading(page, 'Your private diary');
      await unlock(page, username, PASSPHRASE);
      await page.locator('.error-summary').waitFor({ timeout: 30_000 });
      expect(await page.locator('.error-summary').innerText()).toContain(
        'The username or passphrase is not right',
      );
      await check('open, wrong passphrase');
      await page.getByLabel('Passphrase', { exact: true }).fill(NEW_PASSPHRASE);
      await page.getByRole('button', { name: 'Open my diary' }).click();
      await heading(page, 'My diary');
      // The wrong try is told once, plainly, with a way straight to changing the passphrase.
      const told = page.locator('[data-failed-attempts]');
      await told
        .getByText(
          'Since you last signed in, someone tried once to open your diary with the wrong passphrase.',
        )
        .waitFor();
      await check('home, a failed attempt told');
      await told.getByRole('button', { name: 'Change your passphrase' }).click();
      await heading(page, 'Change your passphrase');
      await page.getByRole('button', { name: 'Back' }).click();
      await heading(page, 'Settings');

      // 9. Deleting the account removes every row it had.
      await page.getByRole('button', { name: 'Settings', exact: true }).click();
      await heading(page, 'Settings');
      await page.getByRole('button', { name: 'Delete my diary and account' }).click();
      await heading(page, 'Delete your diary and account');
      await check('delete account');
      await page.getByLabel('Type your username to confirm').fill(username);
      await page.getByLabel('Your passphrase').fill(NEW_PASSPHRASE);
      await page.getByRole('button', { name: 'Delete my diary permanently' }).click();
      await heading(page, 'Your private diary');
      await page
        .locator('.notice', { hasText: 'Your diary and account have been deleted.' })
        .waitFor();
      await check('deleted');
      const db = server.database.db;
      const left = await Promise.all([
        db.selectFrom('records').select('id').where('account_id', '=', account.id).execute(),
        db
          .selectFrom('record_revisions')
          .select('record_id')
          .where('account_id', '=', account.id)
          .execute(),
        db.selectFrom('sessions').select('id').where('account_id', '=', account.id).execute(),
        db.selectFrom('accounts').select('id').where('id', '=', account.id).execute(),
      ]);
      expect(left.map((rows) => rows.length)).toEqual([0, 0, 0, 0]);

      // 4. No request body or address ever carried the secrets, the passphrases or the words.
      expect(bodies.length).toBeGreaterThan(10);
      const sent = [...bodies, ...requests].join('\n');
      for (const hidden of [bodySecret, titleSecret, PASSPHRASE, NEW_PASSPHRASE]) {
        expect(sent).not.toContain(hidden);
      }
      expect(sent).not.toContain(words.join(' '));
      // Single words are looked for in what was sent (JSON values, query strings), not in the
      // API's own addresses and keys: "current" or "record" are recovery words too.
      const sentValues = [
        ...bodies.flatMap((body) => jsonStringValues(body)),
        ...requests.flatMap((url) => [...new URL(url).searchParams.values()]),
      ];
      const wordSet = new Set(words.filter((w) => w.length >= 6).map((w) => w.toLowerCase()));
      // Ciphertexts and keys are base64url: letters in them are noise, not words.
      for (const value of sentValues.filter((v) => !/^[A-Za-z0-9_-]{16,}$/.test(v))) {
        const leaked = value
          .toLowerCase()
          .split(/[^a-z]+/)
          .filter((token) => wordSet.has(token));
        expect(leaked, value).toEqual([]);
      }
      // The tab title never held diary text, and nothing left this site.
      expect(titles.length).toBe(screens.length);
      for (const title of titles) {
        expect(title).not.toContain(bodySecret);
        expect(title).not.toContain(titleSecret);
      }
      const exitOrigin = new URL(server.config.profile.quickExit.url).origin;
      expect(
        requests.filter((u) => !u.startsWith(server.origin) && !u.startsWith(exitOrigin)),
      ).toEqual([]);
      // The browser logs the one refused sign-in (401, the old passphrase); nothing else.
      expect(consoleErrors).toEqual([
        'Failed to load resource: the server responded with a status of 401 (Unauthorized)',
      ]);
      await context.close();
    },
  );

  it(
    'asks for another username when the chosen one is taken, keeping the same recovery key',
    {
      timeout: 120_000,
    },
    async () => {
      const { context } = await watchedContext(browser, server, { viewport: PHONE });
      const page = await context.newPage();
      const taken = `hare-${Date.now().toString(36)}`;
      await signUp(page, taken, async () => {});
      await page.locator('[data-lock]').click();
      await heading(page, 'Your private diary');
      // The same name again: refused only when the account is created, after the recovery check.
      const words = await signUpUntilTaken(page, taken);
      await page.locator('#username-error').waitFor();
      expect(await page.locator('#username-error').innerText()).toContain('already taken');
      await noAxeViolations(page, 'username taken');
      await page.getByLabel('Username').fill(`${taken}-2`);
      await page.getByRole('button', { name: 'Continue' }).click();
      await heading(page, 'Your private diary is ready');
      // The recovery key shown before is the one that works.
      await page.locator('[data-lock]').click();
      await heading(page, 'Your private diary');
      await page.getByRole('button', { name: 'I have lost my passphrase' }).click();
      await page.getByLabel('Username').fill(`${taken}-2`);
      await page.getByLabel('Recovery key').fill(words.join(' '));
      await page.getByRole('button', { name: 'Continue' }).click();
      await heading(page, 'Choose a new passphrase');
      await context.close();
    },
  );

  async function signUpUntilTaken(page: Page, username: string): Promise<string[]> {
    await page.getByRole('button', { name: 'Create a private diary' }).click();
    await page.getByLabel('Username').fill(username);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByLabel('Passphrase again', { exact: true }).fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Continue' }).click();
    await heading(page, 'Write down your recovery key');
    const words = await page.locator('[data-recovery-words] .recovery-words__word').allInnerTexts();
    await page.getByRole('button', { name: 'I have written them down' }).click();
    const labels = await page.locator('label[for^="word-"]').allInnerTexts();
    const [a, b] = labels.map((l) => Number(/\d+/.exec(l)?.[0]));
    await page.locator('#word-1').fill(words[a! - 1]!);
    await page.locator('#word-2').fill(words[b! - 1]!);
    await page.getByRole('button', { name: 'Create my diary' }).click();
    await heading(page, 'Choose a username');
    return words;
  }

  it('ends a session signed in elsewhere; that device locks', { timeout: 120_000 }, async () => {
    const first = await watchedContext(browser, server, { viewport: PHONE });
    const second = await watchedContext(browser, server, { viewport: PHONE });
    const page = await first.context.newPage();
    const other = await second.context.newPage();
    const username = `wren-${Date.now().toString(36)}`;
    await signUp(page, username, async () => {});

    // The other device opens the diary by keyboard alone; focus follows each new screen.
    await other.goto(`${server.origin}/vault`);
    await heading(other, 'Your private diary');
    for (let i = 0; i < 40; i++) {
      await other.keyboard.press('Tab');
      const name = await other.evaluate(() => document.activeElement?.textContent ?? '');
      if (name === 'Open my diary') break;
    }
    await other.keyboard.press('Enter');
    await heading(other, 'Open my diary');
    await expect.poll(() => other.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    await other.keyboard.press('Tab'); // Username
    await other.keyboard.type(username);
    await other.keyboard.press('Tab'); // Passphrase
    await other.keyboard.type(PASSPHRASE);
    await other.keyboard.press('Enter');
    await heading(other, 'My diary');
    await expect.poll(() => other.evaluate(() => document.activeElement?.tagName)).toBe('H1');

    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await page.locator('[data-sessions]').waitFor();
    const sessions = page.locator('[data-sessions] > li');
    expect(await sessions.count()).toBe(2);
    const signOut = page.getByRole('button', { name: /^Sign out .+, signed in on \d/ });
    expect(await signOut.count()).toBe(1);
    await signOut.click();
    await page.locator('.confirmation', { hasText: 'has been signed out' }).waitFor();
    await expect.poll(() => sessions.count()).toBe(1);
    expect(await page.locator('[data-sessions]').innerText()).toContain('This device');
    await noAxeViolations(page, 'settings after ending a session');

    // The other device finds out on its next request, and locks.
    await other.getByRole('button', { name: 'Settings', exact: true }).click();
    await heading(other, 'Your private diary');
    expect(await other.locator('.notice').innerText()).toContain('You were signed out');
    expect(await other.locator('[data-lock]').count()).toBe(0);
    await first.context.close();
    await second.context.close();
  });

  it('locks by itself after the chosen idle time', { timeout: 120_000 }, async () => {
    const { context } = await watchedContext(browser, server, { viewport: PHONE });
    await context.clock.install();
    const page = await context.newPage();
    const username = `owl-${Date.now().toString(36)}`;
    await signUp(page, username, async () => {});
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await heading(page, 'Settings');
    await page.getByLabel('1 minute').check();
    await page.getByRole('button', { name: 'Save auto-lock time' }).click();
    await page.locator('.confirmation', { hasText: 'lock after 1 minute' }).waitFor();
    await page.clock.fastForward('00:50');
    expect(await page.locator('[data-lock]').count()).toBe(1);
    await page.clock.fastForward('00:15');
    await heading(page, 'Your private diary');
    expect(await page.locator('.notice').innerText()).toBe(
      'Your diary locked because it was not used for 1 minute.',
    );
    expect(await page.locator('[data-lock]').count()).toBe(0);
    await context.close();
  });

  it('speaks Welsh on the Welsh page', async () => {
    const { context } = await watchedContext(browser, server, { viewport: PHONE });
    const page = await context.newPage();
    await page.goto(`${server.origin}/cy/vault`);
    await heading(page, 'Eich dyddiadur preifat');
    await noAxeViolations(page, 'cy start');
    await page.getByRole('button', { name: 'Creu dyddiadur preifat' }).click();
    await heading(page, 'Dewiswch enw defnyddiwr');
    await page.getByRole('button', { name: 'Parhau' }).click();
    await page.locator('.error-summary', { hasText: 'Mae problem wedi codi' }).waitFor();
    expect(await page.locator('#username-error').innerText()).toContain('Rhowch enw defnyddiwr');
    await noAxeViolations(page, 'cy username with error');
    await context.close();
  });
});

/** The string values of a JSON body at any depth (keys excluded); a non-JSON body as itself. */
function jsonStringValues(body: string): string[] {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return [body];
  }
  const walk = (v: unknown): string[] =>
    typeof v === 'string'
      ? [v]
      : Array.isArray(v)
        ? v.flatMap(walk)
        : v !== null && typeof v === 'object'
          ? Object.values(v).flatMap(walk)
          : [];
  return walk(json);
}
