/**
 * Reading a bundle ZIP for the verifier: finds the bag folder, hashes every file as it streams
 * out (never holding a large file whole), and keeps the bytes of the small proof files. Pure:
 * takes a Blob (a File in the browser, `fs.openAsBlob` in Node) or bytes.
 */
import { BlobReader, configure, Uint8ArrayReader, ZipReader, type Entry } from '@zip.js/zip.js';
import { createSha256, toHex } from '../crypto/index.js';

configure({ useWebWorkers: false });

/** Files bigger than this are only hashed, never kept (evidence, the report). */
const KEEP_LIMIT = 64 * 1024 * 1024;

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

export class BagReadError extends Error {
  override readonly name = 'BagReadError';
}

/** Opens the ZIP and reads every file. Throws BagReadError when it is not a one-folder ZIP. */
export async function readBag(source: Blob | Uint8Array): Promise<Bag> {
  const reader = new ZipReader(
    source instanceof Uint8Array ? new Uint8ArrayReader(source) : new BlobReader(source),
    { useWebWorkers: false, checkSignature: true },
  );
  try {
    let entries: Entry[];
    try {
      entries = await reader.getEntries();
    } catch (e) {
      throw new BagReadError(`the file is not a ZIP that can be read (${errorText(e)})`);
    }
    const fileEntries = entries.filter((e) => !e.directory);
    const folders = new Set(fileEntries.map((e) => e.filename.split('/')[0]));
    if (folders.size !== 1 || fileEntries.some((e) => !e.filename.includes('/'))) {
      throw new BagReadError('the ZIP must hold exactly one folder, the bag');
    }
    const folder = [...folders][0] ?? '';
    const files = new Map<string, BagFile>();
    for (const entry of fileEntries) {
      const path = entry.filename.slice(folder.length + 1);
      if (files.has(path)) throw new BagReadError(`${path} is in the ZIP twice`);
      const keep = !path.startsWith('data/evidence/') && path !== 'data/report.pdf';
      const hasher = await createSha256();
      const chunks: Uint8Array[] = [];
      let size = 0;
      try {
        await entry.getData(
          new WritableStream<Uint8Array>({
            write(chunk) {
              hasher.update(chunk);
              size += chunk.length;
              if (keep && size <= KEEP_LIMIT) chunks.push(chunk);
            },
          }),
        );
      } catch (e) {
        throw new BagReadError(`${path} could not be read from the ZIP (${errorText(e)})`);
      }
      const bytes = keep && size <= KEEP_LIMIT ? join(chunks, size) : undefined;
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
