/**
 * Shares, the vault's side (docs/vault-protocol.md §14). Pure but for the one API client. This
 * file is the owner's side and the face of shares for callers:
 *
 * - the owner makes a share from records it holds (their content keys re-wrapped to the share
 *   key, a manifest sealed to it, the share key also wrapped by the account key), reads its own
 *   shares' labels, adds records to a kept-up-to-date share, and revokes;
 * - the recipient's side is share-open.ts, the link share-link.ts, the manifest
 *   share-manifest.ts; re-exported here.
 *
 * Nothing here keeps anything: keys live in the returned objects only, for the caller to drop.
 */
import {
  deriveShareKeys,
  formatPasscode,
  fromBase64Url,
  generatePasscode,
  generateShareSecret,
  recordKeyContext,
  sha256,
  shareKeyContext,
  shareRecordKeyContext,
  toBase64Url,
  unwrapKey,
  wrapKey,
} from '../crypto/index.js';
import type { RecordResponse, ShareMode, ShareSummary, VaultApi } from './api.js';
import { wipeBestEffort } from './session.js';
import { shareLinkUrl, ShareError } from './share-link.js';
import {
  manifestInvalid,
  openManifest,
  sealManifest,
  type ManifestRecord,
  type ManifestUpload,
  type ShareManifest,
} from './share-manifest.js';

export {
  parseShareLink,
  SHARE_LINK_VERSION,
  SHARE_PAGE_PATH,
  ShareError,
  shareLinkFragment,
  shareLinkUrl,
  type ShareErrorCode,
  type ShareLink,
} from './share-link.js';
export {
  parseManifest,
  type ManifestRecord,
  type ManifestUpload,
  type ShareManifest,
} from './share-manifest.js';
export {
  checkAndOpenRecords,
  openShare,
  type OpenedShare,
  type SealableSharedRecord,
  type SharedRecordValue,
} from './share-open.js';

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
