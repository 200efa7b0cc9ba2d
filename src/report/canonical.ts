/**
 * Canonical JSON for entries.json: object keys sorted by UTF-16 code units (as RFC 8785 JCS
 * sorts them), two-space indent, a final newline. The same value always gives the same bytes,
 * so two people who make a bundle from the same records get the same file, and the verifier can
 * compare a decrypted record with the written one by text.
 */

/** Values canonical JSON accepts: what JSON.parse gives back, with finite numbers only. */
export type Json =
  null | boolean | number | string | readonly Json[] | { readonly [k: string]: Json };

function sortDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortDeep);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortDeep(v);
    }
    return out;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw new TypeError('canonical JSON has no NaN or Infinity');
  }
  return value;
}

/**
 * @example canonicalJson({ b: 1, a: [true] }) // '{\n  "a": [\n    true\n  ],\n  "b": 1\n}\n'
 */
export function canonicalJson(value: unknown): string {
  return `${JSON.stringify(sortDeep(value), null, 2)}\n`;
}

/** The canonical text of a value without the layout, for comparing two values. */
export function canonicalCompact(value: unknown): string {
  return JSON.stringify(sortDeep(value));
}
