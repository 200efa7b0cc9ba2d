/**
 * People: their own records (name or alias, relationship, description, vehicles, phones,
 * accounts). Deleting one leaves the incidents that name them as they are: their ids stay, and
 * every screen shows a missing person as "Unknown person (deleted)".
 */
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
import { useApp } from '../../shell/context.js';
import { useDiaryText } from '../diary-text.js';
import { personName, relationshipLabel, Select, type DiaryData } from '../diary-ui.js';
import {
  DeleteNamedRecordScreen,
  RecordFormScreen,
  RecordListPage,
  type RecordKindScreens,
} from '../record-kind-screens.js';
import { format } from '../../shell/messages.js';
import {
  checkPerson,
  emptyPersonFields,
  personFieldIdOf,
  personToFields,
  type PersonFields,
} from '../person-form.js';
import { TextArea, TextField } from '../../components/fields.js';
import { LinkButton } from '../../components/ui.js';

const PEOPLE: RecordKindScreens<Person, PersonInput, PersonFields> = {
  kind: PERSON,
  drafts: (diary) => diary.people,
  toFields: personToFields,
  list: { name: 'people' },
  held: (store, id) => store.get('person', id),
  emptyFields: emptyPersonFields,
  edit: (id) => ({ name: 'person-edit', id }),
  remove: (id) => ({ name: 'person-delete', id }),
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
  const dm = useDiaryText();
  const p = dm.diary.people;
  return (
    <RecordListPage
      title={p.title}
      lede={p.lede}
      add={{ label: p.add, screen: { name: 'person-new' } }}
    >
      {(data) => (data.people.length === 0 ? <p>{p.empty}</p> : <PeopleList data={data} />)}
    </RecordListPage>
  );
}

function PeopleList({ data }: { data: DiaryData }) {
  const { locale, navigate } = useApp();
  const dm = useDiaryText();
  const p = dm.diary.people;
  const r = dm.diaryExtra.people;
  const roles = useMemo(() => personRoles(data.incidents), [data]);
  return (
    <ul class="entries" data-people="">
      {data.people.map((person) => {
        const role = roles.get(person.id) ?? { didIt: 0, witnessed: 0 };
        const said = [
          ...(role.didIt > 0
            ? [role.didIt === 1 ? r.didItOne : format(r.didIt, { n: role.didIt })]
            : []),
          ...(role.witnessed > 0
            ? [role.witnessed === 1 ? r.witnessedOne : format(r.witnessed, { n: role.witnessed })]
            : []),
        ];
        return (
          <li class="entry" key={person.id} data-person="">
            <h2 class="entry__title">{personName(person.value)}</h2>
            <p class="entry__meta" data-roles="">
              {said.length > 0 ? said.join(' · ') : r.none}
            </p>
            {person.value.relationship !== undefined && (
              <p class="entry__meta">{relationshipLabel(locale, person.value.relationship)}</p>
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
  );
}

export function NewPersonScreen() {
  return <PersonForm />;
}

export function EditPersonScreen({ id }: { id: string }) {
  return <PersonForm id={id} />;
}

/** A new person (without `id`) or a saved one. */
function PersonForm({ id }: { id?: string }) {
  const { locale } = useApp();
  const dm = useDiaryText();
  const p = dm.diary.people;
  return (
    <RecordFormScreen
      spec={PEOPLE}
      id={id}
      words={p}
      firstField="person-name"
      check={(fields) => {
        const check = checkPerson(fields);
        if (check.ok) return check;
        return {
          ok: false,
          errors: check.issues.map((i) => {
            const field = personFieldIdOf(i.path);
            return { field, message: field === 'person-name' ? p.errorName : i.message };
          }),
        };
      }}
    >
      {({ fields, update, error }) => (
        <>
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
        </>
      )}
    </RecordFormScreen>
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
  const dm = useDiaryText();
  return (
    <DeleteNamedRecordScreen
      id={id}
      spec={PEOPLE}
      words={dm.diary.people}
      find={(data) => data.people}
      caption={personName}
      named={incidentsNamingPerson}
      filter="personId"
    />
  );
}
