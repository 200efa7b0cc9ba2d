/**
 * Saved places: their own records ("Home", "Work"), so many incidents can point at one place and
 * the pattern view can count them exactly. Built like the people screens: the session's store
 * does every read and write, and a place being typed is a draft in memory only.
 */
import { InSharesWarning, takeOutOfLiveShares, useSharesHolding } from '../../share/in-shares.js';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { byPlace, PLACE_KINDS } from '../../../../domain/diary/index.js';
import { isApiError, type RecordResponse, PLACE } from '../../../../vault/index.js';
import { useApp, type PlaceDraft } from '../../shell/context.js';
import { useDiaryText } from '../diary-text.js';
import {
  checkPlace,
  emptyPlaceFields,
  incidentsAtPlace,
  placeErrors,
  placeKindLabel,
  placeToFields,
  type PlaceFields,
} from '../place-form.js';
import { Select, useDiary, type DiaryData } from '../diary-ui.js';
import { describeError } from '../../shell/errors.js';
import { browserTimeZone } from '../incident-form.js';
import { format } from '../../shell/messages.js';
import {
  ConfirmDelete,
  Busy,
  Button,
  LinkButton,
  Page,
  TextArea,
  TextField,
  type ErrorItem,
} from '../../components/ui.js';

const NEW_DRAFT = 'new';

// ---- screens ----

export function PlacesScreen() {
  const { t, navigate } = useApp();
  const dm = useDiaryText();
  const p = dm.diary.places;
  const { state, retry } = useDiary();
  return (
    <Page title={p.title} back={() => navigate({ name: 'home' })}>
      <p>{p.lede}</p>
      <Button onClick={() => navigate({ name: 'place-new' })}>{p.add}</Button>
      <Busy message={state.kind === 'loading' ? dm.diary.view.loading : undefined} />
      {state.kind === 'failed' && (
        <div class="notice notice--error" role="alert">
          <p>{state.message}</p>
          <Button variant="secondary" onClick={retry}>
            {t.home.retry}
          </Button>
        </div>
      )}
      {state.kind === 'loaded' &&
        (state.data.places.length === 0 ? <p>{p.empty}</p> : <PlaceList data={state.data} />)}
    </Page>
  );
}

function PlaceList({ data }: { data: DiaryData }) {
  const { locale, navigate, diary } = useApp();
  const dm = useDiaryText();
  const p = dm.diary.places;
  // One pass over every incident for all the places, shared with the pattern view's preparation.
  const counts = useMemo(() => {
    const zone = browserTimeZone();
    const breakdown = byPlace(diary.store.prepared(zone), { timeZone: zone });
    return new Map(breakdown.items.map((i) => [i.placeId, i.count]));
  }, [data]);
  return (
    <ul class="entries" data-places="">
      {data.places.map((place) => {
        const n = counts.get(place.id) ?? 0;
        return (
          <li class="entry" key={place.id} data-place="">
            <h2 class="entry__title">{place.value.name}</h2>
            {(place.value.kind !== undefined || n > 0) && (
              <p class="entry__meta">
                {place.value.kind !== undefined && placeKindLabel(locale, place.value.kind)}
                {place.value.kind !== undefined && n > 0 && ' · '}
                {n > 0 && (n === 1 ? p.namedOne : format(p.named, { n }))}
              </p>
            )}
            {place.value.address !== undefined && (
              <p class="entry__excerpt">{place.value.address}</p>
            )}
            <LinkButton onClick={() => navigate({ name: 'place-edit', id: place.id })}>
              {format(p.edit, { name: place.value.name })}
            </LinkButton>
          </li>
        );
      })}
    </ul>
  );
}

export function NewPlaceScreen() {
  const { diary } = useApp();
  const dm = useDiaryText();
  const draft = diary.places.get(NEW_DRAFT) ?? { fields: emptyPlaceFields() };
  return <PlaceForm title={dm.diary.places.newTitle} draftKey={NEW_DRAFT} draft={draft} />;
}

export function EditPlaceScreen({ id }: { id: string }) {
  const { t, diary, navigate } = useApp();
  const dm = useDiaryText();
  const held = diary.store.get('place', id);
  const [draft, setDraft] = useState<PlaceDraft | undefined>(
    diary.places.get(id) ??
      (held !== undefined
        ? { fields: placeToFields(held.record.value), base: held.response }
        : undefined),
  );
  const [problem, setProblem] = useState<string | undefined>();
  useEffect(() => {
    if (draft !== undefined) return;
    diary.store.fetchOne(PLACE, id).then(
      ({ record, response }) => setDraft({ fields: placeToFields(record.value), base: response }),
      (e: unknown) =>
        setProblem(
          isApiError(e, 'not_found')
            ? dm.diary.places.notFound
            : isApiError(e)
              ? describeError(t, e)
              : dm.diary.view.unreadable,
        ),
    );
  }, []);
  if (draft === undefined) {
    return (
      <Page title={dm.diary.places.editTitle} back={() => navigate({ name: 'places' })}>
        <Busy message={problem === undefined ? dm.diary.view.loading : undefined} />
        {problem !== undefined && (
          <div class="notice notice--error" role="alert">
            <p>{problem}</p>
          </div>
        )}
      </Page>
    );
  }
  return <PlaceForm title={dm.diary.places.editTitle} draftKey={id} draft={draft} deletable={id} />;
}

function PlaceForm({
  title,
  draftKey,
  draft,
  deletable,
}: {
  title: string;
  draftKey: string;
  draft: PlaceDraft;
  /** The place's id, when it is saved and so can be deleted. */
  deletable?: string;
}) {
  const { t, locale, navigate, diary } = useApp();
  const dm = useDiaryText();
  const p = dm.diary.places;
  const [fields, setFields] = useState<PlaceFields>(draft.fields);
  const [base] = useState<RecordResponse | undefined>(draft.base);
  const [errors, setErrors] = useState<ErrorItem[]>([]);
  const [seq, setSeq] = useState(0);
  const [busy, setBusy] = useState(false);

  const update = (next: Partial<PlaceFields>): void => {
    const merged = { ...fields, ...next };
    setFields(merged);
    diary.places.set(draftKey, { fields: merged, ...(base !== undefined ? { base } : {}) });
  };
  const leave = (): void => {
    diary.places.delete(draftKey);
    navigate({ name: 'places' });
  };
  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    if (busy) return;
    const check = checkPlace(fields);
    if (!check.ok) {
      setErrors(placeErrors(fields, check.issues, p.errors));
      setSeq(seq + 1);
      return;
    }
    setBusy(true);
    try {
      if (base === undefined) await diary.store.add(PLACE, check.value);
      else await diary.store.edit(PLACE, base, check.value);
      diary.places.delete(draftKey);
      navigate({ name: 'places' }, p.saved);
    } catch (e) {
      setBusy(false);
      setErrors([
        {
          field: 'place-name',
          message: isApiError(e, 'revision_conflict')
            ? dm.diary.form.conflict
            : describeError(t, e),
        },
      ]);
      setSeq(seq + 1);
    }
  };
  const error = (id: string): string | undefined => errors.find((e) => e.field === id)?.message;
  return (
    <Page title={title} errors={errors} errorSeq={seq} back={leave}>
      <form noValidate onSubmit={(e) => void submit(e)}>
        <TextField
          id="place-name"
          label={p.name}
          hint={p.nameHint}
          error={error('place-name')}
          value={fields.name}
          onInput={(name) => update({ name })}
          autocomplete="off"
          width="full"
        />
        <Select
          id="place-kind"
          label={p.kind}
          options={[
            { value: '', label: p.kindNone },
            ...PLACE_KINDS.map((k) => ({ value: k.key, label: k.label[locale] })),
          ]}
          value={fields.kind}
          onChange={(kind) => update({ kind })}
        />
        <TextArea
          id="place-address"
          label={p.address}
          error={error('place-address')}
          value={fields.address}
          onInput={(address) => update({ address })}
          rows={3}
        />
        <TextArea
          id="place-notes"
          label={p.notes}
          error={error('place-notes')}
          value={fields.notes}
          onInput={(notes) => update({ notes })}
          rows={3}
        />
        <p class="hint">{dm.diary.form.draftNote}</p>
        <Busy message={busy ? dm.diary.form.saving : undefined} />
        <div class="button-group">
          <Button type="submit" disabled={busy}>
            {p.save}
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
            onClick={() => navigate({ name: 'place-delete', id: deletable })}
          >
            {p.delete}
          </Button>
        </div>
      )}
    </Page>
  );
}

export function DeletePlaceScreen({ id }: { id: string }) {
  const { t, navigate, diary, api, session } = useApp();
  const shares = useSharesHolding(id);
  const dm = useDiaryText();
  const p = dm.diary.places;
  const { state, retry } = useDiary();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | undefined>();
  const keep = (): void => navigate({ name: 'place-edit', id });
  const done = (): void => {
    diary.places.delete(id);
    // A list filtered by a place that no longer exists would show nothing, and no way to see why.
    if (diary.filter.placeId === id) diary.filter = { ...diary.filter, placeId: '' };
    navigate({ name: 'places' }, p.removed);
  };
  const remove = async (): Promise<void> => {
    if (busy) return;
    setBusy(true);
    setProblem(undefined);
    try {
      await takeOutOfLiveShares(api, session.accountKey, shares, id);
      await diary.store.remove(id);
      done();
    } catch (e) {
      setBusy(false);
      if (isApiError(e, 'not_found')) done();
      else setProblem(describeError(t, e));
    }
  };
  const held =
    state.kind === 'loaded' ? state.data.places.find((place) => place.id === id) : undefined;
  const present = held !== undefined;
  const named = state.kind === 'loaded' ? incidentsAtPlace(state.data, id) : 0;
  return (
    <Page
      title={p.removeTitle}
      {...(held !== undefined ? { caption: held.value.name } : {})}
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
      {state.kind === 'loaded' && !present && (
        <>
          <p>{p.notFound}</p>
          <LinkButton onClick={() => navigate({ name: 'places' })}>{p.back}</LinkButton>
        </>
      )}
      {state.kind === 'loaded' && present && (
        <>
          <InSharesWarning shares={shares} />
          <ConfirmDelete
            warning={
              <>
                {named === 0
                  ? p.removeNamedNone
                  : named === 1
                    ? p.removeNamedOne
                    : format(p.removeNamed, { n: named })}{' '}
                {p.removeWarning}
              </>
            }
            busy={busy}
            busyMessage={p.removing}
            confirm={p.removeConfirm}
            keep={p.removeKeep}
            onConfirm={() => void remove()}
            onKeep={keep}
            named={named}
          />
        </>
      )}
    </Page>
  );
}
