/**
 * /witness (and /cy/witness): the page a witness link opens, public like every page (no cookies,
 * no-store, Referrer-Policy no-referrer from the site's headers) and not for search engines. It
 * is the same for every link and carries nothing about one (docs/vault-protocol.md §15.3).
 *
 * Policy: the site's own, plus 'wasm-unsafe-eval' for libsodium (WebAssembly only), which seals
 * the statement on the witness's device.
 */
import type { FastifyInstance } from 'fastify';
import { renderDocument } from '../../web/pages/render.js';
import { WitnessPage } from '../../web/pages/WitnessPage.js';
import { pagePath, WITNESS_SLUG, type Site } from '../../web/pages/site.js';
import { WASM_POLICY } from '../plugins/security-headers.js';
import { sendHtml } from './pages.js';

export function witnessPageRoutes(app: FastifyInstance, site: Site): void {
  for (const locale of site.locales) {
    const html = renderDocument(<WitnessPage site={site} locale={locale} />);
    app.get(pagePath(site, locale, WITNESS_SLUG), (_request, reply) => {
      reply.header('content-security-policy', WASM_POLICY);
      reply.header('x-robots-tag', 'noindex, nofollow');
      return sendHtml(reply, 200, html);
    });
  }
}
