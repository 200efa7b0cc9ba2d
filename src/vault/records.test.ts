import { beforeAll, describe, expect, it } from 'vitest';
import { cryptoReady, fromBase64Url, generateKey, isCryptoError } from '../crypto/index.js';
import { recordIdSchema } from '../contract/vault-api.js';
import type { RecordResponse } from './api.js';
import {
  newRecordId,
  NOTE_TYPE,
  openRecord,
  parseNote,
  RecordShapeError,
  RevisionWatch,
  sealNewRecord,
  sealRecordUpdate,
} from './records.js';

let accountKey: Uint8Array;
beforeAll(async () => {
  await cryptoReady();
  accountKey = await generateKey();
});

const note = { title: 'Car outside', body: 'Secret phrase orchid-7', happenedAt: '2025-03-27' };

/** What the server would answer after storing a body. */
function stored(
  body: { id?: string; type?: string; ciphertext: string; wrappedKey: string },
  id: string,
  revision: number,
): RecordResponse {
  return {
    id,
    type: body.type ?? NOTE_TYPE,
    revision,
    ciphertext: body.ciphertext,
    wrappedKey: body.wrappedKey,
    size: fromBase64Url(body.ciphertext).length,
    createdAt: '2025-03-27T10:00:00.000Z',
    updatedAt: '2025-03-27T10:00:00.000Z',
  };
}

async function failsToOpen(promise: Promise<unknown>): Promise<void> {
  const error: unknown = await promise.catch((e: unknown) => e);
  expect(isCryptoError(error, 'decryption_failed') || error instanceof RecordShapeError).toBe(true);
}

describe('records', () => {
  it('makes random ids the server accepts', () => {
    const ids = new Set(Array.from({ length: 100 }, () => newRecordId()));
    expect(ids.size).toBe(100);
    for (const id of ids) {
      expect(id).toHaveLength(22);
      expect(recordIdSchema.safeParse(id).success).toBe(true);
    }
  });

  it('seals a new note as revision 1 and opens it again', async () => {
    const body = await sealNewRecord(accountKey, NOTE_TYPE, note);
    expect(body.type).toBe(NOTE_TYPE);
    const opened = await openRecord(
      accountKey,
      stored(body, body.id, 1),
      { type: NOTE_TYPE },
      parseNote,
    );
    expect(opened).toMatchObject({ id: body.id, revision: 1, value: note });
  });

  it('never puts the plaintext in the body it sends', async () => {
    const body = await sealNewRecord(accountKey, NOTE_TYPE, note);
    const sent = JSON.stringify(body);
    expect(sent).not.toContain('orchid');
    expect(sent).not.toContain('Car outside');
    const bytes = fromBase64Url(body.ciphertext);
    expect(new TextDecoder('utf-8', { fatal: false }).decode(bytes)).not.toContain('orchid');
  });

  it('seals an update as the next revision under the same record key', async () => {
    const body = await sealNewRecord(accountKey, NOTE_TYPE, note);
    const first = stored(body, body.id, 1);
    const update = await sealRecordUpdate(accountKey, first, { ...note, body: 'Second' });
    expect(update.expectedRevision).toBe(1);
    expect(update.wrappedKey).toBe(first.wrappedKey);
    const second = stored({ ...update, type: NOTE_TYPE }, body.id, 2);
    const opened = await openRecord(
      accountKey,
      second,
      { type: NOTE_TYPE, id: body.id },
      parseNote,
    );
    expect(opened.revision).toBe(2);
    expect(opened.value.body).toBe('Second');
  });

  it('refuses a revision relabelled, a ciphertext moved to another record, or another type', async () => {
    const a = await sealNewRecord(accountKey, NOTE_TYPE, note);
    const b = await sealNewRecord(accountKey, NOTE_TYPE, { ...note, title: 'Other' });
    const update = await sealRecordUpdate(accountKey, stored(a, a.id, 1), { ...note, body: '2' });

    // Revision 2's envelope served as revision 1 (or 3).
    await failsToOpen(
      openRecord(accountKey, stored(update, a.id, 3), { type: NOTE_TYPE }, parseNote),
    );
    // Revision 1 served where revision 2 is expected (a rollback inside the history list).
    await failsToOpen(
      openRecord(accountKey, stored(a, a.id, 1), { type: NOTE_TYPE, revision: 2 }, parseNote),
    );
    // A's ciphertext and key served as record B.
    await failsToOpen(openRecord(accountKey, stored(a, b.id, 1), { type: NOTE_TYPE }, parseNote));
    // A's ciphertext with B's wrapped key.
    await failsToOpen(
      openRecord(
        accountKey,
        { ...stored(a, a.id, 1), wrappedKey: b.wrappedKey },
        { type: NOTE_TYPE },
        parseNote,
      ),
    );
    // The record the client asked for is not the one served.
    await failsToOpen(
      openRecord(accountKey, stored(b, b.id, 1), { type: NOTE_TYPE, id: a.id }, parseNote),
    );
    // Read as another type.
    await failsToOpen(openRecord(accountKey, stored(a, a.id, 1), { type: 'incident' }, parseNote));
    // Under another account's key.
    await failsToOpen(
      openRecord(await generateKey(), stored(a, a.id, 1), { type: NOTE_TYPE }, parseNote),
    );
  });

  it('refuses a decrypted value that is not a note', async () => {
    const body = await sealNewRecord(accountKey, NOTE_TYPE, { title: 1 });
    await expect(
      openRecord(accountKey, stored(body, body.id, 1), { type: NOTE_TYPE }, parseNote),
    ).rejects.toBeInstanceOf(RecordShapeError);
    expect(() => parseNote(null)).toThrow(RecordShapeError);
    expect(parseNote({ ...note, extra: 1 })).toEqual(note);
  });

  it('pads envelopes, so the size reveals a 256-byte bucket, not the length', async () => {
    const short = await sealNewRecord(accountKey, NOTE_TYPE, { ...note, body: 'a' });
    const longer = await sealNewRecord(accountKey, NOTE_TYPE, { ...note, body: 'a'.repeat(100) });
    expect(fromBase64Url(short.ciphertext).length).toBe(fromBase64Url(longer.ciphertext).length);
  });
});

describe('RevisionWatch', () => {
  it('notices an older revision served after a newer one', () => {
    const watch = new RevisionWatch();
    expect(watch.see('a', 1)).toBe(true);
    expect(watch.see('a', 3)).toBe(true);
    expect(watch.see('a', 3)).toBe(true);
    expect(watch.see('a', 2)).toBe(false);
    watch.forget('a');
    expect(watch.see('a', 1)).toBe(true);
  });
});
