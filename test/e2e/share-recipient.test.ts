/**
 * The recipient's page at /share in Debian's Chromium, lean: a real share (real crypto, made in
 * Node with the vault core against the live server) holding two incidents. Opening the link
 * fetches nothing about the share; a wrong passcode says so; the right one (lower case, no dash)
 * shows the label, the incidents in time order and a witness's statement (marked as theirs, the
 * person's note apart); the exhibit downloads byte for byte; the report
 * PDF and the bundle are made on the device and the bundle checks OK with one button; nothing is
 * left in the browser's storage; Close empties the page; no axe violations; the Welsh page opens,
 * makes and checks it in Welsh.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { encryptFile, generateKey, sha256, toBase64Url, toHex } from '../../src/crypto/index.js';
import { incidentSchema } from '../../src/domain/diary/incident.js';
import { VaultApi } from '../../src/vault/api.js';
import { INCIDENT_TYPE } from '../../src/vault/diary-records.js';
import { RISK_CHECK_TYPE } from '../../src/domain/safety/risk-check.js';
import { WITNESS_STATEMENT_TYPE, witnessStatementRecordSchema } from '../../src/domain/witness.js';
import { sealNewRecord } from '../../src/vault/records.js';
import { createShare } from '../../src/vault/shares.js';
import {
  axeViolations,
  DESKTOP,
  HAVE_CHROMIUM,
  launchChromium,
  startLiveServer,
  watchedContext,
  type LiveServer,
} from '../support/browser.js';
import { VaultClient } from '../support/vault-client.js';

const SHOTS = process.env.SHARE_SHOTS;
const EXHIBIT = new TextEncoder().encode('08:01 where are you\n08:02 answer me\n');

describe.skipIf(!HAVE_CHROMIUM)('the recipient at /share', () => {
  let server: LiveServer;
  let browser: Browser;
  let link = '';
  let passcode = '';

  beforeAll(async () => {
    server = await startLiveServer();
    browser = await launchChromium();
    const owner = new VaultClient(server.app, `sharer-${process.pid}`, '198.18.7.1');
    expect((await owner.signUp()).statusCode).toBe(201);
    const api = new VaultApi({
      fetch: (async (input: string, init?: RequestInit) =>
        fetch(`${server.origin}${input}`, {
          ...init,
          headers: { ...(init?.headers as Record<string, string>), cookie: owner.cookie ?? '' },
        })) as typeof fetch,
    });
    api.setCsrfToken(owner.csrf!);
    const accountKey = await generateKey();
    const incidents = [
      {
        start: '2026-11-20T21:15+00:00',
        what: 'He waited by my car after work.',
        where: 'Car park',
      },
      { start: '2026-11-02T08:05+00:00', what: 'Twelve texts before breakfast.', where: undefined },
    ];
    const written = [];
    for (const i of incidents) {
      const value = incidentSchema.parse({
        when: { start: i.start, timeZone: 'Europe/London' },
        ...(i.where ? { where: { text: i.where } } : {}),
        what: i.what,
        behaviours: [],
        perpetratorIds: [],
        witnessIds: [],
        evidenceIds: [],
        tags: [],
        // The texts, copied from the phone into the incident they belong to.
        ...(i.where === undefined
          ? {
              imported: {
                format: 'whatsapp-txt',
                items: [
                  {
                    key: 'm2',
                    at: '2026-11-02T08:02+00:00',
                    kind: 'message',
                    channel: 'whatsapp',
                    direction: 'incoming',
                    sender: '+447700900123',
                    senderName: 'Him',
                    text: 'answer me',
                  },
                  {
                    key: 'm1',
                    at: '2026-11-02T08:01+00:00',
                    kind: 'message',
                    channel: 'whatsapp',
                    direction: 'incoming',
                    sender: '+447700900123',
                    senderName: 'Him',
                    text: 'where are you',
                  },
                ],
              },
            }
          : {}),
      });
      written.push(await api.createRecord(await sealNewRecord(accountKey, INCIDENT_TYPE, value)));
    }
    // One exhibit: a file encrypted as the app does (§8), sent by tus, and its evidence record.
    const fileKey = await generateKey();
    const fileId = 'q3J2y0m1rT4kZ8b1xN7wGA';
    const encrypted = await encryptFile({ key: fileKey, fileId, plaintext: EXHIBIT });
    const tus = {
      cookie: owner.cookie!,
      'x-mosaic-csrf': owner.csrf!,
      'tus-resumable': '1.0.0',
    };
    const created = await fetch(`${server.origin}/api/uploads`, {
      method: 'POST',
      headers: { ...tus, 'upload-length': String(encrypted.length) },
    });
    expect(created.status).toBe(201);
    const uploadId = String(created.headers.get('location')).split('/').pop()!;
    const patched = await fetch(`${server.origin}/api/uploads/${uploadId}`, {
      method: 'PATCH',
      headers: {
        ...tus,
        'upload-offset': '0',
        'content-type': 'application/offset+octet-stream',
      },
      body: Buffer.from(encrypted),
    });
    expect(patched.status).toBe(204);
    const evidence = await api.createRecord(
      await sealNewRecord(accountKey, 'evidence', {
        title: 'Screenshot of the texts',
        date: '2026-11-02',
        file: {
          name: 'texts.txt',
          mediaType: 'text/plain',
          size: EXHIBIT.length,
          sha256: toHex(await sha256(EXHIBIT)),
        },
        encryption: {
          fileId,
          key: toBase64Url(fileKey),
          header: 'B'.repeat(28),
          fingerprint: 'c'.repeat(64),
        },
        upload: {
          id: uploadId,
          state: 'complete',
          startedAt: '2026-11-02T10:00:00.000Z',
          completedAt: '2026-11-02T10:01:00.000Z',
        },
      }),
    );
    // The latest risk check, shared because the person chose to: a threat, so 999 comes first.
    const risk = await api.createRecord(
      await sealNewRecord(accountKey, RISK_CHECK_TYPE, {
        schemaVersion: 1,
        answeredOn: '2026-11-21',
        answers: {
          fear: { answer: 'not-sure' },
          threats: { answer: 'yes', note: 'He said he would hurt me.', date: '2026-11-20' },
        },
      }),
    );
    // A witness's statement, kept and linked to the car park incident, with the person's note.
    const witness = await api.createRecord(
      await sealNewRecord(
        accountKey,
        WITNESS_STATEMENT_TYPE,
        witnessStatementRecordSchema.parse({
          v: 1,
          statementId: `ws-${'W'.repeat(22)}`,
          invitationId: 'I'.repeat(22),
          receivedAt: '2026-11-21T09:30:00.000Z',
          sealedSha256: 'd'.repeat(64),
          statement: {
            v: 1,
            invitationId: 'I'.repeat(22),
            writtenAt: '2026-11-21T09:29:00.000Z',
            locale: 'en',
            when: { date: '2026-11-20', time: '21:15', approximate: false },
            where: 'The staff car park',
            saw: 'A man stood by her car for twenty minutes and watched the door.',
            said: '',
            howKnown: 'I work with her.',
            name: 'Sam Witness',
            declaration: { agreed: true, date: '2026-11-21' },
          },
          incidentIds: [written[0]!.id],
          note: 'Sam saw it from the office window.',
        }),
      ),
    );
    const made = await createShare(api, accountKey, {
      records: [...written, evidence, risk, witness],
      uploads: [{ id: uploadId, recordId: evidence.id }],
      label: 'PC Jones, case 12/345',
      mode: 'snapshot',
      origin: server.origin,
    });
    link = made.link;
    passcode = made.passcode;
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('asks first, refuses a wrong passcode, opens with the right one, keeps nothing', async () => {
    const { context, requests } = await watchedContext(browser, server);
    const page = await context.newPage();
    await page.goto(link);
    await page.locator('#share-passcode').waitFor();
    expect(requests.filter((u) => u.includes('/api/'))).toEqual([]);
    // The vault code (libsodium, the share protocol) is not even loaded before a passcode.
    expect(requests.filter((u) => /\/assets\/(open|shares)-/.test(u))).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/share-ask-phone.png`, fullPage: true });

    const status = page.locator('[data-share-status]');
    await page.fill('#share-passcode', 'AAAA-AAAA');
    await page.click('button[type=submit]');
    await expect.poll(() => status.textContent(), { timeout: 30_000 }).toContain('not right');
    expect(requests.some((u) => /\/assets\/open-/.test(u))).toBe(true);

    await page.fill('#share-passcode', passcode.replace('-', '').toLowerCase());
    await page.click('button[type=submit]');
    const shown = page.locator('[data-share-case]');
    await shown.getByText('Shared for: PC Jones, case 12/345').waitFor({ timeout: 30_000 });
    const incidents = await page.locator('.share__incident').allTextContents();
    expect(incidents).toHaveLength(2);
    expect(incidents[0]).toContain('Twelve texts before breakfast.');
    expect(incidents[0]).toContain('2 November 2026, 08:05');
    expect(incidents[1]).toContain('He waited by my car after work.');
    expect(incidents[1]).toContain('Car park');
    // The pattern, with the vault's analysis: a trend sentence, weeks and times of day.
    const patterns = page.locator('[data-share-patterns]');
    expect(await patterns.locator('caption').allInnerTexts()).toEqual([
      'Incidents each week',
      'Incidents by time of day',
    ]);
    const weeks = await page.locator('[data-share-counts="weeks"] tbody tr').allInnerTexts();
    expect(weeks[0]).toMatch(/^2 November 2026\s+1$/);
    const hours = await page.locator('[data-share-counts="hours"] tbody tr').allInnerTexts();
    expect(hours.map((h) => h.replace(/\s+/g, ' '))).toEqual([
      '00:00–03:00 0',
      '03:00–06:00 0',
      '06:00–09:00 1',
      '09:00–12:00 0',
      '12:00–15:00 0',
      '15:00–18:00 0',
      '18:00–21:00 0',
      '21:00–24:00 1',
    ]);
    // The copied messages, folded under their count, in the order they were sent.
    const messages = page.locator('[data-share-messages]');
    expect(await messages.count()).toBe(1);
    expect(await messages.locator('summary').innerText()).toBe(
      'Messages and calls copied from their phone: 2',
    );
    await messages.locator('summary').click();
    const lines = await messages.locator('li').allInnerTexts();
    expect(lines[0]).toContain('2 November 2026, 08:01 · Him');
    expect(lines[0]).toContain('where are you');
    expect(lines[1]).toContain('answer me');
    // The shared risk check: 999 and 55 before the answers, the guide, the note and the date.
    const risk = await page.locator('[data-share-risk]').innerText();
    expect(risk.indexOf('call 999')).toBeGreaterThan(-1);
    expect(risk.indexOf('press 55')).toBeLessThan(risk.indexOf('Have they threatened'));
    expect(risk).toContain('not an assessment by the police or a professional');
    expect(risk).toContain('Checked on 21 November 2026');
    expect(risk).toContain('Yes (a warning sign)');
    expect(risk).toContain('Last happened: 20 November 2026');
    expect(risk).toContain('He said he would hurt me.');
    expect(risk).toContain('Not sure');
    // What the witness wrote: marked as theirs, word for word, and the person's note apart.
    const statement = page.locator('[data-share-witness]');
    expect(await statement.count()).toBe(1);
    const words = await statement.innerText();
    expect(words).toContain('A man stood by her car for twenty minutes and watched the door.');
    expect(words).toContain('The staff car park');
    expect(words).toContain('Sam Witness');
    expect(words).toContain('20 November 2026, 21:15');
    const note = statement.locator('[data-share-witness-note]');
    expect(await note.innerText()).toContain('Sam saw it from the office window.');
    expect(await statement.locator('dl').innerText()).not.toContain('office window');
    expect(await axeViolations(page)).toEqual([]);

    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download: texts.txt' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('texts.txt');
    expect(new Uint8Array(await readFile(await download.path()))).toEqual(EXHIBIT);
    await expect.poll(() => status.textContent()).toContain('texts.txt is ready');

    // The report and the bundle, made on this device from what was shared; then one button
    // checks the bundle with the /verify page's checker: OK.
    await page.getByRole('button', { name: 'Make the report and bundle' }).click();
    const saveBundle = page.getByRole('button', { name: 'Save the bundle (.zip)' });
    await saveBundle.waitFor({ timeout: 60_000 });
    const bundleDownload = page.waitForEvent('download');
    await saveBundle.click();
    const bundle = await bundleDownload;
    expect(bundle.suggestedFilename()).toMatch(/^mosaic-report-\d{4}-\d{2}-\d{2}\.zip$/);
    const zip = await readFile(await bundle.path());
    expect([...zip.subarray(0, 2)]).toEqual([0x50, 0x4b]);
    const pdfDownload = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Save the report (PDF)' }).click();
    const pdf = await readFile(await (await pdfDownload).path());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await page.getByRole('button', { name: 'Check the bundle' }).click();
    await page.locator('[data-share-check-ok]').waitFor({ timeout: 60_000 });
    expect(await page.locator('[data-share-check-ok]').innerText()).toMatch(/^OK\./);
    expect(await axeViolations(page)).toEqual([]);
    if (SHOTS) {
      await page.screenshot({ path: `${SHOTS}/share-open-phone.png`, fullPage: true });
      await page.setViewportSize(DESKTOP);
      await page.screenshot({ path: `${SHOTS}/share-open-desktop.png`, fullPage: true });
    }

    const stored = await page.evaluate(async () => ({
      local: localStorage.length,
      session: sessionStorage.length,
      databases: (await indexedDB.databases()).length,
      cookies: document.cookie,
    }));
    expect(stored).toEqual({ local: 0, session: 0, databases: 0, cookies: '' });
    // The session was proved, never with a cookie: the passcode and keys never left the page.
    const api = requests.filter((u) => u.includes('/api/'));
    expect(api.some((u) => u.endsWith('/session'))).toBe(true);
    expect(api.join(' ')).not.toContain(passcode);

    await page.getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => shown.textContent()).toBe('');
    expect(await page.locator('body').textContent()).not.toContain('Twelve texts');
    await context.close();
  }, 90_000);

  it('says plainly when the link is not whole, and speaks Welsh on /cy/share', async () => {
    const { context, requests } = await watchedContext(browser, server);
    const page = await context.newPage();
    await page.goto(`${server.origin}/share#s1.cut-short`);
    await page.getByText('This link is not whole.').waitFor();
    expect(await page.locator('[data-share-form]').isHidden()).toBe(true);
    await page.goto(`${server.origin}/cy/share${link.slice(link.indexOf('#'))}`);
    await page.getByLabel('Cod pas').waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('cy');
    expect(requests.filter((u) => u.includes('/api/'))).toEqual([]);
    // Opened in Welsh: the case, the report and the check speak Welsh; axe-clean on a phone and
    // on a desktop.
    await page.fill('#share-passcode', passcode);
    await page.click('button[type=submit]');
    await page
      .getByText('Wedi’i rannu ar gyfer: PC Jones, case 12/345')
      .waitFor({ timeout: 30_000 });
    // Dates in Welsh words, not the browser's fallback ("January 4, 2027").
    const caseText = await page.locator('[data-share-case]').innerText();
    expect(caseText).toMatch(
      /\d{1,2} (Ionawr|Chwefror|Mawrth|Ebrill|Mai|Mehefin|Gorffennaf|Awst|Medi|Hydref|Tachwedd|Rhagfyr) \d{4}/,
    );
    expect(caseText).not.toMatch(
      /(January|February|March|April|May|June|July|August|September|October|November|December)/,
    );
    await page.getByRole('button', { name: 'Gwneud yr adroddiad a’r bwndel' }).click();
    await page.getByRole('button', { name: 'Gwirio’r bwndel' }).click({ timeout: 60_000 });
    await page.locator('[data-share-check-ok]').waitFor({ timeout: 60_000 });
    expect(await page.locator('[data-share-check-ok]').innerText()).toMatch(/^Iawn\. /);
    expect(await page.getByRole('button', { name: 'Cadw’r bwndel (.zip)' }).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/share-open-cy-phone.png`, fullPage: true });
    await page.setViewportSize(DESKTOP);
    expect(await axeViolations(page)).toEqual([]);
    if (SHOTS)
      await page.screenshot({ path: `${SHOTS}/share-open-cy-desktop.png`, fullPage: true });
    await context.close();
  }, 120_000);
});
