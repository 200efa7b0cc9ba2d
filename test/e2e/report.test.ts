/**
 * "Make a report" in Chromium at phone size, against the real server: a newcomer records two
 * incidents (one with a photo), a message copied from a WhatsApp export and a risk check, makes
 * a report of one incident from its screen, then opens the report screen, checks the preview
 * (three incidents, the copied message, the risk check, the bundle warning), makes the PDF and
 * the evidence bundle in the worker, and saves both. The PDF holds the incidents' words, the
 * copied message and the risk check; the bundle passes the verifier (src/report/verify.ts) in
 * Node, on the command line and on the /verify page, and a byte changed in any one of its files
 * fails it. The screen speaks Welsh (a Welsh report without the risk check), passes axe, and
 * makes no request off this origin.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyBundle } from '../../src/report/verify.js';
import {
  Uint8ArrayReader,
  Uint8ArrayWriter,
  ZipReader,
  ZipWriter,
  type FileEntry,
} from '@zip.js/zip.js';
import { PROJECT_ROOT } from '../../src/server/paths.js';
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
import { PHOTO_PATH } from '../fixtures/evidence/make-photo.js';
import { RISK_QUESTIONS } from '../../src/domain/safety/risk-check.js';

const PASSPHRASE = 'amber lantern hums softly';
const SHOTS = process.env.REPORT_SCREENSHOTS;

/** The PDF's text as poppler reads it (what a search or a copy gets); pages as PNGs for SHOTS. */
function pdfText(bytes: Buffer, shot: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'mosaic-report-e2e-'));
  try {
    const file = join(dir, 'report.pdf');
    writeFileSync(file, bytes);
    if (SHOTS !== undefined) {
      execFileSync('pdftoppm', [
        '-png',
        '-r',
        '60',
        '-f',
        '1',
        '-l',
        '3',
        file,
        `${SHOTS}/${shot}`,
      ]);
    }
    return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe.skipIf(!HAVE_CHROMIUM)('making a report in Chromium', () => {
  let server: LiveServer;
  let browser: Browser;

  beforeAll(async () => {
    // Checkpoints every second, so the entries have receipts by the time the bundle is made.
    server = await startLiveServer({ LOG_CHECKPOINT_SECONDS: '1' });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it(
    'previews, makes and saves a PDF and a bundle that verifies',
    { timeout: 240_000 },
    async () => {
      const { context, requests } = await watchedContext(browser, server, { viewport: PHONE });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      /** The policies the worker's script and the font files came with. */
      const assets = new Map<string, string>();
      page.on('response', (r) => {
        const name = /\/assets\/(report-worker|noto-sans)[^/]*$/.exec(r.url())?.[1];
        if (name !== undefined) assets.set(name, r.headers()['content-security-policy'] ?? '');
      });
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      const check = async (screen: string): Promise<void> => {
        const violations = await axeViolations(page);
        expect(violations, `${screen}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
        if (SHOTS !== undefined) {
          await page.screenshot({ path: `${SHOTS}/${screen}.png`, fullPage: true });
          await page.setViewportSize(DESKTOP);
          await page.screenshot({ path: `${SHOTS}/${screen}-desktop.png`, fullPage: true });
          await page.setViewportSize(PHONE);
        }
      };
      const username = `wren-${Date.now().toString(36)}`;
      const first = `station-${randomBytes(4).toString('hex')}`;
      const second = `shop-${randomBytes(4).toString('hex')}`;

      await signUpInBrowser(page, server.origin, username, PASSPHRASE);
      for (const [when, what] of [
        ['2026-11-02T08:30', `He followed me to the ${first}.`],
        ['2026-11-09T17:45', `He waited outside the ${second}.`],
      ] as const) {
        await page.getByRole('button', { name: 'Add a full entry' }).click();
        await heading(page, 'Add a full entry');
        await page.getByLabel('When it started').fill(when);
        await page.getByRole('textbox', { name: 'What happened' }).fill(what);
        await page.getByRole('button', { name: 'Save incident' }).click();
        await heading(page, 'Incident');
        if (what.includes(first)) {
          // A photo for the first incident: an exhibit in the report, its original in the bundle.
          await page.getByRole('button', { name: 'Add evidence for this incident' }).click();
          await heading(page, 'Add evidence');
          await page.locator('#evidence-files').setInputFiles([PHOTO_PATH]);
          await page.locator('[data-upload="done"]').waitFor({ timeout: 60_000 });
        }
        if (what.includes(second)) {
          // "Make a report of this": the report screen with only this incident chosen.
          await page.getByRole('button', { name: 'Make a report of this' }).click();
          await heading(page, 'Make a report');
          const one = page.getByLabel('Only the incident on 9 November 2026 at 17:45');
          expect(await one.isChecked()).toBe(true);
          await check('report-choose-one');
          await page.getByRole('button', { name: 'Check what will be shared' }).click();
          await heading(page, 'Check what will be shared');
          expect(await page.locator('[data-preview="incidents"] dd').innerText()).toBe('1');
          // Back to the choices, then to all incidents: the whole diary is offered again.
          await page.getByRole('button', { name: 'Change my choices' }).click();
          await page.getByLabel('All incidents').check();
          expect(await one.isChecked()).toBe(false);
        }
        await page.getByRole('button', { name: 'My diary', exact: true }).click();
        await heading(page, 'My diary');
      }

      // A message copied from a WhatsApp export: the report's appendix and the bundle hold it.
      const copied = `I know where you park ${randomBytes(4).toString('hex')}`;
      await page.getByRole('button', { name: 'Import messages from your phone' }).click();
      await heading(page, 'Import messages');
      await page.getByLabel('Choose the file').setInputFiles({
        name: 'WhatsApp Chat with Jordan Example.txt',
        mimeType: 'text/plain',
        buffer: Buffer.from(
          `13/11/2026, 19:20 - Jordan Example: ${copied}\n` +
            '13/11/2026, 19:25 - Sam Owner: Please leave me alone.\n',
        ),
      });
      await page.getByRole('button', { name: 'Read the file' }).click();
      await heading(page, 'Whose messages do you want to add?');
      await page.getByRole('checkbox', { name: 'Jordan Example' }).check();
      await page.getByRole('button', { name: 'Continue' }).click();
      await heading(page, 'Who is this person?');
      await page.getByRole('radio', { name: 'Someone new' }).check();
      await page.getByRole('button', { name: 'Continue' }).click();
      await heading(page, 'How should they be added?');
      await page.getByLabel('Which time zone were you in?').selectOption('Europe/London');
      await page.getByRole('button', { name: 'Continue' }).click();
      await heading(page, 'Check before you add them');
      await page.getByRole('button', { name: /^Add \d+ entr/ }).click();
      await heading(page, 'Incidents');
      await page.getByRole('button', { name: 'My diary', exact: true }).click();
      await heading(page, 'My diary');

      // A risk check with a serious warning sign (a threat) and a note: offered in the report.
      const riskNote = `risk-${randomBytes(4).toString('hex')}`;
      await page.getByRole('button', { name: 'Check the risk', exact: true }).click();
      await heading(page, 'Check the risk');
      for (const q of RISK_QUESTIONS) {
        await page
          .locator(`[data-question="${q}"]`)
          .getByLabel(q === 'threats' ? 'Yes' : 'No', { exact: true })
          .check();
      }
      await page.locator('#risk-threats-note').fill(riskNote);
      await page.getByRole('button', { name: 'Save and see the result' }).click();
      await heading(page, 'Your risk check');
      await page.getByRole('button', { name: 'My diary', exact: true }).click();
      await heading(page, 'My diary');

      // The choices.
      await page.getByRole('button', { name: 'Make a report to share' }).click();
      await heading(page, 'Make a report');
      await page.getByRole('button', { name: 'Check what will be shared' }).waitFor();
      await check('report-choose');
      // A date range with no end is refused with a clear message.
      await page.getByLabel('Only incidents between two dates').check();
      await page.locator('#report-from').fill('2026-11-01');
      await page.getByRole('button', { name: 'Check what will be shared' }).click();
      expect(await page.locator('.error-summary').innerText()).toContain('Enter the last date');
      await page.locator('#report-to').fill('2026-11-30');
      await page.getByLabel('Your name on the front page').fill('Ffion Rhŷs');
      // The risk check is offered and ticked; the safety plan is not offered (there is none).
      expect(await page.getByLabel('Your risk check').isChecked()).toBe(true);
      expect(await page.getByLabel('Your safety plan').count()).toBe(0);

      // The preview: what will be shared, and the plain warning about entries.json.
      await page.getByRole('button', { name: 'Check what will be shared' }).click();
      await heading(page, 'Check what will be shared');
      expect(await page.locator('[data-preview="incidents"] dd').innerText()).toBe('3');
      expect(
        Number(await page.locator('[data-preview="messages"] dd').innerText()),
      ).toBeGreaterThan(0);
      expect(await page.locator('[data-preview="period"] dd').innerText()).toBe(
        '1 November 2026 to 30 November 2026',
      );
      expect(await page.locator('[data-preview="cover"] dd').innerText()).toBe('Ffion Rhŷs');
      // The photo, and the export file the import keeps as evidence.
      expect(await page.locator('[data-preview="exhibits"] dd').innerText()).toBe('2');
      expect(await page.locator('[data-preview="risk"] dd').innerText()).toMatch(
        /^Your latest check, from \d+ \w+ \d{4}$/,
      );
      expect(await page.locator('[data-bundle-warning]').innerText()).toContain('entries.json');
      await check('report-preview');

      await page.getByLabel('The report and an evidence bundle (a ZIP file)').check();
      await page.getByRole('button', { name: 'Make the report' }).click();
      await heading(page, 'Your report is ready');
      await check('report-done');

      const save = async (button: string) => {
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          page.getByRole('button', { name: button }).click(),
        ]);
        return { name: download.suggestedFilename(), bytes: readFileSync(await download.path()) };
      };
      const pdf = await save('Save the PDF');
      const bundle = await save('Save the bundle');
      expect(pdf.name).toMatch(/^mosaic-report-\d{4}-\d{2}-\d{2}\.pdf$/);
      expect(bundle.name).toBe(pdf.name.replace(/\.pdf$/, '.zip'));

      // The PDF: a PDF whose text holds both incidents' words.
      expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const text = pdfText(pdf.bytes, 'report-pdf');
      expect(text).toContain(first);
      expect(text).toContain(second);
      expect(text).toContain('Ffion Rhŷs');
      expect(text).toContain('photo-gps.jpg');
      // The copied message, in the appendix.
      expect(text).toContain(copied);
      // The risk check, with 999 and 55 before the answers, and the guide's wording.
      expect(text).toContain(riskNote);
      expect(text.indexOf('call 999')).toBeGreaterThan(-1);
      expect(text.indexOf('press 55')).toBeLessThan(text.indexOf('All the answers'));
      expect(text).toContain('not an assessment by the police or a professional');

      // The bundle verifies in Node, with the server's published log key.
      const logKey = (await (await fetch(`${server.origin}/api/log/key`)).json()) as {
        vkey: string;
      };
      const result = await verifyBundle(new Uint8Array(bundle.bytes), {
        expectedLogKey: logKey.vkey,
      });
      const failed = result.lines.filter((l) => l.status === 'fail');
      expect(failed, JSON.stringify(failed, null, 1)).toEqual([]);
      expect(result.ok).toBe(true);
      expect(result.verdict).toMatch(/^PASSED/);
      // The photo is in the bundle byte for byte (checked against the hash sealed in its record).
      expect(result.lines.find((l) => l.subject === 'exhibit FR/1')?.status).toBe('ok');
      expect(result.lines.find((l) => l.subject === 'exhibit FR/2')?.status).toBe('ok');
      expect(result.lines.filter((l) => l.subject.startsWith('incident')).length).toBeGreaterThan(
        0,
      );
      // The risk check's record is in the bundle and verifies like an incident.
      const riskLines = result.lines.filter((l) => l.subject.startsWith('risk-check '));
      expect(riskLines.length).toBe(1);
      expect(riskLines[0]?.status).toBe('ok');

      // The offline checker rides along, byte for byte the one this deployment serves.
      const entries = await new ZipReader(
        new Uint8ArrayReader(new Uint8Array(bundle.bytes)),
      ).getEntries();
      // The copied message is in entries.json, inside its incident (which verified above).
      const entriesJson = entries.find(
        (e): e is FileEntry => !e.directory && e.filename.endsWith('/data/entries.json'),
      );
      expect(
        new TextDecoder().decode(await entriesJson!.getData(new Uint8ArrayWriter())),
      ).toContain(copied);
      const checker = entries.find(
        (e): e is FileEntry => !e.directory && e.filename.endsWith('/verify.html'),
      );
      expect(checker).toBeDefined();
      const served = /data-verify-html="([^"]+)"/.exec(
        await (await fetch(`${server.origin}/vault`)).text(),
      )?.[1];
      expect(served).toBeDefined();
      const servedBytes = new Uint8Array(
        await (await fetch(`${server.origin}${served!}`)).arrayBuffer(),
      );
      expect(await checker!.getData(new Uint8ArrayWriter())).toEqual(servedBytes);

      // The same bundle passes the command-line checker an officer would run…
      const dir = mkdtempSync(join(tmpdir(), 'mosaic-report-cli-'));
      try {
        writeFileSync(join(dir, bundle.name), bundle.bytes);
        writeFileSync(join(dir, 'log.pub'), `${logKey.vkey}\n`);
        const cli = execFileSync(
          process.execPath,
          [
            '--import',
            'tsx',
            join(PROJECT_ROOT, 'scripts/verify.ts'),
            join(dir, bundle.name),
          ].concat(['--log-key', join(dir, 'log.pub')]),
          { cwd: PROJECT_ROOT, encoding: 'utf8' },
        );
        expect(cli.trim().split('\n').at(-1)).toMatch(/^PASSED: /);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
      // …and the site's /verify page, which checks it in the browser.
      await page.goto(`${server.origin}/verify`);
      await page.setInputFiles('#verify-file', {
        name: bundle.name,
        mimeType: 'application/zip',
        buffer: bundle.bytes,
      });
      const verdict = page.locator('[data-verify-status]');
      await expect
        .poll(() => verdict.textContent(), { timeout: 45_000 })
        .toMatch(/^(Passed|Failed)[:,]/);
      expect(await verdict.textContent()).toBe(
        'Passed: every file, entry, exhibit and proof checks out.',
      );

      // One byte changed in each file of the bundle in turn: each change fails, naming the file.
      const files = new Map<string, Uint8Array>();
      for (const e of entries) {
        if (!e.directory) files.set(e.filename, await e.getData(new Uint8ArrayWriter()));
      }
      expect(files.size).toBeGreaterThan(10);
      for (const [name, original] of files) {
        const changed = new Uint8Array(original);
        const at = Math.floor(changed.length / 2);
        changed[at] = (changed[at]! + 1) % 256;
        const writer = new ZipWriter(new Uint8ArrayWriter(), { useWebWorkers: false });
        for (const [other, bytes] of files) {
          await writer.add(other, new Uint8ArrayReader(other === name ? changed : bytes));
        }
        const tampered = await verifyBundle(await writer.close(), { expectedLogKey: logKey.vkey });
        const path = name.slice(name.indexOf('/') + 1);
        const said = tampered.lines
          .filter((l) => l.status === 'fail')
          .map((l) => `${l.subject}: ${l.detail}`)
          .join('\n');
        expect(tampered.ok, path).toBe(false);
        expect(said, path).toContain(path === 'tagmanifest-sha256.txt' ? 'tagmanifest' : path);
      }

      // The worker may compile libsodium's WebAssembly, as the vault page may; nothing else may.
      expect(assets.get('report-worker')).toContain("script-src 'self' 'wasm-unsafe-eval'");
      expect(assets.get('noto-sans')).not.toContain('wasm-unsafe-eval');
      // Nothing asked of anyone but this origin (fonts and the worker included).
      expect(requests.filter((u) => !u.startsWith(server.origin))).toEqual([]);
      expect(errors).toEqual([]);

      // In Welsh.
      await page.goto(`${server.origin}/cy/vault`);
      await heading(page, 'Eich dyddiadur preifat');
      await page.getByRole('button', { name: 'Agor fy nyddiadur' }).click();
      await heading(page, 'Agor fy nyddiadur');
      await page.getByLabel('Enw defnyddiwr').fill(username);
      await page.getByLabel('Cyfrinymadrodd', { exact: true }).fill(PASSPHRASE);
      await page.getByRole('button', { name: 'Agor fy nyddiadur' }).click();
      await heading(page, 'Fy nyddiadur');
      await page.getByRole('button', { name: 'Gwneud adroddiad i’w rannu' }).click();
      await heading(page, 'Gwneud adroddiad');
      await page.getByLabel('Eich enw ar y dudalen flaen').fill('Siân Ŵyn');
      // This time the risk check is left out.
      await page.getByLabel('Eich gwiriad risg').uncheck();
      await page.getByRole('button', { name: 'Gwirio beth fydd yn cael ei rannu' }).click();
      await heading(page, 'Gwirio beth fydd yn cael ei rannu');
      expect(await page.locator('[data-bundle-warning]').innerText()).toContain('entries.json');
      await check('report-preview-cy');
      // Cancel stops the making at once and keeps the choices.
      await page.getByRole('button', { name: 'Gwneud yr adroddiad' }).click();
      await page.getByRole('button', { name: 'Canslo' }).click();
      await page.locator('[data-cancelled]').waitFor();
      await heading(page, 'Gwneud adroddiad');
      expect(await page.getByLabel('Eich enw ar y dudalen flaen').inputValue()).toBe('Siân Ŵyn');
      // A Welsh report (PDF only, the first choice), with ŵ and ŷ in its text.
      await page.getByRole('button', { name: 'Gwirio beth fydd yn cael ei rannu' }).click();
      await page.getByRole('button', { name: 'Gwneud yr adroddiad' }).click();
      await heading(page, 'Mae eich adroddiad yn barod');
      expect(await page.getByRole('button', { name: 'Cadw’r bwndel' }).count()).toBe(0);
      const welsh = pdfText((await save('Cadw’r PDF')).bytes, 'report-pdf-cy');
      expect(welsh).toContain('Cofnod o ddigwyddiadau');
      expect(welsh).toContain('Siân Ŵyn');
      expect(welsh).toContain(first);
      expect(welsh).not.toContain(riskNote);
      expect(welsh).not.toContain('Gwiriad risg');
      await context.close();
    },
  );
});
