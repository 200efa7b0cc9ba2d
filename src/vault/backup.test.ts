/**
 * The backup file format with real libsodium and real Argon2id (64 MiB, so only three
 * derivations in the whole file): a round trip that keeps every envelope byte for byte, the
 * wrong passphrase, a tampered ciphertext, a swapped record id, a dropped or rolled-back record,
 * a weak KDF, and re-keying under a new id.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  cryptoReady,
  deriveKeys,
  fromBase64Url,
  generateKey,
  isCryptoError,
  newKdfParams,
  openJson,
  recordKeyContext,
  toBase64Url,
  unwrapKey,
  type KdfParams,
} from '../crypto/index.js';
import type { RecordResponse } from './api.js';
import {
  backupFileName,
  backupSummary,
  isBackupError,
  parseBackup,
  serialiseBackup,
  type BackupFile,
  type RecordHistory,
} from './backup.js';
import {
  buildBackup,
  openBackup,
  openBackupWithKey,
  rekeyRecord,
  verifyBackup,
} from './backup-seal.js';
import { NOTE_TYPE, sealNewRecord, sealRecordUpdate } from './records.js';

const PASSPHRASE = 'amber kettle whistles softly';
const SECRET = 'orchid-secret-4417';

let kdf: KdfParams;
let kek: Uint8Array;
let accountKey: Uint8Array;
let histories: RecordHistory[];
let file: BackupFile;
let text: string;

function response(
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
    createdAt: `2026-11-2${revision}T10:00:00.000Z`,
    updatedAt: `2026-11-2${revision}T10:00:00.000Z`,
  };
}

/** A note with `count` revisions, as the server would list them. */
async function history(key: Uint8Array, title: string, count: number): Promise<RecordHistory> {
  const created = await sealNewRecord(key, NOTE_TYPE, {
    title,
    body: SECRET,
    happenedAt: '2026-11-01',
  });
  const revisions = [response(created, created.id, 1)];
  for (let r = 2; r <= count; r++) {
    const last = revisions[revisions.length - 1]!;
    const update = await sealRecordUpdate(key, last, {
      title,
      body: `${SECRET} edit ${r}`,
      happenedAt: '2026-11-01',
    });
    revisions.push(response({ ...update, type: NOTE_TYPE }, created.id, r));
  }
  return { id: created.id, type: NOTE_TYPE, revisions };
}

/** A deep copy to tamper with. */
const copy = (f: BackupFile): BackupFile => JSON.parse(JSON.stringify(f)) as BackupFile;

async function expectBackupError(promise: Promise<unknown>, code: string): Promise<void> {
  const e = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(isBackupError(e), String(e)).toBe(true);
  expect((e as { code: string }).code).toBe(code);
}

beforeAll(async () => {
  await cryptoReady();
  kdf = await newKdfParams();
  kek = (await deriveKeys(PASSPHRASE, kdf)).keyEncryptionKey; // derivation 1
  accountKey = await generateKey();
  histories = [await history(accountKey, 'first', 1), await history(accountKey, 'second', 3)];
  file = await buildBackup({
    accountKey,
    keyEncryptionKey: kek,
    kdf,
    records: histories,
    createdAt: new Date('2026-11-21T09:30:00.000Z'),
  });
  text = serialiseBackup(file);
});

describe('backup file', () => {
  it('round-trips: the passphrase opens it, it verifies, and every envelope is unchanged', async () => {
    const parsed = parseBackup(text);
    expect(parsed).toMatchObject({ format: 'mosaic-backup', version: 1 });
    expect(backupSummary(parsed)).toEqual({
      records: 2,
      revisions: 4,
      createdAt: '2026-11-21T09:30:00.000Z',
    });
    const opened = await openBackup(parsed, PASSPHRASE); // derivation 2
    expect(toBase64Url(opened)).toBe(toBase64Url(accountKey));
    await verifyBackup(parsed, opened);
    for (const [i, h] of histories.entries()) {
      const record = parsed.records[i]!;
      expect(record.id).toBe(h.id);
      expect(record.revisions.map((r) => r.ciphertext)).toEqual(
        h.revisions.map((r) => r.ciphertext),
      );
      expect(record.revisions.map((r) => r.createdAt)).toEqual(h.revisions.map((r) => r.createdAt));
    }
  });

  it('holds no plaintext and no key', () => {
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain('first');
    expect(text).not.toContain(PASSPHRASE);
    expect(text).not.toContain(toBase64Url(accountKey));
    expect(text).not.toContain(toBase64Url(kek));
  });

  it('refuses the wrong passphrase', async () => {
    await expectBackupError(
      openBackup(parseBackup(text), 'amber kettle whistles loudly'),
      'wrong_passphrase',
    ); // derivation 3
  });

  it('refuses a tampered ciphertext', async () => {
    const bad = copy(file);
    const revision = bad.records[1]!.revisions[2]!;
    const bytes = fromBase64Url(revision.ciphertext);
    bytes[40] = (bytes[40] ?? 0) ^ 1;
    revision.ciphertext = toBase64Url(bytes);
    const parsed = parseBackup(JSON.stringify(bad));
    await expectBackupError(verifyBackup(parsed, await openBackupWithKey(parsed, kek)), 'altered');
  });

  it('refuses a swapped record id', async () => {
    const bad = copy(file);
    const [a, b] = bad.records as [BackupFile['records'][number], BackupFile['records'][number]];
    [a.id, b.id] = [b.id, a.id];
    await expectBackupError(verifyBackup(parseBackup(JSON.stringify(bad)), accountKey), 'altered');
    // The envelopes bind their ids on their own, manifest aside: no backup is made of them.
    const [h1, h2] = histories as [RecordHistory, RecordHistory];
    const relabel = (h: RecordHistory, id: string): RecordHistory => ({
      ...h,
      id,
      revisions: h.revisions.map((r) => ({ ...r, id })),
    });
    await expect(
      buildBackup({
        accountKey,
        keyEncryptionKey: kek,
        kdf,
        records: [relabel(h1, h2.id), relabel(h2, h1.id)],
        createdAt: new Date(),
      }),
    ).rejects.toMatchObject({ code: 'unreadable_record', count: 2 });
  });

  it('refuses a dropped record, a dropped newest revision, and a changed date', async () => {
    const dropped = copy(file);
    dropped.records.pop();
    await expectBackupError(
      verifyBackup(parseBackup(JSON.stringify(dropped)), accountKey),
      'altered',
    );
    const rolledBack = copy(file);
    rolledBack.records[1]!.revisions.pop();
    await expectBackupError(
      verifyBackup(parseBackup(JSON.stringify(rolledBack)), accountKey),
      'altered',
    );
    const redated = copy(file);
    redated.records[0]!.revisions[0]!.createdAt = '2020-01-01T00:00:00.000Z';
    await expectBackupError(
      verifyBackup(parseBackup(JSON.stringify(redated)), accountKey),
      'altered',
    );
    const manifestFromElsewhere = copy(file);
    manifestFromElsewhere.createdAt = '2026-11-22T09:30:00.000Z';
    await expectBackupError(
      verifyBackup(parseBackup(JSON.stringify(manifestFromElsewhere)), accountKey),
      'altered',
    );
  });

  it('refuses weak KDF parameters before deriving anything', async () => {
    const weak = copy(file);
    weak.kdf = { ...weak.kdf, memLimitBytes: 8 * 1024 * 1024 };
    expect(() => parseBackup(JSON.stringify(weak))).toThrow(
      expect.objectContaining({ code: 'kdf_too_weak' }),
    );
    const fewPasses = copy(file);
    fewPasses.kdf = { ...fewPasses.kdf, opsLimit: 1 };
    expect(() => parseBackup(JSON.stringify(fewPasses))).toThrow(
      expect.objectContaining({ code: 'kdf_too_weak' }),
    );
    // Handed straight to openBackup (no parse), it still refuses before any Argon2 work.
    const started = Date.now();
    await expectBackupError(openBackup(weak, PASSPHRASE), 'kdf_too_weak');
    expect(Date.now() - started).toBeLessThan(50);
  });

  it('refuses what is not a backup, and a newer version', () => {
    const code = (t: string): string | undefined => {
      try {
        parseBackup(t);
        return undefined;
      } catch (e) {
        return isBackupError(e) ? e.code : 'other';
      }
    };
    expect(code('not json')).toBe('not_a_backup');
    expect(code('{"format":"something-else","version":1}')).toBe('not_a_backup');
    expect(code(JSON.stringify({ ...file, version: 2 }))).toBe('version_unsupported');
    expect(code(JSON.stringify({ ...file, extra: true }))).toBe('not_a_backup');
    const gap = copy(file);
    gap.records[1]!.revisions.splice(1, 1);
    expect(code(JSON.stringify(gap))).toBe('not_a_backup');
    const twice = copy(file);
    twice.records.push(twice.records[0]!);
    expect(code(JSON.stringify(twice))).toBe('not_a_backup');
  });

  it('will not make a backup holding a record that does not open', async () => {
    const otherKey = await generateKey();
    const stranger = await history(otherKey, 'stranger', 1);
    await expect(
      buildBackup({
        accountKey,
        keyEncryptionKey: kek,
        kdf,
        records: [...histories, stranger],
        createdAt: new Date(),
      }),
    ).rejects.toMatchObject({ code: 'unreadable_record', count: 1 });
  });

  it('re-keys a record for another account, keeping envelopes, or under a new id', async () => {
    const newAccountKey = await generateKey();
    const record = file.records[1]!;
    const same = await rekeyRecord({
      record,
      fromAccountKey: accountKey,
      toAccountKey: newAccountKey,
    });
    expect(same.id).toBe(record.id);
    expect(same.revisions.map((r) => r.ciphertext)).toEqual(
      record.revisions.map((r) => r.ciphertext),
    );
    for (const r of same.revisions) {
      await unwrapKey(newAccountKey, fromBase64Url(r.wrappedKey), recordKeyContext(record.id));
    }

    const moved = await rekeyRecord({
      record,
      fromAccountKey: accountKey,
      toAccountKey: newAccountKey,
      newId: 'a-brand-new-id-0001',
    });
    expect(moved.id).toBe('a-brand-new-id-0001');
    for (const [i, r] of moved.revisions.entries()) {
      const key = await unwrapKey(
        newAccountKey,
        fromBase64Url(r.wrappedKey),
        recordKeyContext('a-brand-new-id-0001'),
      );
      const binding = {
        recordType: NOTE_TYPE,
        revision: i + 1,
        envelope: fromBase64Url(r.ciphertext),
      };
      const value = await openJson({ key, recordId: 'a-brand-new-id-0001', ...binding });
      const oldKey = await unwrapKey(
        accountKey,
        fromBase64Url(record.revisions[i]!.wrappedKey),
        recordKeyContext(record.id),
      );
      const original = await openJson({
        key: oldKey,
        recordId: record.id,
        ...binding,
        envelope: fromBase64Url(record.revisions[i]!.ciphertext),
      });
      expect(JSON.stringify(value)).toBe(JSON.stringify(original));
      // Bound to the new id: it does not open as the old one.
      await expect(openJson({ key, recordId: record.id, ...binding })).rejects.toSatisfy((e) =>
        isCryptoError(e, 'decryption_failed'),
      );
    }
  });

  it('names the file neutrally, by the local date', () => {
    expect(backupFileName(new Date(2026, 10, 21, 23, 59))).toBe('backup-2026-11-21.json');
    expect(backupFileName(new Date(2027, 0, 5))).toBe('backup-2027-01-05.json');
  });
});
