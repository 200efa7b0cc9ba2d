/**
 * Bytes on the wire: the API carries keys, ciphertext and hashes as unpadded base64url text
 * (src/contract/vault-api.ts). One pair of converters for every route file.
 */

/** Bytes as the API writes them. */
export const toBase64Url = (data: Uint8Array): string => Buffer.from(data).toString('base64url');

/** Bytes from the API's text; the contract's schema has already checked the alphabet. */
export const fromBase64Url = (text: string): Uint8Array =>
  new Uint8Array(Buffer.from(text, 'base64url'));
