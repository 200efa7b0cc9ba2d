/**
 * The session's evidence uploads: a queue that takes each file through
 *
 *   waiting → (server checks the size: POST creates the upload, no bytes yet)
 *           → checking (BLAKE2b fingerprint of the whole original, photo metadata)
 *           → saved (the encrypted `evidence` record, state "uploading", with upload id, key
 *             and fingerprint)
 *           → uploading (tus PATCHes of the encrypted stream, from the server's offset; the
 *             SHA-256 of the original is computed from the chunks as they are encrypted)
 *           → finishing (record marked "complete", with the SHA-256) → done
 *
 * one file at a time, so each gets the connection to itself and progress means something.
 *
 * Because the record is saved before any byte is sent, an upload cut short by a reload or a
 * lock is not lost: the item shows as paused, and choosing the same file again (same size and
 * fingerprint, checked before anything is encrypted) carries on from the server's offset.
 *
 * Everything here lives in memory for one unlocked session. `destroy()` (on lock) aborts every
 * request, stops every hash, drops every File and wipes every file key it holds; nothing is
 * ever written to browser storage.
 */
import {
  createFileHeader,
  decodeFileHeader,
  encodeFileHeader,
  encryptedFileSize,
  fileChunkCount,
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
} from '../../domain/evidence/index.js';
import { isApiError } from '../api.js';
import { newRecordId } from '../records.js';
import { wipeBestEffort } from '../session.js';
import { blobReader, EncryptingSource } from './encrypting-source.js';
import {
  addEvidence,
  removeEvidenceRecord,
  updateEvidence,
  type EvidenceRecord,
  type Vault,
} from './evidence-records.js';
import { readExifSummary } from './exif-reader.js';
import { digestBlob, InOrderSha256 } from './file-hash.js';
import {
  createUpload,
  deleteUpload,
  fetchLimits,
  uploadHeaders,
  uploadUrl,
  type UploadLimits,
} from './upload-api.js';
import { causeOf, methodOf, statusOf, tusUpload, type TusUpload } from './tus-upload.js';

export type UploadPhase =
  'waiting' | 'checking' | 'uploading' | 'paused' | 'finishing' | 'done' | 'failed';

/** Why an upload stopped or failed, for the words the person sees. */
export type UploadProblem =
  | 'too_big'
  | 'quota'
  | 'not_same'
  | 'network'
  | 'server'
  | 'signed_out'
  | 'read_failed'
  | 'unexpected';

export interface UploadView {
  readonly key: string;
  readonly name: string;
  readonly size: number;
  readonly evidenceId: string | undefined;
  readonly phase: UploadPhase;
  /** Progress of the current phase: bytes hashed while checking, encrypted bytes sent after. */
  readonly done: number;
  readonly total: number;
  readonly problem: UploadProblem | undefined;
  /** True when the item could not be linked to the incident it was added for. */
  readonly linkFailed: boolean;
}

export interface UploadDeps extends Vault {
  /** Links a new item to an incident (the diary store's edit). */
  readonly link: (incidentId: string, evidenceId: string) => Promise<void>;
  /** Unlinks it again when an upload is cancelled. */
  readonly unlink: (incidentId: string, evidenceId: string) => Promise<void>;
  /** Asks the API something, so a session the server ended is noticed (and the vault locks). */
  readonly checkSession: () => void;
  /** Today as a local date, and a local date for an instant (the person's time zone). */
  readonly today: () => string;
  readonly localDate: (ms: number) => string;
  readonly now?: () => Date;
  readonly limits?: () => Promise<UploadLimits | undefined>;
}

interface Job {
  readonly key: string;
  readonly file: File;
  readonly source: EvidenceSource;
  readonly incidentId: string | undefined;
  phase: UploadPhase;
  done: number;
  total: number;
  problem: UploadProblem | undefined;
  linkFailed: boolean;
  evidenceId: string | undefined;
  uploadId: string | undefined;
  /** The SHA-256 of the original, once known. */
  sha256: string | undefined;
  /** Builds the SHA-256 while the file is encrypted, for a new upload. */
  inOrder: InOrderSha256 | undefined;
  context: FileContext | undefined;
  tus: TusUpload | undefined;
  encrypting: EncryptingSource | undefined;
  hashing: AbortController | undefined;
  /** Set when this job carries on an upload saved in an earlier session. */
  readonly saved: EvidenceRecord | undefined;
  /** The server no longer had the upload once already: a second time is a failure. */
  recreated: boolean;
}

/** Work that can be started again with "Try again" (it stopped before anything was saved). */
const RETRY_FROM_START: ReadonlySet<UploadProblem> = new Set(['network', 'server', 'unexpected']);

/**
 * Where the browser (window or worker) says the network is back; Node has no such event. Read
 * through globalThis so the core names no DOM global.
 */
const onlineEvents = globalThis as Partial<
  Pick<EventTarget, 'addEventListener' | 'removeEventListener'>
>;

export class UploadManager {
  private readonly jobs: Job[] = [];
  private readonly listeners = new Set<() => void>();
  private destroyed = false;
  private running = false;
  private limits: Promise<UploadLimits | undefined> | undefined;
  private notifyTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly onOnline = (): void => {
    for (const job of this.jobs) {
      if (job.phase === 'paused' && job.problem === 'network') this.resume(job.key);
    }
  };

  constructor(private readonly deps: UploadDeps) {
    onlineEvents.addEventListener?.('online', this.onOnline);
  }

  /** Every upload of this session, oldest first. */
  list(): UploadView[] {
    return this.jobs.map(view);
  }

  /** The live upload of an item, if this session has one. */
  forEvidence(evidenceId: string): UploadView | undefined {
    const job = this.jobs.find((j) => j.evidenceId === evidenceId);
    return job && view(job);
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The server's limits, asked once per session. */
  uploadLimits(): Promise<UploadLimits | undefined> {
    this.limits ??= (this.deps.limits ?? fetchLimits)();
    return this.limits;
  }

  /** Queues new files. */
  add(
    files: readonly File[],
    options: { readonly source?: EvidenceSource; readonly incidentId?: string } = {},
  ): void {
    if (this.destroyed) return;
    for (const file of files) {
      this.jobs.push(newJob(file, options.source ?? 'file', options.incidentId, undefined));
    }
    this.changed(true);
    this.pump();
  }

  /**
   * Carries on an upload saved in an earlier session with the file chosen again. Resolves
   * 'not_same' (and queues nothing) when it is a different file.
   */
  async resumeWith(saved: EvidenceRecord, file: File): Promise<'started' | 'not_same'> {
    if (this.destroyed) return 'not_same';
    if (!isSameOriginal(saved.value, { size: file.size })) return 'not_same';
    const existing = this.jobs.find((j) => j.evidenceId === saved.id);
    if (existing !== undefined) await this.cancelLocal(existing);
    const job = newJob(file, saved.value.source, undefined, saved);
    job.evidenceId = saved.id;
    job.uploadId = saved.value.upload.id;
    this.jobs.push(job);
    job.phase = 'checking';
    job.total = file.size;
    this.changed(true);
    try {
      // One read for both: the fingerprint proves it is the same file, and the SHA-256 is
      // needed anyway (this session will not read the part the server already has).
      job.hashing = new AbortController();
      const digests = await digestBlob(file, {
        fingerprint: true,
        sha256: saved.value.file.sha256 === undefined,
        signal: job.hashing.signal,
        onProgress: (done) => {
          job.done = done;
          this.changed();
        },
      });
      job.hashing = undefined;
      if (!isSameOriginal(saved.value, { size: file.size, ...digests })) {
        this.forget(job);
        return 'not_same';
      }
      job.sha256 = saved.value.file.sha256 ?? digests.sha256;
      const enc = saved.value.encryption;
      job.context = {
        key: fromBase64Url(enc.key),
        fileId: enc.fileId,
        header: decodeFileHeader(fromBase64Url(enc.header)),
      };
    } catch (e) {
      if (!this.isDestroyed() && this.jobs.includes(job)) this.fail(job, problemOf(e));
      return 'started';
    }
    if (this.isDestroyed() || !this.jobs.includes(job)) return 'started';
    job.phase = 'waiting';
    this.changed(true);
    this.pump();
    return 'started';
  }

  /** Stops sending; the server keeps what it has. */
  pause(key: string): void {
    const job = this.find(key);
    if (job?.phase !== 'uploading') return;
    void job.tus?.abort();
    job.tus = undefined;
    job.phase = 'paused';
    job.problem = undefined;
    this.changed(true);
    this.running = false;
    this.pump();
  }

  /** Carries on a paused upload, or tries a failed step again. */
  resume(key: string): void {
    const job = this.find(key);
    if (job === undefined) return;
    const retryable =
      job.phase === 'paused' ||
      (job.phase === 'failed' && job.problem !== undefined && RETRY_FROM_START.has(job.problem));
    if (!retryable) return;
    job.phase = 'waiting';
    job.problem = undefined;
    this.changed(true);
    this.pump();
  }

  /**
   * Stops the upload and removes everything of it: the server's upload and blob, the record,
   * and its link to the incident it was added for.
   */
  async cancel(key: string): Promise<void> {
    const job = this.find(key);
    if (job === undefined) return;
    await this.cancelLocal(job);
    const { uploadId, evidenceId, incidentId } = job;
    if (uploadId !== undefined) await deleteUpload(this.deps.api, uploadId);
    if (evidenceId !== undefined) {
      if (incidentId !== undefined && !job.linkFailed) {
        await this.deps.unlink(incidentId, evidenceId).catch(() => {
          // A link to a deleted item shows as "deleted" in the incident; nothing is lost.
        });
      }
      await removeEvidenceRecord(this.deps, evidenceId);
    }
  }

  /** Takes a finished or failed upload off the list. */
  dismiss(key: string): void {
    const job = this.find(key);
    if (job === undefined || (job.phase !== 'done' && job.phase !== 'failed')) return;
    this.forget(job);
  }

  /** On lock: stop everything, forget everything, wipe every key. */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    onlineEvents.removeEventListener?.('online', this.onOnline);
    for (const job of this.jobs) this.stopJob(job);
    this.jobs.length = 0;
    this.listeners.clear();
    if (this.notifyTimer !== undefined) clearTimeout(this.notifyTimer);
  }

  // ---- inside ----

  /** Read through a call: a lock can happen during any await. */
  private isDestroyed(): boolean {
    return this.destroyed;
  }

  private find(key: string): Job | undefined {
    return this.jobs.find((j) => j.key === key);
  }

  private forget(job: Job): void {
    this.stopJob(job);
    const i = this.jobs.indexOf(job);
    if (i >= 0) this.jobs.splice(i, 1);
    this.changed(true);
  }

  /** Stops a job's work in this browser and drops it from the list. */
  private async cancelLocal(job: Job): Promise<void> {
    const tus = job.tus;
    this.forget(job);
    await tus?.abort().catch(() => undefined);
    if (job.phase === 'uploading' || job.phase === 'checking' || job.phase === 'finishing') {
      this.running = false;
    }
    this.pump();
  }

  private stopJob(job: Job): void {
    job.hashing?.abort();
    job.hashing = undefined;
    job.inOrder?.dispose();
    job.inOrder = undefined;
    void job.tus?.abort().catch(() => undefined);
    job.tus = undefined;
    job.encrypting?.close();
    job.encrypting = undefined;
    if (job.context !== undefined) wipeBestEffort(job.context.key);
    job.context = undefined;
  }

  /** Starts the next waiting job when nothing else is working. */
  private pump(): void {
    if (this.destroyed || this.running) return;
    const next = this.jobs.find((j) => j.phase === 'waiting');
    if (next === undefined) return;
    this.running = true;
    this.run(next).then(
      () => undefined,
      (e: unknown) => {
        if (!this.destroyed && this.jobs.includes(next)) this.fail(next, problemOf(e));
      },
    );
  }

  /** Whether a job was cancelled, paused or the session locked while it awaited something. */
  private gone(job: Job): boolean {
    return this.destroyed || !this.jobs.includes(job) || job.phase === 'paused';
  }

  private async run(job: Job): Promise<void> {
    if (job.evidenceId === undefined) {
      if (!(await this.prepare(job))) return;
    }
    if (job.uploadId === undefined || job.context === undefined) {
      throw new Error('an upload without its record');
    }
    this.send(job);
  }

  /** From a new file to a saved record: size check, hash, metadata, keys, record. */
  private async prepare(job: Job): Promise<boolean> {
    const { file } = job;
    const header = await createFileHeader();
    const encryptedSize = encryptedFileSize(file.size, header.chunkSize);
    const limits = await this.uploadLimits();
    if (this.gone(job)) return false;
    if (limits !== undefined) {
      if (encryptedSize > limits.maxFileBytes) return this.fail(job, 'too_big');
      if (limits.usedBytes + encryptedSize > limits.accountQuotaBytes) {
        return this.fail(job, 'quota');
      }
    }
    if (job.uploadId === undefined) {
      job.phase = 'checking';
      job.done = 0;
      job.total = file.size;
      this.changed(true);
      // Creating the upload is where the server checks its limits, before any byte is sent.
      job.uploadId = await createUpload(this.deps.api, encryptedSize);
      if (this.gone(job)) return false;
      if (limits !== undefined) {
        this.limits = Promise.resolve({ ...limits, usedBytes: limits.usedBytes + encryptedSize });
      }
    }
    job.hashing = new AbortController();
    const { fingerprint } = await digestBlob(file, {
      fingerprint: true,
      signal: job.hashing.signal,
      onProgress: (done) => {
        job.done = done;
        this.changed();
      },
    });
    job.hashing = undefined;
    const exif = await readExifSummary(file, file.name);
    if (this.gone(job) || fingerprint === undefined) return false;
    const key = await generateKey();
    const fileId = newRecordId();
    job.context = { key, fileId, header };
    job.inOrder = await InOrderSha256.create(fileChunkCount(file.size, header.chunkSize));
    const now = (this.deps.now ?? (() => new Date()))();
    const value: EvidenceInput = {
      title: defaultTitle(file.name),
      date: defaultDate(
        exif,
        file.lastModified > 0 ? this.deps.localDate(file.lastModified) : undefined,
        this.deps.today(),
      ),
      source: job.source,
      file: {
        name: file.name.length > 0 ? file.name : 'evidence',
        mediaType: mediaTypeOf(file.type),
        size: file.size,
        ...(file.lastModified > 0
          ? { lastModified: new Date(file.lastModified).toISOString() }
          : {}),
      },
      encryption: {
        fileId,
        key: toBase64Url(key),
        header: toBase64Url(encodeFileHeader(header)),
        fingerprint,
      },
      upload: { id: job.uploadId, state: 'uploading', startedAt: now.toISOString() },
      ...(exif !== undefined ? { exif } : {}),
    };
    job.evidenceId = await addEvidence(this.deps, value);
    if (this.gone(job)) return false;
    if (job.incidentId !== undefined) {
      try {
        await this.deps.link(job.incidentId, job.evidenceId);
      } catch {
        job.linkFailed = true;
      }
    }
    return !this.gone(job);
  }

  private send(job: Job): void {
    const { uploadId, context } = job;
    if (uploadId === undefined || context === undefined) return;
    job.encrypting?.close();
    const inOrder = job.sha256 === undefined ? job.inOrder : undefined;
    const encrypting = new EncryptingSource(
      context,
      blobReader(job.file),
      inOrder !== undefined ? (index, plaintext) => inOrder.feed(index, plaintext) : undefined,
    );
    job.encrypting = encrypting;
    job.phase = 'uploading';
    job.problem = undefined;
    job.total = encrypting.size;
    this.changed(true);
    const upload = tusUpload(uploadUrl(uploadId), encrypting, uploadHeaders(this.deps.api), {
      onProgress: (sent, total) => {
        if (job.tus !== upload) return;
        job.done = sent;
        job.total = total;
        this.changed();
      },
      onSuccess: () => {
        if (job.tus !== upload || this.destroyed) return;
        job.tus = undefined;
        this.finish(job).catch((e: unknown) => {
          if (!this.destroyed && this.jobs.includes(job)) this.fail(job, problemOf(e));
        });
      },
      onError: (error) => {
        if (job.tus !== upload || this.destroyed) return;
        job.tus = undefined;
        this.uploadFailed(job, error);
      },
    });
    job.tus = upload;
    upload.start();
  }

  private uploadFailed(job: Job, error: Error): void {
    const status = statusOf(error);
    if ((status === 404 || status === 410) && methodOf(error) === 'HEAD' && !job.recreated) {
      // The server no longer has the upload (an unfinished one is removed after a day). The
      // file is the same one (this session's File, or one proven identical by its hash), so it
      // is sent again from the start, under the same key and header, to a new upload.
      job.recreated = true;
      this.recreate(job).catch((e: unknown) => {
        if (!this.destroyed && this.jobs.includes(job)) this.fail(job, problemOf(e));
      });
      return;
    }
    const cause = causeOf(error);
    if (cause instanceof DOMException && cause.name === 'NotReadableError') {
      this.fail(job, 'read_failed');
      return;
    }
    if (status === 401) {
      this.deps.checkSession();
      this.fail(job, 'signed_out');
      return;
    }
    if (status === 413) {
      this.fail(job, 'too_big');
      return;
    }
    if (status === 0 || status >= 500 || status === 423) {
      // Lost connection or server trouble: paused, carried on when the browser is online again.
      job.phase = 'paused';
      job.problem = status === 0 ? 'network' : 'server';
      this.running = false;
      this.changed(true);
      this.pump();
      return;
    }
    this.fail(job, 'unexpected');
  }

  private async recreate(job: Job): Promise<void> {
    const { context, evidenceId } = job;
    if (context === undefined || evidenceId === undefined) return;
    const uploadId = await createUpload(
      this.deps.api,
      encryptedFileSize(job.file.size, context.header.chunkSize),
    );
    if (this.gone(job)) return;
    await updateEvidence(this.deps, evidenceId, (e) => ({
      ...e,
      upload: { ...e.upload, id: uploadId, state: 'uploading', completedAt: undefined },
    }));
    job.uploadId = uploadId;
    if (!this.gone(job)) this.send(job);
  }

  private async finish(job: Job): Promise<void> {
    const { evidenceId } = job;
    if (evidenceId === undefined) return;
    job.phase = 'finishing';
    job.sha256 ??= job.inOrder?.digest;
    this.changed(true);
    if (job.sha256 === undefined) {
      // Some chunks were never read in order in this session (the server already had them):
      // the SHA-256 needs the whole file once more.
      job.hashing = new AbortController();
      const { sha256 } = await digestBlob(job.file, {
        sha256: true,
        signal: job.hashing.signal,
      });
      job.hashing = undefined;
      job.sha256 = sha256;
    }
    const sha256 = job.sha256;
    if (sha256 === undefined || this.gone(job)) return;
    const completedAt = (this.deps.now ?? (() => new Date()))().toISOString();
    await updateEvidence(this.deps, evidenceId, (e) =>
      e.upload.state === 'complete'
        ? e
        : {
            ...e,
            file: { ...e.file, sha256 },
            upload: { ...e.upload, state: 'complete', completedAt },
          },
    );
    if (!this.jobs.includes(job) || this.destroyed) return;
    job.phase = 'done';
    job.done = job.total;
    this.stopJob(job);
    this.running = false;
    this.changed(true);
    this.pump();
  }

  /** Marks a job failed and moves on to the next. Returns false, for `prepare`. */
  private fail(job: Job, problem: UploadProblem): false {
    job.hashing?.abort();
    job.hashing = undefined;
    job.phase = 'failed';
    job.problem = problem;
    if (problem === 'not_same' || problem === 'read_failed') this.stopJob(job);
    this.running = false;
    this.changed(true);
    this.pump();
    return false;
  }

  /** Tells listeners; progress is batched so a fast upload does not redraw a hundred times. */
  private changed(now = false): void {
    if (this.destroyed) return;
    if (now) {
      if (this.notifyTimer !== undefined) clearTimeout(this.notifyTimer);
      this.notifyTimer = undefined;
      for (const listener of [...this.listeners]) listener();
      return;
    }
    this.notifyTimer ??= setTimeout(() => {
      this.notifyTimer = undefined;
      if (!this.destroyed) for (const listener of [...this.listeners]) listener();
    }, 200);
  }
}

let counter = 0;

function newJob(
  file: File,
  source: EvidenceSource,
  incidentId: string | undefined,
  saved: EvidenceRecord | undefined,
): Job {
  counter += 1;
  return {
    key: `upload-${counter}`,
    file,
    source,
    incidentId,
    phase: 'waiting',
    done: 0,
    total: file.size,
    problem: undefined,
    linkFailed: false,
    evidenceId: undefined,
    uploadId: undefined,
    sha256: undefined,
    inOrder: undefined,
    context: undefined,
    tus: undefined,
    encrypting: undefined,
    hashing: undefined,
    saved,
    recreated: false,
  };
}

function view(job: Job): UploadView {
  return {
    key: job.key,
    name: job.saved?.value.title ?? job.file.name,
    size: job.file.size,
    evidenceId: job.evidenceId,
    phase: job.phase,
    done: job.done,
    total: job.total,
    problem: job.problem,
    linkFailed: job.linkFailed,
  };
}

/** The problem to report for an error thrown by a step. */
function problemOf(e: unknown): UploadProblem {
  if (isApiError(e, 'file_too_large')) return 'too_big';
  if (isApiError(e, 'quota_exceeded')) return 'quota';
  if (isApiError(e, 'network')) return 'network';
  if (isApiError(e, 'not_signed_in')) return 'signed_out';
  if (isApiError(e) && e.status >= 500) return 'server';
  if (e instanceof DOMException && e.name === 'NotReadableError') return 'read_failed';
  if (e instanceof Error && e.name === 'LockedError') return 'signed_out';
  return 'unexpected';
}
