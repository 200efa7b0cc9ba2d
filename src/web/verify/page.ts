// The /verify page's script: small on purpose. The checker itself (zip.js, libsodium, the
// RFC 3161 code) is in the worker, which the browser fetches only when a file is chosen.
import workerUrl from './verify-worker.ts?worker&url';
import { setUpVerify } from './ui.js';
import './verify.css';

/** The parts of the Trusted Types API used here (not yet in TypeScript's DOM types). */
interface TrustedTypesFactory {
  createPolicy(
    name: string,
    rules: { createScriptURL: (url: string) => string },
  ): { createScriptURL(url: string): unknown };
}

let policy: { createScriptURL(url: string): unknown } | undefined;

/** The worker's address as a TrustedScriptURL: the site's CSP requires Trusted Types. */
function trustedWorkerUrl(): string {
  const href = new URL(workerUrl, document.baseURI).href;
  const factory = (window as unknown as { trustedTypes?: TrustedTypesFactory }).trustedTypes;
  if (factory === undefined) return href;
  policy ??= factory.createPolicy('mosaic-verify-worker', {
    createScriptURL: (url) => {
      if (url !== href) throw new TypeError('not the checker');
      return url;
    },
  });
  return policy.createScriptURL(href) as string;
}

setUpVerify(document, () => new Worker(trustedWorkerUrl(), { name: 'verify' }));
