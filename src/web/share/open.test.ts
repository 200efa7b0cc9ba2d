// What the /share page tells the recipient for each failure, and the full link check.
import { describe, expect, it } from 'vitest';
import { CryptoError } from '../../crypto/errors.js';
import { ApiError } from '../../vault/api.js';
import { IntegrityError } from '../../vault/evidence/decrypt.js';
import { ShareError } from '../../vault/shares.js';
import { linkIsWhole, problemOf } from './open.js';

describe("the /share page's problems", () => {
  it('names each refusal from the server', () => {
    const api = (code: string, status = 400) => problemOf(new ApiError(status, code, code));
    expect(api('share_passcode_wrong', 401)).toBe('passcodeWrong');
    expect(api('share_locked', 429)).toBe('locked');
    expect(api('share_expired', 410)).toBe('expired');
    expect(api('share_revoked', 410)).toBe('revoked');
    expect(api('share_not_found', 404)).toBe('notFound');
    expect(api('share_session_invalid', 401)).toBe('sessionEnded');
    expect(api('rate_limited', 429)).toBe('failed');
  });

  it('treats a share that fails its checks as not trusted, and a bad link as broken', () => {
    expect(problemOf(new ShareError('share_record_missing', 'x'))).toBe('notTrusted');
    expect(problemOf(new ShareError('share_link_invalid', 'x'))).toBe('linkBroken');
    expect(problemOf(new CryptoError('decryption_failed', 'x'))).toBe('notTrusted');
    expect(problemOf(new CryptoError('passcode_invalid', 'x'))).toBe('passcodeWrong');
    expect(problemOf(new IntegrityError('mismatch', 'x'))).toBe('notTrusted');
    expect(problemOf(new TypeError('Failed to fetch'))).toBe('failed');
  });

  it('checks the whole link with the vault parser', () => {
    const secret = 'A'.repeat(43);
    expect(linkIsWhole(`#s1.${'q'.repeat(22)}.${secret}`)).toBe(true);
    expect(linkIsWhole(`#s1.${'q'.repeat(22)}.${secret.slice(0, 20)}`)).toBe(false);
    expect(linkIsWhole('#s2.x.y')).toBe(false);
  });
});
