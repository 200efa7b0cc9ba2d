import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createFileHeader,
  cryptoReady,
  encryptFile,
  FILE_HEADER_BYTES,
  generateKey,
  sha256,
  toHex,
} from '../../crypto/index.js';
import { decryptToBlob, IntegrityError, responseChunks, type IntegrityProblem } from './decrypt.js';
import { digestBlob, InOrderSha256 } from './file-hash.js';

const CHUNK = 64;
const FILE_ID = 'evidence-file-id';

beforeAll(async () => {
  await cryptoReady();
});

async function sample(size: number) {
  const key = await generateKey();
  const header = await createFileHeader(CHUNK);
  const plain = crypto.getRandomValues(new Uint8Array(size));
  const encrypted = await encryptFile({ key, fileId: FILE_ID, header, plaintext: plain });
  const digest = toHex(await sha256(plain));
  const chunks: Uint8Array[] = [];
  for (let at = FILE_HEADER_BYTES; at < encrypted.length; at += CHUNK + 16) {
    chunks.push(encrypted.slice(at, at + CHUNK + 16));
  }
  return {
    key,
    plain,
    encrypted,
    head: encrypted.slice(0, FILE_HEADER_BYTES),
    chunks,
    options: { key, fileId: FILE_ID, size: size, sha256: digest, mediaType: 'image/jpeg' },
  };
}

async function problemOf(promise: Promise<unknown>): Promise<IntegrityProblem | 'none'> {
  try {
    await promise;
    return 'none';
  } catch (e) {
    if (e instanceof IntegrityError) return e.problem;
    throw e;
  }
}

function join(...parts: Uint8Array[]): Uint8Array {
  return new Uint8Array(Buffer.concat(parts));
}

describe('decryptToBlob', () => {
  it('gives back the original bytes, whatever pieces the stream arrives in', async () => {
    const s = await sample(5 * CHUNK + 17);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: 200 }), { minLength: 1 }),
        async (sizes) => {
          const pieces: Uint8Array[] = [];
          let at = 0;
          for (let i = 0; at < s.encrypted.length; i++) {
            const n = sizes[i % sizes.length]!;
            pieces.push(s.encrypted.subarray(at, at + n));
            at += n;
          }
          const blob = await decryptToBlob(pieces, s.options);
          expect(Buffer.from(await blob.arrayBuffer()).equals(Buffer.from(s.plain))).toBe(true);
          expect(blob.type).toBe('image/jpeg');
        },
      ),
      { numRuns: 30 },
    );
  });

  it('opens empty and one-byte files', async () => {
    for (const size of [0, 1, CHUNK, CHUNK + 1]) {
      const s = await sample(size);
      const blob = await decryptToBlob([s.encrypted], s.options);
      expect(blob.size).toBe(size);
    }
  });

  it('refuses a file with any byte altered', async () => {
    const s = await sample(3 * CHUNK + 5);
    for (const at of [FILE_HEADER_BYTES, FILE_HEADER_BYTES + CHUNK + 20, s.encrypted.length - 1]) {
      const bad = s.encrypted.slice();
      bad[at]! ^= 0x01;
      expect(await problemOf(decryptToBlob([bad], s.options)), `byte ${at}`).toBe('altered');
    }
    // The header's chunk size is bound into every chunk, so changing it fails too.
    const badHeader = s.encrypted.slice();
    badHeader[4]! ^= 0x01;
    expect(await problemOf(decryptToBlob([badHeader], s.options))).not.toBe('none');
  });

  it('refuses a dropped chunk', async () => {
    const s = await sample(4 * CHUNK + 5);
    const [c0, c1, c2, c3, c4] = s.chunks as [
      Uint8Array,
      Uint8Array,
      Uint8Array,
      Uint8Array,
      Uint8Array,
    ];
    expect(await problemOf(decryptToBlob([join(s.head, c0, c2, c3, c4)], s.options))).toBe(
      'reordered',
    );
    // Dropping the last chunk leaves a file that ends early.
    expect(await problemOf(decryptToBlob([join(s.head, c0, c1, c2, c3)], s.options))).toBe(
      'incomplete',
    );
    expect(await problemOf(decryptToBlob([s.head], s.options))).toBe('incomplete');
    expect(await problemOf(decryptToBlob([], s.options))).toBe('incomplete');
  });

  it('refuses swapped and repeated chunks', async () => {
    const s = await sample(4 * CHUNK + 5);
    const [c0, c1, c2, c3, c4] = s.chunks as [
      Uint8Array,
      Uint8Array,
      Uint8Array,
      Uint8Array,
      Uint8Array,
    ];
    expect(await problemOf(decryptToBlob([join(s.head, c0, c2, c1, c3, c4)], s.options))).toBe(
      'reordered',
    );
    expect(await problemOf(decryptToBlob([join(s.head, c0, c1, c1, c2, c3, c4)], s.options))).toBe(
      'reordered',
    );
    expect(
      await problemOf(decryptToBlob([join(s.head, c0, c1, c2, c3, c4, c4)], s.options)),
    ).not.toBe('none');
    expect(
      await problemOf(decryptToBlob([join(s.encrypted, new Uint8Array(5))], s.options)),
    ).not.toBe('none');
  });

  it('refuses chunks spliced in from another file under the same key', async () => {
    const s = await sample(2 * CHUNK + 5);
    const header = await createFileHeader(CHUNK);
    const other = await encryptFile({
      key: s.key,
      fileId: 'another-file-id',
      header,
      plaintext: s.plain,
    });
    expect(await problemOf(decryptToBlob([other], s.options))).toBe('altered');
  });

  it('refuses an authentic file that is not the original the record describes', async () => {
    const s = await sample(2 * CHUNK);
    expect(
      await problemOf(decryptToBlob([s.encrypted], { ...s.options, sha256: '0'.repeat(64) })),
    ).toBe('mismatch');
    expect(
      await problemOf(decryptToBlob([s.encrypted], { ...s.options, size: s.plain.length + 1 })),
    ).toBe('mismatch');
    expect(
      await problemOf(decryptToBlob([s.encrypted], { ...s.options, size: s.plain.length - 1 })),
    ).toBe('mismatch');
  });

  it('refuses with a wrong key', async () => {
    const s = await sample(CHUNK);
    expect(
      await problemOf(decryptToBlob([s.encrypted], { ...s.options, key: await generateKey() })),
    ).toBe('altered');
  });

  it('reads a response body piece by piece', async () => {
    const s = await sample(3 * CHUNK + 1);
    const response = new Response(new Blob([s.encrypted as Uint8Array<ArrayBuffer>]).stream());
    const blob = await decryptToBlob(responseChunks(response), s.options);
    expect(Buffer.from(await blob.arrayBuffer()).equals(Buffer.from(s.plain))).toBe(true);
  });
});

describe('file hashes', () => {
  it('hashes in slices to the same SHA-256 and BLAKE2b as in one go', async () => {
    const sodium = (await import('libsodium-wrappers-sumo')).default;
    for (const size of [0, 1, 999, 4096, 10_000]) {
      const plain = crypto.getRandomValues(new Uint8Array(size));
      const progress: number[] = [];
      const digests = await digestBlob(new Blob([plain]), {
        sha256: true,
        fingerprint: true,
        sliceBytes: 1000,
        onProgress: (done) => progress.push(done),
      });
      expect(digests.sha256).toBe(toHex(await sha256(plain)));
      expect(digests.fingerprint).toBe(toHex(sodium.crypto_generichash(32, plain, null)));
      expect(progress.at(-1) ?? 0).toBe(size);
    }
    expect(await digestBlob(new Blob(['x']), { fingerprint: true })).not.toHaveProperty('sha256');
  });

  it('stops when aborted', async () => {
    const controller = new AbortController();
    const blob = new Blob([new Uint8Array(10_000)]);
    const hashing = digestBlob(blob, {
      sha256: true,
      sliceBytes: 100,
      signal: controller.signal,
      onProgress: (done) => {
        if (done >= 500) controller.abort();
      },
    });
    await expect(hashing).rejects.toThrow();
  });

  it('builds the SHA-256 from chunks fed in order, ignoring repeats, and not across a gap', async () => {
    const chunks = [new Uint8Array([1, 2]), new Uint8Array([3]), new Uint8Array([4, 5, 6])];
    const whole = toHex(await sha256(new Uint8Array([1, 2, 3, 4, 5, 6])));
    const inOrder = await InOrderSha256.create(3);
    for (const [i, c] of [0, 0, 1, 0, 1, 2].map((i) => [i, chunks[i]!] as const)) {
      inOrder.feed(i, c);
    }
    expect(inOrder.digest).toBe(whole);
    const gap = await InOrderSha256.create(3);
    gap.feed(0, chunks[0]!);
    gap.feed(2, chunks[2]!);
    expect(gap.digest).toBeUndefined();
    gap.dispose();
    const empty = await InOrderSha256.create(1);
    empty.feed(0, new Uint8Array(0));
    expect(empty.digest).toBe(toHex(await sha256(new Uint8Array(0))));
  });
});
