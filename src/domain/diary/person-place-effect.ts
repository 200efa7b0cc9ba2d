/**
 * The diary's three smaller record types beside the incident (incident.ts lists the rules they
 * keep): a person (with vehicles, phone numbers and accounts), a saved place, and an effect
 * (a day-to-day change recorded on its own). incident.ts re-exports them.
 */
import { z } from 'zod';
import { EFFECT_KEYS, PLACE_KIND_KEYS, RELATIONSHIP_KEYS } from './taxonomy.js';
import {
  coordinatesSchema,
  idList,
  localDateSchema,
  optionalText,
  requiredText,
  schemaVersion,
  uniqueList,
} from './schema-parts.js';

// ---- person ----

export const vehicleSchema = z
  .strictObject({
    registration: optionalText(20, 'The registration'),
    make: optionalText(60, 'The make'),
    model: optionalText(60, 'The model'),
    colour: optionalText(40, 'The colour'),
    notes: optionalText(1_000, 'Notes about the vehicle'),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), {
    error: 'Enter something about the vehicle, such as its registration or colour',
  });
export type Vehicle = z.output<typeof vehicleSchema>;

export const phoneNumberSchema = z.strictObject({
  /** As written: it may be "withheld" or a number from abroad. */
  number: requiredText(40, 'Enter the phone number', 'The phone number'),
  label: optionalText(60, 'The phone label'),
});

export const accountSchema = z.strictObject({
  /** Where: "Instagram", "WhatsApp", a website. */
  platform: optionalText(60, 'The platform'),
  handle: requiredText(200, 'Enter the account name or handle', 'The account name'),
  url: optionalText(2_000, 'The account link'),
});
export type Account = z.output<typeof accountSchema>;

/**
 * A person: someone who did something, or a witness. Which of the two is said by each incident,
 * so one record serves both. A name or an alias (which can be a description, like "man in the
 * blue van") is required.
 */
export const personSchema = z
  .strictObject({
    schemaVersion,
    name: optionalText(200, 'The name'),
    alias: optionalText(200, 'The alias'),
    relationship: z
      .enum(RELATIONSHIP_KEYS, { error: 'Choose how you know them from the list' })
      .optional(),
    relationshipDetail: optionalText(200, 'How you know them'),
    /** How they look and sound, what they wear. */
    description: optionalText(10_000, 'The description'),
    vehicles: z
      .array(vehicleSchema)
      .max(50, { error: 'A person can have at most 50 vehicles' })
      .default([]),
    phones: z
      .array(phoneNumberSchema)
      .max(50, { error: 'A person can have at most 50 phone numbers' })
      .default([]),
    emails: uniqueList(
      z
        .string({ error: 'An email address must be text' })
        .trim()
        .max(254, { error: 'An email address must be 254 characters or fewer' })
        .regex(/^[^\s@]+@[^\s@]+$/, { error: 'Enter an email address like name@example.com' }),
      50,
      'Email addresses',
      'An email address is listed more than once',
    ),
    accounts: z
      .array(accountSchema)
      .max(100, { error: 'A person can have at most 100 accounts' })
      .default([]),
    /** Contact details for a witness, or where the person lives. */
    address: optionalText(1_000, 'The address'),
    notes: optionalText(10_000, 'Notes'),
  })
  .refine((p) => p.name !== undefined || p.alias !== undefined, {
    path: ['name'],
    error: 'Enter a name or an alias, such as "man in the blue van"',
  });
export type Person = z.output<typeof personSchema>;
export type PersonInput = z.input<typeof personSchema>;

/**
 * What to call a person: the name, else the alias.
 *
 * @example personLabel({ alias: 'Blue van man' } as Person) // "Blue van man"
 */
export function personLabel(person: Pick<Person, 'name' | 'alias'>): string {
  return person.name ?? person.alias ?? '';
}

// ---- place ----

/** A saved place, reused across entries: "Home", "Work", "School". */
export const placeSchema = z.strictObject({
  schemaVersion,
  name: requiredText(200, 'Enter a name for the place, such as Home', 'The place name'),
  kind: z.enum(PLACE_KIND_KEYS, { error: 'Choose a kind of place from the list' }).optional(),
  address: optionalText(1_000, 'The address'),
  coordinates: coordinatesSchema.optional(),
  notes: optionalText(10_000, 'Notes'),
});
export type Place = z.output<typeof placeSchema>;
export type PlaceInput = z.input<typeof placeSchema>;

// ---- effect ----

/**
 * A day-to-day change recorded on its own rather than with one incident: "Since 3 March I take
 * the bus to work instead of walking."
 */
export const effectRecordSchema = z.strictObject({
  schemaVersion,
  change: z.enum(EFFECT_KEYS, { error: 'Choose what changed from the list' }),
  /** When the change started, as a local date. */
  startedOn: localDateSchema,
  description: optionalText(10_000, 'The description'),
  /** Incidents that led to it. */
  incidentIds: idList('Incidents'),
});
export type EffectRecord = z.output<typeof effectRecordSchema>;
export type EffectRecordInput = z.input<typeof effectRecordSchema>;
