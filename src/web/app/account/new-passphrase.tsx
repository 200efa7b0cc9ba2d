/**
 * A new passphrase typed twice, with its strength shown as it is typed: what recovery and
 * "Change your passphrase" both ask for. One check, so the two screens refuse the same things
 * with the same words.
 */
import { useState } from 'preact/hooks';
import { choosePassphrase } from '../../../vault/index.js';
import { PassphraseField } from '../components/passphrase-field.js';
import { type ErrorItem } from '../components/ui.js';
import type { AccountMessages } from './messages.js';

/** What is wrong with the pair, if anything: a message for one of the two fields. */
export interface NewPassphraseErrors {
  readonly passphrase?: string;
  readonly confirm?: string;
}

export const NEW_PASSPHRASE_ID = 'new-passphrase';
export const CONFIRM_PASSPHRASE_ID = 'confirm-passphrase';

/**
 * The first problem with a new passphrase and its second copy: the passphrase itself (too
 * short, too common, the username…), then `same` (e.g. "the same as your current one"), then
 * the second copy missing or different.
 */
export function checkNewPassphrase(
  a: AccountMessages,
  typed: { readonly passphrase: string; readonly confirm: string; readonly username: string },
  same?: { readonly as: string; readonly message: string },
): NewPassphraseErrors {
  const choice = choosePassphrase(typed.passphrase, typed.username);
  if (choice.error !== undefined) return { passphrase: a.passphraseErrors[choice.error] };
  if (same !== undefined && typed.passphrase === same.as) return { passphrase: same.message };
  if (typed.confirm.length === 0) return { confirm: a.passphraseErrors.confirmRequired };
  if (typed.confirm !== typed.passphrase) return { confirm: a.passphraseErrors.mismatch };
  return {};
}

/** The two fields' state, and `check` (checkNewPassphrase) on what is typed in them. */
export function useNewPassphrase(username: string) {
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const { assessment } = choosePassphrase(passphrase, username);
  const check = (
    a: AccountMessages,
    same?: { readonly as: string; readonly message: string },
  ): NewPassphraseErrors => checkNewPassphrase(a, { passphrase, confirm, username }, same);
  return { passphrase, setPassphrase, confirm, setConfirm, assessment, check };
}

/** The error summary's items for the two fields. */
export function newPassphraseErrorItems(errors: NewPassphraseErrors): ErrorItem[] {
  return [
    ...(errors.passphrase !== undefined
      ? [{ field: NEW_PASSPHRASE_ID, message: errors.passphrase }]
      : []),
    ...(errors.confirm !== undefined
      ? [{ field: CONFIRM_PASSPHRASE_ID, message: errors.confirm }]
      : []),
  ];
}

/** The two fields: the new passphrase with its strength, then the same again. */
export function NewPassphraseFields(props: {
  readonly pair: ReturnType<typeof useNewPassphrase>;
  readonly errors: NewPassphraseErrors;
  readonly label: string;
  readonly hint: string;
  readonly confirmLabel: string;
}) {
  const { pair, errors } = props;
  return (
    <>
      <PassphraseField
        id={NEW_PASSPHRASE_ID}
        label={props.label}
        hint={props.hint}
        error={errors.passphrase}
        value={pair.passphrase}
        onInput={pair.setPassphrase}
        autocomplete="new-password"
        strength={pair.assessment}
      />
      <PassphraseField
        id={CONFIRM_PASSPHRASE_ID}
        label={props.confirmLabel}
        error={errors.confirm}
        value={pair.confirm}
        onInput={pair.setConfirm}
        autocomplete="new-password"
      />
    </>
  );
}
