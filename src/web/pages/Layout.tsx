/**
 * The shell of every public page: skip link, quick exit, header, navigation, language switcher,
 * footer with the emergency numbers. Works with JavaScript turned off.
 *
 * The private space (/vault) uses the compact frame instead: one slim bar with the
 * organisation's short name and quick exit, and no public header or navigation, so a vault
 * screen starts near the top of a phone's screen. The app adds its own menu.
 */
import type { ComponentChildren } from 'preact';
import { LOCALE_INFO, type Locale } from '../../domain/locales.js';
import { localise } from '../../domain/localised-text.js';
import { telHref } from '../../domain/services.js';
import { format, MESSAGES, type Messages } from '../i18n/messages.js';
import { VERIFY_MESSAGES } from '../i18n/verify-messages.js';
import { EVENTS_MESSAGES } from '../i18n/events-messages.js';
import {
  findService,
  HOME_SLUG,
  orgName,
  pagePath,
  VAULT_SLUG,
  VERIFY_SLUG,
  type Site,
} from './site.js';

export interface LayoutProps {
  readonly site: Site;
  readonly locale: Locale;
  readonly title: string;
  readonly description?: string | undefined;
  /** The page's slug when it exists in every language; undefined for error pages. */
  readonly slug?: string | undefined;
  /** Scripts and stylesheets this page needs besides the site's own. */
  readonly scripts?: readonly string[];
  readonly stylesheets?: readonly string[];
  /** Module chunks the page's scripts import, fetched at once (`<link rel="modulepreload">`). */
  readonly preloads?: readonly string[] | undefined;
  /** 'vault': the compact frame of the private space (no public header or navigation). */
  readonly frame?: 'public' | 'vault';
  /** The whole tab title, when the page makes its own (the vault's is neutral). */
  readonly documentTitle?: string;
  /** Feeds a reader can find from the page (`<link rel="alternate">`). */
  readonly feeds?: readonly { href: string; type: string; title: string }[];
  /** The footer's line about cookies and tracking, where the page is not a public one. */
  readonly privacyLine?: string;
  /** Shown above the page's content: the staff area's "this is a preview" line. */
  readonly banner?: ComponentChildren;
  readonly children: ComponentChildren;
}

export function Layout({
  site,
  locale,
  title,
  description,
  slug,
  scripts = [],
  stylesheets = [],
  preloads = [],
  frame = 'public',
  documentTitle,
  feeds = [],
  privacyLine,
  banner,
  children,
}: LayoutProps) {
  const t = MESSAGES[locale];
  const info = LOCALE_INFO[locale];
  const name = orgName(site, locale);
  return (
    <html lang={info.tag} dir={info.dir}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{documentTitle ?? (slug === HOME_SLUG ? name : `${title} – ${name}`)}</title>
        {description && <meta name="description" content={description} />}
        {[...site.assets.stylesheets, ...stylesheets].map((href) => (
          <link rel="stylesheet" href={href} key={href} />
        ))}
        {slug !== undefined &&
          site.locales.map((l) => (
            <link
              rel="alternate"
              hrefLang={LOCALE_INFO[l].tag}
              href={pagePath(site, l, slug)}
              key={l}
            />
          ))}
        {feeds.map((f) => (
          <link rel="alternate" type={f.type} href={f.href} title={f.title} key={f.href} />
        ))}
        {[site.assets.script, ...scripts].map((src) => (
          <script type="module" src={src} key={src} />
        ))}
        {preloads.map((href) => (
          <link rel="modulepreload" href={href} key={href} />
        ))}
      </head>
      <body>
        <a href="#main" class="skip-link">
          {t.skipLink}
        </a>
        {frame === 'vault' ? (
          <VaultFrame site={site} locale={locale} t={t} />
        ) : (
          <PublicHeader site={site} locale={locale} slug={slug} t={t} />
        )}
        <main id="main" tabindex={-1}>
          <div class="width-container">
            {banner}
            {children}
          </div>
        </main>
        <Footer site={site} locale={locale} t={t} privacyLine={privacyLine} />
        <div class="visually-hidden" aria-live="polite" data-quick-exit-announce />
      </body>
    </html>
  );
}

function PublicHeader(props: {
  site: Site;
  locale: Locale;
  slug: string | undefined;
  t: Messages;
}) {
  const { site, locale, slug, t } = props;
  const name = orgName(site, locale);
  return (
    <>
      <QuickExit site={site} locale={locale} t={t} />
      <header class="site-header">
        <div class="width-container site-header__inner">
          <a href={pagePath(site, locale, HOME_SLUG)} class="site-header__name">
            {site.assets.logo && <img src={site.assets.logo} alt="" class="site-header__logo" />}
            <span class="site-header__long">{name}</span>
            <span class="site-header__short">{localise(site.profile.shortName, locale)}</span>
          </a>
          {slug !== undefined && site.locales.length > 1 && (
            <LanguageSwitcher site={site} locale={locale} slug={slug} t={t} />
          )}
        </div>
      </header>
      <MainNav site={site} locale={locale} slug={slug} t={t} />
    </>
  );
}

/**
 * The private space's slim bar: the organisation's short name (plain text: a link would leave
 * the vault) and quick exit, which works as on every page (a plain link without JavaScript,
 * Shift three times with it).
 */
function VaultFrame({ site, locale, t }: { site: Site; locale: Locale; t: Messages }) {
  return (
    <header class="quick-exit vault-frame">
      <div class="width-container quick-exit__inner vault-frame__inner">
        <span class="vault-frame__name">
          {site.assets.logo && <img src={site.assets.logo} alt="" class="vault-frame__logo" />}
          <span class="vault-frame__text">{localise(site.profile.shortName, locale)}</span>
        </span>
        <QuickExitButton site={site} t={t} />
      </div>
    </header>
  );
}

function QuickExit({ site, locale, t }: { site: Site; locale: Locale; t: Messages }) {
  return (
    <div class="quick-exit">
      <div class="width-container quick-exit__inner">
        <QuickExitButton site={site} t={t} />
        <a href={pagePath(site, locale, 'browsing-safely')} class="quick-exit__help">
          {t.quickExit.help}
        </a>
      </div>
    </div>
  );
}

/** The quick-exit link alone; the installed app's page (AppShell) shows it in its own bar. */
export function QuickExitButton({ site, t }: { site: Site; t: Messages }) {
  return (
    <a
      href={site.profile.quickExit.url}
      rel="nofollow noreferrer"
      class="quick-exit__button"
      data-quick-exit-button=""
      data-text-presses-left={t.quickExit.pressesLeft}
      data-text-presses-left-one={t.quickExit.pressesLeftOne}
      data-text-expired={t.quickExit.expired}
      data-text-leaving={t.quickExit.leaving}
    >
      {t.quickExit.button}
    </a>
  );
}

function LanguageSwitcher(props: { site: Site; locale: Locale; slug: string; t: Messages }) {
  const { site, locale, slug, t } = props;
  return (
    <nav class="language-switcher" aria-label={t.language.label}>
      <ul>
        {site.locales.map((l) => (
          <li key={l}>
            <a
              href={pagePath(site, l, slug)}
              hrefLang={LOCALE_INFO[l].tag}
              lang={LOCALE_INFO[l].tag}
              aria-current={l === locale ? 'true' : undefined}
            >
              {LOCALE_INFO[l].nativeName}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function MainNav(props: { site: Site; locale: Locale; slug: string | undefined; t: Messages }) {
  const { site, locale, slug, t } = props;
  const items = [...(site.pages.get(locale)?.values() ?? [])]
    .filter((p) => p.nav !== undefined)
    .sort((a, b) => (a.nav ?? 0) - (b.nav ?? 0));
  return (
    <nav class="site-nav" aria-label={t.nav.label}>
      <div class="width-container">
        <ul>
          {items.map((p) => (
            <li key={p.slug}>
              <a
                href={pagePath(site, locale, p.slug)}
                aria-current={p.slug === slug ? 'page' : undefined}
              >
                {p.navLabel ?? p.title}
              </a>
            </li>
          ))}
          {(['news', 'events'] as const).map((s) => (
            <li key={s}>
              <a
                href={pagePath(site, locale, s)}
                aria-current={slug === s ? 'page' : slug?.startsWith(`${s}/`) ? 'true' : undefined}
              >
                {EVENTS_MESSAGES[locale].nav[s]}
              </a>
            </li>
          ))}
          <li class="site-nav__vault">
            <a href={pagePath(site, locale, VAULT_SLUG)}>{t.nav.vault}</a>
          </li>
        </ul>
      </div>
    </nav>
  );
}

function Footer({
  site,
  locale,
  t,
  privacyLine,
}: {
  site: Site;
  locale: Locale;
  t: Messages;
  privacyLine?: string | undefined;
}) {
  const emergency = findService(site, 'emergency');
  const stalking = findService(site, 'national-stalking-helpline');
  const police = site.profile.police;
  const force = localise(police.name, locale);
  const pages = site.pages.get(locale);
  const footerLinks = ['browsing-safely', 'privacy', 'accessibility']
    .map((s) => pages?.get(s))
    .filter((p) => p !== undefined);
  return (
    <footer class="site-footer">
      <div class="width-container">
        <div class="site-footer__grid">
          <section aria-labelledby="footer-emergency">
            <h2 id="footer-emergency">{t.footer.emergencyHeading}</h2>
            {emergency?.phone !== undefined && (
              <p class="site-footer__emergency">
                <Slots
                  template={t.footer.emergency}
                  slots={{ phone: <a href={telHref(emergency.phone)}>{emergency.phone}</a> }}
                />
              </p>
            )}
            <p>{t.footer.silentSolution}</p>
            <p>
              <Slots
                template={
                  police.onlineReportUrl ? t.footer.nonEmergency : t.footer.nonEmergencyNoOnline
                }
                slots={{
                  phone: <a href={telHref(police.nonEmergencyPhone)}>{police.nonEmergencyPhone}</a>,
                  force: police.onlineReportUrl ? (
                    <a href={police.onlineReportUrl}>{force}</a>
                  ) : (
                    force
                  ),
                }}
              />
            </p>
          </section>
          <section aria-labelledby="footer-helpline">
            <h2 id="footer-helpline">{t.footer.helplineHeading}</h2>
            {stalking?.phone !== undefined && (
              <p>
                {localise(stalking.name, locale)}:{' '}
                <a href={telHref(stalking.phone)}>{stalking.phone}</a>
              </p>
            )}
            <ul aria-label={t.footer.links}>
              {footerLinks.map((p) => (
                <li key={p.slug}>
                  <a href={pagePath(site, locale, p.slug)}>{p.title}</a>
                </li>
              ))}
              <li>
                <a href={pagePath(site, locale, VERIFY_SLUG)}>
                  {VERIFY_MESSAGES[locale].footerLink}
                </a>
              </li>
            </ul>
          </section>
        </div>
        <p class="site-footer__meta">
          {privacyLine ?? t.footer.noTracking}{' '}
          {format(t.footer.runBy, { org: orgName(site, locale) })}
        </p>
      </div>
    </footer>
  );
}

/** A translated sentence with elements (links) in its `{slots}`, keeping each language's word order. */
function Slots({
  template,
  slots,
}: {
  template: string;
  slots: Record<string, ComponentChildren>;
}) {
  const parts = template.split(/(\{\w+\})/);
  return (
    <>
      {parts.map((part) => {
        const name = /^\{(\w+)\}$/.exec(part)?.[1];
        return name !== undefined && name in slots ? slots[name] : part;
      })}
    </>
  );
}
