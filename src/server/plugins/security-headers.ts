/**
 * Security headers on every response. Scripts and styles come only from this origin's files
 * (no inline code of any kind), nothing may frame the site, no referrer leaves it, and powerful
 * browser features are off. HSTS is sent only over TLS, where it means something.
 */
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export const CONTENT_SECURITY_POLICY = {
  'default-src': ["'none'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'"],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'manifest-src': ["'self'"],
  'worker-src': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
  'base-uri': ["'none'"],
  'object-src': ["'none'"],
  'require-trusted-types-for': ["'script'"],
} as const;

/**
 * The policy as a header value, with extra sources for one route. The vault page adds
 * 'wasm-unsafe-eval' to script-src: libsodium is WebAssembly, and compiling it needs that
 * permission. It allows no inline script and no eval of JavaScript.
 */
export function contentSecurityPolicy(
  extra: Partial<Record<keyof typeof CONTENT_SECURITY_POLICY, string[]>> = {},
): string {
  return Object.entries(CONTENT_SECURITY_POLICY)
    .map(([name, sources]) => {
      const all = [...sources, ...(extra[name as keyof typeof CONTENT_SECURITY_POLICY] ?? [])];
      return `${name} ${all.join(' ')}`;
    })
    .join(';');
}

/**
 * Features no public page needs; the vault page allows a few to itself (`permissionsPolicy`).
 * Only features Chromium recognises: an unknown one (Web Bluetooth's 'bluetooth' is not a
 * Permissions-Policy feature there) logs a console error on every page, and turning off
 * something the browser does not offer protects nothing.
 */
const POLICY_FEATURES = [
  'accelerometer',
  'autoplay',
  'browsing-topics',
  'camera',
  'display-capture',
  'geolocation',
  'gyroscope',
  'hid',
  'interest-cohort',
  'magnetometer',
  'microphone',
  'midi',
  'payment',
  'publickey-credentials-get',
  'serial',
  'usb',
  'xr-spatial-tracking',
] as const;

/**
 * The Permissions-Policy header: every listed feature off, except those this page may use itself
 * (the vault: the camera and microphone to capture evidence, the position when the person asks).
 */
export function permissionsPolicy(
  allowSelf: readonly (typeof POLICY_FEATURES)[number][] = [],
): string {
  return POLICY_FEATURES.map((f) => `${f}=${allowSelf.includes(f) ? '(self)' : '()'}`).join(', ');
}

export const PERMISSIONS_POLICY = permissionsPolicy();

/**
 * The policy for pages and workers that run libsodium (WebAssembly): the vault page, the /verify
 * page, and their workers. It allows compiling WebAssembly only: no inline script, no eval.
 */
export const WASM_POLICY = contentSecurityPolicy({ 'script-src': ["'wasm-unsafe-eval'"] });

/**
 * Worker scripts that decrypt, hash or check signatures with libsodium, as Vite names them
 * (`<name>-<hash>.js`): the report worker (src/web/app/report/), the evidence file worker
 * (src/web/app/evidence/), the diary workers (src/web/app/diary-open/) and the bundle checker's
 * (src/web/verify/). A dedicated worker runs under the policy sent with its own script, not its
 * page's. Anchored, so a query string or a decorated path gets the site's default policy.
 */
const WASM_WORKER = /^\/assets\/(?:report|file|diary|verify)-worker-[A-Za-z0-9_-]+\.js$/;

const STAFF_URL = /^\/staff(?:[/?]|$)/;

async function securityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    referrerPolicy: { policy: 'no-referrer' },
    frameguard: { action: 'deny' },
    crossOriginEmbedderPolicy: { policy: 'require-corp' },
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    crossOriginResourcePolicy: { policy: 'same-origin' },
    strictTransportSecurity: false,
  });

  app.addHook('onSend', async (request, reply) => {
    if (WASM_WORKER.test(request.url)) reply.header('content-security-policy', WASM_POLICY);
    if (!reply.hasHeader('permissions-policy'))
      reply.header('permissions-policy', PERMISSIONS_POLICY);
    if (request.protocol === 'https') {
      reply.header('strict-transport-security', 'max-age=63072000; includeSubDomains');
    }
    // Public pages never set cookies; a stray one from any plugin is dropped here. The API and
    // the staff area (its own cookie, scoped to /staff) are the only places that set one.
    if (!request.url.startsWith('/api/') && !STAFF_URL.test(request.url)) {
      reply.removeHeader('set-cookie');
    }
  });
}

export default fp(securityHeaders, { name: 'security-headers' });
