/**
 * What a zip's central directory may hold before any entry is read (issue #19). Mosaic never
 * writes an imported zip to disk, but a name that climbs out of its folder, an absolute path, a
 * backslash (the zip format allows only "/"), a symbolic link or a name given twice is never in
 * a real WhatsApp, Facebook, Instagram or Telegram export: it is a forged archive, and it is
 * refused as a whole with `zip_unsafe`, before anything is inflated. So is an archive with more
 * entries than any export has (`file_too_large`), which would otherwise cost memory to list.
 */
import { ImportError } from './errors.js';

/** More entries than any export holds (a WhatsApp export with years of media has thousands). */
export const ZIP_MAX_ENTRIES = 500_000;

export interface ZipNamedEntry {
  readonly name: string;
  /** From the central directory: made on Unix with the symbolic-link file type. */
  readonly symlink?: boolean;
}

export type ZipUnsafeReason = 'path' | 'link' | 'repeated';

/** Why a name is not safe, or undefined when it is an ordinary relative path. */
export function unsafeName(name: string): ZipUnsafeReason | undefined {
  if (name.includes('\\') || name.includes('\0')) return 'path';
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return 'path';
  if (name.split('/').some((segment) => segment === '..')) return 'path';
  return undefined;
}

/**
 * Refuses the archive when its directory lists too many entries, or any entry that is not an
 * ordinary file or folder with a relative path.
 */
export function checkZipEntries(entries: readonly ZipNamedEntry[]): void {
  if (entries.length > ZIP_MAX_ENTRIES) {
    throw new ImportError('file_too_large', undefined, {
      entries: entries.length,
      maxEntries: ZIP_MAX_ENTRIES,
    });
  }
  const seen = new Set<string>();
  for (const e of entries) {
    const reason = e.symlink === true ? 'link' : seen.has(e.name) ? 'repeated' : unsafeName(e.name);
    if (reason !== undefined) {
      throw new ImportError('zip_unsafe', undefined, { entry: e.name.slice(0, 200), reason });
    }
    seen.add(e.name);
  }
}

const u16 = (b: Uint8Array, i: number): number => (b[i] ?? 0) | ((b[i + 1] ?? 0) << 8);
const u32 = (b: Uint8Array, i: number): number =>
  ((b[i] ?? 0) | ((b[i + 1] ?? 0) << 8) | ((b[i + 2] ?? 0) << 16) | ((b[i + 3] ?? 0) << 24)) >>> 0;

/** Unix file type bits of the external attributes: a symbolic link. */
const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

/**
 * Whether a central directory record (at `p`) describes a symbolic link: made on Unix (host 3)
 * with the link file type in the upper half of its external attributes.
 */
export function isSymlinkRecord(dir: Uint8Array, p: number): boolean {
  const host = u16(dir, p + 4) >> 8;
  const mode = u32(dir, p + 38) >>> 16;
  return host === 3 && (mode & S_IFMT) === S_IFLNK;
}

/**
 * The names and link flags of a whole archive held in memory, from its central directory
 * (zip64 included). Undefined when the directory cannot be found; the caller's reader then
 * reports the damage.
 */
export function directoryEntries(bytes: Uint8Array): ZipNamedEntry[] | undefined {
  let e = bytes.length - 22;
  const stop = Math.max(0, bytes.length - 65_558);
  while (e >= stop && u32(bytes, e) !== 0x06054b50) e--;
  if (e < stop) return undefined;
  let count = u16(bytes, e + 10);
  let offset = u32(bytes, e + 16);
  if (e >= 20 && u32(bytes, e - 20) === 0x07064b50) {
    const z = u32(bytes, e - 12);
    if (u32(bytes, z) === 0x06064b50) {
      count = u32(bytes, z + 32) + u32(bytes, z + 36) * 2 ** 32;
      offset = u32(bytes, z + 48) + u32(bytes, z + 52) * 2 ** 32;
    }
  }
  if (count * 46 > bytes.length) return undefined;
  const decoder = new TextDecoder('utf-8');
  const out: ZipNamedEntry[] = [];
  let p = offset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > bytes.length || u32(bytes, p) !== 0x02014b50) return undefined;
    const nameLength = u16(bytes, p + 28);
    const next = p + 46 + nameLength + u16(bytes, p + 30) + u16(bytes, p + 32);
    if (next > bytes.length) return undefined;
    out.push({
      name: decoder.decode(bytes.subarray(p + 46, p + 46 + nameLength)),
      symlink: isSymlinkRecord(bytes, p),
    });
    p = next;
  }
  return out;
}
