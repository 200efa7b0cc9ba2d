/**
 * What the news, events and booking pages share: the slugs, the event's date, cost and places
 * as words, the item's text in the page's language (or the one it has), paging, and sentences
 * with elements in their slots. Kept apart so each page file holds one page family.
 */
import type { ComponentChildren } from 'preact';
import { placesLeft, textIn, type EventItem } from '../../domain/events.js';
import { LOCALE_INFO, type Locale } from '../../domain/locales.js';
import { EVENTS_MESSAGES, type EventsMessages } from '../i18n/events-messages.js';
import { format } from '../i18n/format.js';
import type { Site } from './site.js';

export const NEWS_SLUG = 'news';
export const EVENTS_SLUG = 'events';
export const BOOKING_SLUG = 'booking';

/** Markdown of an item rendered to safe HTML for a language (the server supplies it). */
export type RenderBody = (markdown: string, locale: Locale) => string;

// ---- Dates and times -------------------------------------------------------------------------

function dateText(at: Date, locale: Locale, timeZone: string): string {
  return new Intl.DateTimeFormat(LOCALE_INFO[locale].tag, {
    timeZone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(at);
}

export function dayText(at: Date, locale: Locale, timeZone: string): string {
  return new Intl.DateTimeFormat(LOCALE_INFO[locale].tag, {
    timeZone,
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(at);
}

function timeText(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at);
}

/** "GMT" or "BST" for London; the zone's short name elsewhere. */
function zoneName(at: Date, timeZone: string): string {
  return (
    new Intl.DateTimeFormat('en-GB', { timeZone, timeZoneName: 'short' })
      .formatToParts(at)
      .find((p) => p.type === 'timeZoneName')?.value ?? timeZone
  );
}

/** "Tuesday 30 March 2027, 09:30 to 16:00 (BST)", in the event's zone. */
export function eventWhen(event: EventItem, locale: Locale): string {
  const t = EVENTS_MESSAGES[locale].events;
  const zone = event.timeZone;
  const startDay = dayText(event.startsAt, locale, zone);
  const sameDay = startDay === dayText(event.endsAt, locale, zone);
  const start = timeText(event.startsAt, zone);
  const end = timeText(event.endsAt, zone);
  const startZone = zoneName(event.startsAt, zone);
  const endZone = zoneName(event.endsAt, zone);
  if (sameDay) {
    const zones = startZone === endZone ? startZone : `${startZone}/${endZone}`;
    return `${format(t.sameDay, { date: dateText(event.startsAt, locale, zone), start, end })} (${zones})`;
  }
  return format(t.spans, {
    start: `${dateText(event.startsAt, locale, zone)}, ${start} (${startZone})`,
    end: `${dateText(event.endsAt, locale, zone)}, ${end} (${endZone})`,
  });
}

export function costText(pence: number, locale: Locale): string {
  if (pence === 0) return EVENTS_MESSAGES[locale].events.free;
  return new Intl.NumberFormat(LOCALE_INFO[locale].tag, {
    style: 'currency',
    currency: 'GBP',
    minimumFractionDigits: pence % 100 === 0 ? 0 : 2,
  }).format(pence / 100);
}

export function placesText(event: EventItem, locale: Locale): string {
  const t = EVENTS_MESSAGES[locale].events;
  const left = placesLeft(event);
  if (left === undefined) return t.noLimit;
  if (left === 0) return t.full;
  return format(left === 1 ? t.placesLeftOne : t.placesLeft, {
    left,
    capacity: event.capacity ?? 0,
  });
}

// ---- Shared pieces ---------------------------------------------------------------------------

/** The item's words, and the `lang` to mark them with when they are not the page's language. */
export function localText<T>(
  site: Site,
  texts: Partial<Record<Locale, T>>,
  locale: Locale,
): { text: T; lang: string | undefined; other: Locale | undefined } | undefined {
  const found = textIn(texts, locale, site.locales);
  if (!found) return undefined;
  const other = found.locale === locale ? undefined : found.locale;
  return {
    text: found.text,
    lang: other === undefined ? undefined : LOCALE_INFO[other].tag,
    other,
  };
}

export function Paging(props: {
  t: EventsMessages;
  page: number;
  pages: number;
  href: (page: number) => string;
  newer: string;
  older: string;
}) {
  const { t, page, pages, href } = props;
  if (pages <= 1) return null;
  return (
    <nav class="paging" aria-label={t.paging.label}>
      <ul>
        {page > 1 && (
          <li>
            <a href={href(page - 1)} rel="prev">
              {props.newer}
            </a>
          </li>
        )}
        <li aria-current="page">{format(t.paging.page, { page, pages })}</li>
        {page < pages && (
          <li>
            <a href={href(page + 1)} rel="next">
              {props.older}
            </a>
          </li>
        )}
      </ul>
    </nav>
  );
}
/** A translated sentence with elements in its `{slots}`, keeping each language's word order. */
export function Slots({
  template,
  slots,
}: {
  template: string;
  slots: Record<string, ComponentChildren>;
}) {
  return (
    <>
      {template.split(/(\{\w+\})/).map((part) => {
        const name = /^\{(\w+)\}$/.exec(part)?.[1];
        return name !== undefined && name in slots ? slots[name] : part;
      })}
    </>
  );
}
