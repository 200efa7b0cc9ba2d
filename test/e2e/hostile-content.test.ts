/**
 * Hostile content in every vault screen and the share view, in Chromium at phone size (issue #19).
 *
 * One account holds a record of each type with every text field filled with script, HTML,
 * `javascript:` URLs, right-to-left overrides, zero-width characters, emoji ZWJ sequences,
 * combining marks, control characters and long unbroken words, at each field's limit
 * (test/support/hostile.ts); one note's body is close to the 1 MiB record limit and one incident
 * carries 40 copied messages of 20,000 characters each. They are sealed here exactly as the app
 * seals them (typing a megabyte into a form proves nothing more), then every screen is opened:
 * nothing runs (no dialog, no `window.__hostile`, no page error, no console error, no CSP
 * violation) and nothing makes the page scroll sideways at 390×844. The same records, shared,
 * are opened at /share with the same checks.
 *
 * HOSTILE_SHOTS=/some/dir saves a full-page screenshot of each screen.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBenchAccount, type BenchAccount } from '../../bench/vault-account.js';
import { encryptFile, generateKey, sha256, toBase64Url, toHex } from '../../src/crypto/index.js';
import { EVIDENCE_RECORD_TYPE } from '../../src/domain/evidence/index.js';
import { RISK_CHECK_TYPE } from '../../src/domain/safety/risk-check.js';
import { SAFETY_PLAN_TYPE } from '../../src/domain/safety/safety-plan.js';
import { WITNESS_STATEMENT_TYPE } from '../../src/domain/witness.js';
import { NOTE_TYPE, sealNewRecord } from '../../src/vault/index.js';
import { createShare } from '../../src/vault/shares.js';
import {
  HAVE_CHROMIUM,
  launchChromium,
  PHONE,
  startLiveServer,
  watchedContext,
  type LiveServer,
} from '../support/browser.js';
import { countStrings, HOSTILE, HOSTILE_IDS, hostileRecords } from '../support/hostile.js';
import { heading } from '../support/vault-ui.js';

const PASSPHRASE = 'amber heron waits by the weir';
const SHOTS = process.env.HOSTILE_SHOTS;
const FILE = new TextEncoder().encode(`${HOSTILE.script}\n${HOSTILE.rtl}\n`);

interface Watch {
  readonly problems: string[];
}

/** Listens for anything that would mean hostile text ran, or broke the page. */
async function watch(context: BrowserContext, page: Page): Promise<Watch> {
  const problems: string[] = [];
  await context.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      w.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`);
    });
  });
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text().slice(0, 300)}`);
  });
  return { problems };
}

/** Nothing ran, nothing was blocked, nothing sticks out sideways; a screenshot when asked. */
async function check(page: Page, w: Watch, screen: string): Promise<void> {
  await page.waitForTimeout(150);
  const state = await page.evaluate(() => {
    const win = window as unknown as { __hostile?: unknown; __csp?: string[] };
    const doc = document.documentElement;
    // What sticks out: boxes past the edge, or boxes whose own text overflows them.
    const wide = Array.from(document.querySelectorAll('body *'))
      .filter(
        (el) =>
          el.getBoundingClientRect().right > doc.clientWidth + 0.5 ||
          (el.scrollWidth > el.clientWidth + 1 &&
            getComputedStyle(el).overflowX === 'visible' &&
            el.clientWidth > 0),
      )
      .map((el) => `${el.tagName.toLowerCase()}.${el.getAttribute('class')?.slice(0, 40) ?? ''}`)
      .slice(-6);
    return {
      ran: win.__hostile,
      csp: win.__csp ?? [],
      sideways: doc.scrollWidth - doc.clientWidth,
      bodySideways: document.body.scrollWidth - document.body.clientWidth,
      wide,
      injected: document.querySelectorAll(
        'main script, main img[src="x"], main svg[onload], main iframe[srcdoc], main style',
      ).length,
    };
  });
  if (SHOTS !== undefined) {
    // A full page of 40 copied 20,000-character messages is too tall for one image.
    const tall = await page.evaluate(() => document.documentElement.scrollHeight > 30_000);
    await page.screenshot({ path: `${SHOTS}/hostile-${screen}.png`, fullPage: !tall });
  }
  expect(state.ran, `${screen}: hostile script ran`).toBeUndefined();
  expect(state.csp, `${screen}: CSP violations`).toEqual([]);
  expect(state.injected, `${screen}: hostile elements in the page`).toBe(0);
  expect(state.sideways, `${screen} scrolls sideways: ${state.wide.join(', ')}`).toBe(0);
  expect(state.bodySideways, `${screen} body scrolls sideways: ${state.wide.join(', ')}`).toBe(0);
  expect(w.problems, screen).toEqual([]);
}

/** Shows a screen that needs nothing but its name, the way Back and Forward do. */
async function show(page: Page, name: string): Promise<void> {
  await page.evaluate((screen) => {
    history.pushState(
      { screen, key: `test${crypto.getRandomValues(new Uint32Array(1))[0]}` },
      '',
      location.pathname,
    );
    dispatchEvent(new PopStateEvent('popstate', { state: history.state }));
  }, name);
}

describe.skipIf(!HAVE_CHROMIUM)('hostile content in Chromium', () => {
  let server: LiveServer;
  let browser: Browser;
  let account: BenchAccount;
  let username = '';
  let link = '';
  let passcode = '';
  let tried = 0;

  beforeAll(async () => {
    server = await startLiveServer();
    browser = await launchChromium();
    username = `hostile-${Date.now().toString(36)}`;
    account = await createBenchAccount(server.origin, username, PASSPHRASE);
    const { api, accountKey, cookie, csrfToken } = account;
    // The long note: as much as the 1 MiB record limit allows after sealing and base64url.
    const records = hostileRecords({ noteBytes: 700_000, importedItems: 40 });
    tried = countStrings(records);

    // One real file, encrypted as the app does and sent by tus, so the evidence screens open it.
    const fileKey = await generateKey();
    const fileId = 'hostileFile0000000001A';
    const encrypted = await encryptFile({ key: fileKey, fileId, plaintext: FILE });
    const tus = { cookie, 'x-mosaic-csrf': csrfToken, 'tus-resumable': '1.0.0' };
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
    const [evidence] = records.evidence;
    const evidenceValue = {
      ...evidence!,
      file: {
        ...evidence!.file,
        mediaType: 'text/plain',
        size: FILE.length,
        sha256: toHex(await sha256(FILE)),
      },
      encryption: { ...evidence!.encryption, fileId, key: toBase64Url(fileKey) },
      upload: { ...evidence!.upload, id: uploadId },
    };

    const sealed: { type: string; id?: string | undefined; value: unknown }[] = [
      ...records.people.map((value) => ({ type: 'person', id: HOSTILE_IDS.person, value })),
      ...records.places.map((value) => ({ type: 'place', id: HOSTILE_IDS.place, value })),
      { type: EVIDENCE_RECORD_TYPE, id: HOSTILE_IDS.evidence, value: evidenceValue },
      ...records.incidents.map((value, i) => ({
        type: 'incident',
        id: HOSTILE_IDS.incidents[i],
        value,
      })),
      ...records.effects.map((value) => ({ type: 'effect', id: HOSTILE_IDS.effect, value })),
      ...records.riskChecks.map((value) => ({ type: RISK_CHECK_TYPE, value })),
      ...records.safetyPlans.map((value) => ({ type: SAFETY_PLAN_TYPE, value })),
      ...records.witnesses.map((value) => ({ type: WITNESS_STATEMENT_TYPE, value })),
      ...records.notes.map((value) => ({ type: NOTE_TYPE, value })),
    ];
    const written = [];
    for (const r of sealed) {
      const body = await sealNewRecord(accountKey, r.type, r.value, r.id);
      written.push({ type: r.type, response: await api.createRecord(body) });
    }
    const made = await createShare(api, accountKey, {
      records: written
        .filter((w) => ['incident', EVIDENCE_RECORD_TYPE, RISK_CHECK_TYPE].includes(w.type))
        .map((w) => w.response),
      uploads: [{ id: uploadId, recordId: HOSTILE_IDS.evidence }],
      label: `${HOSTILE.svg}${HOSTILE.rtl}`.slice(0, 100),
      mode: 'snapshot',
      origin: server.origin,
    });
    link = made.link;
    passcode = made.passcode;
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it(
    'every vault screen shows it as text, runs none of it and fits the phone',
    { timeout: 600_000 },
    async () => {
      const { context } = await watchedContext(browser, server, { viewport: PHONE });
      const page = await context.newPage();
      const w = await watch(context, page);
      await page.goto(`${server.origin}/vault`);
      await heading(page, 'Your private diary');
      await page.getByRole('button', { name: 'Open my diary' }).click();
      await heading(page, 'Open my diary');
      await page.getByLabel('Username').fill(username);
      await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
      await page.getByRole('button', { name: 'Open my diary' }).click();
      await heading(page, 'My diary');
      await page.locator('main li').first().waitFor();
      await check(page, w, 'home');
      let screens = 1;

      /** Opens a list screen, checks it, then opens and checks each of `into` in turn. */
      const visit = async (name: string, ready: string, into: (() => Promise<string>)[] = []) => {
        await show(page, name);
        await page.locator(ready).first().waitFor({ timeout: 60_000 });
        await check(page, w, name);
        screens++;
        for (const step of into) {
          const opened = await step();
          await check(page, w, opened);
          screens++;
          await show(page, name);
          await page.locator(ready).first().waitFor({ timeout: 60_000 });
        }
      };
      const click = (selector: string, ready: string, label: string) => async () => {
        await page.locator(selector).first().click();
        await page.locator(ready).first().waitFor({ timeout: 60_000 });
        return label;
      };

      await visit('home', '[data-note-body], main', [
        click('main li button >> nth=0', 'h1', 'note-view'),
      ]);
      await visit('incidents', '[data-incident]', [
        click('[data-incident] .entry__title button', 'main h1', 'incident-view'),
        async () => {
          await page.locator('[data-incident] .entry__title button').first().click();
          await page.getByRole('button', { name: 'Edit', exact: true }).click();
          await page.locator('form textarea').first().waitFor();
          return 'incident-edit';
        },
        async () => {
          await page.getByText('Filter and search').first().click();
          await page.getByLabel('Search', { exact: true }).fill('script');
          await page.locator('[data-match-count]').first().waitFor();
          return 'search';
        },
      ]);
      await visit('people', '[data-person]', [
        click('[data-person] button', 'form input', 'person-edit'),
      ]);
      await visit('places', '[data-place]', [
        click('[data-place] button', 'form input', 'place-edit'),
      ]);
      await visit('effects', 'main li', [click('main li button', 'form textarea', 'effect-edit')]);
      await visit('patterns', 'main h2');
      await visit('print', '[data-print-log]');
      await visit('evidence', '[data-evidence-list] li, [data-evidence]', [
        click('[data-evidence-list] li button, [data-evidence] button', 'main h1', 'evidence-view'),
      ]);
      await visit('witnesses', '[data-witness-statement]');
      await visit('risk-history', '[data-risk-history]', [
        click('[data-risk-history] button', '[data-risk-result]', 'risk-result'),
      ]);
      await visit('safety-plan', '[data-plan]');
      await visit('report', 'main form');
      await visit('share', 'main h1');
      console.log(
        `hostile content: ${tried} hostile strings in ${screens} vault screens, nothing ran`,
      );
      await context.close();
    },
  );

  it(
    'the share view shows it as text, runs none of it and fits the phone',
    { timeout: 300_000 },
    async () => {
      const { context } = await watchedContext(browser, server, { viewport: PHONE });
      const page = await context.newPage();
      const w = await watch(context, page);
      await page.goto(link);
      await page.fill('#share-passcode', passcode);
      await page.click('button[type=submit]');
      await page.locator('.share__incident').first().waitFor({ timeout: 60_000 });
      expect(await page.locator('.share__incident').count()).toBe(3);
      await check(page, w, 'share-view');
      // Every <details> open: copied messages and the rest laid out too.
      await page.evaluate(() =>
        document.querySelectorAll('details').forEach((d) => (d.open = true)),
      );
      await check(page, w, 'share-view-open');
      await context.close();
    },
  );
});
