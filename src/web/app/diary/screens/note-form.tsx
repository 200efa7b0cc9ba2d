/**
 * Writing or editing a journal entry (a `note` record): the date it is about, an optional title
 * and the text — thoughts and feelings, not an incident, so it asks neither "When did it
 * happen?" nor "What happened". What is typed is kept as a draft in memory (so moving to
 * Settings and back keeps it); before an auto-lock a new entry is sealed as a draft record
 * (draft-records.ts). Saving an edit makes a new revision; if the entry changed elsewhere
 * meanwhile, the server refuses and nothing is overwritten. A time saved by an older version of
 * the form is kept as it was.
 */
import { useEffect, useState } from 'preact/hooks';
import {
  isApiError,
  type RecordResponse,
  addNote,
  editNote,
  loadNote,
  type NoteValue,
  happenedAtToFields,
  localDate,
  validateNote,
  type NoteError,
  type NoteFieldName,
  type NoteFields,
} from '../../../../vault/index.js';
import { useApp, type NoteDraft } from '../../shell/context.js';
import { useDiaryText } from '../diary-text.js';
import { describeError } from '../../shell/errors.js';
import { DateField, TextArea, TextField } from '../../components/fields.js';
import { Busy, Button, LinkButton, Page, type ErrorItem } from '../../components/ui.js';

const NEW_DRAFT = 'new';

function emptyFields(): NoteFields {
  const today = happenedAtToFields(localDate(new Date()));
  return { title: '', body: '', ...today, time: '' };
}

function fieldsOf(value: NoteValue): NoteFields {
  return { title: value.title, body: value.body, ...happenedAtToFields(value.happenedAt) };
}

export function NewNoteScreen() {
  const { drafts } = useApp();
  const dm = useDiaryText();
  const draft = drafts.get(NEW_DRAFT) ?? { fields: emptyFields() };
  return <NoteForm title={dm.diaryExtra.journal.newTitle} draftKey={NEW_DRAFT} draft={draft} />;
}

export function EditNoteScreen({ id }: { id: string }) {
  const { t, drafts, api, session, revisions, navigate } = useApp();
  const dm = useDiaryText();
  const existing = drafts.get(id);
  const [draft, setDraft] = useState<NoteDraft | undefined>(existing);
  const [problem, setProblem] = useState<string | undefined>();

  useEffect(() => {
    if (existing !== undefined) return;
    loadNote(api, session.accountKey, revisions, id).then(
      ({ note, response }) => setDraft({ fields: fieldsOf(note.value), base: response }),
      (e: unknown) =>
        setProblem(isApiError(e, 'not_found') ? t.view.notFound : describeErrorOrTamper(t, e)),
    );
  }, []);

  if (draft === undefined) {
    return (
      <Page
        title={dm.diaryExtra.journal.editTitle}
        back={() => navigate({ name: 'note-view', id })}
      >
        <Busy message={problem === undefined ? t.view.loading : undefined} />
        {problem !== undefined && (
          <div class="notice notice--error" role="alert">
            <p>{problem}</p>
          </div>
        )}
      </Page>
    );
  }
  return <NoteForm title={dm.diaryExtra.journal.editTitle} draftKey={id} draft={draft} />;
}

function describeErrorOrTamper(t: ReturnType<typeof useApp>['t'], e: unknown): string {
  return isApiError(e) ? describeError(t, e) : t.view.unreadable;
}

function NoteForm({
  title,
  draftKey,
  draft,
}: {
  title: string;
  draftKey: string;
  draft: NoteDraft;
}) {
  const { t, navigate, drafts, api, session, revisions } = useApp();
  const dm = useDiaryText();
  const n = t.note;
  const j = dm.diaryExtra.journal;
  const [fields, setFields] = useState<NoteFields>(draft.fields);
  const [base, setBase] = useState<RecordResponse | undefined>(draft.base);
  const [errors, setErrors] = useState<Partial<Record<NoteFieldName, NoteError>>>({});
  const [form, setForm] = useState<{ message: string; conflict: boolean } | undefined>();
  const [seq, setSeq] = useState(0);
  const [busy, setBusy] = useState(false);
  const editing = base !== undefined;

  const update = (next: Partial<NoteFields>): void => {
    const merged = { ...fields, ...next };
    setFields(merged);
    drafts.set(draftKey, { fields: merged, ...(base !== undefined ? { base } : {}) });
  };

  const leave = (): void => {
    drafts.delete(draftKey);
    navigate(editing ? { name: 'note-view', id: draftKey } : { name: 'home' });
  };

  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    if (busy) return;
    const result = validateNote(fields, localDate(new Date()));
    if (!result.ok) {
      setErrors(result.errors);
      setForm(undefined);
      setSeq(seq + 1);
      return;
    }
    setErrors({});
    setForm(undefined);
    setBusy(true);
    try {
      if (base === undefined) {
        const id = await addNote(api, session.accountKey, revisions, result.value);
        drafts.delete(draftKey);
        navigate({ name: 'note-view', id }, j.saved);
      } else {
        await editNote(api, session.accountKey, revisions, base, result.value);
        drafts.delete(draftKey);
        navigate({ name: 'note-view', id: base.id }, j.updated);
      }
    } catch (e) {
      setBusy(false);
      if (isApiError(e, 'revision_conflict')) setForm({ message: n.conflict, conflict: true });
      else setForm({ message: describeError(t, e), conflict: false });
      setSeq(seq + 1);
    }
  };

  const loadLatest = async (): Promise<void> => {
    if (base === undefined) return;
    try {
      const { note, response } = await loadNote(api, session.accountKey, revisions, base.id);
      const next = fieldsOf(note.value);
      setFields(next);
      setBase(response);
      drafts.set(draftKey, { fields: next, base: response });
      setForm(undefined);
    } catch (e) {
      setForm({ message: describeErrorOrTamper(t, e), conflict: false });
      setSeq(seq + 1);
    }
  };

  const message = (key: NoteFieldName): string | undefined => {
    const error = errors[key];
    if (error === undefined) return undefined;
    return error === 'bodyRequired' ? j.bodyRequired : n[error];
  };
  const items: ErrorItem[] = [
    ...(form !== undefined ? [{ field: 'note-date-day', message: form.message }] : []),
    ...(['date', 'title', 'time', 'body'] as const).flatMap((key) => {
      const text = message(key);
      const field = key === 'date' ? 'note-date-day' : `note-${key}`;
      return text !== undefined ? [{ field, message: text }] : [];
    }),
  ];

  return (
    <Page title={title} errors={items} errorSeq={seq} back={leave}>
      {form?.conflict === true && (
        <p>
          <Button variant="secondary" onClick={() => void loadLatest()}>
            {n.loadLatest}
          </Button>
        </p>
      )}
      <form noValidate onSubmit={(e) => void submit(e)}>
        <DateField
          id="note-date"
          legend={j.dateLegend}
          hint={j.dateHint}
          error={message('date')}
          value={fields}
          onInput={({ day, month, year }) => update({ day, month, year })}
        />
        <TextField
          id="note-title"
          label={j.titleLabel}
          error={message('title')}
          value={fields.title}
          onInput={(title) => update({ title })}
          autocomplete="off"
          width="full"
        />
        <TextArea
          id="note-body"
          label={j.bodyLabel}
          hint={j.bodyHint}
          error={message('body')}
          value={fields.body}
          onInput={(body) => update({ body })}
          rows={10}
        />
        <p class="hint">{dm.diaryExtra.draft.formNote}</p>
        <Busy message={busy ? j.saving : undefined} />
        <div class="button-group">
          <Button type="submit" disabled={busy}>
            {j.save}
          </Button>
          <LinkButton onClick={leave}>{t.common.cancel}</LinkButton>
        </div>
      </form>
    </Page>
  );
}
