/**
 * Saved places: their own records ("Home", "Work"), so many incidents can point at one place and
 * the pattern view can count them exactly. Built like the people screens: the session's store
 * does every read and write, and a place being typed is a draft in memory only.
 */
import { InSharesWarning, takeOutOfLiveShares, useSharesHolding } from '../../share/in-shares.js';
import { useMemo } from 'preact/hooks';
import {
  byPlace,
  PLACE_KINDS,
  type Place,
  type PlaceInput,
} from '../../../../domain/diary/index.js';
import { PLACE } from '../../../../vault/index.js';
import { useApp, type RecordDraft } from '../../shell/context.js';
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
import {
  DeleteRecordPage,
  DiaryLoadFailed,
  DraftLoading,
  RecordFormPage,
  useDeleteRecord,
  useRecordForm,
  useSavedDraft,
  type RecordScreenKind,
} from '../record-screens.js';
import { browserTimeZone } from '../incident-form.js';
import { format } from '../../shell/messages.js';
import { TextArea, TextField } from '../../components/fields.js';
import { Busy, Button, LinkButton, Page } from '../../components/ui.js';

const NEW_DRAFT = 'new';

// ---- screens ----

export function PlacesScreen() {
  const { navigate } = useApp();
  const dm = useDiaryText();
  const p = dm.diary.places;
  const { state, retry } = useDiary();
  return (
    <Page title={p.title} back={() => navigate({ name: 'home' })}>
      <p>{p.lede}</p>
      <Button onClick={() => navigate({ name: 'place-new' })}>{p.add}</Button>
      <Busy message={state.kind === 'loading' ? dm.diary.view.loading : undefined} />
      <DiaryLoadFailed state={state} retry={retry} />
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

const PLACES: RecordScreenKind<Place, PlaceInput, PlaceFields> = {
  kind: PLACE,
  drafts: (diary) => diary.places,
  toFields: placeToFields,
  list: { name: 'places' },
};

export function NewPlaceScreen() {
  const { diary } = useApp();
  const dm = useDiaryText();
  const draft = diary.places.get(NEW_DRAFT) ?? { fields: emptyPlaceFields() };
  return <PlaceForm title={dm.diary.places.newTitle} draftKey={NEW_DRAFT} draft={draft} />;
}

export function EditPlaceScreen({ id }: { id: string }) {
  const { diary } = useApp();
  const dm = useDiaryText();
  const held = diary.store.get('place', id);
  const { draft, problem } = useSavedDraft(PLACES, id, held, dm.diary.places.notFound);
  if (draft === undefined) {
    return <DraftLoading title={dm.diary.places.editTitle} problem={problem} list={PLACES.list} />;
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
  draft: RecordDraft<PlaceFields>;
  /** The place's id, when it is saved and so can be deleted. */
  deletable?: string;
}) {
  const { locale } = useApp();
  const dm = useDiaryText();
  const p = dm.diary.places;
  const form = useRecordForm(PLACES, {
    draftKey,
    draft,
    firstField: 'place-name',
    saved: p.saved,
    check: (fields) => {
      const check = checkPlace(fields);
      return check.ok ? check : { ok: false, errors: placeErrors(fields, check.issues, p.errors) };
    },
  });
  const { fields, update, error } = form;
  return (
    <RecordFormPage
      title={title}
      form={form}
      save={p.save}
      {...(deletable !== undefined
        ? { remove: { label: p.delete, screen: { name: 'place-delete', id: deletable } } }
        : {})}
    >
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
    </RecordFormPage>
  );
}

export function DeletePlaceScreen({ id }: { id: string }) {
  const { navigate, diary, api, session } = useApp();
  const shares = useSharesHolding(id);
  const dm = useDiaryText();
  const p = dm.diary.places;
  const loaded = useDiary();
  const { state } = loaded;
  const keep = (): void => navigate({ name: 'place-edit', id });
  const { busy, problem, remove } = useDeleteRecord(
    id,
    () => {
      diary.places.delete(id);
      // A list filtered by a place that no longer exists would show nothing, and no way to see why.
      if (diary.filter.placeId === id) diary.filter = { ...diary.filter, placeId: '' };
      navigate({ name: 'places' }, p.removed);
    },
    () => takeOutOfLiveShares(api, session.accountKey, shares, id),
  );
  const held =
    state.kind === 'loaded' ? state.data.places.find((place) => place.id === id) : undefined;
  const named = state.kind === 'loaded' ? incidentsAtPlace(state.data, id) : 0;
  return (
    <DeleteRecordPage
      title={p.removeTitle}
      caption={held?.value.name}
      back={keep}
      problem={problem}
      diary={loaded}
      present={held !== undefined}
      notFound={p.notFound}
      backToList={{ label: p.back, screen: { name: 'places' } }}
      confirmNamed={{ named, words: p, busy, onConfirm: () => void remove(), onKeep: keep }}
    >
      <InSharesWarning shares={shares} />
    </DeleteRecordPage>
  );
}
