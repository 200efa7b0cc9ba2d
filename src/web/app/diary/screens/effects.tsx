/**
 * Changes to daily life recorded on their own (effect records): the s.4A "substantial adverse
 * effect on usual day-to-day activities" often builds up over weeks, with no one incident to
 * hang it on. One record is one change (the schema holds one), with the date it started and the
 * person's own words. The pattern view counts these beside the changes ticked on incidents.
 */
import { useMemo } from 'preact/hooks';
import {
  effectsRecorded,
  EFFECTS,
  type EffectRecord,
  type EffectRecordInput,
} from '../../../../domain/diary/index.js';
import { EFFECT, localDate } from '../../../../vault/index.js';
import { useApp } from '../../shell/context.js';
import { useDiaryText } from '../diary-text.js';
import {
  byStartDescending,
  checkEffect,
  effectToFields,
  emptyEffectFields,
  type EffectFields,
} from '../effect-form.js';
import { effectLabel, formatLocalDate, useDiary, type DiaryData } from '../diary-ui.js';
import { DeleteRecordPage, useDeleteRecord } from '../record-screens.js';
import {
  RecordFormScreen,
  RecordListPage,
  type RecordKindScreens,
} from '../record-kind-screens.js';
import { browserTimeZone } from '../incident-form.js';
import { format, type AppLocale } from '../../shell/messages.js';
import { DateField, TextArea } from '../../components/fields.js';
import { ConfirmDelete, LinkButton, type ErrorItem } from '../../components/ui.js';

const EFFECTS_SCREENS: RecordKindScreens<EffectRecord, EffectRecordInput, EffectFields> = {
  kind: EFFECT,
  drafts: (diary) => diary.effects,
  toFields: effectToFields,
  list: { name: 'effects' },
  held: (store, id) => store.get('effect', id),
  emptyFields: emptyEffectFields,
  edit: (id) => ({ name: 'effect-edit', id }),
  remove: (id) => ({ name: 'effect-delete', id }),
};

function today(): string {
  return localDate(new Date());
}

// ---- screens ----

export function EffectsScreen() {
  const dm = useDiaryText();
  const e = dm.diary.effects;
  return (
    <RecordListPage
      title={e.title}
      lede={e.lede}
      add={{ label: e.add, screen: { name: 'effect-new' } }}
    >
      {(data) => <AllEffects data={data} />}
    </RecordListPage>
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
  return <EffectForm />;
}

export function EditEffectScreen({ id }: { id: string }) {
  return <EffectForm id={id} />;
}

/** A new change to daily life (without `id`) or a saved one. */
function EffectForm({ id }: { id?: string }) {
  const { locale } = useApp();
  const dm = useDiaryText();
  const e = dm.diary.effects;
  return (
    <RecordFormScreen
      spec={EFFECTS_SCREENS}
      id={id}
      words={e}
      firstField="effect-change"
      check={(fields) => {
        const check = checkEffect(fields, today());
        if (check.ok) return check;
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
        return { ok: false, errors: items };
      }}
    >
      {({ fields, update, error }) => (
        <>
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
            value={{ day: fields.day, month: fields.month, year: fields.year }}
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
        </>
      )}
    </RecordFormScreen>
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
  const { locale, navigate, diary } = useApp();
  const dm = useDiaryText();
  const e = dm.diary.effects;
  const loaded = useDiary();
  const { state } = loaded;
  const keep = (): void => navigate(EFFECTS_SCREENS.edit(id));
  const { busy, problem, remove } = useDeleteRecord(id, () => {
    diary.effects.delete(id);
    navigate(EFFECTS_SCREENS.list, e.removed);
  });
  const held =
    state.kind === 'loaded' ? state.data.effects.find((effect) => effect.id === id) : undefined;
  return (
    <DeleteRecordPage
      title={e.removeTitle}
      caption={
        held !== undefined
          ? format(e.editHidden, {
              change: effectLabel(locale, held.value.change),
              date: formatLocalDate(locale, held.value.startedOn),
            })
          : undefined
      }
      back={keep}
      problem={problem}
      diary={loaded}
      present={held !== undefined}
      notFound={e.notFound}
      backToList={{ label: e.back, screen: EFFECTS_SCREENS.list }}
    >
      <ConfirmDelete
        warning={e.removeWarning}
        busy={busy}
        busyMessage={e.removing}
        confirm={e.removeConfirm}
        keep={e.removeKeep}
        onConfirm={() => void remove()}
        onKeep={keep}
      />
    </DeleteRecordPage>
  );
}
