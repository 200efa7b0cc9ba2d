/** Changing an item's title, date and note (the file itself never changes). */
import { useEffect, useState } from 'preact/hooks';
import { isApiError, loadEvidenceItem, updateEvidence } from '../../../../vault/index.js';
import { useApp } from '../../shell/context.js';
import { describeError } from '../../shell/errors.js';
import { DateField, TextArea, TextField } from '../../components/fields.js';
import { Busy, Button, Page, type ErrorItem } from '../../components/ui.js';
import { checkDetails, detailsToFields, type DetailsFields } from '../details-form.js';
import { useEvidenceText } from '../evidence-ui.js';

const FIELD_IDS = { title: 'evidence-title', date: 'evidence-date-day', note: 'evidence-note' };

export function EvidenceEditScreen({ id }: { id: string }) {
  const app = useApp();
  const { t, navigate, api, session, revisions } = app;
  const e = useEvidenceText();
  const d = e.edit;
  const vault = { api, accountKey: () => session.accountKey, revisions };
  const [fields, setFields] = useState<DetailsFields | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  const [errors, setErrors] = useState<ErrorItem[]>([]);
  const [seq, setSeq] = useState(0);
  const [busy, setBusy] = useState(false);
  const back = (): void => navigate({ name: 'evidence-view', id });

  useEffect(() => {
    let live = true;
    loadEvidenceItem(vault, id).then(
      (record) => {
        if (live) setFields(detailsToFields(record.value));
      },
      (err: unknown) => {
        if (live)
          setProblem(isApiError(err, 'not_found') ? e.view.notFound : describeError(t, err));
      },
    );
    return () => {
      live = false;
    };
  }, [id]);

  if (fields === undefined) {
    return (
      <Page title={d.title} back={back}>
        <Busy message={problem === undefined ? e.view.loading : undefined} />
        {problem !== undefined && (
          <div class="notice notice--error" role="alert">
            <p>{problem}</p>
          </div>
        )}
      </Page>
    );
  }

  const errorFor = (field: keyof typeof FIELD_IDS): string | undefined =>
    errors.find((x) => x.field === FIELD_IDS[field])?.message;

  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    if (busy) return;
    const checked = checkDetails(fields);
    if (!checked.ok) {
      setErrors(
        checked.errors.map((x) => ({ field: FIELD_IDS[x.field], message: d.errors[x.error] })),
      );
      setSeq(seq + 1);
      return;
    }
    setBusy(true);
    try {
      // Only the details change; the upload's part of the record is kept as it is now.
      await updateEvidence(vault, id, (current) => ({
        ...current,
        title: checked.value.title,
        date: checked.value.date,
        note: checked.value.note,
      }));
      navigate({ name: 'evidence-view', id }, d.saved);
    } catch (err) {
      setBusy(false);
      setErrors([{ field: FIELD_IDS.title, message: describeError(t, err) }]);
      setSeq(seq + 1);
    }
  };

  return (
    <Page title={d.title} back={back} errors={errors} errorSeq={seq}>
      <form novalidate onSubmit={(event) => void submit(event)}>
        <TextField
          id={FIELD_IDS.title}
          label={d.titleLabel}
          hint={d.titleHint}
          error={errorFor('title')}
          value={fields.title}
          width="full"
          onInput={(title) => setFields({ ...fields, title })}
        />
        <DateField
          id="evidence-date"
          legend={d.dateLegend}
          hint={d.dateHint}
          error={errorFor('date')}
          value={{ day: fields.day, month: fields.month, year: fields.year }}
          onInput={(date) => setFields({ ...fields, ...date })}
        />
        <TextArea
          id={FIELD_IDS.note}
          label={d.noteLabel}
          hint={d.noteHint}
          error={errorFor('note')}
          value={fields.note}
          rows={5}
          onInput={(note) => setFields({ ...fields, note })}
        />
        <div class="button-group">
          <Button type="submit" disabled={busy}>
            {d.save}
          </Button>
          <Button variant="secondary" onClick={back}>
            {t.common.cancel}
          </Button>
        </div>
      </form>
    </Page>
  );
}
