/**
 * The worker's buffer-reusing chunk maker: chunks decrypt to the original whatever order they are
 * asked in and however their buffers come back and are refilled; the in-order SHA-256 is the
 * original's (or undefined after a gap); a slow hash holds reading up rather than piling up
 * plaintext buffers; and byte reads from any offset into reused buffers are the file's bytes.
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createFileHeader,
  createSha256,
  cryptoReady,
  decryptFileChunk,
  fileChunkCount,
  generateKey,
  toHex,
} from '../../crypto/index.js';
import { localPlainHash } from './plain-hash.js';
import { BlobBytes } from './blob-bytes.js';
import { PLAIN_BUFFERS, pooledChunks, type PlainHash } from './pooled-chunks.js';
import { bytesOf } from './bytes-fixture.js';

beforeAll(async () => {
  await cryptoReady();
});

/** A hash elsewhere that gives buffers back only when told, counting how many it holds. */
function slowHash(): PlainHash & { held: number; worst: number; giveBack(): void } {
  const hasher = createHash('sha256');
  const waiting: (() => void)[] = [];
  const hash = {
    held: 0,
    worst: 0,
    update(plaintext: Uint8Array<ArrayBuffer>, done: (buffer: ArrayBuffer) => void) {
      hasher.update(plaintext);
      hash.held += 1;
      hash.worst = Math.max(hash.worst, hash.held);
      // Scribbled over, as a buffer refilled by the next read would be.
      waiting.push(() => {
        hash.held -= 1;
        plaintext.fill(0xee);
        done(plaintext.buffer);
      });
    },
    giveBack() {
      for (const back of waiting.splice(0)) back();
    },
    digest: () => Promise.resolve(hasher.digest('hex')),
    close: () => undefined,
  };
  return hash;
}

describe('pooledChunks', () => {
  it('makes chunks that decrypt to the original, with buffers given back and refilled', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 64 }),
        fc.integer({ min: 0, max: 10 * 64 }),
        fc.array(fc.nat(), { maxLength: 30 }),
        fc.integer({ min: 1, max: 0xffff }),
        async (chunkSize, rawSize, order, seed) => {
          const size = Math.min(rawSize, 10 * chunkSize);
          const plain = bytesOf(size, seed);
          const context = {
            key: await generateKey(),
            fileId: 'f',
            header: await createFileHeader(chunkSize),
          };
          const count = fileChunkCount(size, chunkSize);
          const chunks = await pooledChunks(
            context,
            new Blob([plain]),
            localPlainHash(await createSha256()),
          );
          // Every chunk in order first, then any chunks again (resends), each one's buffer
          // given back (and so refilled) before the next is made.
          const indices = [
            ...Array.from({ length: count }, (_, i) => i),
            ...order.map((n) => n % count),
          ];
          for (const index of indices) {
            const sealed = await chunks.chunk(index);
            const final = index === count - 1;
            const opened = await decryptFileChunk({ ...context, index, final, ciphertext: sealed });
            const from = index * chunkSize;
            expect(
              Buffer.from(opened).equals(Buffer.from(plain.subarray(from, from + chunkSize))),
            ).toBe(true);
            chunks.recycle(sealed.buffer as ArrayBuffer);
          }
          expect(await chunks.sha256()).toBe(createHash('sha256').update(plain).digest('hex'));
          chunks.close();
          await expect(chunks.chunk(0)).rejects.toThrow(/closed/);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('leaves the SHA-256 undefined when the chunks did not start from the first', async () => {
    const context = { key: await generateKey(), fileId: 'f', header: await createFileHeader(10) };
    const chunks = await pooledChunks(
      context,
      new Blob([bytesOf(35, 2)]),
      localPlainHash(await createSha256()),
    );
    for (const index of [1, 2, 3]) await chunks.chunk(index);
    expect(await chunks.sha256()).toBeUndefined();
    chunks.close();
  });

  it('waits for a slow hash instead of holding more plaintext buffers', async () => {
    const chunkSize = 16;
    const plain = bytesOf(20 * chunkSize, 5);
    const context = {
      key: await generateKey(),
      fileId: 'f',
      header: await createFileHeader(chunkSize),
    };
    const hash = slowHash();
    const chunks = await pooledChunks(context, new Blob([plain]), hash);
    const made = Array.from({ length: 20 }, (_, i) => chunks.chunk(i));
    let settled = 0;
    for (const m of made) void m.then(() => (settled += 1));
    while (settled < 20) {
      await new Promise((r) => setTimeout(r, 1));
      expect(hash.held).toBeLessThanOrEqual(PLAIN_BUFFERS);
      hash.giveBack();
    }
    expect(hash.worst).toBe(PLAIN_BUFFERS);
    const sealed = await Promise.all(made);
    for (const [index, ciphertext] of sealed.entries()) {
      const opened = await decryptFileChunk({ ...context, index, final: index === 19, ciphertext });
      const from = index * chunkSize;
      expect(Buffer.from(opened).equals(Buffer.from(plain.subarray(from, from + chunkSize)))).toBe(
        true,
      );
    }
    expect(await chunks.sha256()).toBe(toHex(createHash('sha256').update(plain).digest()));
    chunks.close();
  });
});

describe('BlobBytes', () => {
  it('reads the bytes from any offset into a reused buffer', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 3000 }),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 700 })), {
          minLength: 1,
          maxLength: 12,
        }),
        async (size, reads) => {
          const plain = bytesOf(size, size + 1);
          const bytes = new BlobBytes(new Blob([plain]));
          let buffer = new ArrayBuffer(700);
          for (const [at, length] of reads) {
            const from = size === 0 ? 0 : at % size;
            const got = await bytes.read(from, new Uint8Array(buffer, 0, length));
            expect(Buffer.from(got).equals(Buffer.from(plain.subarray(from, from + length)))).toBe(
              true,
            );
            buffer = got.buffer;
          }
          await bytes.cancel();
        },
      ),
      { numRuns: 60 },
    );
  });

  it('copies out of slices where Blob streams have no BYOB reads', async () => {
    const plain = bytesOf(1000, 7);
    const real = new Blob([plain]);
    // A runtime whose Blob streams are not byte streams: getReader({ mode: 'byob' }) throws.
    const blob = {
      size: real.size,
      slice: (a?: number, b?: number) => ({
        stream: () => ({
          getReader: () => {
            throw new TypeError('not a byte stream');
          },
        }),
        arrayBuffer: () => real.slice(a, b).arrayBuffer(),
      }),
    } as unknown as Blob;
    const bytes = new BlobBytes(blob);
    const buffer = new ArrayBuffer(300);
    for (const from of [0, 300, 600, 900, 10]) {
      const got = await bytes.read(from, new Uint8Array(buffer));
      expect(got.buffer).toBe(buffer);
      expect(Buffer.from(got).equals(Buffer.from(plain.subarray(from, from + 300)))).toBe(true);
    }
  });
});
