/**
 * Quick capture, at the top of the diary home: what happened, optionally where, who did it (a
 * person already recorded — the last one chosen first — or someone new, saved by name), and when
 * (now unless changed). Saved in one step with `quickCapture`; everything else can be added
 * later.
 */
import { useMemo, useState } from 'preact/hooks';
import { describeIssues, quickCapture } from '../../../../domain/diary/index.js';
import { useApp, type QuickDraft } from '../../shell/context.js';
import { useDiaryText } from '../diary-text.js';
import { INCIDENT, PERSON, type DiaryData } from '../../../../vault/index.js';
import { Checkbox, NativeDateField, personName, Select, useDiary } from '../diary-ui.js';
import { describeError } from '../../shell/errors.js';
import { browserTimeZone, nowWall } from '../incident-form.js';
import { TextArea, TextField } from '../../components/fields.js';
import { Busy, Button, ErrorSummary, Page } from '../../components/ui.js';

/** Quick capture on a screen of its own, one tap from anywhere in the vault (the bar). */
export function QuickCaptureScreen() {
  const { navigate } = useApp();
  const dm = useDiaryText();
  return (
    <Page title={dm.diary.home.quickHeading} back={() => navigate({ name: 'home' })}>
      <QuickCapture standalone />
    </Page>
  );
}

/** The "who did it" choice for nobody, and for someone new. */
const NOBODY = '';
const SOMEONE_NEW = 'new';

/**
 * Who did the most recently recorded incident that names someone (and is still in the diary):
 * the quick capture's first offer.
 *
 * @example lastPerpetrator(data) // 'q3J2y0m1rT4kZ8b1xN7wGA'
 */
export function lastPerpetrator(data: Pick<DiaryData, 'incidents' | 'people'>): string | undefined {
  const people = new Set(data.people.map((p) => p.id));
  let best: { id: string; createdAt: string } | undefined;
  for (const record of data.incidents) {
    const id = record.value.perpetratorIds.find((p) => people.has(p));
    if (id !== undefined && (best === undefined || record.createdAt > best.createdAt)) {
      best = { id, createdAt: record.createdAt };
    }
  }
  return best?.id;
}

export function QuickCapture({ standalone = false }: { standalone?: boolean }) {
  const { t, navigate, diary } = useApp();
  const dm = useDiaryText();
  const q = dm.diary.home;
  const w = dm.diaryExtra.quick;
  const { state } = useDiary({ partial: true });
  const people = useMemo(
    () =>
      state.kind === 'loaded'
        ? [...state.data.people].sort((a, b) =>
            personName(a.value).localeCompare(personName(b.value)),
          )
        : [],
    [state],
  );
  const lastChosen = useMemo(
    () => (state.kind === 'loaded' ? lastPerpetrator(state.data) : undefined),
    [state],
  );
  const [zone] = useState(browserTimeZone);
  const draft = diary.quick;
  const [what, setWhatState] = useState(draft?.what ?? '');
  const [where, setWhereState] = useState(draft?.where ?? '');
  const [when, setWhenState] = useState(() => draft?.when ?? nowWall(new Date(), zone));
  /** Until the person changes it, "when" means the moment they save. */
  const [whenEdited, setWhenEdited] = useState(draft?.when !== undefined);
  const [approximate, setApproximateState] = useState(draft?.approximate ?? false);
  /** Undefined until the person chooses: then the last one chosen is offered. */
  const [who, setWhoState] = useState<string | undefined>(
    draft?.newPerson !== undefined ? SOMEONE_NEW : draft?.personId,
  );
  const [newPerson, setNewPersonState] = useState(draft?.newPerson ?? '');
  const whoValue = who ?? lastChosen ?? NOBODY;
  const snapshot = (
    whoNow: string | undefined,
    name: string,
    next: Partial<QuickDraft> = {},
  ): QuickDraft => ({
    what,
    where,
    when: whenEdited ? when : undefined,
    approximate,
    ...(whoNow === SOMEONE_NEW
      ? { newPerson: name }
      : whoNow !== undefined && whoNow !== NOBODY
        ? { personId: whoNow }
        : {}),
    ...next,
  });
  const remember = (next: Partial<QuickDraft>): void => {
    diary.quick = snapshot(who, newPerson, next);
  };
  const setWho = (v: string): void => {
    setWhoState(v);
    diary.quick = snapshot(v, newPerson);
  };
  const setNewPerson = (v: string): void => {
    setNewPersonState(v);
    diary.quick = snapshot(who, v);
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
            ? { field: 'quick-when', message: dm.diary.form.errors.start }
            : issue.path.startsWith('where')
              ? { field: 'quick-where', message: issue.message }
              : { field: 'quick-what', message: dm.diary.form.errors.what },
        ),
      );
      setSeq(seq + 1);
      return;
    }
    const name = newPerson.trim();
    if (whoValue === SOMEONE_NEW && name === '') {
      setErrors([{ field: 'quick-new-person', message: w.newNameMissing }]);
      setSeq(seq + 1);
      return;
    }
    setErrors([]);
    setBusy(true);
    try {
      let perpetratorIds: string[] = [];
      if (whoValue === SOMEONE_NEW) {
        // Typed as a name, so saved as the name (a description can be moved to the alias later).
        perpetratorIds = [await diary.store.add(PERSON, { name })];
      } else if (whoValue !== NOBODY && people.some((p) => p.id === whoValue)) {
        perpetratorIds = [whoValue];
      }
      const id = await diary.store.add(INCIDENT, { ...result.data, perpetratorIds });
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
        <Select
          id="quick-who"
          label={w.who}
          options={[
            { value: NOBODY, label: w.nobody },
            ...people.map((p) => ({ value: p.id, label: personName(p.value) })),
            { value: SOMEONE_NEW, label: w.someoneNew },
          ]}
          value={whoValue}
          onChange={setWho}
        />
        {whoValue === SOMEONE_NEW && (
          <TextField
            id="quick-new-person"
            label={w.newName}
            hint={w.newNameHint}
            error={error('quick-new-person')}
            value={newPerson}
            onInput={setNewPerson}
            autocomplete="off"
            width="full"
          />
        )}
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
