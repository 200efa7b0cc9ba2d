/**
 * Page weight: every public page a visitor can reach from the home page, loaded in a fresh
 * Chromium context (empty cache), with the compressed bytes of everything it loads — the page,
 * its stylesheets, script and images, headers included. Baseline: the 50 KB budget (DESIGN.md).
 */
import { launchChromium, pageBytes, PHONE, startLiveServer } from '../test/support/browser.js';
import { crawl, isPublicPage } from '../test/support/crawl.js';
import type { BenchFigure } from './bench.js';

export const PAGE_BUDGET_BYTES = 50 * 1024;

export async function pageWeight(): Promise<BenchFigure[]> {
  const server = await startLiveServer();
  const browser = await launchChromium();
  try {
    const { pages } = await crawl(async (path) => {
      const res = await fetch(server.origin + path);
      return { status: res.status, body: await res.text() };
    });
    const figures: BenchFigure[] = [];
    // Public pages only: the private diary is an app, loaded by no public page.
    for (const path of [...pages.keys()].filter(isPublicPage)) {
      const context = await browser.newContext({ viewport: PHONE });
      const bytes = await pageBytes(await context.newPage(), server.origin + path);
      await context.close();
      const within = bytes <= PAGE_BUDGET_BYTES ? 'within' : 'OVER';
      console.log(
        `${path.padEnd(40)} ${(bytes / 1024).toFixed(1).padStart(6)} KB  ${within} budget`,
      );
      figures.push({
        name: `page-weight ${path}`,
        value: bytes,
        unit: 'bytes',
        baseline: 'budget',
        baseline_value: PAGE_BUDGET_BYTES,
      });
    }
    const heaviest = Math.max(...figures.map((f) => f.value));
    figures.push({
      name: 'page-weight heaviest page',
      value: heaviest,
      unit: 'bytes',
      baseline: 'budget',
      baseline_value: PAGE_BUDGET_BYTES,
    });
    return figures;
  } finally {
    await browser.close();
    await server.close();
  }
}
