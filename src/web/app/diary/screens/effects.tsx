/**
 * Changes to daily life recorded on their own (effect records): the s.4A "substantial adverse
 * effect on usual day-to-day activities" often builds up over weeks, with no one incident to
 * hang it on. One record is one change (the schema holds one), with the date it started and the
 * person's own words. The pattern view counts these beside the changes ticked on incidents.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { effectsRecorded, EFFECTS } from '../../../../domain/diary/index.js';
import { isApiError, type RecordResponse, EFFECT, localDate } from '../../../../vault/index.js';
import { useApp, type EffectDraft } from '../../shell/context.js';
import { useDiaryText } from '../diary-text.js';
import {
  byStartDescending,
  checkEffect,
  effectToFields,
  emptyEffectFields,
  type EffectFields,
} from '../effect-form.js';
import { effectLabel, formatLocalDate, useDiary, type DiaryData } from '../diary-ui.js';
import { describeError } from '../../shell/errors.js';
import { browserTimeZone } from '../incident-form.js';
import { format, type AppLocale } from '../../shell/messages.js';
import {
  ConfirmDelete,
  Busy,
  Button,
  DateField,
  LinkButton,
  Page,
  TextArea,
  type DateParts,
  type ErrorItem,
} from '../../components/ui.js';

const NEW_DRAFT = 'new';

function today(): string {
  return localDate(new Date());
}

// ---- screens ----

export function EffectsScreen() {
  const { t, navigate } = useApp();
  const dm = useDiaryText();
  const e = dm.diary.effects;
  const { state, retry } = useDiary();
  return (
    <Page title={e.title} back={() => navigate({ name: 'home' })}>
      <p>{e.lede}</p>
      <Button onClick={() => navigate({ name: 'effect-new' })}>{e.add}</Button>
      <Busy message={state.kind === 'loading' ? dm.diary.view.loading : undefined} />
      {state.kind === 'failed' && (
        <div class="notice notice--error" role="alert">
          <p>{state.message}</p>
          <Button variant="secondary" onClick={retry}>
            {t.home.retry}
          </Button>
        </div>
      )}
      {state.kind === 'loaded' && <AllEffects data={state.data} />}
    </Page>
  );
}

/**
 * One source of truth with the pattern view (`effectsRecorded`): the changes ticked on
 * incidents, then the changes recorded on their own.
 */
function AllEffects({ data }: { data: DiaryData }) {
  const { locale, diary } = useApp();
  const dm = useDiaryText();
  const x = dm.diaryExtra.effects;
  const zone = useMemo(browserTimeZone, []);
  const seen = useMemo(
    () =>
      effectsRecorded(diary.store.prepared(zone), { timeZone: zone }).filter(
        (s) => s.incidentIds.length > 0,
      ),
    [data],
  );
  if (seen.length === 0 && data.effects.length === 0) return <p>{x.none}</p>;
  return (
    <>
      {seen.length > 0 && (
        <section aria-labelledby="effects-incidents-heading" data-effects-from-incidents="">
          <h2 id="effects-incidents-heading">{x.fromIncidentsHeading}</h2>
          <p class="hint">{x.fromIncidentsLede}</p>
          <ul class="entries">
            {seen.map((s) => (
              <li class="entry" key={s.key}>
                <h3 class="entry__title">{effectLabel(locale, s.key)}</h3>
                <p class="entry__meta">
                  {s.incidentIds.length === 1
                    ? x.incidentsOne
                    : format(x.incidents, { n: s.incidentIds.length })}
                  {' · '}
                  {format(x.firstRecorded, { date: formatLocalDate(locale, s.firstRecorded) })}
                </p>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="effects-own-heading">
        <h2 id="effects-own-heading">{x.ownHeading}</h2>
        {data.effects.length === 0 ? <p>{x.ownEmpty}</p> : <EffectList data={data} />}
      </section>
    </>
  );
}

function EffectList({ data }: { data: DiaryData }) {
  const { locale, navigate } = useApp();
  const dm = useDiaryText();
  const e = dm.diary.effects;
  const sorted = useMemo(() => byStartDescending(data.effects), [data]);
  return (
    <ul class="entries" data-effects="">
      {sorted.map((effect) => {
        const label = effectLabel(locale, effect.value.change);
        const date = formatLocalDate(locale, effect.value.startedOn);
        return (
          <li class="entry" key={effect.id} data-effect="">
            <h3 class="entry__title">{label}</h3>
            <p class="entry__meta">{format(e.since, { date })}</p>
            {effect.value.description !== undefined && (
              <p class="entry__excerpt entry__excerpt--full">{effect.value.description}</p>
            )}
            <LinkButton onClick={() => navigate({ name: 'effect-edit', id: effect.id })}>
              {e.edit}
              <span class="visually-hidden"> {format(e.editHidden, { change: label, date })}</span>
            </LinkButton>
          </li>
        );
      })}
    </ul>
  );
}

export function NewEffectScreen() {
  const { diary } = useApp();
  const dm = useDiaryText();
  const draft = diary.effects.get(NEW_DRAFT) ?? { fields: emptyEffectFields() };
  return <EffectForm title={dm.diary.effects.newTitle} draftKey={NEW_DRAFT} draft={draft} />;
}

export function EditEffectScreen({ id }: { id: string }) {
  const { t, diary, navigate } = useApp();
  const dm = useDiaryText();
  const held = diary.store.get('effect', id);
  const [draft, setDraft] = useState<EffectDraft | undefined>(
    diary.effects.get(id) ??
      (held !== undefined
        ? { fields: effectToFields(held.record.value), base: held.response }
        : undefined),
  );
  const [problem, setProblem] = useState<string | undefined>();
  useEffect(() => {
    if (draft !== undefined) return;
    diary.store.fetchOne(EFFECT, id).then(
      ({ record, response }) => setDraft({ fields: effectToFields(record.value), base: response }),
      (e: unknown) =>
        setProblem(
          isApiError(e, 'not_found')
            ? dm.diary.effects.notFound
            : isApiError(e)
              ? describeError(t, e)
              : dm.diary.view.unreadable,
        ),
    );
  }, []);
  if (draft === undefined) {
    return (
      <Page title={dm.diary.effects.editTitle} back={() => navigate({ name: 'effects' })}>
        <Busy message={problem === undefined ? dm.diary.view.loading : undefined} />
        {problem !== undefined && (
          <div class="notice notice--error" role="alert">
            <p>{problem}</p>
          </div>
        )}
      </Page>
    );
  }
  return (
    <EffectForm title={dm.diary.effects.editTitle} draftKey={id} draft={draft} deletable={id} />
  );
}

function EffectForm({
  title,
  draftKey,
  draft,
  deletable,
}: {
  title: string;
  draftKey: string;
  draft: EffectDraft;
  /** The record's id, when it is saved and so can be deleted. */
  deletable?: string;
}) {
  const { t, locale, navigate, diary } = useApp();
  const dm = useDiaryText();
  const e = dm.diary.effects;
  const [fields, setFields] = useState<EffectFields>(draft.fields);
  const [base] = useState<RecordResponse | undefined>(draft.base);
  const [errors, setErrors] = useState<ErrorItem[]>([]);
  const [seq, setSeq] = useState(0);
  const [busy, setBusy] = useState(false);

  const update = (next: Partial<EffectFields>): void => {
    const merged = { ...fields, ...next };
    setFields(merged);
    diary.effects.set(draftKey, { fields: merged, ...(base !== undefined ? { base } : {}) });
  };
  const leave = (): void => {
    diary.effects.delete(draftKey);
    navigate({ name: 'effects' });
  };
  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    if (busy) return;
    const check = checkEffect(fields, today());
    if (!check.ok) {
      const items: ErrorItem[] = [];
      if (check.errors.change !== undefined) {
        items.push({ field: 'effect-change', message: e.errors.change });
      }
      if (check.errors.date !== undefined) {
        items.push({ field: 'effect-started-day', message: e.errors[check.errors.date] });
      }
      if (check.errors.description !== undefined) {
        items.push({ field: 'effect-description', message: e.errors.descriptionLong });
      }
      setErrors(items);
      setSeq(seq + 1);
      return;
    }
    setBusy(true);
    try {
      if (base === undefined) await diary.store.add(EFFECT, check.value);
      else await diary.store.edit(EFFECT, base, check.value);
      diary.effects.delete(draftKey);
      navigate({ name: 'effects' }, e.saved);
    } catch (err) {
      setBusy(false);
      setErrors([
        {
          field: 'effect-change',
          message: isApiError(err, 'revision_conflict')
            ? dm.diary.form.conflict
            : describeError(t, err),
        },
      ]);
      setSeq(seq + 1);
    }
  };
  const error = (id: string): string | undefined => errors.find((x) => x.field === id)?.message;
  const dateValue: DateParts = { day: fields.day, month: fields.month, year: fields.year };
  return (
    <Page title={title} errors={errors} errorSeq={seq} back={leave}>
      <form noValidate onSubmit={(ev) => void submit(ev)}>
        <ChangeRadios
          locale={locale}
          legend={e.change}
          hint={e.changeHint}
          error={error('effect-change')}
          value={fields.change}
          onChange={(change) => update({ change })}
        />
        <DateField
          id="effect-started"
          legend={e.started}
          hint={e.startedHint}
          error={error('effect-started-day')}
          value={dateValue}
          onInput={({ day, month, year }) => update({ day, month, year })}
        />
        <TextArea
          id="effect-description"
          label={e.description}
          hint={e.descriptionHint}
          error={error('effect-description')}
          value={fields.description}
          onInput={(description) => update({ description })}
          rows={5}
        />
        <p class="hint">{dm.diary.form.draftNote}</p>
        <Busy message={busy ? dm.diary.form.saving : undefined} />
        <div class="button-group">
          <Button type="submit" disabled={busy}>
            {e.save}
          </Button>
          <LinkButton onClick={leave}>{t.common.cancel}</LinkButton>
        </div>
      </form>
      {deletable !== undefined && (
        // Outside the form, so pressing Enter in a field can never reach it.
        <div class="record-delete">
          <Button
            variant="warning"
            disabled={busy}
            onClick={() => navigate({ name: 'effect-delete', id: deletable })}
          >
            {e.delete}
          </Button>
        </div>
      )}
    </Page>
  );
}

/** GOV.UK radios, one per change in the taxonomy, each with its hint. */
function ChangeRadios(props: {
  readonly locale: AppLocale;
  readonly legend: string;
  readonly hint: string;
  readonly error: string | undefined;
  readonly value: string;
  readonly onChange: (value: string) => void;
}) {
  const { t } = useApp();
  const { locale, legend, hint, error, value, onChange } = props;
  const id = 'effect-change';
  const errorId = error !== undefined ? `${id}-error` : undefined;
  return (
    <div class={`form-group${error !== undefined ? ' form-group--error' : ''}`}>
      <fieldset
        class="fieldset"
        aria-describedby={errorId !== undefined ? `${id}-hint ${errorId}` : `${id}-hint`}
      >
        <legend class="fieldset-legend fieldset-legend--m">{legend}</legend>
        <div class="hint" id={`${id}-hint`}>
          {hint}
        </div>
        {error !== undefined && (
          <p class="error-message" id={errorId}>
            <span class="visually-hidden">{t.common.errorPrefix}</span> {error}
          </p>
        )}
        <div class="radios">
          {EFFECTS.map((effect, i) => {
            // The first radio carries the group's id, so the error summary's link lands on it.
            const inputId = i === 0 ? id : `${id}-${effect.key}`;
            const hintId = `${id}-${effect.key}-hint`;
            return (
              <div class="effect-choice" key={effect.key}>
                <div class="radios__item">
                  <input
                    type="radio"
                    id={inputId}
                    name={id}
                    value={effect.key}
                    checked={value === effect.key}
                    aria-describedby={hintId}
                    onChange={() => onChange(effect.key)}
                  />
                  <label for={inputId}>{effect.label[locale]}</label>
                </div>
                <div class="hint effect-choice__hint" id={hintId}>
                  {effect.hint[locale]}
                </div>
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

export function DeleteEffectScreen({ id }: { id: string }) {
  const { t, locale, navigate, diary } = useApp();
  const dm = useDiaryText();
  const e = dm.diary.effects;
  const { state, retry } = useDiary();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | undefined>();
  const keep = (): void => navigate({ name: 'effect-edit', id });
  const done = (): void => {
    diary.effects.delete(id);
    navigate({ name: 'effects' }, e.removed);
  };
  const remove = async (): Promise<void> => {
    if (busy) return;
    setBusy(true);
    setProblem(undefined);
    try {
      await diary.store.remove(id);
      done();
    } catch (err) {
      setBusy(false);
      if (isApiError(err, 'not_found')) done();
      else setProblem(describeError(t, err));
    }
  };
  const held =
    state.kind === 'loaded' ? state.data.effects.find((effect) => effect.id === id) : undefined;
  return (
    <Page
      title={e.removeTitle}
      {...(held !== undefined
        ? {
            caption: format(e.editHidden, {
              change: effectLabel(locale, held.value.change),
              date: formatLocalDate(locale, held.value.startedOn),
            }),
          }
        : {})}
      back={keep}
      errors={problem !== undefined ? [{ field: 'confirm-delete', message: problem }] : []}
    >
      <Busy message={state.kind === 'loading' ? dm.diary.view.loading : undefined} />
      {state.kind === 'failed' && (
        <div class="notice notice--error" role="alert">
          <p>{state.message}</p>
          <Button variant="secondary" onClick={retry}>
            {t.home.retry}
          </Button>
        </div>
      )}
      {state.kind === 'loaded' && held === undefined && (
        <>
          <p>{e.notFound}</p>
          <LinkButton onClick={() => navigate({ name: 'effects' })}>{e.back}</LinkButton>
        </>
      )}
      {state.kind === 'loaded' && held !== undefined && (
        <>
          <ConfirmDelete
            warning={e.removeWarning}
            busy={busy}
            busyMessage={e.removing}
            confirm={e.removeConfirm}
            keep={e.removeKeep}
            onConfirm={() => void remove()}
            onKeep={keep}
          />
        </>
      )}
    </Page>
  );
}
