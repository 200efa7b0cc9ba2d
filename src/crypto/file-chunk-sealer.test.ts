/**
 * The allocation-free chunk sealer against the reference `encryptFileChunk`: the same bytes for
 * any chunk size, index, final flag and content, through one sealer and one output buffer reused
 * for every chunk; the same refusals; nothing usable once disposed.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createFileHeader, decryptFileChunk, encryptFileChunk, generateKey } from './index.js';
import { createChunkSealer } from './file-chunk-sealer.js';
import { cryptoReady } from './sodium.js';
import { isCryptoError } from './errors.js';

beforeAll(async () => {
  await cryptoReady();
});

describe('createChunkSealer', () => {
  it('seals exactly as encryptFileChunk does, with its buffers reused chunk after chunk', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 300 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 2 ** 40 }), fc.boolean(), fc.nat()), {
          minLength: 1,
          maxLength: 12,
        }),
        fc.string({ minLength: 1, maxLength: 40 }),
        async (chunkSize, chunks, fileId) => {
          const context = {
            key: await generateKey(),
            fileId,
            header: await createFileHeader(chunkSize),
          };
          const sealer = await createChunkSealer(context);
          const out = new Uint8Array(chunkSize + 16);
          for (const [index, final, seed] of chunks) {
            const length = final ? 1 + (seed % chunkSize) : chunkSize;
            const plaintext = Uint8Array.from({ length }, (_, i) => (seed + i * 31) & 0xff);
            const sealed = sealer.seal(index, final, plaintext, out);
            const expected = await encryptFileChunk({ ...context, index, final, plaintext });
            expect(Buffer.from(sealed).equals(Buffer.from(expected))).toBe(true);
            const opened = await decryptFileChunk({ ...context, index, final, ciphertext: sealed });
            expect(Buffer.from(opened).equals(Buffer.from(plaintext))).toBe(true);
          }
          sealer.dispose();
        },
      ),
      { numRuns: 60 },
    );
  });

  it('seals a whole 1 MiB chunk, and an empty file as one empty final chunk', async () => {
    const context = { key: await generateKey(), fileId: 'big', header: await createFileHeader() };
    const sealer = await createChunkSealer(context);
    const plaintext = Uint8Array.from({ length: 1024 * 1024 }, (_, i) => i & 0xff);
    const out = new Uint8Array(1024 * 1024 + 16);
    const expected = await encryptFileChunk({ ...context, index: 3, final: false, plaintext });
    expect(Buffer.from(sealer.seal(3, false, plaintext, out)).equals(Buffer.from(expected))).toBe(
      true,
    );
    const empty = await encryptFileChunk({
      ...context,
      index: 0,
      final: true,
      plaintext: new Uint8Array(0),
    });
    expect(
      Buffer.from(sealer.seal(0, true, new Uint8Array(0), out)).equals(Buffer.from(empty)),
    ).toBe(true);
    sealer.dispose();
  });

  it('refuses what encryptFileChunk refuses, a short output, and any use once disposed', async () => {
    const context = { key: await generateKey(), fileId: 'f', header: await createFileHeader(10) };
    const sealer = await createChunkSealer(context);
    const out = new Uint8Array(26);
    const refused = (f: () => unknown): boolean => {
      try {
        f();
        return false;
      } catch (e) {
        return isCryptoError(e, 'input_invalid');
      }
    };
    expect(refused(() => sealer.seal(0, false, new Uint8Array(9), out))).toBe(true);
    expect(refused(() => sealer.seal(1, true, new Uint8Array(0), out))).toBe(true);
    expect(refused(() => sealer.seal(0, true, new Uint8Array(11), out))).toBe(true);
    expect(refused(() => sealer.seal(0, false, new Uint8Array(10), new Uint8Array(25)))).toBe(true);
    expect(refused(() => sealer.seal(0, false, new Uint8Array(10), out))).toBe(false);
    sealer.dispose();
    expect(refused(() => sealer.seal(0, false, new Uint8Array(10), out))).toBe(true);
    await expect(createChunkSealer({ ...context, key: new Uint8Array(5) })).rejects.toThrow();
  });
});
