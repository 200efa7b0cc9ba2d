/**
 * /share (and /cy/share): the page a share link opens, public like every page (no cookies,
 * no-store, Referrer-Policy no-referrer from the site's headers) and not for search engines. It
 * is the same for every share and carries nothing about one (docs/vault-protocol.md §14.4).
 *
 * Policy: the site's own, plus 'wasm-unsafe-eval' for libsodium (WebAssembly only), which derives
 * the keys from the passcode on the recipient's device.
 */
import type { FastifyInstance } from 'fastify';
import { renderDocument } from '../../web/pages/render.js';
import { SharePage } from '../../web/pages/SharePage.js';
import { pagePath, SHARE_SLUG, type Site } from '../../web/pages/site.js';
import { WASM_POLICY } from '../plugins/security-headers.js';
import { sendHtml } from './pages.js';

export function sharePageRoutes(app: FastifyInstance, site: Site): void {
  for (const locale of site.locales) {
    const html = renderDocument(<SharePage site={site} locale={locale} />);
    app.get(pagePath(site, locale, SHARE_SLUG), (_request, reply) => {
      reply.header('content-security-policy', WASM_POLICY);
      reply.header('x-robots-tag', 'noindex, nofollow');
      return sendHtml(reply, 200, html);
    });
  }
}
