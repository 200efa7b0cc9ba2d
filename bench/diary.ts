/**
 * The diary with 10,000 incidents (plus their people), in Chromium: unlock to the diary on
 * screen, the incident list's first render, a search, and the full pattern view. Each is timed
 * from the click or keystroke to the result on screen. Baseline: the 1 s budget (DESIGN.md).
 * The records are sealed and stored by the vault core (src/vault), exactly as the app does.
 */
import type { Page } from 'playwright-core';
import { generateIncidents } from '../src/domain/diary/fixtures.js';
import { sealNewRecord } from '../src/vault/index.js';
import { launchChromium, PHONE, startLiveServer } from '../test/support/browser.js';
import type { BenchFigure } from './bench.js';
import { createBenchAccount } from './vault-account.js';

/** `DIARY_BENCH_INCIDENTS=50000 npm run bench -- diary` for the larger diary of issue 20. */
const INCIDENTS = Number(process.env.DIARY_BENCH_INCIDENTS ?? 10_000);
const BUDGET_MS = 1000;
const USERNAME = 'bench-diary';
const PASSPHRASE = 'correct horse battery staple harbour';

export async function diaryBench(): Promise<BenchFigure[]> {
  const server = await startLiveServer();
  const browser = await launchChromium();
  try {
    const diary = generateIncidents(INCIDENTS, 7);
    await fillAccount(server.origin, [
      ...diary.people.map((p) => ({ type: 'person', id: p.id, value: p.value })),
      ...diary.incidents.map((i) => ({ type: 'incident', id: i.id, value: i.value })),
    ]);
    const context = await browser.newContext({ viewport: PHONE });
    const page = await context.newPage();
    await page.goto(`${server.origin}/vault`);
    await page.getByRole('button', { name: 'Open my diary' }).click();
    await page.getByLabel('Username').fill(USERNAME);
    await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);

    const unlock = await timed(page, async () => {
      await page.getByRole('button', { name: 'Open my diary' }).click();
      await heading(page, 'My diary');
    });
    const list = await timed(page, async () => {
      await page.getByRole('button', { name: 'See all incidents' }).click();
      await page.locator('[data-incident]').first().waitFor({ timeout: 120_000 });
    });
    // The newest incidents are on screen first; this is when the last of the older ones is open.
    const whole = list + (await timed(page, () => allOpen(page)));
    await page.getByText('Filter and search').click();
    // The list draws 100 rows at a time, so a step is done when the count of matches changes.
    const filter = await timed(page, async () => {
      const before = await matchCount(page);
      await page.getByLabel('Behaviour').selectOption({ index: 1 });
      await matchCountChange(page, before);
    });
    await page.getByRole('button', { name: 'Clear filters' }).click();
    const search = await timed(page, async () => {
      const before = await matchCount(page);
      await page.getByLabel('Search').fill('van');
      await matchCountChange(page, before);
    });
    await page
      .getByRole('link', { name: 'My diary' })
      .or(page.getByRole('button', { name: 'My diary' }))
      .first()
      .click();
    await heading(page, 'My diary');
    const patterns = await timed(page, async () => {
      await page.getByRole('button', { name: 'See patterns' }).click();
      await heading(page, 'Patterns');
      await page.locator('svg rect').first().waitFor({ timeout: 120_000 });
    });
    await context.close();

    const figures = {
      unlock,
      'first list render': list,
      'whole diary open': whole,
      filter,
      search,
      'pattern view': patterns,
    };
    for (const [what, ms] of Object.entries(figures)) {
      console.log(`${what} with ${INCIDENTS} incidents: ${ms} ms (budget ${BUDGET_MS} ms)`);
    }
    return Object.entries(figures).map(([what, ms]) => ({
      name: `diary ${what}, ${INCIDENTS} incidents, Chromium`,
      value: ms,
      unit: 'ms',
      baseline: 'budget',
      baseline_value: BUDGET_MS,
    }));
  } finally {
    await browser.close();
    await server.close();
  }
}

async function timed(_page: Page, step: () => Promise<void>): Promise<number> {
  const started = Date.now();
  await step();
  return Date.now() - started;
}

async function allOpen(page: Page): Promise<void> {
  await page.locator('[data-complete="true"]').waitFor({ timeout: 120_000 });
}

function matchCount(page: Page): Promise<string | null> {
  return page.locator('[data-match-count]').getAttribute('data-match-count');
}

async function matchCountChange(page: Page, before: string | null): Promise<void> {
  await page.waitForFunction(
    (n) => document.querySelector('[data-match-count]')?.getAttribute('data-match-count') !== n,
    before,
    { timeout: 120_000 },
  );
}

function heading(page: Page, name: string): Promise<void> {
  return page.getByRole('heading', { level: 1, name, exact: true }).waitFor({ timeout: 120_000 });
}

/** Signs up as the app does and stores every record, sealed as the app seals them. */
async function fillAccount(
  origin: string,
  records: { type: string; id: string; value: unknown }[],
): Promise<void> {
  const { accountKey, api } = await createBenchAccount(origin, USERNAME, PASSPHRASE);
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < records.length) {
        const record = records[next++]!;
        await api.createRecord(
          await sealNewRecord(accountKey, record.type, record.value, record.id),
        );
      }
    }),
  );
}
