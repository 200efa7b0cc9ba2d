import { beforeAll, describe, expect, it } from 'vitest';
import { cryptoReady, fromBase64Url, generateKey } from '../../../crypto/index.js';
import {
  type RecordResponse,
  NOTE_TYPE,
  openRecord,
  parseNote,
  sealNewRecord,
  sealRecordUpdate,
  happenedAtToFields,
  validateNote,
} from '../../../vault/index.js';
import type { DiaryMemory, NoteDraft } from '../shell/context.js';
import { DRAFT_TYPE, parseDraft, unfinishedEntries } from './draft-records.js';
import { emptyIncidentFields } from './incident-form.js';

let accountKey: Uint8Array;
beforeAll(async () => {
  await cryptoReady();
  accountKey = await generateKey();
});

function stored(
  body: { id?: string; type?: string; ciphertext: string; wrappedKey: string },
  id: string,
  revision: number,
  type: string,
): RecordResponse {
  return {
    id,
    type,
    revision,
    ciphertext: body.ciphertext,
    wrappedKey: body.wrappedKey,
    size: fromBase64Url(body.ciphertext).length,
    createdAt: '2026-12-03T10:00:00.000Z',
    updatedAt: '2026-12-03T10:00:00.000Z',
  };
}

type Memory = Pick<DiaryMemory, 'incidents' | 'quick'>;

describe('unfinished entries before an auto-lock', () => {
  const empty = (): Memory => ({ incidents: new Map(), quick: undefined });

  it('finds nothing when nothing is typed', () => {
    const memory = empty();
    memory.incidents.set('new', {
      fields: emptyIncidentFields(new Date('2026-12-03T10:00:00Z'), 'Europe/London'),
    });
    memory.quick = { what: ' ', where: '', when: undefined, approximate: false };
    expect(unfinishedEntries(memory, new Map())).toEqual([]);
  });

  it('keeps a new incident, a quick capture and a journal entry, but not an edit', () => {
    const memory = empty();
    const fields = {
      ...emptyIncidentFields(new Date('2026-12-03T10:00:00Z'), 'Europe/London'),
      what: 'At the gate',
    };
    memory.incidents.set('new', { fields });
    memory.incidents.set('some-record-id', { fields: { ...fields, what: 'edited' } });
    memory.quick = { what: 'Rang', where: '', when: undefined, approximate: true, newPerson: 'Jo' };
    const notes = new Map<string, NoteDraft>([
      [
        'new',
        { fields: { title: '', body: 'Scared', day: '3', month: '12', year: '2026', time: '' } },
      ],
    ]);
    const found = unfinishedEntries(memory, notes);
    expect(found.map((d) => d.kind)).toEqual(['incident', 'quick', 'journal']);
    expect(found[0]?.fields).toMatchObject({ what: 'At the gate' });
  });

  it('seals a draft like any record, and opens it again', async () => {
    const value = {
      kind: 'quick' as const,
      fields: { what: 'Rang 11 times', where: '', when: undefined, approximate: false },
    };
    const body = await sealNewRecord(accountKey, DRAFT_TYPE, value);
    expect(body.type).toBe('draft');
    expect(body.ciphertext).not.toContain('Rang');
    const opened = await openRecord(
      accountKey,
      stored(body, body.id, 1, DRAFT_TYPE),
      { type: DRAFT_TYPE },
      parseDraft,
    );
    expect(opened.value).toEqual({
      kind: 'quick',
      fields: { what: 'Rang 11 times', where: '', when: undefined, approximate: false },
    });
  });

  it('refuses what is not a draft', () => {
    expect(() => parseDraft({ kind: 'other', fields: {} })).toThrow();
    expect(() => parseDraft({ kind: 'quick' })).toThrow();
    expect(() => parseDraft('x')).toThrow();
  });
});

describe('notes are journal entries', () => {
  it('reads a note saved by the old form (title, time, "what happened") and keeps its time', async () => {
    const old = {
      title: 'Seen again',
      body: 'A car was outside work.',
      happenedAt: '2025-03-27T08:05',
    };
    const body = await sealNewRecord(accountKey, NOTE_TYPE, old);
    const response = stored(body, body.id, 1, NOTE_TYPE);
    const opened = await openRecord(accountKey, response, { type: NOTE_TYPE }, parseNote);
    expect(opened.value).toEqual(old);
    // Edited in the journal form, which no longer shows a time: the time is kept.
    const fields = { title: old.title, body: 'Edited', ...happenedAtToFields(old.happenedAt) };
    const checked = validateNote(fields, '2026-12-03');
    expect(checked).toEqual({
      ok: true,
      value: { title: 'Seen again', body: 'Edited', happenedAt: '2025-03-27T08:05' },
    });
    if (!checked.ok) return;
    const update = await sealRecordUpdate(accountKey, response, checked.value);
    const next = await openRecord(
      accountKey,
      stored({ ...update, id: body.id }, body.id, 2, NOTE_TYPE),
      { type: NOTE_TYPE, id: body.id },
      parseNote,
    );
    expect(next.value.happenedAt).toBe('2025-03-27T08:05');
  });
});
