/**
 * Zip archives (WhatsApp "Export chat" with media; Facebook and Instagram "Download your
 * information"), read with fflate. Only the entries an importer needs are decompressed; media
 * files are listed by name and never inflated. Entry counts and sizes are checked before
 * fflate sees them, so a forged archive cannot make it loop or allocate without bound.
 */
import { unzipSync } from 'fflate';
import { ImportError } from './errors.js';
import { checkZipEntries, directoryEntries } from './zip-safety.js';

/** An entry's name and sizes, from the central directory. */
export interface ZipEntry {
  name: string;
  size: number;
  originalSize: number;
}

/** The zip "local file header" signature, `PK\x03\x04`, and the empty archive's `PK\x05\x06`. */
export function isZip(head: Uint8Array): boolean {
  return (
    head.length >= 4 &&
    head[0] === 0x50 &&
    head[1] === 0x4b &&
    ((head[2] === 0x03 && head[3] === 0x04) || (head[2] === 0x05 && head[3] === 0x06))
  );
}

const u32 = (b: Uint8Array, i: number): number =>
  ((b[i] ?? 0) | ((b[i + 1] ?? 0) << 8) | ((b[i + 2] ?? 0) << 16) | ((b[i + 3] ?? 0) << 24)) >>> 0;
const u16 = (b: Uint8Array, i: number): number => (b[i] ?? 0) | ((b[i + 1] ?? 0) << 8);

/** Smallest central directory record: 46 bytes. */
const CENTRAL_RECORD = 46;

/** Checks the end-of-directory record: present, and no more entries than the bytes could hold. */
function checkDirectory(bytes: Uint8Array): void {
  let e = bytes.length - 22;
  const stop = Math.max(0, bytes.length - 65558);
  while (e >= stop && u32(bytes, e) !== 0x06054b50) e--;
  if (e < stop) throw new ImportError('zip_malformed');
  let count = u16(bytes, e + 8);
  if (e >= 20 && u32(bytes, e - 20) === 0x07064b50) {
    const z = u32(bytes, e - 12);
    // The 64-bit count: a forged high half must not read as a small number.
    if (u32(bytes, z) === 0x06064b50) count = u32(bytes, z + 32) + u32(bytes, z + 36) * 2 ** 32;
  }
  if (count * CENTRAL_RECORD > bytes.length) throw new ImportError('zip_malformed');
}

/** Lists the entries without decompressing anything. */
export function listZip(bytes: Uint8Array): ZipEntry[] {
  checkDirectory(bytes);
  const named = directoryEntries(bytes);
  if (named !== undefined) checkZipEntries(named);
  const entries: ZipEntry[] = [];
  try {
    unzipSync(bytes, {
      filter: (f) => {
        entries.push({ name: f.name, size: f.size, originalSize: f.originalSize });
        return false;
      },
    });
  } catch {
    throw new ImportError('zip_malformed');
  }
  return entries;
}

/**
 * Decompresses one entry, refusing it when it would be larger than `maxBytes` (a zip bomb, or
 * a chat file too large to read here).
 */
export function readZipEntry(bytes: Uint8Array, name: string, maxBytes: number): Uint8Array {
  checkDirectory(bytes);
  const refused = { tooLarge: false };
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (f) => {
        if (f.name !== name) return false;
        if (f.originalSize > maxBytes) {
          refused.tooLarge = true;
          return false;
        }
        return true;
      },
    });
  } catch {
    throw new ImportError('zip_malformed', undefined, { entry: name.slice(0, 200) });
  }
  if (refused.tooLarge)
    throw new ImportError('file_too_large', undefined, { entry: name.slice(0, 200) });
  const file = files[name];
  if (!file) throw new ImportError('zip_malformed', undefined, { entry: name.slice(0, 200) });
  return file;
}
