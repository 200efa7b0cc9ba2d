/**
 * A photo's own metadata, summarised: when the camera says it was taken, the camera, and the
 * GPS position when there is one. A position is the part that matters most for safety: a photo
 * shared as it is tells whoever gets it where it was taken, so the app warns before that.
 *
 * `exifSummaryFromTags` turns the tags a reader such as exifr returns (with translated keys and
 * unrevived values: dates as the camera wrote them, rationals as numbers) into this summary. It
 * trusts nothing: a file can carry any bytes, so each value is checked and a bad one dropped.
 */
import { z } from 'zod';

/** The camera's clock as it wrote it: a wall time with no zone, `YYYY-MM-DDTHH:MM:SS`. */
const wallTimeSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/);

export const exifLocationSchema = z.strictObject({
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
  altitudeMetres: z.number().min(-20_000).max(100_000).optional(),
});
export type ExifLocation = z.output<typeof exifLocationSchema>;

export const exifSummarySchema = z.strictObject({
  takenAt: wallTimeSchema.optional(),
  /** The camera's offset from UTC when it took the photo (`+01:00`), when it recorded one. */
  offset: z
    .string()
    .regex(/^[+-]([01]\d|2[0-3]):[0-5]\d$/)
    .optional(),
  make: z.string().max(100).optional(),
  model: z.string().max(100).optional(),
  location: exifLocationSchema.optional(),
  /**
   * True when the file has GPS tags at all, even ones too damaged to read as a position: the
   * warning before sharing errs on the side of caution.
   */
  hasGps: z.boolean(),
});
export type ExifSummary = z.output<typeof exifSummarySchema>;

/**
 * The summary of a photo's tags, or undefined when none of them is of interest.
 *
 * @example
 * exifSummaryFromTags({ DateTimeOriginal: '2026:03:14 09:26:53', GPSLatitudeRef: 'N',
 *   GPSLatitude: [51, 30, 4.86], GPSLongitudeRef: 'W', GPSLongitude: [0, 7, 34.59] })
 * // { takenAt: '2026-03-14T09:26:53', location: { latitude: 51.50135, longitude: -0.126275 }, hasGps: true }
 */
export function exifSummaryFromTags(tags: unknown): ExifSummary | undefined {
  if (typeof tags !== 'object' || tags === null) return undefined;
  const t = tags as Record<string, unknown>;
  const takenAt = wallTime(t.DateTimeOriginal) ?? wallTime(t.CreateDate) ?? wallTime(t.DateTime);
  const offset = offsetOf(t.OffsetTimeOriginal) ?? offsetOf(t.OffsetTime);
  const make = text(t.Make);
  const model = text(t.Model);
  const hasGps = Object.keys(t).some((k) => k.startsWith('GPS') && k !== 'GPSVersionID');
  const location = locationOf(t);
  const summary: ExifSummary = {
    ...(takenAt !== undefined ? { takenAt } : {}),
    ...(offset !== undefined && takenAt !== undefined ? { offset } : {}),
    ...(make !== undefined ? { make } : {}),
    ...(model !== undefined ? { model } : {}),
    ...(location !== undefined ? { location } : {}),
    hasGps: hasGps || location !== undefined,
  };
  if (Object.keys(summary).length === 1 && !summary.hasGps) return undefined;
  return exifSummarySchema.parse(summary);
}

/**
 * A position as people read it: decimal degrees to 5 places (about a metre), with N/S and E/W.
 *
 * @example formatCoordinates({ latitude: 51.50135, longitude: -0.126275 }) // '51.50135° N, 0.12627° W'
 */
export function formatCoordinates(location: Pick<ExifLocation, 'latitude' | 'longitude'>): string {
  const part = (value: number, positive: string, negative: string): string =>
    `${Math.abs(value).toFixed(5)}° ${value < 0 ? negative : positive}`;
  return `${part(location.latitude, 'N', 'S')}, ${part(location.longitude, 'E', 'W')}`;
}

/**
 * Decimal degrees from degrees, minutes and seconds.
 *
 * @example degreesOf([51, 30, 4.86]) // 51.50135
 */
export function degreesOf(dms: unknown): number | undefined {
  if (typeof dms === 'number') return Number.isFinite(dms) ? dms : undefined;
  if (!Array.isArray(dms) || dms.length === 0 || dms.length > 3) return undefined;
  const [d = 0, m = 0, s = 0] = dms as unknown[];
  if (typeof d !== 'number' || typeof m !== 'number' || typeof s !== 'number') return undefined;
  if (![d, m, s].every((n) => Number.isFinite(n) && n >= 0) || m >= 60 || s >= 60) {
    return undefined;
  }
  return d + m / 60 + s / 3600;
}

function locationOf(t: Record<string, unknown>): ExifLocation | undefined {
  const lat = degreesOf(t.GPSLatitude);
  const lon = degreesOf(t.GPSLongitude);
  if (lat === undefined || lon === undefined) return undefined;
  const latSign = hemisphere(t.GPSLatitudeRef, 'N', 'S');
  const lonSign = hemisphere(t.GPSLongitudeRef, 'E', 'W');
  if (latSign === undefined || lonSign === undefined) return undefined;
  const latitude = round(lat * latSign, 7);
  const longitude = round(lon * lonSign, 7);
  if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180) return undefined;
  const altitude = typeof t.GPSAltitude === 'number' ? t.GPSAltitude : undefined;
  // GPSAltitudeRef 1 means below sea level; exifr may hand it back as a number or a byte list.
  const ref = firstOf(t.GPSAltitudeRef);
  const altitudeMetres =
    altitude !== undefined && Number.isFinite(altitude) && Math.abs(altitude) <= 20_000
      ? round(ref === 1 ? -altitude : altitude, 1)
      : undefined;
  return {
    latitude: latitude === 0 ? 0 : latitude,
    longitude: longitude === 0 ? 0 : longitude,
    ...(altitudeMetres !== undefined ? { altitudeMetres } : {}),
  };
}

/** +1 or −1 from a hemisphere letter; a missing letter is read as N or E, as most readers do. */
function hemisphere(ref: unknown, positive: string, negative: string): 1 | -1 | undefined {
  if (ref === undefined) return 1;
  if (typeof ref !== 'string') return undefined;
  const letter = ref.trim().toUpperCase();
  if (letter === positive) return 1;
  if (letter === negative) return -1;
  return undefined;
}

/** The first value of a byte list (a plain array or a typed array), or the value itself. */
function firstOf(value: unknown): unknown {
  if (Array.isArray(value)) return (value as unknown[])[0];
  if (value instanceof Uint8Array) return value[0];
  return value;
}

function wallTime(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^(\d{4}):(\d{2}):(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(value.trim());
  if (!m) return undefined;
  const iso = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}`;
  return wallTimeSchema.safeParse(iso).success && m[1] !== '0000' ? iso : undefined;
}

function offsetOf(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const v = value.trim();
  return /^[+-]([01]\d|2[0-3]):[0-5]\d$/.test(v) ? v : undefined;
}

function text(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  // Cameras pad with NULs and spaces; control characters have no place in a label.
  // eslint-disable-next-line no-control-regex
  const clean = value.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return clean.length > 0 ? Array.from(clean).slice(0, 100).join('') : undefined;
}

function round(n: number, places: number): number {
  const f = 10 ** places;
  return Math.round(n * f) / f;
}
