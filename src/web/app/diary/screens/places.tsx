/**
 * Saved places: their own records ("Home", "Work"), so many incidents can point at one place and
 * the pattern view can count them exactly. Built like the people screens: the session's store
 * does every read and write, and a place being typed is a draft in memory only.
 */
import { useMemo } from 'preact/hooks';
import {
  byPlace,
  PLACE_KINDS,
  type Place,
  type PlaceInput,
} from '../../../../domain/diary/index.js';
import { PLACE } from '../../../../vault/index.js';
import { useApp } from '../../shell/context.js';
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
import { Select, type DiaryData } from '../diary-ui.js';
import {
  DeleteNamedRecordScreen,
  RecordFormScreen,
  RecordListPage,
  type RecordKindScreens,
} from '../record-kind-screens.js';
import { browserTimeZone } from '../incident-form.js';
import { format } from '../../shell/messages.js';
import { TextArea, TextField } from '../../components/fields.js';
import { LinkButton } from '../../components/ui.js';

// ---- screens ----

export function PlacesScreen() {
  const dm = useDiaryText();
  const p = dm.diary.places;
  return (
    <RecordListPage
      title={p.title}
      lede={p.lede}
      add={{ label: p.add, screen: { name: 'place-new' } }}
    >
      {(data) => (data.places.length === 0 ? <p>{p.empty}</p> : <PlaceList data={data} />)}
    </RecordListPage>
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

const PLACES: RecordKindScreens<Place, PlaceInput, PlaceFields> = {
  kind: PLACE,
  drafts: (diary) => diary.places,
  toFields: placeToFields,
  list: { name: 'places' },
  held: (store, id) => store.get('place', id),
  emptyFields: emptyPlaceFields,
  edit: (id) => ({ name: 'place-edit', id }),
  remove: (id) => ({ name: 'place-delete', id }),
};

export function NewPlaceScreen() {
  return <PlaceForm />;
}

export function EditPlaceScreen({ id }: { id: string }) {
  return <PlaceForm id={id} />;
}

/** A new place (without `id`) or a saved one. */
function PlaceForm({ id }: { id?: string }) {
  const { locale } = useApp();
  const dm = useDiaryText();
  const p = dm.diary.places;
  return (
    <RecordFormScreen
      spec={PLACES}
      id={id}
      words={p}
      firstField="place-name"
      check={(fields) => {
        const check = checkPlace(fields);
        return check.ok
          ? check
          : { ok: false, errors: placeErrors(fields, check.issues, p.errors) };
      }}
    >
      {({ fields, update, error }) => (
        <>
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
        </>
      )}
    </RecordFormScreen>
  );
}

export function DeletePlaceScreen({ id }: { id: string }) {
  const dm = useDiaryText();
  return (
    <DeleteNamedRecordScreen
      id={id}
      spec={PLACES}
      words={dm.diary.places}
      find={(data) => data.places}
      caption={(place) => place.name}
      named={incidentsAtPlace}
      filter="placeId"
    />
  );
}
