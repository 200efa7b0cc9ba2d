import { DISGUISE_IDS, ORGANISATION_APP } from '../../domain/disguises.js';
import type { Locale } from '../../domain/locales.js';
import { localise } from '../../domain/localised-text.js';
import { MESSAGES } from '../i18n/messages.js';
import { Layout } from './Layout.js';
import { pagePath, VAULT_SLUG, type Site } from './site.js';

/**
 * The page the vault app mounts into, in the compact vault frame (quick exit, no public
 * navigation). It carries no vault data: everything private is fetched as ciphertext and
 * decrypted in memory by the app. The tab title names only the organisation's short name
 * (`data-site-name`), which the app puts after each screen's fixed title. `data-verify-html` is
 * the address of verify.html, which the app fetches to put in an evidence bundle. `data-app-*`
 * tell Settings which looks the installed app can take and where their pages are (no manifest
 * is linked here: only the app's own page links one).
 */
export function VaultShell({ site, locale }: { site: Site; locale: Locale }) {
  const t = MESSAGES[locale].vault;
  const shortName = localise(site.profile.shortName, locale);
  return (
    <Layout
      site={site}
      locale={locale}
      title={t.title}
      documentTitle={`${t.title} – ${shortName}`}
      slug={VAULT_SLUG}
      frame="vault"
      scripts={[site.assets.vaultScript]}
      stylesheets={site.assets.vaultStylesheets}
      preloads={site.assets.vaultPreloads}
    >
      <div
        id="vault-app"
        data-locale={locale}
        data-site-name={shortName}
        data-verify-html={site.assets.verifyHtml}
        data-app-base={`${pagePath(site, locale, VAULT_SLUG)}/app/`}
        data-app-looks={site.profile.app.disguises ? DISGUISE_IDS.join(' ') : ORGANISATION_APP}
        data-app-default={site.profile.app.defaultDisguise}
      >
        <h1>{t.title}</h1>
        <p class="vault-loading">{t.loading}</p>
        <noscript>
          <p class="notice">{t.noScript}</p>
        </noscript>
      </div>
    </Layout>
  );
}
