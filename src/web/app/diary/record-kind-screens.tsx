/**
 * The screens every saved record kind (people, places, changes to daily life) is built from:
 * the list page (its lede, its Add button, loading and a failed load), the new and edit forms
 * (the draft, opening a saved record, the form's page with Save, Cancel and Delete), and the
 * delete screen for a record incidents can name (a person, a place), with its warning and
 * the filter it clears. Each screen passes only its own words, fields and list, on top of the
 * machinery in record-screens.tsx.
 */
import type { ComponentChildren } from 'preact';
import type { Entry } from '../../../domain/diary/index.js';
import type { Held } from '../../../vault/index.js';
import { InSharesWarning, takeOutOfLiveShares, useSharesHolding } from '../share/in-shares.js';
import { useApp, type RecordDraft, type Screen } from '../shell/context.js';
import { Busy, Button, Page } from '../components/ui.js';
import { useDiaryText } from './diary-text.js';
import { NEW_ENTRY } from './draft-records.js';
import { useDiary, type DiaryData } from './diary-ui.js';
import {
  DeleteRecordPage,
  DiaryLoadFailed,
  DraftLoading,
  RecordFormPage,
  useDeleteRecord,
  useRecordForm,
  useSavedDraft,
  type FormCheck,
  type NamedWords,
  type RecordScreenKind,
} from './record-screens.js';

/** What the form and delete screens need to know about a kind, beyond its list. */
export interface RecordKindScreens<T, I, F> extends RecordScreenKind<T, I, F> {
  /** The record as the session's store holds it, if it does. */
  readonly held: (
    store: ReturnType<typeof useApp>['diary']['store'],
    id: string,
  ) => Held<T> | undefined;
  readonly emptyFields: () => F;
  readonly edit: (id: string) => Screen;
  readonly remove: (id: string) => Screen;
}

/**
 * A kind's list page: its lede and Add button, then — once the diary is open — what `children`
 * draws from it (or why it could not be opened, with a retry).
 */
export function RecordListPage(props: {
  readonly title: string;
  readonly lede: string;
  readonly add: { readonly label: string; readonly screen: Screen };
  readonly children: (data: DiaryData) => ComponentChildren;
}) {
  const { navigate } = useApp();
  const dm = useDiaryText();
  const { state, retry } = useDiary();
  return (
    <Page title={props.title} back={() => navigate({ name: 'home' })}>
      <p>{props.lede}</p>
      <Button onClick={() => navigate(props.add.screen)}>{props.add.label}</Button>
      <Busy message={state.kind === 'loading' ? dm.diary.view.loading : undefined} />
      <DiaryLoadFailed state={state} retry={retry} />
      {state.kind === 'loaded' && props.children(state.data)}
    </Page>
  );
}

/** A form's words, each in English and Welsh. */
export interface RecordFormWords {
  readonly newTitle: string;
  readonly editTitle: string;
  readonly notFound: string;
  readonly save: string;
  readonly saved: string;
  readonly delete: string;
}

/** What a kind's fields are drawn with. */
export interface RecordFields<F> {
  readonly fields: F;
  readonly update: (next: Partial<F>) => void;
  readonly error: (id: string) => string | undefined;
}

interface RecordFormProps<T, I, F> {
  readonly spec: RecordKindScreens<T, I, F>;
  readonly words: RecordFormWords;
  /** Where a save failure is shown. */
  readonly firstField: string;
  readonly check: (fields: F) => FormCheck<I>;
  readonly children: (form: RecordFields<F>) => ComponentChildren;
}

/**
 * A kind's form: for a new record without `id` (from the session's draft, else empty), or for
 * the saved record `id` (opened as useSavedDraft does, and deletable).
 */
export function RecordFormScreen<T, I, F>(
  props: RecordFormProps<T, I, F> & { readonly id?: string | undefined },
) {
  const { id, ...form } = props;
  return id === undefined ? <NewRecordForm {...form} /> : <EditRecordForm {...form} id={id} />;
}

function NewRecordForm<T, I, F>(props: RecordFormProps<T, I, F>) {
  const { diary } = useApp();
  const draft = props.spec.drafts(diary).get(NEW_ENTRY) ?? { fields: props.spec.emptyFields() };
  return <RecordForm {...props} title={props.words.newTitle} draftKey={NEW_ENTRY} draft={draft} />;
}

function EditRecordForm<T, I, F>(props: RecordFormProps<T, I, F> & { readonly id: string }) {
  const { diary } = useApp();
  const { spec, words, id } = props;
  const { draft, problem } = useSavedDraft(spec, id, spec.held(diary.store, id), words.notFound);
  if (draft === undefined) {
    return <DraftLoading title={words.editTitle} problem={problem} list={spec.list} />;
  }
  return (
    <RecordForm {...props} title={words.editTitle} draftKey={id} draft={draft} deletable={id} />
  );
}

function RecordForm<T, I, F>(
  props: RecordFormProps<T, I, F> & {
    readonly title: string;
    readonly draftKey: string;
    readonly draft: RecordDraft<F>;
    /** The record's id, when it is saved and so can be deleted. */
    readonly deletable?: string;
  },
) {
  const { spec, words, deletable } = props;
  const form = useRecordForm(spec, {
    draftKey: props.draftKey,
    draft: props.draft,
    firstField: props.firstField,
    saved: words.saved,
    check: props.check,
  });
  return (
    <RecordFormPage
      title={props.title}
      form={form}
      save={words.save}
      {...(deletable !== undefined
        ? { remove: { label: words.delete, screen: spec.remove(deletable) } }
        : {})}
    >
      {props.children({ fields: form.fields, update: form.update, error: form.error })}
    </RecordFormPage>
  );
}

/** A delete screen's words for a record incidents can name. */
export interface DeleteNamedWords extends NamedWords {
  readonly removeTitle: string;
  readonly removed: string;
  readonly notFound: string;
  readonly back: string;
}

/**
 * Deleting a record incidents can name (a person, a place): it is taken out of live shares
 * first, its draft is dropped, and a list filtered by it is unfiltered — a list filtered by a
 * record that no longer exists would show nothing, and no way to see why. The incidents keep
 * its id; the warning says how many name it.
 */
export function DeleteNamedRecordScreen<T, I, F>(props: {
  readonly id: string;
  readonly spec: RecordKindScreens<T, I, F>;
  readonly words: DeleteNamedWords;
  readonly find: (data: DiaryData) => readonly Entry<T>[];
  readonly caption: (value: T) => string;
  /** How many incidents name the record. */
  readonly named: (data: DiaryData, id: string) => number;
  /** The list filter that can hold the record. */
  readonly filter: 'personId' | 'placeId';
}) {
  const { navigate, diary, api, session } = useApp();
  const { id, spec, words, filter } = props;
  const shares = useSharesHolding(id);
  const loaded = useDiary();
  const { state } = loaded;
  const keep = (): void => navigate(spec.edit(id));
  const { busy, problem, remove } = useDeleteRecord(
    id,
    () => {
      spec.drafts(diary).delete(id);
      if (diary.filter[filter] === id) diary.filter = { ...diary.filter, [filter]: '' };
      navigate(spec.list, words.removed);
    },
    () => takeOutOfLiveShares(api, session.accountKey, shares, id),
  );
  const held =
    state.kind === 'loaded' ? props.find(state.data).find((r) => r.id === id) : undefined;
  const named = state.kind === 'loaded' ? props.named(state.data, id) : 0;
  return (
    <DeleteRecordPage
      title={words.removeTitle}
      caption={held !== undefined ? props.caption(held.value) : undefined}
      back={keep}
      problem={problem}
      diary={loaded}
      present={held !== undefined}
      notFound={words.notFound}
      backToList={{ label: words.back, screen: spec.list }}
      confirmNamed={{ named, words, busy, onConfirm: () => void remove(), onKeep: keep }}
    >
      <InSharesWarning shares={shares} />
    </DeleteRecordPage>
  );
}
