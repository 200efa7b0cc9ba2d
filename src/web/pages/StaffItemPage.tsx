/**
 * A news article's or an event's staff page: the form in every language, its state (draft,
 * scheduled, published), save / publish / unpublish, and the preview banner shown above a
 * public page seen before it is public. Split from StaffPages.tsx: the routes are staff-items.tsx.
 */
import { LOCALE_INFO, type Locale } from '../../domain/locales.js';
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
