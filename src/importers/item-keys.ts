/**
 * The keys that stop an import adding the same message twice. Each imported incident keeps the
 * keys of the items it holds; a later import skips every item whose key is already there.
 *
 * A key is SHA-256 of `itemKey(item)` (channel, kind, sender, time as the file wrote it, text,
 * call direction, attachment names) and of how many identical items came before it in the same
 * file, cut to 128 bits and written as base64url (22 characters). The count matters: WhatsApp
 * times are to the minute, and "answer me" sent three times in one minute is three messages,
 * not one. Hashing keeps the stored key short whatever the text's length.
 *
 * Keys must be made from items as read, before a time zone is applied: `itemKey` uses the
 * exact instant when the item has one, so giving wall times an instant first would make the key
 * depend on which zone the person picked.
 */
import { itemKey } from './result.js';
import type { ImportedItem } from './types.js';

/** How many items are hashed before yielding to the event loop (progress, cancel). */
const BATCH = 512;

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function base64url(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out +=
      (ALPHABET[(n >> 18) & 63] ?? '') +
      (ALPHABET[(n >> 12) & 63] ?? '') +
      (ALPHABET[(n >> 6) & 63] ?? '') +
      (ALPHABET[n & 63] ?? '');
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = (bytes[i] ?? 0) << 16;
    out += (ALPHABET[(n >> 18) & 63] ?? '') + (ALPHABET[(n >> 12) & 63] ?? '');
  } else if (rest === 2) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8);
    out +=
      (ALPHABET[(n >> 18) & 63] ?? '') +
      (ALPHABET[(n >> 12) & 63] ?? '') +
      (ALPHABET[(n >> 6) & 63] ?? '');
  }
  return out;
}

/**
 * The text each item's key is hashed from: `itemKey` and the item's place among identical ones.
 * Exported for tests and for planning without hashing.
 *
 * @example
 * keySources([a, a, b]) // [itemKey(a) + '\n0', itemKey(a) + '\n1', itemKey(b) + '\n0']
 */
export function keySources(items: readonly ImportedItem[]): string[] {
  const seen = new Map<string, number>();
  return items.map((item) => {
    const base = itemKey(item);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return `${base}\n${n}`;
  });
}

/**
 * One key per item, in the same order. Uses WebCrypto, present in browsers (secure contexts and
 * workers) and in Node 20.
 *
 * @example
 * const keys = await keyItems(result.items); // ['q1mG3…', …], each 22 characters
 */
export async function keyItems(
  items: readonly ImportedItem[],
  options: { signal?: AbortSignal } = {},
): Promise<string[]> {
  const sources = keySources(items);
  const encoder = new TextEncoder();
  const keys: string[] = [];
  for (let start = 0; start < sources.length; start += BATCH) {
    if (options.signal?.aborted === true) throw new Error('cancelled');
    const batch = sources.slice(start, start + BATCH);
    const digests = await Promise.all(
      batch.map((s) => crypto.subtle.digest('SHA-256', encoder.encode(s))),
    );
    for (const d of digests) keys.push(base64url(new Uint8Array(d, 0, 16)));
  }
  return keys;
}
