/**
 * The receipt log's Merkle tree, hashed exactly as RFC 6962 (Certificate Transparency) §2.1:
 *
 *   leaf hash  = SHA-256(0x00 ‖ leaf data)
 *   node hash  = SHA-256(0x01 ‖ left ‖ right)
 *   MTH({})    = SHA-256("")
 *   MTH(D[n])  = node(MTH(D[0:k]), MTH(D[k:n])), k = the largest power of two < n
 *
 * Proof generation follows RFC 6962 §2.1.1/§2.1.2; verification follows the algorithms in RFC 9162
 * §2.1.3.2 and §2.1.4.2, which a court expert can check against any CT tooling.
 *
 * Pure: the functions take the log's leaf hashes as an array; the server persists them. Sizes
 * and indices are JavaScript numbers (exact to 2^53 − 1) and use arithmetic, not 32-bit bit
 * operators, so trees beyond 2^31 leaves stay correct.
 */
import { assertBytes, assertSafeUint, bytesEqual } from './bytes.js';
import { CryptoError } from './errors.js';
import { loadSodium, type Sodium } from './sodium.js';

export const HASH_BYTES = 32;

/**
 * RFC 6962 leaf hash: SHA-256(0x00 ‖ data).
 *
 * @example const h = await leafHash(encodeReceiptLeaf(receipt));
 */
export async function leafHash(data: Uint8Array): Promise<Uint8Array> {
  const sodium = await loadSodium();
  assertBytes(data, 'leaf data');
  return hashLeaf(sodium, data);
}

/**
 * RFC 6962 interior node hash: SHA-256(0x01 ‖ left ‖ right).
 *
 * @example const parent = await nodeHash(left, right);
 */
export async function nodeHash(left: Uint8Array, right: Uint8Array): Promise<Uint8Array> {
  const sodium = await loadSodium();
  assertHash(left, 'left');
  assertHash(right, 'right');
  return hashNode(sodium, left, right);
}

/**
 * The Merkle tree hash (root) of a list of leaf hashes.
 *
 * @example const root = await merkleRoot(leafHashes);
 */
export async function merkleRoot(leafHashes: readonly Uint8Array[]): Promise<Uint8Array> {
  const sodium = await loadSodium();
  leafHashes.forEach((h, i) => assertHash(h, `leaf hash ${i}`));
  return new Tree(sodium, leafHashes).hash(0, leafHashes.length);
}

/**
 * The audit path proving leaf `leafIndex` is in the tree of `leafHashes` (RFC 6962 §2.1.1).
 *
 * @example const proof = await inclusionProof(41, leafHashes);
 */
export async function inclusionProof(
  leafIndex: number,
  leafHashes: readonly Uint8Array[],
): Promise<Uint8Array[]> {
  const sodium = await loadSodium();
  assertSafeUint(leafIndex, 'leafIndex');
  if (leafIndex >= leafHashes.length)
    throw new CryptoError('input_invalid', 'leafIndex is outside the tree');
  leafHashes.forEach((h, i) => assertHash(h, `leaf hash ${i}`));
  return new Tree(sodium, leafHashes).path(leafIndex, 0, leafHashes.length);
}

/**
 * The proof that the tree of the first `oldSize` leaves is a prefix of the tree of all
 * `leafHashes` (RFC 6962 §2.1.2). Empty when oldSize is 0 or the whole tree.
 *
 * @example const proof = await consistencyProof(1000, leafHashes);
 */
export async function consistencyProof(
  oldSize: number,
  leafHashes: readonly Uint8Array[],
): Promise<Uint8Array[]> {
  const sodium = await loadSodium();
  assertSafeUint(oldSize, 'oldSize');
  if (oldSize > leafHashes.length)
    throw new CryptoError('input_invalid', 'oldSize is larger than the tree');
  leafHashes.forEach((h, i) => assertHash(h, `leaf hash ${i}`));
  if (oldSize === 0) return [];
  return new Tree(sodium, leafHashes).subproof(oldSize, 0, leafHashes.length, true);
}

export interface InclusionCheck {
  readonly leafIndex: number;
  readonly treeSize: number;
  readonly leafHash: Uint8Array;
  readonly proof: readonly Uint8Array[];
}

/**
 * The root an inclusion proof leads to (RFC 9162 §2.1.3.2 steps 1–4); throws `proof_invalid` if the
 * proof has the wrong shape for the index and size.
 *
 * @example const root = await rootFromInclusionProof({ leafIndex, treeSize, leafHash, proof });
 */
export async function rootFromInclusionProof(check: InclusionCheck): Promise<Uint8Array> {
  const sodium = await loadSodium();
  return rootFromInclusion(sodium, check);
}

/**
 * Verifies an inclusion proof against a root; throws `proof_invalid` unless it holds.
 *
 * @example await verifyInclusion({ leafIndex, treeSize, leafHash, proof, rootHash: checkpoint.rootHash });
 */
export async function verifyInclusion(
  check: InclusionCheck & { readonly rootHash: Uint8Array },
): Promise<void> {
  const sodium = await loadSodium();
  const root = rootFromInclusion(sodium, check);
  if (!(check.rootHash instanceof Uint8Array) || !bytesEqual(root, check.rootHash)) {
    throw invalidProof('the inclusion proof does not lead to the signed root');
  }
}

export interface ConsistencyCheck {
  readonly oldSize: number;
  readonly newSize: number;
  readonly oldRoot: Uint8Array;
  readonly newRoot: Uint8Array;
  readonly proof: readonly Uint8Array[];
}

/**
 * Verifies that the tree with `newRoot` extends the tree with `oldRoot` (append-only: nothing
 * earlier was changed or removed). RFC 9162 §2.1.4.2; equal sizes need equal roots and an empty
 * proof; oldSize 0 is trivially consistent. Throws `proof_invalid` unless it holds.
 *
 * @example await verifyConsistency({ oldSize, newSize, oldRoot, newRoot, proof });
 */
export async function verifyConsistency(check: ConsistencyCheck): Promise<void> {
  const sodium = await loadSodium();
  const { oldSize, newSize, oldRoot, newRoot, proof } = check;
  assertSizes(oldSize, newSize);
  if (oldSize > newSize) throw invalidProof('the new tree is smaller than the old one');
  if (oldSize === newSize) {
    if (
      proof.length !== 0 ||
      !isHash(oldRoot) ||
      !isHash(newRoot) ||
      !bytesEqual(oldRoot, newRoot)
    ) {
      throw invalidProof('trees of equal size must have equal roots');
    }
    return;
  }
  if (oldSize === 0) {
    if (proof.length !== 0) throw invalidProof('a proof from the empty tree must be empty');
    return;
  }
  if (proof.length === 0) throw invalidProof('the consistency proof is empty');
  if (!proof.every(isHash) || !isHash(oldRoot) || !isHash(newRoot))
    throw invalidProof('proof hashes must be 32 bytes');

  const path = isPowerOfTwo(oldSize) ? [oldRoot, ...proof] : [...proof];
  let fn = oldSize - 1;
  let sn = newSize - 1;
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  const [first, ...rest] = path;
  if (first === undefined) throw invalidProof('the consistency proof is empty');
  let fr = first;
  let sr = first;
  for (const c of rest) {
    if (sn === 0) throw invalidProof('the consistency proof is too long');
    if (isOdd(fn) || fn === sn) {
      fr = hashNode(sodium, c, fr);
      sr = hashNode(sodium, c, sr);
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      sr = hashNode(sodium, sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  if (sn !== 0 || !bytesEqual(fr, oldRoot) || !bytesEqual(sr, newRoot)) {
    throw invalidProof('the consistency proof does not match the two roots');
  }
}

function rootFromInclusion(sodium: Sodium, check: InclusionCheck): Uint8Array {
  const { leafIndex, treeSize, leafHash: leaf, proof } = check;
  assertSizes(leafIndex, treeSize);
  if (leafIndex >= treeSize) throw invalidProof('the leaf index is outside the tree');
  if (!isHash(leaf) || !proof.every(isHash)) throw invalidProof('proof hashes must be 32 bytes');
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) throw invalidProof('the inclusion proof is too long');
    if (isOdd(fn) || fn === sn) {
      r = hashNode(sodium, p, r);
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      r = hashNode(sodium, r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  if (sn !== 0) throw invalidProof('the inclusion proof is too short');
  return r;
}

/** Recursive RFC 6962 definitions over index ranges [start, end) — no array copies. */
class Tree {
  constructor(
    private readonly sodium: Sodium,
    private readonly leaves: readonly Uint8Array[],
  ) {}

  hash(start: number, end: number): Uint8Array {
    const n = end - start;
    if (n === 0) return this.sodium.crypto_hash_sha256(new Uint8Array(0));
    if (n === 1) return this.leaf(start);
    const k = largestPowerOfTwoBelow(n);
    return hashNode(this.sodium, this.hash(start, start + k), this.hash(start + k, end));
  }

  /** PATH(m, D[start:end]). */
  path(m: number, start: number, end: number): Uint8Array[] {
    const n = end - start;
    if (n <= 1) return [];
    const k = largestPowerOfTwoBelow(n);
    return m < k
      ? [...this.path(m, start, start + k), this.hash(start + k, end)]
      : [...this.path(m - k, start + k, end), this.hash(start, start + k)];
  }

  /** SUBPROOF(m, D[start:end], b). */
  subproof(m: number, start: number, end: number, complete: boolean): Uint8Array[] {
    const n = end - start;
    if (m === n) return complete ? [] : [this.hash(start, end)];
    const k = largestPowerOfTwoBelow(n);
    return m <= k
      ? [...this.subproof(m, start, start + k, complete), this.hash(start + k, end)]
      : [...this.subproof(m - k, start + k, end, false), this.hash(start, start + k)];
  }

  private leaf(i: number): Uint8Array {
    const h = this.leaves[i];
    if (h === undefined) throw new CryptoError('input_invalid', 'leaf index out of range');
    return h;
  }
}

function hashLeaf(sodium: Sodium, data: Uint8Array): Uint8Array {
  const input = new Uint8Array(1 + data.length);
  input[0] = 0x00;
  input.set(data, 1);
  return sodium.crypto_hash_sha256(input);
}

function hashNode(sodium: Sodium, left: Uint8Array, right: Uint8Array): Uint8Array {
  const input = new Uint8Array(1 + 2 * HASH_BYTES);
  input[0] = 0x01;
  input.set(left, 1);
  input.set(right, 1 + HASH_BYTES);
  return sodium.crypto_hash_sha256(input);
}

/** The largest power of two strictly less than n (n ≥ 2). */
function largestPowerOfTwoBelow(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

function isPowerOfTwo(n: number): boolean {
  return n >= 1 && largestPowerOfTwoBelow(n + 1) === n;
}

function isOdd(n: number): boolean {
  return n % 2 === 1;
}

function half(n: number): number {
  return Math.floor(n / 2);
}

function isHash(h: unknown): h is Uint8Array {
  return h instanceof Uint8Array && h.length === HASH_BYTES;
}

function assertHash(h: unknown, what: string): void {
  if (!isHash(h)) throw new CryptoError('input_invalid', `${what} must be a 32-byte hash`);
}

function assertSizes(a: number, b: number): void {
  if (!Number.isSafeInteger(a) || a < 0 || !Number.isSafeInteger(b) || b < 0) {
    throw invalidProof('tree sizes and indices must be integers between 0 and 2^53 - 1');
  }
}

function invalidProof(message: string): CryptoError {
  return new CryptoError('proof_invalid', message);
}
