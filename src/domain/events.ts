/**
 * News and events for the organisation's public pages (pure): the kinds of event, who they are
 * for, how they run, the public filter, and the booking form's rules with their stable codes.
 */
import type { Locale } from './locales.js';

export const EVENT_KINDS = ['course', 'briefing', 'conference'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export const EVENT_AUDIENCES = ['practitioners', 'public'] as const;
export type EventAudience = (typeof EVENT_AUDIENCES)[number];

export const EVENT_MODES = ['online', 'in-person'] as const;
export type EventMode = (typeof EVENT_MODES)[number];

/** How a place is booked: the form on this site, another site's page, or no booking needed. */
export const BOOKING_KINDS = ['form', 'link', 'none'] as const;
export type BookingKind = (typeof BOOKING_KINDS)[number];

export type PublishStatus = 'draft' | 'published';

/** Slugs are English words in lower case joined by hyphens, as content pages' are. */
export const ITEM_SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
export const MAX_SLUG_LENGTH = 80;

export function isItemSlug(value: string): boolean {
  return value.length <= MAX_SLUG_LENGTH && ITEM_SLUG.test(value);
}

/** The words of an item in one language. */
export interface ItemText {
  readonly title: string;
  readonly summary: string;
  /** Markdown; HTML in it is shown as text. */
  readonly body: string;
}

export interface NewsText extends ItemText {
  readonly imageAlt: string | undefined;
}

export interface EventText extends ItemText {
  /** Where it happens, in words; undefined for an online event. */
  readonly venue: string | undefined;
}

export interface NewsArticle {
  readonly id: string;
  readonly slug: string;
  readonly status: PublishStatus;
  readonly publishedAt: Date;
  readonly image: string | undefined;
  readonly texts: Partial<Record<Locale, NewsText>>;
}

export interface EventItem {
  readonly id: string;
  readonly slug: string;
  readonly status: PublishStatus;
  readonly publishedAt: Date;
  readonly kind: EventKind;
  readonly audience: EventAudience;
  readonly mode: EventMode;
  readonly startsAt: Date;
  readonly endsAt: Date;
  readonly timeZone: string;
  readonly costPence: number;
  /** Undefined: no limit. */
  readonly capacity: number | undefined;
  readonly placesTaken: number;
  readonly booking: BookingKind;
  readonly bookingUrl: string | undefined;
  readonly texts: Partial<Record<Locale, EventText>>;
}

/** The item's words in this language, else in the first language it has (and which that is). */
export function textIn<T>(
  texts: Partial<Record<Locale, T>>,
  locale: Locale,
  order: readonly Locale[],
): { locale: Locale; text: T } | undefined {
  for (const l of [locale, ...order]) {
    const text = texts[l];
    if (text !== undefined) return { locale: l, text };
  }
  return undefined;
}

/** Places still free; undefined when there is no limit. */
export function placesLeft(event: Pick<EventItem, 'capacity' | 'placesTaken'>): number | undefined {
  return event.capacity === undefined ? undefined : Math.max(0, event.capacity - event.placesTaken);
}

/** Whether the booking form takes a booking now. */
export function bookingOpen(event: EventItem, now: Date): boolean {
  return (
    event.booking === 'form' && event.startsAt.getTime() > now.getTime() && placesLeft(event) !== 0
  );
}

// ---- The public filter (a GET form) ---------------------------------------------------------

export interface EventFilter {
  readonly when: 'upcoming' | 'past';
  readonly audience: EventAudience | undefined;
  readonly kind: EventKind | undefined;
  readonly mode: EventMode | undefined;
}

function pick<T extends string>(values: readonly T[], value: string | undefined): T | undefined {
  return values.find((v) => v === value);
}

/** Reads the filter from query parameters; anything unknown counts as "any". */
export function parseEventFilter(query: (name: string) => string | undefined): EventFilter {
  return {
    when: query('when') === 'past' ? 'past' : 'upcoming',
    audience: pick(EVENT_AUDIENCES, query('for')),
    kind: pick(EVENT_KINDS, query('type')),
    mode: pick(EVENT_MODES, query('mode')),
  };
}

/** A page number from the address: a whole number from 1, else 1. */
export function parsePage(value: string | undefined): number {
  if (value === undefined || !/^[1-9]\d{0,5}$/.test(value)) return 1;
  return Number(value);
}

// ---- The booking form ------------------------------------------------------------------------

export const BOOKING_FIELDS = ['name', 'email', 'organisation', 'role', 'needs'] as const;
export type BookingField = (typeof BOOKING_FIELDS)[number] | 'consent';

/** Longest answers accepted, in characters. */
export const BOOKING_LIMITS: Readonly<Record<(typeof BOOKING_FIELDS)[number], number>> = {
  name: 120,
  email: 254,
  organisation: 160,
  role: 120,
  needs: 1000,
};

/** Stable codes for what is wrong with one field. */
export type BookingFieldError =
  | 'name_required'
  | 'name_too_long'
  | 'email_required'
  | 'email_invalid'
  | 'organisation_required'
  | 'organisation_too_long'
  | 'role_required'
  | 'role_too_long'
  | 'needs_too_long';

export interface BookingAnswers {
  readonly name: string;
  readonly email: string;
  readonly organisation: string;
  readonly role: string;
  readonly needs: string;
  readonly consent: boolean;
}

export type BookingCheck =
  | { readonly ok: true; readonly answers: BookingAnswers }
  | {
      readonly ok: false;
      readonly answers: BookingAnswers;
      readonly errors: readonly { field: BookingField; code: BookingFieldError }[];
    };

/**
 * An email address as a person types it: something@somewhere.tld with no spaces. Not the full
 * RFC 5322 grammar, which accepts addresses no one can send to from a form.
 */
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

/** Checks a booking form: every answer trimmed, each problem with its own code. */
export function checkBooking(fields: (name: string) => string | undefined): BookingCheck {
  const clean = (name: string): string =>
    (fields(name) ?? '')
      .normalize('NFC')
      // Control characters but tab and newline: a form never needs them.
      .replace(/\p{Cc}/gu, (c) => (c === '\t' || c === '\n' || c === '\r' ? c : ''))
      .replace(/\r\n?/g, '\n')
      .trim();
  const answers: BookingAnswers = {
    name: clean('name').replace(/\s+/g, ' '),
    email: clean('email'),
    organisation: clean('organisation').replace(/\s+/g, ' '),
    role: clean('role').replace(/\s+/g, ' '),
    needs: clean('needs'),
    consent: fields('consent') === 'yes',
  };
  const errors: { field: BookingField; code: BookingFieldError }[] = [];
  const required = (field: 'name' | 'organisation' | 'role'): void => {
    const value = answers[field];
    if (value === '') errors.push({ field, code: `${field}_required` });
    else if (Array.from(value).length > BOOKING_LIMITS[field]) {
      errors.push({ field, code: `${field}_too_long` });
    }
  };
  required('name');
  if (answers.email === '') errors.push({ field: 'email', code: 'email_required' });
  else if (answers.email.length > BOOKING_LIMITS.email || !EMAIL.test(answers.email)) {
    errors.push({ field: 'email', code: 'email_invalid' });
  }
  required('organisation');
  required('role');
  if (Array.from(answers.needs).length > BOOKING_LIMITS.needs) {
    errors.push({ field: 'needs', code: 'needs_too_long' });
  }
  return errors.length === 0 ? { ok: true, answers } : { ok: false, answers, errors };
}

/** Why a booking that passed the form's checks was still not made. */
export type BookingRefusal =
  'event_full' | 'already_booked' | 'booking_closed' | 'form_expired' | 'rate_limited';
