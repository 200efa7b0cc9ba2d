/**
 * The staff area's pages (/staff): server-rendered forms that work without JavaScript. Only the
 * passkey buttons need the small script (src/web/staff/), which finds them by data attributes;
 * the code fallback is a plain form. The frame and fields are in StaffFrame.tsx.
 */
import { LOCALE_INFO, type Locale } from '../../domain/locales.js';
import { qrPath } from '../../domain/qr-path.js';
import {
  BOOKING_KINDS,
  EVENT_AUDIENCES,
  EVENT_KINDS,
  EVENT_MODES,
  type PublishStatus,
} from '../../domain/events.js';
import { EVENTS_MESSAGES } from '../i18n/events-messages.js';
import { format } from '../i18n/format.js';
import { STAFF_MESSAGES } from '../i18n/staff-messages.js';
import {
  Field,
  Select,
  StaffLayout,
  staffHref,
  type Common,
  type StaffProblem,
  type StaffViewer,
} from './StaffFrame.js';

export {
  staffHref,
  type StaffProblem,
  type StaffRoleName,
  type StaffViewer,
} from './StaffFrame.js';

// ---- Setup, joining, signing in ---------------------------------------------------------------

export function StaffSetupPage(
  props: Common & {
    values: Readonly<Record<string, string>>;
    problems: readonly StaffProblem[];
    open: boolean;
  },
) {
  const { site, locale, values, problems } = props;
  const t = STAFF_MESSAGES[locale];
  return (
    <StaffLayout
      site={site}
      locale={locale}
      title={t.setup.title}
      problems={problems}
      here="/staff/setup"
    >
      <h1>{t.setup.title}</h1>
      {props.open ? (
        <>
          <p>{t.setup.intro}</p>
          <form method="post" action={staffHref(site, locale, '/staff/setup')} novalidate>
            <Field
              name="token"
              label={t.setup.token}
              type="password"
              locale={locale}
              problems={problems}
            />
            <Field
              name="login"
              label={t.setup.login}
              hint={t.setup.loginHint}
              value={values.login}
              locale={locale}
              problems={problems}
              autocomplete="username"
            />
            <Field
              name="name"
              label={t.setup.name}
              value={values.name}
              locale={locale}
              problems={problems}
              autocomplete="name"
            />
            <button type="submit" class="button">
              {t.setup.submit}
            </button>
          </form>
        </>
      ) : (
        <p>{t.setup.done}</p>
      )}
    </StaffLayout>
  );
}

export function StaffJoinPage(
  props: Common & {
    token: string;
    member: { name: string } | undefined;
    /** The offered secret, its MAC, and its otpauth:// link for the QR code. */
    totp: { key: string; mac: string; uri: string } | undefined;
    problems: readonly StaffProblem[];
  },
) {
  const { site, locale, member, problems } = props;
  const t = STAFF_MESSAGES[locale];
  const here = `/staff/join/${props.token}`;
  return (
    <StaffLayout
      site={site}
      locale={locale}
      title={t.join.title}
      problems={problems}
      here={here}
      passkeys
    >
      <h1>{t.join.title}</h1>
      {!member || !props.totp ? (
        <p data-code="invitation_gone">{t.join.gone}</p>
      ) : (
        <>
          <p>{format(t.join.intro, { name: member.name })}</p>
          <div
            class="passkey"
            data-passkey="register"
            data-options={`${here}/passkey-options`}
            data-verify={`${here}/passkey`}
            data-working={t.working}
            data-failed={t.passkeyFailed}
          >
            <p class="passkey__noscript hint">{t.needsScript}</p>
            <button type="button" class="button" hidden>
              {t.join.button}
            </button>
            <p class="passkey__status" role="status" aria-live="polite" />
          </div>
          <h2>{t.join.codeHeading}</h2>
          <p>{t.join.codeIntro}</p>
          <TotpQr uri={props.totp.uri} label={t.join.qrLabel} />
          <p>
            {t.join.key}: <code class="staff-key">{props.totp.key.match(/.{4}/g)?.join(' ')}</code>
          </p>
          <form method="post" action={staffHref(site, locale, `${here}/code`)} novalidate>
            <input type="hidden" name="key" value={props.totp.key} />
            <input type="hidden" name="mac" value={props.totp.mac} />
            <Field
              name="code"
              label={t.join.code}
              locale={locale}
              problems={problems}
              inputmode="numeric"
              autocomplete="one-time-code"
            />
            <button type="submit" class="button button--secondary">
              {t.join.codeSubmit}
            </button>
          </form>
        </>
      )}
    </StaffLayout>
  );
}

export function StaffSignInPage(
  props: Common & { values: Readonly<Record<string, string>>; problems: readonly StaffProblem[] },
) {
  const { site, locale, problems } = props;
  const t = STAFF_MESSAGES[locale];
  return (
    <StaffLayout
      site={site}
      locale={locale}
      title={t.signIn.title}
      problems={problems}
      here="/staff/sign-in"
      passkeys
    >
      <h1>{t.signIn.title}</h1>
      <div
        class="passkey"
        data-passkey="sign-in"
        data-options="/staff/sign-in/passkey-options"
        data-verify="/staff/sign-in/passkey"
        data-working={t.working}
        data-failed={t.passkeyFailed}
      >
        <p class="passkey__noscript hint">{t.needsScript}</p>
        <button type="button" class="button" hidden>
          {t.signIn.button}
        </button>
        <p class="passkey__status" role="status" aria-live="polite" />
      </div>
      <h2>{t.signIn.codeHeading}</h2>
      <form method="post" action={staffHref(site, locale, '/staff/sign-in/code')} novalidate>
        <Field
          name="login"
          label={t.signIn.login}
          value={props.values.login}
          locale={locale}
          problems={problems}
          autocomplete="username"
        />
        <Field
          name="code"
          label={t.signIn.code}
          locale={locale}
          problems={problems}
          inputmode="numeric"
          autocomplete="one-time-code"
        />
        <button type="submit" class="button button--secondary">
          {t.signIn.submit}
        </button>
      </form>
    </StaffLayout>
  );
}

// ---- Home -------------------------------------------------------------------------------------

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

// ---- Items ------------------------------------------------------------------------------------

export interface StaffItemView {
  readonly kind: 'events' | 'news';
  /** Undefined for a new item. */
  readonly id: string | undefined;
  readonly status: PublishStatus | undefined;
  readonly values: Readonly<Record<string, string>>;
  readonly problems: readonly StaffProblem[];
  readonly notice: 'saved' | 'published' | 'unpublished' | 'scheduled' | undefined;
  /** The public address when it is published and its time has come. */
  readonly publicPath: string | undefined;
  /** When a scheduled item appears, in the organisation's time zone. */
  readonly scheduledFor: string | undefined;
  /** The languages it can be previewed in (those it is written in). */
  readonly previewLocales: readonly Locale[];
}

export function StaffItemPage(props: Common & { viewer: StaffViewer; view: StaffItemView }) {
  const { site, locale, viewer, view } = props;
  const t = STAFF_MESSAGES[locale];
  const e = EVENTS_MESSAGES[locale].events;
  const h = (path: string) => staffHref(site, locale, path);
  const isEvent = view.kind === 'events';
  const title =
    view.id === undefined
      ? isEvent
        ? t.item.newEvent
        : t.item.newNews
      : isEvent
        ? t.item.editEvent
        : t.item.editNews;
  const base = view.id === undefined ? `/staff/${view.kind}/new` : `/staff/${view.kind}/${view.id}`;
  const v = view.values;
  const field = (name: string, label: string, extra: Partial<Parameters<typeof Field>[0]> = {}) => (
    <Field
      name={name}
      label={label}
      value={v[name]}
      locale={locale}
      problems={view.problems}
      {...extra}
    />
  );
  const select = (
    name: string,
    label: string,
    options: readonly { value: string; label: string }[],
  ) => (
    <Select
      name={name}
      label={label}
      options={options}
      value={v[name]}
      problems={view.problems}
      locale={locale}
    />
  );
  return (
    <StaffLayout
      site={site}
      locale={locale}
      title={title}
      viewer={viewer}
      problems={view.problems}
      here={base}
    >
      <h1>{title}</h1>
      {view.notice && (
        <p class="notice" role="status" data-notice={view.notice}>
          {t.item[view.notice]}
        </p>
      )}
      {view.id !== undefined && view.status && (
        <div class="staff-actions">
          <p data-status={view.scheduledFor ? 'scheduled' : view.status}>
            {view.scheduledFor
              ? format(t.item.scheduledFor, { when: view.scheduledFor })
              : format(t.item.status, {
                  status: view.status === 'draft' ? t.home.draft : t.home.published,
                })}
          </p>
          {view.status === 'draft' ? (
            <form method="post" action={h(`${base}/publish`)} novalidate class="staff-publish">
              <input type="hidden" name="csrf" value={viewer.csrf} />
              {field('at', t.item.publishAt, {
                hint: t.item.publishAtHint,
                type: 'datetime-local',
              })}
              <button type="submit" class="button">
                {t.item.publish}
              </button>
            </form>
          ) : (
            <form method="post" action={h(`${base}/unpublish`)}>
              <input type="hidden" name="csrf" value={viewer.csrf} />
              <button type="submit" class="button button--warning">
                {t.item.unpublish}
              </button>
            </form>
          )}
          {view.previewLocales.map((l) => (
            <p key={l}>
              <a href={`${base}/preview?lang=${l}`}>
                {format(t.item.preview, { language: LOCALE_INFO[l].nativeName })}
              </a>
            </p>
          ))}
          {view.publicPath && (
            <p>
              <a href={view.publicPath}>{t.item.view}</a>
            </p>
          )}
          {isEvent && (
            <p>
              <a href={h(`${base}/bookings`)}>{t.item.bookings}</a>
            </p>
          )}
        </div>
      )}
      <form method="post" action={h(base)} novalidate class="staff-form">
        <input type="hidden" name="csrf" value={viewer.csrf} />
        {field('slug', t.item.slug, { hint: t.item.slugHint })}
        {isEvent && (
          <>
            {select(
              'kind',
              t.item.kind,
              EVENT_KINDS.map((k) => ({ value: k, label: e.kinds[k] })),
            )}
            {select(
              'audience',
              t.item.audience,
              EVENT_AUDIENCES.map((k) => ({ value: k, label: e.audiences[k] })),
            )}
            {select(
              'mode',
              t.item.mode,
              EVENT_MODES.map((k) => ({ value: k, label: e.modes[k] })),
            )}
            {field('starts', t.item.starts, { type: 'datetime-local' })}
            {field('ends', t.item.ends, { type: 'datetime-local' })}
            {field('capacity', t.item.capacity, {
              hint: t.item.capacityHint,
              inputmode: 'numeric',
            })}
            {field('cost', t.item.cost, { hint: t.item.costHint, inputmode: 'decimal' })}
            {select(
              'booking',
              t.item.booking,
              BOOKING_KINDS.map((k) => ({ value: k, label: t.item.bookingKinds[k] })),
            )}
            {field('bookingUrl', t.item.bookingUrl, { hint: t.item.bookingUrlHint, type: 'url' })}
          </>
        )}
        {site.locales.map((l) => {
          const tag = LOCALE_INFO[l].tag;
          const language = LOCALE_INFO[l].nativeName;
          return (
            <fieldset key={l} class="staff-language">
              <legend>{format(t.item.inLanguage, { language })}</legend>
              <p class="hint">{format(t.item.languageHint, { language })}</p>
              {field(`title_${l}`, t.item.title, { lang: tag })}
              {field(`summary_${l}`, t.item.summary, { lang: tag, multiline: true })}
              {field(`body_${l}`, t.item.body, {
                lang: tag,
                multiline: true,
                hint: t.item.bodyHint,
              })}
              {isEvent && field(`venue_${l}`, t.item.venue, { lang: tag })}
            </fieldset>
          );
        })}
        <button type="submit" class="button">
          {t.item.save}
        </button>
      </form>
    </StaffLayout>
  );
}

// ---- Bookings ---------------------------------------------------------------------------------

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

/** The line above a preview: it is not public yet (or as it stands), and the way back. */
export function StaffPreviewBanner(props: Common & { back: string; status: PublishStatus }) {
  const t = STAFF_MESSAGES[props.locale];
  return (
    <div class="notice staff-preview" role="note" data-preview>
      <p>
        <strong>{t.item.previewBanner}</strong>{' '}
        {props.status === 'draft' ? t.item.previewDraft : t.item.previewLive}
      </p>
      <p>
        <a href={staffHref(props.site, props.locale, props.back)}>{t.item.previewBack}</a>
      </p>
    </div>
  );
}

/** The authenticator app's key as a QR code (the key is also written out beside it). */
function TotpQr(props: { uri: string; label: string }) {
  const { d, size } = qrPath(props.uri);
  return (
    <svg
      viewBox={`0 0 ${size} ${size}`}
      width="200"
      height="200"
      role="img"
      aria-label={props.label}
      data-totp-qr=""
      shape-rendering="crispEdges"
      class="staff-qr"
    >
      <rect width={size} height={size} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  );
}
