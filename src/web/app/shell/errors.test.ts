import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../vault/index.js';
import { describeError } from './errors.js';
import { MESSAGES } from './messages.js';

describe('describeError', () => {
  it.each(['en', 'cy'] as const)(
    'says plainly in %s when the diary is full or a record too large',
    (locale) => {
      const t = MESSAGES[locale];
      expect(describeError(t, new ApiError(413, 'record_quota_exceeded', 'full'))).toBe(
        t.common.diaryFull,
      );
      expect(describeError(t, new ApiError(413, 'record_too_large', 'big'))).toBe(
        t.common.tooLarge,
      );
      expect(t.common.diaryFull).not.toBe(t.common.unexpected);
    },
  );
});
