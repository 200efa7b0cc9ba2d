import { describe, expect, it } from 'vitest';
import { FORM_TOKEN_SECONDS, formToken, formTokenValid } from './form-token.js';

describe('form tokens', () => {
  const secret = 'a'.repeat(64);
  const now = Date.UTC(2027, 0, 1, 12);

  it('accepts a token for its own purpose while it is fresh', () => {
    const token = formToken(secret, 'booking\0one', now);
    expect(formTokenValid(secret, 'booking\0one', token, now)).toBe(true);
    expect(
      formTokenValid(secret, 'booking\0one', token, now + (FORM_TOKEN_SECONDS - 1) * 1000),
    ).toBe(true);
  });

  it('refuses it for another purpose, under another secret, late, early or changed', () => {
    const token = formToken(secret, 'booking\0one', now);
    expect(formTokenValid(secret, 'booking\0two', token, now)).toBe(false);
    expect(formTokenValid('b'.repeat(64), 'booking\0one', token, now)).toBe(false);
    expect(
      formTokenValid(secret, 'booking\0one', token, now + (FORM_TOKEN_SECONDS + 1) * 1000),
    ).toBe(false);
    expect(formTokenValid(secret, 'booking\0one', token, now - 120_000)).toBe(false);
    const [issued] = token.split('.');
    expect(
      formTokenValid(secret, 'booking\0one', `${Number(issued) + 1}.${token.split('.')[1]}`, now),
    ).toBe(false);
    expect(formTokenValid(secret, 'booking\0one', undefined, now)).toBe(false);
    expect(formTokenValid(secret, 'booking\0one', 'nonsense', now)).toBe(false);
  });
});
