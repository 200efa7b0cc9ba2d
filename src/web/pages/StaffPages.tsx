/**
 * The staff area's pages (/staff): server-rendered forms that work without JavaScript. This file
 * has the home page, an event's bookings and the refusal page; getting in is StaffSignInPages.tsx,
 * an item's form StaffItemPage.tsx, the administrators' pages StaffAdminPages.tsx, and the frame
 * and fields StaffFrame.tsx.
 */
import type { PublishStatus } from '../../domain/events.js';
import { format } from '../i18n/format.js';
import { STAFF_MESSAGES } from '../i18n/staff-messages.js';
import { StaffLayout, staffHref, type Common, type StaffViewer } from './StaffFrame.js';

export {
  staffHref,
  type StaffProblem,
  type StaffRoleName,
  type StaffViewer,
} from './StaffFrame.js';

export interface StaffItemSummary {
  readonly id: string;
  readonly title: string;
  readonly lang: string | undefined;
  readonly status: PublishStatus;
  readonly scheduled: boolean;
  readonly when: string;
}

export function StaffHomePage(
  props: Common & {
    viewer: StaffViewer;
    events: readonly StaffItemSummary[];
    news: readonly StaffItemSummary[];
  },
) {
  const { site, locale, viewer } = props;
  const t = STAFF_MESSAGES[locale];
  const h = (path: string) => staffHref(site, locale, path);
  const list = (items: readonly StaffItemSummary[], kind: 'events' | 'news') =>
    items.length === 0 ? (
      <p>{t.home.none}</p>
    ) : (
      <ul class="staff-items">
        {items.map((item) => (
          <li key={item.id}>
            <a href={h(`/staff/${kind}/${item.id}`)} lang={item.lang}>
              {item.title}
            </a>{' '}
            <span class={`staff-status staff-status--${item.status}`}>
              {item.status === 'draft'
                ? t.home.draft
                : item.scheduled
                  ? t.home.scheduled
                  : t.home.published}
            </span>{' '}
            <span class="hint">{item.when}</span>
          </li>
        ))}
      </ul>
    );
  return (
    <StaffLayout site={site} locale={locale} title={t.home.title} viewer={viewer} here="/staff">
      <h1>{t.home.title}</h1>
      <h2>{t.home.events}</h2>
      <p>
        <a href={h('/staff/events/new')} class="button">
          {t.home.newEvent}
        </a>
      </p>
      {list(props.events, 'events')}
      <h2>{t.home.news}</h2>
      <p>
        <a href={h('/staff/news/new')} class="button">
          {t.home.newNews}
        </a>
      </p>
      {list(props.news, 'news')}
    </StaffLayout>
  );
}

export interface StaffBookingRow {
  readonly name: string;
  readonly email: string;
  readonly organisation: string;
  readonly role: string;
  readonly needs: string;
  readonly consent: boolean;
  readonly booked: string;
}

export function StaffBookingsPage(
  props: Common & {
    viewer: StaffViewer;
    eventId: string;
    eventTitle: string;
    bookings: readonly StaffBookingRow[];
    retentionDays: number;
  },
) {
  const { site, locale, viewer } = props;
  const t = STAFF_MESSAGES[locale];
  const b = t.bookings;
  const title = format(b.title, { event: props.eventTitle });
  const base = `/staff/events/${props.eventId}`;
  return (
    <StaffLayout
      site={site}
      locale={locale}
      title={title}
      viewer={viewer}
      here={`${base}/bookings`}
    >
      <h1>{title}</h1>
      <p>
        <a href={staffHref(site, locale, base)}>{t.item.editEvent}</a>
      </p>
      <p>{format(b.retention, { days: props.retentionDays })}</p>
      {props.bookings.length === 0 ? (
        <p>{b.none}</p>
      ) : (
        <>
          <p>
            {props.bookings.length === 1
              ? b.countOne
              : format(b.count, { n: props.bookings.length })}
          </p>
          <p>
            <a href={`${base}/bookings.csv`} download>
              {b.download}
            </a>
          </p>
          <div class="table-scroll" tabindex={0} role="region" aria-label={title}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{b.name}</th>
                  <th scope="col">{b.email}</th>
                  <th scope="col">{b.organisation}</th>
                  <th scope="col">{b.role}</th>
                  <th scope="col">{b.needs}</th>
                  <th scope="col">{b.consent}</th>
                  <th scope="col">{b.booked}</th>
                </tr>
              </thead>
              <tbody>
                {props.bookings.map((row, i) => (
                  <tr key={i}>
                    <td>{row.name}</td>
                    <td>{row.email}</td>
                    <td>{row.organisation}</td>
                    <td>{row.role}</td>
                    <td>{row.needs}</td>
                    <td>{row.consent ? b.yes : b.no}</td>
                    <td>{row.booked}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </StaffLayout>
  );
}

/** A refusal: an editor asking for an administrator's page, or a form that has expired. */
export function StaffRefusedPage(
  props: Common & { viewer: StaffViewer | undefined; code: 'forbidden' | 'csrf_failed' },
) {
  const t = STAFF_MESSAGES[props.locale];
  const text = props.code === 'forbidden' ? t.forbidden : t.errors.csrf_failed;
  return (
    <StaffLayout
      site={props.site}
      locale={props.locale}
      title={text}
      viewer={props.viewer}
      here="/staff"
    >
      <h1 data-code={props.code}>{text}</h1>
    </StaffLayout>
  );
}
