import { describe, expect, it } from 'vitest';
import { ApiError, VaultApi } from '../api.js';
import { formatSize, percent } from '../../web/app/evidence/evidence-ui.js';
import { EVIDENCE_MESSAGES } from '../../web/app/evidence/messages.js';
import { csrfToken, uploadHeaders, uploadIdOf, uploadUrl } from './upload-api.js';

describe('upload requests', () => {
  it('takes the upload id from a tus Location, and only from one under /api/uploads', () => {
    expect(uploadIdOf('/api/uploads/0123456789abcdef0123456789abcdef')).toBe(
      '0123456789abcdef0123456789abcdef',
    );
    expect(uploadIdOf('http://127.0.0.1:3000/api/uploads/abc')).toBe('abc');
    expect(uploadIdOf('/api/records/abc')).toBeUndefined();
    expect(uploadIdOf('/api/uploads/a/b')).toBeUndefined();
    expect(uploadIdOf('/api/uploads/')).toBeUndefined();
    expect(uploadIdOf('')).toBeUndefined();
    expect(uploadUrl('abc')).toBe('/api/uploads/abc');
  });

  it('sends the session’s CSRF token, and refuses to send without one', () => {
    const api = new VaultApi({ fetch: () => Promise.reject(new Error('no requests')) });
    expect(csrfToken(api)).toBeUndefined();
    expect(() => uploadHeaders(api)).toThrow(ApiError);
    api.setCsrfToken('t0ken');
    expect(csrfToken(api)).toBe('t0ken');
    expect(uploadHeaders(api)).toEqual({ 'x-mosaic-csrf': 't0ken' });
    api.clearCsrfToken();
    expect(csrfToken(api)).toBeUndefined();
  });
});

describe('sizes in words', () => {
  const en = EVIDENCE_MESSAGES.en;
  it('says sizes as people read them', () => {
    expect(formatSize(en, 0)).toBe('0 bytes');
    expect(formatSize(en, 1)).toBe('1 byte');
    expect(formatSize(en, 1023)).toBe('1023 bytes');
    expect(formatSize(en, 1536)).toBe('1.5 KB');
    expect(formatSize(en, 50 * 1024 * 1024)).toBe('50 MB');
    expect(formatSize(en, 1024 ** 3)).toBe('1 GB');
    expect(formatSize(EVIDENCE_MESSAGES.cy, 5)).toBe('5 beit');
  });

  it('rounds progress down and never past 100', () => {
    expect(percent(0, 0)).toBe(0);
    expect(percent(999, 1000)).toBe(99);
    expect(percent(1000, 1000)).toBe(100);
    expect(percent(2000, 1000)).toBe(100);
  });
});
