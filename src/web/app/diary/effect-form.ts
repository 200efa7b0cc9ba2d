/**
 * A change to daily life ("effect"): its form state, pure — the fields as typed and their
 * checks. Kept apart from the screens so the app's context can hold a draft without importing
 * a screen (no import cycle).
 */
import {
  EFFECT_KEYS,
  effectRecordSchema,
  type EffectRecord,
  type EffectRecordInput,
} from '../../../domain/diary/index.js';
import { happenedAtToFields, parseDate } from '../../../vault/index.js';

/** The schema's limit on the description. */
const DESCRIPTION_MAX = 10_000;

export interface EffectFields {
  /** A key from EFFECT_KEYS, or blank until one is chosen. */
  readonly change: string;
  readonly day: string;
  readonly month: string;
  readonly year: string;
  readonly description: string;
  /** Fields the form does not show (linked incidents), kept so an edit never drops them. */
  readonly kept?: Omit<EffectRecord, 'change' | 'startedOn' | 'description'>;
}

export type EffectError =
  'change' | 'dateRequired' | 'dateIncomplete' | 'dateInvalid' | 'dateFuture' | 'descriptionLong';

export type EffectCheck =
  | { readonly ok: true; readonly value: EffectRecord }
  | {
      readonly ok: false;
      readonly errors: Partial<Record<'change' | 'date' | 'description', EffectError>>;
    };

export function emptyEffectFields(): EffectFields {
  return { change: '', day: '', month: '', year: '', description: '' };
}

export function effectToFields(effect: EffectRecord): EffectFields {
  const { change, startedOn, description, ...kept } = effect;
  const { day, month, year } = happenedAtToFields(startedOn);
  return { change, day, month, year, description: description ?? '', kept };
}

/**
 * Checks the form against the schema and the calendar. `today` is the person's local date: a
 * change cannot have started in the future.
 *
 * @example
 * checkEffect({ change: 'work', day: '3', month: '2', year: '2026', description: '' }, '2026-03-01')
 * // { ok: true, value: { schemaVersion: 1, change: 'work', startedOn: '2026-02-03', incidentIds: [] } }
 */
export function checkEffect(fields: EffectFields, today: string): EffectCheck {
  const errors: Partial<Record<'change' | 'date' | 'description', EffectError>> = {};
  const change = (EFFECT_KEYS as readonly string[]).includes(fields.change)
    ? (fields.change as EffectRecordInput['change'])
    : undefined;
  if (change === undefined) errors.change = 'change';
  const date = parseDate(fields.day, fields.month, fields.year);
  if (typeof date !== 'string') errors.date = date.error;
  else if (date > today) errors.date = 'dateFuture';
  if (fields.description.trim().length > DESCRIPTION_MAX) errors.description = 'descriptionLong';
  if (change === undefined || typeof date !== 'string' || Object.keys(errors).length > 0) {
    return { ok: false, errors };
  }
  const result = effectRecordSchema.safeParse({
    ...(fields.kept ?? {}),
    change,
    startedOn: date,
    description: fields.description,
  } satisfies EffectRecordInput);
  // The checks above cover every field the form shows; anything else is a date the schema's
  // range refuses (before 1900 is caught by parseDate, after today above).
  return result.success
    ? { ok: true, value: result.data }
    : { ok: false, errors: { date: 'dateInvalid' } };
}

/** Newest change first; the same date in the order they were recorded. */
export function byStartDescending<
  T extends { readonly id: string; readonly value: EffectRecord; readonly createdAt?: string },
>(effects: readonly T[]): T[] {
  return [...effects].sort(
    (a, b) =>
      compare(b.value.startedOn, a.value.startedOn) ||
      compare(a.createdAt ?? '', b.createdAt ?? '') ||
      compare(a.id, b.id),
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
