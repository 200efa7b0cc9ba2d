/**
 * The receipt API's contract, shared by the server and the vault client: response shapes, error
 * codes and header names (docs/vault-protocol.md §9). Receipts, checkpoints and proofs travel in
 * their standard text forms (C2SP tlog-proof, tlog-checkpoint signed notes); hashes and tokens
 * as standard base64, as those formats write them.
 */
import { z } from 'zod';
import { recordResponse } from './vault-api.js';

/**
 * Deprecated, no longer sent: the index of a file's receipt leaf on the answer that finished
 * the upload. Indices are given after the write by the sequencer (docs/vault-protocol.md §9):
 * fetch `/api/uploads/:id/receipt` instead. Kept so older clients compile.
 */
export const LOG_INDEX_HEADER = 'mosaic-log-index';

/** Where the log's public key (vkey text) is published, and the page that explains it. */
export const LOG_KEY_PATH = '/.well-known/mosaic-log.pub';
export const LOG_KEY_PAGE_PATH = '/.well-known/mosaic-log';

const index = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64');

/**
 * A record as stored by a write. `leafIndex` is optional and absent from this server: a
 * revision's receipt leaf gets its index a few seconds after the write, when the sequencer runs
 * (docs/vault-protocol.md §9). Clients fetch `/api/records/:id/revisions/:revision/receipt`
 * (202 with `{ pending: true }` until then) and read the index from the receipt.
 */
export const recordWriteResponse = recordResponse.extend({
  leafIndex: index
    .optional()
    .describe('Absent until sequenced: read it from the revision’s receipt'),
});
export type RecordWriteResponse = z.infer<typeof recordWriteResponse>;

/** An RFC 3161 countersignature of a checkpoint's body. */
export const timestampResponse = z.object({
  /** The time-stamp token (CMS ContentInfo, DER) in base64: a `.tsr` token file. */
  token: base64,
  /** The TSA's time for it (ISO 8601). */
  time: z.iso.datetime(),
});

/** A signed checkpoint. */
export const checkpointResponse = z.object({
  size: index,
  /** The checkpoint note (C2SP tlog-checkpoint), verbatim: origin, size, root, signatures. */
  checkpoint: z.string(),
  /** Null until (or unless) a time-stamp authority countersigned it. */
  timestamp: timestampResponse.nullable(),
});
export type CheckpointResponse = z.infer<typeof checkpointResponse>;

/** A receipt for one stored ciphertext: a C2SP tlog-proof with the receipt leaf as `extra`. */
export const receiptResponse = z.object({
  leafIndex: index,
  /** When the server received the ciphertext (ISO 8601), as the leaf says. */
  receivedAt: z.iso.datetime().optional(),
  /**
   * When the leaf was backfilled (ISO 8601): the ciphertext was stored before the log existed,
   * so the log vouches for it only from this time. Null for a leaf appended when received.
   */
  backfilledAt: z.iso.datetime().nullable().optional(),
  /** `c2sp.org/tlog-proof@v1` text: check it with verifyReceiptProof (src/crypto). */
  proof: z.string(),
  /** The countersignature of the checkpoint inside the proof, when there is one. */
  timestamp: timestampResponse.nullable(),
});
export type ReceiptResponse = z.infer<typeof receiptResponse>;

export const revisionReceiptParams = z.object({
  id: z.string().min(8).max(64),
  revision: z.coerce
    .number()
    .int()
    .min(1)
    .max(2 ** 31 - 1),
});

export const consistencyQuery = z.object({
  from: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  to: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
});

/** RFC 6962 consistency proof between two tree sizes, each hash in base64. */
export const consistencyResponse = z.object({
  from: index,
  to: index,
  proof: z.array(base64),
});
export type ConsistencyResponse = z.infer<typeof consistencyResponse>;

export const checkpointSizeParams = z.object({
  size: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
});

/** The log's public identity, also at LOG_KEY_PATH as plain text. */
export const logKeyResponse = z.object({
  origin: z.string(),
  /** C2SP signed-note verifier key text. */
  vkey: z.string(),
  /** Key id and SHA-256 of the public key, for comparing by eye. */
  fingerprint: z.string(),
});

/**
 * Every change of the log's key, oldest first: C2SP signed notes, each signed by the old key and
 * the new (docs/vault-protocol.md §9.7). A vault follows them from the key it pinned.
 */
export const logHandoversResponse = z.object({
  handovers: z.array(z.string()),
});
export type LogHandoversResponse = z.infer<typeof logHandoversResponse>;

/**
 * 202 Accepted from a receipt address: no leaf or no checkpoint covers it yet (the write waits
 * for the sequencer, or it was stored before the log and waits for the backfill). Ask again
 * after `retryAfterSeconds` (also the Retry-After header). Not an error: every write is here for
 * a few seconds.
 */
export const receiptPendingResponse = z.object({
  pending: z.literal(true),
  retryAfterSeconds: z.number().int().min(1),
  message: z.string(),
});
export type ReceiptPendingResponse = z.infer<typeof receiptPendingResponse>;

export const RECEIPT_ERROR_CODES = [
  /**
   * The client's own name for a 202 answer (src/vault/api.ts throws it), so callers treat
   * "not yet" like any other state; the server never sends it as an error.
   */
  'receipt_pending',
  /** The file is not finished, so it has no receipt. */
  'receipt_unavailable',
  /** A tree size past the newest checkpoint, or `from` after `to`. */
  'log_size_invalid',
] as const;
export type ReceiptErrorCode = (typeof RECEIPT_ERROR_CODES)[number];
