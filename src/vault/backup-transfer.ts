/**
 * Backups through the API: collect every record with every revision and make the file (export),
 * and store a verified file's records in the signed-in account (import). The file format and
 * every cryptographic check are in backup.ts and backup-seal.ts; this module only moves records.
 *
 * Loaded on demand by the backup screens (it brings zod into the page), so the diary itself
 * stays as small as it was.
 */
import { bytesEqual } from '../crypto/index.js';
import { confirmPassphrase } from './account.js';
import { isApiError, type RecordResponse, type VaultApi } from './api.js';
import {
  BackupError,
  backupFileName,
  parseBackup,
  serialiseBackup,
  type BackupFile,
  type BackupRecord,
  type RecordHistory,
} from './backup.js';
import {
  buildBackup,
  openBackup,
  openBackupWithKey,
  rekeyRecord,
  verifyBackup,
} from './backup-seal.js';
import { RECEIPT_LOG_TYPE } from './receipt-watch.js';
import { newRecordId } from './records.js';
import { wipeBestEffort, type VaultSession } from './session.js';

export {
  BackupError,
  backupSummary,
  isBackupError,
  MAX_BACKUP_BYTES,
  parseBackup,
} from './backup.js';
export type { BackupFile } from './backup.js';

const PAGE_SIZE = 200;
const MAX_PAGES = 500;

/**
 * Every record of the account (all types), each with all its revisions, oldest first. A record
 * whose revision list does not fit its current revision (a gap, a missing newest revision, a
 * stranger's id) is passed on as it is: buildBackup then refuses it as unreadable, since a
 * backup that cannot be restored is worse than none.
 */
export async function collectRecords(api: VaultApi): Promise<RecordHistory[]> {
  const current: RecordResponse[] = [];
  let cursor: string | undefined;
  for (let page = 0; ; page++) {
    if (page === MAX_PAGES) throw new Error('too many pages of records');
    const result = await api.listRecords({
      limit: PAGE_SIZE,
      ...(cursor !== undefined ? { cursor } : {}),
    });
    current.push(...result.records);
    if (result.next === null) break;
    cursor = result.next;
  }
  const histories: RecordHistory[] = [];
  for (const record of current) {
    // The pinned receipt-log key and checkpoint belong to this account on this deployment
    // (receipt-watch.ts), not to the diary: a backup neither carries nor restores them.
    if (record.type === RECEIPT_LOG_TYPE) continue;
    let revisions: RecordResponse[];
    try {
      revisions = await api.listRevisions(record.id);
    } catch (e) {
      // Deleted on another device since the list was made: not in the backup.
      if (isApiError(e, 'not_found')) continue;
      throw e;
    }
    const fits =
      revisions.length === record.revision &&
      revisions.every(
        (r, i) => r.id === record.id && r.type === record.type && r.revision === i + 1,
      );
    // A list that does not fit is kept as a record with no revisions, which buildBackup refuses.
    histories.push({ id: record.id, type: record.type, revisions: fits ? revisions : [] });
  }
  return histories;
}

export interface ExportedBackup {
  readonly text: string;
  readonly fileName: string;
  readonly records: number;
}

/**
 * Makes the backup file: checks the passphrase (the file is locked with it), collects every
 * record, builds the file, then reads the very text to be written back as an import would and
 * verifies it end to end. Nothing is stored anywhere; the caller downloads the text.
 *
 * @throws WrongPassphraseError; BackupError `unreadable_record`; ApiError.
 */
export async function exportBackup(
  api: VaultApi,
  session: VaultSession,
  passphrase: string,
  now: Date = new Date(),
): Promise<ExportedBackup> {
  const { kdf, keyEncryptionKey } = await confirmPassphrase(
    api,
    session.username,
    passphrase,
    session.accountKey,
    session.wrappedAccountKey,
  );
  const stop = session.onLock(() => wipeBestEffort(keyEncryptionKey));
  try {
    const records = await collectRecords(api);
    const file = await buildBackup({
      accountKey: session.accountKey,
      keyEncryptionKey,
      kdf,
      records,
      createdAt: now,
    });
    const text = serialiseBackup(file);
    const reread = parseBackup(text);
    const opened = await openBackupWithKey(reread, keyEncryptionKey);
    try {
      if (!bytesEqual(opened, session.accountKey)) {
        throw new BackupError('altered', 'the backup does not open to this account key');
      }
      await verifyBackup(reread, opened);
    } finally {
      wipeBestEffort(opened);
    }
    return { text, fileName: backupFileName(now), records: file.records.length };
  } finally {
    stop();
    wipeBestEffort(keyEncryptionKey);
  }
}

export interface ImportSummary {
  /** Records in the file. */
  readonly total: number;
  /** Stored under their own id (including ones finished after an interrupted import). */
  readonly added: number;
  /** Stored under a new id, because a different record already had theirs. */
  readonly copies: number;
  /** Already in this account with the same history (the same file imported before). */
  readonly present: number;
}

/** The import stopped part way; `summary` says what was stored before it did. */
export class ImportInterruptedError extends Error {
  override readonly name = 'ImportInterruptedError';
  constructor(
    readonly summary: ImportSummary,
    override readonly cause: unknown,
  ) {
    super('the import stopped part way');
  }
}

/**
 * Imports a parsed backup into the signed-in account. Nothing is written until the passphrase
 * has opened the file and every record in it has been verified against its manifest; a wrong
 * passphrase or an altered file changes nothing. Then each record is stored in turn, and
 * `onProgress` hears after each one. Importing the same file again adds nothing twice.
 *
 * @throws BackupError `kdf_too_weak`, `wrong_passphrase`, `altered` (nothing written);
 *   ImportInterruptedError when a request fails part way (its summary says how far it got).
 */
export async function importBackup(
  api: VaultApi,
  session: VaultSession,
  file: BackupFile,
  passphrase: string,
  onProgress: (stage: 'checking' | 'storing', done: number, total: number) => void,
): Promise<ImportSummary> {
  const total = file.records.length;
  const oldAccountKey = await openBackup(file, passphrase);
  const stop = session.onLock(() => wipeBestEffort(oldAccountKey));
  const counts = { added: 0, copies: 0, present: 0 };
  try {
    onProgress('checking', 0, total);
    await verifyBackup(file, oldAccountKey);
    for (const [i, record] of file.records.entries()) {
      onProgress('storing', i, total);
      if (record.type === RECEIPT_LOG_TYPE) {
        counts.present++;
        continue;
      }
      try {
        counts[await importRecord(api, session, record, oldAccountKey)]++;
      } catch (e) {
        throw new ImportInterruptedError({ total, ...counts }, e);
      }
    }
    onProgress('storing', total, total);
    return { total, ...counts };
  } finally {
    stop();
    wipeBestEffort(oldAccountKey);
  }
}

/**
 * Stores one record with its whole history. The envelope binds the revision number, so revision
 * k's ciphertext can only be stored as revision k: the record is created with revision 1, and
 * each later revision is stored on top of the one before with expectedRevision, ending at the
 * newest. (Creating it with the newest ciphertext, as revision 1, would make it unreadable.)
 * The server dates each revision as it receives it; the original dates stay in the file.
 */
async function importRecord(
  api: VaultApi,
  session: VaultSession,
  record: BackupRecord,
  oldAccountKey: Uint8Array,
): Promise<'added' | 'copies' | 'present'> {
  const same = await rekeyRecord({
    record,
    fromAccountKey: oldAccountKey,
    toAccountKey: session.accountKey,
  });
  const [first] = same.revisions;
  if (first === undefined) return 'present';
  let start = 1;
  try {
    await api.createRecord({ id: record.id, type: record.type, ...first });
  } catch (e) {
    if (!isApiError(e, 'record_exists')) throw e;
    const existing = await api.listRevisions(record.id);
    const shared = Math.min(existing.length, record.revisions.length);
    const prefix =
      existing.every((r, i) => r.type === record.type && r.revision === i + 1) &&
      existing.slice(0, shared).every((r, i) => r.ciphertext === record.revisions[i]?.ciphertext);
    if (prefix && existing.length >= record.revisions.length) return 'present';
    if (prefix) {
      // An earlier import of this file stopped part way through this record: finish it.
      start = existing.length;
    } else {
      // A different record has this id: store this one as a copy under a new id.
      const copy = await rekeyRecord({
        record,
        fromAccountKey: oldAccountKey,
        toAccountKey: session.accountKey,
        newId: newRecordId(),
      });
      const [copyFirst] = copy.revisions;
      if (copyFirst === undefined) return 'present';
      await api.createRecord({ id: copy.id, type: record.type, ...copyFirst });
      await storeRevisions(api, copy.id, copy.revisions, 1);
      return 'copies';
    }
  }
  await storeRevisions(api, record.id, same.revisions, start);
  return 'added';
}

async function storeRevisions(
  api: VaultApi,
  id: string,
  revisions: readonly { ciphertext: string; wrappedKey: string }[],
  start: number,
): Promise<void> {
  for (let k = start; k < revisions.length; k++) {
    const revision = revisions[k];
    if (revision === undefined) break;
    await api.updateRecord(id, { expectedRevision: k, ...revision });
  }
}
