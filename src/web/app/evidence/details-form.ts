/**
 * The "change details" form, pure: title, a GOV.UK day/month/year date, and a note, checked
 * with the record's own schema so the form and the record can never disagree.
 */
import {
  evidenceDetailsSchema,
  NOTE_MAX,
  TITLE_MAX,
  type EvidenceDetails,
} from '../../../domain/evidence/index.js';

export interface DetailsFields {
  readonly title: string;
  readonly day: string;
  readonly month: string;
  readonly year: string;
  readonly note: string;
}

export type DetailsError = 'title' | 'titleLong' | 'date' | 'noteLong';
export type DetailsField = 'title' | 'date' | 'note';

/**
 * The form's fields for saved details.
 *
 * @example detailsToFields({ title: 'A', date: '2026-03-07' }).day // '7'
 */
export function detailsToFields(details: {
  readonly title: string;
  readonly date: string;
  readonly note?: string | undefined;
}): DetailsFields {
  const [year = '', month = '', day = ''] = details.date.split('-');
  return {
    title: details.title,
    day: String(Number(day)),
    month: String(Number(month)),
    year,
    note: details.note ?? '',
  };
}

/**
 * Checks the form; returns the details, or each problem with the field it belongs to.
 *
 * @example checkDetails({ title: ' ', day: '1', month: '2', year: '2026', note: '' })
 * // { ok: false, errors: [{ field: 'title', error: 'title' }] }
 */
export function checkDetails(
  fields: DetailsFields,
):
  | { readonly ok: true; readonly value: EvidenceDetails }
  | { readonly ok: false; readonly errors: { field: DetailsField; error: DetailsError }[] } {
  const errors: { field: DetailsField; error: DetailsError }[] = [];
  const title = fields.title.trim();
  if (title.length === 0) errors.push({ field: 'title', error: 'title' });
  else if (title.length > TITLE_MAX) errors.push({ field: 'title', error: 'titleLong' });
  const date = dateOf(fields);
  const parsed = evidenceDetailsSchema.safeParse({ title, date, note: fields.note });
  if (!parsed.success && parsed.error.issues.some((i) => i.path[0] === 'date')) {
    errors.push({ field: 'date', error: 'date' });
  }
  if (fields.note.trim().length > NOTE_MAX) errors.push({ field: 'note', error: 'noteLong' });
  if (errors.length > 0 || !parsed.success) {
    return { ok: false, errors: errors.length > 0 ? errors : [{ field: 'date', error: 'date' }] };
  }
  return { ok: true, value: parsed.data };
}

/** `YYYY-MM-DD` from day, month and year as typed (or '' when they cannot make one). */
function dateOf(fields: DetailsFields): string {
  const [d, m, y] = [fields.day, fields.month, fields.year].map((s) => s.trim());
  if (!/^\d{1,2}$/.test(d ?? '') || !/^\d{1,2}$/.test(m ?? '') || !/^\d{4}$/.test(y ?? '')) {
    return '';
  }
  return `${y}-${(m ?? '').padStart(2, '0')}-${(d ?? '').padStart(2, '0')}`;
}
