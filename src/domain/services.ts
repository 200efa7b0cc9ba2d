/**
 * Support services: the national defaults (content/services.yaml) and an organisation's local
 * ones (its profile). This is the only place a phone number is written; pages and the footer
 * refer to a service by its key, so a number can never disagree between two pages.
 */
import { z } from 'zod';
import { LOCALES } from './locales.js';
import { openingHoursSchema } from './opening-hours.js';

export const AUDIENCES = [
  'everyone',
  'adults',
  'children-and-young-people',
  'men',
  'women',
  'lgbt',
  'deaf-or-hard-of-hearing',
  'practitioners',
] as const;
export type Audience = (typeof AUDIENCES)[number];

const text = (max: number) => z.string().trim().min(1).max(max);

/** Text written once for every language, or per language with English required. */
export const localisedTextSchema = (max: number) =>
  z.union([
    text(max),
    z
      .object({
        ...Object.fromEntries(LOCALES.map((l) => [l, text(max).optional()])),
        en: text(max),
      })
      .strict(),
  ]);

export const httpsUrlSchema = z
  .url({ protocol: /^https$/, error: 'must be an https:// address' })
  .max(2000);

export const phoneSchema = z
  .string()
  .trim()
  .regex(/^\+?[\d ]{3,20}$/, 'must be a phone number of digits and spaces, e.g. "0808 802 0300"');

export const serviceSchema = z
  .object({
    key: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lowercase words joined by hyphens'),
    name: localisedTextSchema(120),
    description: localisedTextSchema(400).optional(),
    phone: phoneSchema.optional(),
    /** A short line shown beside the number, e.g. how to call without speaking. */
    phoneNote: localisedTextSchema(300).optional(),
    website: httpsUrlSchema.optional(),
    hours: openingHoursSchema.optional(),
    audiences: z.array(z.enum(AUDIENCES)).min(1).default(['everyone']),
    /** "national", or the local area it covers. */
    area: z.union([z.literal('national'), z.object({ local: localisedTextSchema(80) })]),
    /** false for numbers that pages refer to but the directory does not list (999, 101). */
    listed: z.boolean().default(true),
  })
  .strict()
  .refine((s) => s.phone !== undefined || s.website !== undefined, {
    message: 'a service needs a phone number or a website',
  });

export type Service = z.infer<typeof serviceSchema>;

export const serviceListSchema = z
  .array(serviceSchema)
  .refine((list) => new Set(list.map((s) => s.key)).size === list.length, {
    message: 'two services have the same key',
  });

/** National services first, then local ones; a local service replaces a national one with its key. */
export function mergeServices(national: readonly Service[], local: readonly Service[]): Service[] {
  const localKeys = new Set(local.map((s) => s.key));
  return [...national.filter((s) => !localKeys.has(s.key)), ...local];
}

/** The `tel:` form of a number as people write it: "0808 802 0300" → "tel:08088020300". */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}

export interface DirectoryFilter {
  readonly audience: Audience | undefined;
  readonly area: 'national' | 'local' | undefined;
}

/** The listed services that fit the filter; "everyone" services fit every audience. */
export function filterServices(services: readonly Service[], filter: DirectoryFilter): Service[] {
  return services.filter(
    (s) =>
      s.listed &&
      (filter.audience === undefined ||
        s.audiences.includes(filter.audience) ||
        s.audiences.includes('everyone')) &&
      (filter.area === undefined || (filter.area === 'national') === (s.area === 'national')),
  );
}
