/**
 * Files from a witness (docs/vault-protocol.md §15.8), in the vault core.
 *
 * Witness: `sendWitnessFile(open, file, onProgress)` makes a fresh file key and header, hashes
 * the file (SHA-256 and the BLAKE2b fingerprint, one read), creates a tus upload under the
 * invitation (authorised by the link's auth key) and sends the file encrypted in the evidence
 * file format (§8) with the evidence locker's own encrypting source and tus client. It answers
 * the `WitnessFile` that goes inside the sealed statement; nothing is written to any storage.
 *
 * Person: `openWitnessFile(file)` fetches the ciphertext of the upload (theirs: it counts against
 * their quota) and decrypts and checks it against the statement's SHA-256;
 * `keepWitnessFiles(vault, statement)` makes an `evidence` item for each file, pointing at the
 * upload already there (nothing is sent again); `deleteWitnessFiles` removes the uploads of a
 * statement that is not kept.
 */
import {
  createFileHeader,
  encodeFileHeader,
  encryptedFileSize,
  fromBase64Url,
  generateKey,
  toBase64Url,
} from '../crypto/index.js';
import { WITNESS_AUTH_HEADER } from '../contract/witnesses.js';
import { defaultTitle, mediaTypeOf, type EvidenceInput } from '../domain/evidence/index.js';
import type { WitnessFile, WitnessStatement } from '../domain/witness.js';
import { ApiError, readApiError, type VaultApi } from './api.js';
import { blobReader, EncryptingSource } from './evidence/encrypting-source.js';
import { decryptToBlob, responseChunks } from './evidence/decrypt.js';
import { addEvidence, type Vault } from './evidence/evidence-records.js';
import { digestBlob } from './evidence/file-hash.js';
import { tusUpload } from './evidence/tus-upload.js';
import { deleteUpload, fetchCiphertext } from './evidence/upload-api.js';
import { newRecordId } from './records.js';
import { wipeBestEffort } from './session.js';

/** What a witness's link gives for sending files: its id and auth key. */
export interface WitnessUploadLink {
  readonly link: { readonly invitationId: string };
  readonly authKey: string;
}

const uploadsPath = (invitationId: string) =>
  `/api/witness/invitations/${encodeURIComponent(invitationId)}/uploads`;

/**
 * Encrypts and sends one file for the statement; what the statement must say about it.
 *
 * @example const sent = await sendWitnessFile(open, file, (done, total) => …);
 */
export async function sendWitnessFile(
  open: WitnessUploadLink,
  file: File,
  onProgress: (done: number, total: number) => void = () => undefined,
): Promise<WitnessFile> {
  const { fingerprint, sha256 } = await digestBlob(file, { fingerprint: true, sha256: true });
  if (fingerprint === undefined || sha256 === undefined) throw new Error('the file was not read');
  const header = await createFileHeader();
  const key = await generateKey();
  const fileId = newRecordId();
  const length = encryptedFileSize(file.size, header.chunkSize);
  const auth = { [WITNESS_AUTH_HEADER]: open.authKey };
  let response: Response;
  try {
    response = await fetch(uploadsPath(open.link.invitationId), {
      method: 'POST',
      credentials: 'omit',
      cache: 'no-store',
      redirect: 'error',
      headers: { ...auth, 'tus-resumable': '1.0.0', 'upload-length': String(length) },
    });
  } catch {
    throw new ApiError(0, 'network', 'the server could not be reached');
  }
  if (response.status !== 201) throw await readApiError(response);
  const location = response.headers.get('location') ?? '';
  const uploadId = /\/([a-f0-9]{32})$/.exec(new URL(location, 'http://x.invalid').pathname)?.[1];
  if (uploadId === undefined) {
    throw new ApiError(0, 'bad_response', 'the server did not say where the upload is');
  }
  const context = { key, fileId, header };
  const source = new EncryptingSource(context, blobReader(file));
  try {
    await new Promise<void>((resolve, reject) => {
      tusUpload(`${uploadsPath(open.link.invitationId)}/${uploadId}`, source, auth, {
        onProgress,
        onSuccess: resolve,
        onError: reject,
      }).start();
    });
  } finally {
    source.close();
  }
  const sent: WitnessFile = {
    uploadId,
    file: {
      name: file.name.length > 0 ? file.name : 'file',
      mediaType: mediaTypeOf(file.type),
      size: file.size,
      sha256,
    },
    encryption: {
      fileId,
      key: toBase64Url(key),
      header: toBase64Url(encodeFileHeader(header)),
      fingerprint,
    },
  };
  wipeBestEffort(key);
  return sent;
}

/**
 * The original bytes of a witness's file, checked against the statement's SHA-256 (an
 * IntegrityError when they are not exactly what the witness sent).
 */
export async function openWitnessFile(
  file: WitnessFile,
  onProgress?: (done: number, total: number) => void,
): Promise<Blob> {
  const response = await fetchCiphertext(file.uploadId);
  return decryptToBlob(responseChunks(response), {
    key: fromBase64Url(file.encryption.key),
    fileId: file.encryption.fileId,
    size: file.file.size,
    sha256: file.file.sha256,
    mediaType: file.file.mediaType,
    ...(onProgress !== undefined ? { onProgress } : {}),
  });
}

/**
 * Keeps a statement's files as evidence items (their uploads are already the account's); the
 * new item ids, in the statement's order. The date is the day the witness says it happened.
 */
export async function keepWitnessFiles(
  vault: Vault,
  statement: WitnessStatement,
  receivedAt: string,
): Promise<string[]> {
  const ids: string[] = [];
  for (const f of statement.files ?? []) {
    const value: EvidenceInput = {
      title: defaultTitle(f.file.name),
      date: statement.when.date,
      source: 'file',
      file: f.file,
      encryption: f.encryption,
      upload: { id: f.uploadId, state: 'complete', startedAt: receivedAt, completedAt: receivedAt },
    };
    ids.push(await addEvidence(vault, value));
  }
  return ids;
}

/** Removes the uploads of a statement that is not kept (already gone counts as removed). */
export async function deleteWitnessFiles(
  api: VaultApi,
  statement: WitnessStatement,
): Promise<void> {
  for (const f of statement.files ?? []) await deleteUpload(api, f.uploadId);
}
