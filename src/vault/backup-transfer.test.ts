/**
 * Export and import through the HTTP contract, against a small in-memory records server (one per
 * account): every page and every revision is exported; import stores the history revision by
 * revision, re-wrapped for the new account; an altered file or the wrong passphrase sends no
 * write at all; importing again adds nothing twice; an interrupted import finishes next time; a
 * different record holding the same id gets a copy under a new id. Real Argon2id, so few imports.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  cryptoReady,
  deriveKeys,
  fromBase64Url,
  generateKey,
  kdfParamsToJson,
  KEY_CONTEXTS,
  newKdfParams,
  toBase64Url,
  wrapKey,
  type KdfParams,
} from '../crypto/index.js';
import { VaultApi, type RecordResponse } from './api.js';
import { WrongPassphraseError } from './account.js';
import {
  exportBackup,
  ImportInterruptedError,
  importBackup,
  parseBackup,
} from './backup-transfer.js';
import type { BackupFile } from './backup.js';
import { loadHistory, loadNotes } from './notes.js';
import { NOTE_TYPE, RevisionWatch, sealNewRecord, sealRecordUpdate } from './records.js';
import { VaultSession } from './session.js';

const PASSPHRASE = 'copper meadow hums at dusk';
const SECRET = 'heron-secret-9931';

/** The records part of the contract, for one account. */
function recordsServer(kdf: KdfParams) {
  const records = new Map<string, RecordResponse[]>();
  const writes: string[] = [];
  const bodies: string[] = [];
  let failAfterWrites = Infinity;
  let clock = 0;
  const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status });
  const error = (status: number, code: string) => json(status, { error: { code, message: code } });
  const stamp = () => new Date(Date.UTC(2026, 10, 21, 10, 0, clock++)).toISOString();

  const fetch = (url: string, init: RequestInit = {}): Promise<Response> => {
    const method = init.method ?? 'GET';
    const body =
      typeof init.body === 'string' ? (JSON.parse(init.body) as Record<string, unknown>) : {};
    if (typeof init.body === 'string') bodies.push(init.body);
    const { pathname, searchParams } = new URL(url, 'http://diary.test');
    const revisionsMatch = /^\/api\/records\/([^/]+)\/revisions$/.exec(pathname);
    const recordMatch = /^\/api\/records\/([^/]+)$/.exec(pathname);
    const respond = (): Response => {
      if (method === 'POST' && pathname === '/api/sessions/challenge') {
        return json(200, { kdf: kdfParamsToJson(kdf) });
      }
      if (method !== 'GET') {
        if (writes.length >= failAfterWrites) return error(503, 'internal_error');
        writes.push(`${method} ${pathname}`);
      }
      if (method === 'GET' && pathname === '/api/records') {
        const all = [...records.values()].map((list) => list[list.length - 1]!);
        const limit = Number(searchParams.get('limit') ?? 100);
        const start = Number(searchParams.get('cursor') ?? 0);
        const page = all.slice(start, start + limit);
        const next = start + limit < all.length ? String(start + limit) : null;
        return json(200, { records: page, next });
      }
      if (method === 'POST' && pathname === '/api/records') {
        const { id, type, ciphertext, wrappedKey } = body as Record<string, string>;
        if (records.has(id!)) return error(409, 'record_exists');
        const at = stamp();
        const record = {
          id: id!,
          type: type!,
          revision: 1,
          ciphertext: ciphertext!,
          wrappedKey: wrappedKey!,
          size: fromBase64Url(ciphertext!).length,
          createdAt: at,
          updatedAt: at,
        };
        records.set(id!, [record]);
        return json(201, record);
      }
      if (revisionsMatch && method === 'GET') {
        const list = records.get(revisionsMatch[1]!);
        if (!list) return error(404, 'not_found');
        // Pages of two, as the server pages them (by count and by bytes).
        const start = Number(searchParams.get('cursor') ?? 0);
        const next = start + 2 < list.length ? String(start + 2) : null;
        return json(200, { revisions: list.slice(start, start + 2), next });
      }
      if (recordMatch && method === 'PUT') {
        const list = records.get(recordMatch[1]!);
        if (!list) return error(404, 'not_found');
        const current = list[list.length - 1]!;
        const { expectedRevision, ciphertext, wrappedKey } = body as {
          expectedRevision: number;
          ciphertext: string;
          wrappedKey: string;
        };
        if (expectedRevision !== current.revision) return error(409, 'revision_conflict');
        const record = {
          ...current,
          revision: current.revision + 1,
          ciphertext,
          wrappedKey,
          size: fromBase64Url(ciphertext).length,
          updatedAt: stamp(),
        };
        list.push(record);
        return json(200, record);
      }
      if (recordMatch && method === 'GET') {
        const list = records.get(recordMatch[1]!);
        return list ? json(200, list[list.length - 1]) : error(404, 'not_found');
      }
      return error(404, 'not_found');
    };
    return Promise.resolve(respond());
  };
  return {
    fetch,
    records,
    writes,
    bodies,
    failAfter: (n: number) => (failAfterWrites = n),
  };
}

/** A signed-in account on its own server: its key, its KDF, its session. */
async function account(passphrase: string, derive: boolean) {
  const kdf = await newKdfParams();
  const server = recordsServer(kdf);
  const api = new VaultApi({ fetch: server.fetch as typeof fetch });
  const session = new VaultSession(api);
  const accountKey = await generateKey();
  let wrapped = toBase64Url(await generateKey());
  if (derive) {
    const { keyEncryptionKey } = await deriveKeys(passphrase, kdf);
    wrapped = toBase64Url(
      await wrapKey(keyEncryptionKey, accountKey, KEY_CONTEXTS.accountKeyByKek),
    );
  }
  session.begin(
    {
      username: 'someone',
      wrappedAccountKey: wrapped,
      csrfToken: 'csrf',
      idleTimeoutSeconds: 1800,
    },
    accountKey,
  );
  return { server, api, session };
}

const note = (title: string, body: string) => ({ title, body, happenedAt: '2026-11-01' });

let source: Awaited<ReturnType<typeof account>>;
let file: BackupFile;
let text: string;
let editedId: string;

beforeAll(async () => {
  await cryptoReady();
  source = await account(PASSPHRASE, true); // derivation 1
  const key = source.session.accountKey;
  // 450 notes: more than two pages of the list.
  for (let i = 0; i < 450; i++) {
    await source.api.createRecord(
      await sealNewRecord(key, NOTE_TYPE, note(`n${i}`, `${SECRET} ${i}`)),
    );
  }
  const first = [...source.server.records.values()][0]![0]!;
  editedId = first.id;
  const second = await source.api.updateRecord(
    first.id,
    await sealRecordUpdate(key, first, note('n0', `${SECRET} edited`)),
  );
  await source.api.updateRecord(
    first.id,
    await sealRecordUpdate(key, second, note('n0', `${SECRET} edited twice`)),
  );
  const exported = await exportBackup(
    source.api,
    source.session,
    PASSPHRASE,
    new Date(2026, 10, 21),
  ); // 2
  expect(exported.fileName).toBe('backup-2026-11-21.json');
  expect(exported.records).toBe(450);
  text = exported.text;
  file = parseBackup(text);
}, 60_000);

describe('export', () => {
  it('holds every record with every revision, and no plaintext', () => {
    expect(file.records).toHaveLength(450);
    expect(file.records.find((r) => r.id === editedId)?.revisions).toHaveLength(3);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(PASSPHRASE);
    expect(source.server.bodies.join('\n')).not.toContain(PASSPHRASE);
  });

  it('needs the passphrase the account has', async () => {
    await expect(
      exportBackup(source.api, source.session, 'copper meadow hums at dawn'), // 3
    ).rejects.toBeInstanceOf(WrongPassphraseError);
  });
});

describe('import', () => {
  it('writes nothing for an altered file or the wrong passphrase', async () => {
    const target = await account('unused', false);
    const altered = JSON.parse(text) as BackupFile;
    altered.records.splice(5, 1);
    await expect(
      importBackup(
        target.api,
        target.session,
        parseBackup(JSON.stringify(altered)),
        PASSPHRASE,
        () => {},
      ), // 4
    ).rejects.toMatchObject({ code: 'altered' });
    await expect(
      importBackup(target.api, target.session, file, 'copper meadow hums at dawn', () => {}), // 5
    ).rejects.toMatchObject({ code: 'wrong_passphrase' });
    expect(target.server.writes).toEqual([]);
  });

  it('restores every note with its history into a new account; again adds nothing; stops and resumes', async () => {
    const target = await account('unused', false);
    // Fail part way through: 200 records plus a few revisions in.
    target.server.failAfter(201);
    const progress: number[] = [];
    const stopped = await importBackup(target.api, target.session, file, PASSPHRASE, (_s, done) =>
      progress.push(done),
    ).then(
      () => undefined,
      (e: unknown) => e,
    ); // 6
    expect(stopped).toBeInstanceOf(ImportInterruptedError);
    expect((stopped as ImportInterruptedError).summary.added).toBeGreaterThan(0);
    expect(progress[0]).toBe(0);

    target.server.failAfter(Infinity);
    const summary = await importBackup(target.api, target.session, file, PASSPHRASE, () => {}); // 7
    expect(summary.total).toBe(450);
    expect(summary.copies).toBe(0);
    expect(summary.added + summary.present).toBe(450);
    expect(summary.added).toBeGreaterThan(0);

    const key = target.session.accountKey;
    const { notes, unreadable } = await loadNotes(target.api, key, new RevisionWatch());
    expect(unreadable).toBe(0);
    expect(notes).toHaveLength(450);
    const versions = await loadHistory(target.api, key, editedId);
    expect(versions?.map((v) => (v.ok ? v.note.value.body : 'unreadable'))).toEqual([
      `${SECRET} 0`,
      `${SECRET} edited`,
      `${SECRET} edited twice`,
    ]);
    // Envelopes kept byte for byte; keys wrapped anew.
    const stored = target.server.records.get(editedId)!;
    const original = file.records.find((r) => r.id === editedId)!;
    expect(stored.map((r) => r.ciphertext)).toEqual(original.revisions.map((r) => r.ciphertext));
    expect(stored[0]!.wrappedKey).not.toBe(original.revisions[0]!.wrappedKey);

    const storedRevisions = (): number =>
      [...target.server.records.values()].reduce((n, list) => n + list.length, 0);
    expect(storedRevisions()).toBe(452);
    const again = await importBackup(target.api, target.session, file, PASSPHRASE, () => {}); // 8
    expect(again).toEqual({ total: 450, added: 0, copies: 0, present: 450 });
    expect(storedRevisions()).toBe(452);
  });

  it('stores a copy under a new id when a different record has the id', async () => {
    const small = JSON.parse(text) as BackupFile;
    const target = await account('unused', false);
    // A different record already holds the edited note's id in this account.
    const key = target.session.accountKey;
    const other = await sealNewRecord(key, NOTE_TYPE, note('mine', 'mine'), editedId);
    await target.api.createRecord(other);
    const summary = await importBackup(
      target.api,
      target.session,
      { ...small },
      PASSPHRASE,
      () => {},
    ); // 9
    expect(summary).toMatchObject({ copies: 1, added: 449, present: 0 });
    const { notes, unreadable } = await loadNotes(target.api, key, new RevisionWatch());
    expect(unreadable).toBe(0);
    expect(notes).toHaveLength(451);
    const copy = notes.find((n) => n.value.body === `${SECRET} edited twice`)!;
    expect(copy.id).not.toBe(editedId);
    expect(copy.revision).toBe(3);
    const history = await loadHistory(target.api, key, copy.id);
    expect(history?.every((v) => v.ok)).toBe(true);
    expect(notes.find((n) => n.id === editedId)?.value.body).toBe('mine');
  });
});
