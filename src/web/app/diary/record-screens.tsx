/**
 * The machinery that the people, places and "changes to daily life" screens share: opening a
 * saved record for editing (from the session's store, else from the server), a form whose
 * fields are a draft in memory only, saving a new record or a new revision (a change made on
 * another device meanwhile is a plain "conflict" message, nothing lost), and deleting with a
 * confirmation. Each screen keeps only what is its own: its fields, its checks and its words.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { isApiError, type Kind, type RecordResponse } from '../../../vault/index.js';
import { useApp, type RecordDraft, type Screen } from '../shell/context.js';
import { describeError } from '../shell/errors.js';
import { Busy, Button, ConfirmDelete, LinkButton, Page, type ErrorItem } from '../components/ui.js';
import { useDiaryText } from './diary-text.js';
import type { DiaryMessages } from './messages.js';
import { format, type Messages } from '../shell/messages.js';
import type { DiaryState } from './diary-ui.js';

/** What a record screen needs to know about its kind of record. */
export interface RecordScreenKind<T, I, F> {
  readonly kind: Kind<T, I>;
  /** The session's drafts of this kind, by record id ("new" for one not yet saved). */
  readonly drafts: (diary: ReturnType<typeof useApp>['diary']) => Map<string, RecordDraft<F>>;
  readonly toFields: (value: T) => F;
  /** The list screen, where saving, cancelling and deleting lead. */
  readonly list: Screen;
}

/** What a record form's page needs from the form's state. */
export interface RecordFormFrame {
  readonly errors: readonly ErrorItem[];
  readonly seq: number;
  readonly busy: boolean;
  readonly leave: () => void;
  readonly submit: (event: Event) => Promise<void>;
}

/** The result of checking a form: the value to save, or the errors to show. */
export type FormCheck<I> =
  { readonly ok: true; readonly value: I } | { readonly ok: false; readonly errors: ErrorItem[] };

/**
 * The draft of a saved record: the session's draft if there is one, else the record as the
 * store holds it, else the newest revision from the server (`problem` says why it could not be
 * read; `notFound` is said for a record that is gone).
 */
export function useSavedDraft<T, I, F>(
  spec: RecordScreenKind<T, I, F>,
  id: string,
  held: { readonly record: { readonly value: T }; readonly response: RecordResponse } | undefined,
  notFound?: string,
): { draft: RecordDraft<F> | undefined; problem: string | undefined } {
  const { t, diary } = useApp();
  const dm = useDiaryText();
  const [draft, setDraft] = useState<RecordDraft<F> | undefined>(
    spec.drafts(diary).get(id) ??
      (held !== undefined
        ? { fields: spec.toFields(held.record.value), base: held.response }
        : undefined),
  );
  const [problem, setProblem] = useState<string | undefined>();
  useEffect(() => {
    if (draft !== undefined) return;
    diary.store.fetchOne(spec.kind, id).then(
      ({ record, response }) => setDraft({ fields: spec.toFields(record.value), base: response }),
      (e: unknown) => setProblem(recordProblem(t, dm, e, notFound)),
    );
  }, []);
  return { draft, problem };
}

/**
 * Why a record could not be read, in words: `notFound` for one that is gone (when given), the
 * server's refusal, or that it could not be opened.
 */
export function recordProblem(
  t: Messages,
  dm: DiaryMessages,
  e: unknown,
  notFound?: string,
): string {
  if (notFound !== undefined && isApiError(e, 'not_found')) return notFound;
  return isApiError(e) ? describeError(t, e) : dm.diary.view.unreadable;
}

/** A problem said as an alert. */
export function Problem({ message }: { message: string }) {
  return (
    <div class="notice notice--error" role="alert">
      <p>{message}</p>
    </div>
  );
}

/** The page shown while a saved record is fetched for editing, or why it could not be. */
export function DraftLoading(props: { title: string; problem: string | undefined; list: Screen }) {
  const { navigate } = useApp();
  const dm = useDiaryText();
  return (
    <Page title={props.title} back={() => navigate(props.list)}>
      <Busy message={props.problem === undefined ? dm.diary.view.loading : undefined} />
      {props.problem !== undefined && <Problem message={props.problem} />}
    </Page>
  );
}

/**
 * A record form's state: the fields (kept as the session's draft on every change), leaving
 * (which drops the draft), and saving (a new record, or a revision on top of the one the form
 * started from). `firstField` is where a save failure is shown.
 */
export function useRecordForm<T, I, F>(
  spec: RecordScreenKind<T, I, F>,
  options: {
    readonly draftKey: string;
    readonly draft: RecordDraft<F>;
    readonly check: (fields: F) => FormCheck<I>;
    readonly firstField: string;
    readonly saved: string;
  },
) {
  const { t, navigate, diary } = useApp();
  const dm = useDiaryText();
  const drafts = spec.drafts(diary);
  const [fields, setFields] = useState<F>(options.draft.fields);
  const [base] = useState<RecordResponse | undefined>(options.draft.base);
  const [errors, setErrors] = useState<ErrorItem[]>([]);
  const [seq, setSeq] = useState(0);
  const [busy, setBusy] = useState(false);
  const showErrors = (items: ErrorItem[]): void => {
    setErrors(items);
    setSeq(seq + 1);
  };

  const update = (next: Partial<F>): void => {
    const merged = { ...fields, ...next };
    setFields(merged);
    drafts.set(options.draftKey, { fields: merged, ...(base !== undefined ? { base } : {}) });
  };
  const leave = (): void => {
    drafts.delete(options.draftKey);
    navigate(spec.list);
  };
  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    if (busy) return;
    const check = options.check(fields);
    if (!check.ok) {
      showErrors(check.errors);
      return;
    }
    setBusy(true);
    try {
      if (base === undefined) await diary.store.add(spec.kind, check.value);
      else await diary.store.edit(spec.kind, base, check.value);
      drafts.delete(options.draftKey);
      navigate(spec.list, options.saved);
    } catch (e) {
      setBusy(false);
      showErrors([
        {
          field: options.firstField,
          message: isApiError(e, 'revision_conflict')
            ? dm.diary.form.conflict
            : describeError(t, e),
        },
      ]);
    }
  };
  const error = (id: string): string | undefined => errors.find((e) => e.field === id)?.message;
  return { fields, update, leave, submit, errors, seq, busy, error };
}

/**
 * A record form's page: its fields, the draft note, Save and Cancel; and, for a saved record,
 * a Delete button outside the form, so pressing Enter in a field can never reach it.
 */
export function RecordFormPage(props: {
  readonly title: string;
  readonly form: RecordFormFrame;
  readonly save: string;
  readonly remove?: { readonly label: string; readonly screen: Screen };
  readonly children: ComponentChildren;
}) {
  const { t, navigate } = useApp();
  const dm = useDiaryText();
  const { form, remove } = props;
  return (
    <Page title={props.title} errors={form.errors} errorSeq={form.seq} back={form.leave}>
      <form noValidate onSubmit={(e) => void form.submit(e)}>
        {props.children}
        <p class="hint">{dm.diary.form.draftNote}</p>
        <Busy message={form.busy ? dm.diary.form.saving : undefined} />
        <div class="button-group">
          <Button type="submit" disabled={form.busy}>
            {props.save}
          </Button>
          <LinkButton onClick={form.leave}>{t.common.cancel}</LinkButton>
        </div>
      </form>
      {remove !== undefined && (
        <div class="record-delete">
          <Button variant="warning" disabled={form.busy} onClick={() => navigate(remove.screen)}>
            {remove.label}
          </Button>
        </div>
      )}
    </Page>
  );
}

/**
 * Deleting a record: `before` runs first (taking it out of live shares), and a record already
 * gone counts as deleted.
 */
export function useDeleteRecord(
  id: string,
  done: () => void,
  before?: () => Promise<void>,
): { busy: boolean; problem: string | undefined; remove: () => Promise<void> } {
  const { t, diary } = useApp();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | undefined>();
  const remove = async (): Promise<void> => {
    if (busy) return;
    setBusy(true);
    setProblem(undefined);
    try {
      await before?.();
      await diary.store.remove(id);
      done();
    } catch (e) {
      setBusy(false);
      if (isApiError(e, 'not_found')) done();
      else setProblem(describeError(t, e));
    }
  };
  return { busy, problem, remove };
}

/**
 * Why the diary could not be opened, with a way to try again, for any screen waiting on it.
 * `lead` goes before the reason; `print` false keeps it off a printed page.
 */
export function DiaryLoadFailed(props: {
  state: DiaryState;
  retry: () => void;
  lead?: string;
  print?: false;
}) {
  const { t } = useApp();
  if (props.state.kind !== 'failed') return null;
  return (
    <div class={`notice notice--error${props.print === false ? ' no-print' : ''}`} role="alert">
      <p>
        {props.lead !== undefined && `${props.lead} `}
        {props.state.message}
      </p>
      <Button variant="secondary" onClick={props.retry}>
        {t.home.retry}
      </Button>
    </div>
  );
}

/**
 * A delete screen's frame: loading, failed (with retry), "not found" with a way back to the
 * list, or — when the record is there — the confirmation in `children`.
 */
export function DeleteRecordPage(props: {
  readonly title: string;
  readonly caption: string | undefined;
  readonly back: () => void;
  readonly problem: string | undefined;
  readonly diary: { state: DiaryState; retry: () => void };
  readonly present: boolean;
  readonly notFound: string;
  readonly backToList: { readonly label: string; readonly screen: Screen };
  /** What stands before the confirmation (or the whole confirmation, drawn by the screen). */
  readonly children?: ComponentChildren;
  /** The confirmation for a record incidents can name (a person, a place), drawn here. */
  readonly confirmNamed?: ConfirmNamed;
}) {
  const { navigate } = useApp();
  const dm = useDiaryText();
  const { state, retry } = props.diary;
  return (
    <Page
      title={props.title}
      {...(props.caption !== undefined ? { caption: props.caption } : {})}
      back={props.back}
      errors={
        props.problem !== undefined ? [{ field: 'confirm-delete', message: props.problem }] : []
      }
    >
      <Busy message={state.kind === 'loading' ? dm.diary.view.loading : undefined} />
      <DiaryLoadFailed state={state} retry={retry} />
      {state.kind === 'loaded' && !props.present && (
        <>
          <p>{props.notFound}</p>
          <LinkButton onClick={() => navigate(props.backToList.screen)}>
            {props.backToList.label}
          </LinkButton>
        </>
      )}
      {state.kind === 'loaded' && props.present && (
        <>
          {props.children}
          {props.confirmNamed !== undefined && <ConfirmNamedDelete {...props.confirmNamed} />}
        </>
      )}
    </Page>
  );
}

/** A screen's own words for how many incidents name what is deleted (each in English and Welsh). */
export interface NamedWords {
  readonly removeNamedNone: string;
  readonly removeNamedOne: string;
  /** With `{n}`. */
  readonly removeNamed: string;
  /** What happens to those incidents, after the count. */
  readonly removeWarning: string;
  readonly removing: string;
  readonly removeConfirm: string;
  readonly removeKeep: string;
}

export interface ConfirmNamed {
  /** How many incidents name the record. */
  readonly named: number;
  readonly words: NamedWords;
  readonly busy: boolean;
  readonly onConfirm: () => void;
  readonly onKeep: () => void;
}

/** "3 incidents name this person. …", then Delete / Keep: one warning for people and places. */
function ConfirmNamedDelete({ named, words, busy, onConfirm, onKeep }: ConfirmNamed) {
  return (
    <ConfirmDelete
      warning={
        <>
          {named === 0
            ? words.removeNamedNone
            : named === 1
              ? words.removeNamedOne
              : format(words.removeNamed, { n: named })}{' '}
          {words.removeWarning}
        </>
      }
      busy={busy}
      busyMessage={words.removing}
      confirm={words.removeConfirm}
      keep={words.removeKeep}
      onConfirm={onConfirm}
      onKeep={onKeep}
      named={named}
    />
  );
}
