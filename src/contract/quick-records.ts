/**
 * The HTTP contract of the locked quick record's inbox (docs/vault-protocol.md §16), shared by
 * the server and the vault client. Binary fields are unpadded base64url: the drop token and the
 * sealed items. Nothing here is readable content.
 *
 * Owner (signed in, CSRF): POST/GET /api/quick/devices, DELETE /api/quick/devices/:id;
 * GET /api/quick/records, GET/DELETE /api/quick/records/:id, GET …/:id/receipt.
 * Device (no session; the drop token is the proof): POST /api/quick/records.
 */
import { z } from 'zod';
import { authKeySchema, base64url } from './vault-api.js';

/** 16 random bytes as unpadded base64url, made by the device. */
export const quickIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{22}$/, 'must be 22 base64url characters');
export const quickParams = z.object({ id: quickIdSchema }).strict();

/** A sealed item is at most this many bytes (text and one photo, scaled down when larger). */
export const MAX_QUICK_RECORD_BYTES = 4 * 1024 * 1024;
/** Items waiting to be opened by the vault, per account. */
export const MAX_QUICK_RECORDS_WAITING = 50;
/** Devices that may send, per account. */
export const MAX_QUICK_DEVICES = 10;
/** The receipt entry of a quick record is named `qr-<id>` (§16.4). */
export const QUICK_RECEIPT_PREFIX = 'qr-';

export const createQuickDeviceBody = z.object({ id: quickIdSchema, token: authKeySchema }).strict();
export type CreateQuickDeviceBody = z.input<typeof createQuickDeviceBody>;

export const quickDeviceSummary = z.object({ id: z.string(), createdAt: z.string() });
export type QuickDeviceSummary = z.infer<typeof quickDeviceSummary>;
export const quickDeviceListResponse = z.object({ devices: z.array(quickDeviceSummary) });

export const sendQuickRecordBody = z
  .object({
    device: quickIdSchema,
    token: authKeySchema,
    id: quickIdSchema,
    // A little over the limit still parses, so the handler can answer 413 quick_record_too_large.
    sealed: base64url(MAX_QUICK_RECORD_BYTES + 1024).min(1),
  })
  .strict();
export type SendQuickRecordBody = z.input<typeof sendQuickRecordBody>;
/** 201 when first stored, 200 when this id was already received (nothing stored again). */
export const sendQuickRecordResponse = z.object({ receivedAt: z.string() });

export const quickRecordSummary = z.object({
  id: z.string(),
  size: z.number().int(),
  receivedAt: z.string(),
});
export type QuickRecordSummary = z.infer<typeof quickRecordSummary>;
export const quickRecordListResponse = z.object({ records: z.array(quickRecordSummary) });
export const quickRecordResponse = quickRecordSummary.extend({ sealed: z.string() });
export type SealedQuickRecord = z.infer<typeof quickRecordResponse>;

export const QUICK_ERROR_CODES = [
  'quick_token_wrong',
  'quick_device_exists',
  'quick_devices_too_many',
  'quick_record_too_large',
  'quick_inbox_full',
  'quick_record_id_taken',
] as const;
export type QuickErrorCode = (typeof QUICK_ERROR_CODES)[number];
