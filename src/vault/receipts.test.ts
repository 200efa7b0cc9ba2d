/**
 * The vault's receipt checks against logs built here with src/crypto: a genuine receipt passes;
 * other bytes, another leaf's proof, a truncated proof, another key or another origin are refused;
 * a log that grew passes, one that shrank is a rollback, one with another history is a fork.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeReceiptLeaf } from '../crypto/checkpoint.js';
import { consistencyProof, inclusionProof, leafHash, merkleRoot } from '../crypto/merkle.js';
import { sha256 } from '../crypto/sha256.js';
import { ed25519Signer, toBase64 } from '../crypto/signed-note.js';
import { signCheckpoint } from '../crypto/tlog-checkpoint.js';
import { formatTlogProof } from '../crypto/tlog-proof.js';
import {
  checkCheckpoint,
  checkLogAdvance,
  checkReceipt,
  ReceiptCheckError,
  type PinnedLog,
} from './receipts.js';

const ORIGIN = 'vault-test.example.org/receipts';
const seed = (n: number) => new Uint8Array(32).fill(n);

async function buildLog(count: number, tag = 'a', signerSeed = 1, origin = ORIGIN) {
  const signer = await ed25519Signer(origin, seed(signerSeed));
  const ciphertexts = Array.from({ length: count }, (_, i) =>
    new TextEncoder().encode(`ciphertext ${tag} ${i}`),
  );
  const leaves = await Promise.all(
    ciphertexts.map(async (c, i) =>
      encodeReceiptLeaf({
        recordId: `record-${tag}-${i}`,
        revision: 1,
        ciphertextSha256: await sha256(c),
        receivedAt: 1_700_000_000_000 + i,
      }),
    ),
  );
  const hashes = await Promise.all(leaves.map((l) => leafHash(l)));
  const checkpointAt = async (size: number) =>
    signCheckpoint({ origin, size, rootHash: await merkleRoot(hashes.slice(0, size)) }, signer);
  const receipt = async (index: number, size = count) =>
    formatTlogProof({
      extra: leaves[index]!,
      index,
      inclusion: await inclusionProof(index, hashes.slice(0, size)),
      checkpoint: await checkpointAt(size),
    });
  return { signer, ciphertexts, hashes, checkpointAt, receipt };
}

const pinnedFor = (log: Awaited<ReturnType<typeof buildLog>>): PinnedLog => ({
  origin: ORIGIN,
  vkey: log.signer.vkey,
});

async function refusal(promise: Promise<unknown>): Promise<ReceiptCheckError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ReceiptCheckError);
  return error as ReceiptCheckError;
}

describe('checking a receipt', () => {
  it('accepts a genuine receipt for the bytes held, and refuses any other bytes (property)', async () => {
    const log = await buildLog(13);
    const pinned = pinnedFor(log);
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 0, max: 12 }),
        async (i, j) => {
          const proof = await log.receipt(i);
          const ok = await checkReceipt({
            proof,
            ciphertextSha256: await sha256(log.ciphertexts[i]!),
            pinned,
          });
          expect([ok.index, ok.recordId, ok.checkpoint.size]).toEqual([i, `record-a-${i}`, 13]);
          if (i !== j) {
            const bad = await refusal(
              checkReceipt({ proof, ciphertextSha256: await sha256(log.ciphertexts[j]!), pinned }),
            );
            expect([bad.code, bad.reason]).toEqual(['receipt_invalid', 'ciphertext_mismatch']);
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('refuses another leaf’s proof, a truncated proof, another key and another origin', async () => {
    const log = await buildLog(9);
    const pinned = pinnedFor(log);
    const held = await sha256(log.ciphertexts[4]!);
    const genuine = await log.receipt(4);
    // The proof of leaf 5 with leaf 4's receipt leaf: the inclusion fails.
    const swapped = genuine.replace(/^index 4$/m, 'index 5');
    expect(
      (await refusal(checkReceipt({ proof: swapped, ciphertextSha256: held, pinned }))).code,
    ).toBe('receipt_invalid');
    const truncated = genuine.slice(0, genuine.length - 40);
    expect(
      (await refusal(checkReceipt({ proof: truncated, ciphertextSha256: held, pinned }))).code,
    ).toBe('receipt_invalid');
    const otherKey = await buildLog(9, 'a', 2);
    expect(
      (
        await refusal(
          checkReceipt({ proof: await otherKey.receipt(4), ciphertextSha256: held, pinned }),
        )
      ).code,
    ).toBe('checkpoint_untrusted');
    const otherOrigin = await buildLog(9, 'a', 1, 'elsewhere.example.org/receipts');
    expect(
      (
        await refusal(
          checkReceipt({ proof: await otherOrigin.receipt(4), ciphertextSha256: held, pinned }),
        )
      ).code,
    ).toBe('checkpoint_untrusted');
  });
});

describe('checking that the log only grew', () => {
  it('accepts a log that grew, at every pair of sizes', async () => {
    const log = await buildLog(12);
    const pinned = pinnedFor(log);
    const hashesB64 = async (m: number, n: number) =>
      (await consistencyProof(m, log.hashes.slice(0, n))).map(toBase64);
    for (let m = 0; m <= 12; m++) {
      for (let n = m; n <= 12; n++) {
        const previous = await checkCheckpoint(await log.checkpointAt(m), pinned);
        const next = await checkCheckpoint(await log.checkpointAt(n), pinned);
        const kept = await checkLogAdvance({ previous, next, proof: await hashesB64(m, n) });
        expect(kept.size).toBe(n);
      }
    }
  });

  it('calls a smaller log a rollback, and another history or a forged proof a fork', async () => {
    const log = await buildLog(12);
    const forked = await buildLog(12, 'b');
    const pinned = pinnedFor(log);
    const at = (l: typeof log, n: number) =>
      l.checkpointAt(n).then((c) => checkCheckpoint(c, pinned));
    const rollback = await refusal(
      checkLogAdvance({ previous: await at(log, 10), next: await at(log, 6), proof: [] }),
    );
    expect(rollback.code).toBe('log_rollback');
    // Same size, other root: a split view.
    const sameSize = await refusal(
      checkLogAdvance({ previous: await at(log, 8), next: await at(forked, 8), proof: [] }),
    );
    expect(sameSize.code).toBe('log_fork');
    // A larger tree whose history differs, with the forked log's own (valid for it) proof.
    const proof = (await consistencyProof(5, forked.hashes.slice(0, 11))).map(toBase64);
    const fork = await refusal(
      checkLogAdvance({ previous: await at(log, 5), next: await at(forked, 11), proof }),
    );
    expect(fork.code).toBe('log_fork');
    // The genuine proof with one hash changed.
    const genuine = (await consistencyProof(5, log.hashes.slice(0, 11))).map(toBase64);
    const forged = [toBase64(new Uint8Array(32)), ...genuine.slice(1)];
    const tampered = await refusal(
      checkLogAdvance({ previous: await at(log, 5), next: await at(log, 11), proof: forged }),
    );
    expect(tampered.code).toBe('log_fork');
  });

  it('refuses a checkpoint signed by another key', async () => {
    const log = await buildLog(3);
    const other = await buildLog(3, 'a', 7);
    const refused = await refusal(checkCheckpoint(await other.checkpointAt(3), pinnedFor(log)));
    expect(refused.code).toBe('checkpoint_untrusted');
  });
});
