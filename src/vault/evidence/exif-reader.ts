/**
 * Reads a photo's own metadata in the browser with exifr (its "lite" build: JPEG and HEIC,
 * TIFF/EXIF tags), loaded only when a photo is added. Only the start of the file is read (the
 * metadata sits there in JPEG and HEIC files; exifr's own reader stops at a similar limit), so
 * a large file is never loaded whole. exifr runs no code from the file and needs no eval.
 */
import { exifSummaryFromTags, type ExifSummary } from '../../domain/evidence/index.js';

/** How much of the file's start is handed to exifr. */
const EXIF_WINDOW_BYTES = 512 * 1024;

/** Media types (and names, when the browser gives no type) worth looking inside. */
function mayHaveExif(blob: Blob, name: string): boolean {
  const type = blob.type.toLowerCase();
  if (
    type === 'image/jpeg' ||
    type === 'image/heic' ||
    type === 'image/heif' ||
    type === 'image/tiff'
  ) {
    return true;
  }
  return type === '' && /\.(jpe?g|heic|heif|tiff?)$/i.test(name);
}

/**
 * The summary of a photo's metadata; undefined for other files, or when there is none, or when
 * the file cannot be read as a photo (never an error: metadata is a bonus, not a requirement).
 *
 * @example const exif = await readExifSummary(file, file.name);
 */
export async function readExifSummary(blob: Blob, name: string): Promise<ExifSummary | undefined> {
  if (!mayHaveExif(blob, name)) return undefined;
  try {
    const exifr = (await import('exifr/dist/lite.esm.mjs')).default;
    const head = new Uint8Array(await blob.slice(0, EXIF_WINDOW_BYTES).arrayBuffer());
    const tags: unknown = await exifr.parse(head, {
      tiff: true,
      exif: true,
      gps: true,
      ifd1: false,
      xmp: false,
      icc: false,
      iptc: false,
      jfif: false,
      translateKeys: true,
      translateValues: false,
      reviveValues: false,
      mergeOutput: true,
      silentErrors: true,
    } as Parameters<typeof exifr.parse>[1]);
    return exifSummaryFromTags(tags);
  } catch {
    return undefined;
  }
}
