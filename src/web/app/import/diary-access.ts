/**
 * The import's only door into the diary: the session's diary store, so every screen sees the
 * new incidents and people at once, and nothing is decrypted twice.
 */
import type { Incident, IncidentInput, Person, PersonInput } from '../../../domain/diary/index.js';
import type { AppContextValue } from '../shell/context.js';
import { INCIDENT, PERSON, type DecryptedRecord } from '../../../vault/index.js';

type App = Pick<AppContextValue, 'diary'>;

export async function loadDiary(app: App): Promise<{
  readonly incidents: readonly DecryptedRecord<Incident>[];
  readonly people: readonly DecryptedRecord<Person>[];
}> {
  const data = await app.diary.store.load();
  return { incidents: data.incidents, people: data.people };
}

export function addIncident(app: App, value: IncidentInput): Promise<string> {
  return app.diary.store.add(INCIDENT, value);
}

export function addPerson(app: App, value: PersonInput): Promise<string> {
  return app.diary.store.add(PERSON, value);
}

/** Adds to a person record on top of its newest revision from the server. */
export async function updatePerson(
  app: App,
  id: string,
  change: (person: Person) => PersonInput,
): Promise<void> {
  const held = await app.diary.store.fetchOne(PERSON, id);
  await app.diary.store.edit(PERSON, held.response, change(held.record.value));
}
