/**
 * Witness statements in Chromium at phone size against the real server, two browser contexts: the
 * person signs up, records an incident, makes a witness link for it; the witness, in a context of
 * their own, opens the link (nobody named), is told clearly what is missing, writes an account
 * with the declaration and sends it: the page confirms, keeps nothing in storage and takes the
 * secret out of the address; a second send is refused kindly (the link took one). The person
 * sees the account marked as from a witness, keeps it in the diary linked to the incident, and
 * stops the link, adds a note of their own, and makes a report: the PDF has the witness's words
 * in their own section, and the bundle carries the statement as it arrived and verifies. In
 * Welsh, the person deletes it. The witness also sends a photo: encrypted on their device and sent
 * with tus under the link's auth key, it shows with the account, saves byte for byte, becomes
 * evidence linked to the incident when kept, is an exhibit in the report and in the bundle, which
 * verifies. No request body (text or bytes) holds the photo's bytes. No request body from either browser holds the words, the label or the names;
 * every screen passes axe; nothing is asked of another origin; the Welsh page speaks Welsh.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
import { verifyBundle } from '../../src/report/verify.js';
import { heading, signUpInBrowser } from '../support/vault-ui.js';

const PASSPHRASE = 'copper kettle sings loudly';
const SHOTS = process.env.WITNESS_SCREENSHOTS;
const SAW = 'A man in a green coat sat in a silver car outside number 12 for an hour.';
const SAID = 'He asked me when she gets home from work.';
const LABEL = 'Sam next door';
const WITNESS_NAME = 'Samira Okafor';
const NOTE = 'Samira moved in last spring.';
/**
 * A real JPEG, so the person's screen can show it, with 300 KB of random bytes after its end
 * (image decoders ignore them): a file of several encrypted chunks' worth of tus PATCH bodies.
 */
const PHOTO = Buffer.concat([
  readFileSync(join(import.meta.dirname, '../fixtures/evidence/photo-gps.jpg')),
  randomBytes(300_000),
]);
const PHOTO_NAME = 'silver-car.jpg';
/** Slices of the photo that no request may carry in the clear. */
const PHOTO_SLICES = [0, 1000, Math.floor(PHOTO.length / 2), PHOTO.length - 48].map((at) =>
  PHOTO.subarray(at, at + 48),
);

describe.skipIf(!HAVE_CHROMIUM)('witness statements in Chromium', () => {
  let server: LiveServer;
  let browser: Browser;

  beforeAll(async () => {
    // Checkpoints every second, so the statement has its arrival receipt when the bundle is made.
    server = await startLiveServer({ LOG_CHECKPOINT_SECONDS: '1' });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const check = async (page: Page, screen: string): Promise<void> => {
    const violations = await axeViolations(page);
    expect(violations, `${screen}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
    if (SHOTS !== undefined) {
      await page.screenshot({ path: `${SHOTS}/${screen}.png`, fullPage: true });
      await page.setViewportSize(DESKTOP);
      await page.screenshot({ path: `${SHOTS}/${screen}-desktop.png`, fullPage: true });
      await page.setViewportSize(PHONE);
    }
  };
  const bodiesOf = (page: Page, raw: Buffer[] = []): string[] => {
    const bodies: string[] = [];
    page.on('request', (r) => {
      const body = r.postData();
      if (body !== null) bodies.push(body);
      const bytes = r.postDataBuffer();
      if (bytes !== null) raw.push(bytes);
    });
    return bodies;
  };
  /** No body holds the photo's bytes, in the clear or as base64. */
  const noPhotoIn = (raw: readonly Buffer[]): void => {
    for (const body of raw) {
      for (const slice of PHOTO_SLICES) {
        expect(body.includes(slice)).toBe(false);
        expect(body.includes(Buffer.from(slice.toString('base64')))).toBe(false);
      }
    }
  };

  it(
    'the person invites, the witness sends, the person keeps it linked to an incident',
    { timeout: 180_000 },
    async () => {
      const { context, requests } = await watchedContext(browser, server, { viewport: PHONE });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      const personRaw: Buffer[] = [];
      const personBodies = bodiesOf(page, personRaw);

      const username = `robin-${Date.now().toString(36)}`;
      await signUpInBrowser(page, server.origin, username, PASSPHRASE);
      await page.getByRole('button', { name: 'Add a full entry' }).click();
      await heading(page, 'Add a full entry');
      await page.getByLabel('When it started').fill('2026-12-03T18:30');
      await page.getByRole('textbox', { name: 'What happened' }).fill('A car waited outside.');
      await page.getByRole('button', { name: 'Save incident' }).click();
      await heading(page, 'Incident');
      await page.getByRole('button', { name: 'My diary', exact: true }).click();
      await heading(page, 'My diary');

      // The person's screen, then the form: clear messages first.
      await page.getByRole('button', { name: 'Ask a witness' }).click();
      await heading(page, 'Ask a witness');
      await page.getByText('You have not made any links yet.').waitFor();
      await check(page, 'witness-list-empty');
      await page.getByRole('button', { name: 'Make a link for a witness' }).click();
      await heading(page, 'Make a link for a witness');
      await page.getByLabel('How many days the link works for').fill('200');
      await page.getByRole('button', { name: 'Make the link' }).click();
      const summary = await page.locator('.error-summary').innerText();
      expect(summary).toContain('Enter who it is for');
      expect(summary).toContain('Enter a number of days from 1 to 90');
      await check(page, 'witness-form');
      await page.getByLabel('Who it is for').fill(LABEL);
      await page.getByLabel('How many days the link works for').fill('14');
      await page.getByLabel('Is it about one incident?').selectOption({ index: 1 });
      await page.getByRole('button', { name: 'Make the link' }).click();
      await heading(page, 'Your link is ready');
      const link = await page.locator('[data-witness-made-link]').innerText();
      expect(link).toMatch(new RegExp(`^${server.origin}/witness#w1\\.`));
      await check(page, 'witness-made');

      // The witness, in a context of their own.
      const witnessContext = await browser.newContext({ viewport: PHONE });
      const witnessRequests: string[] = [];
      await witnessContext.route('**/*', (route) => {
        witnessRequests.push(route.request().url());
        return route.request().url().startsWith(server.origin)
          ? route.continue()
          : route.abort('blockedbyclient');
      });
      const witness = await witnessContext.newPage();
      const witnessErrors: string[] = [];
      witness.on('pageerror', (e) => witnessErrors.push(e.message));
      const witnessRaw: Buffer[] = [];
      const witnessBodies = bodiesOf(witness, witnessRaw);
      await witness.goto(link);
      await witness.getByLabel('What did you see or hear?').waitFor();
      const text = await witness.locator('main').innerText();
      expect(text).not.toContain(LABEL);
      expect(text).not.toContain('robin');
      expect(
        await witness.locator('[data-quick-exit-button], .quick-exit').count(),
      ).toBeGreaterThan(0);
      await check(witness, 'witness-page');
      // Nothing filled in: clear messages, focus on the summary.
      await witness.getByRole('button', { name: 'Send' }).click();
      const problems = await witness.locator('[data-witness-summary]').innerText();
      expect(problems).toContain('Enter the date it happened');
      expect(problems).toContain('Write what you saw or heard');
      expect(problems).toContain('Tick the box');
      await check(witness, 'witness-page-errors');
      await witness.getByLabel('Date', { exact: true }).fill('2026-12-03');
      await witness.getByLabel('Time, if you know it').fill('18:30');
      await witness.getByLabel('The date or time is not exact').check();
      await witness.getByLabel('Where did it happen?').fill('Outside number 12');
      await witness.getByLabel('What did you see or hear?').fill(SAW);
      await witness.getByLabel('What was said to you, if anything?').fill(SAID);
      await witness.getByLabel('How do you know the person who did it?').fill('I do not know him');
      await witness.getByLabel('Your name').fill(WITNESS_NAME);
      await witness.getByLabel('A phone number or email address').fill('07700 900123');
      await witness.getByLabel('What I have written is true, as far as I know.').check();
      await witness
        .getByLabel('Photos, videos or sound recordings, if you have any')
        .setInputFiles({ name: PHOTO_NAME, mimeType: 'image/jpeg', buffer: PHOTO });
      await witness.locator('[data-witness-files] li').getByText(PHOTO_NAME).waitFor();
      await check(witness, 'witness-page-file');
      await witness.getByRole('button', { name: 'Send' }).click();
      await witness
        .getByRole('heading', { name: 'Thank you. It has been sent.' })
        .waitFor({ timeout: 30_000 });
      expect(await witness.locator('[data-witness-form]').isHidden()).toBe(true);
      // Nothing kept: storage empty, the form emptied, the secret gone from the address.
      expect(
        await witness.evaluate(async () => ({
          local: localStorage.length,
          session: sessionStorage.length,
          databases: (await indexedDB.databases()).length,
          cookie: document.cookie,
          hash: location.hash,
          saw: (document.getElementById('witness-saw') as HTMLTextAreaElement).value,
          files: (document.getElementById('witness-files') as HTMLInputElement).files?.length,
          chosen: document.querySelectorAll('[data-witness-files] li').length,
          caches: 'caches' in window ? (await caches.keys()).length : 0,
        })),
      ).toEqual({
        local: 0,
        session: 0,
        databases: 0,
        cookie: '',
        hash: '',
        saw: '',
        files: 0,
        chosen: 0,
        caches: 0,
      });
      await check(witness, 'witness-sent');
      // The link took one account: opening it again says so kindly.
      await witness.goto('about:blank');
      await witness.goto(link);
      await witness.getByText('This link has already been used. Thank you').waitFor();
      expect(await witness.locator('[data-witness-form]').isHidden()).toBe(true);
      expect(witnessErrors).toEqual([]);
      expect(witnessRequests.filter((u) => !u.startsWith(server.origin))).toEqual([]);
      // The witness's browser sent only sealed bytes: the photo went up encrypted, with tus.
      expect(
        witnessRequests.some((u) => /\/api\/witness\/invitations\/[^/]+\/uploads\//.test(u)),
      ).toBe(true);
      expect(witnessRaw.reduce((n, b) => n + b.length, 0)).toBeGreaterThan(PHOTO.length);
      noPhotoIn(witnessRaw);
      expect(witnessBodies.length).toBeGreaterThan(0);
      for (const body of witnessBodies) {
        for (const secret of [
          SAW,
          SAID,
          WITNESS_NAME,
          'Outside number 12',
          '07700',
          'green coat',
        ]) {
          expect(body).not.toContain(secret);
        }
      }
      // The Welsh page speaks Welsh.
      await witness.goto('about:blank');
      await witness.goto(`${server.origin}/cy/witness${new URL(link).hash}`);
      await witness.getByText('Mae’r ddolen hon wedi cael ei defnyddio yn barod').waitFor();
      expect(await witness.locator('html').getAttribute('lang')).toBe('cy');
      await witnessContext.close();

      // The person sees it, from a witness, and keeps it linked to the incident.
      await page.getByRole('button', { name: 'See your witness links' }).click();
      await heading(page, 'Ask a witness');
      const item = page.locator('[data-witness-statement]').first();
      await item.waitFor({ timeout: 30_000 });
      const shown = await item.innerText();
      expect(shown).toContain('From a witness');
      expect(shown).toContain(SAW);
      expect(shown).toContain(SAID);
      expect(shown).toContain(WITNESS_NAME);
      expect(shown).toContain(LABEL);
      expect(shown).toContain('Files they sent');
      expect(shown).toContain(PHOTO_NAME);
      // The photo, decrypted in the person's browser, shown and saved byte for byte.
      await item.getByRole('button', { name: `Show ${PHOTO_NAME}` }).click();
      const img = item.getByRole('img', { name: `Photo from the witness: ${PHOTO_NAME}` });
      await img.waitFor({ timeout: 30_000 });
      expect(await img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
      const [photoDownload] = await Promise.all([
        page.waitForEvent('download'),
        item.getByRole('button', { name: `Save a copy of ${PHOTO_NAME}` }).click(),
      ]);
      expect(photoDownload.suggestedFilename()).toBe(PHOTO_NAME);
      expect(readFileSync(await photoDownload.path()).equals(PHOTO)).toBe(true);
      await check(page, 'witness-new');
      // The incident the link was about is chosen already.
      expect(await item.locator('select option:checked').innerText()).toContain('A car waited');
      await item.getByRole('button', { name: 'Keep in my diary' }).click();
      await page.getByText('Nothing new has come in.').waitFor({ timeout: 30_000 });
      const kept = page.locator('[data-witness-statement]').first();
      expect(await kept.innerText()).toContain('A car waited outside.');
      expect(await kept.innerText()).toContain(SAW);
      // The photo is evidence now, linked to the incident.
      await page.getByRole('button', { name: 'My diary', exact: true }).click();
      await heading(page, 'My diary');
      await page.getByRole('button', { name: 'See and add evidence' }).click();
      await heading(page, 'Evidence');
      await page.getByText(PHOTO_NAME.replace('.jpg', '')).first().waitFor({ timeout: 30_000 });
      await page.getByRole('button', { name: 'My diary', exact: true }).click();
      await heading(page, 'My diary');
      await page.getByRole('button', { name: 'Ask a witness' }).click();
      await heading(page, 'Ask a witness');
      // The link is used; the person stops it.
      const linkItem = page.locator('[data-witness-link]').first();
      expect(await linkItem.getAttribute('data-state')).toBe('full');
      await linkItem.getByRole('button', { name: 'Stop this link' }).click();
      await page.locator('[data-witness-link][data-state="revoked"]').waitFor();
      await check(page, 'witness-kept');

      // The person's own note on it, kept apart from the witness's words.
      await kept.getByRole('button', { name: 'Add a note or delete' }).click();
      await heading(page, 'A witness account in your diary');
      expect(await page.locator('[data-witness-statement]').innerText()).toContain(SAW);
      await check(page, 'witness-manage');
      await page.getByLabel('Your note on this account').fill(NOTE);
      await page.getByRole('button', { name: 'Save my note' }).click();
      await page.getByText('Your note is saved.').waitFor({ timeout: 30_000 });
      await heading(page, 'Ask a witness');
      const noted = page.locator('[data-witness-statement]').first();
      await noted.locator('[data-row="note"]').waitFor({ timeout: 30_000 });
      expect(await noted.locator('[data-row="note"] dd').innerText()).toBe(NOTE);
      expect(await noted.innerText()).toContain(SAW);

      // The report: the statement is in the PDF and in the bundle, and the bundle verifies.
      await page.goto(`${server.origin}/vault`);
      await heading(page, 'Your private diary');
      await page.getByRole('button', { name: 'Open my diary' }).click();
      await heading(page, 'Open my diary');
      await page.getByLabel('Username').fill(username);
      await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
      await page.getByRole('button', { name: 'Open my diary' }).click();
      await heading(page, 'My diary');
      await page.getByRole('button', { name: 'Make a report to share' }).click();
      await heading(page, 'Make a report');
      const witnessBox = page.getByLabel('Witness statements about these incidents');
      await witnessBox.waitFor({ timeout: 30_000 });
      expect(await witnessBox.isChecked()).toBe(true);
      await page.getByRole('button', { name: 'Check what will be shared' }).click();
      await heading(page, 'Check what will be shared');
      expect(await page.locator('[data-preview="witness"] dd').innerText()).toBe('1');
      expect(await page.locator('[data-preview="exhibits"] dd').innerText()).toBe('1');
      await page.getByLabel('The report and an evidence bundle (a ZIP file)').check();
      await page.getByRole('button', { name: 'Make the report' }).click();
      await heading(page, 'Your report is ready');
      const save = async (button: string) => {
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          page.getByRole('button', { name: button }).click(),
        ]);
        return readFileSync(await download.path());
      };
      const pdf = await save('Save the PDF');
      const bundle = await save('Save the bundle');
      const pdfDir = mkdtempSync(join(tmpdir(), 'mosaic-witness-'));
      try {
        writeFileSync(join(pdfDir, 'report.pdf'), pdf);
        const text = execFileSync('pdftotext', [join(pdfDir, 'report.pdf'), '-'], {
          encoding: 'utf8',
        }).replace(/\s+/g, ' ');
        expect(text).toContain('Witness statement W1');
        expect(text).toContain(SAW);
        expect(text).toContain(SAID);
        expect(text).toContain('The witness declared that this is true');
        expect(text).not.toContain(NOTE);
      } finally {
        rmSync(pdfDir, { recursive: true, force: true });
      }
      const logKey = (await (await fetch(`${server.origin}/api/log/key`)).json()) as {
        vkey: string;
      };
      const result = await verifyBundle(new Uint8Array(bundle), { expectedLogKey: logKey.vkey });
      const failed = result.lines.filter((l) => l.status === 'fail');
      expect(failed, JSON.stringify(failed, null, 1)).toEqual([]);
      const witnessLine = result.lines.find((l) => l.subject.startsWith('witness statement ws-'));
      expect(witnessLine?.status).toBe('ok');
      expect(witnessLine?.detail).toContain('says exactly what entry');
      // The witness's photo is an exhibit, its original in the bundle, checked.
      const exhibit = result.lines.find((l) => l.subject.startsWith('exhibit '));
      expect(exhibit?.status, JSON.stringify(result.lines, null, 1)).toBe('ok');

      // In Welsh, after signing in again (this also unlocks an account whose key pair exists).
      await page.goto(`${server.origin}/cy/vault`);
      await heading(page, 'Eich dyddiadur preifat');
      await page.getByRole('button', { name: 'Agor fy nyddiadur' }).click();
      await heading(page, 'Agor fy nyddiadur');
      await page.getByLabel('Enw defnyddiwr').fill(username);
      await page.getByLabel('Cyfrinymadrodd', { exact: true }).fill(PASSPHRASE);
      await page.getByRole('button', { name: 'Agor fy nyddiadur' }).click();
      await heading(page, 'Fy nyddiadur');
      await page.getByRole('button', { name: 'Gofyn i dyst' }).click();
      await heading(page, 'Gofyn i dyst');
      const keptCy = page.locator('[data-witness-statement]').first();
      await keptCy.waitFor({ timeout: 30_000 });
      expect(await keptCy.innerText()).toContain('Gan dyst');
      expect(await keptCy.innerText()).toContain(SAW);
      expect(
        await page.locator('[data-witness-link] [data-row="state"] dd').first().innerText(),
      ).toBe('Wedi stopio');
      await check(page, 'witness-kept-cy');
      // Deleting it, with what that does said first.
      await keptCy.getByRole('button', { name: 'Ychwanegu nodyn neu ddileu' }).click();
      await heading(page, 'Adroddiad tyst yn eich dyddiadur');
      expect(await page.getByLabel('Eich nodyn ar yr adroddiad hwn').inputValue()).toBe(NOTE);
      await check(page, 'witness-manage-cy');
      await page.getByRole('button', { name: 'Dileu’r adroddiad hwn' }).click();
      await page.getByRole('button', { name: 'Ydw, dilëwch e' }).click();
      await page.getByText('Cafodd adroddiad y tyst ei ddileu.').waitFor({ timeout: 30_000 });
      await page
        .getByText('Dydych chi ddim wedi cadw unrhyw rai eto.')
        .waitFor({ timeout: 30_000 });
      expect(await page.locator('[data-witness-statement]').count()).toBe(0);
      await page.getByRole('button', { name: 'Gwneud dolen ar gyfer tyst' }).click();
      await page.getByRole('button', { name: 'Gwneud y ddolen' }).waitFor();
      await check(page, 'witness-form-cy');

      expect(errors).toEqual([]);
      expect(requests.filter((u) => !u.startsWith(server.origin))).toEqual([]);
      noPhotoIn(personRaw);
      for (const body of personBodies) {
        for (const secret of [SAW, LABEL, WITNESS_NAME, NOTE, 'A car waited', PASSPHRASE]) {
          expect(body).not.toContain(secret);
        }
      }
    },
  );
});
