/**
 * A share's manifest (docs/vault-protocol.md §14): what the share holds, sealed to the share key.
 * The owner seals it (shares.ts), the recipient opens it and checks its shape (share-open.ts),
 * so both sides read and write one format.
 */
import {
  fromBase64Url,
  openJson,
  sealJson,
  SHARE_MANIFEST_TYPE,
  toBase64Url,
} from '../crypto/index.js';
import type { ShareMode } from './api.js';
import { ShareError } from './share-link.js';

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

export function manifestInvalid(what: string): ShareError {
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

export async function sealManifest(
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

export async function openManifest(
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
