/**
 * /verify (and /cy/verify): the bundle checker, public like every page (no cookies, no-store).
 * The page carries this deployment's log key in its form, so a person need not fetch it; the
 * script checks the chosen file in a worker and sends nothing (src/web/verify/).
 *
 * Policy: the site's own, plus 'wasm-unsafe-eval' for libsodium, which is WebAssembly (it allows
 * compiling WebAssembly only: no inline script, no eval of JavaScript). A dedicated worker takes
 * its policy from its own response, so the checker's worker file is served with the same one.
 */
import type { FastifyInstance } from 'fastify';
import { renderDocument } from '../../web/pages/render.js';
import { pagePath, VERIFY_SLUG, type Site } from '../../web/pages/site.js';
import { VerifyPage } from '../../web/pages/VerifyPage.js';
import { contentSecurityPolicy } from '../plugins/security-headers.js';
import { sendHtml } from './pages.js';

export const VERIFY_PAGE_CSP = contentSecurityPolicy({ 'script-src': ["'wasm-unsafe-eval'"] });

/** The checker's worker file, as Vite names it (src/web/verify/verify-worker.ts). */
const WORKER_FILE = /^\/assets\/verify-worker-[A-Za-z0-9_-]+\.js$/;

export function verifyPageRoutes(app: FastifyInstance, site: Site, logKey: string): void {
  for (const locale of site.locales) {
    const html = renderDocument(<VerifyPage site={site} locale={locale} logKey={logKey} />);
    app.get(pagePath(site, locale, VERIFY_SLUG), (_request, reply) => {
      reply.header('content-security-policy', VERIFY_PAGE_CSP);
      return sendHtml(reply, 200, html);
    });
  }
  app.addHook('onSend', async (request, reply) => {
    if (WORKER_FILE.test(request.url)) reply.header('content-security-policy', VERIFY_PAGE_CSP);
  });
}
