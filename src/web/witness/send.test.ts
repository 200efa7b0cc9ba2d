/** The /witness page's words for each failure: every refusal has its own kind message. */
import { describe, expect, it } from 'vitest';
import { CryptoError } from '../../crypto/errors.js';
import { ApiError } from '../../vault/api.js';
import { problemOf } from './send.js';

describe('the witness page’s problem for each failure', () => {
  it('names each refusal, and anything else as a failure to try again', () => {
    const api = (code: string) => new ApiError(400, code, code);
    expect(problemOf(new CryptoError('witness_link_invalid', 'x'))).toBe('linkBroken');
    expect(problemOf(new CryptoError('public_key_mismatch', 'x'))).toBe('notTrusted');
    expect(problemOf(api('witness_proof_wrong'))).toBe('linkBroken');
    expect(problemOf(api('witness_invitation_expired'))).toBe('expired');
    expect(problemOf(api('witness_invitation_closed'))).toBe('closed');
    expect(problemOf(api('witness_invitation_full'))).toBe('full');
    expect(problemOf(api('witness_invitation_not_found'))).toBe('notFound');
    expect(problemOf(api('rate_limited'))).toBe('rateLimited');
    expect(problemOf(api('witness_statement_too_large'))).toBe('tooMuch');
    expect(problemOf(api('record_quota_exceeded'))).toBe('tooMuch');
    expect(problemOf(api('network'))).toBe('failed');
    expect(problemOf(new Error('boom'))).toBe('failed');
  });
});
