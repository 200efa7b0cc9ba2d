/** The messages between the report screen and the report worker. */
import type { BundleWitnessStatement, SealedRecord } from '../../../report/bundle.js';
import type { ReportOptions, ReportRecords } from '../../../report/input.js';

/** An exhibit's encrypted file: where its ciphertext is and how to open it. */
export interface EvidenceFile {
  readonly evidenceId: string;
  readonly name: string;
  readonly size: number;
  readonly uploadId: string;
  readonly fileId: string;
  /** The file key, base64url (from the decrypted evidence record). */
  readonly key: string;
  /**
   * For a bundle made by a share's recipient (src/web/share): the ciphertext comes from the
   * share's upload route with the share session's bearer token, not the owner's.
   */
  readonly share?: { readonly shareId: string; readonly token: string; readonly expiresAt: string };
}

export interface BundleRequest {
  /** "mosaic-report-2026-12-04": the folder inside the ZIP. */
  readonly folder: string;
  readonly title: string;
  readonly records: readonly SealedRecord[];
  readonly logKey: string;
  readonly logOrigin: string;
  /** The files of the evidence the report includes (matched to exhibits by id). */
  readonly evidence: readonly EvidenceFile[];
  /** Witness statements as they arrived, with their proofs (vault-protocol §15.7). */
  readonly witnessStatements?: readonly BundleWitnessStatement[];
  /** verify.html's address on this origin, when the build has it. */
  readonly verifyHtml?: string;
}

export interface MakeRequest {
  readonly type: 'make';
  readonly records: ReportRecords;
  readonly options: ReportOptions;
  /** The font files' addresses on this origin, regular then bold, in fallback order. */
  readonly fonts: { readonly regular: readonly string[]; readonly bold: readonly string[] };
  /** Absent for "PDF only". */
  readonly bundle?: BundleRequest;
}

export type MakeStep = 'pdf' | 'bundle';

export type ReportFailure =
  'fonts_unavailable' | 'checker_unavailable' | 'evidence_unavailable' | 'internal_error';

export type WorkerReply =
  | { readonly type: 'progress'; readonly step: MakeStep; readonly fraction: number }
  | { readonly type: 'done'; readonly pdf: Blob; readonly bundle?: Blob }
  | { readonly type: 'failed'; readonly code: ReportFailure };
