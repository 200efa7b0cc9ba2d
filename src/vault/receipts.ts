/**
 * The vault's checks of the server's receipts (docs/vault-protocol.md §9), pure: no fetch, no
 * storage — the caller passes in what the API returned and the last checkpoint it verified
 * (kept inside the vault, encrypted), and keeps what these return.
 *
 * - `checkReceipt`: the receipt is for exactly these ciphertext bytes, its checkpoint is signed
 *   by the log key pinned at sign-up for the pinned origin, and the leaf is included.
 * - `checkLogAdvance`: a newer checkpoint extends the last verified one (RFC 6962 consistency);
 *   a smaller tree is a rollback, the same size with another root or a failed proof is a fork.
 *
 * Every refusal is a ReceiptCheckError with a stable code, so the app can say plainly what went
 * wrong and never ignore it.
 */
import { CryptoError } from '../crypto/errors.js';
import { verifyConsistency } from '../crypto/merkle.js';
import { ed25519Verifier, fromBase64, toBase64 } from '../crypto/signed-note.js';
import { verifyCheckpointNote } from '../crypto/tlog-checkpoint.js';
import { verifyReceiptProof } from '../crypto/tlog-proof.js';

/** The log the vault trusts: its origin and key, as first seen (at sign-up). */
export interface PinnedLog {
  readonly origin: string;
  /** C2SP vkey text. */
  readonly vkey: string;
}

/** A checkpoint the vault verified: what it keeps to compare the next one with. */
export interface KnownCheckpoint {
  readonly size: number;
  /** The root hash, standard base64 (as in the checkpoint text). */
  readonly rootHash: string;
  /** The signed note, verbatim. */
  readonly note: string;
}

export type ReceiptCheckCode =
  /** The receipt is malformed, for other bytes, or its proof does not lead to its checkpoint. */
  | 'receipt_invalid'
  /** The checkpoint is not signed by the pinned key, or names another log. */
  | 'checkpoint_untrusted'
  /** The log is smaller than one already verified: the server went back in time. */
  | 'log_rollback'
  /** The log does not extend the one already verified: two histories (a fork or split view). */
  | 'log_fork';

export class ReceiptCheckError extends Error {
  override readonly name = 'ReceiptCheckError';
  constructor(
    readonly code: ReceiptCheckCode,
    message: string,
    /** The underlying CryptoError's reason, when there is one. */
    readonly reason?: string,
  ) {
    super(message);
  }
}

function reasonOf(error: unknown): string | undefined {
  if (!(error instanceof CryptoError)) return undefined;
  const reason = (error.details as { reason?: unknown } | undefined)?.reason;
  return typeof reason === 'string' ? reason : error.code;
}

const UNTRUSTED_REASONS = new Set([
  'signature_invalid',
  'no_known_signature',
  'known_signature_invalid',
  'origin_mismatch',
]);

/**
 * Checks a receipt for the ciphertext the vault holds. Resolves to the leaf's index, the receipt
 * leaf's fields (received-at time) and the checkpoint it was proved against.
 *
 * @example const { checkpoint } = await checkReceipt({ proof, ciphertextSha256, pinned });
 */
export async function checkReceipt(input: {
  readonly proof: string;
  readonly ciphertextSha256: Uint8Array;
  readonly pinned: PinnedLog;
}): Promise<{
  index: number;
  recordId: string;
  revision: number;
  receivedAt: Date;
  /** Set when the leaf was backfilled: the log vouches for the ciphertext only from then. */
  backfilledAt?: Date;
  checkpoint: KnownCheckpoint;
}> {
  try {
    const verified = await verifyReceiptProof({
      proof: input.proof,
      ciphertextSha256: input.ciphertextSha256,
      logKey: await ed25519Verifier(input.pinned.vkey),
      origin: input.pinned.origin,
    });
    return {
      index: verified.index,
      recordId: verified.receipt.recordId,
      revision: verified.receipt.revision,
      receivedAt: new Date(verified.receipt.receivedAt),
      ...(verified.receipt.backfilledAt !== undefined
        ? { backfilledAt: new Date(verified.receipt.backfilledAt) }
        : {}),
      checkpoint: {
        size: verified.checkpoint.size,
        rootHash: toBase64(verified.checkpoint.rootHash),
        note: verified.checkpointNote,
      },
    };
  } catch (error) {
    const reason = reasonOf(error);
    if (reason !== undefined && UNTRUSTED_REASONS.has(reason)) {
      throw new ReceiptCheckError(
        'checkpoint_untrusted',
        'The receipt’s checkpoint is not signed by the log key this vault trusts.',
        reason,
      );
    }
    throw new ReceiptCheckError('receipt_invalid', 'This receipt does not check out.', reason);
  }
}

/**
 * Checks a signed checkpoint note against the pinned key and origin.
 *
 * @example const known = await checkCheckpoint(note, pinned);
 */
export async function checkCheckpoint(note: string, pinned: PinnedLog): Promise<KnownCheckpoint> {
  try {
    const { checkpoint } = await verifyCheckpointNote({
      note,
      logKey: await ed25519Verifier(pinned.vkey),
      origin: pinned.origin,
    });
    return { size: checkpoint.size, rootHash: toBase64(checkpoint.rootHash), note };
  } catch (error) {
    throw new ReceiptCheckError(
      'checkpoint_untrusted',
      'This checkpoint is not signed by the log key this vault trusts.',
      reasonOf(error),
    );
  }
}

/**
 * Whether `next` (already verified with checkCheckpoint or checkReceipt) extends `previous`,
 * given the server's consistency proof from previous.size to next.size. Resolves to the
 * checkpoint to keep as the last verified: the larger of the two.
 *
 * @example last = await checkLogAdvance({ previous: last, next, proof });
 */
export async function checkLogAdvance(input: {
  readonly previous: KnownCheckpoint | undefined;
  readonly next: KnownCheckpoint;
  /** RFC 6962 consistency proof from previous.size to next.size (base64 hashes, as the API sends). */
  readonly proof: readonly string[];
}): Promise<KnownCheckpoint> {
  const { previous, next } = input;
  if (previous === undefined) return next;
  if (next.size < previous.size) {
    throw new ReceiptCheckError(
      'log_rollback',
      `The server showed a log of ${next.size} entries after one of ${previous.size}: it went back.`,
    );
  }
  const decode = (b64: string): Uint8Array => {
    const bytes = fromBase64(b64);
    if (bytes === undefined) throw new ReceiptCheckError('log_fork', 'A proof hash is not base64.');
    return bytes;
  };
  try {
    await verifyConsistency({
      oldSize: previous.size,
      newSize: next.size,
      oldRoot: decode(previous.rootHash),
      newRoot: decode(next.rootHash),
      proof: input.proof.map(decode),
    });
  } catch (error) {
    if (error instanceof ReceiptCheckError) throw error;
    throw new ReceiptCheckError(
      'log_fork',
      'The server’s log does not extend the one this vault saw before: it shows two histories.',
      reasonOf(error),
    );
  }
  return next;
}
