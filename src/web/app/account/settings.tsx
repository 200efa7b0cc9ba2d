/**
 * Settings: auto-lock time (in memory only), the sessions signed in elsewhere, the second factor,
 * passphrase change, backups, the installed app's look (install/) and account deletion.
 */
import { useEffect, useState } from 'preact/hooks';
import {
  isApiError,
  type SessionSummary,
  changePassphrase,
  deleteAccount,
  isWrongCredentials,
  normaliseUsername,
  AUTO_LOCK_CHOICES,
  type AutoLockMinutes,
} from '../../../vault/index.js';
import { useApp } from '../shell/context.js';
import { useAccountText } from './account-text.js';
import {
  NewPassphraseFields,
  newPassphraseErrorItems,
  useNewPassphrase,
  type NewPassphraseErrors,
} from './new-passphrase.js';
import { describeError } from '../shell/errors.js';
import { format } from '../shell/messages.js';
import type { AccountMessages } from './messages.js';
import { TextField } from '../components/fields.js';
import { PassphraseField } from '../components/passphrase-field.js';
import { Busy, Button, nextPaint, Page, type ErrorItem } from '../components/ui.js';
import { SecondFactorSection } from './second-factor.js';
import { AppLookSection } from '../install/settings-section.js';
import { QuickRecordSection } from '../quick/settings-section.js';

export function minutesText(a: AccountMessages, n: number): string {
  return n === 1 ? a.settings.minutesOne : format(a.settings.minutes, { n });
}

export function SettingsScreen() {
  const { navigate } = useApp();
  const a = useAccountText();
  const s = a.settings;
  return (
    <Page title={s.title}>
      <AutoLock />
      <Sessions />
      <SecondFactorSection />
      <section aria-labelledby="passphrase-heading">
        <h2 id="passphrase-heading">{s.passphraseHeading}</h2>
        <p>{s.passphraseHint}</p>
        <Button variant="secondary" onClick={() => navigate({ name: 'change-passphrase' })}>
          {s.changePassphrase}
        </Button>
      </section>
      <section aria-labelledby="backup-heading">
        <h2 id="backup-heading">{a.backup.heading}</h2>
        <p>{a.backup.hint}</p>
        <div class="button-group">
          <Button variant="secondary" onClick={() => navigate({ name: 'backup-export' })}>
            {a.backup.export}
          </Button>
          <Button variant="secondary" onClick={() => navigate({ name: 'backup-import' })}>
            {a.backup.import}
          </Button>
        </div>
      </section>
      <AppLookSection />
      <QuickRecordSection />
      <section aria-labelledby="delete-heading">
        <h2 id="delete-heading">{s.deleteHeading}</h2>
        <p>{s.deleteHint}</p>
        <Button variant="warning" onClick={() => navigate({ name: 'delete-account' })}>
          {s.deleteAccount}
        </Button>
      </section>
    </Page>
  );
}

function AutoLock() {
  const { autoLockMinutes, setAutoLockMinutes } = useApp();
  const a = useAccountText();
  const s = a.settings;
  const [choice, setChoice] = useState<AutoLockMinutes>(autoLockMinutes);
  const [saved, setSaved] = useState<string | undefined>();
  return (
    <section aria-labelledby="auto-lock-heading">
      <h2 id="auto-lock-heading">{s.autoLockHeading}</h2>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setAutoLockMinutes(choice);
          setSaved(format(s.autoLockSaved, { minutes: minutesText(a, choice) }));
        }}
      >
        <fieldset aria-describedby="auto-lock-hint">
          <legend class="fieldset-legend fieldset-legend--m">{s.autoLockLegend}</legend>
          <p class="hint" id="auto-lock-hint">
            {s.autoLockHint}
          </p>
          <div class="radios radios--inline">
            {AUTO_LOCK_CHOICES.map((n) => (
              <div class="radios__item" key={n}>
                <input
                  type="radio"
                  id={`auto-lock-${n}`}
                  name="auto-lock"
                  value={String(n)}
                  checked={choice === n}
                  onChange={() => setChoice(n)}
                />
                <label for={`auto-lock-${n}`}>{minutesText(a, n)}</label>
              </div>
            ))}
          </div>
        </fieldset>
        <Button type="submit" variant="secondary">
          {s.saveAutoLock}
        </Button>
        <div role="status">{saved !== undefined && <p class="confirmation">{saved}</p>}</div>
      </form>
    </section>
  );
}

function Sessions() {
  const { t, api, formatTimestamp } = useApp();
  const a = useAccountText();
  const s = a.settings;
  const [sessions, setSessions] = useState<SessionSummary[] | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  const [status, setStatus] = useState<string | undefined>();
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    api.listSessions().then(
      (list) => {
        if (live) setSessions(list);
      },
      (e: unknown) => {
        if (live) setProblem(`${s.sessionsFailed} ${describeError(t, e)}`);
      },
    );
    return () => {
      live = false;
    };
  }, [attempt]);

  const end = async (session: SessionSummary): Promise<void> => {
    try {
      await api.endSession(session.id);
      setStatus(format(s.signedOutDevice, { device: session.device }));
    } catch (e) {
      // Already gone is what was wanted.
      if (!isApiError(e, 'not_found')) {
        setProblem(describeError(t, e));
        return;
      }
    }
    setAttempt(attempt + 1);
  };

  const others = sessions?.filter((x) => !x.current) ?? [];
  const current = sessions?.filter((x) => x.current) ?? [];
  return (
    <section aria-labelledby="sessions-heading">
      <h2 id="sessions-heading">{s.sessionsHeading}</h2>
      <p>{s.sessionsHint}</p>
      <Busy
        message={sessions === undefined && problem === undefined ? s.sessionsLoading : undefined}
      />
      {problem !== undefined && (
        <div class="notice notice--error" role="alert">
          <p>{problem}</p>
        </div>
      )}
      <div role="status">{status !== undefined && <p class="confirmation">{status}</p>}</div>
      {sessions !== undefined && (
        <ul class="sessions" data-sessions="">
          {[...current, ...others].map((x) => (
            <li class="session" key={x.id}>
              <p class="session__device">
                {x.device} {x.current && <span class="tag tag--blue">{s.thisDevice}</span>}
              </p>
              <p class="session__times">
                {format(s.signedIn, { date: formatTimestamp(x.createdAt) })}
                <br />
                {format(s.lastUsed, { date: formatTimestamp(x.lastSeenAt) })}
              </p>
              {!x.current && (
                <button
                  type="button"
                  class="button button--secondary"
                  aria-label={format(s.signOutDevice, {
                    device: x.device,
                    date: formatTimestamp(x.createdAt),
                  })}
                  onClick={() => void end(x)}
                >
                  {s.signOut}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {sessions !== undefined && others.length === 0 && <p>{s.noOthers}</p>}
    </section>
  );
}

export function ChangePassphraseScreen() {
  const { t, navigate, api, session } = useApp();
  const a = useAccountText();
  const c = a.changePassphrase;
  const [current, setCurrent] = useState('');
  const pair = useNewPassphrase(session.isUnlocked ? session.username : '');
  const [errors, setErrors] = useState<NewPassphraseErrors & { current?: string; form?: string }>(
    {},
  );
  const [seq, setSeq] = useState(0);
  const [busy, setBusy] = useState(false);
  const username = session.isUnlocked ? session.username : '';

  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    if (busy) return;
    const found: typeof errors = {
      ...(current.length === 0 ? { current: c.currentRequired } : {}),
      ...pair.check(a, { as: current, message: c.same }),
    };
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setSeq(seq + 1);
      return;
    }
    setBusy(true);
    await nextPaint();
    try {
      const wrapped = await changePassphrase(
        api,
        username,
        session.accountKey,
        current,
        pair.passphrase,
      );
      session.setWrappedAccountKey(wrapped);
      navigate({ name: 'settings' }, a.settings.passphraseChanged);
    } catch (e) {
      setBusy(false);
      setErrors(
        isWrongCredentials(e) ? { current: c.currentWrong } : { form: describeError(t, e) },
      );
      setSeq(seq + 1);
    }
  };

  const items: ErrorItem[] = [
    ...(errors.form !== undefined ? [{ field: 'current-passphrase', message: errors.form }] : []),
    ...(errors.current !== undefined
      ? [{ field: 'current-passphrase', message: errors.current }]
      : []),
    ...newPassphraseErrorItems(errors),
  ];

  return (
    <Page title={c.title} errors={items} errorSeq={seq} back={() => navigate({ name: 'settings' })}>
      <p>{c.lede}</p>
      <form noValidate onSubmit={(e) => void submit(e)}>
        <PassphraseField
          id="current-passphrase"
          label={c.currentLabel}
          error={errors.current}
          value={current}
          onInput={setCurrent}
          autocomplete="current-password"
        />
        <NewPassphraseFields
          pair={pair}
          errors={errors}
          label={c.newLabel}
          hint={c.newHint}
          confirmLabel={c.confirmLabel}
        />
        <Busy message={busy ? c.working : undefined} />
        <Button type="submit" disabled={busy}>
          {c.submit}
        </Button>
      </form>
    </Page>
  );
}

export function DeleteAccountScreen({ onDeleted }: { onDeleted: () => void }) {
  const { t, navigate, api, session } = useApp();
  const a = useAccountText();
  const d = a.deleteAccount;
  const [username, setUsername] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [errors, setErrors] = useState<{ username?: string; passphrase?: string; form?: string }>(
    {},
  );
  const [seq, setSeq] = useState(0);
  const [busy, setBusy] = useState(false);
  const signedInAs = session.isUnlocked ? session.username : '';

  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    if (busy) return;
    const found: typeof errors = {};
    if (username.trim() === '') found.username = d.usernameRequired;
    else if (normaliseUsername(username) !== signedInAs) found.username = d.usernameMismatch;
    if (passphrase.length === 0) found.passphrase = d.passphraseRequired;
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setSeq(seq + 1);
      return;
    }
    setBusy(true);
    await nextPaint();
    try {
      await deleteAccount(api, signedInAs, passphrase);
      onDeleted();
    } catch (e) {
      setBusy(false);
      setErrors(
        isWrongCredentials(e) ? { passphrase: d.passphraseWrong } : { form: describeError(t, e) },
      );
      setSeq(seq + 1);
    }
  };

  const items: ErrorItem[] = [
    ...(errors.form !== undefined ? [{ field: 'confirm-username', message: errors.form }] : []),
    ...(errors.username !== undefined
      ? [{ field: 'confirm-username', message: errors.username }]
      : []),
    ...(errors.passphrase !== undefined
      ? [{ field: 'confirm-passphrase', message: errors.passphrase }]
      : []),
  ];

  return (
    <Page title={d.title} errors={items} errorSeq={seq} back={() => navigate({ name: 'settings' })}>
      <div class="warning-text">
        <span class="warning-text__icon" aria-hidden="true">
          !
        </span>
        <strong class="warning-text__text">{d.warning}</strong>
      </div>
      <p>{d.evidence}</p>
      <form noValidate onSubmit={(e) => void submit(e)}>
        <TextField
          id="confirm-username"
          label={d.usernameLabel}
          error={errors.username}
          value={username}
          onInput={setUsername}
          autocomplete="off"
          spellcheck={false}
          autoCapitalize="none"
          autoCorrect="off"
        />
        <PassphraseField
          id="confirm-passphrase"
          label={d.passphraseLabel}
          error={errors.passphrase}
          value={passphrase}
          onInput={setPassphrase}
          autocomplete="current-password"
        />
        <Busy message={busy ? d.working : undefined} />
        <Button type="submit" variant="warning" disabled={busy}>
          {d.submit}
        </Button>
      </form>
    </Page>
  );
}
