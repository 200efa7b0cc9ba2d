/**
 * Shares, the vault's side (docs/vault-protocol.md §14). Pure but for the one API client:
 *
 * - the owner makes a share from records it holds (their content keys re-wrapped to the share
 *   key, a manifest sealed to it, the share key also wrapped by the account key), reads its own
 *   shares' labels, adds records to a kept-up-to-date share, and revokes;
 * - the recipient, from the link and the passcode, derives the keys, proves the auth key, and
 *   opens the manifest and every record, checking that the server served exactly what the
 *   manifest lists (no record dropped, added, swapped or changed) before trusting any of it.
 *
 * Nothing here keeps anything: keys live in the returned objects only, for the caller to drop.
 */
import {
  bytesEqual,
  decryptFile,
  deriveShareKeys,
  formatPasscode,
  fromBase64Url,
  generatePasscode,
  generateShareSecret,
  openJson,
  recordKeyContext,
  sealJson,
  sha256,
  SHARE_MANIFEST_TYPE,
  SHARE_SECRET_BYTES,
  shareKeyContext,
  shareRecordKeyContext,
  toBase64Url,
  unwrapKey,
  wrapKey,
} from '../crypto/index.js';
import type {
  RecordResponse,
  ShareMode,
  SharedRecord,
  ShareSession,
  ShareSummary,
  VaultApi,
} from './api.js';
import { evidenceSchema, type Evidence } from '../domain/evidence/index.js';
import { decryptToBlob, responseChunks } from './evidence/decrypt.js';
import { wipeBestEffort } from './session.js';

/** The version tag at the start of a link's fragment. */
export const SHARE_LINK_VERSION = 's1';
/** The page a link opens; the fragment after it never reaches the server. */
export const SHARE_PAGE_PATH = '/share';

export type ShareErrorCode =
  | 'share_link_invalid'
  | 'share_manifest_invalid'
  | 'share_record_missing'
  | 'share_record_unexpected'
  | 'share_record_changed'
  | 'share_upload_not_listed';

/** A share the vault refuses to trust, or a link it cannot read; `code` is stable. */
export class ShareError extends Error {
  override readonly name = 'ShareError';
  constructor(
    readonly code: ShareErrorCode,
    message: string,
  ) {
    super(message);
  }
}

// ---- the link ----

export interface ShareLink {
  readonly shareId: string;
  readonly secret: Uint8Array;
}

const SHARE_ID = /^[A-Za-z0-9_-]{22}$/;

/**
 * The link's fragment: `s1.<shareId>.<secret>`.
 *
 * @example shareLinkFragment(id, secret) // 's1.q3J2y0m1rT4kZ8b1xN7wGA.AAECAw…'
 */
export function shareLinkFragment(link: ShareLink): string {
  return `${SHARE_LINK_VERSION}.${link.shareId}.${toBase64Url(link.secret)}`;
}

/**
 * The whole link for this origin.
 *
 * @example shareLinkUrl('https://mosaic.example', link) // 'https://mosaic.example/share#s1.…'
 */
export function shareLinkUrl(origin: string, link: ShareLink): string {
  return `${origin}${SHARE_PAGE_PATH}#${shareLinkFragment(link)}`;
}

/**
 * Reads a link, a fragment or `location.hash`; throws ShareError `share_link_invalid`.
 *
 * @example parseShareLink(location.hash)
 */
export function parseShareLink(input: string): ShareLink {
  const hashAt = input.indexOf('#');
  const fragment = (hashAt >= 0 ? input.slice(hashAt + 1) : input).trim();
  const [version, shareId, secretText, ...rest] = fragment.split('.');
  const invalid = () =>
    new ShareError('share_link_invalid', 'This is not a whole share link. Copy all of it.');
  if (version !== SHARE_LINK_VERSION || rest.length > 0) throw invalid();
  if (shareId === undefined || !SHARE_ID.test(shareId) || secretText === undefined) {
    throw invalid();
  }
  let secret: Uint8Array;
  try {
    secret = fromBase64Url(secretText);
  } catch {
    throw invalid();
  }
  if (secret.length !== SHARE_SECRET_BYTES) throw invalid();
  return { shareId, secret };
}

// ---- the manifest ----

export interface ManifestRecord {
  readonly id: string;
  readonly type: string;
  /** The revision when it was added: a snapshot serves exactly it, a live share it or later. */
  readonly revision: number;
  /** base64url SHA-256 of that revision's envelope bytes. */
  readonly sha256: string;
  /** The content key wrapped by the share key, slot share/<shareId>/record-key/<id> (base64url). */
  readonly key: string;
}

export interface ManifestUpload {
  readonly id: string;
  /** The shared evidence record holding this file's key (§8a). */
  readonly recordId: string;
}

export interface ShareManifest {
  readonly v: 1;
  readonly shareId: string;
  readonly label: string;
  readonly mode: ShareMode;
  readonly createdAt: string;
  readonly expiresAt: string;
  readonly records: readonly ManifestRecord[];
  readonly uploads: readonly ManifestUpload[];
}

function manifestInvalid(what: string): ShareError {
  return new ShareError('share_manifest_invalid', `the share's manifest is not valid (${what})`);
}

/** Checks a decrypted manifest's shape and that it names this share. */
export function parseManifest(value: unknown, shareId: string): ShareManifest {
  const o = value as Record<string, unknown> | null;
  if (typeof o !== 'object' || o === null) throw manifestInvalid('object');
  const str = (x: Record<string, unknown>, k: string): string => {
    if (typeof x[k] !== 'string') throw manifestInvalid(k);
    return x[k];
  };
  if (o.v !== 1) throw manifestInvalid('v');
  if (o.shareId !== shareId) throw manifestInvalid('shareId');
  if (o.mode !== 'snapshot' && o.mode !== 'live') throw manifestInvalid('mode');
  if (!Array.isArray(o.records) || !Array.isArray(o.uploads)) throw manifestInvalid('lists');
  const ids = new Set<string>();
  const records = (o.records as unknown[]).map((r) => {
    if (typeof r !== 'object' || r === null) throw manifestInvalid('record');
    const x = r as Record<string, unknown>;
    const revision = x.revision;
    if (typeof revision !== 'number' || !Number.isSafeInteger(revision) || revision < 1) {
      throw manifestInvalid('revision');
    }
    const id = str(x, 'id');
    if (ids.has(id)) throw manifestInvalid('duplicate record');
    ids.add(id);
    return { id, type: str(x, 'type'), revision, sha256: str(x, 'sha256'), key: str(x, 'key') };
  });
  const uploads = (o.uploads as unknown[]).map((u) => {
    if (typeof u !== 'object' || u === null) throw manifestInvalid('upload');
    const x = u as Record<string, unknown>;
    const recordId = str(x, 'recordId');
    if (!ids.has(recordId)) throw manifestInvalid('upload without its record');
    return { id: str(x, 'id'), recordId };
  });
  return {
    v: 1,
    shareId,
    label: str(o, 'label'),
    mode: o.mode,
    createdAt: str(o, 'createdAt'),
    expiresAt: str(o, 'expiresAt'),
    records,
    uploads,
  };
}

async function sealManifest(
  shareKey: Uint8Array,
  manifest: ShareManifest,
  revision: number,
): Promise<string> {
  const envelope = await sealJson({
    key: shareKey,
    recordId: manifest.shareId,
    recordType: SHARE_MANIFEST_TYPE,
    revision,
    value: manifest,
  });
  return toBase64Url(envelope);
}

async function openManifest(
  shareKey: Uint8Array,
  shareId: string,
  revision: number,
  ciphertext: string,
): Promise<ShareManifest> {
  const value = await openJson({
    key: shareKey,
    recordId: shareId,
    recordType: SHARE_MANIFEST_TYPE,
    revision,
    envelope: fromBase64Url(ciphertext),
  });
  return parseManifest(value, shareId);
}

/** Re-wraps one record the owner holds into the share: content key and envelope hash. */
async function manifestRecord(
  accountKey: Uint8Array,
  shareKey: Uint8Array,
  shareId: string,
  record: RecordResponse,
): Promise<ManifestRecord> {
  const contentKey = await unwrapKey(
    accountKey,
    fromBase64Url(record.wrappedKey),
    recordKeyContext(record.id),
  );
  try {
    const wrapped = await wrapKey(shareKey, contentKey, shareRecordKeyContext(shareId, record.id));
    return {
      id: record.id,
      type: record.type,
      revision: record.revision,
      sha256: toBase64Url(await sha256(fromBase64Url(record.ciphertext))),
      key: toBase64Url(wrapped),
    };
  } finally {
    wipeBestEffort(contentKey);
  }
}

function checkUploads(
  records: readonly { id: string }[],
  uploads: readonly ManifestUpload[],
): void {
  const ids = new Set(records.map((r) => r.id));
  for (const u of uploads) {
    if (!ids.has(u.recordId)) throw manifestInvalid('upload without its record');
  }
}

// ---- the owner ----

export interface NewShareInput {
  /** The records to share, as the owner's vault holds them (current revision, own wrapped key). */
  readonly records: readonly RecordResponse[];
  /** Evidence files to share; each names its evidence record, which must be among `records`. */
  readonly uploads?: readonly ManifestUpload[];
  /** Whom it is for, e.g. "PC Jones, case ref 12/345": sealed, never sent in the clear. */
  readonly label: string;
  readonly mode: ShareMode;
  /** Seconds it lasts: the server's default (30 days) when left out; 1 hour to 1 year. */
  readonly expiresInSeconds?: number;
  /** This site's origin, for the link. */
  readonly origin: string;
}

export interface CreatedShare {
  readonly shareId: string;
  /** The link to hand over (QR code or message). */
  readonly link: string;
  /** `ABCD-EFGH`: to be sent another way than the link. */
  readonly passcode: string;
  readonly share: ShareSummary;
}

const DEFAULT_SECONDS = 30 * 24 * 3600;

/**
 * Makes a share: a new id, link secret and passcode; the records' content keys re-wrapped; the
 * manifest sealed; the share key kept for the owner under the account key.
 *
 * @example
 * const { link, passcode } = await createShare(api, accountKey, {
 *   records, label: 'PC Jones', mode: 'snapshot', origin: location.origin });
 */
export async function createShare(
  api: VaultApi,
  accountKey: Uint8Array,
  input: NewShareInput,
): Promise<CreatedShare> {
  const uploads = input.uploads ?? [];
  checkUploads(input.records, uploads);
  const shareId = toBase64Url(crypto.getRandomValues(new Uint8Array(16)));
  const secret = await generateShareSecret();
  const passcode = await generatePasscode();
  const { authKey, shareKey } = await deriveShareKeys(secret, passcode, shareId);
  try {
    const now = Date.now();
    const records: ManifestRecord[] = [];
    for (const r of input.records)
      records.push(await manifestRecord(accountKey, shareKey, shareId, r));
    const manifest: ShareManifest = {
      v: 1,
      shareId,
      label: input.label,
      mode: input.mode,
      createdAt: new Date(now).toISOString(),
      expiresAt: new Date(now + (input.expiresInSeconds ?? DEFAULT_SECONDS) * 1000).toISOString(),
      records,
      uploads,
    };
    const share = await api.createShare({
      id: shareId,
      mode: input.mode,
      authKey: toBase64Url(authKey),
      ownerWrappedKey: toBase64Url(await wrapKey(accountKey, shareKey, shareKeyContext(shareId))),
      manifest: await sealManifest(shareKey, manifest, 1),
      ...(input.expiresInSeconds === undefined ? {} : { expiresInSeconds: input.expiresInSeconds }),
      records: records.map((r) => ({ id: r.id, revision: r.revision })),
      uploads: uploads.map((u) => u.id),
    });
    return {
      shareId,
      link: shareLinkUrl(input.origin, { shareId, secret }),
      passcode: formatPasscode(passcode),
      share,
    };
  } finally {
    wipeBestEffort(authKey);
    wipeBestEffort(shareKey);
    wipeBestEffort(secret);
  }
}

/**
 * The owner's view of one of their shares: its manifest (label, what it holds), opened with the
 * owner's copy of the share key. Null for a revoked or expired share (its ciphertext is gone).
 */
export async function readOwnShare(
  accountKey: Uint8Array,
  share: ShareSummary,
): Promise<ShareManifest | null> {
  if (share.manifest === null || share.ownerWrappedKey === null) return null;
  const shareKey = await unwrapKey(
    accountKey,
    fromBase64Url(share.ownerWrappedKey),
    shareKeyContext(share.id),
  );
  try {
    return await openManifest(shareKey, share.id, share.revision, share.manifest);
  } finally {
    wipeBestEffort(shareKey);
  }
}

/**
 * Adds records (and uploads) to a kept-up-to-date share, or refreshes ones already in it: their
 * content keys re-wrapped, the manifest re-sealed at the next revision. Answers that revision.
 * `remove` takes records out (with the uploads whose evidence record they are) — needed before
 * a shared record is deleted, as the server refuses a manifest listing a record that is gone.
 * A `share_revision_conflict` ApiError means another device changed it first: list and retry.
 */
export async function addToShare(
  api: VaultApi,
  accountKey: Uint8Array,
  share: ShareSummary,
  add: {
    readonly records: readonly RecordResponse[];
    readonly uploads?: readonly ManifestUpload[];
    readonly remove?: readonly string[];
  },
): Promise<number> {
  if (share.mode !== 'live') {
    throw new ShareError(
      'share_manifest_invalid',
      'only a kept-up-to-date share takes new entries',
    );
  }
  if (share.manifest === null || share.ownerWrappedKey === null) {
    throw new ShareError('share_manifest_invalid', 'this share has been revoked or has expired');
  }
  const shareKey = await unwrapKey(
    accountKey,
    fromBase64Url(share.ownerWrappedKey),
    shareKeyContext(share.id),
  );
  try {
    const current = await openManifest(shareKey, share.id, share.revision, share.manifest);
    const byId = new Map(current.records.map((r) => [r.id, r]));
    for (const r of add.records) {
      byId.set(r.id, await manifestRecord(accountKey, shareKey, share.id, r));
    }
    for (const id of add.remove ?? []) byId.delete(id);
    const records = [...byId.values()];
    if (records.length === 0) {
      throw new ShareError('share_manifest_invalid', 'a share holds at least one entry: revoke it');
    }
    const uploadsById = new Map(current.uploads.map((u) => [u.id, u]));
    for (const u of add.uploads ?? []) uploadsById.set(u.id, u);
    const uploads = [...uploadsById.values()].filter((u) => byId.has(u.recordId));
    checkUploads(records, uploads);
    const next: ShareManifest = { ...current, records, uploads };
    return await api.updateShare(share.id, {
      expectedRevision: share.revision,
      manifest: await sealManifest(shareKey, next, share.revision + 1),
      records: records.map((r) => ({ id: r.id, revision: r.revision })),
      uploads: uploads.map((u) => u.id),
    });
  } finally {
    wipeBestEffort(shareKey);
  }
}

/** Revokes a share at once. */
export async function revokeShare(api: VaultApi, shareId: string): Promise<void> {
  await api.revokeShare(shareId);
}

// ---- the recipient ----

export interface SharedRecordValue {
  readonly id: string;
  readonly type: string;
  readonly revision: number;
  /** The decrypted JSON, for the caller to check with the record type's schema. */
  readonly value: unknown;
}

/** A shared record as the bundle needs it: the served envelope and its own content key. */
export interface SealableSharedRecord extends SharedRecordValue {
  /** The exact ciphertext the server served (its envelope, §7). */
  readonly envelope: Uint8Array;
  /** This record's content key (opens this record and nothing else): the caller wipes it. */
  readonly contentKey: Uint8Array;
}

export interface OpenedShare {
  readonly manifest: ShareManifest;
  readonly records: readonly SharedRecordValue[];
  readonly session: ShareSession;
  /**
   * The records again with their served envelopes and content keys, for a bundle made on the
   * recipient's device (the bundle reveals each included record's content key, as the owner's
   * does). Fresh copies of the keys each call: wipe them (report's `wipeSealed`) when done.
   */
  sealable(ids?: readonly string[]): Promise<SealableSharedRecord[]>;
  /** Wipes the share key this object keeps for `sealable`; call it when the page forgets. */
  forget(): void;
  /**
   * Fetches and decrypts a shared evidence file, with the file key and file id from its shared
   * evidence record (§8a). Refuses an upload the manifest does not list.
   */
  readFile(uploadId: string, file: { key: Uint8Array; fileId: string }): Promise<Uint8Array>;
  /**
   * The original file of a shared evidence record, streamed, decrypted and checked against the
   * record (size and SHA-256; IntegrityError otherwise), as a Blob — byte-identical to what the
   * person added. Refuses a record that is not shared evidence with a listed upload.
   */
  openEvidence(
    recordId: string,
    options?: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void },
  ): Promise<{ evidence: Evidence; blob: Blob }>;
}

/**
 * Opens a share as its recipient: derive, prove, fetch, check against the manifest, decrypt.
 * Errors: ApiError (`share_passcode_wrong`, `share_locked`, `share_expired`, `share_revoked`,
 * `share_not_found`, …), CryptoError (`passcode_invalid`, `decryption_failed`: a ciphertext
 * that is not this share's), ShareError (a server that dropped, added or changed a record).
 *
 * @example const opened = await openShare(api, location.hash, typedPasscode);
 */
export async function openShare(
  api: VaultApi,
  linkText: string,
  passcode: string,
): Promise<OpenedShare> {
  const { shareId, secret } = parseShareLink(linkText);
  const { authKey, shareKey } = await deriveShareKeys(secret, passcode, shareId);
  wipeBestEffort(secret);
  try {
    const session = await api.openShareSession(shareId, toBase64Url(authKey));
    const content = await api.getShare(shareId, session);
    if (content.id !== shareId) throw manifestInvalid('id');
    const manifest = await openManifest(shareKey, shareId, content.revision, content.manifest);
    if (manifest.mode !== content.mode) throw manifestInvalid('mode');
    const served = await api.listShareRecords(shareId, session);
    const records = await checkAndOpenRecords(shareKey, manifest, served);
    const uploads = new Set(manifest.uploads.map((u) => u.id));
    // Kept (a copy) only for `sealable`, until `forget`; the envelopes were checked above.
    const keptKey = shareKey.slice();
    const envelopes = new Map(served.map((s) => [s.id, s.ciphertext] as const));
    return {
      manifest,
      records,
      session,
      async sealable(ids) {
        const wanted = ids === undefined ? undefined : new Set(ids);
        const out: SealableSharedRecord[] = [];
        for (const record of records) {
          if (wanted !== undefined && !wanted.has(record.id)) continue;
          const entry = manifest.records.find((r) => r.id === record.id);
          const ciphertext = envelopes.get(record.id);
          if (entry === undefined || ciphertext === undefined) {
            throw new ShareError('share_record_missing', 'an entry in this share was not sent');
          }
          const contentKey = await unwrapKey(
            keptKey,
            fromBase64Url(entry.key),
            shareRecordKeyContext(manifest.shareId, entry.id),
          );
          out.push({ ...record, envelope: fromBase64Url(ciphertext), contentKey });
        }
        return out;
      },
      forget() {
        wipeBestEffort(keptKey);
      },
      async readFile(uploadId, file) {
        if (!uploads.has(uploadId)) {
          throw new ShareError('share_upload_not_listed', 'this file is not part of the share');
        }
        const encrypted = await api.getShareUpload(shareId, session, uploadId);
        return decryptFile({ encrypted, key: file.key, fileId: file.fileId });
      },
      async openEvidence(recordId, options = {}) {
        const record = records.find((r) => r.id === recordId);
        const parsed = evidenceSchema.safeParse(record?.value);
        const evidence = parsed.success ? parsed.data : undefined;
        const listed = manifest.uploads.find((u) => u.recordId === recordId);
        if (evidence === undefined || listed === undefined || listed.id !== evidence.upload.id) {
          throw new ShareError('share_upload_not_listed', 'this file is not part of the share');
        }
        const sha256 = evidence.file.sha256;
        if (sha256 === undefined) {
          throw new ShareError('share_upload_not_listed', 'this file had not finished uploading');
        }
        const response = await api.shareUploadResponse(shareId, session, listed.id);
        const key = fromBase64Url(evidence.encryption.key);
        try {
          const blob = await decryptToBlob(responseChunks(response), {
            key,
            fileId: evidence.encryption.fileId,
            size: evidence.file.size,
            sha256,
            mediaType: evidence.file.mediaType,
            ...(options.signal !== undefined ? { signal: options.signal } : {}),
            ...(options.onProgress !== undefined ? { onProgress: options.onProgress } : {}),
          });
          return { evidence, blob };
        } finally {
          wipeBestEffort(key);
        }
      },
    };
  } finally {
    wipeBestEffort(authKey);
    wipeBestEffort(shareKey);
  }
}

/**
 * The served records must be exactly the manifest's: none missing, none extra, a snapshot's at
 * the listed revision and bytes, a live share's at that revision or later. Each is then opened
 * with its re-wrapped key, bound to the expected id, type and revision.
 */
export async function checkAndOpenRecords(
  shareKey: Uint8Array,
  manifest: ShareManifest,
  served: readonly SharedRecord[],
): Promise<SharedRecordValue[]> {
  const byId = new Map<string, SharedRecord>();
  for (const s of served) {
    if (byId.has(s.id)) {
      throw new ShareError('share_record_unexpected', 'the server sent a record twice');
    }
    byId.set(s.id, s);
  }
  const listed = new Set(manifest.records.map((r) => r.id));
  for (const s of served) {
    if (!listed.has(s.id)) {
      throw new ShareError(
        'share_record_unexpected',
        'the server sent a record the share does not list',
      );
    }
  }
  const out: SharedRecordValue[] = [];
  for (const entry of manifest.records) {
    const s = byId.get(entry.id);
    if (s === undefined) {
      throw new ShareError('share_record_missing', 'an entry in this share was not sent');
    }
    const envelope = fromBase64Url(s.ciphertext);
    const sameRevision = s.revision === entry.revision;
    if (manifest.mode === 'snapshot' ? !sameRevision : s.revision < entry.revision) {
      throw new ShareError('share_record_changed', 'an entry is not the version that was shared');
    }
    if (sameRevision && !bytesEqual(await sha256(envelope), fromBase64Url(entry.sha256))) {
      throw new ShareError('share_record_changed', 'an entry is not the version that was shared');
    }
    const contentKey = await unwrapKey(
      shareKey,
      fromBase64Url(entry.key),
      shareRecordKeyContext(manifest.shareId, entry.id),
    );
    try {
      const value = await openJson({
        key: contentKey,
        recordId: entry.id,
        recordType: entry.type,
        revision: s.revision,
        envelope,
      });
      out.push({ id: entry.id, type: entry.type, revision: s.revision, value });
    } finally {
      wipeBestEffort(contentKey);
    }
  }
  return out;
}
