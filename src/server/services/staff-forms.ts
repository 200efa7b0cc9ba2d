/**
 * The staff area's news and event forms: what a person typed, checked, turned into what the
 * repositories store; and an item turned back into the form's fields for editing. Times are
 * typed as the organisation's wall-clock time (an <input type="datetime-local">) and stored as
 * instants, so an event at 10:00 stays at 10:00 on either side of a clock change.
 */
import { DateTime } from 'luxon';
import {
  BOOKING_KINDS,
  EVENT_AUDIENCES,
  EVENT_KINDS,
  EVENT_MODES,
  isItemSlug,
  type EventItem,
  type EventText,
  type NewsArticle,
  type NewsText,
} from '../../domain/events.js';
import type { Locale } from '../../domain/locales.js';
import type { EventInput } from '../db/repositories/events.js';
import type { NewsInput } from '../db/repositories/news.js';

export type StaffFieldError =
  | 'slug_invalid'
  | 'choice_invalid'
  | 'date_invalid'
  | 'ends_before_start'
  | 'capacity_invalid'
  | 'cost_invalid'
  | 'url_invalid'
  | 'text_missing'
  | 'text_too_long'
  | 'no_language';

export interface FieldProblem {
  readonly field: string;
  readonly code: StaffFieldError;
}

export type Values = Readonly<Record<string, string>>;

export type FormCheck<T> =
  | { readonly ok: true; readonly input: T }
  | { readonly ok: false; readonly errors: readonly FieldProblem[] };

const TEXT_LIMITS = { title: 200, summary: 500, body: 20_000, venue: 300 } as const;

/** Every field an event form has, for these languages. */
export function eventFieldNames(locales: readonly Locale[]): string[] {
  return [
    'slug',
    'kind',
    'audience',
    'mode',
    'starts',
    'ends',
    'capacity',
    'cost',
    'booking',
    'bookingUrl',
    ...locales.flatMap((l) => ['title', 'summary', 'body', 'venue'].map((f) => `${f}_${l}`)),
  ];
}

export function newsFieldNames(locales: readonly Locale[]): string[] {
  return ['slug', ...locales.flatMap((l) => ['title', 'summary', 'body'].map((f) => `${f}_${l}`))];
}

function texts<T>(
  values: Values,
  locales: readonly Locale[],
  fields: readonly ('title' | 'summary' | 'body' | 'venue')[],
  errors: FieldProblem[],
  make: (get: (f: string) => string) => T,
): Partial<Record<Locale, T>> {
  const out: Partial<Record<Locale, T>> = {};
  for (const locale of locales) {
    const get = (f: string) => (values[`${f}_${locale}`] ?? '').trim();
    if (fields.every((f) => get(f) === '')) continue;
    for (const f of fields) {
      if (f !== 'venue' && get(f) === '')
        errors.push({ field: `${f}_${locale}`, code: 'text_missing' });
      else if (get(f).length > TEXT_LIMITS[f]) {
        errors.push({ field: `${f}_${locale}`, code: 'text_too_long' });
      }
    }
    out[locale] = make(get);
  }
  if (Object.keys(out).length === 0) {
    errors.push({ field: `title_${locales[0] ?? 'en'}`, code: 'no_language' });
  }
  return out;
}

function slugOf(values: Values, errors: FieldProblem[]): string {
  const slug = (values.slug ?? '').trim();
  if (!isItemSlug(slug)) errors.push({ field: 'slug', code: 'slug_invalid' });
  return slug;
}

function choice<T extends string>(
  values: Values,
  field: string,
  options: readonly T[],
  errors: FieldProblem[],
): T {
  const value = values[field] ?? '';
  if ((options as readonly string[]).includes(value)) return value as T;
  errors.push({ field, code: 'choice_invalid' });
  return options[0] as T;
}

/**
 * A wall-clock time typed in a datetime-local box ("2031-03-30T10:00"), in the organisation's
 * zone, as an instant; undefined if it is not one. Luxon resolves the hour a clock change skips
 * forwards and the hour it repeats, so the instant is right on either side of the change.
 */
export function wallTime(raw: string, timeZone: string): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(raw)) return undefined;
  const parsed = DateTime.fromISO(raw, { zone: timeZone });
  return parsed.isValid ? parsed.toJSDate() : undefined;
}

/** An instant as the organisation's wall-clock time, for a datetime-local box. */
export function wallText(at: Date, timeZone: string): string {
  return DateTime.fromJSDate(at, { zone: timeZone }).toFormat("yyyy-MM-dd'T'HH:mm");
}

export function checkEventForm(
  values: Values,
  locales: readonly Locale[],
  timeZone: string,
): FormCheck<Omit<EventInput, 'origin' | 'status' | 'publishedAt'>> {
  const errors: FieldProblem[] = [];
  const slug = slugOf(values, errors);
  const kind = choice(values, 'kind', EVENT_KINDS, errors);
  const audience = choice(values, 'audience', EVENT_AUDIENCES, errors);
  const mode = choice(values, 'mode', EVENT_MODES, errors);
  const booking = choice(values, 'booking', BOOKING_KINDS, errors);
  const time = (field: string): Date | undefined => {
    const parsed = wallTime(values[field] ?? '', timeZone);
    if (parsed === undefined) errors.push({ field, code: 'date_invalid' });
    return parsed;
  };
  const startsAt = time('starts');
  const endsAt = time('ends');
  if (startsAt && endsAt && endsAt.getTime() < startsAt.getTime()) {
    errors.push({ field: 'ends', code: 'ends_before_start' });
  }
  const capacityText = (values.capacity ?? '').trim();
  let capacity: number | undefined;
  if (capacityText !== '') {
    capacity = /^\d{1,6}$/.test(capacityText) ? Number(capacityText) : undefined;
    if (capacity === undefined) errors.push({ field: 'capacity', code: 'capacity_invalid' });
  }
  const costText = (values.cost ?? '').trim().replace(/^£/, '');
  let costPence = 0;
  if (costText !== '') {
    const m = /^(\d{1,6})(?:\.(\d{2}))?$/.exec(costText);
    if (m) costPence = Number(m[1]) * 100 + Number(m[2] ?? '0');
    else errors.push({ field: 'cost', code: 'cost_invalid' });
  }
  let bookingUrl: string | undefined;
  if (booking === 'link') {
    const raw = (values.bookingUrl ?? '').trim();
    try {
      const url = new URL(raw);
      if (url.protocol !== 'https:' || raw.length > 2000) throw new Error('not https');
      bookingUrl = url.href;
    } catch {
      errors.push({ field: 'bookingUrl', code: 'url_invalid' });
    }
  }
  const words = texts<EventText>(
    values,
    locales,
    ['title', 'summary', 'body', 'venue'],
    errors,
    (get) => ({
      title: get('title'),
      summary: get('summary'),
      body: get('body'),
      venue: get('venue') === '' ? undefined : get('venue'),
    }),
  );
  if (errors.length > 0 || !startsAt || !endsAt) return { ok: false, errors };
  return {
    ok: true,
    input: {
      slug,
      kind,
      audience,
      mode,
      startsAt,
      endsAt,
      timeZone,
      costPence,
      capacity,
      booking,
      bookingUrl,
      texts: words,
    },
  };
}

export function checkNewsForm(
  values: Values,
  locales: readonly Locale[],
): FormCheck<Omit<NewsInput, 'origin' | 'status' | 'publishedAt' | 'image'>> {
  const errors: FieldProblem[] = [];
  const slug = slugOf(values, errors);
  const words = texts<NewsText>(values, locales, ['title', 'summary', 'body'], errors, (get) => ({
    title: get('title'),
    summary: get('summary'),
    body: get('body'),
    imageAlt: undefined,
  }));
  return errors.length > 0 ? { ok: false, errors } : { ok: true, input: { slug, texts: words } };
}

/** An event as its form's fields. */
export function eventValues(event: EventItem): Record<string, string> {
  const local = (d: Date) => wallText(d, event.timeZone);
  const out: Record<string, string> = {
    slug: event.slug,
    kind: event.kind,
    audience: event.audience,
    mode: event.mode,
    starts: local(event.startsAt),
    ends: local(event.endsAt),
    capacity: event.capacity === undefined ? '' : String(event.capacity),
    cost: event.costPence === 0 ? '' : (event.costPence / 100).toFixed(2),
    booking: event.booking,
    bookingUrl: event.bookingUrl ?? '',
  };
  for (const [locale, t] of Object.entries(event.texts)) {
    out[`title_${locale}`] = t.title;
    out[`summary_${locale}`] = t.summary;
    out[`body_${locale}`] = t.body;
    out[`venue_${locale}`] = t.venue ?? '';
  }
  return out;
}

export function newsValues(article: NewsArticle): Record<string, string> {
  const out: Record<string, string> = { slug: article.slug };
  for (const [locale, t] of Object.entries(article.texts)) {
    out[`title_${locale}`] = t.title;
    out[`summary_${locale}`] = t.summary;
    out[`body_${locale}`] = t.body;
  }
  return out;
}
