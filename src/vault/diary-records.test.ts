import { beforeAll, describe, expect, it } from 'vitest';
import { cryptoReady, fromBase64Url, generateKey } from '../crypto/index.js';
import { incidentSchema } from '../domain/diary/index.js';
import { ApiError, type RecordResponse, type VaultApi } from './api.js';
import {
  addRecord,
  deleteRecord,
  editRecord,
  INCIDENT,
  loadAll,
  loadOne,
  loadVersions,
  PERSON,
} from './diary-records.js';
import { RevisionWatch, sealNewRecord } from './records.js';

let accountKey: Uint8Array;
beforeAll(async () => {
  await cryptoReady();
  accountKey = await generateKey();
});

/** An in-memory server with the vault API's record semantics (revisions, conflicts). */
function fakeApi() {
  const records = new Map<string, RecordResponse[]>();
  const sent: string[] = [];
  let clock = 0;
  const stamp = (): string => new Date(Date.UTC(2026, 0, 1, 0, clock++)).toISOString();
  const api = {
    async createRecord(body: {
      id: string;
      type: string;
      ciphertext: string;
      wrappedKey: string;
    }): Promise<RecordResponse> {
      sent.push(JSON.stringify(body));
      const at = stamp();
      const r: RecordResponse = {
        id: body.id,
        type: body.type,
        revision: 1,
        ciphertext: body.ciphertext,
        wrappedKey: body.wrappedKey,
        size: fromBase64Url(body.ciphertext).length,
        createdAt: at,
        updatedAt: at,
      };
      records.set(body.id, [r]);
      return Promise.resolve(r);
    },
    async updateRecord(
      id: string,
      body: { expectedRevision: number; ciphertext: string; wrappedKey: string },
    ): Promise<RecordResponse> {
      sent.push(JSON.stringify(body));
      const list = records.get(id);
      const last = list?.[list.length - 1];
      if (list === undefined || last === undefined) throw new ApiError(404, 'not_found', '');
      if (last.revision !== body.expectedRevision) {
        throw new ApiError(409, 'revision_conflict', '');
      }
      const r: RecordResponse = {
        ...last,
        revision: last.revision + 1,
        ciphertext: body.ciphertext,
        size: fromBase64Url(body.ciphertext).length,
        updatedAt: stamp(),
      };
      list.push(r);
      return Promise.resolve(r);
    },
    async getRecord(id: string): Promise<RecordResponse> {
      const last = records.get(id)?.at(-1);
      if (last === undefined) throw new ApiError(404, 'not_found', '');
      return Promise.resolve(last);
    },
    async listRecords(query: { type?: string }) {
      const all = [...records.values()].map((l) => l[l.length - 1]!);
      return Promise.resolve({
        records: all.filter((r) => query.type === undefined || r.type === query.type),
        next: null,
      });
    },
    async listRevisions(id: string): Promise<RecordResponse[]> {
      return Promise.resolve(records.get(id) ?? []);
    },
    async deleteRecord(id: string): Promise<void> {
      records.delete(id);
      return Promise.resolve();
    },
  };
  return { api: api as unknown as VaultApi, records, sent };
}

const when = { start: '2026-03-29T19:05+01:00', timeZone: 'Europe/London' };

describe('diary records', () => {
  it('adds, lists, edits with revisions, and deletes incidents, sending no plaintext', async () => {
    const { api, sent } = fakeApi();
    const watch = new RevisionWatch();
    const id = await addRecord(api, accountKey, watch, INCIDENT, {
      when,
      what: 'He was outside the gate orchid-42',
    });
    const person = await addRecord(api, accountKey, watch, PERSON, { alias: 'Blue van man' });

    const { records } = await loadAll(api, accountKey, watch, INCIDENT);
    expect(records.map((r) => r.value.what)).toEqual(['He was outside the gate orchid-42']);
    const people = await loadAll(api, accountKey, watch, PERSON);
    expect(people.records.map((r) => r.id)).toEqual([person]);

    const { record, response } = await loadOne(api, accountKey, watch, INCIDENT, id);
    await editRecord(api, accountKey, watch, INCIDENT, response, {
      ...record.value,
      what: 'Edited tulip-9',
      perpetratorIds: [person],
    });
    const after = await loadOne(api, accountKey, watch, INCIDENT, id);
    expect(after.record.revision).toBe(2);
    expect(after.record.value.perpetratorIds).toEqual([person]);

    const versions = await loadVersions(api, accountKey, INCIDENT, id);
    expect(versions?.map((v) => (v.ok ? v.record.value.what : undefined))).toEqual([
      'He was outside the gate orchid-42',
      'Edited tulip-9',
    ]);

    expect(sent.join('\n')).not.toMatch(/orchid|tulip|Blue van/);

    await deleteRecord(api, watch, id);
    expect((await loadAll(api, accountKey, watch, INCIDENT)).records).toEqual([]);
  });

  it('refuses an edit on top of an old revision (optimistic concurrency)', async () => {
    const { api } = fakeApi();
    const watch = new RevisionWatch();
    const id = await addRecord(api, accountKey, watch, INCIDENT, { when, what: 'First' });
    const stale = await loadOne(api, accountKey, watch, INCIDENT, id);
    await editRecord(api, accountKey, watch, INCIDENT, stale.response, {
      ...stale.record.value,
      what: 'Second',
    });
    const error: unknown = await editRecord(api, accountKey, watch, INCIDENT, stale.response, {
      ...stale.record.value,
      what: 'Lost?',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('revision_conflict');
    expect((await loadOne(api, accountKey, watch, INCIDENT, id)).record.value.what).toBe('Second');
  });

  it('checks input with the schema before sealing anything', async () => {
    const { api, sent } = fakeApi();
    await expect(
      addRecord(api, accountKey, new RevisionWatch(), INCIDENT, { when, what: '  ' }),
    ).rejects.toThrow();
    expect(sent).toEqual([]);
  });

  it('counts a record that does not fit its schema as unreadable, not as an entry', async () => {
    const { api, records } = fakeApi();
    const body = await sealNewRecord(accountKey, 'incident', { what: 'no time' });
    await (api as unknown as { createRecord: (b: unknown) => Promise<unknown> }).createRecord(body);
    expect(records.size).toBe(1);
    const result = await loadAll(api, accountKey, new RevisionWatch(), INCIDENT);
    expect(result).toEqual({ records: [], unreadable: 1 });
    expect(incidentSchema.safeParse({ what: 'no time' }).success).toBe(false);
  });
});
