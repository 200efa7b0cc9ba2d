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
import { useAccountText } from './account-text.js';
import { describeError } from '../shell/errors.js';
import { format } from '../shell/messages.js';
import type { AccountMessages } from './messages.js';
import { TextField } from '../components/fields.js';
import { PassphraseField } from '../components/passphrase-field.js';
import { Busy, Button, LinkButton, nextPaint, Page, useSubmitErrors } from '../components/ui.js';

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
function createStep(a: AccountMessages, step: number): string {
  return format(a.frame.createStep, { step, total: CREATE_STEPS });
}

export function newCreateDraft(): CreateDraft {
  return { username: '', passphrase: '', prepared: undefined, checked: false };
}

export function CreateUsernameScreen({ draft }: { draft: CreateDraft }) {
  const { t, navigate, api, unlocked } = useApp();
  const a = useAccountText();
  // Keys made and the recovery key checked, yet back here: the server said the name is taken.
  const taken = draft.prepared !== undefined && draft.checked;
  const [value, setValue] = useState(draft.username);
  const [error, setError] = useState<string | undefined>(
    taken ? a.usernameErrors.taken : undefined,
  );
  const [busy, setBusy] = useState(false);
  const submitErrors = useSubmitErrors();
  const errors = error !== undefined ? [{ field: 'username', message: error }] : [];

  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    if (busy) return;
    const result = validateUsername(value);
    if (!result.ok) {
      setError(a.usernameErrors[result.error]);
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
        if (isApiError(e, 'username_taken')) setError(a.usernameErrors.taken);
        else submitErrors.show([{ field: 'username', message: describeError(t, e) }]);
      }
      return;
    }
    navigate({ name: 'create-passphrase' });
  };

  const shown = submitErrors.errors.length > 0 ? submitErrors.errors : errors;
  return (
    <Page
      title={a.create.usernameTitle}
      caption={createStep(a, 1)}
      errors={shown}
      errorSeq={submitErrors.seq}
      back={() => navigate({ name: 'start' })}
    >
      <form noValidate onSubmit={(e) => void submit(e)}>
        <TextField
          id="username"
          label={a.create.usernameLabel}
          hint={
            <>
              <p>{a.create.usernameHint}</p>
              <p>{a.create.usernameRules}</p>
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
        <Busy message={busy ? a.create.creating : undefined} />
        <Button type="submit" disabled={busy}>
          {t.common.continue}
        </Button>
      </form>
    </Page>
  );
}

export function CreatePassphraseScreen({ draft }: { draft: CreateDraft }) {
  const { t, navigate } = useApp();
  const a = useAccountText();
  const [value, setValue] = useState(draft.passphrase);
  const [error, setError] = useState<string | undefined>();
  const [seq, setSeq] = useState(0);
  const { assessment } = choosePassphrase(value, draft.username);

  const submit = (event: Event): void => {
    event.preventDefault();
    const result = choosePassphrase(value, draft.username);
    if (result.error !== undefined) {
      setError(a.passphraseErrors[result.error]);
      setSeq(seq + 1);
      return;
    }
    draft.passphrase = value;
    navigate({ name: 'create-confirm' });
  };

  return (
    <Page
      title={a.create.passphraseTitle}
      caption={createStep(a, 2)}
      errors={error !== undefined ? [{ field: 'passphrase', message: error }] : []}
      errorSeq={seq}
      back={() => navigate({ name: 'create-username' })}
    >
      <form noValidate onSubmit={submit}>
        <PassphraseField
          id="passphrase"
          label={a.create.passphraseLabel}
          hint={a.create.passphraseHint}
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
  const a = useAccountText();
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [seq, setSeq] = useState(0);
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    if (busy) return;
    if (value.length === 0) {
      setError(a.passphraseErrors.confirmRequired);
      setSeq(seq + 1);
      return;
    }
    if (value !== draft.passphrase) {
      setError(a.passphraseErrors.mismatch);
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
      title={a.create.confirmTitle}
      caption={createStep(a, 3)}
      errors={error !== undefined ? [{ field: 'confirm', message: error }] : []}
      errorSeq={seq}
      back={() => navigate({ name: 'create-passphrase' })}
    >
      <form noValidate onSubmit={(e) => void submit(e)}>
        <PassphraseField
          id="confirm"
          label={a.create.confirmLabel}
          hint={a.create.confirmHint}
          error={error}
          value={value}
          onInput={setValue}
          autocomplete="new-password"
        />
        <Busy message={busy ? a.create.preparing : undefined} />
        <Button type="submit" disabled={busy}>
          {t.common.continue}
        </Button>
      </form>
    </Page>
  );
}

export function RecoveryKeyScreen({ draft }: { draft: CreateDraft }) {
  const { navigate } = useApp();
  const a = useAccountText();
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
    <Page title={a.create.recoveryTitle} caption={createStep(a, 4)}>
      <p>{a.create.recoveryWhat}</p>
      <p>{a.create.recoveryKeep}</p>
      <div class="warning-text">
        <span class="warning-text__icon" aria-hidden="true">
          !
        </span>
        <strong class="warning-text__text">{a.create.recoveryOnce}</strong>
      </div>
      <ol class="recovery-words" aria-label={a.create.recoveryListLabel} data-recovery-words="">
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
          {a.create.copy}
        </Button>
        <p class="hint" id="copy-hint">
          {a.create.copyHint}
        </p>
        <div role="status">
          {copyState === 'copied' && <p>{a.create.copied}</p>}
          {copyState === 'failed' && <p>{a.create.copyFailed}</p>}
        </div>
      </div>
      <Button onClick={() => navigate({ name: 'create-check' })}>{a.create.written}</Button>
    </Page>
  );
}

export function RecoveryCheckScreen({ draft }: { draft: CreateDraft }) {
  const { t, navigate, api, unlocked } = useApp();
  const a = useAccountText();
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
      if (answer.trim() === '') return format(a.recoveryCheckErrors.required, { n });
      if (!checkRecoveryWord(prepared, position, answer)) {
        return format(a.recoveryCheckErrors.wrong, { n });
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
      title={a.create.checkTitle}
      caption={createStep(a, 5)}
      errors={errors}
      errorSeq={seq}
      back={() => navigate({ name: 'create-recovery' })}
    >
      <p>{a.create.checkLede}</p>
      <form noValidate onSubmit={(e) => void submit(e)}>
        {positions.map((position, i) => (
          <TextField
            key={position}
            id={`word-${i + 1}`}
            label={format(a.create.wordLabel, { n: position + 1 })}
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
            {a.create.showAgain}
          </LinkButton>
        </p>
        <Busy message={busy ? a.create.creating : undefined} />
        <Button type="submit" disabled={busy}>
          {a.create.submit}
        </Button>
      </form>
    </Page>
  );
}

export function CreatedScreen() {
  const { navigate, session, autoLockMinutes } = useApp();
  const a = useAccountText();
  return (
    <Page title={a.create.doneTitle}>
      <div class="panel panel--confirmation">
        <p>
          {format(a.create.doneSignedIn, { username: session.isUnlocked ? session.username : '' })}
        </p>
      </div>
      <p>{a.create.doneRemember}</p>
      <p>{format(a.create.doneLocks, { minutes: autoLockMinutes })}</p>
      <Button onClick={() => navigate({ name: 'home' })}>{a.create.goToDiary}</Button>
    </Page>
  );
}
