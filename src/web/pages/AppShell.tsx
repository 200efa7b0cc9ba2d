/**
 * The installed app's page (`/vault/app/<look>`, the manifest's start address): the same vault
 * app as /vault, in a frame that says only the chosen look's name. No organisation name, logo,
 * footer or helpline: this is what shows when the app opens, in the app switcher and in the
 * tab title, so it must look like any other app (issue 17). Quick exit stays, as on every page.
 *
 * It links its own manifest (one address per look) and carries, for the app, the service
 * worker's address and scope and the look's id; it holds no vault data.
 */
import { LOCALE_INFO, type Locale } from '../../domain/locales.js';
import { APP_PAGE_MESSAGES } from '../i18n/app-messages.js';
import { MESSAGES } from '../i18n/messages.js';
import { QuickExitButton } from './Layout.js';
import type { Site } from './site.js';

export interface AppPageLinks {
  /** The look's id: a disguise ("notes") or "organisation". */
  readonly look: string;
  /** The look's name in this page's language. */
  readonly name: string;
  readonly themeColour: string;
  readonly manifest: string;
  /** The 192-pixel icon: the tab's icon and Safari's home-screen icon. */
  readonly icon: string;
  /** The stylesheet that gives the frame the look's colour. */
  readonly stylesheet: string;
  readonly worker: string;
  readonly scope: string;
  /** This language's /vault, where "stop using the app" goes. */
  readonly vault: string;
  /** The address of each look's page in this language, for changing the look. */
  readonly base: string;
  /** Every look this deployment offers, for changing the look in Settings. */
  readonly looks: readonly string[];
}

export function AppShell({
  site,
  locale,
  links,
}: {
  site: Site;
  locale: Locale;
  links: AppPageLinks;
}) {
  const t = MESSAGES[locale];
  const a = APP_PAGE_MESSAGES[locale];
  const info = LOCALE_INFO[locale];
  const stylesheets = [
    ...site.assets.stylesheets,
    ...site.assets.vaultStylesheets,
    links.stylesheet,
  ];
  return (
    <html lang={info.tag} dir={info.dir}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{links.name}</title>
        <meta name="theme-color" content={links.themeColour} />
        <meta name="apple-mobile-web-app-title" content={links.name} />
        <link rel="manifest" href={links.manifest} />
        <link rel="icon" href={links.icon} type="image/png" />
        <link rel="apple-touch-icon" href={links.icon} />
        {stylesheets.map((href) => (
          <link rel="stylesheet" href={href} key={href} />
        ))}
        {[site.assets.script, site.assets.vaultScript].map((src) => (
          <script type="module" src={src} key={src} />
        ))}
        {(site.assets.vaultPreloads ?? []).map((href) => (
          <link rel="modulepreload" href={href} key={href} />
        ))}
      </head>
      <body>
        <a href="#main" class="skip-link">
          {t.skipLink}
        </a>
        <header class="quick-exit vault-frame">
          <div class="width-container quick-exit__inner vault-frame__inner">
            <span class="vault-frame__name">
              <span class="vault-frame__text">{links.name}</span>
            </span>
            <QuickExitButton site={site} t={t} />
          </div>
        </header>
        <main id="main" tabindex={-1}>
          <div class="width-container">
            <div
              id="vault-app"
              data-locale={locale}
              data-site-name={links.name}
              data-app-look={links.look}
              data-app-name={links.name}
              data-app-worker={links.worker}
              data-app-scope={links.scope}
              data-app-base={links.base}
              data-app-looks={links.looks.join(' ')}
              data-app-vault={links.vault}
              data-verify-html={site.assets.verifyHtml}
            >
              <h1>{links.name}</h1>
              <p class="vault-loading">{a.loading}</p>
              <noscript>
                <p class="notice">{a.noScript}</p>
              </noscript>
            </div>
          </div>
        </main>
        <div class="visually-hidden" aria-live="polite" data-quick-exit-announce />
      </body>
    </html>
  );
}
