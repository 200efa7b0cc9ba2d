/**
 * Booking a place on an event: the form (a POST form with a signed token, no script needed) and
 * the page that answers it (booked, full, closed or refused). Split from the events pages because
 * the form, its fields and its errors are a concern of their own.
 */
import type {
  BookingAnswers,
  BookingField,
  BookingFieldError,
  BookingRefusal,
  EventItem,
  EventText,
} from '../../domain/events.js';
import type { Locale } from '../../domain/locales.js';
import { EVENTS_MESSAGES } from '../i18n/events-messages.js';
import { format } from '../i18n/format.js';
import { EventDetails } from './EventsPages.js';
import { Layout } from './Layout.js';
import { pagePath, type Site } from './site.js';
import { EVENTS_SLUG, localText, Slots } from './news-events-parts.js';

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
