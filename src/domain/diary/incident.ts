/**
 * The plaintext of the diary's vault records: what the browser encrypts and, after decrypting,
 * checks with these schemas before showing or analysing anything. Four record types:
 * `incident`, `person`, `place` and `effect` (a day-to-day change recorded on its own).
 * DESIGN.md, "Data: what an incident holds", lists the fields.
 *
 * Rules that hold for every record:
 * - `schemaVersion` says which shape of plaintext this is (1 for now; it defaults to 1 on input).
 *   A later shape gets a new number and a migration, never a silent reinterpretation.
 * - Objects are strict: an unknown field is an error, not silently dropped, so an older app
 *   can never lose data written by a newer one by saving it back.
 * - Text is trimmed; optional text left blank parses as undefined, so JSON (and the vault) never
 *   stores it as "".
 * - Lists default to empty, so a quick capture needs none of them.
 * - References to other records are vault record ids. A reference to a record that has since
 *   been deleted is not an error: analysis shows it as "unknown".
 *
 * Error messages follow the GOV.UK Design System style ("Enter what happened") so that the form
 * can show them in its error summary; `describeIssues` turns a ZodError into that list.
 */
import { z } from 'zod';
import { recordIdSchema } from '../record-id.js';
import {
  BEHAVIOUR_KEYS,
  CHANNEL_KEYS,
  EFFECT_KEYS,
  PLACE_KIND_KEYS,
  RELATIONSHIP_KEYS,
} from './taxonomy.js';
import {
  dayOfDate,
  instantOf,
  isTimeZone,
  isZonedTime,
  resolveWallTime,
  zonedFromInstant,
  type WallTime,
} from './time.js';

/** Vault record types of the diary (the `type` the vault API stores beside each ciphertext). */
export const DIARY_RECORD_TYPES = {
  incident: 'incident',
  person: 'person',
  place: 'place',
  effect: 'effect',
} as const;
export type DiaryRecordType = (typeof DIARY_RECORD_TYPES)[keyof typeof DIARY_RECORD_TYPES];

export const CURRENT_SCHEMA_VERSION = 1;

// ---- building blocks ----

const schemaVersion = z
  .literal(CURRENT_SCHEMA_VERSION, {
    error: `This entry was saved by a different version of the diary (expected version ${CURRENT_SCHEMA_VERSION})`,
  })
  .default(CURRENT_SCHEMA_VERSION);

/** Required text, trimmed, at most `max` characters. */
function requiredText(max: number, missing: string, name: string) {
  return z
    .string({ error: (issue) => (issue.input === undefined ? missing : `${name} must be text`) })
    .trim()
    .min(1, { error: missing })
    .max(max, { error: `${name} must be ${max} characters or fewer` });
}

/** Optional text, trimmed; blank becomes absent. */
function optionalText(max: number, name: string) {
  return z
    .string({ error: `${name} must be text` })
    .trim()
    .max(max, { error: `${name} must be ${max} characters or fewer` })
    .transform((s) => (s === '' ? undefined : s))
    .optional();
}

/** A list with no repeats. */
function uniqueList<T extends z.ZodType>(item: T, max: number, name: string, repeat: string) {
  return z
    .array(item, { error: `${name} must be a list` })
    .max(max, { error: `${name} can have at most ${max} items` })
    .refine((list) => new Set(list).size === list.length, { error: repeat })
    .default([]);
}

const idList = (name: string, max = 500) =>
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
const localDateOrTimeSchema = z
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

// ---- incident ----

/**
 * When it happened. `start` and `end` are zoned times in `timeZone`, the zone the person was in
 * when they recorded it. `approximate` says the time is a best guess.
 */
export const whenSchema = z
  .strictObject({
    start: zonedTimeSchema,
    end: zonedTimeSchema.optional(),
    approximate: z.boolean({ error: 'Approximate must be yes or no' }).default(false),
    timeZone: timeZoneSchema,
  })
  .refine((w) => w.end === undefined || !(instantOf(w.end) < instantOf(w.start)), {
    path: ['end'],
    error: 'The end must be the same as or after the start',
  });
export type When = z.output<typeof whenSchema>;

/** Where it happened: in words, a saved place, coordinates, or any of them. */
export const whereSchema = z.strictObject({
  text: optionalText(500, 'Where'),
  placeId: recordIdSchema.optional(),
  coordinates: coordinatesSchema.optional(),
});
export type Where = z.output<typeof whereSchema>;

/** How it came: a channel from the taxonomy, and which one when it asks (e.g. which app). */
export const channelChoiceSchema = z.strictObject({
  key: z.enum(CHANNEL_KEYS, { error: 'Choose how it happened from the list' }),
  detail: optionalText(200, 'The channel detail'),
});
export type ChannelChoice = z.output<typeof channelChoiceSchema>;

/** Reported to the police. Its presence means it was reported; every field is optional. */
export const policeReportSchema = z.strictObject({
  /** When it was reported: a date, or date and time, in the incident's time zone. */
  reportedOn: localDateOrTimeSchema.optional(),
  reference: optionalText(100, 'The crime reference'),
  officerName: optionalText(200, "The officer's name"),
  officerNumber: optionalText(50, "The officer's number"),
});
export type PoliceReport = z.output<typeof policeReportSchema>;

/** How it affected the person: feelings, and the day-to-day changes s.4A asks about. */
export const incidentEffectSchema = z.strictObject({
  feelings: optionalText(10_000, 'How it made you feel'),
  changes: uniqueList(
    z.enum(EFFECT_KEYS, { error: 'Choose changes from the list' }),
    EFFECT_KEYS.length,
    'Changes',
    'A change is ticked more than once',
  ),
  /** Words for the changes, especially for "something else". */
  changesDetail: optionalText(2_000, 'What you changed'),
});
export type IncidentEffect = z.output<typeof incidentEffectSchema>;

export const tagSchema = z
  .string({ error: 'A tag must be text' })
  .trim()
  .min(1, { error: 'A tag cannot be blank' })
  .max(50, { error: 'A tag must be 50 characters or fewer' });

// ---- imported messages and calls ----

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

/** One incident. A quick capture needs only `when` and `what`; `where` is usually given too. */
export const incidentSchema = z.strictObject({
  schemaVersion,
  when: whenSchema,
  where: whereSchema.optional(),
  what: requiredText(
    20_000,
    'Enter what happened. A few words are enough: you can add more later',
    'What happened',
  ),
  behaviours: uniqueList(
    z.enum(BEHAVIOUR_KEYS, { error: 'Choose behaviours from the list' }),
    BEHAVIOUR_KEYS.length,
    'Behaviours',
    'A behaviour is ticked more than once',
  ),
  channel: channelChoiceSchema.optional(),
  /** Who did it: person record ids. */
  perpetratorIds: idList('Who did it'),
  /** Who saw or heard it: person record ids. */
  witnessIds: idList('Witnesses'),
  police: policeReportSchema.optional(),
  effect: incidentEffectSchema.optional(),
  /** Evidence record ids. */
  evidenceIds: idList('Evidence', 1000),
  tags: uniqueList(tagSchema, 50, 'Tags', 'A tag is listed more than once'),
  /** Messages or calls copied from an export file, when the incident was made by an import. */
  imported: importedContentSchema.optional(),
  /**
   * Present when the incident came from a locked quick record (docs/vault-protocol.md §16.5):
   * the time is the device's clock, not checked by anyone; `receivedAt` is when the server first
   * received the sealed item (its receipt covers `sealedSha256`).
   */
  deviceRecord: z
    .strictObject({
      id: z.string().regex(/^[A-Za-z0-9_-]{22}$/),
      recordedAt: z.string().max(40),
      receivedAt: z.string().max(40),
      sealedSha256: z.string().regex(/^[0-9a-f]{64}$/),
    })
    .optional(),
  /**
   * Present when this revision only linked or unlinked evidence: the revision whose words (all
   * but `evidenceIds`) these still are, so a link is never shown as an edit of what the person
   * wrote. Absent on a revision the person wrote. See `linkRevision`.
   */
  textRevision: z.number().int().positive().optional(),
});
export type Incident = z.output<typeof incidentSchema>;

/**
 * The value of the next revision when only the evidence links change: the words are the same,
 * and `textRevision` says which revision wrote them.
 *
 * @example linkRevision(incident, 1, ['ev-1']) // { ...incident, evidenceIds: ['ev-1'], textRevision: 1 }
 */
export function linkRevision(
  current: Incident,
  currentRevision: number,
  evidenceIds: readonly string[],
): Incident {
  return {
    ...current,
    evidenceIds: [...evidenceIds],
    textRevision: current.textRevision ?? currentRevision,
  };
}

/**
 * Whether what the person wrote has ever been edited: some revision after the first changed the
 * words, not only the links to evidence.
 *
 * @example wordsEdited({ textRevision: 1 } as Incident, 3) // false
 */
export function wordsEdited(incident: Pick<Incident, 'textRevision'>, revision: number): boolean {
  return (incident.textRevision ?? revision) > 1;
}

/**
 * Whether a revision, compared with the one before it, changed only the links to evidence.
 * Works for revisions saved before `textRevision` existed too, by comparing the words.
 *
 * @example onlyLinksChanged(before, after) // true when after = { ...before, evidenceIds: [...] }
 */
export function onlyLinksChanged(before: Incident, after: Incident): boolean {
  if (after.textRevision !== undefined) return true;
  const words = (incident: Incident): string =>
    JSON.stringify({ ...incident, evidenceIds: [], textRevision: undefined });
  return words(before) === words(after);
}
export type IncidentInput = z.input<typeof incidentSchema>;

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

/** The schema of each diary record type. */
export const DIARY_SCHEMAS = {
  incident: incidentSchema,
  person: personSchema,
  place: placeSchema,
  effect: effectRecordSchema,
} as const;

// ---- helpers ----

/** One problem with a form's answers: where (a dotted path) and what to say. */
export interface FieldIssue {
  readonly path: string;
  readonly message: string;
}

/**
 * The problems in a failed parse, in the order of the fields, for an error summary.
 *
 * @example
 * const r = incidentSchema.safeParse({ when, what: ' ' });
 * if (!r.success) describeIssues(r.error)
 * // [{ path: 'what', message: 'Enter what happened. A few words are enough: you can add more later' }]
 */
export function describeIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
}

export interface QuickCaptureInput {
  readonly what: string;
  readonly where?: string;
  /** The wall time the person typed; leave out for "now". */
  readonly when?: WallTime;
  readonly approximate?: boolean;
}

/**
 * Builds and checks a quick-capture incident: what happened, where, and when (now unless the
 * person changed it). A wall time skipped by the clocks going forward is moved on, and a
 * repeated one taken as the earlier; the full form asks instead (see `wallTimeOptions`).
 *
 * @example
 * quickCapture({ what: 'He was outside the gate', where: 'Home' },
 *   { now: new Date('2026-03-29T18:05:00Z'), timeZone: 'Europe/London' })
 * // { success: true, data: { schemaVersion: 1, when: { start: '2026-03-29T19:05+01:00',
 * //   approximate: false, timeZone: 'Europe/London' }, where: { text: 'Home' }, what: …, behaviours: [], … } }
 */
export function quickCapture(
  input: QuickCaptureInput,
  context: { readonly now: Date; readonly timeZone: string },
): ReturnType<typeof incidentSchema.safeParse> {
  const start =
    input.when === undefined
      ? isTimeZone(context.timeZone)
        ? zonedFromInstant(context.now, context.timeZone)
        : ''
      : (resolveWallTime(input.when, context.timeZone) ?? input.when);
  const value: IncidentInput = {
    when: { start, approximate: input.approximate ?? false, timeZone: context.timeZone },
    what: input.what,
    ...(input.where === undefined ? {} : { where: { text: input.where } }),
  };
  return incidentSchema.safeParse(value);
}

/**
 * Whether an incident was reported to the police.
 *
 * @example isReported({ police: {} } as Incident) // true
 */
export function isReported(incident: Pick<Incident, 'police'>): boolean {
  return incident.police !== undefined;
}
