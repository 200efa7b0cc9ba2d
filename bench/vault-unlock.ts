/**
 * Unlock time in Chromium: from pressing "Open my diary" to the diary on screen — Argon2id
 * (64 MiB, 3 passes) in WebAssembly, the sign-in request, unwrapping the account key, fetching
 * and decrypting the entries. Baseline: the 1.5 s budget (DESIGN.md).
 */
import { launchChromium, PHONE, startLiveServer } from '../test/support/browser.js';
import type { BenchFigure } from './bench.js';
import { createBenchAccount } from './vault-account.js';

export const UNLOCK_BUDGET_MS = 1500;
const RUNS = 5;
const USERNAME = 'bench-unlock';
const PASSPHRASE = 'correct horse battery staple harbour';

export async function vaultUnlock(): Promise<BenchFigure[]> {
  const server = await startLiveServer();
  const browser = await launchChromium();
  try {
    await createBenchAccount(server.origin, USERNAME, PASSPHRASE);
    const times: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const context = await browser.newContext({ viewport: PHONE });
      const page = await context.newPage();
      await page.goto(`${server.origin}/vault`);
      await page.getByRole('button', { name: 'Open my diary' }).click();
      await page.getByLabel('Username').fill(USERNAME);
      await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
      const started = Date.now();
      await page.getByRole('button', { name: 'Open my diary' }).click();
      await page.getByRole('heading', { name: 'My diary', exact: true, level: 1 }).waitFor();
      times.push(Date.now() - started);
      await context.close();
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)] ?? 0;
    console.log(
      `unlock in Chromium: ${times.join(', ')} ms (median ${median} ms; budget ${UNLOCK_BUDGET_MS} ms)`,
    );
    return [
      {
        name: 'vault unlock in Chromium (median of 5)',
        value: median,
        unit: 'ms',
        baseline: 'budget',
        baseline_value: UNLOCK_BUDGET_MS,
      },
    ];
  } finally {
    await browser.close();
    await server.close();
  }
}
