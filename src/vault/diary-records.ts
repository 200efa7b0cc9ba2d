/**
 * Diary records (incidents and people) through the API, the same way notes go: every record is
 * decrypted in memory and opened with the binding the client expects (type, id, revision), and
 * every plaintext is checked with its schema from src/domain/diary before it is shown.
 */
import {
  effectRecordSchema,
  incidentSchema,
  personSchema,
  placeSchema,
  type EffectRecord,
  type EffectRecordInput,
  type Incident,
  type IncidentInput,
  type Person,
  type PersonInput,
  type Place,
  type PlaceInput,
} from '../domain/diary/index.js';
import type { RecordResponse, VaultApi } from './api.js';
import { RollbackError } from './notes.js';
import {
  openRecord,
  RecordShapeError,
  sealNewRecord,
  sealRecordUpdate,
  type DecryptedRecord,
  type RevisionWatch,
} from './records.js';

export const INCIDENT_TYPE = 'incident';
export const PERSON_TYPE = 'person';
export const PLACE_TYPE = 'place';
export const EFFECT_TYPE = 'effect';

export interface Kind<T, I> {
  readonly type: string;
  readonly parse: (value: unknown) => T;
  /** Checks input before it is sealed. */
  readonly check: (value: I) => T;
}

function parser<T>(schema: {
  safeParse: (v: unknown) => { success: true; data: T } | { success: false };
}): (value: unknown) => T {
  return (value) => {
    const result = schema.safeParse(value);
    if (!result.success) throw new RecordShapeError('the record does not fit its schema');
    return result.data;
  };
}

export const INCIDENT: Kind<Incident, IncidentInput> = {
  type: INCIDENT_TYPE,
  parse: parser<Incident>(incidentSchema),
  check: parser<Incident>(incidentSchema),
};

export const PERSON: Kind<Person, PersonInput> = {
  type: PERSON_TYPE,
  parse: parser<Person>(personSchema),
  check: parser<Person>(personSchema),
};

export const PLACE: Kind<Place, PlaceInput> = {
  type: PLACE_TYPE,
  parse: parser<Place>(placeSchema),
  check: parser<Place>(placeSchema),
};

export const EFFECT: Kind<EffectRecord, EffectRecordInput> = {
  type: EFFECT_TYPE,
  parse: parser<EffectRecord>(effectRecordSchema),
  check: parser<EffectRecord>(effectRecordSchema),
};

const PAGE_SIZE = 200;
const MAX_PAGES = 100;

/** Every record of a kind, plus how many could not be opened. */
export async function loadAll<T, I>(
  api: VaultApi,
  accountKey: Uint8Array,
  watch: RevisionWatch,
  kind: Kind<T, I>,
): Promise<{ records: DecryptedRecord<T>[]; unreadable: number }> {
  const responses: RecordResponse[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await api.listRecords({
      type: kind.type,
      limit: PAGE_SIZE,
      ...(cursor !== undefined ? { cursor } : {}),
    });
    responses.push(...result.records);
    if (result.next === null) break;
    cursor = result.next;
  }
  const records: DecryptedRecord<T>[] = [];
  let unreadable = 0;
  for (const response of responses) {
    try {
      if (response.type !== kind.type) throw new RecordShapeError('wrong type');
      const record = await openRecord(accountKey, response, { type: kind.type }, kind.parse);
      if (!watch.see(record.id, record.revision)) throw new RollbackError();
      records.push(record);
    } catch {
      unreadable++;
    }
  }
  return { records, unreadable };
}

export async function loadOne<T, I>(
  api: VaultApi,
  accountKey: Uint8Array,
  watch: RevisionWatch,
  kind: Kind<T, I>,
  id: string,
): Promise<{ record: DecryptedRecord<T>; response: RecordResponse }> {
  const response = await api.getRecord(id);
  const record = await openRecord(accountKey, response, { type: kind.type, id }, kind.parse);
  if (!watch.see(id, record.revision)) throw new RollbackError();
  return { record, response };
}

export async function addRecord<T, I>(
  api: VaultApi,
  accountKey: Uint8Array,
  watch: RevisionWatch,
  kind: Kind<T, I>,
  value: I,
): Promise<string> {
  const body = await sealNewRecord(accountKey, kind.type, kind.check(value));
  const created = await api.createRecord(body);
  watch.see(created.id, created.revision);
  return created.id;
}

/** A new revision on top of `base`; a change made elsewhere meanwhile is `revision_conflict`. */
export async function editRecord<T, I>(
  api: VaultApi,
  accountKey: Uint8Array,
  watch: RevisionWatch,
  kind: Kind<T, I>,
  base: RecordResponse,
  value: I,
): Promise<void> {
  const body = await sealRecordUpdate(accountKey, base, kind.check(value));
  const updated = await api.updateRecord(base.id, body);
  watch.see(updated.id, updated.revision);
}

export type Version<T> =
  | {
      readonly ok: true;
      readonly record: DecryptedRecord<T>;
      /** The revision as the server holds it (for its receipt). */
      readonly response: RecordResponse;
    }
  | { readonly ok: false; readonly revision: number; readonly savedAt: string };

/** Every revision, oldest first; undefined when the list is not exactly revisions 1…n. */
export async function loadVersions<T, I>(
  api: VaultApi,
  accountKey: Uint8Array,
  kind: Kind<T, I>,
  id: string,
): Promise<Version<T>[] | undefined> {
  const revisions = await api.listRevisions(id);
  if (revisions.length === 0) return undefined;
  if (revisions.some((r, i) => r.id !== id || r.revision !== i + 1)) return undefined;
  const versions: Version<T>[] = [];
  for (const [i, response] of revisions.entries()) {
    try {
      const record = await openRecord(
        accountKey,
        response,
        { type: kind.type, id, revision: i + 1 },
        kind.parse,
      );
      versions.push({ ok: true, record, response });
    } catch {
      versions.push({ ok: false, revision: i + 1, savedAt: response.updatedAt });
    }
  }
  return versions;
}

export async function deleteRecord(api: VaultApi, watch: RevisionWatch, id: string): Promise<void> {
  await api.deleteRecord(id);
  watch.forget(id);
}
