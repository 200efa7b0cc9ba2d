/**
 * The staff area's support services pages (/staff/services): the local services and helplines
 * the "Get help" page lists, and a form to add, change or delete one.
 */
import { LOCALE_INFO } from '../../domain/locales.js';
import { formLocales } from '../../domain/service-form.js';
import { AUDIENCES } from '../../domain/services.js';
import { format } from '../i18n/format.js';
import { MESSAGES } from '../i18n/messages.js';
import { STAFF_SERVICES_MESSAGES } from '../i18n/staff-services-messages.js';
import { STAFF_MESSAGES } from '../i18n/staff-messages.js';
import { DIRECTORY_SLUG, pagePath } from './site.js';
import {
  Field,
  StaffLayout,
  staffHref,
  type Common,
  type StaffProblem,
  type StaffViewer,
} from './StaffFrame.js';

export interface StaffServiceSummary {
  readonly key: string;
  readonly name: string;
  readonly phone: string | undefined;
  readonly area: string;
}

export function StaffServicesPage(
  props: Common & {
    viewer: StaffViewer;
    services: readonly StaffServiceSummary[];
    notice: 'deleted' | undefined;
  },
) {
  const { site, locale, viewer } = props;
  const s = STAFF_SERVICES_MESSAGES[locale];
  const h = (path: string) => staffHref(site, locale, path);
  return (
    <StaffLayout site={site} locale={locale} title={s.title} viewer={viewer} here="/staff/services">
      <h1>{s.title}</h1>
      {props.notice && (
        <p class="notice" role="status" data-notice={props.notice}>
          {s[props.notice]}
        </p>
      )}
      <p>{s.intro}</p>
      <p class="hint">{s.national}</p>
      <p>
        <a href={h('/staff/services/new')} class="button">
          {s.add}
        </a>
      </p>
      {props.services.length === 0 ? (
        <p>{s.none}</p>
      ) : (
        <ul class="staff-items" data-services>
          {props.services.map((service) => (
            <li key={service.key}>
              <a href={h(`/staff/services/${service.key}`)}>{service.name}</a>{' '}
              {service.phone && <span>{service.phone}</span>}{' '}
              <span class="hint">{service.area}</span>
            </li>
          ))}
        </ul>
      )}
      <p>
        <a href={pagePath(site, locale, DIRECTORY_SLUG)}>{s.view}</a>
      </p>
    </StaffLayout>
  );
}

export function StaffServicePage(
  props: Common & {
    viewer: StaffViewer;
    /** Undefined for a new service. */
    serviceKey: string | undefined;
    name: string | undefined;
    values: Readonly<Record<string, string>>;
    problems: readonly StaffProblem[];
    notice: 'saved' | undefined;
  },
) {
  const { site, locale, viewer, values: v, problems, serviceKey } = props;
  const s = STAFF_SERVICES_MESSAGES[locale];
  const t = STAFF_MESSAGES[locale];
  const audienceNames = MESSAGES[locale].directory.audiences;
  const base = serviceKey === undefined ? '/staff/services/new' : `/staff/services/${serviceKey}`;
  const title =
    serviceKey === undefined ? s.newTitle : format(s.editTitle, { name: props.name ?? '' });
  const field = (name: string, label: string, extra: Partial<Parameters<typeof Field>[0]> = {}) => (
    <Field
      name={name}
      label={label}
      value={v[name]}
      locale={locale}
      problems={problems}
      {...extra}
    />
  );
  const audienceProblem = problems.find((p) => p.code === 'audience_missing');
  return (
    <StaffLayout
      site={site}
      locale={locale}
      title={title}
      viewer={viewer}
      problems={problems}
      here={base}
    >
      <h1>{title}</h1>
      {props.notice && (
        <p class="notice" role="status" data-notice={props.notice}>
          {s.saved}
        </p>
      )}
      <p>
        <a href={staffHref(site, locale, '/staff/services')}>{s.title}</a>
      </p>
      <form method="post" action={staffHref(site, locale, base)} novalidate class="staff-form">
        <input type="hidden" name="csrf" value={viewer.csrf} />
        {serviceKey === undefined ? (
          field('key', s.key, { hint: s.keyHint })
        ) : (
          <p>{format(s.keyFixed, { key: serviceKey })}</p>
        )}
        {field('phone', s.phone, { hint: s.phoneHint, inputmode: 'tel' })}
        {field('website', s.website, { hint: s.websiteHint, type: 'url' })}
        {field('hours', s.hours, { hint: s.hoursHint, multiline: true, rows: 3 })}
        <div class={audienceProblem ? 'form-group form-group--error' : 'form-group'}>
          <fieldset
            class="checkboxes"
            aria-describedby={audienceProblem ? 'audiences-error' : undefined}
          >
            <legend class="label">{s.audiences}</legend>
            {audienceProblem && (
              <p class="error-message" id="audiences-error">
                {t.errors.audience_missing}
              </p>
            )}
            {AUDIENCES.map((a, i) => (
              <div class="checkboxes__item" key={a}>
                <input
                  type="checkbox"
                  id={i === 0 ? `f-for_${a}` : `for_${a}`}
                  name={`for_${a}`}
                  value="on"
                  checked={v[`for_${a}`] !== undefined && v[`for_${a}`] !== ''}
                />
                <label for={i === 0 ? `f-for_${a}` : `for_${a}`}>{audienceNames[a]}</label>
              </div>
            ))}
          </fieldset>
        </div>
        {formLocales(site.locales).map((l) => {
          const tag = LOCALE_INFO[l].tag;
          return (
            <fieldset key={l} class="staff-language">
              <legend>{format(s.inLanguage, { language: LOCALE_INFO[l].nativeName })}</legend>
              {l === 'en' && <p class="hint">{s.englishNeeded}</p>}
              {field(`name_${l}`, s.name, { lang: tag })}
              {field(`area_${l}`, s.area, { lang: tag, hint: s.areaHint })}
              {field(`description_${l}`, s.description, { lang: tag, multiline: true, rows: 3 })}
              {field(`phoneNote_${l}`, s.phoneNote, { lang: tag, hint: s.phoneNoteHint })}
            </fieldset>
          );
        })}
        <button type="submit" class="button">
          {s.save}
        </button>
      </form>
      {serviceKey !== undefined && (
        <form method="post" action={staffHref(site, locale, `${base}/delete`)} class="staff-delete">
          <input type="hidden" name="csrf" value={viewer.csrf} />
          <h2>{s.delete}</h2>
          <p class="hint">{s.deleteHint}</p>
          <button type="submit" class="button button--warning">
            {s.delete}
          </button>
        </form>
      )}
    </StaffLayout>
  );
}
