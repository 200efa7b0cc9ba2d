/**
 * Reads the report's font files (Noto Sans, shipped by @fontsource/noto-sans) for Node callers:
 * the CLI, tests and the benchmark. The browser fetches the same files. WOFF, not WOFF2: the
 * subsetter in @pdf-lib/fontkit fails on WOFF2 (docs/decisions/0005-report-pdf-and-bundle.md).
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { ReportFonts } from '../src/report/pdf.js';

const require = createRequire(import.meta.url);

/** The package's files folder. */
export function fontDir(): string {
  return join(dirname(require.resolve('@fontsource/noto-sans/package.json')), 'files');
}

export async function loadReportFonts(): Promise<ReportFonts> {
  const read = (name: string) =>
    readFile(join(fontDir(), name)).then((b) => new Uint8Array(b.buffer, b.byteOffset, b.length));
  return {
    regular: await Promise.all(
      ['latin', 'latin-ext'].map((s) => read(`noto-sans-${s}-400-normal.woff`)),
    ),
    bold: await Promise.all(
      ['latin', 'latin-ext'].map((s) => read(`noto-sans-${s}-700-normal.woff`)),
    ),
  };
}
