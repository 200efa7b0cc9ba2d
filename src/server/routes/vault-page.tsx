/**
 * /vault (and /cy/vault …): the shell of the private diary. no-store like every page; the
 * policy adds only what WebAssembly crypto needs, and what showing decrypted evidence needs:
 * the app decrypts a photo, recording, video or PDF in memory and shows it from an object URL
 * it made itself (`blob:` is same-origin and only this page's own script can mint one), in an
 * img, audio or video element, or a frame for a PDF. Nothing else may load from `blob:`.
 */
import type { FastifyInstance } from 'fastify';
import { VaultShell } from '../../web/pages/VaultShell.js';
import { renderDocument } from '../../web/pages/render.js';
import { pagePath, VAULT_SLUG, type Site } from '../../web/pages/site.js';
import { contentSecurityPolicy, permissionsPolicy } from '../plugins/security-headers.js';
import { sendHtml } from './pages.js';

/** Capturing a photo or a recording as evidence, and the position only when the person asks. */
const VAULT_PERMISSIONS = permissionsPolicy(['camera', 'microphone', 'geolocation']);

export function vaultPageRoutes(app: FastifyInstance, site: Site): void {
  const csp = [
    contentSecurityPolicy({ 'script-src': ["'wasm-unsafe-eval'"], 'img-src': ['blob:'] }),
    'media-src blob:',
    'frame-src blob:',
  ].join(';');
  for (const locale of site.locales) {
    const html = renderDocument(<VaultShell site={site} locale={locale} />);
    app.get(pagePath(site, locale, VAULT_SLUG), (_request, reply) => {
      reply.header('content-security-policy', csp);
      reply.header('permissions-policy', VAULT_PERMISSIONS);
      return sendHtml(reply, 200, html);
    });
  }
}
