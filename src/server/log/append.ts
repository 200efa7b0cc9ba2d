/**
 * Appending receipts, and reading roots and proofs from the stored nodes. `appendReceipt` runs
 * inside the caller's write transaction (a record revision, a finished upload), so the leaf and
 * the ciphertext it stands for are committed together or not at all. It locks the log's head
 * until that transaction ends: appends from every app server take indices one at a time, with
 * no gap (a rolled-back write gives its index back), no duplicate and no fork. Callers append
 * as the last step of their transaction, so the lock is held only for its end.
 */
import type { Kysely } from 'kysely';
import { encodeReceiptLeaf } from '../../crypto/checkpoint.js';
import { insertLogLeaf, lockLogHead, readLogNodes } from '../db/repositories/receipt-log.js';
import type { Database } from '../db/schema.js';
import {
  appendedNodes,
  appendSiblings,
  consistencyPlan,
  foldRange,
  inclusionPlan,
  keyOf,
  leafHashOf,
  nodesOf,
  rootPlan,
  type RangePlan,
} from './tree.js';

/** What a receipt says: which ciphertext (id, revision, SHA-256) the server stored. */
export interface ReceiptEntry {
  /** The record id, or the upload id of an evidence file. */
  readonly id: string;
  /** The record revision; 0 for an evidence file. */
  readonly revision: number;
  /** SHA-256 of the exact ciphertext stored. */
  readonly ciphertextSha256: Uint8Array;
}

/** Appends a receipt leaf in the caller's transaction; returns its index. */
export async function appendReceipt(trx: Kysely<Database>, entry: ReceiptEntry): Promise<number> {
  const { size: index, nowMs } = await lockLogHead(trx);
  const bytes = encodeReceiptLeaf({
    recordId: entry.id,
    revision: entry.revision,
    ciphertextSha256: entry.ciphertextSha256,
    receivedAt: nowMs,
  });
  const siblingKeys = appendSiblings(index);
  const stored = await readLogNodes(trx, siblingKeys);
  const siblings = siblingKeys.map((k) => {
    const hash = stored.get(keyOf(k));
    if (!hash) throw new Error(`the receipt log is missing node ${keyOf(k)}`);
    return hash;
  });
  const nodes = appendedNodes(index, leafHashOf(bytes), siblings);
  await insertLogLeaf(trx, { index, bytes, receivedAtMs: nowMs }, nodes);
  return index;
}

async function resolve(db: Kysely<Database>, plans: RangePlan[]): Promise<Uint8Array[]> {
  const nodes = await readLogNodes(db, nodesOf(plans));
  return plans.map((plan) => foldRange(plan, nodes));
}

/** The root of the first `size` leaves (all committed). */
export async function rootAt(db: Kysely<Database>, size: number): Promise<Uint8Array> {
  const nodes = await readLogNodes(db, nodesOf([rootPlan(size)]));
  return foldRange(rootPlan(size), nodes);
}

/** The inclusion proof of leaf `index` in the tree of the first `size` leaves. */
export async function inclusionProofAt(
  db: Kysely<Database>,
  index: number,
  size: number,
): Promise<Uint8Array[]> {
  return resolve(db, inclusionPlan(index, size));
}

/** The consistency proof from the tree of `oldSize` leaves to the tree of `newSize`. */
export async function consistencyProofBetween(
  db: Kysely<Database>,
  oldSize: number,
  newSize: number,
): Promise<Uint8Array[]> {
  return resolve(db, consistencyPlan(oldSize, newSize));
}
