/**
 * Unfinished entries and auto-lock: the "Locking in 30 seconds — stay open?" warning (which also
 * registers the draft saver with the session), and the diary home's "You have an unfinished
 * entry" prompt after the next unlock. See draft-records.ts.
 */
import { useEffect, useState } from 'preact/hooks';
import { useApp } from '../../shell/context.js';
import { useDiaryText } from '../diary-text.js';
import {
  loadDrafts,
  NEW_ENTRY,
  saveDrafts,
  unfinishedEntries,
  type Draft,
} from '../draft-records.js';
import { describeError } from '../../shell/errors.js';
import { browserTimeZone, emptyIncidentFields } from '../incident-form.js';
import { format } from '../../shell/messages.js';
import { Button } from '../../components/ui.js';
import { happenedAtToFields, localDate } from '../../../../vault/index.js';

/**
 * Shown on every unlocked screen 30 seconds before an auto-lock. Also keeps the saver that seals
 * unfinished entries as drafts registered while the app is mounted.
 */
export function LockWarning() {
  const app = useApp();
  const dm = useDiaryText();
  const { session, api, diary, drafts } = app;
  const d = dm.diaryExtra.draft;
  const [on, setOn] = useState(session.lockWarning);
  useEffect(() => session.onLockWarning(setOn), []);
  useEffect(
    () =>
      session.onBeforeAutoLock(async () => {
        const found = unfinishedEntries(diary, drafts);
        if (found.length > 0) await saveDrafts(api, session.accountKey, found);
      }),
    [],
  );
  if (!on || !session.isUnlocked) return null;
  return (
    <div class="lock-warning" role="alert" data-lock-warning="">
      <div class="lock-warning__inner">
        <p class="lock-warning__title">{d.warning}</p>
        <p class="hint">{d.warningHint}</p>
        <div class="button-group">
          {/* Pressing anything counts as use, which also hides this warning. */}
          <Button onClick={() => session.setLockWarning(false)}>{d.stay}</Button>
          <Button
            variant="secondary"
            onClick={() =>
              // As the warning promises: what is being written is kept as a draft first.
              void session.beforeAutoLock().then(() => {
                if (session.isUnlocked) app.lock();
              })
            }
          >
            {d.lockNow}
          </Button>
        </div>
      </div>
    </div>
  );
}

/** Drafts are looked for once per unlocked app (a fresh app is mounted on every lock). */
const checked = new WeakSet<object>();

/** On the diary home: the newest draft kept at an auto-lock, to carry on with or delete. */
export function DraftPrompt() {
  const { t, api, session, diary, drafts, navigate, formatTimestamp } = useApp();
  const dm = useDiaryText();
  const d = dm.diaryExtra.draft;
  const [draft, setDraft] = useState<Draft | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (checked.has(diary)) return;
    checked.add(diary);
    let live = true;
    loadDrafts(api, session.accountKey).then(
      (found) => {
        if (live) setDraft(found[0]);
      },
      () => {
        // Not being able to look for drafts must not get in the way of the diary.
        checked.delete(diary);
      },
    );
    return () => {
      live = false;
    };
  }, []);

  if (draft === undefined) return null;

  const remove = async (): Promise<boolean> => {
    setBusy(true);
    try {
      await api.deleteRecord(draft.id);
      return true;
    } catch (e) {
      setBusy(false);
      setProblem(describeError(t, e));
      return false;
    }
  };

  const resume = async (): Promise<void> => {
    if (busy) return;
    const value = draft.value;
    switch (value.kind) {
      case 'incident':
        diary.incidents.set(NEW_ENTRY, {
          fields: { ...emptyIncidentFields(new Date(), browserTimeZone()), ...value.fields },
        });
        break;
      case 'quick':
        diary.quick = value.fields;
        break;
      case 'journal':
        drafts.set(NEW_ENTRY, {
          fields: {
            ...happenedAtToFields(localDate(new Date())),
            ...value.fields,
          },
        });
        break;
    }
    if (!(await remove())) return;
    navigate(
      value.kind === 'incident'
        ? { name: 'incident-new' }
        : value.kind === 'quick'
          ? { name: 'quick' }
          : { name: 'note-new' },
    );
  };

  const discard = async (): Promise<void> => {
    if (busy) return;
    if (await remove()) {
      setDraft(undefined);
      navigate({ name: 'home' }, d.discarded);
    }
  };

  return (
    <section class="notice draft-prompt" aria-labelledby="draft-heading" data-draft-prompt="">
      <h2 id="draft-heading">{d.promptHeading}</h2>
      <p>
        {d.kinds[draft.value.kind]}.{' '}
        {format(d.promptText, { date: formatTimestamp(draft.createdAt) })}
      </p>
      {problem !== undefined && (
        <p class="error-message" role="alert">
          {problem}
        </p>
      )}
      <div class="button-group">
        <Button onClick={() => void resume()} disabled={busy}>
          {d.resume}
        </Button>
        <Button variant="secondary" onClick={() => void discard()} disabled={busy}>
          {d.discard}
        </Button>
      </div>
    </section>
  );
}
