/**
 * One file in the session's upload queue (uploads.ts): its state, what the screens see of it,
 * and how the errors of its steps become the words the person reads.
 */
import type { FileContext } from '../../crypto/index.js';
import type { EvidenceSource } from '../../domain/evidence/index.js';
import { isApiError } from '../api.js';
import { wipeBestEffort } from '../session.js';
import type { EncryptingSource } from './encrypting-source.js';
import type { EvidenceRecord, Vault } from './evidence-records.js';
import type { FileChunks, FileCrypto } from './file-crypto.js';
import type { UploadLimits } from './upload-api.js';
import { causeOf, methodOf, statusOf, type TusUpload } from './tus-upload.js';

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
  /** Where files are hashed and encrypted (this thread when not given). */
  readonly crypto?: FileCrypto;
}

export interface Job {
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
  context: FileContext | undefined;
  /**
   * The encrypted chunks (a worker in the app), kept from the first send to the end so a pause
   * or a resend keeps the SHA-256 built from the chunks so far.
   */
  chunks: FileChunks | undefined;
  tus: TusUpload | undefined;
  encrypting: EncryptingSource | undefined;
  hashing: AbortController | undefined;
  /** Set when this job carries on an upload saved in an earlier session. */
  readonly saved: EvidenceRecord | undefined;
  /** The server no longer had the upload once already: a second time is a failure. */
  recreated: boolean;
}

/** Work that can be started again with "Try again" (it stopped before anything was saved). */
export const RETRY_FROM_START: ReadonlySet<UploadProblem> = new Set([
  'network',
  'server',
  'unexpected',
]);

let counter = 0;

export function newJob(
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
    context: undefined,
    chunks: undefined,
    tus: undefined,
    encrypting: undefined,
    hashing: undefined,
    saved,
    recreated: false,
  };
}

/** Stops a job's work in this browser: requests, hashing, the worker; wipes its key. */
export function stopJob(job: Job): void {
  job.hashing?.abort();
  job.hashing = undefined;
  void job.tus?.abort().catch(() => undefined);
  job.tus = undefined;
  job.encrypting?.close();
  job.encrypting = undefined;
  // Ends the worker: its copy of the key, the plaintext and the hash state go with it.
  job.chunks?.close();
  job.chunks = undefined;
  if (job.context !== undefined) wipeBestEffort(job.context.key);
  job.context = undefined;
}

/** The queue's listeners; progress is batched so a fast upload does not redraw a hundred times. */
export class Listeners {
  private readonly listeners = new Set<() => void>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  add(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  changed(now: boolean): void {
    if (now) {
      if (this.timer !== undefined) clearTimeout(this.timer);
      this.timer = undefined;
      this.notify();
      return;
    }
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.notify();
    }, 200);
  }

  clear(): void {
    this.listeners.clear();
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}

export function view(job: Job): UploadView {
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
export function problemOf(e: unknown): UploadProblem {
  if (isApiError(e, 'file_too_large')) return 'too_big';
  if (isApiError(e, 'quota_exceeded')) return 'quota';
  if (isApiError(e, 'network')) return 'network';
  if (isApiError(e, 'not_signed_in')) return 'signed_out';
  if (isApiError(e) && e.status >= 500) return 'server';
  if (e instanceof DOMException && e.name === 'NotReadableError') return 'read_failed';
  if (e instanceof Error && e.name === 'LockedError') return 'signed_out';
  return 'unexpected';
}

/**
 * What to do about a failed tus upload: send again to a new upload (the server no longer has
 * this one), pause until the connection or the server is back, or fail with a problem.
 */
export type TusOutcome =
  | { readonly kind: 'recreate' }
  | { readonly kind: 'pause'; readonly problem: 'network' | 'server' }
  | { readonly kind: 'fail'; readonly problem: UploadProblem; readonly checkSession?: true };

export function tusOutcome(error: Error, recreatedBefore: boolean): TusOutcome {
  const status = statusOf(error);
  if ((status === 404 || status === 410) && methodOf(error) === 'HEAD' && !recreatedBefore) {
    // The server no longer has the upload (an unfinished one is removed after a day). The
    // file is the same one (this session's File, or one proven identical by its hash), so it
    // is sent again from the start, under the same key and header, to a new upload.
    return { kind: 'recreate' };
  }
  const cause = causeOf(error);
  if (cause instanceof DOMException && cause.name === 'NotReadableError') {
    return { kind: 'fail', problem: 'read_failed' };
  }
  if (status === 401) return { kind: 'fail', problem: 'signed_out', checkSession: true };
  if (status === 413) return { kind: 'fail', problem: 'too_big' };
  if (status === 0 || status >= 500 || status === 423) {
    // Lost connection or server trouble: paused, carried on when the browser is online again.
    return { kind: 'pause', problem: status === 0 ? 'network' : 'server' };
  }
  return { kind: 'fail', problem: 'unexpected' };
}
