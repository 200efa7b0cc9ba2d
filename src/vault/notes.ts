/**
 * Diary notes through the API: list, open, add, edit, history, delete. Everything is decrypted
 * here, in memory, and every record is opened with the binding the client expects (type, id,
 * revision), so the server cannot slip one record in for another.
 */
import type { RecordResponse, VaultApi } from './api.js';
import {
  NOTE_TYPE,
  openRecord,
  parseNote,
  sealNewRecord,
  sealRecordUpdate,
  type DecryptedRecord,
  type NoteValue,
  type RevisionWatch,
} from './records.js';

export type Note = DecryptedRecord<NoteValue>;

/** One page of the list is at most this many; more pages are followed up to MAX_PAGES. */
const PAGE_SIZE = 200;
const MAX_PAGES = 100;

/** Thrown when the server serves an older revision than this session has already seen. */
export class RollbackError extends Error {
  override readonly name = 'RollbackError';
  constructor() {
    super('the server sent an older revision than one already seen');
  }
}

/**
 * Every note, newest happening first, plus how many could not be opened (changed on the server,
 * or from a newer app version); those are reported, never silently dropped.
 */
export async function loadNotes(
  api: VaultApi,
  accountKey: Uint8Array,
  watch: RevisionWatch,
): Promise<{ notes: Note[]; unreadable: number }> {
  const responses: RecordResponse[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await api.listRecords({
      type: NOTE_TYPE,
      limit: PAGE_SIZE,
      ...(cursor !== undefined ? { cursor } : {}),
    });
    responses.push(...result.records);
    if (result.next === null) break;
    cursor = result.next;
  }
  const notes: Note[] = [];
  let unreadable = 0;
  for (const response of responses) {
    try {
      if (response.type !== NOTE_TYPE) throw new Error('not a note');
      const note = await openRecord(accountKey, response, { type: NOTE_TYPE }, parseNote);
      if (!watch.see(note.id, note.revision)) throw new RollbackError();
      notes.push(note);
    } catch {
      unreadable++;
    }
  }
  notes.sort(
    (a, b) =>
      b.value.happenedAt.localeCompare(a.value.happenedAt) ||
      b.createdAt.localeCompare(a.createdAt),
  );
  return { notes, unreadable };
}

/** One note, with its current server response (needed to edit it). */
export async function loadNote(
  api: VaultApi,
  accountKey: Uint8Array,
  watch: RevisionWatch,
  id: string,
): Promise<{ note: Note; response: RecordResponse }> {
  const response = await api.getRecord(id);
  const note = await openRecord(accountKey, response, { type: NOTE_TYPE, id }, parseNote);
  if (!watch.see(id, note.revision)) throw new RollbackError();
  return { note, response };
}

export async function addNote(
  api: VaultApi,
  accountKey: Uint8Array,
  watch: RevisionWatch,
  value: NoteValue,
): Promise<string> {
  const body = await sealNewRecord(accountKey, NOTE_TYPE, value);
  const created = await api.createRecord(body);
  watch.see(created.id, created.revision);
  return created.id;
}

/**
 * Saves a new revision on top of `base`. A change made elsewhere since `base` is refused by the
 * server with `revision_conflict`, and nothing is overwritten.
 */
export async function editNote(
  api: VaultApi,
  accountKey: Uint8Array,
  watch: RevisionWatch,
  base: RecordResponse,
  value: NoteValue,
): Promise<void> {
  const body = await sealRecordUpdate(accountKey, base, value);
  const updated = await api.updateRecord(base.id, body);
  watch.see(updated.id, updated.revision);
}

export type NoteVersion =
  | { readonly ok: true; readonly note: Note }
  | { readonly ok: false; readonly revision: number; readonly savedAt: string };

/**
 * Every revision, oldest first. The list must be exactly revisions 1…n of this record; each is
 * opened as that revision, so the server cannot reorder, relabel or borrow one from elsewhere.
 *
 * @returns undefined when the list itself does not fit (wrong record, gaps, duplicates).
 */
export async function loadHistory(
  api: VaultApi,
  accountKey: Uint8Array,
  id: string,
): Promise<NoteVersion[] | undefined> {
  const revisions = await api.listRevisions(id);
  if (revisions.length === 0) return undefined;
  if (revisions.some((r, i) => r.id !== id || r.revision !== i + 1)) return undefined;
  const versions: NoteVersion[] = [];
  for (const [i, response] of revisions.entries()) {
    try {
      const note = await openRecord(
        accountKey,
        response,
        { type: NOTE_TYPE, id, revision: i + 1 },
        parseNote,
      );
      versions.push({ ok: true, note });
    } catch {
      versions.push({ ok: false, revision: i + 1, savedAt: response.updatedAt });
    }
  }
  return versions;
}

export async function deleteNote(api: VaultApi, watch: RevisionWatch, id: string): Promise<void> {
  await api.deleteRecord(id);
  watch.forget(id);
}
