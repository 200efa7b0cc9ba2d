import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createFileHeader,
  cryptoReady,
  encryptedFileSize,
  encryptFile,
  FILE_HEADER_BYTES,
  generateKey,
  type FileContext,
} from '../../crypto/index.js';
import { blobReader, EncryptingSource, type PlainReader } from './encrypting-source.js';
import { bytesOf } from './bytes-fixture.js';

beforeAll(async () => {
  await cryptoReady();
});

/** A reader that counts what it is asked for, to prove memory stays bounded. */
function countingReader(
  plain: Uint8Array<ArrayBuffer>,
): PlainReader & { largest: number; reads: number } {
  const reader = {
    size: plain.length,
    largest: 0,
    reads: 0,
    read(start: number, end: number) {
      reader.reads++;
      reader.largest = Math.max(reader.largest, end - start);
      return Promise.resolve(plain.slice(start, end));
    },
  };
  return reader;
}

async function contextFor(chunkSize: number): Promise<FileContext> {
  return {
    key: await generateKey(),
    fileId: 'file-under-test',
    header: await createFileHeader(chunkSize),
  };
}

describe('EncryptingSource', () => {
  it('gives the same bytes as encrypting the whole file, for any sizes and slice points', async () => {
    const chunkSize = 64;
    const context = await contextFor(chunkSize);
    const sizes = fc.oneof(
      fc.constantFrom(
        0,
        1,
        chunkSize - 1,
        chunkSize,
        chunkSize + 1,
        2 * chunkSize,
        3 * chunkSize + 1,
      ),
      fc.integer({ min: 0, max: 10 * chunkSize }),
    );
    await fc.assert(
      fc.asyncProperty(
        sizes,
        fc.integer({ min: 1, max: 0xffff }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 12 }),
        async (size, seed, cuts) => {
          const plain = bytesOf(size, seed);
          const whole = await encryptFile({ ...context, plaintext: plain });
          const source = new EncryptingSource(context, countingReader(plain));
          expect(source.size).toBe(whole.length);
          expect(source.size).toBe(encryptedFileSize(size, chunkSize));
          // Random cut points: every range between consecutive cuts, as tus would ask for them.
          const points = [0, ...cuts.map((c) => Math.floor(c * whole.length)), whole.length].sort(
            (a, b) => a - b,
          );
          const pieces: Uint8Array[] = [];
          for (let i = 0; i + 1 < points.length; i++) {
            pieces.push(await source.read(points[i]!, points[i + 1]!));
          }
          expect(Buffer.concat(pieces).equals(Buffer.from(whole))).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('serves any range on its own, as a resume at that offset would ask', async () => {
    const chunkSize = 32;
    const context = await contextFor(chunkSize);
    const plain = bytesOf(7 * chunkSize + 5, 7);
    const whole = await encryptFile({ ...context, plaintext: plain });
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: whole.length }),
        fc.integer({ min: 0, max: whole.length + 40 }),
        async (a, b) => {
          // A fresh source each time: no cached chunk helps.
          const source = new EncryptingSource(context, blobReader(new Blob([plain])));
          const got = await source.read(a, b);
          expect(Buffer.from(got).equals(Buffer.from(whole.subarray(a, Math.max(a, b))))).toBe(
            true,
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it('reads only the plaintext chunks a range overlaps', async () => {
    const chunkSize = 100;
    const context = await contextFor(chunkSize);
    const plain = bytesOf(50 * chunkSize, 3);
    const reader = countingReader(plain);
    const source = new EncryptingSource(context, reader);
    const at = FILE_HEADER_BYTES + 20 * (chunkSize + 16) + 5;
    await source.read(at, at + 10);
    expect(reader.reads).toBe(1);
    expect(reader.largest).toBe(chunkSize);
    // The next range starts in the same chunk: it is not read again.
    await source.read(at + 10, at + 20);
    expect(reader.reads).toBe(1);
  });

  it('hands tus a Blob and says when the range reaches the end', async () => {
    const context = await contextFor(16);
    const plain = bytesOf(40, 9);
    const source = new EncryptingSource(context, blobReader(new Blob([plain])));
    const first = await source.slice(0, 30);
    expect(first.value.size).toBe(30);
    expect(first.done).toBe(false);
    const rest = await source.slice(30, Number.POSITIVE_INFINITY);
    expect(rest.value.size).toBe(source.size - 30);
    expect(rest.done).toBe(true);
    const whole = await encryptFile({ ...context, plaintext: plain });
    const joined = Buffer.concat([
      Buffer.from(await first.value.arrayBuffer()),
      Buffer.from(await rest.value.arrayBuffer()),
    ]);
    expect(joined.equals(Buffer.from(whole))).toBe(true);
  });

  it('prepares the next range while one is sent, without changing a byte', async () => {
    const chunkSize = 50;
    const context = await contextFor(chunkSize);
    const plain = bytesOf(37 * chunkSize + 3, 11);
    const whole = await encryptFile({ ...context, plaintext: plain });
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 400 }),
        fc.integer({ min: 0, max: whole.length }),
        async (step, from) => {
          const seen: number[] = [];
          const source = new EncryptingSource(context, countingReader(plain), (i) => seen.push(i));
          const parts: Buffer[] = [];
          // In order from an offset, as tus sends after a resume, one range after another.
          for (let at = from; at < whole.length;) {
            const { value, done } = await source.slice(at, at + step);
            parts.push(Buffer.from(await value.arrayBuffer()));
            at += value.size;
            expect(done).toBe(at >= whole.length);
          }
          expect(Buffer.concat(parts).equals(Buffer.from(whole.subarray(from)))).toBe(true);
          // Chunks are read in order (the in-order hash depends on it).
          expect(seen).toEqual([...seen].sort((a, b) => a - b));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('shows each chunk to its observer in order when read from the start', async () => {
    const context = await contextFor(10);
    const plain = bytesOf(95, 5);
    const seen: [number, number][] = [];
    const source = new EncryptingSource(context, blobReader(new Blob([plain])), (i, p) =>
      seen.push([i, p.length]),
    );
    for (let at = 0; at < source.size; at += 7) await source.slice(at, at + 7);
    expect(seen.map(([i]) => i)).toEqual([...new Set(seen.map(([i]) => i))]);
    expect(seen).toEqual(Array.from({ length: 10 }, (_, i) => [i, i === 9 ? 5 : 10]));
  });

  it('encrypts an empty file as its header and one empty final chunk', async () => {
    const context = await contextFor(16);
    const source = new EncryptingSource(context, blobReader(new Blob([])));
    const all = await source.read(0, 1000);
    expect(all.length).toBe(FILE_HEADER_BYTES + 16);
    expect(
      Buffer.from(all).equals(
        Buffer.from(await encryptFile({ ...context, plaintext: new Uint8Array(0) })),
      ),
    ).toBe(true);
  });

  it('refuses nonsense ranges and use after close', async () => {
    const context = await contextFor(16);
    const source = new EncryptingSource(context, blobReader(new Blob([bytesOf(10, 1)])));
    await expect(source.read(-1, 5)).rejects.toThrow(RangeError);
    await expect(source.read(0.5, 5)).rejects.toThrow(RangeError);
    expect((await source.read(9, 3)).length).toBe(0);
    source.close();
    await expect(source.read(0, 5)).rejects.toThrow(/closed/);
  });
});
