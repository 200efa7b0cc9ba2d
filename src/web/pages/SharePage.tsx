/**
 * /share (and /cy/share): the page a share link opens (docs/vault-protocol.md §14.4). The page is
 * the same for every share: it carries nothing about one, and its script (src/web/share/) reads
 * the link's fragment and asks for the passcode before it fetches anything, so a link-preview bot
 * gets an empty form and uses nothing up. The vault code loads only after the passcode is sent.
 */
import type { Locale } from '../../domain/locales.js';
import { SHARE_MESSAGES } from '../i18n/share-messages.js';
import { Layout } from './Layout.js';
import { SHARE_SLUG, type Site } from './site.js';

export function SharePage(props: { site: Site; locale: Locale }) {
  const { site, locale } = props;
  const t = SHARE_MESSAGES[locale];
  const texts = Object.fromEntries(
    Object.entries(t).map(([key, value]) => [
      `data-text-${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`,
      value,
    ]),
  );
  return (
    <Layout
      site={site}
      locale={locale}
      title={t.title}
      description={t.description}
      slug={SHARE_SLUG}
      scripts={[site.assets.shareScript]}
      stylesheets={site.assets.shareStylesheets}
    >
      <div class="share" data-share="" data-verify-html={site.assets.verifyHtml} {...texts}>
        <h1>{t.title}</h1>
        <p class="lede">{t.intro}</p>
        <p class="notice">{t.private}</p>
        <noscript>
          <p>{t.noScript}</p>
        </noscript>
        <p class="share__problem" data-share-broken="" hidden>
          {t.linkBroken}
        </p>
        <form class="share__form" data-share-form="" hidden novalidate>
          <label class="label" for="share-passcode">
            {t.passcodeLabel}
          </label>
          <p class="hint" id="share-passcode-hint">
            {t.passcodeHint}
          </p>
          <input
            type="text"
            id="share-passcode"
            class="share__passcode"
            autocomplete="off"
            autocapitalize="characters"
            spellcheck={false}
            maxLength={20}
            aria-describedby="share-passcode-hint"
            data-share-passcode=""
          />
          <button type="submit" class="button">
            {t.open}
          </button>
        </form>
        <p class="share__status" role="status" aria-live="polite" data-share-status="" />
        <div data-share-case="" hidden />
      </div>
    </Layout>
  );
}
