/**
 * Opening the diary. Unlocking is a fresh sign-in: keys live only in memory, so after a lock
 * there is nothing left on the device to unlock with. The username is never remembered.
 */
import { useState } from 'preact/hooks';
import { isCryptoError } from '../../../crypto/index.js';
import { KeyMismatchError, isWrongCredentials, signIn } from '../account.js';
import { useApp } from '../context.js';
import { describeError } from '../errors.js';
import { validateUsername } from '../validation.js';
import {
  Busy,
  Button,
  LinkButton,
  nextPaint,
  Page,
  PassphraseField,
  TextField,
  type ErrorItem,
} from '../ui.js';

export function UnlockScreen() {
  const { t, navigate, api, unlocked } = useApp();
  const u = t.unlock;
  const [username, setUsername] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [errors, setErrors] = useState<{ username?: string; passphrase?: string; form?: string }>(
    {},
  );
  const [seq, setSeq] = useState(0);
  const [busy, setBusy] = useState(false);

  const fail = (next: typeof errors): void => {
    setErrors(next);
    setSeq((s) => s + 1);
  };

  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    if (busy) return;
    const name = validateUsername(username);
    const next: typeof errors = {};
    if (username.trim() === '') next.username = u.usernameRequired;
    if (passphrase.length === 0) next.passphrase = u.passphraseRequired;
    if (next.username !== undefined || next.passphrase !== undefined) {
      fail(next);
      return;
    }
    if (!name.ok) {
      // A name that cannot exist: answer exactly as for a wrong passphrase.
      fail({ form: u.failed });
      return;
    }
    setErrors({});
    setBusy(true);
    await nextPaint();
    try {
      const opened = await signIn(api, name.value, passphrase);
      setPassphrase('');
      unlocked(opened);
      navigate({ name: 'home' });
    } catch (e) {
      setBusy(false);
      if (isWrongCredentials(e)) fail({ form: u.failed });
      else if (e instanceof KeyMismatchError) fail({ form: u.keyMismatch });
      else if (isCryptoError(e, 'kdf_params_too_weak') || isCryptoError(e, 'kdf_params_invalid'))
        fail({ form: u.kdfTooWeak });
      else fail({ form: describeError(t, e) });
    }
  };

  const items: ErrorItem[] = [
    ...(errors.form !== undefined ? [{ field: 'username', message: errors.form }] : []),
    ...(errors.username !== undefined ? [{ field: 'username', message: errors.username }] : []),
    ...(errors.passphrase !== undefined
      ? [{ field: 'passphrase', message: errors.passphrase }]
      : []),
  ];

  return (
    <Page title={u.title} errors={items} errorSeq={seq} back={() => navigate({ name: 'start' })}>
      <form noValidate onSubmit={(e) => void submit(e)}>
        <TextField
          id="username"
          label={u.usernameLabel}
          error={errors.username}
          value={username}
          onInput={setUsername}
          autocomplete="username"
          spellcheck={false}
          autoCapitalize="none"
          autoCorrect="off"
        />
        <PassphraseField
          id="passphrase"
          label={u.passphraseLabel}
          error={errors.passphrase}
          value={passphrase}
          onInput={setPassphrase}
          autocomplete="current-password"
        />
        <Busy message={busy ? u.working : undefined} />
        <Button type="submit" disabled={busy}>
          {u.submit}
        </Button>
      </form>
      <p>
        <LinkButton onClick={() => navigate({ name: 'recover' })}>{u.lost}</LinkButton>
      </p>
    </Page>
  );
}
