/**
 * What the person is told after unlocking when someone has failed to get into their diary since
 * they last signed in (the server counts and tells once, then starts again). Plain sentences,
 * built only from counts and one time — never from anything in the diary.
 */
import type { FailedAttempts } from '../../../vault/index.js';
import { format } from '../shell/messages.js';
import type { AccountMessages } from './messages.js';

/** True when there is anything to tell. */
export function anyFailedAttempts(failed: FailedAttempts | undefined): failed is FailedAttempts {
  return failed !== undefined && failed.passphrase + failed.code + failed.recovery > 0;
}

/**
 * The sentences to show, in order; empty when there were no failed attempts.
 *
 * @example failedAttemptsLines(a, { passphrase: 12, code: 0, recovery: 0, lastAt }, fmt)
 * // ['Since you last signed in, someone tried 12 times …', 'The last try was on …', 'If this was you …']
 */
export function failedAttemptsLines(
  a: AccountMessages,
  failed: FailedAttempts | undefined,
  formatTimestamp: (iso: string) => string,
): string[] {
  if (!anyFailedAttempts(failed)) return [];
  const m = a.failedAttempts;
  const count = (n: number, one: string, many: string): string[] =>
    n === 0 ? [] : [n === 1 ? one : format(many, { n })];
  return [
    ...count(failed.passphrase, m.passphraseOne, m.passphrase),
    ...count(failed.code, m.codeOne, m.code),
    ...count(failed.recovery, m.recoveryOne, m.recovery),
    ...(failed.lastAt === null ? [] : [format(m.last, { when: formatTimestamp(failed.lastAt) })]),
    m.advice,
  ];
}
