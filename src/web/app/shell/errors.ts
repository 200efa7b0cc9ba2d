/**
 * Turns a failure into words for the person: the server's stable codes and the crypto layer's
 * codes map to messages.ts, never to raw English from elsewhere.
 */
import { isCryptoError } from '../../../crypto/index.js';
import { isApiError } from '../../../vault/index.js';
import type { Messages } from './messages.js';

/**
 * The message for an error no screen handles itself: network, rate limit, server trouble.
 *
 * @example describeError(t, new ApiError(0, 'network', '')) // t.common.network
 */
export function describeError(t: Messages, e: unknown): string {
  if (isApiError(e)) {
    if (e.code === 'network') return t.common.network;
    if (e.code === 'rate_limited') return t.common.rateLimited;
    if (e.code === 'record_quota_exceeded') return t.common.diaryFull;
    if (e.code === 'record_too_large') return t.common.tooLarge;
    if (e.status >= 500 || e.code === 'bad_response') return t.common.server;
    return t.common.unexpected;
  }
  if (isCryptoError(e, 'kdf_params_too_weak') || isCryptoError(e, 'kdf_params_invalid')) {
    return t.unlock.kdfTooWeak;
  }
  if (isCryptoError(e, 'kdf_failed')) return t.unlock.kdfFailed;
  return t.common.unexpected;
}
