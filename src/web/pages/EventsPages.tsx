/**
 * The organisation's events and training: the list with its filter (a GET form, no script
 * needed) and an event's page with how to book. Booking itself is in BookingPages.tsx.
 *
 * An event may exist in one language or in several. A page shows it in the page's language when
 * it can, else in the language it has, marked with `lang` and a note saying so.
 */
import type { ComponentChildren } from 'preact';
import {
  bookingOpen,
  EVENT_AUDIENCES,
  EVENT_KINDS,
  EVENT_MODES,
  placesLeft,
  type EventFilter,
  type EventItem,
  type EventText,
} from '../../domain/events.js';
import { LOCALE_INFO, type Locale } from '../../domain/locales.js';
import { EVENTS_MESSAGES } from '../i18n/events-messages.js';
import { format } from '../i18n/format.js';
import { Layout } from './Layout.js';
import { Markdown } from './Markdown.js';
import { orgName, pagePath, type Site } from './site.js';
import {
  costText,
  eventWhen,
  EVENTS_SLUG,
  localText,
  Paging,
  placesText,
  type RenderBody,
} from './news-events-parts.js';

/** The query string for a filter (and page), leaving out what is "any". */
export function filterQuery(filter: EventFilter, page = 1): string {
  const params = new URLSearchParams();
  if (filter.when === 'past') params.set('when', 'past');
  if (filter.audience) params.set('for', filter.audience);
  if (filter.kind) params.set('type', filter.kind);
  if (filter.mode) params.set('mode', filter.mode);
  if (page > 1) params.set('page', String(page));
  const query = params.toString();
  return query === '' ? '' : `?${query}`;
}

export function EventsListPage(props: {
  site: Site;
  locale: Locale;
  events: readonly EventItem[];
  filter: EventFilter;
  total: number;
  page: number;
  pages: number;
}) {
  const { site, locale, events, filter, total, page, pages } = props;
  const t = EVENTS_MESSAGES[locale];
  const e = t.events;
  const base = pagePath(site, locale, EVENTS_SLUG);
  const past = filter.when === 'past';
  const calendar = `${base}/calendar.ics`;
  return (
    <Layout
      site={site}
      locale={locale}
      title={e.title}
      description={format(e.description, { org: orgName(site, locale) })}
      slug={EVENTS_SLUG}
    >
      <h1>{e.title}</h1>
      <p class="lead">{format(e.description, { org: orgName(site, locale) })}</p>
      <form method="get" action={base} class="filter">
        <h2 class="filter__heading">{e.filterHeading}</h2>
        {past && <input type="hidden" name="when" value="past" />}
        <div class="filter__fields">
          <Select
            name="for"
            label={e.audienceLegend}
            any={e.any}
            value={filter.audience}
            options={EVENT_AUDIENCES.map((a) => [a, e.audiences[a]])}
          />
          <Select
            name="type"
            label={e.kindLegend}
            any={e.any}
            value={filter.kind}
            options={EVENT_KINDS.map((k) => [k, e.kinds[k]])}
          />
          <Select
            name="mode"
            label={e.modeLegend}
            any={e.any}
            value={filter.mode}
            options={EVENT_MODES.map((m) => [m, e.modes[m]])}
          />
        </div>
        <button type="submit" class="button">
          {e.show}
        </button>
      </form>
      <h2>{past ? e.past : e.upcoming}</h2>
      <p role="status">{total === 1 ? e.countOne : format(e.count, { n: total })}</p>
      {events.length === 0 && <p>{e.none}</p>}
      <ul class="item-list">
        {events.map((ev) => (
          <EventSummary key={ev.id} site={site} locale={locale} event={ev} />
        ))}
      </ul>
      <Paging
        t={t}
        page={page}
        pages={pages}
        href={(p) => `${base}${filterQuery(filter, p)}`}
        newer={t.paging.previousEvents}
        older={t.paging.nextEvents}
      />
      <ul class="link-list">
        <li>
          <a href={`${base}${filterQuery({ ...filter, when: past ? 'upcoming' : 'past' })}`}>
            {past ? e.showUpcoming : e.showPast}
          </a>
        </li>
        <li>
          <a href={calendar} type="text/calendar" download="events.ics">
            {e.calendar}
          </a>
        </li>
      </ul>
    </Layout>
  );
}

function Select(props: {
  name: string;
  label: string;
  any: string;
  value: string | undefined;
  options: readonly (readonly [string, string])[];
}) {
  const id = `filter-${props.name}`;
  return (
    <div class="filter__field">
      <label class="label" for={id}>
        {props.label}
      </label>
      <select id={id} name={props.name} class="select">
        <option value="" selected={props.value === undefined}>
          {props.any}
        </option>
        {props.options.map(([value, label]) => (
          <option key={value} value={value} selected={props.value === value}>
            {label}
          </option>
        ))}
      </select>
    </div>
  );
}

function EventSummary({ site, locale, event }: { site: Site; locale: Locale; event: EventItem }) {
  const t = EVENTS_MESSAGES[locale];
  const e = t.events;
  const local = localText<EventText>(site, event.texts, locale);
  if (!local) return null;
  const tag = LOCALE_INFO[locale].tag;
  return (
    <li class="item" lang={local.lang}>
      <h3 class="item__title">
        <a href={pagePath(site, locale, `${EVENTS_SLUG}/${event.slug}`)}>{local.text.title}</a>
      </h3>
      <p class="item__meta" lang={tag}>
        {eventWhen(event, locale)}
      </p>
      <p class="item__tags" lang={tag}>
        <span class="tag">{e.kinds[event.kind]}</span>
        <span class="tag">{e.audienceShort[event.audience]}</span>
        <span class="tag">{e.modes[event.mode]}</span>
        {event.booking === 'form' && placesLeft(event) === 0 && (
          <span class="tag tag--full">{e.full}</span>
        )}
        {local.other !== undefined && <span class="tag">{t.news.onlyIn[local.other]}</span>}
      </p>
      <p>{local.text.summary}</p>
    </li>
  );
}

export function EventDetails({
  site,
  locale,
  event,
}: {
  site: Site;
  locale: Locale;
  event: EventItem;
}) {
  const e = EVENTS_MESSAGES[locale].events;
  const local = localText<EventText>(site, event.texts, locale);
  return (
    <dl class="details-list">
      <div>
        <dt>{e.when}</dt>
        <dd>{eventWhen(event, locale)}</dd>
      </div>
      <div>
        <dt>{e.where}</dt>
        <dd lang={event.mode === 'online' ? undefined : local?.lang}>
          {event.mode === 'online' ? e.online : (local?.text.venue ?? '')}
        </dd>
      </div>
      <div>
        <dt>{e.forWhom}</dt>
        <dd>{e.audiences[event.audience]}</dd>
      </div>
      <div>
        <dt>{e.kind}</dt>
        <dd>{e.kinds[event.kind]}</dd>
      </div>
      <div>
        <dt>{e.cost}</dt>
        <dd>{costText(event.costPence, locale)}</dd>
      </div>
      {event.booking === 'form' && (
        <div>
          <dt>{e.places}</dt>
          <dd>{placesText(event, locale)}</dd>
        </div>
      )}
    </dl>
  );
}

export function EventPage(props: {
  site: Site;
  locale: Locale;
  event: EventItem;
  now: Date;
  renderBody: RenderBody;
  /** The staff area's preview line. */
  banner?: ComponentChildren;
}) {
  const { site, locale, event, now, renderBody } = props;
  const t = EVENTS_MESSAGES[locale];
  const e = t.events;
  const local = localText<EventText>(site, event.texts, locale);
  if (!local) return null;
  const path = pagePath(site, locale, `${EVENTS_SLUG}/${event.slug}`);
  const ended = event.endsAt.getTime() < now.getTime();
  const started = event.startsAt.getTime() <= now.getTime();
  return (
    <Layout
      site={site}
      locale={locale}
      title={local.text.title}
      description={local.text.summary}
      slug={`${EVENTS_SLUG}/${event.slug}`}
      banner={props.banner}
    >
      <article>
        <h1 lang={local.lang}>{local.text.title}</h1>
        {local.other !== undefined && <p class="notice">{t.news.onlyIn[local.other]}</p>}
        <p class="lead" lang={local.lang}>
          {local.text.summary}
        </p>
        {ended && <p class="notice">{e.ended}</p>}
        <EventDetails site={site} locale={locale} event={event} />
        <div lang={local.lang}>
          <Markdown html={renderBody(local.text.body, local.other ?? locale)} />
        </div>
        {!ended && (
          <section aria-labelledby="how-to-book" class="how-to-book">
            <h2 id="how-to-book">{e.howToBook}</h2>
            {event.booking === 'none' && <p>{e.noBooking}</p>}
            {event.booking === 'link' && event.bookingUrl !== undefined && (
              <p>
                <a href={event.bookingUrl} class="button" rel="noreferrer">
                  {e.bookElsewhere}
                </a>{' '}
                <span class="external-note">{e.external}</span>
              </p>
            )}
            {event.booking === 'form' &&
              (bookingOpen(event, now) ? (
                <p>
                  <a href={`${path}/book`} class="button">
                    {e.bookHere}
                  </a>
                </p>
              ) : (
                <p>{started ? e.bookingClosed : e.full}</p>
              ))}
          </section>
        )}
        <ul class="link-list">
          <li>
            <a href={`${path}/calendar.ics`} type="text/calendar" download={`${event.slug}.ics`}>
              {e.addToCalendar}
            </a>
          </li>
          <li>
            <a href={pagePath(site, locale, EVENTS_SLUG)}>{e.allEvents}</a>
          </li>
        </ul>
      </article>
    </Layout>
  );
}
