/**
 * Witness statements (docs/vault-protocol.md §15): what a witness writes on the /witness page,
 * sealed in their browser to the person's public key, and the diary record the person keeps of
 * it. The witness's words are kept exactly as sent; the person's own part (the incidents it is
 * linked to, a note) is separate, so linking or noting never edits the witness's text.
 */
import { z } from 'zod';
import { localDateSchema } from './diary/incident.js';
import { fileEncryptionSchema, originalFileSchema, sha256HexSchema } from './evidence/evidence.js';
import { recordIdSchema } from './record-id.js';

export const WITNESS_STATEMENT_TYPE = 'witness-statement';
export const WITNESS_STATEMENT_VERSION = 1;

export const WITNESS_LIMITS = {
  where: 500,
  saw: 6000,
  said: 4000,
  howKnown: 1000,
  name: 200,
  contact: 300,
  note: 4000,
} as const;

const localDate = localDateSchema;

/** Files one statement may carry (the server's limit too). */
export const WITNESS_MAX_FILES = 10;

/**
 * A file the witness sent with the statement (§15.8): uploaded first as ciphertext in the
 * evidence file format (§8) under its own random key, which travels only here, inside the
 * sealed statement. `file.sha256` is of the original bytes, checked whenever it is opened.
 */
export const witnessFileSchema = z.strictObject({
  uploadId: z.string().regex(/^[a-f0-9]{32}$/),
  file: originalFileSchema.extend({ sha256: sha256HexSchema }),
  encryption: fileEncryptionSchema,
});
export type WitnessFile = z.output<typeof witnessFileSchema>;
const text = (max: number) => z.string().max(max);

/** What the witness sends. `saw` or `said` must hold something. */
export const witnessStatementSchema = z
  .strictObject({
    v: z.literal(WITNESS_STATEMENT_VERSION),
    invitationId: z.string().regex(/^[A-Za-z0-9_-]{22}$/),
    /** When the witness sent it, by their device's clock (ISO 8601). */
    writtenAt: z.string().max(40),
    locale: z.enum(['en', 'cy']),
    when: z.strictObject({
      date: localDate,
      time: z
        .string()
        .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
        .optional(),
      approximate: z.boolean(),
    }),
    where: text(WITNESS_LIMITS.where),
    saw: text(WITNESS_LIMITS.saw),
    said: text(WITNESS_LIMITS.said),
    howKnown: text(WITNESS_LIMITS.howKnown),
    name: text(WITNESS_LIMITS.name).optional(),
    contact: text(WITNESS_LIMITS.contact).optional(),
    declaration: z.strictObject({ agreed: z.literal(true), date: localDate }),
    /** Photos, video or audio sent with it; absent when there are none. */
    files: z.array(witnessFileSchema).min(1).max(WITNESS_MAX_FILES).optional(),
  })
  .refine((s) => s.saw.trim() !== '' || s.said.trim() !== '', {
    message: 'say what you saw or heard',
  });
export type WitnessStatement = z.output<typeof witnessStatementSchema>;

/** The person's record of a statement: the statement as sent, and their own part beside it. */
export const witnessStatementRecordSchema = z.strictObject({
  v: z.literal(1),
  /** The server's id of the sealed statement (its receipt is asked for by this id). */
  statementId: z.string().regex(/^ws-[A-Za-z0-9_-]{22}$/),
  invitationId: z.string().regex(/^[A-Za-z0-9_-]{22}$/),
  /** When the server received it (ISO 8601), as its receipt says. */
  receivedAt: z.string().max(40),
  /** SHA-256 (hex) of the sealed bytes, so the receipt can be checked against them. */
  sealedSha256: z.string().regex(/^[0-9a-f]{64}$/),
  statement: witnessStatementSchema,
  /** The person's own part: never inside `statement`. */
  incidentIds: z.array(recordIdSchema).max(100),
  note: text(WITNESS_LIMITS.note),
  /** The evidence items made from the statement's files when it was kept, in the same order. */
  evidenceIds: z.array(recordIdSchema).max(WITNESS_MAX_FILES).optional(),
});
export type WitnessStatementRecord = z.output<typeof witnessStatementRecordSchema>;
