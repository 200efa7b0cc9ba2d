/**
 * The files the report worker fetches, as addresses on this origin. The report's fonts: the same Noto Sans WOFF files that
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

/**
 * verify.html, the offline checker put in every bundle: the vault page names its address
 * (`data-verify-html`, from the build's scripts/build-verify-html.tsx). Absent from an older
 * build; the bundle is then made without it and HOW-TO-VERIFY.txt says so.
 */
export function verifyHtmlUrl(): string | undefined {
  const path = document.getElementById('vault-app')?.dataset.verifyHtml;
  return path === undefined || path === '' ? undefined : new URL(path, document.baseURI).href;
}
