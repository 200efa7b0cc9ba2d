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
 *
 * This file is the format (its schema, parsing, limits and errors); making, opening and checking
 * a file's sealed parts, and re-keying records on import, are in backup-seal.ts.
 */
import { z } from 'zod';
import { isCryptoError, kdfParamsFromJson, type KdfParams } from '../crypto/index.js';
import {
  ciphertextSchema,
  kdfParamsSchema,
  recordIdSchema,
  recordTypeSchema,
  wrappedKeySchema,
} from '../contract/vault-api.js';
import type { RecordResponse } from './api.js';

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

export const recordSchema = z
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
export function backupKdf(json: unknown): KdfParams {
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

/** The file's text: compact JSON. */
export function serialiseBackup(file: BackupFile): string {
  return JSON.stringify(file);
}
