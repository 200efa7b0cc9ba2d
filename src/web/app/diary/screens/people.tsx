/**
 * People: their own records (name or alias, relationship, description, vehicles, phones,
 * accounts). Deleting one leaves the incidents that name them as they are: their ids stay, and
 * every screen shows a missing person as "Unknown person (deleted)".
 */
import { InSharesWarning, takeOutOfLiveShares, useSharesHolding } from '../../share/in-shares.js';
import { useMemo } from 'preact/hooks';
import {
  filterIncidents,
  RELATIONSHIPS,
  type Entry,
  type Incident,
  type Person,
  type PersonInput,
} from '../../../../domain/diary/index.js';
import { PERSON } from '../../../../vault/index.js';
import { useApp, type RecordDraft } from '../../shell/context.js';
import { useDiaryText } from '../diary-text.js';
import { personName, relationshipLabel, Select, useDiary } from '../diary-ui.js';
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
import { format } from '../../shell/messages.js';
import {
  checkPerson,
  emptyPersonFields,
  personFieldIdOf,
  personToFields,
  type PersonFields,
} from '../person-form.js';
import { TextArea, TextField } from '../../components/fields.js';
import { Busy, Button, LinkButton, Page } from '../../components/ui.js';

const NEW_DRAFT = 'new';

const PEOPLE: RecordScreenKind<Person, PersonInput, PersonFields> = {
  kind: PERSON,
  drafts: (diary) => diary.people,
  toFields: personToFields,
  list: { name: 'people' },
};

/**
 * How many incidents name each person as having done it, and as a witness.
 *
 * @example personRoles([{ value: { perpetratorIds: ['a'], witnessIds: ['b'] } }]).get('a') // { didIt: 1, witnessed: 0 }
 */
export function personRoles(
  incidents: readonly {
    readonly value: Pick<Incident, 'perpetratorIds' | 'witnessIds'>;
  }[],
): Map<string, { didIt: number; witnessed: number }> {
  const roles = new Map<string, { didIt: number; witnessed: number }>();
  const of = (id: string) => {
    let r = roles.get(id);
    if (r === undefined) roles.set(id, (r = { didIt: 0, witnessed: 0 }));
    return r;
  };
  for (const { value } of incidents) {
    for (const id of new Set(value.perpetratorIds)) of(id).didIt++;
    for (const id of new Set(value.witnessIds)) of(id).witnessed++;
  }
  return roles;
}

export function PeopleScreen() {
  const { locale, navigate } = useApp();
  const dm = useDiaryText();
  const p = dm.diary.people;
  const r = dm.diaryExtra.people;
  const { state, retry } = useDiary();
  const roles = useMemo(
    () =>
      state.kind === 'loaded'
        ? personRoles(state.data.incidents)
        : new Map<string, { didIt: number; witnessed: number }>(),
    [state],
  );
  return (
    <Page title={p.title} back={() => navigate({ name: 'home' })}>
      <p>{p.lede}</p>
      <Button onClick={() => navigate({ name: 'person-new' })}>{p.add}</Button>
      <Busy message={state.kind === 'loading' ? dm.diary.view.loading : undefined} />
      <DiaryLoadFailed state={state} retry={retry} />
      {state.kind === 'loaded' &&
        (state.data.people.length === 0 ? (
          <p>{p.empty}</p>
        ) : (
          <ul class="entries" data-people="">
            {state.data.people.map((person) => {
              const role = roles.get(person.id) ?? { didIt: 0, witnessed: 0 };
              const said = [
                ...(role.didIt > 0
                  ? [role.didIt === 1 ? r.didItOne : format(r.didIt, { n: role.didIt })]
                  : []),
                ...(role.witnessed > 0
                  ? [
                      role.witnessed === 1
                        ? r.witnessedOne
                        : format(r.witnessed, { n: role.witnessed }),
                    ]
                  : []),
              ];
              return (
                <li class="entry" key={person.id} data-person="">
                  <h2 class="entry__title">{personName(person.value)}</h2>
                  <p class="entry__meta" data-roles="">
                    {said.length > 0 ? said.join(' · ') : r.none}
                  </p>
                  {person.value.relationship !== undefined && (
                    <p class="entry__meta">
                      {relationshipLabel(locale, person.value.relationship)}
                    </p>
                  )}
                  {person.value.description !== undefined && (
                    <p class="entry__excerpt">{person.value.description}</p>
                  )}
                  <LinkButton onClick={() => navigate({ name: 'person-edit', id: person.id })}>
                    {format(p.edit, { name: personName(person.value) })}
                  </LinkButton>
                </li>
              );
            })}
          </ul>
        ))}
    </Page>
  );
}

export function NewPersonScreen() {
  const { diary } = useApp();
  const dm = useDiaryText();
  const draft = diary.people.get(NEW_DRAFT) ?? { fields: emptyPersonFields() };
  return <PersonForm title={dm.diary.people.newTitle} draftKey={NEW_DRAFT} draft={draft} />;
}

export function EditPersonScreen({ id }: { id: string }) {
  const { diary } = useApp();
  const dm = useDiaryText();
  const held = diary.store.get('person', id);
  const { draft, problem } = useSavedDraft(PEOPLE, id, held, dm.diary.people.notFound);
  if (draft === undefined) {
    return <DraftLoading title={dm.diary.people.editTitle} problem={problem} list={PEOPLE.list} />;
  }
  return (
    <PersonForm title={dm.diary.people.editTitle} draftKey={id} draft={draft} deletable={id} />
  );
}

function PersonForm({
  title,
  draftKey,
  draft,
  deletable,
}: {
  title: string;
  draftKey: string;
  draft: RecordDraft<PersonFields>;
  /** The person's id, when they are saved and so can be deleted. */
  deletable?: string;
}) {
  const { locale } = useApp();
  const dm = useDiaryText();
  const p = dm.diary.people;
  const form = useRecordForm(PEOPLE, {
    draftKey,
    draft,
    firstField: 'person-name',
    saved: p.saved,
    check: (fields) => {
      const check = checkPerson(fields);
      if (check.ok) return check;
      return {
        ok: false,
        errors: check.issues.map((i) => {
          const field = personFieldIdOf(i.path);
          return { field, message: field === 'person-name' ? p.errorName : i.message };
        }),
      };
    },
  });
  const { fields, update, error } = form;
  return (
    <RecordFormPage
      title={title}
      form={form}
      save={p.save}
      {...(deletable !== undefined
        ? { remove: { label: p.delete, screen: { name: 'person-delete', id: deletable } } }
        : {})}
    >
      <TextField
        id="person-name"
        label={p.name}
        error={error('person-name')}
        value={fields.name}
        onInput={(name) => update({ name })}
        autocomplete="off"
        width="full"
      />
      <TextField
        id="person-alias"
        label={p.alias}
        hint={p.aliasHint}
        error={error('person-alias')}
        value={fields.alias}
        onInput={(alias) => update({ alias })}
        autocomplete="off"
        width="full"
      />
      <Select
        id="person-relationship"
        label={p.relationship}
        options={[
          { value: '', label: p.relationshipNone },
          ...RELATIONSHIPS.map((r) => ({ value: r.key, label: r.label[locale] })),
        ]}
        value={fields.relationship}
        onChange={(relationship) => update({ relationship })}
      />
      <TextArea
        id="person-description"
        label={p.description}
        error={error('person-description')}
        value={fields.description}
        onInput={(description) => update({ description })}
        rows={3}
      />
      <TextArea
        id="person-vehicles"
        label={p.vehicles}
        hint={p.vehiclesHint}
        error={error('person-vehicles')}
        value={fields.vehicles}
        onInput={(vehicles) => update({ vehicles })}
        rows={2}
      />
      <TextArea
        id="person-phones"
        label={p.phones}
        hint={p.phonesHint}
        error={error('person-phones')}
        value={fields.phones}
        onInput={(phones) => update({ phones })}
        rows={2}
      />
      <TextArea
        id="person-accounts"
        label={p.accounts}
        hint={p.accountsHint}
        error={error('person-accounts')}
        value={fields.accounts}
        onInput={(accounts) => update({ accounts })}
        rows={2}
      />
    </RecordFormPage>
  );
}

/** Incidents that name a person, as the one who did it or as a witness (each counted once). */
export function incidentsNamingPerson(
  data: { readonly incidents: readonly Entry<Incident>[] },
  personId: string,
): number {
  // The time zone only matters for date ranges, which this filter has none of.
  return filterIncidents(data.incidents, { personIds: [personId] }, { timeZone: 'UTC' }).length;
}

export function DeletePersonScreen({ id }: { id: string }) {
  const { navigate, diary, api, session } = useApp();
  const shares = useSharesHolding(id);
  const dm = useDiaryText();
  const p = dm.diary.people;
  const loaded = useDiary();
  const { state } = loaded;
  const keep = (): void => navigate({ name: 'person-edit', id });
  const { busy, problem, remove } = useDeleteRecord(
    id,
    () => {
      diary.people.delete(id);
      // A list filtered by a person who no longer exists would show nothing, and no way to see why.
      if (diary.filter.personId === id) diary.filter = { ...diary.filter, personId: '' };
      navigate({ name: 'people' }, p.removed);
    },
    () => takeOutOfLiveShares(api, session.accountKey, shares, id),
  );
  const held =
    state.kind === 'loaded' ? state.data.people.find((person) => person.id === id) : undefined;
  const named = state.kind === 'loaded' ? incidentsNamingPerson(state.data, id) : 0;
  return (
    <DeleteRecordPage
      title={p.removeTitle}
      caption={held !== undefined ? personName(held.value) : undefined}
      back={keep}
      problem={problem}
      diary={loaded}
      present={held !== undefined}
      notFound={p.notFound}
      backToList={{ label: p.back, screen: { name: 'people' } }}
      confirmNamed={{ named, words: p, busy, onConfirm: () => void remove(), onKeep: keep }}
    >
      <InSharesWarning shares={shares} />
    </DeleteRecordPage>
  );
}
