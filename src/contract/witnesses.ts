/**
 * The HTTP contract of witness statements and the account key pair (docs/vault-protocol.md §15),
 * shared by the server and the vault client. Binary fields are unpadded base64url: public keys,
 * wrapped keys, derived auth keys and sealed ciphertext. Nothing here is readable content.
 *
 * Owner (signed in, CSRF): GET/PUT /api/account/key-pair; POST/GET /api/witness/invitations,
 * DELETE /api/witness/invitations/:id, POST /api/witness/invitations/:id/block;
 * GET /api/witness/statements, GET/DELETE /api/witness/statements/:id, GET …/:id/receipt.
 * Witness (no account; the auth key is the proof): POST /api/witness/invitations/:id/open and
 * POST /api/witness/invitations/:id/statements.
 */
import { z } from 'zod';
import { authKeySchema, base64url, wrappedKeySchema } from './vault-api.js';

/** 16 random bytes as unpadded base64url, made by the person's browser. */
export const invitationIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{22}$/, 'must be the invitation id from the link');
export const invitationParams = z.object({ id: invitationIdSchema }).strict();
/** `ws-` and 16 random bytes as base64url, made by the server. */
export const statementIdSchema = z
  .string()
  .regex(/^ws-[A-Za-z0-9_-]{22}$/, 'must be a statement id');
export const statementParams = z.object({ id: statementIdSchema }).strict();

export const INVITATION_DEFAULT_SECONDS = 14 * 24 * 3600;
export const INVITATION_MIN_SECONDS = 3600;
export const INVITATION_MAX_SECONDS = 90 * 24 * 3600;
export const INVITATION_MAX_STATEMENTS = 20;
/** Invitations an account may have open (not ended) at once. */
export const MAX_OPEN_INVITATIONS = 50;
/** A sealed statement (text only) is at most this many bytes. */
export const MAX_STATEMENT_BYTES = 64 * 1024;
/** A sealed note (label, incident) is at most this many bytes. */
export const MAX_INVITATION_NOTE_BYTES = 4096;

/** X25519 public key: 32 bytes. */
export const publicKeySchema = base64url(32).length(43);

export const keyPairBody = z
  .object({ publicKey: publicKeySchema, wrappedSecretKey: wrappedKeySchema })
  .strict();
export type KeyPairBody = z.input<typeof keyPairBody>;
/** Both null before the key pair is made (200, not 404: a browser logs every 4xx as an error). */
export const keyPairResponse = z.object({
  publicKey: z.string().nullable(),
  wrappedSecretKey: z.string().nullable(),
});

export const createInvitationBody = z
  .object({
    id: invitationIdSchema,
    authKey: authKeySchema,
    /** The person's note, sealed to their own public key (witness-invitation/<id>). */
    note: base64url(MAX_INVITATION_NOTE_BYTES).min(1),
    maxStatements: z.number().int().min(1).max(INVITATION_MAX_STATEMENTS).default(1),
    expiresInSeconds: z
      .number()
      .int()
      .min(INVITATION_MIN_SECONDS, 'an invitation lasts at least an hour')
      .max(INVITATION_MAX_SECONDS, 'an invitation lasts at most 90 days')
      .optional(),
  })
  .strict();
export type CreateInvitationBody = z.input<typeof createInvitationBody>;

export const invitationStateSchema = z.enum(['active', 'full', 'expired', 'revoked', 'blocked']);
export type InvitationState = z.infer<typeof invitationStateSchema>;

export const invitationSummary = z.object({
  id: z.string(),
  state: invitationStateSchema,
  note: z.string().nullable(),
  maxStatements: z.number().int(),
  statements: z.number().int(),
  createdAt: z.string(),
  expiresAt: z.string(),
  revokedAt: z.string().nullable(),
});
export type InvitationSummary = z.infer<typeof invitationSummary>;
export const invitationListResponse = z.object({ invitations: z.array(invitationSummary) });

export const witnessProofBody = z.object({ authKey: authKeySchema }).strict();
export const witnessOpenResponse = z.object({
  publicKey: z.string(),
  expiresAt: z.string(),
  /** How many more statements the link takes. */
  remaining: z.number().int(),
});
export type WitnessOpen = z.infer<typeof witnessOpenResponse>;

/** Files a statement may carry (uploaded first, §15.8), and an invitation's files per statement. */
export const MAX_STATEMENT_FILES = 10;
/** Encrypted bytes of files an invitation takes, per statement it takes. */
export const WITNESS_FILE_BYTES_PER_STATEMENT = 500 * 1024 * 1024;
/** The header a witness's upload requests carry the link's auth key in (no session, no cookie). */
export const WITNESS_AUTH_HEADER = 'x-mosaic-witness-auth';
/** A tus upload id as the server makes them. */
export const uploadIdSchema = z.string().regex(/^[a-f0-9]{32}$/, 'must be an upload id');

export const submitStatementBody = z
  .object({
    authKey: authKeySchema,
    ciphertext: base64url(MAX_STATEMENT_BYTES).min(1),
    /** The finished uploads of this invitation that the statement names (its files). */
    uploads: z.array(uploadIdSchema).max(MAX_STATEMENT_FILES).optional(),
  })
  .strict();
export const submitStatementResponse = z.object({ receivedAt: z.string() });

export const statementSummary = z.object({
  id: z.string(),
  invitationId: z.string(),
  size: z.number().int(),
  receivedAt: z.string(),
});
export type StatementSummary = z.infer<typeof statementSummary>;
export const statementListResponse = z.object({ statements: z.array(statementSummary) });
export const statementResponse = statementSummary.extend({ ciphertext: z.string() });
export type SealedStatement = z.infer<typeof statementResponse>;

export const WITNESS_ERROR_CODES = [
  'witness_invitation_not_found',
  'witness_invitation_expired',
  'witness_invitation_closed',
  'witness_invitation_full',
  'witness_proof_wrong',
  'witness_invitation_exists',
  'witness_invitations_too_many',
  'witness_statement_too_large',
  'witness_files_full',
  'witness_upload_unknown',
  'key_pair_missing',
  'key_pair_exists',
] as const;
export type WitnessErrorCode = (typeof WITNESS_ERROR_CODES)[number];
