import type { Locale } from '../../domain/locales.js';
import { MESSAGES } from '../i18n/messages.js';
import { Layout } from './Layout.js';
import { VAULT_SLUG, type Site } from './site.js';

/**
 * The page the vault app mounts into. It carries no vault data: everything private is fetched
 * as ciphertext and decrypted in memory by the app.
 */
export function VaultShell({ site, locale }: { site: Site; locale: Locale }) {
  const t = MESSAGES[locale].vault;
  return (
    <Layout
      site={site}
      locale={locale}
      title={t.title}
      slug={VAULT_SLUG}
      scripts={[site.assets.vaultScript]}
      stylesheets={site.assets.vaultStylesheets}
    >
      <div id="vault-app" data-locale={locale}>
        <h1>{t.title}</h1>
        <p class="vault-loading">{t.loading}</p>
        <noscript>
          <p class="notice">{t.noScript}</p>
        </noscript>
      </div>
    </Layout>
  );
}
