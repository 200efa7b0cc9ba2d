/**
 * Shares, the recipient's side (docs/vault-protocol.md §14): from the link and the passcode,
 * derive the keys, prove the auth key, and open the manifest and every record, checking that the
 * server served exactly what the manifest lists (no record dropped, added, swapped or changed)
 * before trusting any of it. Keys live in the returned object only, for the caller to drop.
 */
import {
  bytesEqual,
  decryptFile,
  deriveShareKeys,
  fromBase64Url,
  openJson,
  sha256,
  shareRecordKeyContext,
  toBase64Url,
  unwrapKey,
} from '../crypto/index.js';
import type { SharedRecord, ShareSession, VaultApi } from './api.js';
import { evidenceSchema, type Evidence } from '../domain/evidence/index.js';
import { decryptToBlob, responseChunks } from './evidence/decrypt.js';
import { wipeBestEffort } from './session.js';
import { parseShareLink, ShareError } from './share-link.js';
import { manifestInvalid, openManifest, type ShareManifest } from './share-manifest.js';

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
