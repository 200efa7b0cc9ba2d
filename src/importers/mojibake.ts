/**
 * Facebook's and Instagram's "Download your information" JSON writes every non-ASCII character
 * wrongly: the UTF-8 bytes of "é" (C3 A9) appear as two code points, "\u00c3\u00a9" ("Ã©"). The
 * repair reads each code point as a byte and decodes the bytes as UTF-8.
 *
 * It is a no-op on correct text: text holding any character above U+00FF cannot be mis-encoded
 * this way and is returned as it is; so is text whose code points are not valid UTF-8 when read
 * as bytes ("café" as correct text: E9 alone is not UTF-8), which covers any text of ASCII and
 * accented letters. The one ambiguous case is correct Latin-1 text where punctuation from
 * U+0080–U+00BF follows an accented capital ("È£" reads as UTF-8 "ȣ"); so whole files are judged
 * at once by `fileNeedsRepair`, and only for Meta's exports, where every string is mis-encoded.
 */

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** True when every code unit is at most U+00FF and at least one is U+0080 or above. */
function latin1WithHighBytes(text: string): boolean {
  let high = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0xff) return false;
    if (c >= 0x80) high = true;
  }
  return high;
}

/**
 * Repairs one string mis-encoded as Latin-1; returns it unchanged when it is not.
 *
 * @example
 * repairMojibake('Caf\u00c3\u00a9 \u00f0\u009f\u0098\u0080'); // 'Café 😀'
 * repairMojibake('Café 😀'); // unchanged
 */
export function repairMojibake(text: string): string {
  if (!latin1WithHighBytes(text)) return text;
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  try {
    return utf8.decode(bytes);
  } catch {
    return text;
  }
}

/**
 * Decides for a whole export whether its strings are mis-encoded: yes when no string holds a
 * character above U+00FF and at least one holds a valid mis-encoded sequence. Give it every
 * string of the file (names and texts).
 */
export function fileNeedsRepair(strings: Iterable<string>): boolean {
  let seen = false;
  for (const s of strings) {
    for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0xff) return false;
    if (!seen && repairMojibake(s) !== s) seen = true;
  }
  return seen;
}

/** The inverse, for tests and fixtures: writes text the way the export does. */
export function toMojibake(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let out = '';
  for (const b of bytes) out += String.fromCharCode(b);
  return out;
}
