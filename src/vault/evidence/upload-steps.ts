/**
 * The steps of an upload that talk to the server and the records, for the queue (uploads.ts):
 * from a new file to its saved record before any byte is sent; proving a file chosen again is
 * the original of a saved upload; a new upload when the server lost one; and from the last byte
 * sent to the record marked complete with the original's SHA-256.
 */
import {
  createFileHeader,
  decodeFileHeader,
  encodeFileHeader,
  encryptedFileSize,
  fromBase64Url,
  generateKey,
  toBase64Url,
  type FileContext,
} from '../../crypto/index.js';
import {
  defaultDate,
  defaultTitle,
  isSameOriginal,
  mediaTypeOf,
  type EvidenceInput,
  type EvidenceSource,
  type ExifSummary,
} from '../../domain/evidence/index.js';
import { newRecordId } from '../records.js';
import { addEvidence, updateEvidence, type EvidenceRecord } from './evidence-records.js';
import { readExifSummary } from './exif-reader.js';
import type { FileCrypto } from './file-crypto.js';
import type { Job, UploadDeps, UploadProblem } from './upload-job.js';
import { createUpload, type UploadLimits } from './upload-api.js';

/** What the steps use of the queue. */
export interface StepHost {
  readonly deps: UploadDeps;
  readonly crypto: FileCrypto;
  uploadLimits(): Promise<UploadLimits | undefined>;
  /** Counts bytes a new upload reserves against the limits asked for this session. */
  reserve(limits: UploadLimits, bytes: number): void;
  changed(now?: boolean): void;
  /** Whether the job was cancelled, paused or the session locked during an await. */
  gone(job: Job): boolean;
  fail(job: Job, problem: UploadProblem): false;
}

/**
 * From a new file to a saved record: size check, fingerprint, metadata, keys, record, link.
 * False when the job stopped on the way (failed, cancelled, or the session locked).
 */
export async function prepareUpload(job: Job, host: StepHost): Promise<boolean> {
  const { file } = job;
  const { deps } = host;
  const header = await createFileHeader();
  const encryptedSize = encryptedFileSize(file.size, header.chunkSize);
  const limits = await host.uploadLimits();
  if (host.gone(job)) return false;
  if (limits !== undefined) {
    if (encryptedSize > limits.maxFileBytes) return host.fail(job, 'too_big');
    if (limits.usedBytes + encryptedSize > limits.accountQuotaBytes) {
      return host.fail(job, 'quota');
    }
  }
  if (job.uploadId === undefined) {
    job.phase = 'checking';
    job.done = 0;
    job.total = file.size;
    host.changed(true);
    // Creating the upload is where the server checks its limits, before any byte is sent.
    job.uploadId = await createUpload(deps.api, encryptedSize);
    if (host.gone(job)) return false;
    if (limits !== undefined) host.reserve(limits, encryptedSize);
  }
  job.hashing = new AbortController();
  const { fingerprint } = await host.crypto.digest(file, {
    fingerprint: true,
    signal: job.hashing.signal,
    onProgress: (done) => {
      job.done = done;
      host.changed();
    },
  });
  job.hashing = undefined;
  const exif = await readExifSummary(file, file.name);
  if (host.gone(job) || fingerprint === undefined) return false;
  const context = { key: await generateKey(), fileId: newRecordId(), header };
  job.context = context;
  const value = newUploadRecord({
    file,
    source: job.source,
    context,
    fingerprint,
    uploadId: job.uploadId,
    exif,
    now: (deps.now ?? (() => new Date()))(),
    today: deps.today(),
    localDate: deps.localDate,
  });
  job.evidenceId = await addEvidence(deps, value);
  if (host.gone(job)) return false;
  if (job.incidentId !== undefined) {
    try {
      await deps.link(job.incidentId, job.evidenceId);
    } catch {
      job.linkFailed = true;
    }
  }
  return !host.gone(job);
}

/**
 * Marks the record complete with the original's SHA-256: the one built while the chunks were
 * encrypted, or (when some chunks were never made in order in this session, the server having
 * had them) a hash of the whole file once more. False when the job stopped on the way.
 */
export async function completeRecord(job: Job, host: StepHost): Promise<boolean> {
  const { evidenceId } = job;
  const { deps } = host;
  if (evidenceId === undefined) return false;
  // Undefined (and hashed again below) if the worker is gone or missed some chunks.
  job.sha256 ??= await job.chunks?.sha256().catch(() => undefined);
  if (host.gone(job)) return false;
  if (job.sha256 === undefined) {
    // Some chunks were never read in order in this session (the server already had them):
    // the SHA-256 needs the whole file once more.
    job.hashing = new AbortController();
    const { sha256 } = await host.crypto.digest(job.file, {
      sha256: true,
      signal: job.hashing.signal,
    });
    job.hashing = undefined;
    job.sha256 = sha256;
  }
  const sha256 = job.sha256;
  if (sha256 === undefined || host.gone(job)) return false;
  const completedAt = (deps.now ?? (() => new Date()))().toISOString();
  await updateEvidence(deps, evidenceId, (e) =>
    e.upload.state === 'complete'
      ? e
      : {
          ...e,
          file: { ...e.file, sha256 },
          upload: { ...e.upload, state: 'complete', completedAt },
        },
  );
  return true;
}

/**
 * Whether `job.file` is the original of an upload saved in an earlier session: one read for
 * both hashes, since the fingerprint proves it is the same file and the SHA-256 is needed
 * anyway (this session will not read the part the server already has). When it is, the job
 * gets the item's key and header, to encrypt it again identically.
 */
export async function checkSameFile(
  job: Job,
  saved: EvidenceRecord,
  host: StepHost,
): Promise<boolean> {
  const { file } = job;
  job.hashing = new AbortController();
  const digests = await host.crypto.digest(file, {
    fingerprint: true,
    sha256: saved.value.file.sha256 === undefined,
    signal: job.hashing.signal,
    onProgress: (done) => {
      job.done = done;
      host.changed();
    },
  });
  job.hashing = undefined;
  if (!isSameOriginal(saved.value, { size: file.size, ...digests })) return false;
  job.sha256 = saved.value.file.sha256 ?? digests.sha256;
  const enc = saved.value.encryption;
  job.context = {
    key: fromBase64Url(enc.key),
    fileId: enc.fileId,
    header: decodeFileHeader(fromBase64Url(enc.header)),
  };
  return true;
}

/**
 * A new upload for a job whose upload the server no longer has, the record pointing at it.
 * False when the job stopped on the way.
 */
export async function recreateUpload(job: Job, host: StepHost): Promise<boolean> {
  const { context, evidenceId } = job;
  if (context === undefined || evidenceId === undefined) return false;
  const uploadId = await createUpload(
    host.deps.api,
    encryptedFileSize(job.file.size, context.header.chunkSize),
  );
  if (host.gone(job)) return false;
  await updateEvidence(host.deps, evidenceId, (e) => ({
    ...e,
    upload: { ...e.upload, id: uploadId, state: 'uploading', completedAt: undefined },
  }));
  job.uploadId = uploadId;
  return !host.gone(job);
}

interface NewUpload {
  readonly file: File;
  readonly source: EvidenceSource;
  readonly context: FileContext;
  /** BLAKE2b-256 of the whole original, lowercase hex. */
  readonly fingerprint: string;
  readonly uploadId: string;
  readonly exif: ExifSummary | undefined;
  readonly now: Date;
  /** Today as a local date, and a local date for an instant (the person's time zone). */
  readonly today: string;
  readonly localDate: (ms: number) => string;
}

/** The record a new upload saves before any byte is sent (state "uploading"). */
function newUploadRecord(upload: NewUpload): EvidenceInput {
  const { file, context, exif } = upload;
  return {
    title: defaultTitle(file.name),
    date: defaultDate(
      exif,
      file.lastModified > 0 ? upload.localDate(file.lastModified) : undefined,
      upload.today,
    ),
    source: upload.source,
    file: {
      name: file.name.length > 0 ? file.name : 'evidence',
      mediaType: mediaTypeOf(file.type),
      size: file.size,
      ...(file.lastModified > 0 ? { lastModified: new Date(file.lastModified).toISOString() } : {}),
    },
    encryption: {
      fileId: context.fileId,
      key: toBase64Url(context.key),
      header: toBase64Url(encodeFileHeader(context.header)),
      fingerprint: upload.fingerprint,
    },
    upload: { id: upload.uploadId, state: 'uploading', startedAt: upload.now.toISOString() },
    ...(exif !== undefined ? { exif } : {}),
  };
}
