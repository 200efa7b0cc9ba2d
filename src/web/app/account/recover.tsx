/**
 * A lost passphrase: the username and the 24 recovery words (parsed tolerantly) open the
 * recovery copy of the account key; then a new passphrase re-wraps it and signs in.
 */
import { useState } from 'preact/hooks';
import { isCryptoError } from '../../../crypto/index.js';
import {
  completeRecovery,
  isWrongCredentials,
  KeyMismatchError,
  startRecovery,
  type StartedRecovery,
  validateUsername,
  wipeBestEffort,
} from '../../../vault/index.js';
import { useApp } from '../shell/context.js';
import { useAccountText } from './account-text.js';
import {
  NEW_PASSPHRASE_ID,
  NewPassphraseFields,
  newPassphraseErrorItems,
  useNewPassphrase,
  type NewPassphraseErrors,
} from './new-passphrase.js';
import { describeError } from '../shell/errors.js';
import { format } from '../shell/messages.js';
import { TextField } from '../components/fields.js';
import { Busy, Button, LinkButton, nextPaint, Page, type ErrorItem } from '../components/ui.js';

/** A recovery under way, kept by the app (in memory) between its two screens. */
export interface RecoverDraft {
  username: string;
  started: StartedRecovery | undefined;
  /** The server refused the new passphrase because the recovery took too long. */
  expired: boolean;
}

export function newRecoverDraft(): RecoverDraft {
  return { username: '', started: undefined, expired: false };
}

export function wipeRecoverDraft(draft: RecoverDraft): void {
  wipeBestEffort(draft.started?.accountKey);
  draft.started = undefined;
}

export function RecoverScreen({ draft }: { draft: RecoverDraft }) {
  const { t, navigate, api } = useApp();
  const a = useAccountText();
  const r = a.recover;
  const [username, setUsername] = useState(draft.username);
  const [words, setWords] = useState('');
  const [errors, setErrors] = useState<{ username?: string; words?: string; form?: string }>(
    draft.expired ? { form: r.expired } : {},
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
    const next: typeof errors = {};
    if (username.trim() === '') next.username = r.usernameRequired;
    if (words.trim() === '') next.words = r.wordsRequired;
    if (next.username !== undefined || next.words !== undefined) {
      fail(next);
      return;
    }
    const name = validateUsername(username);
    if (!name.ok) {
      fail({ form: r.failed });
      return;
    }
    setErrors({});
    setBusy(true);
    draft.expired = false;
    await nextPaint();
    try {
      wipeRecoverDraft(draft);
      draft.started = await startRecovery(api, name.value, words);
      draft.username = name.value;
      setWords('');
      navigate({ name: 'recover-passphrase' });
    } catch (e) {
      setBusy(false);
      if (isCryptoError(e, 'recovery_key_word_count')) {
        fail({ words: format(r.wordCount, { count: e.details?.count ?? 0 }) });
      } else if (isCryptoError(e, 'recovery_key_unknown_word')) {
        fail({ words: format(r.unknownWord, { n: e.details?.position ?? '?' }) });
      } else if (isCryptoError(e, 'recovery_key_checksum')) {
        fail({ words: r.checksum });
      } else if (isWrongCredentials(e) || e instanceof KeyMismatchError) {
        fail({ form: r.failed });
      } else {
        fail({ form: describeError(t, e) });
      }
    }
  };

  const items: ErrorItem[] = [
    ...(errors.form !== undefined ? [{ field: 'username', message: errors.form }] : []),
    ...(errors.username !== undefined ? [{ field: 'username', message: errors.username }] : []),
    ...(errors.words !== undefined ? [{ field: 'words', message: errors.words }] : []),
  ];

  return (
    <Page
      title={r.title}
      caption={r.caption}
      errors={items}
      errorSeq={seq}
      back={() => navigate({ name: 'start' })}
    >
      <p>{r.lede}</p>
      <form noValidate onSubmit={(e) => void submit(e)}>
        <TextField
          id="username"
          label={r.usernameLabel}
          error={errors.username}
          value={username}
          onInput={setUsername}
          autocomplete="username"
          spellcheck={false}
          autoCapitalize="none"
          autoCorrect="off"
        />
        <div class={`form-group${errors.words !== undefined ? ' form-group--error' : ''}`}>
          <label class="label" for="words">
            {r.wordsLabel}
          </label>
          <div class="hint" id="words-hint">
            {r.wordsHint}
          </div>
          {errors.words !== undefined && (
            <p class="error-message" id="words-error">
              <span class="visually-hidden">{t.common.errorPrefix}</span> {errors.words}
            </p>
          )}
          <textarea
            class={`textarea textarea--words${errors.words !== undefined ? ' textarea--error' : ''}`}
            id="words"
            name="words"
            rows={5}
            value={words}
            autocomplete="off"
            spellcheck={false}
            autoCapitalize="none"
            autoCorrect="off"
            aria-describedby={`words-hint${errors.words !== undefined ? ' words-error' : ''}`}
            aria-invalid={errors.words !== undefined ? 'true' : undefined}
            onInput={(e) => setWords(e.currentTarget.value)}
          />
        </div>
        <Busy message={busy ? r.working : undefined} />
        <Button type="submit" disabled={busy}>
          {r.submit}
        </Button>
      </form>
      <p>
        <LinkButton onClick={() => navigate({ name: 'unlock' })}>{r.remember}</LinkButton>
      </p>
      <p class="hint">{r.noKey}</p>
    </Page>
  );
}

export function RecoverPassphraseScreen({ draft }: { draft: RecoverDraft }) {
  const { t, navigate, api, unlocked } = useApp();
  const a = useAccountText();
  const r = a.recover;
  const pair = useNewPassphrase(draft.username);
  const [errors, setErrors] = useState<NewPassphraseErrors & { form?: string }>({});
  const [seq, setSeq] = useState(0);
  const [busy, setBusy] = useState(false);
  const started = draft.started;

  const fail = (next: typeof errors): void => {
    setErrors(next);
    setSeq((s) => s + 1);
  };

  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    if (busy || started === undefined) return;
    const next = pair.check(a);
    if (Object.keys(next).length > 0) {
      fail(next);
      return;
    }
    setErrors({});
    setBusy(true);
    await nextPaint();
    try {
      const opened = await completeRecovery(api, started, pair.passphrase);
      draft.started = undefined; // the session owns the account key now
      unlocked(opened);
      navigate({ name: 'home' }, t.home.recovered);
    } catch (e) {
      setBusy(false);
      if (isWrongCredentials(e)) {
        wipeRecoverDraft(draft);
        draft.expired = true;
        navigate({ name: 'recover' });
        return;
      }
      fail({ form: describeError(t, e) });
    }
  };

  const items: ErrorItem[] = [
    ...(errors.form !== undefined ? [{ field: NEW_PASSPHRASE_ID, message: errors.form }] : []),
    ...newPassphraseErrorItems(errors),
  ];

  return (
    <Page title={r.newTitle} caption={r.caption} errors={items} errorSeq={seq}>
      <p>{r.newLede}</p>
      <form noValidate onSubmit={(e) => void submit(e)}>
        <NewPassphraseFields
          pair={pair}
          errors={errors}
          label={r.newLabel}
          hint={a.changePassphrase.newHint}
          confirmLabel={r.confirmLabel}
        />
        <Busy message={busy ? r.saving : undefined} />
        <Button type="submit" disabled={busy}>
          {r.save}
        </Button>
      </form>
    </Page>
  );
}
