/**
 * /vault (and /cy/vault …): the shell of the private diary. no-store like every page; the
 * policy adds only what WebAssembly crypto needs, and what showing decrypted evidence needs:
 * the app decrypts a photo, recording, video or PDF in memory and shows it from an object URL
 * it made itself (`blob:` is same-origin and only this page's own script can mint one), in an
 * img, audio or video element, or a frame for a PDF. Nothing else may load from `blob:`.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { VaultShell } from '../../web/pages/VaultShell.js';
import { renderDocument } from '../../web/pages/render.js';
import { pagePath, VAULT_SLUG, type Site } from '../../web/pages/site.js';
import { contentSecurityPolicy, permissionsPolicy } from '../plugins/security-headers.js';
import { sendHtml } from './pages.js';

/** Capturing a photo or a recording as evidence, and the position only when the person asks. */
const VAULT_PERMISSIONS = permissionsPolicy(['camera', 'microphone', 'geolocation']);

const VAULT_CSP = [
  contentSecurityPolicy({ 'script-src': ["'wasm-unsafe-eval'"], 'img-src': ['blob:'] }),
  'media-src blob:',
  'frame-src blob:',
].join(';');

/** The vault page's policies; the installed app's page (vault-app.tsx) runs the same app. */
export function vaultPageHeaders(reply: FastifyReply): void {
  reply.header('content-security-policy', VAULT_CSP);
  reply.header('permissions-policy', VAULT_PERMISSIONS);
}

export function vaultPageRoutes(app: FastifyInstance, site: Site): void {
  for (const locale of site.locales) {
    const html = renderDocument(<VaultShell site={site} locale={locale} />);
    app.get(pagePath(site, locale, VAULT_SLUG), (_request, reply) => {
      vaultPageHeaders(reply);
      return sendHtml(reply, 200, html);
    });
  }
}
