/**
 * Opening the diary. Unlocking is a fresh sign-in: keys live only in memory, so after a lock
 * there is nothing left on the device to unlock with. The username is never remembered.
 *
 * With a second factor on, the server answers the passphrase with `second_factor_required`; the
 * keys already derived wait in the sign-in draft (memory only) while the code page is open, so
 * a code can be tried, or tried again, without deriving them again. Leaving the page, cancelling
 * or locking wipes them (app.tsx).
 */
import { AppStartExtras } from '../quick/start-extras.js';
import { useRef, useState } from 'preact/hooks';
import { isCryptoError } from '../../../crypto/index.js';
import {
  ChallengeAhead,
  finishSignIn,
  keyPairWhileOpen,
  isWrongCredentials,
  KeyMismatchError,
  startSignIn,
  wipePendingSignIn,
  type Opened,
  type PendingSignIn,
  isApiError,
  type VaultApi,
  validateUsername,
  wipeBestEffort,
} from '../../../vault/index.js';
import { useApp } from '../shell/context.js';
import { useAccountText } from './account-text.js';
import { describeError } from '../shell/errors.js';
import { INSTALL_MESSAGES } from '../install/messages.js';
import { TextField } from '../components/fields.js';
import { PassphraseField } from '../components/passphrase-field.js';
import {
  Busy,
  Button,
  LinkButton,
  nextPaint,
  Page,
  useLive,
  type ErrorItem,
} from '../components/ui.js';

/** A sign-in between the passphrase and the second factor, kept by the app (in memory). */
export interface SignInDraft {
  pending: PendingSignIn | undefined;
  /** Why the person is back on the passphrase page, if the code page sent them. */
  message: string | undefined;
}

export function newSignInDraft(): SignInDraft {
  return { pending: undefined, message: undefined };
}

/** A sign-in that finished after its screen had gone (locked, or left): undone at once. */
function drop(api: VaultApi, opened: Opened): void {
  wipeBestEffort(opened.accountKey);
  api.setCsrfToken(opened.session.csrfToken);
  api.signOutKeepalive();
}

/**
 * `neutral`: the installed app's start screen. Its heading and title are the app's name, the
 * button says only "Unlock", and there is no way back to a start page that names the diary.
 */
export function UnlockScreen({
  draft,
  neutral = false,
}: {
  draft: SignInDraft;
  neutral?: boolean;
}) {
  const { t, navigate, api, session, unlocked, prepareUnlocked, install, locale } = useApp();
  const live = useLive();
  const plain = neutral && install.mode !== undefined ? install.mode : undefined;
  const n = INSTALL_MESSAGES[locale].unlock;
  const u = t.unlock;
  const [username, setUsername] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [errors, setErrors] = useState<{ username?: string; passphrase?: string; form?: string }>(
    () => {
      const message = draft.message;
      draft.message = undefined;
      return message !== undefined ? { form: message } : {};
    },
  );
  const [seq, setSeq] = useState(0);
  const [busy, setBusy] = useState(false);
  // The username's sign-in challenge, asked for once the passphrase is being typed (issue 20).
  const [ahead] = useState(() => new ChallengeAhead(api));
  const typedName = useRef('');
  const askAhead = (): void => {
    const name = validateUsername(typedName.current);
    if (name.ok) ahead.ask(name.value);
  };

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
    // The diary's screens, if they are not here yet (main.tsx fetches them once libsodium has
    // arrived): asked for before Argon2id holds this thread, so they download while it runs.
    prepareUnlocked();
    await nextPaint();
    try {
      const started = await startSignIn(api, name.value, passphrase, undefined, {
        ahead,
        keyPairLater: true,
      });
      if (!live.current) {
        if (started.kind === 'second-factor') wipePendingSignIn(started.pending);
        else drop(api, started.opened);
        return;
      }
      setPassphrase('');
      if (started.kind === 'second-factor') {
        draft.pending = started.pending;
        navigate({ name: 'unlock-code', method: 'totp' });
        return;
      }
      unlocked(started.opened);
      // The account key pair's check, beside the diary instead of before it.
      void keyPairWhileOpen(api, session);
      navigate({ name: 'home' });
    } catch (e) {
      if (!live.current) return;
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
    <Page
      title={plain?.name ?? u.title}
      errors={items}
      errorSeq={seq}
      {...(plain === undefined ? { back: () => navigate({ name: 'start' }) } : {})}
    >
      {plain !== undefined && <AppStartExtras />}
      <form noValidate onSubmit={(e) => void submit(e)}>
        <TextField
          id="username"
          label={u.usernameLabel}
          error={errors.username}
          value={username}
          onInput={(value) => {
            typedName.current = value;
            setUsername(value);
          }}
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
          onInput={(value) => {
            setPassphrase(value);
            askAhead();
          }}
          autocomplete="current-password"
        />
        <Busy message={busy ? (plain ? n.working : u.working) : undefined} />
        <Button type="submit" disabled={busy}>
          {plain ? n.submit : u.submit}
        </Button>
      </form>
      <p>
        <LinkButton onClick={() => navigate({ name: 'recover' })}>{u.lost}</LinkButton>
      </p>
    </Page>
  );
}

/** Six digits from the app; spaces (some apps show "123 456") are ignored. */
const TOTP_PATTERN = /^\d{6}$/;
/** 16 base32 characters, as shown in groups of four; dashes, spaces and case ignored. */
const BACKUP_CODE_PATTERN = /^[A-Z2-7]{16}$/;

/** Normalises what was typed into the form the server checks. */
export function normaliseCode(method: 'totp' | 'backup', typed: string): string {
  return method === 'totp' ? typed.replace(/\s/g, '') : typed.replace(/[\s-]/g, '').toUpperCase();
}

/**
 * The second step of a sign-in with a second factor: a code from the authenticator app, or one
 * of the backup codes.
 */
export function UnlockCodeScreen({
  draft,
  method,
}: {
  draft: SignInDraft;
  method: 'totp' | 'backup';
}) {
  const { t, navigate, api, unlocked } = useApp();
  const a = useAccountText();
  const live = useLive();
  const c = a.secondFactorCode;
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [seq, setSeq] = useState(0);
  const [busy, setBusy] = useState(false);
  const totp = method === 'totp';

  const fail = (message: string): void => {
    setError(message);
    setSeq((s) => s + 1);
  };

  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    const pending = draft.pending;
    if (busy || pending === undefined) return;
    const value = normaliseCode(method, code);
    if (value === '') {
      fail(totp ? c.totpRequired : c.backupRequired);
      return;
    }
    if (!(totp ? TOTP_PATTERN : BACKUP_CODE_PATTERN).test(value)) {
      fail(totp ? c.totpFormat : c.backupFormat);
      return;
    }
    setError(undefined);
    setBusy(true);
    try {
      const opened = await finishSignIn(
        api,
        pending,
        totp ? { totp: value } : { backupCode: value },
      );
      if (!live.current) {
        drop(api, opened);
        return;
      }
      draft.pending = undefined;
      unlocked(opened);
      navigate({ name: 'home' });
    } catch (e) {
      if (!live.current) return;
      setBusy(false);
      if (isApiError(e, 'second_factor_failed')) {
        setCode('');
        fail(totp ? c.totpFailed : c.backupFailed);
      } else if (isWrongCredentials(e) || e instanceof KeyMismatchError) {
        // The keys were wiped: start again from the passphrase.
        draft.message = e instanceof KeyMismatchError ? t.unlock.keyMismatch : c.signInAgain;
        navigate({ name: 'unlock' });
      } else {
        fail(describeError(t, e));
      }
    }
  };

  const cancel = (): void => navigate({ name: 'unlock' });

  return (
    <Page
      title={totp ? c.totpTitle : c.backupTitle}
      errors={error !== undefined ? [{ field: 'code', message: error }] : []}
      errorSeq={seq}
      back={cancel}
    >
      <p>{totp ? c.totpLede : c.backupLede}</p>
      <form noValidate onSubmit={(e) => void submit(e)}>
        <TextField
          id="code"
          label={totp ? c.totpLabel : c.backupLabel}
          hint={totp ? c.totpHint : c.backupHint}
          error={error}
          value={code}
          onInput={setCode}
          autocomplete={totp ? 'one-time-code' : 'off'}
          inputMode={totp ? 'numeric' : 'text'}
          spellcheck={false}
          autoCapitalize="none"
          autoCorrect="off"
          width={totp ? 'quarter' : 'half'}
        />
        <Busy message={busy ? c.working : undefined} />
        <Button type="submit" disabled={busy}>
          {c.submit}
        </Button>
      </form>
      <p>
        <LinkButton
          onClick={() => navigate({ name: 'unlock-code', method: totp ? 'backup' : 'totp' })}
        >
          {totp ? c.useBackup : c.useApp}
        </LinkButton>
      </p>
      <p>
        <LinkButton onClick={cancel}>{c.cancel}</LinkButton>
      </p>
    </Page>
  );
}
