import type { QuickErrorCode } from '../../contract/quick-records.js';
import type { ReceiptErrorCode } from '../../contract/receipts.js';
import type { ShareErrorCode } from '../../contract/shares.js';
import type { ApiErrorCode } from '../../contract/vault-api.js';
import type { WitnessErrorCode } from '../../contract/witnesses.js';

/** A refusal the client can act on: a 4xx status, a stable code and a plain message. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly statusCode: number,
    readonly code:
      ApiErrorCode | ReceiptErrorCode | ShareErrorCode | WitnessErrorCode | QuickErrorCode,
    message: string,
    /** For a 429: when a new try can count (sent as Retry-After). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}
