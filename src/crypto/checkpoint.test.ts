import fc from 'fast-check';
import { unicodeText } from '../../test/support/arbitraries.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { toHex } from './bytes.js';
import {
  decodeCheckpoint,
  decodeReceiptLeaf,
  encodeCheckpoint,
  encodeReceiptLeaf,
  generateSigningKeyPair,
  receiptLeafHash,
  signCheckpoint,
  signedCheckpointFromJson,
  signedCheckpointToJson,
  verifyCheckpoint,
  verifyReceipt,
  type Checkpoint,
  type Receipt,
  type SigningKeyPair,
} from './checkpoint.js';
import { inclusionProof, merkleRoot } from './merkle.js';
import { cryptoReady } from './sodium.js';

let log: SigningKeyPair;
beforeAll(async () => {
  await cryptoReady();
  log = await generateSigningKeyPair();
});

const hash32 = fc.uint8Array({ minLength: 32, maxLength: 32 });
const receiptArb: fc.Arbitrary<Receipt> = fc.record({
  recordId: unicodeText({ minLength: 1, maxLength: 40 }),
  revision: fc.maxSafeNat(),
  ciphertextSha256: hash32,
  receivedAt: fc.maxSafeNat(),
});
const checkpointArb: fc.Arbitrary<Checkpoint> = fc.record({
  logId: unicodeText({ minLength: 1, maxLength: 40 }),
  treeSize: fc.maxSafeNat(),
  rootHash: hash32,
  timestamp: fc.maxSafeNat(),
});

describe('receipt leaves', () => {
  it('encode canonically and decode back', () => {
    fc.assert(
      fc.property(receiptArb, (r) => {
        const bytes = encodeReceiptLeaf(r);
        expect(decodeReceiptLeaf(bytes)).toEqual(r);
      }),
    );
  });

  it('refuse malformed bytes', () => {
    const bytes = encodeReceiptLeaf({
      recordId: 'r',
      revision: 1,
      ciphertextSha256: new Uint8Array(32),
      receivedAt: 5,
    });
    expect(() => decodeReceiptLeaf(bytes.subarray(0, bytes.length - 1))).toThrow(
      expect.objectContaining({ code: 'envelope_malformed' }),
    );
    expect(() => decodeReceiptLeaf(Uint8Array.of(...bytes, 0))).toThrow(
      expect.objectContaining({ code: 'envelope_malformed' }),
    );
    expect(() => decodeReceiptLeaf(Uint8Array.of(3, ...bytes.subarray(1)))).toThrow(
      expect.objectContaining({ code: 'envelope_version_unsupported' }),
    );
    // A v1 body marked v2 (backfilled) lacks its backfill time.
    expect(() => decodeReceiptLeaf(Uint8Array.of(2, ...bytes.subarray(1)))).toThrow(
      expect.objectContaining({ code: 'envelope_malformed' }),
    );
    expect(() =>
      encodeReceiptLeaf({
        recordId: 'r',
        revision: 1,
        ciphertextSha256: new Uint8Array(31),
        receivedAt: 5,
      }),
    ).toThrow(expect.objectContaining({ code: 'input_invalid' }));
  });
});

describe('checkpoints', () => {
  it('encode canonically, decode back, and a receipt leaf never parses as a checkpoint', () => {
    fc.assert(
      fc.property(checkpointArb, receiptArb, (c, r) => {
        expect(decodeCheckpoint(encodeCheckpoint(c))).toEqual(c);
        expect(() => decodeCheckpoint(encodeReceiptLeaf(r))).toThrow(
          expect.objectContaining({ name: 'CryptoError' }),
        );
      }),
    );
  });

  it('verify when signed by the log key, and fail if any field, the signature or the key changes', async () => {
    await fc.assert(
      fc.asyncProperty(
        checkpointArb,
        checkpointArb,
        fc.nat({ max: 511 }),
        async (c, other, bit) => {
          const signature = await signCheckpoint(c, log.secretKey);
          await verifyCheckpoint(c, signature, log.publicKey);
          const changed: Checkpoint[] = [
            { ...c, logId: other.logId },
            { ...c, treeSize: other.treeSize },
            { ...c, rootHash: other.rootHash },
            { ...c, timestamp: other.timestamp },
          ].filter((x) => toHex(encodeCheckpoint(x)) !== toHex(encodeCheckpoint(c)));
          for (const x of changed) {
            await expect(verifyCheckpoint(x, signature, log.publicKey)).rejects.toMatchObject({
              code: 'signature_invalid',
            });
          }
          const flipped = signature.slice();
          flipped[bit >> 3] = (flipped[bit >> 3] ?? 0) ^ (1 << (bit & 7));
          await expect(verifyCheckpoint(c, flipped, log.publicKey)).rejects.toMatchObject({
            code: 'signature_invalid',
          });
        },
      ),
      { numRuns: 30 },
    );
    const c = { logId: 'log', treeSize: 1, rootHash: new Uint8Array(32), timestamp: 1 };
    const sig = await signCheckpoint(c, log.secretKey);
    const stranger = await generateSigningKeyPair();
    await expect(verifyCheckpoint(c, sig, stranger.publicKey)).rejects.toMatchObject({
      code: 'signature_invalid',
    });
    await expect(verifyCheckpoint(c, sig.subarray(0, 63), log.publicKey)).rejects.toMatchObject({
      code: 'signature_invalid',
    });
    await expect(verifyCheckpoint(c, sig, new Uint8Array(31))).rejects.toMatchObject({
      code: 'key_invalid',
    });
  });

  it('round-trip through JSON', async () => {
    const c = {
      logId: 'mosaic.example.org',
      treeSize: 42,
      rootHash: new Uint8Array(32).fill(9),
      timestamp: 1_700_000_000_000,
    };
    const sig = await signCheckpoint(c, log.secretKey);
    const parsed = signedCheckpointFromJson(
      JSON.parse(JSON.stringify(signedCheckpointToJson(c, sig))),
    );
    expect(parsed.checkpoint).toEqual(c);
    await verifyCheckpoint(parsed.checkpoint, parsed.signature, log.publicKey);
    for (const bad of [
      null,
      {},
      { ...signedCheckpointToJson(c, sig), rootHash: 'AA' },
      { ...signedCheckpointToJson(c, sig), signature: 'AA' },
    ]) {
      expect(() => signedCheckpointFromJson(bad)).toThrow(
        expect.objectContaining({ code: 'envelope_malformed' }),
      );
    }
  });
});

describe('verifyReceipt', () => {
  it('accepts every receipt in a signed log and refuses altered receipts, proofs or checkpoints', async () => {
    const receipts: Receipt[] = Array.from({ length: 11 }, (_, i) => ({
      recordId: `record-${i % 4}`,
      revision: i,
      ciphertextSha256: new Uint8Array(32).fill(i),
      receivedAt: 1_700_000_000_000 + i * 1000,
    }));
    const leaves = await Promise.all(receipts.map(receiptLeafHash));
    const checkpoint = {
      logId: 'mosaic.example.org',
      treeSize: leaves.length,
      rootHash: await merkleRoot(leaves),
      timestamp: 1_700_000_020_000,
    };
    const signature = await signCheckpoint(checkpoint, log.secretKey);
    const logPublicKey = log.publicKey;
    for (let i = 0; i < receipts.length; i++) {
      const check = {
        receipt: receipts[i]!,
        leafIndex: i,
        proof: await inclusionProof(i, leaves),
        checkpoint,
        signature,
        logPublicKey,
      };
      await verifyReceipt(check);
      await expect(
        verifyReceipt({
          ...check,
          receipt: { ...check.receipt, receivedAt: check.receipt.receivedAt + 1 },
        }),
      ).rejects.toMatchObject({
        code: 'proof_invalid',
      });
      await expect(
        verifyReceipt({
          ...check,
          receipt: { ...check.receipt, revision: check.receipt.revision + 1 },
        }),
      ).rejects.toMatchObject({
        code: 'proof_invalid',
      });
      // Claiming a larger log without a new signature is caught by the signature.
      await expect(
        verifyReceipt({ ...check, checkpoint: { ...checkpoint, treeSize: 12 } }),
      ).rejects.toMatchObject({
        code: 'signature_invalid',
      });
    }
  });
});
