/**
 * A Web Worker's address as a Trusted Types TrustedScriptURL. The vault and the /verify page send
 * `require-trusted-types-for 'script'`, so `new Worker(url)` needs one; each worker gets its own
 * named policy that vouches for its one address and refuses any other. Where the browser has no
 * Trusted Types, the plain address is used (the CSP cannot require them there).
 *
 * The one copy for every page script that starts a worker (the vault's import and report
 * workers, the bundle checker's): its own layer, `web/browser`, which imports nothing, so both
 * `web/app` and `web/verify` may use it (eslint/layers.js).
 */

/** The parts of the Trusted Types API used here (not yet in TypeScript's DOM types). */
interface TrustedTypesFactory {
  createPolicy(
    name: string,
    rules: { createScriptURL: (url: string) => string },
  ): { createScriptURL(url: string): unknown };
}

const policies = new Map<string, { createScriptURL(url: string): unknown }>();

/**
 * The worker script at `workerUrl` (relative to the page) under the policy `policyName`.
 *
 * @example new Worker(trustedWorkerUrl(workerUrl, 'mosaic-report-worker'), { type: 'module' })
 */
export function trustedWorkerUrl(workerUrl: string, policyName: string): string {
  const href = new URL(workerUrl, document.baseURI).href;
  const factory = (window as unknown as { trustedTypes?: TrustedTypesFactory }).trustedTypes;
  if (factory === undefined) return href;
  let policy = policies.get(policyName);
  if (policy === undefined) {
    policy = factory.createPolicy(policyName, {
      createScriptURL: (url) => {
        if (url !== href) throw new TypeError(`${policyName} vouches only for its own worker`);
        return url;
      },
    });
    policies.set(policyName, policy);
  }
  // A TrustedScriptURL is accepted wherever the DOM types say string.
  return policy.createScriptURL(href) as string;
}
