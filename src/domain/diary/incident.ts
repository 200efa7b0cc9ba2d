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
 *
 * This file holds the incident and the helpers, and is the face of the rest: the building
 * blocks are schema-parts.ts, imported messages and calls imported-items.ts, and the person,
 * place and effect records person-place-effect.ts.
 */
import { z } from 'zod';
import { recordIdSchema } from '../record-id.js';
import { BEHAVIOUR_KEYS, CHANNEL_KEYS, EFFECT_KEYS } from './taxonomy.js';
import { instantOf, isTimeZone, resolveWallTime, zonedFromInstant, type WallTime } from './time.js';
import {
  coordinatesSchema,
  idList,
  localDateOrTimeSchema,
  optionalText,
  requiredText,
  schemaVersion,
  timeZoneSchema,
  uniqueList,
  zonedTimeSchema,
} from './schema-parts.js';
import { importedContentSchema } from './imported-items.js';
import { effectRecordSchema, personSchema, placeSchema } from './person-place-effect.js';

export {
  coordinatesSchema,
  CURRENT_SCHEMA_VERSION,
  localDateSchema,
  timeZoneSchema,
  zonedTimeSchema,
  type Coordinates,
} from './schema-parts.js';
export * from './imported-items.js';
export * from './person-place-effect.js';

/** Vault record types of the diary (the `type` the vault API stores beside each ciphertext). */
export const DIARY_RECORD_TYPES = {
  incident: 'incident',
  person: 'person',
  place: 'place',
  effect: 'effect',
} as const;
export type DiaryRecordType = (typeof DIARY_RECORD_TYPES)[keyof typeof DIARY_RECORD_TYPES];

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
