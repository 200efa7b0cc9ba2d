/**
 * Creating a diary, one question a page: username → passphrase → passphrase again → recovery key
 * (shown once) → two words checked → account created. Nothing is sent until the recovery key has
 * been checked; if the username turns out to be taken, the person picks another and the same
 * keys are used, so they never see a second recovery key.
 */
import { useState } from 'preact/hooks';
import {
  checkRecoveryWord,
  completeSignUp,
  prepareSignUp,
  recoveryWordsOf,
  type PreparedSignUp,
  isApiError,
  choosePassphrase,
  validateUsername,
} from '../../../vault/index.js';
import { useApp } from '../shell/context.js';
import { describeError } from '../shell/errors.js';
import { format, type Messages } from '../shell/messages.js';
import {
  Busy,
  Button,
  LinkButton,
  nextPaint,
  Page,
  PassphraseField,
  TextField,
  useSubmitErrors,
} from '../components/ui.js';

/** The sign-up in progress, kept by the app (in memory) across its screens. */
export interface CreateDraft {
  username: string;
  /** Held only between the passphrase page and key derivation, then dropped. */
  passphrase: string;
  prepared: PreparedSignUp | undefined;
  /** The recovery key check has been passed. */
  checked: boolean;
}

/** Sign-up's screens before the diary exists: username, passphrase, again, recovery key, check. */
const CREATE_STEPS = 5;

/** "Create a private diary: step 2 of 5", so a newcomer knows how far there is to go. */
function createStep(t: Messages, step: number): string {
  return format(t.frame.createStep, { step, total: CREATE_STEPS });
}

export function newCreateDraft(): CreateDraft {
  return { username: '', passphrase: '', prepared: undefined, checked: false };
}

export function CreateUsernameScreen({ draft }: { draft: CreateDraft }) {
  const { t, navigate, api, unlocked } = useApp();
  // Keys made and the recovery key checked, yet back here: the server said the name is taken.
  const taken = draft.prepared !== undefined && draft.checked;
  const [value, setValue] = useState(draft.username);
  const [error, setError] = useState<string | undefined>(
    taken ? t.usernameErrors.taken : undefined,
  );
  const [busy, setBusy] = useState(false);
  const submitErrors = useSubmitErrors();
  const errors = error !== undefined ? [{ field: 'username', message: error }] : [];

  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    if (busy) return;
    const result = validateUsername(value);
    if (!result.ok) {
      setError(t.usernameErrors[result.error]);
      submitErrors.show([]);
      return;
    }
    draft.username = result.value;
    setError(undefined);
    if (draft.prepared !== undefined && draft.checked) {
      // The keys and the recovery check are done already: only the username was refused.
      setBusy(true);
      try {
        const opened = await completeSignUp(api, draft.prepared, result.value);
        unlocked(opened);
        draft.prepared = undefined;
        navigate({ name: 'create-done' });
      } catch (e) {
        setBusy(false);
        if (isApiError(e, 'username_taken')) setError(t.usernameErrors.taken);
        else submitErrors.show([{ field: 'username', message: describeError(t, e) }]);
      }
      return;
    }
    navigate({ name: 'create-passphrase' });
  };

  const shown = submitErrors.errors.length > 0 ? submitErrors.errors : errors;
  return (
    <Page
      title={t.create.usernameTitle}
      caption={createStep(t, 1)}
      errors={shown}
      errorSeq={submitErrors.seq}
      back={() => navigate({ name: 'start' })}
    >
      <form noValidate onSubmit={(e) => void submit(e)}>
        <TextField
          id="username"
          label={t.create.usernameLabel}
          hint={
            <>
              <p>{t.create.usernameHint}</p>
              <p>{t.create.usernameRules}</p>
            </>
          }
          error={error}
          value={value}
          onInput={setValue}
          autocomplete="username"
          spellcheck={false}
          autoCapitalize="none"
          autoCorrect="off"
        />
        <Busy message={busy ? t.create.creating : undefined} />
        <Button type="submit" disabled={busy}>
          {t.common.continue}
        </Button>
      </form>
    </Page>
  );
}

export function CreatePassphraseScreen({ draft }: { draft: CreateDraft }) {
  const { t, navigate } = useApp();
  const [value, setValue] = useState(draft.passphrase);
  const [error, setError] = useState<string | undefined>();
  const [seq, setSeq] = useState(0);
  const { assessment } = choosePassphrase(value, draft.username);

  const submit = (event: Event): void => {
    event.preventDefault();
    const result = choosePassphrase(value, draft.username);
    if (result.error !== undefined) {
      setError(t.passphraseErrors[result.error]);
      setSeq(seq + 1);
      return;
    }
    draft.passphrase = value;
    navigate({ name: 'create-confirm' });
  };

  return (
    <Page
      title={t.create.passphraseTitle}
      caption={createStep(t, 2)}
      errors={error !== undefined ? [{ field: 'passphrase', message: error }] : []}
      errorSeq={seq}
      back={() => navigate({ name: 'create-username' })}
    >
      <form noValidate onSubmit={submit}>
        <PassphraseField
          id="passphrase"
          label={t.create.passphraseLabel}
          hint={t.create.passphraseHint}
          error={error}
          value={value}
          onInput={setValue}
          autocomplete="new-password"
          strength={assessment}
        />
        <Button type="submit">{t.common.continue}</Button>
      </form>
    </Page>
  );
}

export function CreateConfirmScreen({ draft }: { draft: CreateDraft }) {
  const { t, navigate } = useApp();
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [seq, setSeq] = useState(0);
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    if (busy) return;
    if (value.length === 0) {
      setError(t.passphraseErrors.confirmRequired);
      setSeq(seq + 1);
      return;
    }
    if (value !== draft.passphrase) {
      setError(t.passphraseErrors.mismatch);
      setSeq(seq + 1);
      return;
    }
    setError(undefined);
    setBusy(true);
    await nextPaint();
    try {
      draft.prepared = await prepareSignUp(draft.passphrase);
      draft.passphrase = '';
      draft.checked = false;
      navigate({ name: 'create-recovery' });
    } catch (e) {
      setBusy(false);
      setError(describeError(t, e));
      setSeq(seq + 1);
    }
  };

  return (
    <Page
      title={t.create.confirmTitle}
      caption={createStep(t, 3)}
      errors={error !== undefined ? [{ field: 'confirm', message: error }] : []}
      errorSeq={seq}
      back={() => navigate({ name: 'create-passphrase' })}
    >
      <form noValidate onSubmit={(e) => void submit(e)}>
        <PassphraseField
          id="confirm"
          label={t.create.confirmLabel}
          hint={t.create.confirmHint}
          error={error}
          value={value}
          onInput={setValue}
          autocomplete="new-password"
        />
        <Busy message={busy ? t.create.preparing : undefined} />
        <Button type="submit" disabled={busy}>
          {t.common.continue}
        </Button>
      </form>
    </Page>
  );
}

export function RecoveryKeyScreen({ draft }: { draft: CreateDraft }) {
  const { t, navigate } = useApp();
  const [copyState, setCopyState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const prepared = draft.prepared;
  if (prepared === undefined) return null;
  const words = recoveryWordsOf(prepared);

  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(words.join(' '));
      setCopyState('copied');
    } catch {
      setCopyState('failed');
    }
  };

  return (
    <Page title={t.create.recoveryTitle} caption={createStep(t, 4)}>
      <p>{t.create.recoveryWhat}</p>
      <p>{t.create.recoveryKeep}</p>
      <div class="warning-text">
        <span class="warning-text__icon" aria-hidden="true">
          !
        </span>
        <strong class="warning-text__text">{t.create.recoveryOnce}</strong>
      </div>
      <ol class="recovery-words" aria-label={t.create.recoveryListLabel} data-recovery-words="">
        {words.map((word, i) => (
          <li key={i} class="recovery-words__item">
            <span class="recovery-words__number" aria-hidden="true">
              {i + 1}
            </span>
            <span class="recovery-words__word">{word}</span>
          </li>
        ))}
      </ol>
      <div class="copy-words">
        <Button variant="secondary" onClick={() => void copy()} describedBy="copy-hint">
          {t.create.copy}
        </Button>
        <p class="hint" id="copy-hint">
          {t.create.copyHint}
        </p>
        <div role="status">
          {copyState === 'copied' && <p>{t.create.copied}</p>}
          {copyState === 'failed' && <p>{t.create.copyFailed}</p>}
        </div>
      </div>
      <Button onClick={() => navigate({ name: 'create-check' })}>{t.create.written}</Button>
    </Page>
  );
}

export function RecoveryCheckScreen({ draft }: { draft: CreateDraft }) {
  const { t, navigate, api, unlocked } = useApp();
  const [answers, setAnswers] = useState<[string, string]>(['', '']);
  const [fieldErrors, setFieldErrors] = useState<[string | undefined, string | undefined]>([
    undefined,
    undefined,
  ]);
  const [general, setGeneral] = useState<string | undefined>();
  const [seq, setSeq] = useState(0);
  const [busy, setBusy] = useState(false);
  const prepared = draft.prepared;
  if (prepared === undefined) return null;
  const positions = prepared.checkPositions;

  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    if (busy) return;
    const errs = positions.map((position, i) => {
      const answer = answers[i] ?? '';
      const n = position + 1;
      if (answer.trim() === '') return format(t.recoveryCheckErrors.required, { n });
      if (!checkRecoveryWord(prepared, position, answer)) {
        return format(t.recoveryCheckErrors.wrong, { n });
      }
      return undefined;
    }) as [string | undefined, string | undefined];
    setFieldErrors(errs);
    setGeneral(undefined);
    if (errs.some((e) => e !== undefined)) {
      setSeq(seq + 1);
      return;
    }
    draft.checked = true;
    setBusy(true);
    try {
      const opened = await completeSignUp(api, prepared, draft.username);
      unlocked(opened);
      draft.prepared = undefined;
      navigate({ name: 'create-done' });
    } catch (e) {
      setBusy(false);
      if (isApiError(e, 'username_taken')) {
        navigate({ name: 'create-username' });
        return;
      }
      setGeneral(describeError(t, e));
      setSeq(seq + 1);
    }
  };

  const errors = [
    ...positions.flatMap((_, i) => {
      const message = fieldErrors[i];
      return message !== undefined ? [{ field: `word-${i + 1}`, message }] : [];
    }),
    ...(general !== undefined ? [{ field: 'word-1', message: general }] : []),
  ];

  return (
    <Page
      title={t.create.checkTitle}
      caption={createStep(t, 5)}
      errors={errors}
      errorSeq={seq}
      back={() => navigate({ name: 'create-recovery' })}
    >
      <p>{t.create.checkLede}</p>
      <form noValidate onSubmit={(e) => void submit(e)}>
        {positions.map((position, i) => (
          <TextField
            key={position}
            id={`word-${i + 1}`}
            label={format(t.create.wordLabel, { n: position + 1 })}
            error={fieldErrors[i]}
            value={answers[i] ?? ''}
            onInput={(v) => setAnswers(i === 0 ? [v, answers[1]] : [answers[0], v])}
            autocomplete="off"
            spellcheck={false}
            autoCapitalize="none"
            autoCorrect="off"
            width="quarter"
          />
        ))}
        <p>
          <LinkButton onClick={() => navigate({ name: 'create-recovery' })}>
            {t.create.showAgain}
          </LinkButton>
        </p>
        <Busy message={busy ? t.create.creating : undefined} />
        <Button type="submit" disabled={busy}>
          {t.create.submit}
        </Button>
      </form>
    </Page>
  );
}

export function CreatedScreen() {
  const { t, navigate, session, autoLockMinutes } = useApp();
  return (
    <Page title={t.create.doneTitle}>
      <div class="panel panel--confirmation">
        <p>
          {format(t.create.doneSignedIn, { username: session.isUnlocked ? session.username : '' })}
        </p>
      </div>
      <p>{t.create.doneRemember}</p>
      <p>{format(t.create.doneLocks, { minutes: autoLockMinutes })}</p>
      <Button onClick={() => navigate({ name: 'home' })}>{t.create.goToDiary}</Button>
    </Page>
  );
}
