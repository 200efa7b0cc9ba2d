/**
 * The HTTP contract of shares (docs/vault-protocol.md §14), shared by the server and the vault
 * client. Like vault-api.ts: binary fields are ciphertext, wrapped keys or derived keys as
 * unpadded base64url; nothing here is readable content (no label, no passcode, no link secret).
 *
 * Owner routes (signed in, CSRF): POST/GET /api/shares, PUT/DELETE /api/shares/:id.
 * Recipient routes: POST /api/shares/:id/session (the proof), then with
 * `Authorization: Bearer <token>`: GET /api/shares/:id, /records, /uploads/:uploadId, and
 * /records/:recordId/revisions/:revision/receipt (a served revision's receipt).
 */
import { z } from 'zod';
import { recordIdSchema } from '../domain/record-id.js';
import { authKeySchema, base64url, ciphertextSchema, wrappedKeySchema } from './vault-api.js';

/** 16 random bytes as unpadded base64url, made by the owner's browser. */
export const shareIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{22}$/, 'must be the share id from the link');
export const shareIdParams = z.object({ id: shareIdSchema }).strict();
/** An upload id as the server makes them (32 lowercase hex characters). */
export const shareUploadIdSchema = z.string().regex(/^[a-f0-9]{32}$/, 'must be an upload id');
export const shareUploadParams = z.object({ id: shareIdSchema, uploadId: shareUploadIdSchema });
/** One served revision of a shared record, for its receipt. */
export const shareReceiptParams = z.object({
  id: shareIdSchema,
  recordId: recordIdSchema,
  revision: z.coerce
    .number()
    .int()
    .min(1)
    .max(2 ** 31 - 1),
});

export const shareModeSchema = z.enum(['snapshot', 'live']);
export type ShareMode = z.infer<typeof shareModeSchema>;

export const SHARE_DEFAULT_SECONDS = 30 * 24 * 3600;
export const SHARE_MIN_SECONDS = 3600;
export const SHARE_MAX_SECONDS = 365 * 24 * 3600;
/** At most this many records, and this many uploads, in one share. */
export const MAX_SHARE_RECORDS = 5000;
export const MAX_SHARE_UPLOADS = 1000;
/** A recipient's share session lasts this long (never past the share's expiry). */
export const SHARE_SESSION_SECONDS = 30 * 60;

const sharedRecord = z
  .object({
    id: recordIdSchema,
    revision: z
      .number()
      .int()
      .min(1)
      .max(2 ** 31 - 1),
  })
  .strict();
const recordList = z.array(sharedRecord).max(MAX_SHARE_RECORDS);
const uploadList = z.array(shareUploadIdSchema).max(MAX_SHARE_UPLOADS);

export const createShareBody = z
  .object({
    id: shareIdSchema,
    mode: shareModeSchema,
    authKey: authKeySchema,
    /** The share key wrapped by the account key, slot share-key/<id>. */
    ownerWrappedKey: wrappedKeySchema,
    /** The manifest envelope at revision 1, sealed to the share key. */
    manifest: ciphertextSchema,
    /** Seconds from now; SHARE_DEFAULT_SECONDS when left out. */
    expiresInSeconds: z
      .number()
      .int()
      .min(SHARE_MIN_SECONDS, 'a share lasts at least an hour')
      .max(SHARE_MAX_SECONDS, 'a share lasts at most a year')
      .optional(),
    /** The records the manifest lists, with the revision it pins (a snapshot serves exactly it). */
    records: recordList.min(1, 'choose at least one entry to share'),
    uploads: uploadList.default([]),
  })
  .strict();
export type CreateShareBody = z.input<typeof createShareBody>;

/** A kept-up-to-date share's new manifest and its whole item list. */
export const updateShareBody = z
  .object({
    expectedRevision: z.number().int().min(1),
    manifest: ciphertextSchema,
    records: recordList.min(1),
    uploads: uploadList.default([]),
  })
  .strict();
export type UpdateShareBody = z.input<typeof updateShareBody>;

export const shareStateSchema = z.enum(['active', 'expired', 'revoked']);

export const shareSummary = z.object({
  id: z.string(),
  mode: shareModeSchema,
  state: shareStateSchema,
  revision: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  expiresAt: z.string(),
  revokedAt: z.string().nullable(),
  /** Null once revoked or expired (the ciphertext is gone). */
  manifest: z.string().nullable(),
  ownerWrappedKey: z.string().nullable(),
  records: z.array(z.object({ id: z.string(), revision: z.number().int().nullable() })),
  uploads: z.array(z.string()),
  /** Newest first, at most 100: when, and a coarse device label (never the address). */
  opens: z.array(z.object({ at: z.string(), device: z.string() })),
  failedAttempts: z.object({ count: z.number().int(), lastAt: z.string().nullable() }),
});
export type ShareSummary = z.infer<typeof shareSummary>;
export const shareListResponse = z.object({ shares: z.array(shareSummary) });

export const shareSessionBody = z.object({ authKey: authKeySchema }).strict();
export const shareSessionResponse = z.object({ token: z.string(), expiresAt: z.string() });

export const shareContentResponse = z.object({
  id: z.string(),
  mode: shareModeSchema,
  revision: z.number().int(),
  manifest: z.string(),
  expiresAt: z.string(),
});
export type ShareContent = z.infer<typeof shareContentResponse>;

export const shareRecordsQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(500).default(100),
    /** Opaque: the `next` of the previous page. */
    cursor: base64url(300).optional(),
  })
  .strict();

export const sharedRecordResponse = z.object({
  id: z.string(),
  type: z.string(),
  revision: z.number().int(),
  ciphertext: z.string(),
});
export type SharedRecord = z.infer<typeof sharedRecordResponse>;
export const shareRecordsResponse = z.object({
  records: z.array(sharedRecordResponse),
  next: z.string().nullable(),
});

export const SHARE_ERROR_CODES = [
  'share_not_found',
  'share_expired',
  'share_revoked',
  'share_locked',
  'share_passcode_wrong',
  'share_session_invalid',
  'share_exists',
  'share_revision_conflict',
  'share_is_snapshot',
  'share_item_not_found',
] as const;
export type ShareErrorCode = (typeof SHARE_ERROR_CODES)[number];
