/**
 * A backup's sealed parts (the format is in backup.ts): making the file from the server's
 * records (every envelope opened first, the manifest sealed), opening it with the passphrase,
 * checking every record against the manifest before anything is written, and re-keying a
 * record into the current account on import. No I/O: backup-transfer.ts talks to the server.
 */
import { z } from 'zod';
import {
  CryptoError,
  deriveKeys,
  fromBase64Url,
  generateKey,
  kdfParamsToJson,
  KEY_CONTEXTS,
  openJson,
  recordKeyContext,
  sealJson,
  sha256,
  toBase64Url,
  toHex,
  unwrapKey,
  wrapKey,
  type KdfParams,
} from '../crypto/index.js';
import {
  BACKUP_FORMAT,
  BACKUP_MANIFEST_CONTEXT,
  BACKUP_MANIFEST_ID,
  BACKUP_VERSION,
  BackupError,
  backupKdf,
  recordSchema,
  type BackupFile,
  type BackupRecord,
  type BackupRevision,
  type RecordHistory,
} from './backup.js';
import { wipeBestEffort } from './session.js';

/** What the manifest envelope holds. */
const manifestSchema = z
  .object({
    format: z.literal(BACKUP_FORMAT),
    version: z.literal(BACKUP_VERSION),
    createdAt: z.string(),
    records: z.array(
      z
        .object({
          id: z.string(),
          type: z.string(),
          revisions: z.array(
            z.object({ revision: z.number(), sha256: z.string(), createdAt: z.string() }).strict(),
          ),
        })
        .strict(),
    ),
  })
  .strict();
type Manifest = z.infer<typeof manifestSchema>;

/**
 * Builds the backup from the server's records. Every envelope is opened first with the account
 * key, so a backup that could not be restored is never made (`unreadable_record`, with how many).
 * The plaintext is discarded at once: only the envelopes go into the file.
 *
 * @param keyEncryptionKey from the passphrase and `kdf` (the caller checked the passphrase).
 */
export async function buildBackup(input: {
  readonly accountKey: Uint8Array;
  readonly keyEncryptionKey: Uint8Array;
  readonly kdf: KdfParams;
  readonly records: readonly RecordHistory[];
  readonly createdAt: Date;
}): Promise<BackupFile> {
  const { accountKey, records } = input;
  const createdAt = input.createdAt.toISOString();
  let unreadable = 0;
  const out: BackupRecord[] = [];
  for (const record of records) {
    const revisions: BackupRevision[] = record.revisions.map((r) => ({
      revision: r.revision,
      ciphertext: r.ciphertext,
      wrappedKey: r.wrappedKey,
      createdAt: r.createdAt,
    }));
    const entry: BackupRecord = { id: record.id, type: record.type, revisions };
    if (!recordSchema.safeParse(entry).success || !(await opens(entry, accountKey))) {
      unreadable++;
      continue;
    }
    out.push(entry);
  }
  if (unreadable > 0) {
    throw new BackupError('unreadable_record', 'some records do not open', unreadable);
  }
  const manifestKey = await generateKey();
  try {
    const manifest: Manifest = {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      createdAt,
      records: await manifestRecords(out),
    };
    const envelope = await sealJson({
      key: manifestKey,
      recordId: BACKUP_MANIFEST_ID,
      recordType: BACKUP_MANIFEST_ID,
      revision: 1,
      value: manifest,
    });
    return {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      createdAt,
      kdf: kdfParamsToJson(input.kdf),
      wrappedAccountKey: toBase64Url(
        await wrapKey(input.keyEncryptionKey, accountKey, KEY_CONTEXTS.accountKeyByKek),
      ),
      manifest: {
        wrappedKey: toBase64Url(await wrapKey(accountKey, manifestKey, BACKUP_MANIFEST_CONTEXT)),
        ciphertext: toBase64Url(envelope),
      },
      records: out,
    };
  } finally {
    wipeBestEffort(manifestKey);
  }
}

/**
 * Derives the key-encryption key from the passphrase with the file's parameters and unwraps
 * the account key the backup was made under. The caller owns (and wipes) the result.
 *
 * @throws BackupError `kdf_too_weak`, `wrong_passphrase`; CryptoError `kdf_failed`.
 */
export async function openBackup(file: BackupFile, passphrase: string): Promise<Uint8Array> {
  const kdf = backupKdf(file.kdf);
  const { authKey, keyEncryptionKey } = await deriveKeys(passphrase, kdf);
  wipeBestEffort(authKey);
  try {
    return await openBackupWithKey(file, keyEncryptionKey);
  } finally {
    wipeBestEffort(keyEncryptionKey);
  }
}

/** As openBackup, with a key-encryption key already derived (export checks its own file). */
export async function openBackupWithKey(
  file: BackupFile,
  keyEncryptionKey: Uint8Array,
): Promise<Uint8Array> {
  try {
    return await unwrapKey(
      keyEncryptionKey,
      fromBase64Url(file.wrappedAccountKey),
      KEY_CONTEXTS.accountKeyByKek,
    );
  } catch {
    throw new BackupError('wrong_passphrase', 'the passphrase does not open this backup');
  }
}

/**
 * Checks the whole file under the account key it was made with: the manifest opens and lists
 * exactly these records, revisions and dates, and every revision's envelope opens as that
 * record, type and revision. Nothing may be written before this passes.
 *
 * @throws BackupError `altered`.
 */
export async function verifyBackup(file: BackupFile, accountKey: Uint8Array): Promise<void> {
  const altered = (why: string): BackupError =>
    new BackupError('altered', `the backup has been changed: ${why}`);
  let manifest: Manifest;
  let manifestKey: Uint8Array | undefined;
  try {
    manifestKey = await unwrapKey(
      accountKey,
      fromBase64Url(file.manifest.wrappedKey),
      BACKUP_MANIFEST_CONTEXT,
    );
    manifest = manifestSchema.parse(
      await openJson({
        key: manifestKey,
        recordId: BACKUP_MANIFEST_ID,
        recordType: BACKUP_MANIFEST_ID,
        revision: 1,
        envelope: fromBase64Url(file.manifest.ciphertext),
      }),
    );
  } catch {
    throw altered('the manifest does not open');
  } finally {
    wipeBestEffort(manifestKey);
  }
  if (manifest.createdAt !== file.createdAt) throw altered('its date');
  let actual: Manifest['records'];
  try {
    actual = await manifestRecords(file.records);
  } catch {
    throw altered('an envelope is not canonical base64url');
  }
  if (!sameRecords(manifest.records, actual)) throw altered('its records differ from the manifest');
  for (const record of file.records) {
    if (!(await opens(record, accountKey))) throw altered(`a record does not open`);
  }
}

/**
 * The request bodies that store one backed-up record in the current account, revision by
 * revision, with its content keys re-wrapped by the current account key.
 *
 * Same id: every envelope is kept byte for byte. New id (the original is taken by a different
 * record): each revision is opened as the old id and sealed again as the new one, under a new
 * content key, because the envelope binds the record id. The type and revision numbers stay,
 * and the JSON round trip gives back the same plaintext (JSON.stringify of a parsed value that
 * JSON.stringify produced is the same text).
 *
 * @returns one `{ciphertext, wrappedKey}` per revision, oldest first: the first is created,
 *   each later one stored on top of the one before.
 * @throws CryptoError when an envelope does not open (verifyBackup has been run before).
 */
export async function rekeyRecord(input: {
  readonly record: BackupRecord;
  readonly fromAccountKey: Uint8Array;
  readonly toAccountKey: Uint8Array;
  /** When the id is taken: the new id. */
  readonly newId?: string;
}): Promise<{ id: string; revisions: { ciphertext: string; wrappedKey: string }[] }> {
  const { record, fromAccountKey, toAccountKey, newId } = input;
  const out: { ciphertext: string; wrappedKey: string }[] = [];
  if (newId === undefined || newId === record.id) {
    for (const revision of record.revisions) {
      const key = await unwrapKey(
        fromAccountKey,
        fromBase64Url(revision.wrappedKey),
        recordKeyContext(record.id),
      );
      try {
        const wrapped = await wrapKey(toAccountKey, key, recordKeyContext(record.id));
        out.push({ ciphertext: revision.ciphertext, wrappedKey: toBase64Url(wrapped) });
      } finally {
        wipeBestEffort(key);
      }
    }
    return { id: record.id, revisions: out };
  }
  const freshKey = await generateKey();
  try {
    const wrappedKey = toBase64Url(await wrapKey(toAccountKey, freshKey, recordKeyContext(newId)));
    for (const revision of record.revisions) {
      const oldKey = await unwrapKey(
        fromAccountKey,
        fromBase64Url(revision.wrappedKey),
        recordKeyContext(record.id),
      );
      try {
        const value = await openJson({
          key: oldKey,
          recordId: record.id,
          recordType: record.type,
          revision: revision.revision,
          envelope: fromBase64Url(revision.ciphertext),
        });
        const envelope = await sealJson({
          key: freshKey,
          recordId: newId,
          recordType: record.type,
          revision: revision.revision,
          value,
        });
        out.push({ ciphertext: toBase64Url(envelope), wrappedKey });
      } finally {
        wipeBestEffort(oldKey);
      }
    }
    return { id: newId, revisions: out };
  } finally {
    wipeBestEffort(freshKey);
  }
}

/** True when every revision's key unwraps for this record and its envelope opens as itself. */
async function opens(record: BackupRecord, accountKey: Uint8Array): Promise<boolean> {
  for (const revision of record.revisions) {
    let key: Uint8Array | undefined;
    try {
      key = await unwrapKey(
        accountKey,
        fromBase64Url(revision.wrappedKey),
        recordKeyContext(record.id),
      );
      await openJson({
        key,
        recordId: record.id,
        recordType: record.type,
        revision: revision.revision,
        envelope: fromBase64Url(revision.ciphertext),
      });
    } catch (e) {
      if (e instanceof CryptoError) return false;
      throw e;
    } finally {
      wipeBestEffort(key);
    }
  }
  return true;
}

function sameRecords(a: Manifest['records'], b: Manifest['records']): boolean {
  return (
    a.length === b.length &&
    a.every((x, i) => {
      const y = b[i];
      return (
        y !== undefined &&
        x.id === y.id &&
        x.type === y.type &&
        x.revisions.length === y.revisions.length &&
        x.revisions.every((r, j) => {
          const q = y.revisions[j];
          return (
            q !== undefined &&
            r.revision === q.revision &&
            r.sha256 === q.sha256 &&
            r.createdAt === q.createdAt
          );
        })
      );
    })
  );
}

async function manifestRecords(records: readonly BackupRecord[]): Promise<Manifest['records']> {
  const out: Manifest['records'] = [];
  for (const record of records) {
    const revisions: Manifest['records'][number]['revisions'] = [];
    for (const r of record.revisions) {
      revisions.push({
        revision: r.revision,
        sha256: toHex(await sha256(fromBase64Url(r.ciphertext))),
        createdAt: r.createdAt,
      });
    }
    out.push({ id: record.id, type: record.type, revisions });
  }
  return out;
}
