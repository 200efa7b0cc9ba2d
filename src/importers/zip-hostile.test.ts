/**
 * Hostile zips given to the importer (issue #19), built with @zip.js/zip.js: path traversal,
 * absolute paths, backslashes, a symbolic link, a name given twice, a zip bomb (with and without a
 * zip64 size that lies), a zip inside a zip and a huge number of entries. Each is refused with a
 * stable code, by both readers (`importZipExport`, which the vault's worker uses for every zip,
 * and `importFile`, which the CLI uses), within bounded time and memory; the figures are printed.
 */
import { describe, expect, it } from 'vitest';
import { zip, type Entry } from '../../test/support/hostile-zip.js';
import { isImportError, type ImportErrorCode } from './errors.js';
import { importFile } from './index.js';
import { bytesSource, importZipExport, listZipEntries } from './zip-file.js';
import { ZIP_MAX_ENTRIES } from './zip-safety.js';

const CHAT = '12/03/2024, 14:05 - Alex: Where are you?\n';
const MIB = 1024 * 1024;

/** Renames every copy of `from` (header and directory) to `to`, of the same length. */
function rename(bytes: Uint8Array, from: string, to: string): Uint8Array {
  const a = new TextEncoder().encode(from);
  const b = new TextEncoder().encode(to);
  expect(a.length).toBe(b.length);
  const out = bytes.slice();
  let n = 0;
  for (let i = 0; i + a.length <= out.length; i++) {
    if (a.every((x, k) => out[i + k] === x)) {
      out.set(b, i);
      n++;
    }
  }
  expect(n).toBeGreaterThan(0);
  return out;
}

interface Outcome {
  readonly code: ImportErrorCode | 'ok';
  readonly details: unknown;
  readonly ms: number;
  readonly peakMiB: number;
}

/** Runs an import, sampling memory while it runs: the outcome, time and peak RSS growth. */
async function measure(run: () => Promise<unknown>): Promise<Outcome> {
  const base = process.memoryUsage().rss;
  let peak = base;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  const started = performance.now();
  let code: Outcome['code'] = 'ok';
  let details: unknown;
  try {
    await run();
  } catch (e) {
    if (!isImportError(e)) throw e;
    code = e.code;
    details = e.details;
  } finally {
    clearInterval(timer);
  }
  peak = Math.max(peak, process.memoryUsage().rss);
  return {
    code,
    details,
    ms: Math.round(performance.now() - started),
    peakMiB: Math.round((peak - base) / MIB),
  };
}

/** Both readers refuse `bytes` with `code`; the figures are printed. */
async function refusedByBoth(
  label: string,
  bytes: Uint8Array,
  code: ImportErrorCode,
): Promise<Outcome[]> {
  const fileName = 'WhatsApp Chat with Alex.zip';
  const ranged = await measure(() => importZipExport(bytesSource(bytes), { fileName }));
  const whole = await measure(() => importFile(bytes, { fileName }));
  for (const [reader, o] of [
    ['importZipExport', ranged],
    ['importFile', whole],
  ] as const) {
    console.log(
      `hostile zip: ${label} (${bytes.length} bytes) via ${reader}: ${o.code} ${JSON.stringify(o.details ?? {})} in ${o.ms} ms, peak RSS +${o.peakMiB} MiB`,
    );
    expect(o.code, `${label} via ${reader}`).toBe(code);
  }
  return [ranged, whole];
}

describe('hostile zips given to the importer', () => {
  it('refuses names that leave the folder, absolute paths and backslashes', async () => {
    const names = [
      '../../etc/passwd',
      'media/../../../etc/shadow',
      '/etc/passwd',
      'C:/Windows/win.ini',
      '..\\..\\Windows\\evil.bat',
      'media\\IMG-0001.jpg',
      'nul\0byte.txt',
    ];
    for (const name of names) {
      const bytes = await zip([
        ['_chat.txt', CHAT],
        [name, 'root:x:0:0'],
      ]);
      const [ranged] = await refusedByBoth(
        `entry named ${JSON.stringify(name)}`,
        bytes,
        'zip_unsafe',
      );
      expect(ranged?.details).toMatchObject({ reason: 'path' });
    }
  });

  it('refuses a symbolic link, even one named as the chat', async () => {
    for (const [name, target] of [
      ['_chat.txt', '/etc/passwd'],
      ['media/link', '../../../../home'],
    ] as const) {
      const entries: Entry[] = [[name, target, { unixMode: 0o120777 }]];
      if (name !== '_chat.txt') entries.unshift(['_chat.txt', CHAT]);
      const bytes = await zip(entries);
      const [ranged] = await refusedByBoth(`symlink ${name} -> ${target}`, bytes, 'zip_unsafe');
      expect(ranged?.details).toMatchObject({ reason: 'link' });
    }
  });

  it('refuses a name given twice', async () => {
    const bytes = rename(
      await zip([
        ['_chat.txt', CHAT],
        ['_chat.txx', '12/03/2024, 14:06 - Alex: a second chat with the same name\n'],
      ]),
      '_chat.txx',
      '_chat.txt',
    );
    const [ranged] = await refusedByBoth('two entries named _chat.txt', bytes, 'zip_unsafe');
    expect(ranged?.details).toMatchObject({ reason: 'repeated' });
  });

  it('stops a zip bomb at the limit, in bounded memory, whatever size it claims', async () => {
    // 300 MiB of zeros (past the 256 MiB limit for one entry) in well under a megabyte.
    const zeros = new Blob(Array.from({ length: 300 }, () => new Uint8Array(MIB)));
    const bomb = await zip([['_chat.txt', zeros]], { level: 9 });
    expect(bomb.length).toBeLessThan(MIB);
    const [ranged, whole] = await refusedByBoth('a 300 MiB bomb', bomb, 'file_too_large');
    // The ranged reader holds at most the limit (256 MiB) before it stops; the whole-file reader
    // refuses from the directory's size before inflating anything.
    expect(ranged!.peakMiB).toBeLessThan(512);
    expect(whole!.peakMiB).toBeLessThan(64);

    // The same bomb, written as zip64, with the size in its zip64 field changed to 10 bytes.
    const lying = lieAboutZip64Size(
      await zip([['_chat.txt', zeros]], { level: 9, zip64: true }),
      10,
    );
    const [entry] = await listZipEntries(bytesSource(lying));
    expect(entry?.originalSize).toBe(10);
    const [lyingRanged] = await refusedByBoth(
      'a zip64 bomb claiming 10 bytes',
      lying,
      'file_too_large',
    );
    expect(lyingRanged!.peakMiB).toBeLessThan(512);
  }, 300_000);

  it('refuses a zip64 end record that claims more entries than the file can hold', async () => {
    const bytes = await zip([['_chat.txt', CHAT]], { zip64: true });
    // The zip64 end record's "total entries" (offset 32) becomes 2^40.
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let patched = 0;
    for (let i = 0; i + 56 <= bytes.length; i++) {
      if (view.getUint32(i, true) === 0x06064b50) {
        view.setUint32(i + 24, 0, true);
        view.setUint32(i + 28, 256, true);
        view.setUint32(i + 32, 0, true);
        view.setUint32(i + 36, 256, true);
        patched++;
      }
    }
    expect(patched).toBe(1);
    await refusedByBoth('a zip64 record claiming 2^40 entries', bytes, 'zip_malformed');
  });

  it('never opens a zip inside a zip', async () => {
    let inner = await zip([['_chat.txt', CHAT]]);
    for (let depth = 0; depth < 20; depth++) inner = await zip([[`level-${depth}.zip`, inner]]);
    await refusedByBoth('a zip nested 20 deep', inner, 'zip_no_chat');
  });

  it(`refuses more than ${ZIP_MAX_ENTRIES} entries before listing them`, async () => {
    const bytes = manyEntries(ZIP_MAX_ENTRIES + 1);
    const [ranged] = await refusedByBoth(`${ZIP_MAX_ENTRIES + 1} entries`, bytes, 'file_too_large');
    expect(ranged?.details).toMatchObject({ entries: ZIP_MAX_ENTRIES + 1 });
  }, 120_000);
});

/**
 * A zip whose central directory lists `count` empty stored files named `m/<n>` (no local data
 * is needed: both readers refuse from the directory alone).
 */
function manyEntries(count: number): Uint8Array {
  const names = Array.from({ length: count }, (_, i) => new TextEncoder().encode(`m/${i}`));
  const dirSize = names.reduce((n, name) => n + 46 + name.length, 0);
  const local = new Uint8Array(30);
  new DataView(local.buffer).setUint32(0, 0x04034b50, true);
  const out = new Uint8Array(local.length + dirSize + 22);
  out.set(local, 0);
  const view = new DataView(out.buffer);
  let p = local.length;
  for (const name of names) {
    view.setUint32(p, 0x02014b50, true);
    view.setUint16(p + 28, name.length, true);
    out.set(name, p + 46);
    p += 46 + name.length;
  }
  view.setUint32(p, 0x06054b50, true);
  view.setUint16(p + 8, 0xffff, true);
  view.setUint16(p + 10, 0xffff, true);
  view.setUint32(p + 12, dirSize, true);
  view.setUint32(p + 16, local.length, true);
  // More than 65,535 entries needs zip64's count; this directory says so through a zip64 record.
  return withZip64Count(out, p, count, dirSize, local.length);
}

function withZip64Count(
  zipBytes: Uint8Array,
  eocd: number,
  count: number,
  dirSize: number,
  dirOffset: number,
): Uint8Array {
  const z64 = new Uint8Array(56 + 20);
  const v = new DataView(z64.buffer);
  v.setUint32(0, 0x06064b50, true);
  v.setUint32(4, 44, true);
  v.setUint32(24, count, true);
  v.setUint32(32, count, true);
  v.setUint32(40, dirSize, true);
  v.setUint32(48, dirOffset, true);
  v.setUint32(56, 0x07064b50, true);
  v.setUint32(64, eocd, true);
  v.setUint32(72, 1, true);
  const out = new Uint8Array(zipBytes.length + z64.length);
  out.set(zipBytes.subarray(0, eocd), 0);
  out.set(z64, eocd);
  out.set(zipBytes.subarray(eocd), eocd + z64.length);
  return out;
}

/** Sets the uncompressed size in every central record's zip64 extra field to `size`. */
function lieAboutZip64Size(bytes: Uint8Array, size: number): Uint8Array {
  const out = bytes.slice();
  const view = new DataView(out.buffer);
  let patched = 0;
  for (let p = 0; p + 46 <= out.length; p++) {
    if (view.getUint32(p, true) !== 0x02014b50) continue;
    if (view.getUint32(p + 24, true) !== 0xffffffff) continue;
    const nameLength = view.getUint16(p + 28, true);
    const extraLength = view.getUint16(p + 30, true);
    for (let x = p + 46 + nameLength; x + 4 <= p + 46 + nameLength + extraLength;) {
      if (view.getUint16(x, true) === 0x0001) {
        view.setUint32(x + 4, size, true);
        view.setUint32(x + 8, 0, true);
        patched++;
        break;
      }
      x += 4 + view.getUint16(x + 2, true);
    }
  }
  expect(patched).toBe(1);
  return out;
}
