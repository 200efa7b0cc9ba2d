/**
 * /verify (and /cy/verify): the bundle checker, public like every page (no cookies, no-store).
 * The page carries this deployment's log key in its form, so a person need not fetch it; the
 * script checks the chosen file in a worker and sends nothing (src/web/verify/).
 *
 * Policy: the site's own, plus 'wasm-unsafe-eval' for libsodium, which is WebAssembly (it allows
 * compiling WebAssembly only: no inline script, no eval of JavaScript). Its worker file gets the
 * same policy in plugins/security-headers.ts.
 */
import type { FastifyInstance } from 'fastify';
import { renderDocument } from '../../web/pages/render.js';
import { pagePath, VERIFY_SLUG, type Site } from '../../web/pages/site.js';
import { VerifyPage } from '../../web/pages/VerifyPage.js';
import { WASM_POLICY } from '../plugins/security-headers.js';
import { sendHtml } from './pages.js';

export function verifyPageRoutes(app: FastifyInstance, site: Site, logKey: string): void {
  for (const locale of site.locales) {
    const html = renderDocument(<VerifyPage site={site} locale={locale} logKey={logKey} />);
    app.get(pagePath(site, locale, VERIFY_SLUG), (_request, reply) => {
      reply.header('content-security-policy', WASM_POLICY);
      return sendHtml(reply, 200, html);
    });
  }
}
