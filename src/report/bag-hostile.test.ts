/**
 * Hostile bundles given to the verifier (issue #19), built with @zip.js/zip.js: path traversal,
 * absolute paths, backslashes, a symbolic link, a name given twice, a ZIP bomb, a size that lies,
 * a zip inside a zip and more files than a bundle has. Each ends as one failed line with a stable
 * code (the CLI prints it in brackets; the /verify page runs the same `verifyBundle`), within
 * bounded time and memory; the figures are printed.
 */
import { describe, expect, it } from 'vitest';
import { zip, type Entry } from '../../test/support/hostile-zip.js';
import { BAG_LIMITS, readBag, type BagReadCode } from './bag-reader.js';
import { verifyBundle } from './verify.js';

const MIB = 1024 * 1024;
const BAGIT: Entry = ['bag/bagit.txt', 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n'];

/** Renames every copy of `from` to `to` (same length) in headers and directory. */
function rename(bytes: Uint8Array, from: string, to: string): Uint8Array {
  const a = new TextEncoder().encode(from);
  const b = new TextEncoder().encode(to);
  const out = bytes.slice();
  for (let i = 0; i + a.length <= out.length; i++) {
    if (a.every((x, k) => out[i + k] === x)) out.set(b, i);
  }
  return out;
}

/** Verifies `bytes`, sampling memory: the refusal's code, the line, time and peak RSS growth. */
async function refused(label: string, bytes: Uint8Array, code: BagReadCode): Promise<void> {
  const base = process.memoryUsage().rss;
  let peak = base;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  const started = performance.now();
  const result = await verifyBundle(bytes).finally(() => clearInterval(timer));
  const ms = Math.round(performance.now() - started);
  const line = result.lines[0];
  console.log(
    `hostile bundle: ${label} (${bytes.length} bytes): ${line?.code} "${line?.detail.slice(0, 120)}" in ${ms} ms, peak RSS +${Math.round((peak - base) / MIB)} MiB`,
  );
  expect(result.ok, label).toBe(false);
  expect(result.lines, label).toHaveLength(1);
  expect(line, label).toMatchObject({ status: 'fail', subject: 'bundle', code });
  expect(peak - base, label).toBeLessThan(256 * MIB);
}

describe('hostile bundles given to the verifier', () => {
  it('refuses names outside the bag, absolute paths and backslashes', async () => {
    for (const name of [
      'bag/../../etc/passwd',
      '../../etc/passwd',
      '/etc/passwd',
      'C:/Windows/win.ini',
      'bag\\..\\..\\evil.bat',
      'bag\\data\\report.pdf',
      'bag/./data/x',
    ]) {
      await refused(
        `entry named ${JSON.stringify(name)}`,
        await zip([BAGIT, [name, 'root:x:0:0']]),
        'bag_unsafe_name',
      );
    }
  });

  it('refuses a symbolic link', async () => {
    const bytes = await zip([
      BAGIT,
      ['bag/data/entries.json', '/etc/passwd', { unixMode: 0o120777 }],
    ]);
    await refused('a symlink to /etc/passwd', bytes, 'bag_link');
  });

  it('refuses a name given twice', async () => {
    const bytes = rename(
      await zip([BAGIT, ['bag/bagit.txx', 'BagIt-Version: 0.97\n']]),
      'bag/bagit.txx',
      'bag/bagit.txt',
    );
    await refused('two entries named bag/bagit.txt', bytes, 'bag_repeated_name');
  });

  it('refuses a ZIP bomb, and a file bigger than its ZIP says', async () => {
    // 64 MiB of zeros in about 64 KiB; the directory then claims 4 GiB less one byte, past the
    // checker's limit (1 GiB, or 100 times the ZIP): refused before inflating a byte.
    const zeros = new Blob(Array.from({ length: 64 }, () => new Uint8Array(MIB)));
    const big = await zip([BAGIT, ['bag/data/evidence/a.bin', zeros]], { level: 9 });
    const bomb = big.slice();
    const bombView = new DataView(bomb.buffer);
    for (let at = 0; at + 28 <= bomb.length; at++) {
      if (
        bombView.getUint32(at, true) === 0x02014b50 &&
        bombView.getUint32(at + 24, true) === 64 * MIB
      ) {
        bombView.setUint32(at + 24, 0xfffffffe, true);
      }
    }
    await refused('a ZIP claiming 4 GiB', bomb, 'bag_too_large');
    // One 64 MiB file whose directory says 100 bytes: inflating stops at byte 101.
    const lying = big.slice();
    const view = new DataView(lying.buffer);
    for (let at = 0; at + 28 <= lying.length; at++) {
      if (view.getUint32(at, true) === 0x02014b50 && view.getUint32(at + 24, true) === 64 * MIB) {
        view.setUint32(at + 24, 100, true);
      }
    }
    await refused('a 64 MiB file claiming 100 bytes', lying, 'bag_size_lie');
  }, 120_000);

  it('hashes a zip inside a zip as a file, never opening it', async () => {
    let inner = await zip([BAGIT]);
    for (let depth = 0; depth < 20; depth++)
      inner = await zip([[`bag/data/evidence/${depth}.zip`, inner]]);
    const bag = await readBag(inner);
    expect([...bag.files.keys()]).toEqual(['data/evidence/19.zip']);
    await expect(verifyBundle(inner)).resolves.toMatchObject({ ok: false });
  });

  it('refuses more files than a bundle has', async () => {
    const bytes = await zip(Array.from({ length: 50 }, (_, i): Entry => [`bag/data/${i}.txt`, '']));
    await expect(readBag(bytes, { ...BAG_LIMITS, maxFiles: 49 })).rejects.toMatchObject({
      code: 'bag_too_many_files',
    });
  });
});
