/**
 * Where each file lives in the evidence bundle, and the shape of entries.json. Shared by the
 * writer and the verifier so that neither trusts a path written inside the bundle: the verifier
 * works out every proof's path from the record id and revision itself. See
 * docs/report-and-bundle.md.
 */
import { z } from 'zod';

export const ENTRIES_FORMAT = 'mosaic-report-entries';
export const ENTRIES_VERSION = 1;

/** Paths inside the bag folder. */
export const PATHS = {
  bagit: 'bagit.txt',
  bagInfo: 'bag-info.txt',
  manifest: 'manifest-sha256.txt',
  tagManifest: 'tagmanifest-sha256.txt',
  howTo: 'HOW-TO-VERIFY.txt',
  /** The offline checker (optional): a tag file, listed in the tag manifest when present. */
  verifyHtml: 'verify.html',
  report: 'data/report.pdf',
  entries: 'data/entries.json',
  logKey: 'data/proofs/log.vkey',
  recordKey: (id: string) => `data/proofs/records/${id}/content-key.txt`,
  envelope: (id: string, revision: number) =>
    `data/proofs/records/${id}/revision-${String(revision)}.envelope`,
  receipt: (id: string, revision: number) =>
    `data/proofs/records/${id}/revision-${String(revision)}.tlog-proof`,
  checkpoint: (n: number) => `data/proofs/checkpoints/${String(n)}.checkpoint`,
  timestamp: (n: number) => `data/proofs/checkpoints/${String(n)}.tsr`,
  consistency: (from: number, to: number) =>
    `data/proofs/consistency/${String(from)}-${String(to)}.txt`,
  tsaCertificate: (n: number) => `data/proofs/tsa/${String(n)}.der`,
  evidence: (fileName: string) => `data/evidence/${fileName}`,
  /** A witness statement's sealed bytes as the server received them (vault-protocol §15.7). */
  witnessSealed: (statementId: string) =>
    `data/proofs/witness-statements/${statementId}/statement.sealed`,
  /** Its opening key: opens that one sealed statement and nothing else. */
  witnessOpeningKey: (statementId: string) =>
    `data/proofs/witness-statements/${statementId}/opening-key.txt`,
  /** The receipt the log gave the sealed statement when it arrived. */
  witnessReceipt: (statementId: string) =>
    `data/proofs/witness-statements/${statementId}/statement.tlog-proof`,
} as const;

/** The tag files every Mosaic bag has, all listed in the tag manifest. */
export const TAG_FILES = [PATHS.bagit, PATHS.bagInfo, PATHS.manifest, PATHS.howTo] as const;

export const BAGIT_TXT = 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n';

/** Record ids are vault ids (base64url); nothing else may become part of a path. */
const idSchema = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9_-]+$/);

const revisionSchema = z.strictObject({
  revision: z.number().int().positive(),
  /** As the log's receipt says: checked against the proof when there is one. */
  receipt: z
    .strictObject({ receivedAt: z.string().max(40), leafIndex: z.number().int().nonnegative() })
    .optional(),
  value: z.unknown(),
});

export const entriesSchema = z.strictObject({
  format: z.literal(ENTRIES_FORMAT),
  version: z.literal(ENTRIES_VERSION),
  /** The log's origin (also the key name in log.vkey), or absent when there are no receipts. */
  logOrigin: z.string().max(500).optional(),
  records: z.array(
    z.strictObject({
      id: idSchema,
      type: z
        .string()
        .min(1)
        .max(40)
        .regex(/^[a-z-]+$/),
      /** For incidents: the number in the report's log. */
      number: z.number().int().positive().optional(),
      /**
       * The first revision in the bundle, when it is not 1: a bundle made from a share carries
       * only the revision that was shared (docs/vault-protocol.md §14), and says so here.
       */
      firstRevision: z.number().int().min(2).optional(),
      revisions: z.array(revisionSchema).min(1),
    }),
  ),
  exhibits: z.array(
    z.strictObject({
      ref: z.string().min(1).max(40),
      evidenceId: idSchema,
      /** Under data/evidence/. */
      fileName: z
        .string()
        .min(1)
        .max(200)
        .regex(/^[^/\\]+$/)
        .refine((n) => n !== '.' && n !== '..'),
    }),
  ),
  checkpoints: z.number().int().nonnegative(),
  consistency: z.array(
    z.strictObject({ from: z.number().int().positive(), to: z.number().int().positive() }),
  ),
  tsaCertificates: z.number().int().nonnegative(),
  /**
   * Witness statements as they arrived (only when the bundle has any): for each kept statement's
   * record, the server's statement id, the public key it was sealed to and its arrival receipt.
   */
  witnessStatements: z
    .array(
      z.strictObject({
        recordId: idSchema,
        statementId: idSchema,
        /** base64url, 32 bytes: the account public key the witness sealed to. */
        publicKey: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
        receipt: z
          .strictObject({
            receivedAt: z.string().max(40),
            leafIndex: z.number().int().nonnegative(),
          })
          .optional(),
      }),
    )
    .optional(),
});
export type EntriesFile = z.output<typeof entriesSchema>;

/**
 * A consistency proof as text: one standard base64 hash a line.
 *
 * @example consistencyText([hash1, hash2]) // "q83…=\nz1…=\n"
 */
export function hashLines(
  hashes: readonly Uint8Array[],
  toBase64: (b: Uint8Array) => string,
): string {
  return hashes.map((h) => `${toBase64(h)}\n`).join('');
}
