/**
 * The report's fonts as addresses on this origin: the same Noto Sans WOFF files that
 * scripts/report-fonts.ts reads for Node (Latin, then Latin Extended, regular and bold). Vite
 * ships them with the app's assets, so the browser never asks a third party for a font.
 */
import latinRegular from '@fontsource/noto-sans/files/noto-sans-latin-400-normal.woff?url';
import latinExtRegular from '@fontsource/noto-sans/files/noto-sans-latin-ext-400-normal.woff?url';
import latinBold from '@fontsource/noto-sans/files/noto-sans-latin-700-normal.woff?url';
import latinExtBold from '@fontsource/noto-sans/files/noto-sans-latin-ext-700-normal.woff?url';

/** Absolute addresses, for the worker (whose own address is elsewhere under /assets). */
export function reportFontUrls(): { regular: string[]; bold: string[] } {
  const abs = (u: string) => new URL(u, document.baseURI).href;
  return {
    regular: [latinRegular, latinExtRegular].map(abs),
    bold: [latinBold, latinExtBold].map(abs),
  };
}
