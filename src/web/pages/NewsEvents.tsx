/**
 * The organisation's news, training and events, and the booking pages. Server-rendered, no
 * script needed: the filter is a GET form, booking a POST form with a signed token.
 *
 * An item may exist in one language or in several. A page shows it in the page's language when
 * it can, else in the language it has, marked with `lang` and a note saying so.
 */
import type { ComponentChildren } from 'preact';
import {
  bookingOpen,
  EVENT_AUDIENCES,
  EVENT_KINDS,
  EVENT_MODES,
  placesLeft,
  textIn,
  type BookingAnswers,
  type BookingField,
  type BookingFieldError,
  type BookingRefusal,
  type EventFilter,
  type EventItem,
  type EventText,
  type NewsArticle,
  type NewsText,
} from '../../domain/events.js';
import { LOCALE_INFO, type Locale } from '../../domain/locales.js';
import { EVENTS_MESSAGES, type EventsMessages } from '../i18n/events-messages.js';
import { format } from '../i18n/format.js';
import { Layout } from './Layout.js';
import { Markdown } from './Markdown.js';
import { orgName, pagePath, type Site } from './site.js';

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

function dayText(at: Date, locale: Locale, timeZone: string): string {
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

function placesText(event: EventItem, locale: Locale): string {
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
function localText<T>(
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

function Paging(props: {
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

// ---- News ------------------------------------------------------------------------------------

export function NewsListPage(props: {
  site: Site;
  locale: Locale;
  articles: readonly NewsArticle[];
  page: number;
  pages: number;
}) {
  const { site, locale, articles, page, pages } = props;
  const t = EVENTS_MESSAGES[locale];
  const base = pagePath(site, locale, NEWS_SLUG);
  return (
    <Layout
      site={site}
      locale={locale}
      title={t.news.title}
      description={format(t.news.description, { org: orgName(site, locale) })}
      slug={NEWS_SLUG}
      feeds={[{ href: `${base}/feed.atom`, type: 'application/atom+xml', title: t.news.title }]}
    >
      <h1>{t.news.title}</h1>
      {articles.length === 0 && <p>{t.news.none}</p>}
      <ul class="item-list">
        {articles.map((a) => {
          const local = localText<NewsText>(site, a.texts, locale);
          if (!local) return null;
          return (
            <li class="item" key={a.id} lang={local.lang}>
              <h2 class="item__title">
                <a href={pagePath(site, locale, `${NEWS_SLUG}/${a.slug}`)}>{local.text.title}</a>
              </h2>
              <p class="item__meta" lang={LOCALE_INFO[locale].tag}>
                {format(t.news.published, {
                  date: dayText(a.publishedAt, locale, site.profile.timeZone),
                })}
                {local.other !== undefined && <> · {t.news.onlyIn[local.other]}</>}
              </p>
              <p>{local.text.summary}</p>
            </li>
          );
        })}
      </ul>
      <Paging
        t={t}
        page={page}
        pages={pages}
        href={(p) => (p === 1 ? base : `${base}?page=${p}`)}
        newer={t.paging.previous}
        older={t.paging.next}
      />
      <p>
        <a href={`${base}/feed.atom`} type="application/atom+xml" class="feed-link">
          {t.news.feed}
        </a>
      </p>
    </Layout>
  );
}

export function NewsArticlePage(props: {
  site: Site;
  locale: Locale;
  article: NewsArticle;
  renderBody: RenderBody;
  /** The staff area's preview line. */
  banner?: ComponentChildren;
}) {
  const { site, locale, article, renderBody } = props;
  const t = EVENTS_MESSAGES[locale];
  const local = localText<NewsText>(site, article.texts, locale);
  if (!local) return null;
  const textLocale = local.other ?? locale;
  return (
    <Layout
      site={site}
      locale={locale}
      title={local.text.title}
      description={local.text.summary}
      slug={`${NEWS_SLUG}/${article.slug}`}
      banner={props.banner}
    >
      <article lang={local.lang}>
        <h1>{local.text.title}</h1>
        <p class="item__meta" lang={LOCALE_INFO[locale].tag}>
          {format(t.news.published, {
            date: dayText(article.publishedAt, locale, site.profile.timeZone),
          })}
        </p>
        {local.other !== undefined && (
          <p class="notice" lang={LOCALE_INFO[locale].tag}>
            {t.news.onlyIn[local.other]}
          </p>
        )}
        <p class="lead">{local.text.summary}</p>
        {article.image !== undefined && (
          <img
            class="item__image"
            src={`/media/${article.image}`}
            alt={local.text.imageAlt ?? ''}
            width={320}
            height={180}
          />
        )}
        <Markdown html={renderBody(local.text.body, textLocale)} />
      </article>
      <p class="back-link">
        <a href={pagePath(site, locale, NEWS_SLUG)}>{t.news.title}</a>
      </p>
    </Layout>
  );
}

// ---- Events ----------------------------------------------------------------------------------

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

function EventDetails({ site, locale, event }: { site: Site; locale: Locale; event: EventItem }) {
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

// ---- Booking ---------------------------------------------------------------------------------

export interface BookingFormView {
  readonly answers: BookingAnswers | undefined;
  readonly errors: readonly { field: BookingField; code: BookingFieldError }[];
  readonly refusal: BookingRefusal | undefined;
  readonly formToken: string;
  readonly retentionDays: number;
}

export function BookingFormPage(props: {
  site: Site;
  locale: Locale;
  event: EventItem;
  view: BookingFormView;
}) {
  const { site, locale, event, view } = props;
  const t = EVENTS_MESSAGES[locale];
  const b = t.booking;
  const local = localText<EventText>(site, event.texts, locale);
  const title = local?.text.title ?? event.slug;
  const path = pagePath(site, locale, `${EVENTS_SLUG}/${event.slug}`);
  const errorOf = (field: BookingField): string | undefined => {
    const found = view.errors.find((x) => x.field === field);
    return found ? b.errors[found.code] : undefined;
  };
  const hasProblem = view.errors.length > 0 || view.refusal !== undefined;
  const a = view.answers;
  return (
    <Layout
      site={site}
      locale={locale}
      title={`${hasProblem ? `${b.errorTitle}: ` : ''}${b.title}`}
      slug={`${EVENTS_SLUG}/${event.slug}/book`}
    >
      {hasProblem && (
        <div class="error-summary" aria-labelledby="error-summary-title" role="alert">
          <h2 id="error-summary-title" class="error-summary__title">
            {b.errorTitle}
          </h2>
          <ul class="error-summary__list">
            {view.refusal !== undefined && (
              <li data-code={view.refusal}>{b.refusals[view.refusal]}</li>
            )}
            {view.errors.map((x) => (
              <li key={x.field} data-code={x.code}>
                <a href={`#booking-${x.field}`}>{b.errors[x.code]}</a>
              </li>
            ))}
          </ul>
        </div>
      )}
      <h1>{b.title}</h1>
      <p>
        <Slots
          template={b.intro}
          slots={{
            event: (
              <a href={path} lang={local?.lang}>
                {title}
              </a>
            ),
          }}
        />
      </p>
      <EventDetails site={site} locale={locale} event={event} />
      <p>{format(b.privacy, { days: view.retentionDays })}</p>
      {view.refusal !== 'event_full' && view.refusal !== 'booking_closed' && (
        <form method="post" action={`${path}/book`} class="booking-form" novalidate>
          <input type="hidden" name="form" value={view.formToken} />
          <TextField
            name="name"
            label={b.name}
            value={a?.name}
            error={errorOf('name')}
            autocomplete="name"
          />
          <TextField
            name="email"
            label={b.email}
            hint={b.emailHint}
            value={a?.email}
            error={errorOf('email')}
            type="email"
            autocomplete="email"
          />
          <TextField
            name="organisation"
            label={b.organisation}
            hint={b.organisationHint}
            value={a?.organisation}
            error={errorOf('organisation')}
            autocomplete="organization"
          />
          <TextField
            name="role"
            label={b.role}
            hint={b.roleHint}
            value={a?.role}
            error={errorOf('role')}
            autocomplete="organization-title"
          />
          <TextField
            name="needs"
            label={b.needs}
            hint={b.needsHint}
            value={a?.needs}
            error={errorOf('needs')}
            multiline
          />
          <fieldset class="checkboxes">
            <legend>{b.consentLegend}</legend>
            <div class="checkboxes__item">
              <input
                type="checkbox"
                id="booking-consent"
                name="consent"
                value="yes"
                checked={a?.consent ?? false}
              />
              <label for="booking-consent">{b.consent}</label>
            </div>
          </fieldset>
          <button type="submit" class="button">
            {b.submit}
          </button>
        </form>
      )}
    </Layout>
  );
}

function TextField(props: {
  name: string;
  label: string;
  hint?: string;
  value: string | undefined;
  error: string | undefined;
  type?: 'text' | 'email';
  autocomplete?: 'name' | 'email' | 'organization' | 'organization-title';
  multiline?: boolean;
}) {
  const id = `booking-${props.name}`;
  const describedBy =
    [props.hint ? `${id}-hint` : '', props.error ? `${id}-error` : ''].filter(Boolean).join(' ') ||
    undefined;
  const common = {
    id,
    name: props.name,
    'aria-describedby': describedBy,
    'aria-invalid': props.error ? ('true' as const) : undefined,
  };
  return (
    <div class={props.error ? 'form-group form-group--error' : 'form-group'}>
      <label class="label" for={id}>
        {props.label}
      </label>
      {props.hint && (
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      )}
      {props.error && (
        <p class="error-message" id={`${id}-error`}>
          {props.error}
        </p>
      )}
      {props.multiline ? (
        <textarea {...common} class="textarea" rows={4}>
          {props.value ?? ''}
        </textarea>
      ) : (
        <input
          {...common}
          {...(props.type === 'email' ? { type: 'email' as const } : { type: 'text' as const })}
          class="input"
          value={props.value ?? ''}
          autocomplete={props.autocomplete}
          spellcheck={false}
        />
      )}
    </div>
  );
}

export type BookingView =
  | { readonly kind: 'confirmed'; readonly answers: BookingAnswers; readonly formToken: string }
  | { readonly kind: 'cancelled' }
  | { readonly kind: 'not-found' };

export function BookingPage(props: {
  site: Site;
  locale: Locale;
  event: EventItem | undefined;
  view: BookingView;
  /** This page's own address (the cancellation form posts to it). */
  action: string;
}) {
  const { site, locale, event, view, action } = props;
  const t = EVENTS_MESSAGES[locale];
  const b = t.booking;
  const title =
    view.kind === 'confirmed'
      ? b.confirmedTitle
      : view.kind === 'cancelled'
        ? b.cancelledTitle
        : b.notFoundTitle;
  const local = event ? localText<EventText>(site, event.texts, locale) : undefined;
  const eventLink = event && local && (
    <a href={pagePath(site, locale, `${EVENTS_SLUG}/${event.slug}`)} lang={local.lang}>
      {local.text.title}
    </a>
  );
  return (
    <Layout site={site} locale={locale} title={title}>
      <h1>{title}</h1>
      {view.kind === 'not-found' && <p>{b.notFound}</p>}
      {view.kind === 'cancelled' && <p>{b.cancelled}</p>}
      {view.kind === 'confirmed' && event && (
        <>
          <p class="panel-confirm">
            <Slots template={b.confirmed} slots={{ event: eventLink }} />
          </p>
          <EventDetails site={site} locale={locale} event={event} />
          <p>
            <a
              href={`${pagePath(site, locale, `${EVENTS_SLUG}/${event.slug}`)}/calendar.ics`}
              type="text/calendar"
              download={`${event.slug}.ics`}
            >
              {t.events.addToCalendar}
            </a>
          </p>
          <p class="notice">{b.keepLink}</p>
          <h2>{b.yourAnswers}</h2>
          <dl class="details-list">
            <div>
              <dt>{b.name}</dt>
              <dd>{view.answers.name}</dd>
            </div>
            <div>
              <dt>{b.email}</dt>
              <dd>{view.answers.email}</dd>
            </div>
            <div>
              <dt>{b.organisation}</dt>
              <dd>{view.answers.organisation}</dd>
            </div>
            <div>
              <dt>{b.role}</dt>
              <dd>{view.answers.role}</dd>
            </div>
            <div>
              <dt>{b.needs}</dt>
              <dd>{view.answers.needs === '' ? b.none : view.answers.needs}</dd>
            </div>
            <div>
              <dt>{b.consentLegend}</dt>
              <dd>{view.answers.consent ? b.consentYes : b.consentNo}</dd>
            </div>
          </dl>
          <h2>{b.cancelHeading}</h2>
          <p>{b.cancelIntro}</p>
          <form method="post" action={action}>
            <input type="hidden" name="form" value={view.formToken} />
            <input type="hidden" name="action" value="cancel" />
            <button type="submit" class="button button--warning">
              {b.cancel}
            </button>
          </form>
        </>
      )}
      <p class="back-link">
        <a href={pagePath(site, locale, EVENTS_SLUG)}>{t.events.allEvents}</a>
      </p>
    </Layout>
  );
}

/** A translated sentence with elements in its `{slots}`, keeping each language's word order. */
function Slots({
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
