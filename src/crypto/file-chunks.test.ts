import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { bytesEqual, concatBytes, toHex } from './bytes.js';
import {
  createFileHeader,
  decodeFileHeader,
  decryptFileChunk,
  encodeFileHeader,
  encryptedChunkOffset,
  encryptedFileSize,
  encryptFileChunk,
  FILE_CHUNK_OVERHEAD,
  FILE_CHUNK_SIZE,
  FILE_HEADER_BYTES,
  fileChunkCount,
  plaintextFileSize,
  type FileHeader,
} from './file-chunks.js';
import { decryptFile, decryptFileStream, encryptFile, encryptFileStream } from './file-stream.js';
import { cryptoReady } from './sodium.js';

beforeAll(cryptoReady);

const key = Uint8Array.from({ length: 32 }, (_, i) => 200 - i);
const fileId = 'evidence-7';
const SMALL = 16;
const PIECE = SMALL + FILE_CHUNK_OVERHEAD;

function bytes(n: number, seed = 1): Uint8Array {
  return Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) & 0xff);
}

async function encryptSmall(plaintext: Uint8Array, header?: FileHeader): Promise<Uint8Array> {
  return encryptFile({ key, fileId, header: header ?? (await createFileHeader(SMALL)), plaintext });
}

/** Splits an encrypted file into [header, chunk0, chunk1, …]. */
function split(encrypted: Uint8Array, chunkSize = SMALL): Uint8Array[] {
  const parts = [encrypted.subarray(0, FILE_HEADER_BYTES)];
  for (let o = FILE_HEADER_BYTES; o < encrypted.length; o += chunkSize + FILE_CHUNK_OVERHEAD) {
    parts.push(encrypted.subarray(o, o + chunkSize + FILE_CHUNK_OVERHEAD));
  }
  return parts;
}

/** Cuts bytes into pieces at random points, as a network stream would. */
function pieces(data: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => c % (data.length + 1)))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let last = 0;
  for (const p of [...points, data.length]) {
    out.push(data.subarray(last, p));
    last = p;
  }
  return out;
}

async function collect(gen: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const p of gen) parts.push(p);
  return concatBytes(...parts);
}

describe('sizes', () => {
  it('the default chunk is 1 MiB and the header 21 bytes', () => {
    expect(FILE_CHUNK_SIZE).toBe(1024 * 1024);
    expect(FILE_HEADER_BYTES).toBe(21);
    expect(encryptedFileSize(0)).toBe(21 + 16);
    expect(fileChunkCount(0)).toBe(1);
    expect(fileChunkCount(FILE_CHUNK_SIZE)).toBe(1);
    expect(fileChunkCount(FILE_CHUNK_SIZE + 1)).toBe(2);
    expect(encryptedChunkOffset(2, SMALL)).toBe(21 + 2 * PIECE);
  });

  it('plaintextFileSize inverts encryptedFileSize and refuses impossible sizes', () => {
    fc.assert(
      fc.property(fc.nat({ max: 10_000 }), fc.integer({ min: 1, max: 64 }), (n, chunk) => {
        expect(plaintextFileSize(encryptedFileSize(n, chunk), chunk)).toBe(n);
      }),
    );
    // Every encrypted size either maps to exactly one plaintext size or is refused.
    for (let e = 0; e < 200; e++) {
      let n: number | undefined;
      try {
        n = plaintextFileSize(e, SMALL);
      } catch (err) {
        expect(err).toMatchObject({
          code: expect.stringMatching(/envelope_malformed|input_invalid/) as unknown,
        });
      }
      if (n !== undefined) expect(encryptedFileSize(n, SMALL)).toBe(e);
    }
    expect(() => plaintextFileSize(21 + PIECE + 16, SMALL)).toThrow(
      expect.objectContaining({ code: 'envelope_malformed' }),
    );
  });
});

describe('round trips', () => {
  it.each([0, 1, SMALL - 1, SMALL, SMALL + 1, 3 * SMALL, 3 * SMALL + 5, 10 * SMALL + 15])(
    '%i bytes with 16-byte chunks',
    async (n) => {
      const plaintext = bytes(n);
      const encrypted = await encryptSmall(plaintext);
      expect(encrypted).toHaveLength(encryptedFileSize(n, SMALL));
      expect(await decryptFile({ key, fileId, encrypted })).toEqual(plaintext);
    },
  );

  it('1 MiB + 1 byte with the default chunk size', async () => {
    const plaintext = bytes(FILE_CHUNK_SIZE + 1, 7);
    const encrypted = await encryptFile({ key, fileId, plaintext });
    expect(encrypted).toHaveLength(
      FILE_HEADER_BYTES + FILE_CHUNK_SIZE + 1 + 2 * FILE_CHUNK_OVERHEAD,
    );
    expect(decodeFileHeader(encrypted).chunkSize).toBe(FILE_CHUNK_SIZE);
    // bytesEqual, not toEqual: a deep element-by-element diff of 1 MiB takes seconds.
    expect(bytesEqual(await decryptFile({ key, fileId, encrypted }), plaintext)).toBe(true);
  });

  it('streams in and out in arbitrary piece sizes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 200 }),
        fc.integer({ min: 1, max: 40 }),
        fc.array(fc.nat(), { maxLength: 12 }),
        fc.array(fc.nat(), { maxLength: 12 }),
        async (plaintext, chunkSize, inCuts, outCuts) => {
          const header = await createFileHeader(chunkSize);
          const encrypted = await collect(
            encryptFileStream(pieces(plaintext, inCuts), { key, fileId, header }),
          );
          expect(encrypted).toHaveLength(encryptedFileSize(plaintext.length, chunkSize));
          expect(
            await collect(decryptFileStream(pieces(encrypted, outCuts), { key, fileId })),
          ).toEqual(plaintext);
        },
      ),
    );
  });

  it('re-encrypting under the same header gives identical bytes (resume at any offset)', async () => {
    const header = await createFileHeader(SMALL);
    const plaintext = bytes(100);
    const a = await encryptSmall(plaintext, header);
    const b = await encryptSmall(plaintext, header);
    expect(toHex(a)).toBe(toHex(b));
    // …but a new header gives different bytes.
    expect(toHex(await encryptSmall(plaintext))).not.toBe(toHex(a));
  });

  it('random access: encrypt and decrypt chunk i on its own', async () => {
    const header = await createFileHeader(SMALL);
    const plaintext = bytes(40);
    const encrypted = await encryptSmall(plaintext, header);
    const [, c0, c1, c2] = split(encrypted);
    const ctx = { key, fileId, header };
    expect(await decryptFileChunk({ ...ctx, index: 1, final: false, ciphertext: c1! })).toEqual(
      plaintext.subarray(16, 32),
    );
    expect(await decryptFileChunk({ ...ctx, index: 2, final: true, ciphertext: c2! })).toEqual(
      plaintext.subarray(32),
    );
    expect(
      toHex(
        await encryptFileChunk({
          ...ctx,
          index: 0,
          final: false,
          plaintext: plaintext.subarray(0, 16),
        }),
      ),
    ).toBe(toHex(c0!));
    await expect(
      decryptFileChunk({ ...ctx, index: 0, final: false, ciphertext: c1! }),
    ).rejects.toMatchObject({
      code: 'decryption_failed',
    });
    await expect(
      decryptFileChunk({ ...ctx, index: 2, final: false, ciphertext: c2! }),
    ).rejects.toMatchObject({
      code: 'envelope_malformed',
    });
    await expect(
      decryptFileChunk({ ...ctx, index: 1, final: true, ciphertext: c1! }),
    ).rejects.toMatchObject({
      code: 'decryption_failed',
    });
    await expect(
      encryptFileChunk({ ...ctx, index: 0, final: false, plaintext: bytes(15) }),
    ).rejects.toMatchObject({
      code: 'input_invalid',
    });
    await expect(
      encryptFileChunk({ ...ctx, index: 1, final: true, plaintext: bytes(0) }),
    ).rejects.toMatchObject({
      code: 'input_invalid',
    });
  });
});

describe('tampering is detected', () => {
  // 53 bytes → chunks of 16, 16, 16 and a final 5.
  let header: FileHeader;
  let parts: Uint8Array[];
  const plaintext = bytes(53);
  beforeAll(async () => {
    header = await createFileHeader(SMALL);
    parts = split(await encryptSmall(plaintext, header));
  });

  const open = (...chunks: Uint8Array[]): Promise<Uint8Array> =>
    decryptFile({ key, fileId, encrypted: concatBytes(...chunks) });

  it('a dropped chunk', async () => {
    const [h, c0, , c2, c3] = parts;
    await expect(open(h!, c0!, c2!, c3!)).rejects.toMatchObject({
      code: 'chunk_out_of_order',
      details: { expected: 1, found: 2 },
    });
  });

  it('swapped chunks', async () => {
    const [h, c0, c1, c2, c3] = parts;
    await expect(open(h!, c1!, c0!, c2!, c3!)).rejects.toMatchObject({
      code: 'chunk_out_of_order',
    });
  });

  it('a duplicated chunk', async () => {
    const [h, c0, c1, c2, c3] = parts;
    await expect(open(h!, c0!, c1!, c1!, c2!, c3!)).rejects.toMatchObject({
      code: 'chunk_out_of_order',
    });
  });

  it('truncation at a chunk boundary (no final chunk) and inside the header', async () => {
    const [h, c0, c1, c2] = parts;
    await expect(open(h!, c0!, c1!, c2!)).rejects.toMatchObject({ code: 'file_truncated' });
    await expect(open(h!)).rejects.toMatchObject({ code: 'file_truncated' });
    await expect(open(h!.subarray(0, 10))).rejects.toMatchObject({ code: 'file_truncated' });
    await expect(open(new Uint8Array(0))).rejects.toMatchObject({ code: 'file_truncated' });
  });

  it('any truncation at all', async () => {
    const all = concatBytes(...parts);
    for (let n = 0; n < all.length; n++) {
      await expect(
        decryptFile({ key, fileId, encrypted: all.subarray(0, n) }),
        `cut at ${n}`,
      ).rejects.toMatchObject({
        name: 'CryptoError',
      });
    }
  });

  it('data appended after the final chunk', async () => {
    const full = split(await encryptSmall(bytes(48), header));
    const [h, c0, c1, c2] = full;
    await expect(open(h!, c0!, c1!, c2!, c0!)).rejects.toMatchObject({
      code: 'file_trailing_data',
    });
    await expect(open(...parts, Uint8Array.of(0))).rejects.toMatchObject({ name: 'CryptoError' });
  });

  it('any single bit flip anywhere', async () => {
    const all = concatBytes(...parts);
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: all.length * 8 - 1 }), async (bit) => {
        const flipped = all.slice();
        flipped[bit >> 3] = (flipped[bit >> 3] ?? 0) ^ (1 << (bit & 7));
        await expect(decryptFile({ key, fileId, encrypted: flipped })).rejects.toMatchObject({
          name: 'CryptoError',
        });
      }),
    );
  });

  it('a changed header: version, chunk size or nonce prefix', async () => {
    const [h, ...chunks] = parts;
    const v2 = h!.slice();
    v2[0] = 2;
    await expect(open(v2, ...chunks)).rejects.toMatchObject({
      code: 'envelope_version_unsupported',
    });
    const otherSize = encodeFileHeader({ ...header, chunkSize: 17 });
    await expect(open(otherSize, ...chunks)).rejects.toMatchObject({ name: 'CryptoError' });
    const otherPrefix = encodeFileHeader({ ...header, noncePrefix: new Uint8Array(16) });
    await expect(open(otherPrefix, ...chunks)).rejects.toMatchObject({ code: 'decryption_failed' });
    const huge = h!.slice();
    huge.set([0xff, 0xff, 0xff, 0xff], 1);
    await expect(open(huge, ...chunks)).rejects.toMatchObject({ code: 'envelope_malformed' });
  });

  it('another file id, another key, or chunks spliced from another file under the same key', async () => {
    const all = concatBytes(...parts);
    await expect(decryptFile({ key, fileId: 'evidence-8', encrypted: all })).rejects.toMatchObject({
      code: 'decryption_failed',
    });
    await expect(
      decryptFile({ key: new Uint8Array(32), fileId, encrypted: all }),
    ).rejects.toMatchObject({
      code: 'decryption_failed',
    });
    const other = split(
      await encryptFile({ key, fileId: 'evidence-8', header, plaintext: bytes(53, 9) }),
    );
    const [h, c0, , c2, c3] = parts;
    await expect(open(h!, c0!, other[2]!, c2!, c3!)).rejects.toMatchObject({
      code: 'decryption_failed',
    });
  });
});
