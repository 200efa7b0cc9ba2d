/**
 * Exhibit references in the style UK police use: the initials of the person who produced the
 * item and a number, such as "AB/1". Also the safe file names evidence gets inside the bundle.
 */

/**
 * Up to three capital letters from the words of a name; "EX" when there is no name to use.
 *
 * @example exhibitInitials('Ann Ffion Bowen') // "AFB"
 * @example exhibitInitials('  ') // "EX"
 */
export function exhibitInitials(name: string | undefined): string {
  const letters = (name ?? '')
    .normalize('NFD')
    .split(/\s+/)
    .map((w) => /\p{L}/u.exec(w)?.[0] ?? '')
    .filter((c) => /^[A-Za-z]$/.test(c))
    .map((c) => c.toUpperCase())
    .slice(0, 3)
    .join('');
  return letters === '' ? 'EX' : letters;
}

/**
 * The file name an exhibit gets in the bundle: the reference with "/" as "-", then the original
 * name with anything that is not safe in a ZIP path on every system replaced by "_".
 *
 * @example exhibitFileName('AB/1', 'photo 1.jpg') // "AB-1-photo_1.jpg"
 */
export function exhibitFileName(ref: string, original: string): string {
  const safe = original
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}._-]+/gu, '_')
    .replace(/^\.+/, '_')
    .slice(0, 120);
  return `${ref.replace(/\//g, '-')}-${safe === '' ? 'file' : safe}`;
}
