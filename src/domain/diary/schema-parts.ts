/**
 * The building blocks of the diary's record schemas (incident.ts lists the rules they keep):
 * the schema version, trimmed required and optional text, unique lists, record id lists, time
 * zones, dates and times, coordinates. Shared by every record type's schema.
 */
import { z } from 'zod';
import { recordIdSchema } from '../record-id.js';
import { dayOfDate, isTimeZone, isZonedTime } from './time.js';

export const CURRENT_SCHEMA_VERSION = 1;

export const schemaVersion = z
  .literal(CURRENT_SCHEMA_VERSION, {
    error: `This entry was saved by a different version of the diary (expected version ${CURRENT_SCHEMA_VERSION})`,
  })
  .default(CURRENT_SCHEMA_VERSION);

/** Required text, trimmed, at most `max` characters. */
export function requiredText(max: number, missing: string, name: string) {
  return z
    .string({ error: (issue) => (issue.input === undefined ? missing : `${name} must be text`) })
    .trim()
    .min(1, { error: missing })
    .max(max, { error: `${name} must be ${max} characters or fewer` });
}

/** Optional text, trimmed; blank becomes absent. */
export function optionalText(max: number, name: string) {
  return z
    .string({ error: `${name} must be text` })
    .trim()
    .max(max, { error: `${name} must be ${max} characters or fewer` })
    .transform((s) => (s === '' ? undefined : s))
    .optional();
}

/** A list with no repeats. */
export function uniqueList<T extends z.ZodType>(
  item: T,
  max: number,
  name: string,
  repeat: string,
) {
  return z
    .array(item, { error: `${name} must be a list` })
    .max(max, { error: `${name} can have at most ${max} items` })
    .refine((list) => new Set(list).size === list.length, { error: repeat })
    .default([]);
}

export const idList = (name: string, max = 500) =>
  uniqueList(recordIdSchema, max, name, `${name} lists the same record more than once`);

export const timeZoneSchema = z
  .string({ error: 'Choose a time zone' })
  .refine(isTimeZone, { error: 'The time zone must be one such as Europe/London' });

export const localDateSchema = z
  .string({ error: 'Enter a date' })
  .refine((d) => dayOfDate(d) !== undefined, {
    error: 'The date must be a real date between 1900 and 2199, written as YYYY-MM-DD',
  });

export const zonedTimeSchema = z.string({ error: 'Enter a date and time' }).refine(isZonedTime, {
  error:
    'The date and time must be a real date and time between 1900 and 2199 with its offset from UTC, such as 2026-03-29T14:30+01:00',
});

/** A date, or a date and time, as the person entered it in their own time zone. */
export const localDateOrTimeSchema = z
  .string({ error: 'Enter a date' })
  .refine(
    (v) => dayOfDate(v.slice(0, 10)) !== undefined && /^.{10}(T([01]\d|2[0-3]):[0-5]\d)?$/.test(v),
    {
      error: 'The date must be a real date, written as YYYY-MM-DD, with an optional time HH:MM',
    },
  );

/** JSON cannot keep -0, so it is made 0 here and a parsed value survives being stored. */
function withoutNegativeZero(n: number): number {
  return n === 0 ? 0 : n;
}

export const coordinatesSchema = z.strictObject({
  latitude: z
    .number({ error: 'Latitude must be a number' })
    .min(-90, { error: 'Latitude must be between -90 and 90' })
    .max(90, { error: 'Latitude must be between -90 and 90' })
    .transform(withoutNegativeZero),
  longitude: z
    .number({ error: 'Longitude must be a number' })
    .min(-180, { error: 'Longitude must be between -180 and 180' })
    .max(180, { error: 'Longitude must be between -180 and 180' })
    .transform(withoutNegativeZero),
  /** How far off the device said the position might be, in metres. */
  accuracyMetres: z
    .number({ error: 'Accuracy must be a number' })
    .nonnegative({ error: 'Accuracy cannot be negative' })
    .optional(),
});
export type Coordinates = z.output<typeof coordinatesSchema>;
