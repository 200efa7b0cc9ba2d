import { describe, expect, it } from 'vitest';
import { ACCOUNT_MESSAGES } from './messages.js';
import { checkNewPassphrase } from './new-passphrase.js';

const a = ACCOUNT_MESSAGES.en;
const GOOD = 'marble otter sings at dawn';

describe('checkNewPassphrase', () => {
  it('accepts a strong passphrase typed the same twice', () => {
    expect(checkNewPassphrase(a, { passphrase: GOOD, confirm: GOOD, username: 'sam' })).toEqual({});
  });

  it('speaks of the passphrase itself first, before the second copy', () => {
    expect(checkNewPassphrase(a, { passphrase: '', confirm: 'x', username: 'sam' })).toEqual({
      passphrase: a.passphraseErrors.required,
    });
    expect(checkNewPassphrase(a, { passphrase: 'short', confirm: '', username: 'sam' })).toEqual({
      passphrase: a.passphraseErrors.tooShort,
    });
    expect(
      checkNewPassphrase(a, {
        passphrase: 'dawnwatcher marble otter',
        confirm: '',
        username: 'dawnwatcher',
      }),
    ).toEqual({ passphrase: a.passphraseErrors.containsUsername });
  });

  it('refuses the same passphrase as `same` before looking at the second copy', () => {
    const same = { as: GOOD, message: 'same as now' };
    expect(checkNewPassphrase(a, { passphrase: GOOD, confirm: '', username: 'sam' }, same)).toEqual(
      { passphrase: 'same as now' },
    );
  });

  it('asks for the second copy, then for it to match', () => {
    expect(checkNewPassphrase(a, { passphrase: GOOD, confirm: '', username: 'sam' })).toEqual({
      confirm: a.passphraseErrors.confirmRequired,
    });
    expect(
      checkNewPassphrase(a, { passphrase: GOOD, confirm: `${GOOD} `, username: 'sam' }),
    ).toEqual({ confirm: a.passphraseErrors.mismatch });
  });
});
