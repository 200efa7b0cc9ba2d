/**
 * Evidence records through the vault API, sealed and opened like every other record
 * (records.ts, diary-records.ts): the plaintext is checked against src/domain/evidence's schema
 * before anything is shown, and every write names the revision it builds on.
 *
 * Two writers touch an item: the person (details) and the upload (its state). Each update is
 * therefore "fetch the newest, change one part, save on top of it", tried again on a
 * `revision_conflict`, so neither overwrites the other.
 */
import {
  EVIDENCE_RECORD_TYPE,
  evidenceSchema,
  type Evidence,
  type EvidenceInput,
} from '../../domain/evidence/index.js';
import { isApiError, type RecordResponse, type VaultApi } from '../api.js';
import {
  addRecord,
  deleteRecord,
  editRecord,
  loadAll,
  loadOne,
  type Kind,
} from '../diary-records.js';
import { RecordShapeError, type DecryptedRecord, type RevisionWatch } from '../records.js';

export const EVIDENCE: Kind<Evidence, EvidenceInput> = {
  type: EVIDENCE_RECORD_TYPE,
  parse: (value) => {
    const result = evidenceSchema.safeParse(value);
    if (!result.success) throw new RecordShapeError('the record does not fit its schema');
    return result.data;
  },
  check: (value) => evidenceSchema.parse(value),
};

/** What the evidence functions need from the app. */
export interface Vault {
  readonly api: VaultApi;
  readonly accountKey: () => Uint8Array;
  readonly revisions: RevisionWatch;
}

export type EvidenceRecord = DecryptedRecord<Evidence>;

/** Every item, newest first, plus how many could not be opened. */
export async function loadEvidence(
  vault: Vault,
): Promise<{ items: EvidenceRecord[]; unreadable: number }> {
  const { records, unreadable } = await loadAll(
    vault.api,
    vault.accountKey(),
    vault.revisions,
    EVIDENCE,
  );
  const items = [...records].sort(
    (a, b) => b.value.date.localeCompare(a.value.date) || b.createdAt.localeCompare(a.createdAt),
  );
  return { items, unreadable };
}

export async function loadEvidenceItem(vault: Vault, id: string): Promise<EvidenceRecord> {
  return (await loadEvidenceHeld(vault, id)).record;
}

/** One item with the server's response it was opened from (for its receipt). */
export async function loadEvidenceHeld(
  vault: Vault,
  id: string,
): Promise<{ record: EvidenceRecord; response: RecordResponse }> {
  return loadOne(vault.api, vault.accountKey(), vault.revisions, EVIDENCE, id);
}

export async function addEvidence(vault: Vault, value: EvidenceInput): Promise<string> {
  return addRecord(vault.api, vault.accountKey(), vault.revisions, EVIDENCE, value);
}

/**
 * Applies `change` to the newest revision and saves it; on a conflict (someone else saved in
 * between), fetches again and reapplies, a few times.
 *
 * @example await updateEvidence(vault, id, (e) => ({ ...e, title: 'New title' }));
 */
export async function updateEvidence(
  vault: Vault,
  id: string,
  change: (current: Evidence) => EvidenceInput,
): Promise<Evidence> {
  for (let attempt = 0; ; attempt++) {
    const { record, response } = await loadOne(
      vault.api,
      vault.accountKey(),
      vault.revisions,
      EVIDENCE,
      id,
    );
    const next = change(record.value);
    try {
      await editRecord(vault.api, vault.accountKey(), vault.revisions, EVIDENCE, response, next);
      return EVIDENCE.check(next);
    } catch (e) {
      if (!isApiError(e, 'revision_conflict') || attempt >= 3) throw e;
    }
  }
}

export async function removeEvidenceRecord(vault: Vault, id: string): Promise<void> {
  try {
    await deleteRecord(vault.api, vault.revisions, id);
  } catch (e) {
    if (!isApiError(e, 'not_found')) throw e;
  }
}
