/**
 * Sends the device's sealed quick records (docs/vault-protocol.md §16.4), oldest first, whenever
 * there is a connection: when the app starts, when the browser says it is online again, and
 * right after saving. Needs no session: the drop token is the proof. An item leaves the outbox
 * only once the server has it (201, or 200 for an id it already had), so a lost answer or a
 * restart sends it again and the server keeps it once.
 */
import { toBase64Url } from '../../../crypto/index.js';
import { isApiError, type VaultApi } from '../../../vault/index.js';
import { listQueued, readDevice, removeQueued } from './device-store.js';

let running: Promise<void> | undefined;
const listeners = new Set<() => void>();

/** Calls `listener` after every pass (to show how many are waiting); returns the unsubscribe. */
export function onOutboxChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

async function pass(api: VaultApi): Promise<void> {
  const device = await readDevice();
  if (device === undefined) return;
  for (const item of await listQueued()) {
    try {
      await api.sendQuickRecord({
        device: device.id,
        token: device.token,
        id: item.id,
        sealed: toBase64Url(item.sealed),
      });
    } catch (error) {
      // Offline, rate-limited, a full inbox, or the token turned off elsewhere: the item stays,
      // and the next pass tries again, in order.
      const forGood =
        isApiError(error, 'quick_record_too_large') || isApiError(error, 'quick_record_id_taken');
      if (!forGood) return;
      // Refused for good (too large, an id already used by another account): it can never be
      // sent, and it cannot be read on this device either.
    }
    await removeQueued(item.key);
  }
}

/** Sends what is waiting; one pass at a time. */
export function flushOutbox(api: VaultApi): Promise<void> {
  running ??= pass(api)
    .catch(() => undefined)
    .finally(() => {
      running = undefined;
      for (const l of listeners) l();
    });
  return running;
}

/** Starts sending now and whenever the connection comes back. */
export function startOutbox(api: VaultApi): void {
  void flushOutbox(api);
  window.addEventListener('online', () => void flushOutbox(api));
}
