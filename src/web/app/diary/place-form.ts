/**
 * A saved place's form state, pure: the fields as typed, their checks and the words for their
 * errors. Kept apart from the screens so the app's context can hold a draft without importing
 * a screen (no import cycle).
 */
import {
  describeIssues,
  filterIncidents,
  PLACE_KIND_KEYS,
  PLACE_KINDS,
  placeSchema,
  type Entry,
  type FieldIssue,
  type Incident,
  type Place,
  type PlaceInput,
} from '../../../domain/diary/index.js';
import type { ErrorItem } from '../components/form-errors.js';
import type { AppLocale } from '../shell/messages.js';
import type { DiaryMessages } from './messages.js';

export interface PlaceFields {
  readonly name: string;
  /** A key from PLACE_KIND_KEYS, or blank. */
  readonly kind: string;
  readonly address: string;
  readonly notes: string;
  /** Fields the form does not show (coordinates), kept as they were so an edit never loses them. */
  readonly kept?: Omit<Place, 'name' | 'kind' | 'address' | 'notes'>;
}

export function emptyPlaceFields(): PlaceFields {
  return { name: '', kind: '', address: '', notes: '' };
}

export function placeToFields(place: Place): PlaceFields {
  const { name, kind, address, notes, ...kept } = place;
  return { name, kind: kind ?? '', address: address ?? '', notes: notes ?? '', kept };
}

export function placeFieldsToInput(fields: PlaceFields): PlaceInput {
  const kind = (PLACE_KIND_KEYS as readonly string[]).includes(fields.kind)
    ? (fields.kind as NonNullable<PlaceInput['kind']>)
    : undefined;
  return {
    ...(fields.kept ?? {}),
    name: fields.name,
    ...(kind !== undefined ? { kind } : {}),
    address: fields.address,
    notes: fields.notes,
  };
}

export type PlaceCheck =
  | { readonly ok: true; readonly value: Place }
  | { readonly ok: false; readonly issues: readonly FieldIssue[] };

/**
 * The form's answers checked with the place schema.
 *
 * @example checkPlace({ ...emptyPlaceFields(), name: ' Home ' }) // { ok: true, value: { schemaVersion: 1, name: 'Home' } }
 */
export function checkPlace(fields: PlaceFields): PlaceCheck {
  const result = placeSchema.safeParse(placeFieldsToInput(fields));
  return result.success
    ? { ok: true, value: result.data }
    : { ok: false, issues: describeIssues(result.error) };
}

/** The form control for an issue's path. */
export function placeFieldIdOf(path: string): string {
  for (const key of ['kind', 'address', 'notes']) {
    if (path.startsWith(key)) return `place-${key}`;
  }
  return 'place-name';
}

/**
 * One message per field, in the person's language. The schema's own messages are English, so
 * each field's message is chosen here from what is wrong with it.
 */
export function placeErrors(
  fields: PlaceFields,
  issues: readonly FieldIssue[],
  e: DiaryMessages['diary']['places']['errors'],
): ErrorItem[] {
  const items: ErrorItem[] = [];
  for (const issue of issues) {
    const field = placeFieldIdOf(issue.path);
    if (items.some((i) => i.field === field)) continue;
    const message =
      field === 'place-name'
        ? fields.name.trim() === ''
          ? e.name
          : e.nameLong
        : field === 'place-address'
          ? e.addressLong
          : field === 'place-notes'
            ? e.notesLong
            : e.other;
    items.push({ field, message });
  }
  return items;
}

export function placeKindLabel(locale: AppLocale, key: string): string {
  return PLACE_KINDS.find((k) => k.key === key)?.label[locale] ?? key;
}

/** How many incidents are linked to a saved place (its words, if any, are not counted). */
export function incidentsAtPlace(
  data: { readonly incidents: readonly Entry<Incident>[] },
  placeId: string,
): number {
  // The time zone only matters for date ranges, which this filter has none of.
  return filterIncidents(data.incidents, { places: [`saved:${placeId}`] }, { timeZone: 'UTC' })
    .length;
}
