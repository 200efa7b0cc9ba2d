/**
 * The receipt API's contract, shared by the server and the vault client: response shapes, error
 * codes and header names (docs/vault-protocol.md §9). Receipts, checkpoints and proofs travel in
 * their standard text forms (C2SP tlog-proof, tlog-checkpoint signed notes); hashes and tokens
 * as standard base64, as those formats write them.
 */
import { z } from 'zod';
import { recordResponse } from './vault-api.js';

/** On the answer to the request that finished an upload: the index of the file's receipt leaf. */
export const LOG_INDEX_HEADER = 'mosaic-log-index';

/** Where the log's public key (vkey text) is published, and the page that explains it. */
export const LOG_KEY_PATH = '/.well-known/mosaic-log.pub';
export const LOG_KEY_PAGE_PATH = '/.well-known/mosaic-log';

const index = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64');

/** A record as stored by a write, with the index of the revision's receipt leaf. */
export const recordWriteResponse = recordResponse.extend({
  leafIndex: index.describe('The receipt leaf of this revision in the log'),
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

export const RECEIPT_ERROR_CODES = [
  /** No checkpoint covers the leaf yet: ask again in a few seconds. */
  'receipt_pending',
  /** The revision or file was stored before the log existed and has no leaf. */
  'receipt_unavailable',
  /** A tree size past the newest checkpoint, or `from` after `to`. */
  'log_size_invalid',
] as const;
export type ReceiptErrorCode = (typeof RECEIPT_ERROR_CODES)[number];
