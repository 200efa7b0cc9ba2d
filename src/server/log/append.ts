/**
 * Appending receipts, and reading roots and proofs from the stored nodes.
 *
 * A write does not append: in its own transaction it only inserts a receipt entry into
 * `log_pending` (one statement, no lock shared with other writes), so the ciphertext and its
 * entry commit together or not at all (docs/decisions/0007-receipt-sequencing.md). The
 * sequencer (`sequencePending`, run by the checkpointer before it signs) then takes the log's
 * head FOR UPDATE — on every app server, one sequencer at a time — gives the committed entries
 * the next indices in entry-id order, builds their leaves and the interior nodes they complete
 * in memory, and stores them with the new size in one transaction, deleting the entries. Only
 * committed entries are sequenced, so indices have no gap (a rolled-back write leaves at most a
 * gap in entry ids, which mean nothing), no duplicate and no fork.
 */
import type { Kysely } from 'kysely';
import { encodeReceiptLeaf } from '../../crypto/checkpoint.js';
import {
  insertLogLeaves,
  lockLogHead,
  pendingEntries,
  readLogNodes,
} from '../db/repositories/receipt-log.js';
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
  type NodeKey,
  type RangePlan,
} from './tree.js';

/** Entries sequenced per transaction. */
const SEQUENCE_BATCH = 2000;

/**
 * Gives every committed pending entry its index, leaf and nodes, in batches; returns how many
 * were sequenced. Safe to run on any number of app servers at once (the head lock serialises
 * them; each sees the entries the others already sequenced as gone).
 */
export async function sequencePending(
  db: Kysely<Database>,
  batch: number = SEQUENCE_BATCH,
): Promise<number> {
  let total = 0;
  for (;;) {
    const done = await db.transaction().execute(async (trx) => {
      const size = await lockLogHead(trx);
      const entries = await pendingEntries(trx, batch);
      if (entries.length === 0) return 0;
      // The left siblings any new leaf meets below `size` are exactly the nodes tiling the
      // current tree (its root plan); the rest are made in this batch.
      const known = await readLogNodes(trx, rootPlan(size));
      const leaves: { index: number; bytes: Uint8Array; receivedAtMs: number; entryId: number }[] =
        [];
      const nodes: { key: NodeKey; hash: Uint8Array }[] = [];
      entries.forEach((entry, i) => {
        const index = size + i;
        const bytes = encodeReceiptLeaf({
          recordId: entry.recordId,
          revision: entry.revision,
          ciphertextSha256: entry.ciphertextSha256,
          receivedAt: entry.receivedAtMs,
          ...(entry.backfilledAtMs === undefined ? {} : { backfilledAt: entry.backfilledAtMs }),
        });
        const siblings = appendSiblings(index).map((k) => {
          const hash = known.get(keyOf(k));
          if (!hash) throw new Error(`the receipt log is missing node ${keyOf(k)}`);
          return hash;
        });
        for (const node of appendedNodes(index, leafHashOf(bytes), siblings)) {
          known.set(keyOf(node.key), node.hash);
          nodes.push(node);
        }
        leaves.push({ index, bytes, receivedAtMs: entry.receivedAtMs, entryId: entry.entryId });
      });
      await insertLogLeaves(trx, leaves, nodes);
      return entries.length;
    });
    total += done;
    if (done < batch) return total;
  }
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
