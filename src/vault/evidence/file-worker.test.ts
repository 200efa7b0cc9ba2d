/**
 * The worker pipeline end to end, in process: the page's client (file-worker-client.ts) talks to
 * the worker's handler (file-worker-service.ts) through structured clones with the chunk buffers
 * transferred, as a Web Worker would, and tus's ranges are read through the read-ahead. For any
 * file size, chunk size, read-ahead and request size: the bytes sent decrypt to the original,
 * the SHA-256 built on the way is the original's, and the worker is never asked for more than
 * the read-ahead allows beyond the chunk being waited for.
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import sodium from 'libsodium-wrappers-sumo';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createFileHeader,
  cryptoReady,
  decryptFile,
  generateKey,
  toHex,
  type FileContext,
} from '../../crypto/index.js';
import { EncryptingSource } from './encrypting-source.js';
import { workerFileCrypto, type FileWorker } from './file-worker-client.js';
import { fileWorkHandler, type FileWorkRequest } from './file-worker-service.js';
import { bytesOf } from './bytes-fixture.js';

beforeAll(async () => {
  await cryptoReady();
});

/** A worker in this process: messages cross as structured clones, a task later. */
function inProcessWorker(stats: {
  asked: number;
  answered: number;
  worst: number;
  terminated: number;
}) {
  let terminated = false;
  const worker: FileWorker = {
    onmessage: null,
    onerror: null,
    postMessage(sent: FileWorkRequest, transfer: Transferable[] = []) {
      if (sent.type === 'chunk') {
        stats.asked += 1;
        stats.worst = Math.max(stats.worst, stats.asked - stats.answered);
      }
      // Buffers and ports move to the worker, as they would to a Web Worker.
      const message = structuredClone(sent, { transfer });
      setTimeout(() => {
        if (!terminated) handle(message);
      }, 0);
    },
    terminate() {
      terminated = true;
      stats.terminated += 1;
    },
  };
  const handle = fileWorkHandler((reply, transfer) => {
    // Transferring detaches the worker's buffer: the bytes are moved, not copied.
    const moved = structuredClone(reply, { transfer });
    for (const buffer of transfer) expect(buffer.byteLength).toBe(0);
    setTimeout(() => {
      if (terminated) return;
      if (moved.type === 'chunk') stats.answered += 1;
      worker.onmessage?.({ data: moved } as MessageEvent<typeof moved>);
    }, 0);
  });
  return worker;
}

describe('the evidence file worker pipeline', () => {
  it('sends bytes that decrypt to the original, with its SHA-256, and stays within the read-ahead', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 64 }),
        fc.integer({ min: 0, max: 12 }).chain((chunks) => fc.integer({ min: 0, max: chunks * 64 })),
        fc.integer({ min: 0, max: 4 }),
        fc.integer({ min: 1, max: 300 }),
        fc.integer({ min: 1, max: 0xffff }),
        async (chunkSize, rawSize, ahead, step, seed) => {
          const size = Math.min(rawSize, 12 * chunkSize);
          const plain = bytesOf(size, seed);
          const context: FileContext = {
            key: await generateKey(),
            fileId: 'file-under-test',
            header: await createFileHeader(chunkSize),
          };
          const stats = { asked: 0, answered: 0, worst: 0, terminated: 0 };
          const crypto = workerFileCrypto(() => inProcessWorker(stats));
          const chunks = await crypto.chunks(context, new Blob([plain]), { sha256: true });
          const source = new EncryptingSource(context, chunks, undefined, { ahead });
          const sent: Buffer[] = [];
          // As tus sends: one range after another, each a Blob.
          for (let at = 0, done = false; !done;) {
            const range = await source.slice(at, at + step);
            sent.push(Buffer.from(await range.value.arrayBuffer()));
            at += range.value.size;
            done = range.done;
          }
          source.close();
          const encrypted = Buffer.concat(sent);
          expect(encrypted.length).toBe(source.size);
          const decrypted = await decryptFile({
            key: context.key,
            fileId: context.fileId,
            encrypted,
          });
          expect(Buffer.from(decrypted).equals(Buffer.from(plain))).toBe(true);
          expect(await chunks.sha256()).toBe(createHash('sha256').update(plain).digest('hex'));
          // The chunk being waited for, plus at most `ahead` made in advance.
          expect(stats.worst).toBeLessThanOrEqual(ahead + 1);
          chunks.close();
          // The encrypting worker and the hashing worker beside it.
          expect(stats.terminated).toBe(2);
        },
      ),
      { numRuns: 80 },
    );
  });

  it('hashes a file in the worker, and a closed file fails what it is still asked', async () => {
    const plain = bytesOf(1000, 3);
    const stats = { asked: 0, answered: 0, worst: 0, terminated: 0 };
    const crypto = workerFileCrypto(() => inProcessWorker(stats));
    const digests = await crypto.digest(new Blob([plain]), { fingerprint: true, sha256: true });
    expect(digests.sha256).toBe(createHash('sha256').update(plain).digest('hex'));
    expect(digests.fingerprint).toBe(toHex(sodium.crypto_generichash(32, plain, null)));
    expect(stats.terminated).toBe(1);
    const context: FileContext = {
      key: await generateKey(),
      fileId: 'file-under-test',
      header: await createFileHeader(100),
    };
    const chunks = await crypto.chunks(context, new Blob([plain]), { sha256: false });
    const waiting = chunks.chunk(0);
    chunks.close();
    await expect(waiting).rejects.toThrow(/closed/);
    await expect(chunks.chunk(1)).rejects.toThrow(/closed/);
  });

  it('stops hashing when aborted (the worker is ended)', async () => {
    const stats = { asked: 0, answered: 0, worst: 0, terminated: 0 };
    const crypto = workerFileCrypto(() => inProcessWorker(stats));
    const controller = new AbortController();
    const hashing = crypto.digest(new Blob([bytesOf(10_000, 1)]), {
      fingerprint: true,
      signal: controller.signal,
    });
    controller.abort();
    await expect(hashing).rejects.toThrow();
    expect(stats.terminated).toBe(1);
  });
});
