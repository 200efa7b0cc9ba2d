/**
 * The full incident form, new and edit. Its state is a draft kept in memory (app context)
 * until it is saved or cancelled, so moving to another screen and back keeps it; nothing is
 * written to browser storage.
 */
import { useState } from 'preact/hooks';
import type { Incident, IncidentInput } from '../../../../domain/diary/index.js';
import { isApiError, type RecordResponse, INCIDENT, PERSON } from '../../../../vault/index.js';
import { useApp, type IncidentDraft } from '../../shell/context.js';
import { useDiaryText } from '../diary-text.js';
import {
  DraftLoading,
  recordProblem,
  useSavedDraft,
  type RecordScreenKind,
} from '../record-screens.js';
import { NEW_ENTRY } from '../draft-records.js';
import { useDiary } from '../diary-ui.js';
import { describeError } from '../../shell/errors.js';
import {
  browserTimeZone,
  checkIncident,
  emptyIncidentFields,
  fieldIdOf,
  incidentToFields,
  type IncidentFields,
} from '../incident-form.js';
import type { AppLocale } from '../../shell/messages.js';
import type { DiaryMessages } from '../messages.js';
import { Busy, Button, LinkButton, Page, type ErrorItem } from '../../components/ui.js';
import { IncidentFieldset } from './incident-fields.js';

// ---- form ----

export function NewIncidentScreen() {
  const { diary } = useApp();
  const dm = useDiaryText();
  const draft = diary.incidents.get(NEW_ENTRY) ?? {
    fields: emptyIncidentFields(new Date(), browserTimeZone()),
  };
  return <IncidentForm title={dm.diary.form.newTitle} draftKey={NEW_ENTRY} draft={draft} />;
}

const INCIDENTS: RecordScreenKind<Incident, IncidentInput, IncidentFields> = {
  kind: INCIDENT,
  drafts: (diary) => diary.incidents,
  toFields: incidentToFields,
  list: { name: 'incidents' },
};

export function EditIncidentScreen({ id }: { id: string }) {
  const { diary } = useApp();
  const dm = useDiaryText();
  const held = diary.store.get('incident', id);
  const { draft, problem } = useSavedDraft(INCIDENTS, id, held, dm.diary.view.notFound);
  if (draft === undefined) {
    return (
      <DraftLoading
        title={dm.diary.form.editTitle}
        problem={problem}
        list={{ name: 'incident-view', id }}
      />
    );
  }
  return <IncidentForm title={dm.diary.form.editTitle} draftKey={id} draft={draft} />;
}

/**
 * The message for a schema issue in the person's language. The schema's own messages are in
 * English, so rarer ones fall back to a plain "check this answer" in any other language.
 */
function errorMessage(
  dm: DiaryMessages,
  locale: AppLocale,
  path: string,
  fallback: string,
): string {
  const e = dm.diary.form.errors;
  if (path.startsWith('when.end')) return e.end;
  if (path.startsWith('when.timeZone')) return e.timeZone;
  if (path.startsWith('when')) return e.start;
  if (path === 'what') return e.what;
  if (path.startsWith('police.reportedOn')) return e.reportedOn;
  return locale === 'en' ? fallback : e.other;
}

function IncidentForm({
  title,
  draftKey,
  draft,
}: {
  title: string;
  draftKey: string;
  draft: IncidentDraft;
}) {
  const { t, locale, navigate, diary } = useApp();
  const dm = useDiaryText();
  const { store } = diary;
  const f = dm.diary.form;
  const [fields, setFields] = useState<IncidentFields>(draft.fields);
  const [base, setBase] = useState<RecordResponse | undefined>(draft.base);
  const [errors, setErrors] = useState<ErrorItem[]>([]);
  const [conflict, setConflict] = useState(false);
  const [seq, setSeq] = useState(0);
  const [busy, setBusy] = useState(false);
  const { state } = useDiary();
  const people = state.kind === 'loaded' ? state.data.people : [];
  const places = state.kind === 'loaded' ? state.data.places : [];
  const editing = base !== undefined;

  const update = (next: Partial<IncidentFields>): void => {
    const merged = { ...fields, ...next };
    setFields(merged);
    diary.incidents.set(draftKey, { fields: merged, ...(base !== undefined ? { base } : {}) });
  };

  const leave = (): void => {
    diary.incidents.delete(draftKey);
    navigate(editing ? { name: 'incident-view', id: draftKey } : { name: 'home' });
  };

  const fail = (items: ErrorItem[]): void => {
    setErrors(items);
    setSeq((s) => s + 1);
  };

  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    if (busy) return;
    // Check first with placeholders for people to be created, so nothing is written when the
    // entry itself is not ready.
    const check = checkIncident(fields);
    const newPerpetrator = fields.newPerpetrator.trim();
    const newWitness = fields.newWitness.trim();
    if (!check.ok) {
      fail(
        check.issues.map((i) => ({
          field: fieldIdOf(i.path),
          message: errorMessage(dm, locale, i.path, i.message),
        })),
      );
      return;
    }
    setErrors([]);
    setConflict(false);
    setBusy(true);
    try {
      const created: { perpetratorIds: string[]; witnessIds: string[] } = {
        perpetratorIds: [],
        witnessIds: [],
      };
      let current = fields;
      if (newPerpetrator !== '') {
        const pid = await store.add(PERSON, { name: newPerpetrator });
        current = {
          ...current,
          newPerpetrator: '',
          perpetratorIds: [...current.perpetratorIds, pid],
        };
        created.perpetratorIds.push(pid);
      }
      if (newWitness !== '') {
        const pid = await store.add(PERSON, { name: newWitness });
        current = { ...current, newWitness: '', witnessIds: [...current.witnessIds, pid] };
        created.witnessIds.push(pid);
      }
      // People now saved are part of the draft, so a failed save never creates them twice.
      setFields(current);
      diary.incidents.set(draftKey, { fields: current, ...(base !== undefined ? { base } : {}) });
      const final = checkIncident(current);
      if (!final.ok) throw new Error('invalid');
      if (base === undefined) {
        const id = await store.add(INCIDENT, final.value);
        diary.incidents.delete(draftKey);
        navigate({ name: 'incident-view', id }, f.saved);
      } else {
        await store.edit(INCIDENT, base, final.value);
        diary.incidents.delete(draftKey);
        navigate({ name: 'incident-view', id: base.id }, f.updated);
      }
    } catch (e) {
      setBusy(false);
      if (isApiError(e, 'revision_conflict')) {
        setConflict(true);
        fail([{ field: 'incident-start', message: f.conflict }]);
      } else fail([{ field: 'incident-start', message: describeError(t, e) }]);
    }
  };

  const loadLatest = async (): Promise<void> => {
    if (base === undefined) return;
    try {
      const { record, response } = await store.fetchOne(INCIDENT, base.id);
      const next = incidentToFields(record.value);
      setFields(next);
      setBase(response);
      diary.incidents.set(draftKey, { fields: next, base: response });
      setConflict(false);
      setErrors([]);
    } catch (e) {
      fail([{ field: 'incident-start', message: recordProblem(t, dm, e, dm.diary.view.notFound) }]);
    }
  };

  const error = (id: string): string | undefined => errors.find((e) => e.field === id)?.message;

  return (
    <Page title={title} errors={errors} errorSeq={seq} back={leave}>
      {conflict && (
        <p>
          <Button variant="secondary" onClick={() => void loadLatest()}>
            {f.loadLatest}
          </Button>
        </p>
      )}
      <form noValidate onSubmit={(e) => void submit(e)}>
        <IncidentFieldset
          fields={fields}
          update={update}
          error={error}
          people={people}
          places={places}
        />
        <p class="hint">{f.draftNote}</p>
        <Busy message={busy ? f.saving : undefined} />
        <div class="button-group">
          <Button type="submit" disabled={busy}>
            {f.save}
          </Button>
          <LinkButton onClick={leave}>{t.common.cancel}</LinkButton>
        </div>
      </form>
    </Page>
  );
}
