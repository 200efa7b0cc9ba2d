/**
 * Encrypting and decrypting records, following docs/vault-protocol.md §4 and §7:
 *
 * - every record has a random id and its own random content key, wrapped by the account key in
 *   the slot `record-key/<id>`; every revision of the record is sealed with that key;
 * - the envelope's associated data binds the id, type and revision, so opening a record with the
 *   server's id, type and revision label fails if the server moved, relabelled or replayed it.
 *
 * No I/O here: these functions turn values into request bodies and responses into values.
 */
import {
  fromBase64Url,
  generateKey,
  openJson,
  recordKeyContext,
  sealJson,
  toBase64Url,
  unwrapKey,
  wrapKey,
} from '../crypto/index.js';
import type { CreateRecordBody, RecordResponse, UpdateRecordBody } from './api.js';
import { wipeBestEffort } from './session.js';

/** A simple diary entry; the full incident form comes later. */
export const NOTE_TYPE = 'note';

export interface NoteValue {
  readonly title: string;
  readonly body: string;
  /** Local date `YYYY-MM-DD`, or date and time `YYYY-MM-DDTHH:MM`, as the person entered it. */
  readonly happenedAt: string;
}

export interface DecryptedRecord<T> {
  readonly id: string;
  readonly type: string;
  readonly revision: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly value: T;
}

/** Thrown when a decrypted value does not have the shape its record type requires. */
export class RecordShapeError extends Error {
  override readonly name = 'RecordShapeError';
}

/**
 * A new random record id: 16 bytes from the browser's CSPRNG, unpadded base64url (22 characters).
 *
 * @example newRecordId() // 'q3J2y0m1rT4kZ8b1xN7wGA'
 */
export function newRecordId(): string {
  return toBase64Url(crypto.getRandomValues(new Uint8Array(16)));
}

/**
 * Checks that a decrypted value is a note.
 *
 * @example parseNote({ title: 'A', body: '', happenedAt: '2025-03-27' })
 */
export function parseNote(value: unknown): NoteValue {
  if (typeof value !== 'object' || value === null) throw new RecordShapeError('not an object');
  const o = value as Record<string, unknown>;
  const { title, body, happenedAt } = o;
  if (typeof title !== 'string' || typeof body !== 'string' || typeof happenedAt !== 'string') {
    throw new RecordShapeError('a note needs title, body and happenedAt strings');
  }
  return { title, body, happenedAt };
}

/**
 * Seals the first revision of a new record under a fresh content key.
 *
 * @example
 * const body = await sealNewRecord(accountKey, NOTE_TYPE, { title, body, happenedAt });
 * await api.createRecord(body);
 */
export async function sealNewRecord(
  accountKey: Uint8Array,
  type: string,
  value: unknown,
  id: string = newRecordId(),
): Promise<CreateRecordBody> {
  const contentKey = await generateKey();
  try {
    const wrappedKey = await wrapKey(accountKey, contentKey, recordKeyContext(id));
    const envelope = await sealJson({
      key: contentKey,
      recordId: id,
      recordType: type,
      revision: 1,
      value,
    });
    return {
      id,
      type,
      ciphertext: toBase64Url(envelope),
      wrappedKey: toBase64Url(wrappedKey),
    };
  } finally {
    wipeBestEffort(contentKey);
  }
}

/**
 * Seals the next revision of an existing record, under the same content key (unwrapped from the
 * current revision's wrapped key, which checks it belongs to this record).
 *
 * @example
 * const body = await sealRecordUpdate(accountKey, current, { ...note, body: 'more' });
 * await api.updateRecord(current.id, body); // revision current.revision + 1
 */
export async function sealRecordUpdate(
  accountKey: Uint8Array,
  current: Pick<RecordResponse, 'id' | 'type' | 'revision' | 'wrappedKey'>,
  value: unknown,
): Promise<UpdateRecordBody> {
  const contentKey = await unwrapKey(
    accountKey,
    fromBase64Url(current.wrappedKey),
    recordKeyContext(current.id),
  );
  try {
    const envelope = await sealJson({
      key: contentKey,
      recordId: current.id,
      recordType: current.type,
      revision: current.revision + 1,
      value,
    });
    return {
      expectedRevision: current.revision,
      ciphertext: toBase64Url(envelope),
      wrappedKey: current.wrappedKey,
    };
  } finally {
    wipeBestEffort(contentKey);
  }
}

/**
 * Decrypts a record (or one of its revisions) as the server labelled it, and checks its shape.
 * `expected` pins what the client asked for: the type always, the id when it asked for one, the
 * revision when it knows it. Throws CryptoError (`decryption_failed` and friends) when the
 * ciphertext does not belong there, RecordShapeError when the value is not of the type.
 *
 * @example
 * const note = await openRecord(accountKey, response, { type: NOTE_TYPE, id }, parseNote);
 */
export async function openRecord<T>(
  accountKey: Uint8Array,
  response: RecordResponse,
  expected: { readonly type: string; readonly id?: string; readonly revision?: number },
  parse: (value: unknown) => T,
): Promise<DecryptedRecord<T>> {
  // The binding comes from what the client expects wherever it can, so a mislabelled record
  // fails authentication rather than being read as something else.
  const recordId = expected.id ?? response.id;
  const revision = expected.revision ?? response.revision;
  if (response.id !== recordId || response.revision !== revision) {
    throw new RecordShapeError('the server sent a different record or revision');
  }
  const contentKey = await unwrapKey(
    accountKey,
    fromBase64Url(response.wrappedKey),
    recordKeyContext(recordId),
  );
  try {
    const value = await openJson({
      key: contentKey,
      recordId,
      recordType: expected.type,
      revision,
      envelope: fromBase64Url(response.ciphertext),
    });
    return {
      id: recordId,
      type: expected.type,
      revision,
      createdAt: response.createdAt,
      updatedAt: response.updatedAt,
      value: parse(value),
    };
  } finally {
    wipeBestEffort(contentKey);
  }
}

/**
 * Remembers the highest revision seen of each record while unlocked, so a server that serves an
 * older revision as the current one (docs/vault-protocol.md §13, rollback) is noticed within a
 * session. Forgotten on lock, like everything else.
 */
export class RevisionWatch {
  private readonly highest = new Map<string, number>();

  /** Records a revision; returns false when it is older than one already seen. */
  see(id: string, revision: number): boolean {
    const seen = this.highest.get(id) ?? 0;
    if (revision < seen) return false;
    this.highest.set(id, revision);
    return true;
  }

  forget(id: string): void {
    this.highest.delete(id);
  }
}
