import { Uint8ArrayReader, Uint8ArrayWriter, ZipWriter } from '@zip.js/zip.js';
import { describe, expect, it } from 'vitest';
import { BAG_LIMITS, readBag, type BagLimits } from './bag-reader.js';

async function zip(files: Record<string, Uint8Array>): Promise<Uint8Array> {
  const writer = new ZipWriter(new Uint8ArrayWriter(), { useWebWorkers: false });
  for (const [name, bytes] of Object.entries(files)) {
    await writer.add(name, new Uint8ArrayReader(bytes), { level: 9 });
  }
  return writer.close();
}

const limits = (over: Partial<BagLimits>): BagLimits => ({ ...BAG_LIMITS, ...over });

describe('reading a bundle someone else made', () => {
  it('reads every file of a plain bag, hashed, with the small ones kept', async () => {
    const bag = await readBag(
      await zip({ 'bag/bagit.txt': new TextEncoder().encode('BagIt-Version: 1.0\n') }),
    );
    expect(bag.folder).toBe('bag');
    const file = bag.files.get('bagit.txt');
    expect(file?.size).toBe(19);
    expect(file?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(new TextDecoder().decode(file?.bytes)).toBe('BagIt-Version: 1.0\n');
  });

  it('stops at more files than a bundle ever has', async () => {
    const files = Object.fromEntries(
      Array.from({ length: 4 }, (_, i) => [`bag/data/${i}.txt`, new Uint8Array([i])]),
    );
    const bytes = await zip(files);
    await expect(readBag(bytes, limits({ maxFiles: 4 }))).resolves.toBeDefined();
    await expect(readBag(bytes, limits({ maxFiles: 3 }))).rejects.toThrow(/holds 4 files/);
  });

  it('refuses a ZIP bomb before inflating it: a few kilobytes that claim megabytes', async () => {
    const bytes = await zip({ 'bag/data/zeros.bin': new Uint8Array(4 * 1024 * 1024) });
    expect(bytes.length).toBeLessThan(64 * 1024);
    const tight = limits({ maxRatio: 100, ratioFloorBytes: 1024 * 1024 });
    await expect(readBag(bytes, tight)).rejects.toThrow(/would inflate to 4194304 bytes/);
    // The floor lets small bundles of text, which compress well, through.
    await expect(
      readBag(bytes, limits({ ratioFloorBytes: 8 * 1024 * 1024 })),
    ).resolves.toBeDefined();
  });

  it('stops inflating a file that is bigger than the ZIP says', async () => {
    const bytes = await zip({ 'bag/data/zeros.bin': new Uint8Array(1024 * 1024) });
    // The central directory's uncompressed size (offset 24 of each PK\1\2 header) now says 100.
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let patched = 0;
    for (let at = 0; at + 28 <= bytes.length; at++) {
      if (view.getUint32(at, true) === 0x02014b50) {
        view.setUint32(at + 24, 100, true);
        patched++;
      }
    }
    expect(patched).toBe(1);
    await expect(readBag(bytes)).rejects.toThrow(
      /bigger inside the ZIP than the ZIP says|could not be read/,
    );
  });

  it('stops when the kept proof and entry files together grow too large', async () => {
    const files = Object.fromEntries(
      Array.from({ length: 3 }, (_, i) => [`bag/proofs/${i}.json`, new Uint8Array(600).fill(i)]),
    );
    const bytes = await zip(files);
    await expect(readBag(bytes, limits({ keptTotalBytes: 1800 }))).resolves.toBeDefined();
    await expect(readBag(bytes, limits({ keptTotalBytes: 1799 }))).rejects.toThrow(
      /more proof and entry data/,
    );
  });
});
