/**
 * Deterministic pseudo-random bytes for the evidence tests (xorshift32): the same seed gives the
 * same file, and no two neighbouring chunks repeat, so a chunk read from the wrong offset shows.
 */
export function bytesOf(n: number, seed: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(n);
  let x = seed | 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}
