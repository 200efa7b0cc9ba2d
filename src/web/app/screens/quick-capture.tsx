/**
 * Quick capture, at the top of the diary home: what happened, optionally where, and when (now
 * unless changed). Saved in one step with `quickCapture`; everything else can be added later.
 */
import { useState } from 'preact/hooks';
import { describeIssues, quickCapture } from '../../../domain/diary/index.js';
import { useApp, type QuickDraft } from '../context.js';
import { INCIDENT } from '../diary-records.js';
import { Checkbox, NativeDateField } from '../diary-ui.js';
import { describeError } from '../errors.js';
import { browserTimeZone, nowWall } from '../incident-form.js';
import { Busy, Button, ErrorSummary, Page, TextArea, TextField } from '../ui.js';

/** Quick capture on a screen of its own, one tap from anywhere in the vault (the bar). */
export function QuickCaptureScreen() {
  const { t, navigate } = useApp();
  return (
    <Page title={t.diary.home.quickHeading} back={() => navigate({ name: 'home' })}>
      <QuickCapture standalone />
    </Page>
  );
}

export function QuickCapture({ standalone = false }: { standalone?: boolean }) {
  const { t, navigate, diary } = useApp();
  const q = t.diary.home;
  const [zone] = useState(browserTimeZone);
  const draft = diary.quick;
  const [what, setWhatState] = useState(draft?.what ?? '');
  const [where, setWhereState] = useState(draft?.where ?? '');
  const [when, setWhenState] = useState(() => draft?.when ?? nowWall(new Date(), zone));
  /** Until the person changes it, "when" means the moment they save. */
  const [whenEdited, setWhenEdited] = useState(draft?.when !== undefined);
  const [approximate, setApproximateState] = useState(draft?.approximate ?? false);
  const remember = (next: Partial<QuickDraft>): void => {
    diary.quick = {
      what,
      where,
      when: whenEdited ? when : undefined,
      approximate,
      ...next,
    };
  };
  const setWhat = (v: string): void => {
    setWhatState(v);
    remember({ what: v });
  };
  const setWhere = (v: string): void => {
    setWhereState(v);
    remember({ where: v });
  };
  const setWhen = (v: string): void => {
    setWhenState(v);
    setWhenEdited(true);
    remember({ when: v });
  };
  const setApproximate = (v: boolean): void => {
    setApproximateState(v);
    remember({ approximate: v });
  };
  const [errors, setErrors] = useState<{ field: string; message: string }[]>([]);
  const [seq, setSeq] = useState(0);
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    if (busy) return;
    const result = quickCapture(
      {
        what,
        ...(where.trim() !== '' ? { where } : {}),
        ...(whenEdited ? { when } : {}),
        approximate,
      },
      { now: new Date(), timeZone: zone },
    );
    if (!result.success) {
      setErrors(
        describeIssues(result.error).map((issue) =>
          issue.path.startsWith('when')
            ? { field: 'quick-when', message: t.diary.form.errors.start }
            : issue.path.startsWith('where')
              ? { field: 'quick-where', message: issue.message }
              : { field: 'quick-what', message: t.diary.form.errors.what },
        ),
      );
      setSeq(seq + 1);
      return;
    }
    setErrors([]);
    setBusy(true);
    try {
      const id = await diary.store.add(INCIDENT, result.data);
      diary.quick = undefined;
      navigate({ name: 'incident-view', id }, q.saved);
    } catch (e) {
      setBusy(false);
      setErrors([{ field: 'quick-what', message: describeError(t, e) }]);
      setSeq(seq + 1);
    }
  };

  const error = (field: string): string | undefined =>
    errors.find((e) => e.field === field)?.message;

  return (
    <section
      class="quick-capture"
      aria-labelledby={standalone ? undefined : 'quick-heading'}
      aria-label={standalone ? q.quickHeading : undefined}
    >
      {!standalone && <h2 id="quick-heading">{q.quickHeading}</h2>}
      <p class="hint">{q.quickLede}</p>
      {errors.length > 0 && <ErrorSummary errors={errors} seq={seq} />}
      <form noValidate onSubmit={(e) => void submit(e)}>
        <TextArea
          id="quick-what"
          label={q.what}
          hint={q.whatHint}
          error={error('quick-what')}
          value={what}
          onInput={setWhat}
          rows={3}
        />
        <TextField
          id="quick-where"
          label={q.where}
          error={error('quick-where')}
          value={where}
          onInput={setWhere}
          autocomplete="off"
          width="full"
        />
        <NativeDateField
          id="quick-when"
          label={q.when}
          hint={q.whenHint}
          error={error('quick-when')}
          type="datetime-local"
          value={when}
          onInput={setWhen}
        />
        <Checkbox
          id="quick-approximate"
          label={q.approximate}
          checked={approximate}
          onChange={setApproximate}
        />
        <Busy message={busy ? q.saving : undefined} />
        <Button type="submit" disabled={busy}>
          {q.save}
        </Button>
      </form>
    </section>
  );
}
