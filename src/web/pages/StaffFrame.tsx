/**
 * The staff area's frame and form fields. Staff pages use the slim frame (the organisation's
 * short name and quick exit, no public navigation): a comms officer at work sees their tools
 * first, and quick exit stays where it is on every page. The staff bar below it says who is
 * signed in and links the staff pages.
 */
import type { ComponentChildren } from 'preact';
import { LOCALE_INFO, type Locale } from '../../domain/locales.js';
import { format } from '../i18n/format.js';
import { STAFF_MESSAGES, type StaffMessages } from '../i18n/staff-messages.js';
import { Layout } from './Layout.js';
import type { Site } from './site.js';

export type StaffRoleName = 'editor' | 'administrator';

export interface StaffViewer {
  readonly name: string;
  readonly login: string;
  readonly role: StaffRoleName;
  readonly csrf: string;
}

export interface StaffProblem {
  readonly field: string | undefined;
  readonly code: keyof StaffMessages['errors'];
}

export interface Common {
  readonly site: Site;
  readonly locale: Locale;
}

/** A staff address in the page's language (?lang=cy when it is not the site's default). */
export function staffHref(site: Site, locale: Locale, path: string): string {
  if (locale === site.defaultLocale) return path;
  return `${path}${path.includes('?') ? '&' : '?'}lang=${locale}`;
}

export function StaffLayout(
  props: Common & {
    title: string;
    viewer?: StaffViewer | undefined;
    problems?: readonly StaffProblem[];
    /** The address of this page, for the language link. */
    here: string;
    passkeys?: boolean;
    children: ComponentChildren;
  },
) {
  const { site, locale, viewer, problems = [] } = props;
  const t = STAFF_MESSAGES[locale];
  const other = site.locales.find((l) => l !== locale);
  const h = (path: string) => staffHref(site, locale, path);
  return (
    <Layout
      site={site}
      locale={locale}
      title={`${problems.length > 0 ? `${t.errorTitle}: ` : ''}${props.title}`}
      documentTitle={`${problems.length > 0 ? `${t.errorTitle}: ` : ''}${props.title} – ${t.area}`}
      scripts={props.passkeys ? [site.assets.staffScript] : []}
      stylesheets={site.assets.staffStylesheets}
      privacyLine={t.privacyLine}
      frame="vault"
    >
      <nav class="staff-bar" aria-label={t.area}>
        <ul class="staff-bar__list">
          {viewer && (
            <>
              <li>
                <a href={h('/staff')}>{t.nav.home}</a>
              </li>
              <li>
                <a href={h('/staff/services')}>{t.nav.services}</a>
              </li>
            </>
          )}
          {viewer?.role === 'administrator' && (
            <>
              <li>
                <a href={h('/staff/members')}>{t.nav.members}</a>
              </li>
              <li>
                <a href={h('/staff/audit')}>{t.nav.audit}</a>
              </li>
            </>
          )}
          {other && (
            <li>
              <a
                href={staffHref(site, other, props.here)}
                lang={LOCALE_INFO[other].tag}
                hrefLang={LOCALE_INFO[other].tag}
              >
                {t.language}
              </a>
            </li>
          )}
        </ul>
        {viewer && (
          <form method="post" action={h('/staff/sign-out')} class="staff-bar__out">
            <input type="hidden" name="csrf" value={viewer.csrf} />
            <span>
              {format(t.signedInAs, { name: viewer.name, role: t.roles[viewer.role] })}
            </span>{' '}
            <button type="submit" class="button button--secondary">
              {t.signOut}
            </button>
          </form>
        )}
      </nav>
      {problems.length > 0 && (
        <div class="error-summary" aria-labelledby="error-summary-title" role="alert">
          <h2 id="error-summary-title" class="error-summary__title">
            {t.errorTitle}
          </h2>
          <ul class="error-summary__list">
            {problems.map((p, i) => (
              <li key={`${p.field ?? ''}${i}`} data-code={p.code}>
                {p.field ? <a href={`#f-${p.field}`}>{t.errors[p.code]}</a> : t.errors[p.code]}
              </li>
            ))}
          </ul>
        </div>
      )}
      {props.children}
    </Layout>
  );
}

export function Field(props: {
  name: string;
  label: string;
  hint?: string | undefined;
  value?: string | undefined;
  problems?: readonly StaffProblem[];
  locale: Locale;
  type?: 'text' | 'password' | 'datetime-local' | 'url';
  multiline?: boolean;
  autocomplete?: string;
  inputmode?: 'numeric' | 'decimal' | 'tel';
  rows?: number;
  lang?: string | undefined;
}) {
  const t = STAFF_MESSAGES[props.locale];
  const id = `f-${props.name}`;
  const problem = props.problems?.find((p) => p.field === props.name);
  const describedBy =
    [props.hint ? `${id}-hint` : '', problem ? `${id}-error` : ''].filter(Boolean).join(' ') ||
    undefined;
  const common = {
    id,
    name: props.name,
    'aria-describedby': describedBy,
    'aria-invalid': problem ? ('true' as const) : undefined,
    lang: props.lang,
  };
  return (
    <div class={problem ? 'form-group form-group--error' : 'form-group'}>
      <label class="label" for={id}>
        {props.label}
      </label>
      {props.hint && (
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      )}
      {problem && (
        <p class="error-message" id={`${id}-error`}>
          {t.errors[problem.code]}
        </p>
      )}
      {props.multiline ? (
        <textarea {...common} class="textarea" rows={props.rows ?? 8}>
          {props.value ?? ''}
        </textarea>
      ) : (
        <input
          {...common}
          {...({ type: props.type ?? 'text' } as { type: 'text' })}
          class="input"
          value={props.value ?? ''}
          autocomplete={props.autocomplete ?? 'off'}
          inputMode={props.inputmode}
          spellcheck={false}
        />
      )}
    </div>
  );
}

export function Select(props: {
  name: string;
  label: string;
  options: readonly { value: string; label: string }[];
  value: string | undefined;
  problems: readonly StaffProblem[];
  locale: Locale;
}) {
  const t = STAFF_MESSAGES[props.locale];
  const id = `f-${props.name}`;
  const problem = props.problems.find((p) => p.field === props.name);
  return (
    <div class={problem ? 'form-group form-group--error' : 'form-group'}>
      <label class="label" for={id}>
        {props.label}
      </label>
      {problem && (
        <p class="error-message" id={`${id}-error`}>
          {t.errors[problem.code]}
        </p>
      )}
      <select
        id={id}
        name={props.name}
        class="select"
        aria-describedby={problem ? `${id}-error` : undefined}
      >
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === props.value} key={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
