/**
 * The receipt log's tree kept as stored complete-subtree hashes (RFC 6962 hashing). A node
 * (level, index) is the hash of leaves [index × 2^level, (index + 1) × 2^level); it is stored
 * once all of them exist and never changes. From these:
 *
 * - appending leaf n reads the left siblings on its way up (at most log₂ n nodes) and writes the
 *   nodes it completes;
 * - any subtree of the RFC 6962 recursion — the root of size n, each hash of an inclusion or a
 *   consistency proof — is a fold of the at most log₂ n complete subtrees that tile it,
 *
 * so a root or proof reads O(log n) stored nodes (in one query) and nothing is recomputed from
 * all the leaves. The planning here is pure; the caller reads the nodes a plan names.
 * Sizes and indices are JavaScript numbers (exact to 2^53 − 1); no 32-bit bit operators.
 */
import { createHash } from 'node:crypto';

/** A stored node: the complete subtree of 2^level leaves starting at leaf index × 2^level. */
export interface NodeKey {
  readonly level: number;
  readonly index: number;
}

/** One hash of a proof or a root: the fold (right to left) of these complete subtrees. */
export type RangePlan = readonly NodeKey[];

export const keyOf = (node: NodeKey): string => `${node.level}:${node.index}`;

/** RFC 6962 leaf hash: SHA-256(0x00 ‖ data). */
export function leafHashOf(data: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('sha256').update(Uint8Array.of(0)).update(data).digest());
}

/** RFC 6962 interior hash: SHA-256(0x01 ‖ left ‖ right). */
export function nodeHashOf(left: Uint8Array, right: Uint8Array): Uint8Array {
  return new Uint8Array(
    createHash('sha256').update(Uint8Array.of(1)).update(left).update(right).digest(),
  );
}

/** MTH of the empty tree: SHA-256(""). */
export const EMPTY_ROOT = new Uint8Array(createHash('sha256').digest());

const pow2 = (level: number): number => 2 ** level;

/** The largest power of two strictly less than n (n ≥ 2). */
function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/**
 * The left siblings leaf `index` meets on its way up as it completes subtrees: at each level
 * where the node holding it is a right child. Appending hashes them in this order.
 */
export function appendSiblings(index: number): NodeKey[] {
  const out: NodeKey[] = [];
  for (let level = 0; ; level++) {
    const at = Math.floor(index / pow2(level));
    if (at % 2 === 0) return out;
    out.push({ level, index: at - 1 });
  }
}

/**
 * The nodes completed by appending the leaf with this hash at `index`, given its left siblings'
 * hashes (in appendSiblings order): the leaf's own node first.
 */
export function appendedNodes(
  index: number,
  leafHash: Uint8Array,
  siblings: readonly Uint8Array[],
): { key: NodeKey; hash: Uint8Array }[] {
  const out = [{ key: { level: 0, index }, hash: leafHash }];
  let hash = leafHash;
  siblings.forEach((left, i) => {
    hash = nodeHashOf(left, hash);
    out.push({ key: { level: i + 1, index: Math.floor(index / pow2(i + 1)) }, hash });
  });
  return out;
}

/** The complete subtrees tiling leaves [start, end), left to right (largest first). */
export function rangePlan(start: number, end: number): RangePlan {
  const out: NodeKey[] = [];
  let at = start;
  while (at < end) {
    let level = 0;
    while (at % pow2(level + 1) === 0 && at + pow2(level + 1) <= end) level++;
    out.push({ level, index: at / pow2(level) });
    at += pow2(level);
  }
  return out;
}

/** The root of the first `size` leaves: one range (empty for size 0). */
export function rootPlan(size: number): RangePlan {
  return rangePlan(0, size);
}

/** RFC 6962 §2.1.1 PATH(m, D[0:n]) as ranges, the leaf's sibling first. */
export function inclusionPlan(index: number, size: number): RangePlan[] {
  if (!(index >= 0 && index < size)) throw new RangeError('the index is outside the tree');
  const out: RangePlan[] = [];
  const path = (m: number, start: number, end: number): void => {
    const n = end - start;
    if (n <= 1) return;
    const k = splitPoint(n);
    if (m < k) {
      path(m, start, start + k);
      out.push(rangePlan(start + k, end));
    } else {
      path(m - k, start + k, end);
      out.push(rangePlan(start, start + k));
    }
  };
  path(index, 0, size);
  return out;
}

/** RFC 6962 §2.1.2 PROOF(m, D[0:n]) as ranges; empty when m is 0 or n. */
export function consistencyPlan(oldSize: number, newSize: number): RangePlan[] {
  if (!(oldSize >= 0 && oldSize <= newSize)) throw new RangeError('the sizes are not in order');
  const out: RangePlan[] = [];
  if (oldSize === 0 || oldSize === newSize) return out;
  const subproof = (m: number, start: number, end: number, whole: boolean): void => {
    const n = end - start;
    if (m === n) {
      if (!whole) out.push(rangePlan(start, end));
      return;
    }
    const k = splitPoint(n);
    if (m <= k) {
      subproof(m, start, start + k, whole);
      out.push(rangePlan(start + k, end));
    } else {
      subproof(m - k, start + k, end, false);
      out.push(rangePlan(start, start + k));
    }
  };
  subproof(oldSize, 0, newSize, true);
  return out;
}

/** Every node the plans name, once each. */
export function nodesOf(plans: readonly RangePlan[]): NodeKey[] {
  const seen = new Map<string, NodeKey>();
  for (const plan of plans) for (const node of plan) seen.set(keyOf(node), node);
  return [...seen.values()];
}

/** The hash of one range from the nodes read (folded right to left, as RFC 6962 splits). */
export function foldRange(plan: RangePlan, nodes: ReadonlyMap<string, Uint8Array>): Uint8Array {
  if (plan.length === 0) return EMPTY_ROOT;
  const hashes = plan.map((node) => {
    const hash = nodes.get(keyOf(node));
    if (!hash) throw new Error(`log node ${keyOf(node)} is missing`);
    return hash;
  });
  return hashes.reduceRight((right, left) => nodeHashOf(left, right));
}
