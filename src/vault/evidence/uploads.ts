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
 * Hashing and encryption go through `deps.crypto` (in the vault app, Web Workers: one reads and
 * encrypts, a few chunks ahead of the sender, and hands each plaintext chunk to a second that
 * builds the SHA-256 meanwhile). The fingerprint takes a pass of its own: the record, saved before
 * any byte is sent, needs it to prove a file chosen again later is the same (the chunk nonces
 * are derived from the header, so a different file under the same header would reuse them).
 * The SHA-256 is built in the same pass as the encryption, from the very bytes encrypted.
 *
 * Everything here lives in memory for one unlocked session. `destroy()` (on lock) aborts every
 * request, ends every worker, drops every File and wipes every file key it holds; nothing is
 * ever written to browser storage.
 */
import { isSameOriginal, type EvidenceSource } from '../../domain/evidence/index.js';
import { EncryptingSource } from './encrypting-source.js';
import { removeEvidenceRecord, type EvidenceRecord } from './evidence-records.js';
import { localFileCrypto, type FileCrypto } from './file-crypto.js';
import {
  Listeners,
  newJob,
  problemOf,
  RETRY_FROM_START,
  stopJob,
  tusOutcome,
  view,
  type Job,
  type UploadDeps,
  type UploadProblem,
  type UploadView,
} from './upload-job.js';
import {
  checkSameFile,
  completeRecord,
  prepareUpload,
  recreateUpload,
  type StepHost,
} from './upload-steps.js';
import {
  deleteUpload,
  fetchLimits,
  uploadHeaders,
  uploadUrl,
  type UploadLimits,
} from './upload-api.js';
import { tusUpload } from './tus-upload.js';

export type { UploadDeps, UploadPhase, UploadProblem, UploadView } from './upload-job.js';

/** Encrypted chunks made ahead of what tus has asked for (encrypting while a request is on the
 * wire): 8 covers most of the next 10 MiB request; memory stays flat whatever the file's size. */
export const CHUNKS_AHEAD = 8;

/**
 * Where the browser (window or worker) says the network is back; Node has no such event. Read
 * through globalThis so the core names no DOM global.
 */
const onlineEvents = globalThis as Partial<
  Pick<EventTarget, 'addEventListener' | 'removeEventListener'>
>;

export class UploadManager {
  private readonly jobs: Job[] = [];
  private readonly listeners = new Listeners();
  private destroyed = false;
  private running = false;
  private limits: Promise<UploadLimits | undefined> | undefined;
  private readonly onOnline = (): void => {
    for (const job of this.jobs) {
      if (job.phase === 'paused' && job.problem === 'network') this.resume(job.key);
    }
  };

  private readonly crypto: FileCrypto;
  /** What the steps in upload-steps.ts use of the queue. */
  private readonly host: StepHost;

  constructor(private readonly deps: UploadDeps) {
    this.crypto = deps.crypto ?? localFileCrypto;
    this.host = {
      deps,
      crypto: this.crypto,
      uploadLimits: () => this.uploadLimits(),
      reserve: (limits, bytes) => {
        this.limits = Promise.resolve({ ...limits, usedBytes: limits.usedBytes + bytes });
      },
      changed: (now) => this.changed(now),
      gone: (job) => this.gone(job),
      fail: (job, problem) => this.fail(job, problem),
    };
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
    return this.listeners.add(listener);
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
      if (!(await checkSameFile(job, saved, this.host))) {
        this.forget(job);
        return 'not_same';
      }
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
    // The chunks made ahead are dropped; the worker (and the hash so far) stays for resume.
    job.encrypting?.close();
    job.encrypting = undefined;
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
    for (const job of this.jobs) stopJob(job);
    this.jobs.length = 0;
    this.listeners.clear();
  }

  /** Read through a call: a lock can happen during any await. */
  private isDestroyed(): boolean {
    return this.destroyed;
  }

  private find(key: string): Job | undefined {
    return this.jobs.find((j) => j.key === key);
  }

  private forget(job: Job): void {
    stopJob(job);
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
      if (!(await prepareUpload(job, this.host))) return;
    }
    if (job.uploadId === undefined || job.context === undefined) {
      throw new Error('an upload without its record');
    }
    await this.send(job);
  }

  private async send(job: Job): Promise<void> {
    const { uploadId, context } = job;
    if (uploadId === undefined || context === undefined) return;
    job.encrypting?.close();
    job.encrypting = undefined;
    if (job.chunks === undefined) {
      const chunks = await this.crypto.chunks(context, job.file, {
        sha256: job.sha256 === undefined,
      });
      if (this.gone(job)) return chunks.close();
      job.chunks = chunks;
    }
    const encrypting = new EncryptingSource(context, job.chunks, undefined, {
      ahead: CHUNKS_AHEAD,
    });
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
    const outcome = tusOutcome(error, job.recreated);
    if (outcome.kind === 'recreate') {
      job.recreated = true;
      this.recreate(job).catch((e: unknown) => {
        if (!this.destroyed && this.jobs.includes(job)) this.fail(job, problemOf(e));
      });
      return;
    }
    if (outcome.kind === 'fail') {
      if (outcome.checkSession === true) this.deps.checkSession();
      this.fail(job, outcome.problem);
      return;
    }
    job.phase = 'paused';
    job.problem = outcome.problem;
    this.running = false;
    this.changed(true);
    this.pump();
  }

  private async recreate(job: Job): Promise<void> {
    if (await recreateUpload(job, this.host)) await this.send(job);
  }

  private async finish(job: Job): Promise<void> {
    const { evidenceId } = job;
    if (evidenceId === undefined) return;
    job.phase = 'finishing';
    this.changed(true);
    if (!(await completeRecord(job, this.host))) return;
    if (!this.jobs.includes(job) || this.destroyed) return;
    job.phase = 'done';
    job.done = job.total;
    stopJob(job);
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
    if (problem === 'not_same' || problem === 'read_failed') stopJob(job);
    // An idle worker is not kept for a try again: the next send starts one.
    job.chunks?.close();
    job.chunks = undefined;
    this.running = false;
    this.changed(true);
    this.pump();
    return false;
  }

  /** Tells listeners (now, or batched for progress). */
  private changed(now = false): void {
    if (!this.destroyed) this.listeners.changed(now);
  }
}
