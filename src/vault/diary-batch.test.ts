import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { cryptoReady, generateKey } from '../crypto/index.js';
import { generateIncidents } from '../domain/diary/fixtures.js';
import type { RecordResponse } from './api.js';
import { INCIDENT, PERSON } from './diary-records.js';
import { inThreadOpener, OpenerClosed, openRecords } from './diary-batch.js';
import { sealNewRecord, sealRecordUpdate } from './records.js';

let accountKey: Uint8Array;
/** Sealed incidents and people, as the server answers them. */
let sealed: { response: RecordResponse; value: unknown }[];

beforeAll(async () => {
  await cryptoReady();
  accountKey = await generateKey();
  const diary = generateIncidents(12, 11);
  sealed = [];
  const entries = [
    ...diary.people.map((p) => ({ type: 'person', ...p })),
    ...diary.incidents.map((i) => ({ type: 'incident', ...i })),
  ];
  for (const [n, { type, id, value }] of entries.entries()) {
    const body = await sealNewRecord(accountKey, type, value, id);
    const at = new Date(Date.UTC(2026, 0, 1) + n * 1000).toISOString();
    sealed.push({
      response: { ...body, revision: 1, size: 1, createdAt: at, updatedAt: at },
      value,
    });
  }
});

/** What a server can do to one record it returns. */
const TAMPERS = {
  none: (r: RecordResponse) => r,
  /** Another record's ciphertext under this id: bound to its own id, so it fails. */
  swapped: (r: RecordResponse, other: RecordResponse) => ({ ...r, ciphertext: other.ciphertext }),
  /** One bit of the ciphertext flipped. */
  flipped: (r: RecordResponse) => {
    const last = r.ciphertext.at(-2) === 'A' ? 'B' : 'A';
    return { ...r, ciphertext: `${r.ciphertext.slice(0, -2)}${last}${r.ciphertext.at(-1)}` };
  },
  /** Labelled as the other kind. */
  relabelled: (r: RecordResponse) => ({
    ...r,
    type: r.type === 'incident' ? 'person' : 'incident',
  }),
  /** Served as a later revision than it was sealed for. */
  replayed: (r: RecordResponse) => ({ ...r, revision: r.revision + 1 }),
} as const;
type Tamper = keyof typeof TAMPERS;

describe('openRecords', () => {
  it('opens exactly the untouched records of the kind asked for, in order', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            at: fc.nat(),
            tamper: fc.constantFrom<Tamper>(
              'none',
              'none',
              'swapped',
              'flipped',
              'relabelled',
              'replayed',
            ),
          }),
          { maxLength: 12 },
        ),
        fc.constantFrom('incident' as const, 'person' as const),
        async (picks, kind) => {
          const batch = picks.map(({ at, tamper }) => {
            const { response } = sealed[at % sealed.length]!;
            const other = sealed[(at + 1) % sealed.length]!.response;
            return { tamper, response: TAMPERS[tamper](response, other) };
          });
          const opened = await openRecords(
            accountKey,
            batch.map((b) => b.response),
            kind,
          );
          expect(opened).toHaveLength(batch.length);
          for (const [i, { tamper, response }] of batch.entries()) {
            const answer = opened[i]!;
            const readable = tamper === 'none' && response.type === kind;
            expect(answer.ok).toBe(readable);
            if (!answer.ok) continue;
            const parse = kind === 'incident' ? INCIDENT.parse : PERSON.parse;
            const original = sealed.find((s) => s.response.id === response.id)!;
            expect(answer.record).toEqual({
              id: response.id,
              type: kind,
              revision: 1,
              createdAt: response.createdAt,
              updatedAt: response.updatedAt,
              value: parse(original.value),
            });
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('counts a record whose plaintext does not fit its schema as unreadable', async () => {
    const body = await sealNewRecord(accountKey, 'incident', { what: 42 });
    const at = '2026-01-01T00:00:00.000Z';
    const response = { ...body, revision: 1, size: 1, createdAt: at, updatedAt: at };
    expect(await openRecords(accountKey, [response], 'incident')).toEqual([{ ok: false }]);
  });

  it('opens a later revision under the binding of that revision', async () => {
    const { response, value } = sealed.find((s) => s.response.type === 'person')!;
    const update = await sealRecordUpdate(accountKey, response, value);
    const second = { ...response, ...update, revision: 2 };
    const [answer] = await openRecords(accountKey, [second], 'person');
    expect(answer).toMatchObject({ ok: true, record: { id: response.id, revision: 2 } });
  });
});

describe('inThreadOpener', () => {
  it('answers as openRecords does, and refuses once closed', async () => {
    const opener = inThreadOpener();
    const batch = sealed.map((s) => s.response);
    expect(await opener.open(accountKey, batch, 'incident')).toEqual(
      await openRecords(accountKey, batch, 'incident'),
    );
    opener.close();
    await expect(opener.open(accountKey, batch, 'person')).rejects.toBeInstanceOf(OpenerClosed);
  });
});
