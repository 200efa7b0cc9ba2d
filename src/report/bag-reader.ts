/**
 * Reading a bundle ZIP for the verifier: finds the bag folder, hashes every file as it streams
 * out (never holding a large file whole), and keeps the bytes of the small proof files. Pure:
 * takes a Blob (a File in the browser, `fs.openAsBlob` in Node) or bytes.
 */
import {
  BlobReader,
  configure,
  ERR_INVALID_UNCOMPRESSED_SIZE,
  ERR_UNSAFE_FILENAME,
  Uint8ArrayReader,
  ZipReader,
  type Entry,
} from '@zip.js/zip.js';
import { createSha256, toHex } from '../crypto/index.js';

configure({ useWebWorkers: false });

const MIB = 1024 * 1024;

/**
 * How much work a bundle may ask of the checker. A bundle comes from someone else, so a hostile
 * one (a "ZIP bomb": a few kilobytes that inflate to terabytes, or millions of tiny files) must
 * end in a clear failure, not a tab or a command that runs out of memory or never finishes. Real
 * bundles sit far inside these: evidence (photos, video, sound) barely compresses, and even
 * 10,000 incidents with every revision and proof make well under 200,000 files.
 */
export interface BagLimits {
  /** Files bigger than this are only hashed, never kept (evidence, the report). */
  readonly keepBytes: number;
  /** All the kept files together. */
  readonly keptTotalBytes: number;
  readonly maxFiles: number;
  /** Every file inflated together may be at most this many times the ZIP's own size… */
  readonly maxRatio: number;
  /** …or this many bytes, whichever is more (small bundles of text compress well). */
  readonly ratioFloorBytes: number;
}

export const BAG_LIMITS: BagLimits = Object.freeze({
  keepBytes: 64 * MIB,
  keptTotalBytes: 512 * MIB,
  maxFiles: 500_000,
  maxRatio: 100,
  ratioFloorBytes: 1024 * MIB,
});

export interface BagFile {
  readonly path: string;
  readonly size: number;
  readonly sha256: string;
  /** The bytes, for files that are not evidence and not the report. */
  readonly bytes?: Uint8Array;
}

export interface Bag {
  readonly folder: string;
  readonly files: ReadonlyMap<string, BagFile>;
}

/** Why a ZIP was refused: stable codes for the CLI, the /verify page and tests. */
export type BagReadCode =
  | 'bag_not_zip'
  | 'bag_too_many_files'
  | 'bag_too_large'
  | 'bag_unsafe_name'
  | 'bag_link'
  | 'bag_repeated_name'
  | 'bag_not_one_folder'
  | 'bag_size_lie'
  | 'bag_unreadable_file'
  | 'bag_kept_too_large';

export class BagReadError extends Error {
  override readonly name = 'BagReadError';
  constructor(
    readonly code: BagReadCode,
    message: string,
  ) {
    super(message);
  }
}

/**
 * A path a bundle never holds: one that climbs out of its folder, starts at the root or a drive,
 * uses a backslash (the ZIP format allows only "/") or holds a NUL. The checker writes nothing to
 * disk, but such a name would mislead whoever reads its report, and only a forged ZIP has one.
 */
export function unsafeBagPath(name: string): boolean {
  return (
    name.includes('\\') ||
    name.includes('\0') ||
    name.startsWith('/') ||
    /^[A-Za-z]:/.test(name) ||
    name.split('/').some((segment) => segment === '..' || segment === '.')
  );
}

/**
 * Opens the ZIP and reads every file. Throws BagReadError when it is not a one-folder ZIP, or
 * when it asks for more work than `limits` allow.
 */
export async function readBag(
  source: Blob | Uint8Array,
  limits: BagLimits = BAG_LIMITS,
): Promise<Bag> {
  const zipBytes = source instanceof Uint8Array ? source.length : source.size;
  const reader = new ZipReader(
    source instanceof Uint8Array ? new Uint8ArrayReader(source) : new BlobReader(source),
    { useWebWorkers: false, checkSignature: true },
  );
  try {
    let entries: Entry[];
    try {
      entries = await reader.getEntries();
    } catch (e) {
      // zip.js refuses some names itself (e.g. "../" segments): the same refusal, the same code.
      if (errorText(e) === ERR_UNSAFE_FILENAME) {
        throw new BagReadError('bag_unsafe_name', 'the ZIP holds a file named outside any bag');
      }
      throw new BagReadError(
        'bag_not_zip',
        `the file is not a ZIP that can be read (${errorText(e)})`,
      );
    }
    const fileEntries = entries.filter((e) => !e.directory);
    if (fileEntries.length > limits.maxFiles) {
      throw new BagReadError(
        'bag_too_many_files',
        `the ZIP holds ${fileEntries.length} files, more than a bundle ever has (${limits.maxFiles})`,
      );
    }
    // The sizes the ZIP declares; each file is then held to its own while it inflates.
    const declared = fileEntries.reduce((sum, e) => sum + e.uncompressedSize, 0);
    if (declared > Math.max(limits.ratioFloorBytes, zipBytes * limits.maxRatio)) {
      throw new BagReadError(
        'bag_too_large',
        `the ZIP would inflate to ${declared} bytes from ${zipBytes}, far more than a bundle does`,
      );
    }
    const names = new Set<string>();
    for (const e of entries) {
      const shown = JSON.stringify(e.filename.slice(0, 200));
      if (unsafeBagPath(e.filename)) {
        throw new BagReadError(
          'bag_unsafe_name',
          `the ZIP holds a file named ${shown}, outside any bag`,
        );
      }
      if (e.symlink) {
        throw new BagReadError('bag_link', `the ZIP holds a link (${shown}), which no bundle has`);
      }
      if (names.has(e.filename)) {
        throw new BagReadError('bag_repeated_name', `${shown} is in the ZIP twice`);
      }
      names.add(e.filename);
    }
    const folders = new Set(fileEntries.map((e) => e.filename.split('/')[0]));
    if (folders.size !== 1 || fileEntries.some((e) => !e.filename.includes('/'))) {
      throw new BagReadError('bag_not_one_folder', 'the ZIP must hold exactly one folder, the bag');
    }
    const folder = [...folders][0] ?? '';
    const files = new Map<string, BagFile>();
    let keptTotal = 0;
    for (const entry of fileEntries) {
      const path = entry.filename.slice(folder.length + 1);
      if (files.has(path)) {
        throw new BagReadError('bag_repeated_name', `${path} is in the ZIP twice`);
      }
      const keep = !path.startsWith('data/evidence/') && path !== 'data/report.pdf';
      const hasher = await createSha256();
      const chunks: Uint8Array[] = [];
      let size = 0;
      const stop = new AbortController();
      try {
        await entry.getData(
          new WritableStream<Uint8Array>({
            write(chunk) {
              size += chunk.length;
              if (size > entry.uncompressedSize) {
                // More bytes than the ZIP said: stop inflating now, however much is left.
                stop.abort();
                throw new BagReadError(
                  'bag_size_lie',
                  `${path} is bigger inside the ZIP than the ZIP says`,
                );
              }
              hasher.update(chunk);
              if (keep && size <= limits.keepBytes) chunks.push(chunk);
            },
          }),
          { signal: stop.signal },
        );
      } catch (e) {
        if (e instanceof BagReadError) throw e;
        if (stop.signal.aborted || errorText(e) === ERR_INVALID_UNCOMPRESSED_SIZE) {
          throw new BagReadError(
            'bag_size_lie',
            `${path} is bigger inside the ZIP than the ZIP says`,
          );
        }
        throw new BagReadError(
          'bag_unreadable_file',
          `${path} could not be read from the ZIP (${errorText(e)})`,
        );
      }
      const bytes = keep && size <= limits.keepBytes ? join(chunks, size) : undefined;
      if (bytes !== undefined) {
        keptTotal += size;
        if (keptTotal > limits.keptTotalBytes) {
          throw new BagReadError(
            'bag_kept_too_large',
            'the ZIP holds more proof and entry data than a bundle ever has',
          );
        }
      }
      files.set(path, {
        path,
        size,
        sha256: toHex(hasher.digest()),
        ...(bytes !== undefined ? { bytes } : {}),
      });
    }
    return { folder, files };
  } finally {
    await reader.close();
  }
}

function join(chunks: readonly Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
