/**
 * `npm run import-preview -- FILE [--owner NAME] [--time-zone ZONE] [--date-order ORDER]
 * [--format FORMAT]`: reads one export with the same importers the vault runs in the browser,
 * and prints a JSON summary:
 *
 *   { "format", "messages", "calls", "senders": [{ "sender", "messages", "calls" }], "first", "last" }
 *
 * The owner's own messages and calls are counted under the owner's sender key (their name,
 * address, or `owner` when the export does not name them) and that entry carries
 * `"owner": true`. `first` and `last` are exact instants when the format has them, else wall
 * times as written (or instants in `--time-zone` when given). Warnings go to stderr. A file that
 * cannot be read prints `code: message` to stderr and exits 1.
 */
import { createReadStream } from 'node:fs';
import {
  assertTimeZone,
  confirmDateOrder,
  IMPORT_FORMATS,
  importFile,
  isImportError,
  previewOf,
  type ImportFormat,
  type ImportOptions,
} from '../src/importers/index.js';

const USAGE =
  'import-preview FILE [--owner NAME] [--time-zone ZONE] [--date-order day-first|month-first|year-first] [--format FORMAT]';

function fail(code: string, message: string): never {
  process.stderr.write(`${code}: ${message}\n`);
  process.exit(1);
}

const args = process.argv.slice(2);
let file: string | undefined;
const options: ImportOptions = {};
let timeZone: string | undefined;
for (let i = 0; i < args.length; i++) {
  const arg = args[i] ?? '';
  const value = (): string => {
    const v = args[++i];
    if (v === undefined) fail('usage', `${arg} needs a value\n${USAGE}`);
    return v;
  };
  if (arg === '--owner') options.owner = value();
  else if (arg === '--time-zone') timeZone = value();
  else if (arg === '--date-order') {
    const order = value();
    if (order !== 'day-first' && order !== 'month-first' && order !== 'year-first') {
      fail('usage', USAGE);
    }
    options.dateOrder = order;
  } else if (arg === '--format') {
    const format = value();
    if (!(IMPORT_FORMATS as readonly string[]).includes(format)) {
      fail('usage', `unknown format ${format}; one of ${IMPORT_FORMATS.join(', ')}`);
    }
    options.format = format as ImportFormat;
  } else if (arg === '--help' || arg === '-h') {
    process.stdout.write(`usage: ${USAGE}\n`);
    process.exit(0);
  } else if (file === undefined && !arg.startsWith('--')) file = arg;
  else fail('usage', USAGE);
}
if (file === undefined) fail('usage', USAGE);

try {
  if (timeZone !== undefined) assertTimeZone(timeZone);
  // The whole path: Instagram and Facebook exports are told apart by their folders.
  options.fileName = file;
  const stream = createReadStream(file, { highWaterMark: 1024 * 1024 });
  let result = await importFile(stream as AsyncIterable<Uint8Array>, options);
  for (const w of result.warnings) {
    process.stderr.write(
      `warning ${w.code}: ${w.message} (${w.count}${w.line ? `, line ${w.line}` : ''})\n`,
    );
  }
  if (result.ambiguousDateOrder && result.dateOrder !== undefined) {
    process.stderr.write(
      `note: dates were read ${result.dateOrder}; pass --date-order to choose\n`,
    );
    result = confirmDateOrder(result, result.dateOrder);
  }
  const preview = previewOf(result, timeZone === undefined ? {} : { timeZone });
  process.stdout.write(JSON.stringify(preview, null, 2) + '\n');
} catch (e) {
  if (isImportError(e)) fail(e.code, e.message);
  const err = e as NodeJS.ErrnoException;
  if (typeof err.code === 'string' && err.code.startsWith('E')) {
    fail('file_unreadable', `cannot read ${file}: ${err.code}`);
  }
  fail('internal_error', e instanceof Error ? e.message : String(e));
}
