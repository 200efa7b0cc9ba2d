/**
 * The messages and calls an import keeps inside an incident (src/importers/plan.ts makes them):
 * their channels and directions, limits, and the schema of each item and of the whole set.
 * Part of the incident record's schema (incident.ts), which re-exports it.
 */
import { z } from 'zod';
import { recordIdSchema } from '../record-id.js';
import { timeZoneSchema, zonedTimeSchema } from './schema-parts.js';

/**
 * How an imported message or call reached the person (the importers' channels). Stored inside
 * records, so a value is never renamed or reused; new ones may be added.
 */
export const IMPORTED_CHANNELS = [
  'sms',
  'mms',
  'phone',
  'whatsapp',
  'email',
  'facebook',
  'instagram',
  'telegram',
] as const;

/** Which way a message or call went, from the diary owner's side. */
export const IMPORTED_DIRECTIONS = [
  'incoming',
  'outgoing',
  'missed',
  'rejected',
  'voicemail',
  'blocked',
  'unknown',
] as const;

/** The longest message text kept in an imported item; the export file keeps the rest. */
export const IMPORTED_TEXT_MAX = 20_000;
/** The most messages or calls one incident can hold; a longer burst becomes several incidents. */
export const IMPORTED_ITEMS_MAX = 2_000;

/**
 * One message or call copied from an export file. Text is kept exactly as the file had it (not
 * trimmed): it is evidence, and a court may compare it with the original.
 */
export const importedItemSchema = z.strictObject({
  /**
   * The item's stable key (see src/importers/item-keys.ts): the same message in two exports that
   * overlap has the same key, so importing again adds nothing twice.
   */
  key: z
    .string()
    .min(1)
    .max(100)
    .regex(/^[A-Za-z0-9_-]+$/),
  /** When it was sent, to the second when the export says. */
  at: zonedTimeSchema,
  /** The timestamp exactly as the export wrote it. */
  original: z.string().max(200).optional(),
  kind: z.enum(['message', 'call']),
  channel: z.enum(IMPORTED_CHANNELS),
  direction: z.enum(IMPORTED_DIRECTIONS),
  /** The sender as the export identifies them: a phone number, an address or a name. */
  sender: z.string().min(1).max(320),
  senderName: z.string().max(200).optional(),
  text: z.string().max(IMPORTED_TEXT_MAX).optional(),
  /** The export's text was longer than `IMPORTED_TEXT_MAX` and was cut. */
  textTruncated: z.literal(true).optional(),
  subject: z.string().max(1_000).optional(),
  durationSeconds: z.number().int().nonnegative().max(1e7).optional(),
  video: z.literal(true).optional(),
  attachments: z
    .array(
      z.strictObject({
        name: z.string().max(500),
        type: z.string().max(200),
        omitted: z.literal(true).optional(),
      }),
    )
    .max(100)
    .optional(),
  deleted: z.literal(true).optional(),
  edited: z.literal(true).optional(),
  /**
   * The diary owner's own message, kept as context inside the incident ("Please stop messaging
   * me"): never something the other person did. Absent in records made before it was added.
   */
  own: z.literal(true).optional(),
});
export type ImportedItemRecord = z.output<typeof importedItemSchema>;

/** What an incident made by importing an export file holds of it. */
export const importedContentSchema = z
  .strictObject({
    /** The export's format (`whatsapp-txt`, `android-sms-xml`, … as in src/importers). */
    format: z
      .string()
      .min(1)
      .max(40)
      .regex(/^[a-z0-9-]+$/),
    /** The chat or thread name the export gave. */
    conversation: z.string().max(500).optional(),
    /**
     * Present when the export wrote its times without an offset (WhatsApp): the time zone the
     * person said they were in, which turned those times into the instants in `items[].at`.
     */
    localTimeZone: timeZoneSchema.optional(),
    /** The evidence record holding the original export file, encrypted. */
    sourceEvidenceId: recordIdSchema.optional(),
    items: z.array(importedItemSchema).min(1).max(IMPORTED_ITEMS_MAX),
  })
  .refine((c) => new Set(c.items.map((i) => i.key)).size === c.items.length, {
    path: ['items'],
    error: 'An imported message is listed more than once',
  });
export type ImportedContent = z.output<typeof importedContentSchema>;
