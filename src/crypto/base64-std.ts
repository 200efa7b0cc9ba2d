/**
 * Standard base64 (RFC 4648 §4, standard alphabet, padded, canonical), as every C2SP text
 * format uses: signed notes (signed-note.ts), their keys (note-keys.ts) and tlog proofs. Not the
 * vault's base64url (bytes.ts): these texts must match the C2SP specs byte for byte.
 */
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_INDEX = new Int16Array(128).fill(-1);
for (let i = 0; i < B64.length; i++) B64_INDEX[B64.charCodeAt(i)] = i;

/**
 * Standard padded base64 (RFC 4648 §4), as every C2SP text format uses.
 *
 * @example toBase64(new Uint8Array([0xfb, 0xff])) // '+/8='
 */
export function toBase64(bytes: Uint8Array): string {
  let s = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    s += (B64[(n >> 18) & 63] ?? '') + (B64[(n >> 12) & 63] ?? '');
    s += (B64[(n >> 6) & 63] ?? '') + (B64[n & 63] ?? '');
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = (bytes[i] ?? 0) << 16;
    s += (B64[(n >> 18) & 63] ?? '') + (B64[(n >> 12) & 63] ?? '') + '==';
  } else if (rest === 2) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8);
    s += (B64[(n >> 18) & 63] ?? '') + (B64[(n >> 12) & 63] ?? '') + (B64[(n >> 6) & 63] ?? '');
    s += '=';
  }
  return s;
}

/**
 * Parses standard padded base64 strictly: length a multiple of 4, padding only at the end, no
 * whitespace, unused bits zero — so each byte string has exactly one accepted text form and a
 * changed character can never decode to the same bytes. Returns undefined when it is not.
 *
 * @example fromBase64('+/8=') // Uint8Array [0xfb, 0xff]
 */
export function fromBase64(text: string): Uint8Array | undefined {
  if (text.length % 4 !== 0) return undefined;
  let pad = 0;
  if (text.endsWith('==')) pad = 2;
  else if (text.endsWith('=')) pad = 1;
  const body = text.length - pad;
  const out = new Uint8Array((text.length / 4) * 3 - pad);
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (let i = 0; i < body; i++) {
    const code = text.charCodeAt(i);
    const v = code < 128 ? (B64_INDEX[code] ?? -1) : -1;
    if (v < 0) return undefined;
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  if ((acc & ((1 << bits) - 1)) !== 0) return undefined;
  return out;
}
