import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { anyFailedAttempts, failedAttemptsLines } from './failed-attempts.js';
import { ACCOUNT_MESSAGES } from './messages.js';

const when = (iso: string): string => `WHEN(${iso})`;
const lastAt = '2026-12-03T21:15:00.000Z';

describe('failed sign-in attempts notice', () => {
  it('tells plainly how many times the wrong passphrase was tried, and what to do', () => {
    const lines = failedAttemptsLines(
      ACCOUNT_MESSAGES.en,
      { passphrase: 12, code: 0, recovery: 0, lastAt },
      when,
    );
    expect(lines).toEqual([
      'Since you last signed in, someone tried 12 times to open your diary with the wrong passphrase.',
      `The last try was on WHEN(${lastAt}).`,
      'If this was you, all is well. If it was not you, change your passphrase now.',
    ]);
  });

  it('says once, and tells of wrong codes and recovery keys, in Welsh too', () => {
    const failed = { passphrase: 1, code: 2, recovery: 1, lastAt };
    expect(failedAttemptsLines(ACCOUNT_MESSAGES.en, failed, when).slice(0, 3)).toEqual([
      ACCOUNT_MESSAGES.en.failedAttempts.passphraseOne,
      'Someone used your passphrase 2 times but did not have the code from your authenticator app. They may know your passphrase.',
      ACCOUNT_MESSAGES.en.failedAttempts.recoveryOne,
    ]);
    const cy = failedAttemptsLines(ACCOUNT_MESSAGES.cy, failed, when);
    expect(cy).toHaveLength(5);
    expect(cy[1]).toContain('2 o weithiau');
    expect(cy.at(-1)).toBe(ACCOUNT_MESSAGES.cy.failedAttempts.advice);
  });

  it('says nothing when nobody failed (property: any count above zero is told)', () => {
    expect(failedAttemptsLines(ACCOUNT_MESSAGES.en, undefined, when)).toEqual([]);
    expect(
      failedAttemptsLines(
        ACCOUNT_MESSAGES.en,
        { passphrase: 0, code: 0, recovery: 0, lastAt: null },
        when,
      ),
    ).toEqual([]);
    fc.assert(
      fc.property(fc.nat(1000), fc.nat(1000), fc.nat(1000), (passphrase, code, recovery) => {
        const failed = { passphrase, code, recovery, lastAt };
        const lines = failedAttemptsLines(ACCOUNT_MESSAGES.en, failed, when);
        const any = passphrase + code + recovery > 0;
        expect(anyFailedAttempts(failed)).toBe(any);
        expect(lines.length).toBe(
          any ? 2 + [passphrase, code, recovery].filter(Boolean).length : 0,
        );
        for (const n of [passphrase, code, recovery].filter((x) => x > 1)) {
          expect(lines.join(' ')).toContain(`${n} times`);
        }
      }),
    );
  });
});
