/**
 * The optional second factor (an authenticator app, with backup codes): its section in
 * Settings, setting it up, the backup codes shown once, and turning it off with the passphrase.
 *
 * The setup key and the backup codes are held in this page's memory only, like everything else
 * in the app, and go when it locks. There is no QR code: the key is shown to type in, grouped in
 * fours, and as an otpauth link for an app on the same device.
 */
import { useEffect, useState } from 'preact/hooks';
import {
  isWrongCredentials,
  turnOffSecondFactor,
  isApiError,
  type AccountSummary,
  type SecondFactorSetup,
} from '../../../vault/index.js';
import { useApp } from '../shell/context.js';
import { useAccountText } from './account-text.js';
import { describeError } from '../shell/errors.js';
import { format } from '../shell/messages.js';
import { TextField } from '../components/fields.js';
import { PassphraseField } from '../components/passphrase-field.js';
import { Busy, Button, LinkButton, nextPaint, Page } from '../components/ui.js';
import { normaliseCode } from './unlock.js';

/**
 * A base32 key in groups of four, as authenticator apps show and accept it.
 *
 * @example groupKey('JBSWY3DPEHPK3PXP') // 'JBSW Y3DP EHPK 3PXP'
 */
export function groupKey(key: string): string {
  return key.replace(/\s/g, '').replace(/(.{4})(?=.)/g, '$1 ');
}

/** Settings: whether the second factor is on, the backup codes left, and the way to change it. */
export function SecondFactorSection() {
  const { t, api, navigate } = useApp();
  const a = useAccountText();
  const s = a.secondFactor;
  const [account, setAccount] = useState<AccountSummary | undefined>();
  const [problem, setProblem] = useState<string | undefined>();

  useEffect(() => {
    let live = true;
    api.getAccount().then(
      (found) => {
        if (live) setAccount(found);
      },
      (e: unknown) => {
        if (live) setProblem(`${s.loadFailed} ${describeError(t, e)}`);
      },
    );
    return () => {
      live = false;
    };
  }, []);

  const left = account?.backupCodesLeft ?? 0;
  return (
    <section aria-labelledby="second-factor-heading" data-second-factor="">
      <h2 id="second-factor-heading">{s.heading}</h2>
      <p>{s.what}</p>
      <Busy message={account === undefined && problem === undefined ? s.loading : undefined} />
      {problem !== undefined && (
        <div class="notice notice--error" role="alert">
          <p>{problem}</p>
        </div>
      )}
      {account !== undefined && !account.secondFactor && (
        <>
          <p>
            <strong>{s.off}</strong>
          </p>
          <Button variant="secondary" onClick={() => navigate({ name: 'second-factor-setup' })}>
            {s.setUp}
          </Button>
        </>
      )}
      {account !== undefined && account.secondFactor && (
        <>
          <p>
            <strong>{s.on}</strong>
          </p>
          <p data-backup-codes-left="">
            {left === 0
              ? s.codesNone
              : left === 1
                ? s.codesLeftOne
                : format(s.codesLeft, { n: left })}{' '}
            {left <= 3 && s.codesRenew}
          </p>
          <Button variant="secondary" onClick={() => navigate({ name: 'second-factor-off' })}>
            {s.turnOff}
          </Button>
        </>
      )}
    </section>
  );
}

/**
 * The name typed for the authenticator app, tidied as the server tidies it; undefined when it
 * cannot be used (letters, digits, spaces and . _ ' - only, 1–32 characters).
 */
export function authenticatorLabel(typed: string): string | undefined {
  const label = typed.normalize('NFKC').trim().replace(/\s+/g, ' ');
  return /^[\p{L}\p{N} ._'-]{1,32}$/u.test(label) ? label : undefined;
}

type SetupState =
  | { readonly kind: 'choosing' }
  | { readonly kind: 'loading' }
  | { readonly kind: 'ready'; readonly setup: SecondFactorSetup }
  | { readonly kind: 'failed'; readonly message: string };

export function SecondFactorSetupScreen() {
  const { t, api, navigate } = useApp();
  const a = useAccountText();
  const s = a.secondFactorSetup;
  const [state, setState] = useState<SetupState>({ kind: 'choosing' });
  const [attempt, setAttempt] = useState(0);
  /** The name the app will show; undefined until the person has chosen it. */
  const [label, setLabel] = useState<string | undefined>();
  const [labelInput, setLabelInput] = useState(s.labelDefault);
  const [labelError, setLabelError] = useState<string | undefined>();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [seq, setSeq] = useState(0);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (label === undefined) {
      setState({ kind: 'choosing' });
      return;
    }
    let live = true;
    setState({ kind: 'loading' });
    // A new key each time a name is chosen: the server keeps it pending until the first code.
    api.startSecondFactor(label).then(
      (setup) => {
        if (live) setState({ kind: 'ready', setup });
      },
      (e: unknown) => {
        if (live) setState({ kind: 'failed', message: `${s.loadFailed} ${describeError(t, e)}` });
      },
    );
    return () => {
      live = false;
    };
  }, [attempt, label]);

  const fail = (message: string): void => {
    setError(message);
    setSeq((n) => n + 1);
  };

  const chooseLabel = (event: Event): void => {
    event.preventDefault();
    const chosen = authenticatorLabel(labelInput);
    if (chosen === undefined) {
      setLabelError(labelInput.trim() === '' ? s.labelRequired : s.labelFormat);
      setSeq((n) => n + 1);
      return;
    }
    setLabelError(undefined);
    setLabelInput(chosen);
    setLabel(chosen);
  };

  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    if (busy || state.kind !== 'ready') return;
    const value = normaliseCode('totp', code);
    if (value === '') {
      fail(s.codeRequired);
      return;
    }
    if (!/^\d{6}$/.test(value)) {
      fail(s.codeFormat);
      return;
    }
    setError(undefined);
    setBusy(true);
    try {
      const codes = await api.enableSecondFactor(value);
      navigate({ name: 'second-factor-codes', codes });
    } catch (e) {
      setBusy(false);
      if (isApiError(e, 'second_factor_failed')) {
        setCode('');
        fail(s.codeWrong);
      } else {
        fail(describeError(t, e));
      }
    }
  };

  return (
    <Page
      title={s.title}
      errors={
        labelError !== undefined
          ? [{ field: 'setup-label', message: labelError }]
          : error !== undefined
            ? [{ field: 'setup-code', message: error }]
            : []
      }
      errorSeq={seq}
      back={() => navigate({ name: 'settings' })}
    >
      <p>{s.what}</p>
      <div class="warning-text">
        <span class="warning-text__icon" aria-hidden="true">
          !
        </span>
        <strong class="warning-text__text">{s.phone}</strong>
      </div>
      <p>{s.phoneMore}</p>
      <p>{s.app}</p>
      {state.kind === 'choosing' && (
        <form noValidate onSubmit={chooseLabel}>
          <h2>{s.labelHeading}</h2>
          <TextField
            id="setup-label"
            label={s.labelLabel}
            hint={s.labelHint}
            error={labelError}
            value={labelInput}
            onInput={setLabelInput}
            autocomplete="off"
            spellcheck={false}
            width="half"
          />
          <Button type="submit">{s.labelContinue}</Button>
        </form>
      )}
      {label !== undefined && (
        <p data-setup-label="">
          {format(s.labelShown, { label })}{' '}
          <LinkButton
            onClick={() => {
              setCode('');
              setError(undefined);
              setLabel(undefined);
            }}
          >
            {s.labelChange}
          </LinkButton>
        </p>
      )}
      <Busy message={state.kind === 'loading' ? s.loading : undefined} />
      {state.kind === 'failed' && (
        <div class="notice notice--error" role="alert">
          <p>{state.message}</p>
          <Button variant="secondary" onClick={() => setAttempt(attempt + 1)}>
            {s.retry}
          </Button>
        </div>
      )}
      {state.kind === 'ready' && (
        <>
          <h2>{s.step1}</h2>
          <p>{s.keyIntro}</p>
          <dl class="setup-key">
            <dt class="setup-key__label">{s.keyLabel}</dt>
            <dd class="setup-key__value" data-setup-key="">
              {groupKey(state.setup.secret)}
            </dd>
          </dl>
          <p class="hint">{s.keySecret}</p>
          <p>
            {s.linkIntro} <a href={state.setup.uri}>{s.link}</a>.
          </p>
          <h2>{s.step2}</h2>
          <form noValidate onSubmit={(e) => void submit(e)}>
            <TextField
              id="setup-code"
              label={s.codeLabel}
              hint={s.codeHint}
              error={error}
              value={code}
              onInput={setCode}
              autocomplete="one-time-code"
              inputMode="numeric"
              spellcheck={false}
              autoCapitalize="none"
              autoCorrect="off"
              width="quarter"
            />
            <Busy message={busy ? s.working : undefined} />
            <Button type="submit" disabled={busy}>
              {s.submit}
            </Button>
          </form>
        </>
      )}
    </Page>
  );
}

/** The backup codes, shown once, straight after the second factor is turned on. */
export function BackupCodesScreen({ codes }: { codes: readonly string[] }) {
  const { navigate, api } = useApp();
  const a = useAccountText();
  const b = a.backupCodes;
  const [others, setOthers] = useState<'idle' | 'busy' | 'done' | 'failed'>('idle');
  const signOutOthers = async (): Promise<void> => {
    if (others === 'busy') return;
    setOthers('busy');
    try {
      await api.endOtherSessions();
      setOthers('done');
    } catch {
      setOthers('failed');
    }
  };
  return (
    <Page title={b.title}>
      <div class="panel panel--confirmation">
        <p>{a.secondFactor.turnedOn}</p>
      </div>
      <p>{b.what}</p>
      <p>{b.keep}</p>
      <div class="warning-text">
        <span class="warning-text__icon" aria-hidden="true">
          !
        </span>
        <strong class="warning-text__text">{b.once}</strong>
      </div>
      <ol
        class="backup-codes"
        aria-label={format(b.listLabel, { n: codes.length })}
        data-backup-codes=""
      >
        {codes.map((c) => (
          <li key={c} class="backup-codes__code">
            {c}
          </li>
        ))}
      </ol>
      <section aria-labelledby="other-devices-heading">
        <h2 id="other-devices-heading">{b.othersHeading}</h2>
        <p>{b.othersWhat}</p>
        <Busy message={others === 'busy' ? b.othersWorking : undefined} />
        <div role="status">{others === 'done' && <p class="confirmation">{b.othersDone}</p>}</div>
        {others === 'failed' && (
          <div class="notice notice--error" role="alert">
            <p>{b.othersFailed}</p>
          </div>
        )}
        {others !== 'done' && (
          <Button
            variant="secondary"
            disabled={others === 'busy'}
            onClick={() => void signOutOthers()}
          >
            {b.othersButton}
          </Button>
        )}
      </section>
      <Button onClick={() => navigate({ name: 'settings' })}>{b.saved}</Button>
    </Page>
  );
}

export function SecondFactorOffScreen() {
  const { t, api, navigate, session } = useApp();
  const a = useAccountText();
  const o = a.secondFactorOff;
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [seq, setSeq] = useState(0);
  const [busy, setBusy] = useState(false);

  const fail = (message: string): void => {
    setError(message);
    setSeq((n) => n + 1);
  };

  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    if (busy) return;
    if (passphrase.length === 0) {
      fail(o.passphraseRequired);
      return;
    }
    setError(undefined);
    setBusy(true);
    await nextPaint();
    try {
      await turnOffSecondFactor(api, session.username, passphrase);
      navigate({ name: 'settings' }, a.secondFactor.turnedOff);
    } catch (e) {
      setBusy(false);
      fail(isWrongCredentials(e) ? o.passphraseWrong : describeError(t, e));
    }
  };

  return (
    <Page
      title={o.title}
      errors={error !== undefined ? [{ field: 'off-passphrase', message: error }] : []}
      errorSeq={seq}
      back={() => navigate({ name: 'settings' })}
    >
      <p>{o.lede}</p>
      <form noValidate onSubmit={(e) => void submit(e)}>
        <PassphraseField
          id="off-passphrase"
          label={o.passphraseLabel}
          error={error}
          value={passphrase}
          onInput={setPassphrase}
          autocomplete="current-password"
        />
        <Busy message={busy ? o.working : undefined} />
        <Button type="submit" variant="warning" disabled={busy}>
          {o.submit}
        </Button>
      </form>
    </Page>
  );
}
