/**
 * Benchmark and e2e accounts, signed up through the vault core (src/vault) — the same sign-up,
 * key derivation and HTTP client as the browser app — so a benchmark can then unlock in
 * Chromium with the passphrase.
 */
import { completeSignUp, prepareSignUp, VaultApi } from '../src/vault/index.js';

export interface BenchAccount {
  readonly accountKey: Uint8Array;
  /** The session cookie, for requests made outside `api`. */
  readonly cookie: string;
  readonly csrfToken: string;
  /** The vault's own client, signed in as this account. */
  readonly api: VaultApi;
}

/**
 * A fetch for Node that keeps the session cookie, as a browser would (Node's fetch has no
 * cookie jar); `cookie()` reads what it holds.
 */
export function cookieFetch(): { fetch: typeof fetch; cookie: () => string } {
  let cookie = '';
  const jarFetch: typeof fetch = async (input, init) => {
    const headers = new Headers(init?.headers);
    if (cookie) headers.set('cookie', cookie);
    const res = await fetch(input, { ...init, headers });
    const set = res.headers.getSetCookie()[0];
    if (set !== undefined) cookie = set.split(';')[0] ?? '';
    return res;
  };
  return { fetch: jarFetch, cookie: () => cookie };
}

export async function createBenchAccount(
  origin: string,
  username: string,
  passphrase: string,
): Promise<BenchAccount> {
  const jar = cookieFetch();
  const api = new VaultApi({ base: origin, fetch: jar.fetch });
  const prepared = await prepareSignUp(passphrase);
  const { session, accountKey } = await completeSignUp(api, prepared, username);
  api.setCsrfToken(session.csrfToken);
  return { accountKey, cookie: jar.cookie(), csrfToken: session.csrfToken, api };
}
