/**
 * An unfinished entry kept across an auto-lock: just before the vault locks by itself, what is
 * typed in a new entry (the full incident form, the quick capture, a journal entry) is sealed as
 * a `draft` record like any other record — encrypted in the browser under its own content key —
 * and sent to the server as ciphertext. Nothing goes to browser storage. After the next unlock
 * the diary home offers it back ("You have an unfinished entry"); carrying on or deleting it
 * removes the record. Quick exit and the Lock button do not save one.
 */
import {
  type VaultApi,
  openRecord,
  RecordShapeError,
  sealNewRecord,
  type DecryptedRecord,
  type NoteFields,
} from '../../../vault/index.js';
import type { DiaryMemory, NoteDraft, QuickDraft } from '../shell/context.js';
import type { IncidentFields } from './incident-form.js';

export const DRAFT_TYPE = 'draft';

/** The in-memory key of a new entry's draft (as the forms use it). */
export const NEW_ENTRY = 'new';

export type DraftValue =
  | { readonly kind: 'incident'; readonly fields: Partial<IncidentFields> }
  | { readonly kind: 'quick'; readonly fields: QuickDraft }
  | { readonly kind: 'journal'; readonly fields: NoteFields };

export type DraftKind = DraftValue['kind'];

export type Draft = DecryptedRecord<DraftValue>;

/**
 * Checks that a decrypted value is a draft: a known kind and an object of fields. The fields are
 * spread over a form's empty fields when restored, so a missing one takes its default.
 *
 * @example parseDraft({ kind: 'quick', fields: { what: 'At the gate', where: '', when: undefined, approximate: false } })
 */
export function parseDraft(value: unknown): DraftValue {
  if (typeof value !== 'object' || value === null) throw new RecordShapeError('not an object');
  const { kind, fields } = value as Record<string, unknown>;
  if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) {
    throw new RecordShapeError('a draft needs its fields');
  }
  switch (kind) {
    case 'incident':
      return { kind, fields };
    case 'quick': {
      const f = fields as Record<string, unknown>;
      return {
        kind,
        fields: {
          what: typeof f.what === 'string' ? f.what : '',
          where: typeof f.where === 'string' ? f.where : '',
          when: typeof f.when === 'string' ? f.when : undefined,
          approximate: f.approximate === true,
          ...(typeof f.personId === 'string' ? { personId: f.personId } : {}),
          ...(typeof f.newPerson === 'string' ? { newPerson: f.newPerson } : {}),
        },
      };
    }
    case 'journal': {
      const f = fields as Record<string, unknown>;
      const text = (key: string): string => {
        const v = f[key];
        return typeof v === 'string' ? v : '';
      };
      return {
        kind,
        fields: {
          title: text('title'),
          body: text('body'),
          day: text('day'),
          month: text('month'),
          year: text('year'),
          time: text('time'),
        },
      };
    }
    default:
      throw new RecordShapeError('an unknown kind of draft');
  }
}

/**
 * What is typed in a new entry, if anything: the full incident form first, then the quick
 * capture, then the journal. Only new entries are kept (an edit's text is already saved).
 */
export function unfinishedEntries(
  diary: Pick<DiaryMemory, 'incidents' | 'quick'>,
  notes: ReadonlyMap<string, NoteDraft>,
): DraftValue[] {
  const found: DraftValue[] = [];
  const incident = diary.incidents.get(NEW_ENTRY);
  if (incident !== undefined && incidentHasText(incident.fields)) {
    found.push({ kind: 'incident', fields: incident.fields });
  }
  const quick = diary.quick;
  if (quick !== undefined && (quick.what.trim() !== '' || quick.where.trim() !== '')) {
    found.push({ kind: 'quick', fields: quick });
  }
  const note = notes.get(NEW_ENTRY);
  if (note !== undefined && (note.fields.body.trim() !== '' || note.fields.title.trim() !== '')) {
    found.push({ kind: 'journal', fields: note.fields });
  }
  return found;
}

function incidentHasText(fields: IncidentFields): boolean {
  return [
    fields.what,
    fields.where,
    fields.feelings,
    fields.changesDetail,
    fields.newPerpetrator,
    fields.newWitness,
    fields.tags,
  ].some((text) => text.trim() !== '');
}

/** Seals each unfinished entry as a new draft record and sends it. */
export async function saveDrafts(
  api: VaultApi,
  accountKey: Uint8Array,
  drafts: readonly DraftValue[],
): Promise<void> {
  for (const draft of drafts) {
    const body = await sealNewRecord(accountKey, DRAFT_TYPE, draft);
    await api.createRecord(body);
  }
}

/** Every draft kept at an earlier lock, newest first; one that cannot be opened is skipped. */
export async function loadDrafts(api: VaultApi, accountKey: Uint8Array): Promise<Draft[]> {
  const page = await api.listRecords({ type: DRAFT_TYPE, limit: 50, order: 'desc' });
  const drafts: Draft[] = [];
  for (const response of page.records) {
    try {
      drafts.push(await openRecord(accountKey, response, { type: DRAFT_TYPE }, parseDraft));
    } catch {
      // Changed on the server or from a newer version: left alone, never shown as if it were ours.
    }
  }
  return drafts.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}
