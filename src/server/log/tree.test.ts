/**
 * The stored-node tree against src/crypto's RFC 6962 reference (merkle.ts, which recomputes from
 * all the leaves): at every size 0..1000 the root is the same; every inclusion proof (every
 * index at sizes up to 300, a spread of indices beyond) and every consistency proof (every old
 * size up to 150, a spread beyond) verifies with src/crypto's verifiers; random cases are equal
 * hash for hash to src/crypto's own proofs; at random sizes up to 10^6 (nodes computed as
 * needed) proofs verify too.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  consistencyProof,
  inclusionProof,
  merkleRoot,
  verifyConsistency,
  verifyInclusion,
} from '../../crypto/merkle.js';
import {
  appendedNodes,
  appendSiblings,
  consistencyPlan,
  foldRange,
  inclusionPlan,
  keyOf,
  leafHashOf,
  nodeHashOf,
  nodesOf,
  rootPlan,
  type NodeKey,
  type RangePlan,
} from './tree.js';

const MAX = 1000;

/** A log in memory, built only by appending, as the server does. */
function buildLog(count: number): { nodes: Map<string, Uint8Array>; leaves: Uint8Array[] } {
  const nodes = new Map<string, Uint8Array>();
  const leaves: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    const leaf = leafHashOf(new TextEncoder().encode(`leaf ${i}`));
    const siblings = appendSiblings(i).map((k) => {
      const hash = nodes.get(keyOf(k));
      if (!hash) throw new Error(`sibling ${keyOf(k)} missing at ${i}`);
      return hash;
    });
    for (const { key, hash } of appendedNodes(i, leaf, siblings)) nodes.set(keyOf(key), hash);
    leaves.push(leaf);
  }
  return { nodes, leaves };
}

/** Nodes read only where a plan names them, so a plan that asks too much fails. */
function resolve(plans: RangePlan[], nodes: ReadonlyMap<string, Uint8Array>, size: number) {
  for (const node of nodesOf(plans)) {
    expect((node.index + 1) * 2 ** node.level).toBeLessThanOrEqual(size);
  }
  return plans.map((plan) => foldRange(plan, nodes));
}

const { nodes, leaves } = buildLog(MAX);
const roots = Array.from({ length: MAX + 1 }, (_, n) => foldRange(rootPlan(n), nodes));

describe('the stored-node tree', { timeout: 180_000 }, () => {
  it('has the reference root at every size 0..1000, reading at most log2(n)+1 nodes', async () => {
    for (let n = 0; n <= MAX; n++) {
      expect(roots[n]).toEqual(await merkleRoot(leaves.slice(0, n)));
      expect(rootPlan(n).length).toBeLessThanOrEqual(Math.floor(Math.log2(Math.max(n, 1))) + 1);
    }
  });

  it('gives inclusion proofs that verify at every size 0..1000', async () => {
    for (let n = 1; n <= MAX; n++) {
      const indices =
        n <= 200 ? Array.from({ length: n }, (_, i) => i) : [0, 1, n >> 1, n - 2, n - 1, 255, 256];
      for (const m of indices) {
        if (m >= n) continue;
        const plans = inclusionPlan(m, n);
        // O(log n) nodes: each proof hash folds complete subtrees, at most one of them partial.
        expect(nodesOf(plans).length).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(n + 1)) + 1);
        const proof = resolve(plans, nodes, n);
        await verifyInclusion({
          leafIndex: m,
          treeSize: n,
          leafHash: leaves[m]!,
          proof,
          rootHash: roots[n]!,
        });
      }
    }
  });

  it('gives consistency proofs that verify at every size 0..1000', async () => {
    for (let n = 0; n <= MAX; n++) {
      const olds =
        n <= 150 ? Array.from({ length: n + 1 }, (_, i) => i) : [0, 1, 2, n >> 1, 512, n - 1, n];
      for (const m of olds) {
        if (m > n) continue;
        const proof = resolve(consistencyPlan(m, n), nodes, n);
        await verifyConsistency({
          oldSize: m,
          newSize: n,
          oldRoot: roots[m]!,
          newRoot: roots[n]!,
          proof,
        });
      }
    }
  });

  it('matches the reference proofs hash for hash (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .integer({ min: 1, max: MAX })
          .chain((n) =>
            fc.tuple(
              fc.constant(n),
              fc.integer({ min: 0, max: n - 1 }),
              fc.integer({ min: 0, max: n }),
            ),
          ),
        async ([n, m, old]) => {
          const slice = leaves.slice(0, n);
          expect(resolve(inclusionPlan(m, n), nodes, n)).toEqual(await inclusionProof(m, slice));
          expect(resolve(consistencyPlan(old, n), nodes, n)).toEqual(
            await consistencyProof(old, slice),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('gives proofs that verify at random sizes up to 10^6 (nodes computed on demand)', async () => {
    // A node is the hash of its subtree; computing one from its children (leaf i = "leaf i")
    // stands for the stored row, so trees far larger than memory can be checked.
    const memo = new Map<string, Uint8Array>();
    const node = (k: NodeKey): Uint8Array => {
      const hit = memo.get(keyOf(k));
      if (hit) return hit;
      const hash =
        k.level === 0
          ? leafHashOf(new TextEncoder().encode(`leaf ${k.index}`))
          : nodeHashOf(
              node({ level: k.level - 1, index: 2 * k.index }),
              node({ level: k.level - 1, index: 2 * k.index + 1 }),
            );
      if (k.level >= 8) memo.set(keyOf(k), hash);
      return hash;
    };
    const read = (plans: RangePlan[]) =>
      new Map(nodesOf(plans).map((k) => [keyOf(k), node(k)] as const));
    await fc.assert(
      fc.asyncProperty(
        fc
          .integer({ min: 2, max: 1_000_000 })
          .chain((n) =>
            fc.tuple(
              fc.constant(n),
              fc.integer({ min: 0, max: n - 1 }),
              fc.integer({ min: 1, max: n }),
            ),
          ),
        async ([n, m, old]) => {
          const rootOf = (size: number) => foldRange(rootPlan(size), read([rootPlan(size)]));
          const inclusion = inclusionPlan(m, n);
          const proof = inclusion.map((plan) => foldRange(plan, read([plan])));
          await verifyInclusion({
            leafIndex: m,
            treeSize: n,
            leafHash: node({ level: 0, index: m }),
            proof,
            rootHash: rootOf(n),
          });
          const consistency = consistencyPlan(old, n);
          await verifyConsistency({
            oldSize: old,
            newSize: n,
            oldRoot: rootOf(old),
            newRoot: rootOf(n),
            proof: consistency.map((plan) => foldRange(plan, read([plan]))),
          });
        },
      ),
      { numRuns: 20 },
    );
  });

  it('refuses an index outside the tree and sizes out of order', () => {
    expect(() => inclusionPlan(5, 5)).toThrow(RangeError);
    expect(() => inclusionPlan(-1, 5)).toThrow(RangeError);
    expect(() => consistencyPlan(6, 5)).toThrow(RangeError);
  });
});
