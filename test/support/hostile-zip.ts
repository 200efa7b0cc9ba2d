/**
 * Builds the hostile ZIPs that the importer's and the verifier's tests give their readers
 * (src/importers/zip-hostile.test.ts, src/report/bag-hostile.test.ts), with @zip.js/zip.js:
 * one builder, so both readers are tried on archives made the same way.
 */
import {
  BlobReader,
  TextReader,
  Uint8ArrayReader,
  Uint8ArrayWriter,
  ZipWriter,
  type ZipWriterAddDataOptions,
} from '@zip.js/zip.js';

/** One entry: its name, its content, and options for this entry alone. */
export type Entry = readonly [
  name: string,
  data: string | Uint8Array | Blob,
  options?: ZipWriterAddDataOptions,
];

/** A ZIP of `entries`, in order; `options` apply to every entry. */
export async function zip(
  entries: readonly Entry[],
  options: ZipWriterAddDataOptions = {},
): Promise<Uint8Array> {
  const writer = new ZipWriter(new Uint8ArrayWriter(), { useWebWorkers: false, ...options });
  for (const [name, data, more] of entries) {
    const reader =
      typeof data === 'string'
        ? new TextReader(data)
        : data instanceof Uint8Array
          ? new Uint8ArrayReader(data)
          : new BlobReader(data);
    await writer.add(name, reader, more);
  }
  return writer.close();
}
