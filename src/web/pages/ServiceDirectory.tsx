/**
 * The support directory: a filter form that works without JavaScript (a GET form), then each
 * service with its number as a tel: link, who it is for, where, its hours and whether it is
 * open now in the organisation's time zone.
 */
import { LOCALE_INFO, type Locale } from '../../domain/locales.js';
import { localise } from '../../domain/localised-text.js';
import { isOpenAt } from '../../domain/opening-hours.js';
import {
  AUDIENCES,
  filterServices,
  telHref,
  type DirectoryFilter,
  type Service,
} from '../../domain/services.js';
import { format, MESSAGES } from '../i18n/messages.js';
import { formatHours } from './format-hours.js';

export interface ServiceDirectoryProps {
  readonly services: readonly Service[];
  readonly filter: DirectoryFilter;
  readonly locale: Locale;
  readonly timeZone: string;
  readonly now: Date;
  /** Where the filter form submits: this page's own address. */
  readonly action: string;
}

export function ServiceDirectory(props: ServiceDirectoryProps) {
  const { services, filter, locale, timeZone, now, action } = props;
  const t = MESSAGES[locale].directory;
  const shown = filterServices(services, filter);
  const audiences = AUDIENCES.filter((a) =>
    services.some((s) => s.listed && s.audiences.includes(a)),
  );
  const time = new Intl.DateTimeFormat(LOCALE_INFO[locale].tag, {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
  }).format(now);
  return (
    <section aria-labelledby="directory" class="directory">
      <h2 id="directory">{t.heading}</h2>
      <form method="get" action={action} class="directory__filter">
        <h3>{t.filterHeading}</h3>
        <fieldset class="radios">
          <legend>{t.audienceLegend}</legend>
          <Radio name="for" value="" label={t.anyone} checked={filter.audience === undefined} />
          {audiences
            .filter((a) => a !== 'everyone')
            .map((a) => (
              <Radio
                key={a}
                name="for"
                value={a}
                label={t.audiences[a]}
                checked={filter.audience === a}
              />
            ))}
        </fieldset>
        <fieldset class="radios">
          <legend>{t.areaLegend}</legend>
          <Radio name="area" value="" label={t.everywhere} checked={filter.area === undefined} />
          <Radio
            name="area"
            value="national"
            label={t.national}
            checked={filter.area === 'national'}
          />
          <Radio name="area" value="local" label={t.local} checked={filter.area === 'local'} />
        </fieldset>
        <button type="submit" class="button">
          {t.show}
        </button>
      </form>
      <p role="status">{shown.length === 1 ? t.countOne : format(t.count, { n: shown.length })}</p>
      {shown.length === 0 && <p>{t.none}</p>}
      <ul class="services">
        {shown.map((s) => (
          <ServiceCard key={s.key} service={s} locale={locale} timeZone={timeZone} now={now} />
        ))}
      </ul>
      {shown.some((s) => s.hours !== undefined && s.hours !== 'always') && (
        <p class="hint">{format(t.checkedAt, { time, zone: timeZone })}</p>
      )}
    </section>
  );
}

function Radio(props: { name: string; value: string; label: string; checked: boolean }) {
  const id = `${props.name}-${props.value || 'any'}`;
  return (
    <div class="radios__item">
      <input type="radio" id={id} name={props.name} value={props.value} checked={props.checked} />
      <label for={id}>{props.label}</label>
    </div>
  );
}

function ServiceCard(props: { service: Service; locale: Locale; timeZone: string; now: Date }) {
  const { service: s, locale, timeZone, now } = props;
  const t = MESSAGES[locale];
  const d = t.directory;
  const open = s.hours === undefined ? undefined : isOpenAt(s.hours, timeZone, now);
  return (
    <li class="service">
      <h3 class="service__name">{localise(s.name, locale)}</h3>
      {open !== undefined && (
        <p class={open ? 'service__status service__status--open' : 'service__status'}>
          {open ? d.openNow : d.closedNow}
        </p>
      )}
      {s.description && <p>{localise(s.description, locale)}</p>}
      <dl class="service__details">
        {s.phone !== undefined && (
          <>
            <dt>{d.phone}</dt>
            <dd>
              <a href={telHref(s.phone)} class="service__phone">
                {s.phone}
              </a>
              {s.phoneNote && <span class="hint"> {localise(s.phoneNote, locale)}</span>}
            </dd>
          </>
        )}
        {s.hours !== undefined && (
          <>
            <dt>{d.hours}</dt>
            <dd>
              {formatHours(s.hours, locale).map((line) => (
                <span class="service__hours" key={line}>
                  {line}
                </span>
              ))}
            </dd>
          </>
        )}
        <dt>{d.forWhom}</dt>
        <dd>{s.audiences.map((a) => d.audiences[a]).join(', ')}</dd>
        <dt>{d.area}</dt>
        <dd>{s.area === 'national' ? d.national : localise(s.area.local, locale)}</dd>
        {s.website !== undefined && (
          <>
            <dt>{d.website}</dt>
            <dd>
              <a href={s.website}>{new URL(s.website).hostname.replace(/^www\./, '')}</a>{' '}
              <span class="external-note">{t.external}</span>
            </dd>
          </>
        )}
      </dl>
    </li>
  );
}
