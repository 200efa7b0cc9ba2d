/**
 * `npm run verify` end to end: the CLI on a real bundle (real crypto, real ZIP on disk), then on
 * the same bundle with one evidence byte changed.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { BlobReader, BlobWriter, Uint8ArrayReader, ZipReader, ZipWriter } from '@zip.js/zip.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { cryptoReady } from '../../src/crypto/index.js';
import { makeTestBundle } from '../../src/report/bundle-fixture.js';

const run = promisify(execFile);
let dir: string;
let good: Uint8Array;
let count = 0;

beforeAll(async () => {
  await cryptoReady();
  dir = await mkdtemp(join(tmpdir(), 'mosaic-verify-'));
  good = (await makeTestBundle({ incidents: 8 })).zip;
}, 60_000);

async function verifyCli(bytes: Uint8Array) {
  const file = join(dir, `bundle-${String(++count)}.zip`);
  await writeFile(file, bytes);
  try {
    const { stdout } = await run('npx', ['tsx', 'scripts/verify.ts', file]);
    return { code: 0, stdout };
  } catch (e) {
    const err = e as { code: number; stdout: string };
    return { code: err.code, stdout: err.stdout };
  }
}

describe('npm run verify', () => {
  it('passes a good bundle with one line per entry and exhibit, and exits 0', async () => {
    const { code, stdout } = await verifyCli(good);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^PASSED/m);
    expect(stdout).toMatch(/^OK {4}exhibit [A-Z]+\/1: /m);
    expect(stdout).toMatch(/^OK {4}incident incident-000001 \(log #1\): /m);
    expect(stdout).not.toMatch(/^FAIL/m);
  });

  it('fails a bundle with one changed evidence byte, says where, and exits 1', async () => {
    const reader = new ZipReader(new BlobReader(new Blob([good as Uint8Array<ArrayBuffer>])));
    const out = new BlobWriter();
    const writer = new ZipWriter(out);
    let changed = '';
    for (const entry of await reader.getEntries()) {
      if (entry.directory) continue;
      const data = new Uint8Array(await (await entry.getData(new BlobWriter())).arrayBuffer());
      if (changed === '' && entry.filename.includes('/data/evidence/')) {
        data[data.length >> 1] = (data[data.length >> 1] ?? 0) ^ 0x01;
        changed = entry.filename.slice(entry.filename.indexOf('/') + 1);
      }
      await writer.add(entry.filename, new Uint8ArrayReader(data));
    }
    await writer.close();
    const tampered = new Uint8Array(await (await out.getData()).arrayBuffer());
    const { code, stdout } = await verifyCli(tampered);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^FAILED/m);
    expect(stdout).toContain(`FAIL  ${changed}: has changed`);
    expect(stdout).toMatch(/^FAIL {2}exhibit [A-Z]+\/1: .* is not the file that was saved/m);
  });
});
