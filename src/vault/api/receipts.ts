/**
 * The vault client's calls for the transparency log and receipts (docs/vault-protocol.md §9):
 * the log's key and its handovers, checkpoints, consistency proofs, and the receipt of a
 * revision or an upload. `parseReceipt` reads every receipt answer, whichever area asks.
 * One layer of VaultApi (../api.ts).
 */
import { array, field, integer, object, string } from './checks.js';
import { ApiError, badResponse } from './errors.js';
import { RecordCalls } from './records.js';

/** The log's identity as GET /api/log/key gives it (contract/receipts.ts logKeyResponse). */
export interface LogKey {
  readonly origin: string;
  readonly vkey: string;
  readonly fingerprint: string;
}

/** A receipt as the API gives it (contract/receipts.ts receiptResponse); checked by the caller. */
export interface ReceiptAnswer {
  readonly leafIndex: number;
  /** c2sp.org/tlog-proof@v1 text. */
  readonly proof: string;
  /** The TSA countersignature of the proof's checkpoint, as the server says (not checked here). */
  readonly timestamp: { readonly token: string; readonly time: string } | null;
  /**
   * When the log took in a ciphertext stored before it existed (ISO 8601), or null. The caller
   * checks it against the leaf in the proof (receipts.ts), never trusts this copy alone.
   */
  readonly backfilledAt?: string | null;
}

export class ReceiptCalls extends RecordCalls {
  /** Every change of the log's key, oldest first (signed notes; check with followHandovers). */
  async getLogHandovers(): Promise<string[]> {
    return this.request('GET', '/api/log/handovers', {
      parse: (json) => {
        const list = array(object(json).handovers);
        if (!list.every((n): n is string => typeof n === 'string')) throw badResponse('handovers');
        return list;
      },
    });
  }

  async getLogKey(): Promise<LogKey> {
    return this.request('GET', '/api/log/key', {
      parse: (json) => {
        const o = object(json);
        return {
          origin: string(o, 'origin'),
          vkey: string(o, 'vkey'),
          fingerprint: string(o, 'fingerprint'),
        };
      },
    });
  }

  /** The newest signed checkpoint: its size and note (public; check the note before trusting). */
  async getLogCheckpoint(): Promise<{ size: number; note: string }> {
    return this.request('GET', '/api/log/checkpoint', {
      parse: (json) => {
        const o = object(json);
        return { size: integer(o, 'size'), note: string(o, 'checkpoint') };
      },
    });
  }

  /**
   * The receipt of one revision of a record. ApiError `receipt_pending` while the server answers
   * 202 (no checkpoint covers it yet: every write for a few seconds, and what was stored before
   * the log until it is backfilled).
   */
  async getRevisionReceipt(id: string, revision: number): Promise<ReceiptAnswer> {
    return this.request(
      'GET',
      `/api/records/${encodeURIComponent(id)}/revisions/${revision}/receipt`,
      { parse: parseReceipt },
    );
  }

  /**
   * The receipt of a finished evidence upload; pending as getRevisionReceipt, and ApiError
   * `receipt_unavailable` (404) for a file not fully sent.
   */
  async getUploadReceipt(uploadId: string): Promise<ReceiptAnswer> {
    return this.request('GET', `/api/uploads/${encodeURIComponent(uploadId)}/receipt`, {
      parse: parseReceipt,
    });
  }

  /** An RFC 6962 consistency proof from tree size `from` to `to` (base64 hashes). */
  async getConsistency(from: number, to: number): Promise<string[]> {
    return this.request('GET', `/api/log/consistency?from=${from}&to=${to}`, {
      parse: (json) => {
        const o = object(json);
        if (o.from !== from || o.to !== to) throw badResponse('from');
        return array(field(o, 'proof')).map((h) => {
          if (typeof h !== 'string') throw badResponse('proof');
          return h;
        });
      },
    });
  }
}

export function parseReceipt(json: unknown): ReceiptAnswer {
  const o = object(json);
  if (o.pending === true) {
    throw new ApiError(202, 'receipt_pending', 'The receipt is not ready yet.');
  }
  const ts = field(o, 'timestamp');
  let timestamp: ReceiptAnswer['timestamp'] = null;
  if (ts !== null) {
    const t = object(ts);
    timestamp = { token: string(t, 'token'), time: string(t, 'time') };
  }
  const backfilledAt = o.backfilledAt;
  if (backfilledAt !== undefined && backfilledAt !== null && typeof backfilledAt !== 'string') {
    throw badResponse('backfilledAt');
  }
  return {
    leafIndex: integer(o, 'leafIndex'),
    proof: string(o, 'proof'),
    timestamp,
    backfilledAt: backfilledAt ?? null,
  };
}
