/**
 * /vault (and /cy/vault …): the shell of the private diary. no-store like every page; the
 * policy adds only what WebAssembly crypto needs.
 */
import type { FastifyInstance } from 'fastify';
import { VaultShell } from '../../web/pages/VaultShell.js';
import { renderDocument } from '../../web/pages/render.js';
import { pagePath, VAULT_SLUG, type Site } from '../../web/pages/site.js';
import { contentSecurityPolicy } from '../plugins/security-headers.js';
import { sendHtml } from './pages.js';

export function vaultPageRoutes(app: FastifyInstance, site: Site): void {
  const csp = contentSecurityPolicy({ 'script-src': ["'wasm-unsafe-eval'"] });
  for (const locale of site.locales) {
    const html = renderDocument(<VaultShell site={site} locale={locale} />);
    app.get(pagePath(site, locale, VAULT_SLUG), (_request, reply) => {
      reply.header('content-security-policy', csp);
      return sendHtml(reply, 200, html);
    });
  }
}
