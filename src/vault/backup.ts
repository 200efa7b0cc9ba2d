/**
 * The encrypted backup file: one JSON file holding every record with every revision, exactly as
 * the server stores them (envelopes and wrapped keys, never plaintext), plus what is needed to
 * open them with the passphrase and to prove nothing was added, dropped or changed.
 *
 * Format `mosaic-backup`, version 1:
 *
 * ```
 * {
 *   "format": "mosaic-backup",
 *   "version": 1,
 *   "createdAt": "2026-11-21T10:00:00.000Z",
 *   "kdf": { algorithm, opsLimit, memLimitBytes, salt },        // the account's, when made
 *   "wrappedAccountKey": "…",       // account key wrapped by the KEK, slot "account-key/kek"
 *   "manifest": { "wrappedKey": "…", "ciphertext": "…" },
 *   "records": [ { "id", "type", "revisions": [ { "revision", "ciphertext", "wrappedKey", "createdAt" } ] } ]
 * }
 * ```
 *
 * - Records stay the envelopes they were (docs/vault-protocol.md §7): nothing is decrypted or
 *   re-encrypted to export, and each envelope still binds its record id, type and revision.
 * - The **manifest** closes the gaps envelopes alone leave: someone holding the file could drop
 *   an entry, drop its newest revision (a rollback), duplicate one, or change the dates. The
 *   manifest is a record envelope (id and type `backup-manifest`, revision 1) under a random
 *   manifest key, wrapped by the account key in the slot `backup/manifest`. It lists the file's
 *   createdAt and every record's id, type and revisions (number, SHA-256 of the envelope bytes,
 *   createdAt). Import refuses a file whose records differ from it in any way.
 * - Binary fields are unpadded base64url, as in the API.
 *
 * Opening a backup: parse (zod) → KDF parameters checked before deriving (the minimum applies
 * to files too) → derive the KEK from the passphrase → unwrap the account key → open the
 * manifest and check the records against it → open every envelope. Only then may anything be
 * written. No I/O here: backup-transfer.ts talks to the server.
 */
import { z } from 'zod';
import {
  CryptoError,
  deriveKeys,
  fromBase64Url,
  generateKey,
  isCryptoError,
  kdfParamsFromJson,
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
  ciphertextSchema,
  kdfParamsSchema,
  recordIdSchema,
  recordTypeSchema,
  wrappedKeySchema,
} from '../contract/vault-api.js';
import type { RecordResponse } from './api.js';
import { wipeBestEffort } from './session.js';

export const BACKUP_FORMAT = 'mosaic-backup';
export const BACKUP_VERSION = 1;
/** Where the manifest key is wrapped by the account key (never a slot the server stores). */
export const BACKUP_MANIFEST_CONTEXT = 'backup/manifest';
/** The manifest envelope's binding. */
export const BACKUP_MANIFEST_ID = 'backup-manifest';
/** Far above any real diary, low enough that a hostile file cannot exhaust the tab. */
export const MAX_BACKUP_BYTES = 256 * 1024 * 1024;
const MAX_RECORDS = 100_000;
const MAX_REVISIONS = 10_000;

export type BackupErrorCode =
  /** Not JSON, not this format, or fields of the wrong shape. */
  | 'not_a_backup'
  /** Made by a newer app (a later format version). */
  | 'version_unsupported'
  /** Larger than MAX_BACKUP_BYTES. */
  | 'too_large'
  /** KDF parameters below the protocol's minimum: never derived with. */
  | 'kdf_too_weak'
  /** The passphrase does not open the account key in the file. */
  | 'wrong_passphrase'
  /** The records do not match the manifest, or an envelope does not open. */
  | 'altered'
  /** Export only: a record on the server does not open, so no backup was made. */
  | 'unreadable_record';

export class BackupError extends Error {
  override readonly name = 'BackupError';
  constructor(
    readonly code: BackupErrorCode,
    message: string,
    /** For `unreadable_record`: how many could not be opened. */
    readonly count = 0,
  ) {
    super(message);
  }
}

export function isBackupError(e: unknown, code?: BackupErrorCode): e is BackupError {
  return e instanceof BackupError && (code === undefined || e.code === code);
}

const isoDate = z.iso.datetime({ offset: true });

const revisionSchema = z
  .object({
    revision: z.number().int().min(1).max(MAX_REVISIONS),
    ciphertext: ciphertextSchema,
    wrappedKey: wrappedKeySchema,
    createdAt: isoDate,
  })
  .strict();

const recordSchema = z
  .object({
    id: recordIdSchema,
    type: recordTypeSchema,
    revisions: z
      .array(revisionSchema)
      .min(1)
      .max(MAX_REVISIONS)
      .refine((list) => list.every((r, i) => r.revision === i + 1), 'revisions must be 1, 2, 3…'),
  })
  .strict();

export const backupFileSchema = z
  .object({
    format: z.literal(BACKUP_FORMAT),
    version: z.literal(BACKUP_VERSION),
    createdAt: isoDate,
    kdf: kdfParamsSchema,
    wrappedAccountKey: wrappedKeySchema,
    manifest: z.object({ wrappedKey: wrappedKeySchema, ciphertext: ciphertextSchema }).strict(),
    records: z
      .array(recordSchema)
      .max(MAX_RECORDS)
      .refine((list) => new Set(list.map((r) => r.id)).size === list.length, 'ids must differ'),
  })
  .strict();

export type BackupFile = z.infer<typeof backupFileSchema>;
export type BackupRecord = BackupFile['records'][number];
export type BackupRevision = BackupRecord['revisions'][number];

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

/** One record as the server has it: every revision, oldest first. */
export interface RecordHistory {
  readonly id: string;
  readonly type: string;
  readonly revisions: readonly RecordResponse[];
}

/**
 * A neutral file name with the local date: nothing in it says what the file is for.
 *
 * @example backupFileName(new Date(2026, 10, 21)) // 'backup-2026-11-21.json'
 */
export function backupFileName(date: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `backup-${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}.json`;
}

/**
 * Parses and validates a backup file's text before anything is derived or decrypted, including
 * its KDF parameters (`kdf_too_weak` for a file asking for less than the protocol's minimum).
 *
 * @throws BackupError `not_a_backup`, `version_unsupported`, `too_large`, `kdf_too_weak`.
 */
export function parseBackup(text: string): BackupFile {
  if (text.length > MAX_BACKUP_BYTES) throw new BackupError('too_large', 'the file is too large');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new BackupError('not_a_backup', 'the file is not JSON');
  }
  const head = z.object({ format: z.literal(BACKUP_FORMAT), version: z.number() }).safeParse(json);
  if (!head.success) throw new BackupError('not_a_backup', 'the file is not a Mosaic backup');
  if (head.data.version !== BACKUP_VERSION) {
    throw new BackupError('version_unsupported', `backup version ${head.data.version}`);
  }
  const parsed = backupFileSchema.safeParse(json);
  if (!parsed.success) {
    // The schema's own floor for KDF costs is 1; the protocol's minimum is checked below. A
    // weak kdf must read as weak, not as "damaged", so look at it on its own first.
    const kdf = (json as { kdf?: unknown }).kdf;
    if (kdfParamsSchema.safeParse(kdf).success) backupKdf(kdf);
    throw new BackupError('not_a_backup', `the file does not have the backup's shape`);
  }
  backupKdf(parsed.data.kdf);
  return parsed.data;
}

/** The file's KDF parameters, refused below the protocol's minimum. */
function backupKdf(json: unknown): KdfParams {
  try {
    return kdfParamsFromJson(json);
  } catch (e) {
    if (isCryptoError(e, 'kdf_params_too_weak')) {
      throw new BackupError('kdf_too_weak', 'the key derivation parameters are too weak');
    }
    throw new BackupError('not_a_backup', 'the key derivation parameters are malformed');
  }
}

/** Counts of what a backup holds, for showing before import. */
export function backupSummary(file: BackupFile): {
  records: number;
  revisions: number;
  createdAt: string;
} {
  return {
    records: file.records.length,
    revisions: file.records.reduce((n, r) => n + r.revisions.length, 0),
    createdAt: file.createdAt,
  };
}

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

/** The file's text: compact JSON. */
export function serialiseBackup(file: BackupFile): string {
  return JSON.stringify(file);
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
