/**
 * The plaintext of an `evidence` vault record: what a person says about a file (title, date,
 * note), what the file is (original name, media type, size, SHA-256 of the original bytes, its
 * own times and photo metadata), and what opens it (its own random key, the STREAM header and
 * file id of docs/vault-protocol.md §8, and the tus upload that holds the ciphertext).
 *
 * The file key lives only here, inside the encrypted record: whoever can open the record can
 * open the file, and nobody else, which is also what sharing one item later needs.
 *
 * An item is saved *before* any byte of its file is sent (`upload.state = 'uploading'`), so an
 * upload cut short by a reload can be carried on: the record says where the ciphertext goes and
 * how to encrypt it again identically. It also holds the file's `fingerprint` (BLAKE2b-256 of
 * the whole original, taken first: libsodium computes it about four times faster than SHA-256
 * in WebAssembly), which is what proves a file chosen again is the same one before it is
 * encrypted again under the same header — a header must never encrypt two different
 * plaintexts. The SHA-256 of the original, the hash courts and forensic tools use, is computed
 * while the file is encrypted and is in the record once the upload is complete.
 *
 * Pure: no I/O, no clock, no randomness. Objects are strict, like the diary's records, so an
 * older app never drops fields a newer one wrote.
 */
import { z } from 'zod';
import { dayOfDate } from '../diary/time.js';
import { exifSummarySchema, type ExifSummary } from './exif.js';

export const EVIDENCE_RECORD_TYPE = 'evidence';
export const EVIDENCE_SCHEMA_VERSION = 1;

export const TITLE_MAX = 200;
export const NOTE_MAX = 10_000;
export const FILE_NAME_MAX = 1_000;

const schemaVersion = z
  .literal(EVIDENCE_SCHEMA_VERSION, {
    error: `This item was saved by a different version of the diary (expected version ${EVIDENCE_SCHEMA_VERSION})`,
  })
  .default(EVIDENCE_SCHEMA_VERSION);

/** Unpadded base64url of exactly `bytes` bytes (the key is 32, the header 21). */
function base64UrlOf(bytes: number, name: string) {
  const length = Math.ceil((bytes * 4) / 3);
  return z
    .string({ error: `${name} must be text` })
    .length(length, { error: `${name} must be ${bytes} bytes in base64url` })
    .regex(/^[A-Za-z0-9_-]+$/, { error: `${name} must be base64url` });
}

export const sha256HexSchema = z
  .string({ error: 'The SHA-256 must be text' })
  .regex(/^[0-9a-f]{64}$/, { error: 'The SHA-256 must be 64 lowercase hexadecimal digits' });

const instantSchema = z.iso.datetime({ offset: true, error: 'A time must be an ISO 8601 instant' });

export const evidenceDateSchema = z
  .string({ error: 'Enter the date' })
  .refine((d) => dayOfDate(d) !== undefined, {
    error: 'The date must be a real date between 1900 and 2199, written as YYYY-MM-DD',
  });

export const evidenceTitleSchema = z
  .string({ error: 'The title must be text' })
  .trim()
  .min(1, { error: 'Enter a title' })
  .max(TITLE_MAX, { error: `The title must be ${TITLE_MAX} characters or fewer` });

export const evidenceNoteSchema = z
  .string({ error: 'The note must be text' })
  .trim()
  .max(NOTE_MAX, { error: `The note must be ${NOTE_MAX} characters or fewer` })
  .transform((s) => (s === '' ? undefined : s))
  .optional();

/** The original file, as the browser saw it when it was chosen. */
export const originalFileSchema = z.strictObject({
  /** The file's own name, kept exactly (it is what a download gets back). */
  name: z
    .string({ error: 'The file name must be text' })
    .min(1, { error: 'The file name cannot be empty' })
    .max(FILE_NAME_MAX, { error: `The file name must be ${FILE_NAME_MAX} characters or fewer` }),
  /** As the browser reported it; `application/octet-stream` when it did not know. */
  mediaType: z
    .string({ error: 'The media type must be text' })
    .min(1)
    .max(255)
    .regex(/^[\w.+-]+\/[\w.+-]+(;.*)?$/, { error: 'The media type must look like type/subtype' }),
  size: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  /**
   * SHA-256 of the original bytes, in lowercase hex: the hash courts and forensic tools use.
   * Known once the whole file has been read in order, so always there when the upload is done.
   */
  sha256: sha256HexSchema.optional(),
  /** The file's last-modified time, when the browser gave one. */
  lastModified: instantSchema.optional(),
});
export type OriginalFile = z.output<typeof originalFileSchema>;

/** What decrypts the file (docs/vault-protocol.md §8). Never leaves the encrypted record. */
export const fileEncryptionSchema = z.strictObject({
  /** The file id bound into every chunk's associated data. */
  fileId: z
    .string()
    .min(8)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/),
  key: base64UrlOf(32, 'The file key'),
  /** The 21 header bytes (version, chunk size, nonce prefix). */
  header: base64UrlOf(21, 'The file header'),
  /**
   * BLAKE2b-256 of the whole original, in lowercase hex, taken before any byte was encrypted:
   * only a file with this fingerprint may be encrypted again under this header.
   */
  fingerprint: z
    .string({ error: 'The fingerprint must be text' })
    .regex(/^[0-9a-f]{64}$/, { error: 'The fingerprint must be 64 lowercase hexadecimal digits' }),
});
export type FileEncryption = z.output<typeof fileEncryptionSchema>;

/** A tus upload id: the last segment of its URL under /api/uploads. */
export const uploadIdSchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9._~-]+$/, { error: 'The upload id is not one the server gives' });

export const UPLOAD_STATES = ['uploading', 'complete'] as const;
export type UploadState = (typeof UPLOAD_STATES)[number];

export const uploadSchema = z
  .strictObject({
    id: uploadIdSchema,
    state: z.enum(UPLOAD_STATES),
    startedAt: instantSchema,
    completedAt: instantSchema.optional(),
  })
  .refine((u) => (u.state === 'complete') === (u.completedAt !== undefined), {
    path: ['completedAt'],
    error: 'A finished upload has a completion time, and only a finished one',
  });
export type Upload = z.output<typeof uploadSchema>;

/** How the file came in: chosen, taken with the camera, or recorded in the app. */
export const EVIDENCE_SOURCES = ['file', 'photo', 'recording'] as const;
export type EvidenceSource = (typeof EVIDENCE_SOURCES)[number];

export const evidenceSchema = z
  .strictObject({
    schemaVersion,
    title: evidenceTitleSchema,
    /** The day the evidence is about (or was taken): a local date. */
    date: evidenceDateSchema,
    note: evidenceNoteSchema,
    source: z.enum(EVIDENCE_SOURCES).default('file'),
    file: originalFileSchema,
    encryption: fileEncryptionSchema,
    upload: uploadSchema,
    /** The photo's own metadata, when it had any. */
    exif: exifSummarySchema.optional(),
  })
  .refine((e) => e.upload.state !== 'complete' || e.file.sha256 !== undefined, {
    path: ['file', 'sha256'],
    error: 'A finished upload has the SHA-256 of its original',
  });
export type Evidence = z.output<typeof evidenceSchema>;
export type EvidenceInput = z.input<typeof evidenceSchema>;

/** The part a person edits. */
export const evidenceDetailsSchema = z.strictObject({
  title: evidenceTitleSchema,
  date: evidenceDateSchema,
  note: evidenceNoteSchema,
});
export type EvidenceDetails = z.output<typeof evidenceDetailsSchema>;

// ---- helpers ----

/**
 * A title to start from: the file name without its extension (never empty).
 *
 * @example defaultTitle('IMG_2041.JPG') // 'IMG_2041'
 */
export function defaultTitle(fileName: string): string {
  const trimmed = fileName.trim();
  const dot = trimmed.lastIndexOf('.');
  const base = dot > 0 ? trimmed.slice(0, dot) : trimmed;
  const title = Array.from(base.length > 0 ? base : trimmed)
    .slice(0, TITLE_MAX)
    .join('')
    .trim();
  return title.length > 0 ? title : 'Evidence';
}

/**
 * The date an item is about, to start from: when the photo was taken, else when the file was
 * last changed, else today — each as a local date.
 *
 * @example defaultDate({ takenAt: '2026-03-14T09:26:53' }, undefined, '2026-04-01') // '2026-03-14'
 */
export function defaultDate(
  exif: Pick<ExifSummary, 'takenAt'> | undefined,
  lastModifiedLocalDate: string | undefined,
  today: string,
): string {
  for (const candidate of [exif?.takenAt?.slice(0, 10), lastModifiedLocalDate]) {
    if (candidate !== undefined && dayOfDate(candidate) !== undefined) return candidate;
  }
  return today;
}

/**
 * Whether a file chosen again is the one an unfinished upload started with. Size first (free),
 * then the fingerprint of the whole file: only an identical plaintext may be encrypted again
 * under the item's header, or two plaintexts would share a keystream.
 *
 * @example isSameOriginal(evidence, { size: 10, fingerprint: '…' })
 */
export function isSameOriginal(
  saved: {
    readonly file: Pick<OriginalFile, 'size'>;
    readonly encryption: Pick<FileEncryption, 'fingerprint'>;
  },
  chosen: { readonly size: number; readonly fingerprint?: string },
): boolean {
  if (saved.file.size !== chosen.size) return false;
  return chosen.fingerprint === undefined || chosen.fingerprint === saved.encryption.fingerprint;
}

/** What the app can show of a file without handing it to anything but a media element. */
export type PreviewKind = 'image' | 'audio' | 'video' | 'pdf' | 'none';

/** Image types every current browser decodes; SVG is left out (it is a document, not a picture). */
const IMAGE_TYPES = new Set([
  'image/jpeg',
  'image/png',
  'image/gif',
  'image/webp',
  'image/avif',
  'image/bmp',
]);

/**
 * How an item can be previewed, from its media type. Anything else is download-only: the app
 * never frames or navigates to a decrypted document it cannot vouch for (HTML, SVG, XML).
 *
 * @example previewKind('video/mp4') // 'video'
 */
export function previewKind(mediaType: string): PreviewKind {
  const type = (mediaType.split(';')[0] ?? '').trim().toLowerCase();
  if (IMAGE_TYPES.has(type)) return 'image';
  if (type === 'application/pdf') return 'pdf';
  if (type.startsWith('audio/')) return 'audio';
  if (type.startsWith('video/')) return 'video';
  return 'none';
}

/** A broad kind for lists and filters. */
export type EvidenceKind = 'photo' | 'video' | 'audio' | 'pdf' | 'email' | 'document' | 'other';

/**
 * A broad kind for an item, from its media type and name.
 *
 * @example evidenceKind('message/rfc822', 'letter.eml') // 'email'
 */
export function evidenceKind(mediaType: string, name: string): EvidenceKind {
  const type = (mediaType.split(';')[0] ?? '').trim().toLowerCase();
  const ext = name.includes('.') ? (name.split('.').pop() ?? '').toLowerCase() : '';
  if (type.startsWith('image/') || ['heic', 'heif', 'jpg', 'jpeg', 'png'].includes(ext)) {
    return 'photo';
  }
  if (type.startsWith('video/')) return 'video';
  if (type.startsWith('audio/')) return 'audio';
  if (type === 'application/pdf' || ext === 'pdf') return 'pdf';
  if (type === 'message/rfc822' || ['eml', 'msg', 'mbox'].includes(ext)) return 'email';
  if (
    type.startsWith('text/') ||
    type.includes('document') ||
    type.includes('msword') ||
    ['doc', 'docx', 'odt', 'rtf', 'txt'].includes(ext)
  ) {
    return 'document';
  }
  return 'other';
}

/**
 * The media type to record: the browser's, else `application/octet-stream`.
 *
 * @example mediaTypeOf('') // 'application/octet-stream'
 */
export function mediaTypeOf(browserType: string): string {
  const type = browserType.trim();
  return originalFileSchema.shape.mediaType.safeParse(type).success
    ? type
    : 'application/octet-stream';
}

/**
 * The incidents an item is linked to: links live on the incident (its `evidenceIds`), so there
 * is one place to change and nothing to keep in step.
 *
 * @example linkedIncidentIds('e1', [{ id: 'i1', evidenceIds: ['e1'] }]) // ['i1']
 */
export function linkedIncidentIds(
  evidenceId: string,
  incidents: readonly { readonly id: string; readonly evidenceIds: readonly string[] }[],
): string[] {
  return incidents.filter((i) => i.evidenceIds.includes(evidenceId)).map((i) => i.id);
}

/**
 * `evidenceIds` with one item linked or unlinked, order kept, never repeated.
 *
 * @example withLink(['a'], 'b', true) // ['a', 'b']
 */
export function withLink(ids: readonly string[], evidenceId: string, linked: boolean): string[] {
  if (linked) return ids.includes(evidenceId) ? [...ids] : [...ids, evidenceId];
  return ids.filter((id) => id !== evidenceId);
}
