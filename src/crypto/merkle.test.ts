import fc from 'fast-check';
import sodium from 'libsodium-wrappers-sumo';
import { beforeAll, describe, expect, it } from 'vitest';
import { concatBytes, toHex } from './bytes.js';
import {
  consistencyProof,
  inclusionProof,
  leafHash,
  merkleRoot,
  nodeHash,
  rootFromInclusionProof,
  verifyConsistency,
  verifyInclusion,
} from './merkle.js';
import { cryptoReady } from './sodium.js';

beforeAll(cryptoReady);

/**
 * An independent oracle: build the tree bottom-up, pairing neighbours level by level and carrying
 * an odd last node up unchanged. For RFC 6962's left-balanced trees this gives the same root as
 * the recursive largest-power-of-two split the implementation uses.
 */
function bottomUpRoot(leaves: Uint8Array[]): Uint8Array {
  if (leaves.length === 0) return sodium.crypto_hash_sha256(new Uint8Array(0));
  let level = leaves;
  while (level.length > 1) {
    const next: Uint8Array[] = [];
    for (let i = 0; i < level.length; i += 2) {
      const l = level[i]!;
      const r = level[i + 1];
      next.push(
        r === undefined ? l : sodium.crypto_hash_sha256(concatBytes(Uint8Array.of(1), l, r)),
      );
    }
    level = next;
  }
  return level[0]!;
}

// Distinct leaves: receipts are distinct, and equal leaves make some index swaps legitimately verify.
const tree = fc.uniqueArray(fc.uint8Array({ minLength: 32, maxLength: 32 }), {
  minLength: 1,
  maxLength: 70,
  selector: (h) => toHex(h),
});
const flip = (h: Uint8Array, bit: number): Uint8Array => {
  const c = h.slice();
  c[(bit >> 3) % 32] = (c[(bit >> 3) % 32] ?? 0) ^ (1 << (bit & 7));
  return c;
};

describe('hashing', () => {
  it('separates leaves from nodes (0x00 / 0x01 prefixes)', async () => {
    const data = new Uint8Array(64).fill(7);
    const asLeaf = await leafHash(data);
    const asNode = await nodeHash(data.subarray(0, 32), data.subarray(32));
    expect(toHex(asLeaf)).toBe(
      toHex(sodium.crypto_hash_sha256(concatBytes(Uint8Array.of(0), data))),
    );
    expect(toHex(asNode)).toBe(
      toHex(sodium.crypto_hash_sha256(concatBytes(Uint8Array.of(1), data))),
    );
    expect(toHex(asLeaf)).not.toBe(toHex(asNode));
  });

  it('the root matches the bottom-up oracle for any tree', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.uint8Array({ minLength: 32, maxLength: 32 }), { maxLength: 70 }),
        async (leaves) => {
          expect(toHex(await merkleRoot(leaves))).toBe(toHex(bottomUpRoot(leaves)));
        },
      ),
    );
  });

  it('refuses leaf hashes that are not 32 bytes', async () => {
    await expect(merkleRoot([new Uint8Array(31)])).rejects.toMatchObject({ code: 'input_invalid' });
    await expect(inclusionProof(1, [new Uint8Array(32)])).rejects.toMatchObject({
      code: 'input_invalid',
    });
    await expect(consistencyProof(2, [new Uint8Array(32)])).rejects.toMatchObject({
      code: 'input_invalid',
    });
  });
});

describe('inclusion proofs', () => {
  it('verify for every leaf of random trees', async () => {
    await fc.assert(
      fc.asyncProperty(tree, fc.nat(), async (leaves, seed) => {
        const root = await merkleRoot(leaves);
        const i = seed % leaves.length;
        const proof = await inclusionProof(i, leaves);
        await verifyInclusion({
          leafIndex: i,
          treeSize: leaves.length,
          leafHash: leaves[i]!,
          proof,
          rootHash: root,
        });
        expect(
          toHex(
            await rootFromInclusionProof({
              leafIndex: i,
              treeSize: leaves.length,
              leafHash: leaves[i]!,
              proof,
            }),
          ),
        ).toBe(toHex(root));
      }),
    );
  });

  it('fail when the leaf, index, size, root or any proof element is tampered with', async () => {
    await fc.assert(
      fc.asyncProperty(
        tree,
        fc.nat(),
        fc.nat(),
        fc.nat({ max: 255 }),
        async (leaves, seed, pick, bit) => {
          const n = leaves.length;
          const i = seed % n;
          const root = await merkleRoot(leaves);
          const proof = await inclusionProof(i, leaves);
          const good: Parameters<typeof verifyInclusion>[0] = {
            leafIndex: i,
            treeSize: n,
            leafHash: leaves[i]!,
            proof,
            rootHash: root,
          };
          const bad: (typeof good)[] = [
            { ...good, leafHash: flip(leaves[i]!, bit) },
            { ...good, rootHash: flip(root, bit) },
            { ...good, leafIndex: i + 1 },
            // Sizes as transparency-dev's corruption probes do (×2, ÷2). A size off by one can
            // verify — the root does not commit to the size; the signed checkpoint does.
            { ...good, treeSize: n * 2 },
            { ...good, proof: [...proof, root] },
            { ...good, proof: [root, ...proof] },
          ];
          if (i > 0) bad.push({ ...good, leafIndex: i - 1 });
          if (n > 1) bad.push({ ...good, treeSize: Math.floor(n / 2) });
          if (proof.length > 0) {
            const j = pick % proof.length;
            bad.push({ ...good, proof: proof.map((p, k) => (k === j ? flip(p, bit) : p)) });
            bad.push({ ...good, proof: proof.slice(0, -1) });
          }
          for (const b of bad)
            await expect(verifyInclusion(b)).rejects.toMatchObject({ code: 'proof_invalid' });
        },
      ),
    );
  });

  it('do not bind the tree size on their own (so receipts take the size from the signed checkpoint)', async () => {
    const leaves = await Promise.all(
      ['a', 'b', 'c'].map((x) => leafHash(new TextEncoder().encode(x))),
    );
    const proof = await inclusionProof(0, leaves);
    const rootHash = await merkleRoot(leaves);
    // Leaf 0's path in a 3-leaf tree has the same shape as in a 4-leaf tree.
    await verifyInclusion({ leafIndex: 0, treeSize: 4, leafHash: leaves[0]!, proof, rootHash });
  });

  it('refuse impossible index/size combinations', async () => {
    const h = new Uint8Array(32);
    for (const [leafIndex, treeSize] of [
      [0, 0],
      [1, 1],
      [2, 1],
      [-1, 4],
      [0.5, 4],
    ] as const) {
      await expect(
        verifyInclusion({ leafIndex, treeSize, leafHash: h, proof: [], rootHash: h }),
      ).rejects.toMatchObject({
        code: 'proof_invalid',
      });
    }
    await expect(inclusionProof(1, [h])).rejects.toMatchObject({ code: 'input_invalid' });
  });
});

describe('consistency proofs', () => {
  it('verify between any two sizes of a random tree', async () => {
    await fc.assert(
      fc.asyncProperty(tree, fc.nat(), async (leaves, seed) => {
        const n = leaves.length;
        const m = seed % (n + 1);
        const proof = await consistencyProof(m, leaves);
        await verifyConsistency({
          oldSize: m,
          newSize: n,
          oldRoot: await merkleRoot(leaves.slice(0, m)),
          newRoot: await merkleRoot(leaves),
          proof,
        });
      }),
    );
  });

  it('fail when a root, a size or any proof element is tampered with, or history was rewritten', async () => {
    await fc.assert(
      fc.asyncProperty(
        tree,
        fc.nat(),
        fc.nat(),
        fc.nat({ max: 255 }),
        async (leaves, seed, pick, bit) => {
          const n = leaves.length;
          const m = 1 + (seed % n);
          if (m === n) return;
          const oldRoot = await merkleRoot(leaves.slice(0, m));
          const newRoot = await merkleRoot(leaves);
          const proof = await consistencyProof(m, leaves);
          const good = { oldSize: m, newSize: n, oldRoot, newRoot, proof };
          const j = pick % proof.length;
          // The server rewrote an old entry and rebuilt the tree: same sizes, different new root.
          const forked = leaves.map((l, k) => (k === pick % m ? flip(l, bit) : l));
          const bad = [
            { ...good, oldRoot: flip(oldRoot, bit) },
            { ...good, newRoot: flip(newRoot, bit) },
            { ...good, oldRoot: newRoot, newRoot: oldRoot },
            { ...good, oldSize: m + 1 },
            { ...good, newSize: n * 2 },
            { ...good, proof: [] },
            { ...good, proof: proof.map((p, k) => (k === j ? flip(p, bit) : p)) },
            { ...good, proof: proof.slice(0, -1) },
            { ...good, proof: [...proof, oldRoot] },
            {
              ...good,
              newRoot: await merkleRoot(forked),
              proof: await consistencyProof(m, forked),
            },
          ];
          if (m > 1) bad.push({ ...good, oldSize: m - 1 });
          for (const b of bad) {
            if (b.oldSize === b.newSize) continue;
            await expect(verifyConsistency(b)).rejects.toMatchObject({ code: 'proof_invalid' });
          }
        },
      ),
    );
  });

  it('treat equal sizes, the empty tree and shrinking trees as RFC 9162 and transparency-dev do', async () => {
    const a = new Uint8Array(32).fill(1);
    const b = new Uint8Array(32).fill(2);
    await verifyConsistency({ oldSize: 3, newSize: 3, oldRoot: a, newRoot: a, proof: [] });
    await verifyConsistency({ oldSize: 0, newSize: 5, oldRoot: a, newRoot: b, proof: [] });
    const refused = [
      { oldSize: 3, newSize: 3, oldRoot: a, newRoot: b, proof: [] },
      { oldSize: 3, newSize: 3, oldRoot: a, newRoot: a, proof: [a] },
      { oldSize: 0, newSize: 5, oldRoot: a, newRoot: b, proof: [a] },
      { oldSize: 5, newSize: 3, oldRoot: a, newRoot: b, proof: [a] },
      { oldSize: 1, newSize: 2, oldRoot: a, newRoot: b, proof: [] },
    ];
    for (const r of refused)
      await expect(verifyConsistency(r)).rejects.toMatchObject({ code: 'proof_invalid' });
  });
});
