/**
 * `npm run verify -- BUNDLE.zip [--log-key FILE] [--tsa-ca FILE.der …]`: checks a Mosaic evidence
 * bundle offline with the same verifier the /verify page uses (src/report/verify.ts). Prints one
 * line per check, entry and exhibit, then the verdict. Exits 0 when everything passed, 1 when
 * anything failed, 2 when the command was used wrongly or the file cannot be opened.
 *
 * --log-key FILE: the log key (vkey text) the organisation publishes; the bundle's must match.
 * --tsa-ca FILE: a trusted time-stamp authority certificate (DER); may be given more than once.
 */
import { openAsBlob } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { verifyBundle, type VerifyOptions } from '../src/report/verify.js';

const USAGE = 'verify BUNDLE.zip [--log-key FILE] [--tsa-ca FILE.der ...]';

function usage(message: string): never {
  process.stderr.write(`${message}\nUsage: npm run ${USAGE}\n`);
  process.exit(2);
}

const args = process.argv.slice(2);
let file: string | undefined;
let logKeyFile: string | undefined;
const tsaFiles: string[] = [];
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === '--log-key') logKeyFile = args[++i] ?? usage('--log-key needs a file');
  else if (a === '--tsa-ca') tsaFiles.push(args[++i] ?? usage('--tsa-ca needs a file'));
  else if (a?.startsWith('--') === true) usage(`Unknown option ${a}`);
  else if (file === undefined) file = a;
  else usage('Give one bundle');
}
if (file === undefined) usage('Give the bundle to check');

let blob: Blob;
const options: { -readonly [K in keyof VerifyOptions]: VerifyOptions[K] } = {};
try {
  // A Blob backed by the file: the verifier streams it and never reads it whole.
  blob = await openAsBlob(file);
  if (logKeyFile !== undefined) options.expectedLogKey = await readFile(logKeyFile, 'utf8');
  if (tsaFiles.length > 0) {
    options.tsaTrustAnchors = await Promise.all(
      tsaFiles.map(async (f) => new Uint8Array(await readFile(f))),
    );
  }
} catch (e) {
  process.stderr.write(`Cannot open ${file}: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(2);
}

const result = await verifyBundle(blob, options);
const LABEL = { ok: 'OK  ', fail: 'FAIL', note: 'NOTE' } as const;
for (const line of result.lines) {
  const code = line.code !== undefined ? ` [${line.code}]` : '';
  process.stdout.write(`${LABEL[line.status]}  ${line.subject}: ${line.detail}${code}\n`);
}
process.stdout.write(`\n${result.verdict}\n`);
process.exit(result.ok ? 0 : 1);
