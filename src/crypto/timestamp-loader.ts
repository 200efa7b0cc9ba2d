/**
 * Loads the RFC 3161 code on demand. pkijs and asn1js are large, and most deployments never
 * stamp a checkpoint, so callers outside src/crypto import this loader rather than
 * `timestamp.ts` itself (the layer rules refuse an `import()` that crosses layers).
 */
export function loadTimestamp(): Promise<typeof import('./timestamp.js')> {
  return import('./timestamp.js');
}
