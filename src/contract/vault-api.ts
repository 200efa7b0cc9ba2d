/**
 * The vault's HTTP contract, shared by the server (request validation, OpenAPI) and the browser
 * (typed calls). Everything the server receives about the vault is here, and none of it is
 * readable content: binary fields are ciphertext, wrapped keys or key hashes, as unpadded
 * base64url. See docs/vault-protocol.md for what each byte means.
 *
 * Errors are always `{ "error": { "code", "message" } }` with a code from API_ERROR_CODES.
 */
import { z } from 'zod';
import { recordIdSchema } from '../domain/record-id.js';

/** Unpadded base64url of at most `maxBytes` bytes. */
export const base64url = (maxBytes: number) =>
  z
    .string()
    .max(Math.ceil((maxBytes * 4) / 3))
    .regex(/^[A-Za-z0-9_-]*$/, 'must be unpadded base64url');

/** 32-byte keys sent by the client: the auth key and the recovery auth key. */
export const authKeySchema = base64url(32).length(43);

/** What a wrapped key is: version ‖ nonce ‖ XChaCha20-Poly1305(key) — 73 bytes in v1. */
export const wrappedKeySchema = base64url(256).min(2);

/** Lowercase letters, digits and . _ - ; 3–40 characters. Compared after NFKC and lowercasing. */
export const usernameSchema = z
  .string()
  .transform((u) => u.normalize('NFKC').trim().toLowerCase())
  .pipe(
    z
      .string()
      .min(3, 'must be at least 3 characters')
      .max(40, 'must be at most 40 characters')
      .regex(/^[a-z0-9._-]+$/, 'may use only letters, digits, dots, dashes and underscores'),
  );

export const kdfParamsSchema = z
  .object({
    algorithm: z.literal('argon2id13'),
    opsLimit: z.number().int().min(1).max(100),
    memLimitBytes: z
      .number()
      .int()
      .min(1)
      .max(4 * 1024 ** 3),
    salt: base64url(16).length(22),
  })
  .strict();
export type KdfParamsBody = z.infer<typeof kdfParamsSchema>;

/** Record ids are chosen by the client (random UUIDs or similar), unique per account. */
export { recordIdSchema };

/** What kind of record: "incident", "person", "place", "evidence", "safety-plan", … */
export const recordTypeSchema = z
  .string()
  .min(1)
  .max(32)
  .regex(/^[a-z][a-z0-9-]*$/, 'must be lowercase words joined by dashes');

/** One record's ciphertext may be at most 1 MiB; files go through uploads, not records. */
export const MAX_RECORD_BYTES = 1024 * 1024;

/** What an account may upload, asked before a file is encrypted so a refusal comes first. */
export const uploadLimitsResponse = z.object({
  maxFileBytes: z.number().int().nonnegative(),
  accountQuotaBytes: z.number().int().nonnegative(),
  /** Encrypted bytes this account's uploads already take, finished or not. */
  usedBytes: z.number().int().nonnegative(),
});
export const ciphertextSchema = base64url(MAX_RECORD_BYTES).min(1);

/**
 * A page of records or revisions stops before it would hold more than this much ciphertext
 * (it always holds at least one), so no response grows past about 22 MB of JSON.
 */
export const MAX_PAGE_BYTES = 16 * 1024 * 1024;

// ---- accounts ----

export const createAccountBody = z
  .object({
    username: usernameSchema,
    kdf: kdfParamsSchema,
    authKey: authKeySchema,
    recoveryAuthKey: authKeySchema,
    wrappedAccountKey: z
      .object({ byPassphrase: wrappedKeySchema, byRecoveryKey: wrappedKeySchema })
      .strict(),
  })
  .strict();
export type CreateAccountBody = z.infer<typeof createAccountBody>;

/**
 * Failed attempts on the account since its last successful sign-in, told once at the next
 * sign-in (then reset), so the person learns that someone has been trying.
 */
export const failedAttemptsSchema = z.object({
  /** Wrong passphrases. */
  passphrase: z.number().int().nonnegative(),
  /** The right passphrase with a wrong or used second-factor code. */
  code: z.number().int().nonnegative(),
  /** Wrong recovery keys. */
  recovery: z.number().int().nonnegative(),
  /** When the last of them was (ISO 8601); null when there were none. */
  lastAt: z.string().nullable(),
});
export type FailedAttempts = z.infer<typeof failedAttemptsSchema>;

/** After sign-in or sign-up: what the client needs to unlock, and its CSRF token. */
export const sessionResponse = z.object({
  username: z.string(),
  wrappedAccountKey: wrappedKeySchema,
  csrfToken: z.string(),
  /** Seconds of inactivity after which the server ends the session. */
  idleTimeoutSeconds: z.number().int(),
  failedAttempts: failedAttemptsSchema,
});
export type SessionResponse = z.infer<typeof sessionResponse>;

export const loginChallengeBody = z.object({ username: usernameSchema }).strict();
/** The same shape for every username, existing or not. */
export const loginChallengeResponse = z.object({ kdf: kdfParamsSchema });

/** A code from an authenticator app: six digits. */
export const totpCodeSchema = z
  .string()
  .regex(/^\d{6}$/, 'must be the 6 digits your authenticator app shows');
/** A one-time backup code as shown: 16 letters and digits, dashes and spaces ignored. */
export const backupCodeSchema = z
  .string()
  .max(40)
  .transform((c) => c.replace(/[\s-]/g, '').toUpperCase())
  .pipe(z.string().regex(/^[A-Z2-7]{16}$/, 'must be one of your backup codes'));

export const loginBody = z
  .object({
    username: usernameSchema,
    authKey: authKeySchema,
    /** Only when the account has a second factor: one of these two. */
    totp: totpCodeSchema.optional(),
    backupCode: backupCodeSchema.optional(),
  })
  .strict();

export const changePassphraseBody = z
  .object({
    currentAuthKey: authKeySchema,
    kdf: kdfParamsSchema,
    authKey: authKeySchema,
    wrappedAccountKey: wrappedKeySchema,
  })
  .strict();

/** Recovery, step 1: prove the recovery key; receive the recovery-wrapped account key. */
export const recoveryChallengeBody = z
  .object({ username: usernameSchema, recoveryAuthKey: authKeySchema })
  .strict();
export const recoveryChallengeResponse = z.object({
  wrappedAccountKey: wrappedKeySchema,
  recoveryToken: z.string(),
});
/** Recovery, step 2: set a new passphrase (the account key re-wrapped under it). */
export const recoveryCompleteBody = z
  .object({
    recoveryToken: z.string().min(20).max(200),
    kdf: kdfParamsSchema,
    authKey: authKeySchema,
    wrappedAccountKey: wrappedKeySchema,
  })
  .strict();

export const deleteAccountBody = z.object({ authKey: authKeySchema }).strict();

export const accountResponse = z.object({
  username: z.string(),
  secondFactor: z.boolean(),
  backupCodesLeft: z.number().int(),
});

// ---- second factor (TOTP) ----

/**
 * The name the person's authenticator app shows for this account: their choice, so it can be
 * as dull as they like. Letters, digits, spaces and . _ ' - only (a colon would split it).
 */
export const authenticatorLabelSchema = z
  .string()
  .transform((l) => l.normalize('NFKC').trim().replace(/\s+/g, ' '))
  .pipe(
    z
      .string()
      .min(1, 'must not be empty')
      .max(32, 'must be at most 32 characters')
      .regex(/^[\p{L}\p{N} ._'-]+$/u, "may use only letters, digits, spaces and . _ ' -"),
  );
/** What the authenticator app shows when the person chose nothing: a neutral word. */
export const DEFAULT_AUTHENTICATOR_LABEL = 'Notes';
/** Step 1 asks with the name to show; without one, DEFAULT_AUTHENTICATOR_LABEL. */
export const secondFactorSetupBody = z
  .object({ label: authenticatorLabelSchema.optional() })
  .strict()
  .nullish();

/** Step 1: a new secret to put into an authenticator app (as a link or typed in). */
export const secondFactorSetupResponse = z.object({
  /** Base32, for typing into the app by hand. */
  secret: z.string(),
  /** otpauth:// link named with the person's chosen label only, for apps that take one. */
  uri: z.string(),
});
/** Step 2: prove the app has it; the second factor is then on. */
export const secondFactorEnableBody = z.object({ code: totpCodeSchema }).strict();
/** Shown once: each works once instead of a code, if the phone is lost. */
export const backupCodesResponse = z.object({ backupCodes: z.array(z.string()) });
export const secondFactorDisableBody = z.object({ authKey: authKeySchema }).strict();

// ---- sessions ----

/** A session's public id: 12 random bytes as base64url (newPublicId on the server). */
export const sessionIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{16}$/, 'must be a session id from the session list');
export const sessionIdParams = z.object({ id: sessionIdSchema }).strict();
/** DELETE /api/sessions?others=true ends every session of the account but this one. */
export const endSessionsQuery = z.object({ others: z.literal('true') }).strict();

export const sessionSummary = z.object({
  id: z.string(),
  /** A coarse description such as "Chrome on Android"; never the address. */
  device: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  current: z.boolean(),
});
export const sessionListResponse = z.object({ sessions: z.array(sessionSummary) });

// ---- records ----

export const createRecordBody = z
  .object({
    id: recordIdSchema,
    type: recordTypeSchema,
    ciphertext: ciphertextSchema,
    wrappedKey: wrappedKeySchema,
  })
  .strict();

export const updateRecordBody = z
  .object({
    /** The revision the client last saw; a different current revision is a conflict. */
    expectedRevision: z.number().int().min(1),
    ciphertext: ciphertextSchema,
    wrappedKey: wrappedKeySchema,
  })
  .strict();

export const recordResponse = z.object({
  id: z.string(),
  type: z.string(),
  revision: z.number().int(),
  ciphertext: z.string(),
  wrappedKey: z.string(),
  size: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type RecordResponse = z.infer<typeof recordResponse>;

export const listRecordsQuery = z
  .object({
    type: recordTypeSchema.optional(),
    /** At most this many; a page also ends before it would pass MAX_PAGE_BYTES. */
    limit: z.coerce.number().int().min(1).max(500).default(100),
    /** `desc` lists the newest first, so a client can show recent entries before the rest. */
    order: z.enum(['asc', 'desc']).default('asc'),
    /** Opaque: the `next` of the previous page. */
    cursor: z.string().max(200).optional(),
  })
  .strict();

export const recordListResponse = z.object({
  records: z.array(recordResponse),
  next: z.string().nullable(),
});

export const listRevisionsQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(100),
    /** Opaque: the `next` of the previous page. */
    cursor: z.string().max(200).optional(),
  })
  .strict();

/** Oldest first; `next` is null on the last page. */
export const revisionListResponse = z.object({
  revisions: z.array(recordResponse),
  next: z.string().nullable(),
});

// ---- errors ----

export const API_ERROR_CODES = [
  'bad_request',
  'invalid_request',
  'not_found',
  'rate_limited',
  'internal_error',
  'not_signed_in',
  'csrf_failed',
  'username_taken',
  'sign_in_failed',
  'second_factor_required',
  'second_factor_failed',
  'recovery_failed',
  'record_exists',
  'revision_conflict',
  'record_too_large',
  'file_too_large',
  'quota_exceeded',
  'upload_offset_conflict',
  'upload_length_exceeded',
  'tus_resumable_required',
  'unsupported_media_type',
  'request_too_large',
  'database_unavailable',
  'record_quota_exceeded',
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

export const apiErrorResponse = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});

/** The header every state-changing request carries, holding the token from SessionResponse. */
export const CSRF_HEADER = 'x-mosaic-csrf';
