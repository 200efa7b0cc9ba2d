/**
 * The machine-readable forms of news and events: an Atom feed of news per language (the `feed`
 * package), and iCalendar files per event and for all events (`ical-generator`, with the zone's
 * VTIMEZONE from `@touch4it/ical-timezones`, so Outlook and Google Calendar show the time the
 * organisation means on either side of a clock change; times go in as luxon DateTimes).
 */
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import { Feed } from 'feed';
import ical from 'ical-generator';
import { DateTime } from 'luxon';
import { textIn, type EventItem, type NewsArticle } from '../../domain/events.js';
import type { Locale } from '../../domain/locales.js';
import { format } from '../../web/i18n/format.js';
import { EVENTS_MESSAGES } from '../../web/i18n/events-messages.js';
import { costText, EVENTS_SLUG, eventWhen, NEWS_SLUG } from '../../web/pages/news-events-parts.js';
import { orgName, pagePath, type Site } from '../../web/pages/site.js';

/** Media types of the images news may carry (CONTENT_DIR/media). */
export const MEDIA_TYPES: Readonly<Record<string, string>> = {
  svg: 'image/svg+xml',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
};

/** An Atom 1.0 feed of the articles that exist in this language. */
export function newsAtom(
  site: Site,
  locale: Locale,
  origin: string,
  articles: readonly NewsArticle[],
  renderBody: (markdown: string, locale: Locale) => string,
): string {
  const t = EVENTS_MESSAGES[locale];
  const listUrl = origin + pagePath(site, locale, NEWS_SLUG);
  const newest = articles[0]?.publishedAt ?? new Date(0);
  const feed = new Feed({
    title: format(t.feed.newsTitle, { org: orgName(site, locale) }),
    description: format(t.news.description, { org: orgName(site, locale) }),
    id: listUrl,
    link: listUrl,
    language: locale,
    updated: newest,
    copyright: orgName(site, locale),
    feedLinks: { atom: `${listUrl}/feed.atom` },
    author: { name: orgName(site, locale) },
  });
  for (const article of articles) {
    const text = article.texts[locale];
    if (!text) continue;
    const url = origin + pagePath(site, locale, `${NEWS_SLUG}/${article.slug}`);
    feed.addItem({
      title: text.title,
      id: url,
      link: url,
      description: text.summary,
      content: renderBody(text.body, locale),
      date: article.publishedAt,
      published: article.publishedAt,
      ...(article.image !== undefined
        ? {
            image: {
              url: `${origin}/media/${article.image}`,
              title: text.imageAlt ?? '',
              type: MEDIA_TYPES[article.image.split('.').pop() ?? ''] ?? 'image',
            },
          }
        : {}),
    });
  }
  return feed.atom1();
}

/** An iCalendar file of these events, times in each event's zone with its VTIMEZONE. */
export function eventsCalendar(
  site: Site,
  locale: Locale,
  origin: string,
  events: readonly EventItem[],
): string {
  const t = EVENTS_MESSAGES[locale];
  const host = new URL(origin).host;
  const calendar = ical({
    name: format(t.feed.calendarName, { org: orgName(site, locale) }),
    prodId: { company: 'Mosaic', product: 'events', language: locale.toUpperCase() },
    // No calendar-wide zone: ical-generator would write DTSTAMP in it, and DTSTAMP must be UTC.
    // The generator still adds a VTIMEZONE for every zone the events name.
    timezone: { name: null, generator: getVtimezoneComponent },
    url: origin + pagePath(site, locale, EVENTS_SLUG),
  });
  for (const event of events) {
    const found = textIn(event.texts, locale, site.locales);
    if (!found) continue;
    const { text } = found;
    const url = origin + pagePath(site, locale, `${EVENTS_SLUG}/${event.slug}`);
    const where = event.mode === 'online' ? t.events.modes.online : (text.venue ?? '');
    calendar.createEvent({
      // Stable across languages and edits, so a calendar updates the event rather than adding one.
      id: `${event.id}@${host}`,
      // As luxon times in the event's zone: ical-generator reads a plain Date's wall time in the
      // server process's own zone, which need not be the organisation's.
      start: DateTime.fromJSDate(event.startsAt, { zone: event.timeZone }),
      end: DateTime.fromJSDate(event.endsAt, { zone: event.timeZone }),
      timezone: event.timeZone,
      stamp: event.publishedAt,
      summary: text.title,
      description: [
        text.summary,
        eventWhen(event, locale),
        `${t.events.cost}: ${costText(event.costPence, locale)}`,
        url,
      ].join('\n\n'),
      location: where,
      url,
    });
  }
  return calendar.toString();
}
