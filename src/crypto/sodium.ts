/**
 * libsodium loads a WebAssembly module asynchronously. Every public operation in `src/crypto`
 * awaits `loadSodium()` (a cached promise, so the cost is paid once); the few synchronous helpers
 * that need libsodium call `sodiumSync()`, which fails loudly instead of misbehaving when the
 * module is not loaded yet.
 */
import sodium, { type StateAddress } from 'libsodium-wrappers-sumo';
import { CryptoError } from './errors.js';

export type Sodium = typeof sodium;
export type { StateAddress };

let loaded: Sodium | undefined;
let loading: Promise<Sodium> | undefined;

/** Resolves to the initialised libsodium instance (loads it on first call). */
export function loadSodium(): Promise<Sodium> {
  loading ??= sodium.ready.then(
    () => {
      loaded = sodium;
      return sodium;
    },
    () => {
      loading = undefined; // let a later call try again
      throw new CryptoError('not_ready', 'the crypto library could not load in this browser');
    },
  );
  return loading;
}

/**
 * Resolves when the crypto library is ready. Await it once at start-up before using the
 * synchronous helpers (`bytesEqual`, `wipe`); the async operations await it themselves.
 *
 * @example
 * await cryptoReady();
 * bytesEqual(a, b);
 */
export async function cryptoReady(): Promise<void> {
  await loadSodium();
}

/** The loaded libsodium instance; throws `not_ready` if `cryptoReady()` has not resolved yet. */
export function sodiumSync(): Sodium {
  if (loaded === undefined) {
    throw new CryptoError(
      'not_ready',
      'await cryptoReady() before using synchronous crypto helpers',
    );
  }
  return loaded;
}
