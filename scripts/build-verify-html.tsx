/**
 * Builds verify.html: the bundle checker as one self-contained HTML file (all script and style
 * inline, the worker inlined as a blob:, no network), which the vault app puts inside every
 * evidence bundle (BundleInput.verifyHtml, src/report/bundle.ts). Run by `npm run build` after
 * `vite build`; writes dist/public/assets/verify-bundle-<hash>.html and names it in
 * dist/public/.vite/verify-html.json for the server (src/server/assets/load-assets.ts).
 *
 * The file's own policy (a meta tag) allows exactly its one script and one style, by hash,
 * WebAssembly for libsodium, and a blob: worker; connect-src 'none' means nothing it runs can
 * send anything anywhere.
 */
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { renderToString } from 'preact-render-to-string';
import { build, type Rolldown } from 'vite';
import { VERIFY_MESSAGES } from '../src/web/i18n/verify-messages.js';
import { VerifyBody } from '../src/web/pages/VerifyPage.js';

const root = path.resolve(import.meta.dirname, '..');
const publicDir = path.join(root, 'dist', 'public');

const result = await build({
  configFile: false,
  root,
  logLevel: 'warn',
  publicDir: false,
  build: {
    write: false,
    target: 'es2020',
    cssCodeSplit: false,
    assetsInlineLimit: Number.MAX_SAFE_INTEGER,
    modulePreload: false,
    chunkSizeWarningLimit: 4096,
    rolldownOptions: {
      input: path.join(root, 'src/web/verify/standalone.ts'),
      output: { format: 'iife', codeSplitting: false },
    },
  },
});
const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
const files = outputs.flatMap((o) => o.output);
const chunks = files.filter((f): f is Rolldown.OutputChunk => f.type === 'chunk');
const styles = files.filter(
  (f): f is Rolldown.OutputAsset => f.type === 'asset' && f.fileName.endsWith('.css'),
);
const [chunk] = chunks;
if (chunk === undefined || chunks.length !== 1) {
  throw new Error(`verify.html: expected one script, got ${String(chunks.length)}`);
}
// A script element ends at the first "</script": keep that sequence out of the inline code.
const script = chunk.code.replace(/<\/(script)/gi, '<\\/$1');
const style = styles.map((s) => String(s.source)).join('\n');

const t = VERIFY_MESSAGES.en;
const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
const policy = [
  "default-src 'none'",
  `script-src ${hash(script)} 'wasm-unsafe-eval' blob:`,
  'worker-src blob:',
  `style-src ${hash(style)}`,
  "connect-src 'none'",
  "img-src 'none'",
  "form-action 'none'",
  "base-uri 'none'",
].join('; ');
const body = renderToString(<VerifyBody t={t} logKey={undefined} offline />);
const html = `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${policy}">
<meta name="referrer" content="no-referrer">
<title>${t.title}</title>
<style>${style}</style>
</head>
<body>
<main>${body}</main>
<script>${script}</script>
</body>
</html>
`;

const name = `verify-bundle-${createHash('sha256').update(html).digest('hex').slice(0, 12)}.html`;
await mkdir(path.join(publicDir, 'assets'), { recursive: true });
await writeFile(path.join(publicDir, 'assets', name), html);
await mkdir(path.join(publicDir, '.vite'), { recursive: true });
await writeFile(
  path.join(publicDir, '.vite', 'verify-html.json'),
  `${JSON.stringify({ file: `assets/${name}` })}\n`,
);
process.stdout.write(`verify.html: dist/public/assets/${name} (${String(html.length)} bytes)\n`);
