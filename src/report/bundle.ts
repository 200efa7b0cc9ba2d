/**
 * The evidence bundle: one ZIP, streamed, laid out as a BagIt bag (RFC 8493) inside one folder.
 * It carries the report PDF, entries.json (every included record and every revision, canonical),
 * the evidence files byte for byte, and each record revision's proof chain: the envelope
 * ciphertext, that record's own content key (it opens that record and nothing else), the receipt
 * as a tlog-proof and the log's key; checkpoints with their RFC 3161 tokens and consistency
 * proofs when the app has them. Layout: bundle-layout.ts and docs/report-and-bundle.md.
 *
 * Evidence files stream through: each is hashed (SHA-256, for the manifest) while it is written
 * and never held whole in memory, so a bundle of gigabytes needs little heap.
 */
import { configure, ZipWriter } from '@zip.js/zip.js';
import { createSha256, toBase64Url, toHex, utf8Encode } from '../crypto/index.js';
import { toBase64 } from '../crypto/signed-note.js';
import {
  BAGIT_TXT,
  ENTRIES_FORMAT,
  ENTRIES_VERSION,
  hashLines,
  PATHS,
  type EntriesFile,
} from './bundle-layout.js';
import { canonicalJson } from './canonical.js';
import { exhibitFileName } from './exhibits.js';
import { howToVerifyText } from './how-to-verify.js';

configure({ useWebWorkers: false });

/** Entries this big are written as Zip64 (the limit is 4 GiB; leave room for the headers). */
const ZIP64_FROM = 0xffff0000;

/** One revision as the vault holds it, with its decrypted value. */
export interface SealedRevision {
  readonly revision: number;
  readonly savedAt: string;
  readonly value: unknown;
  /** The exact stored ciphertext (the envelope, docs/vault-protocol.md §7). */
  readonly envelope: Uint8Array;
  /** The receipt (`.tlog-proof` text), when the server gave one. */
  readonly receipt?: string;
  readonly receiptSummary?: { readonly receivedAt: string; readonly leafIndex: number };
}

export interface SealedRecord {
  readonly id: string;
  /** The vault record type: incident, person, place, effect, evidence. */
  readonly type: string;
  /** The record's content key: revealing it opens this record's revisions and nothing else. */
  readonly contentKey: Uint8Array;
  /** For incidents: the number in the report's log. */
  readonly number?: number;
  readonly revisions: readonly SealedRevision[];
}

/**
 * A kept witness statement's sealed bytes exactly as the server received them, with what proves
 * them offline (vault-protocol §15.7): the opening key of that one message, the public key it was
 * sealed to, and the receipt the log gave it when it arrived.
 */
export interface BundleWitnessStatement {
  /** The witness-statement record (in `records`) that keeps it. */
  readonly recordId: string;
  /** The server's id ("ws-…"), which its receipt names. */
  readonly statementId: string;
  readonly sealed: Uint8Array;
  readonly openingKey: Uint8Array;
  readonly publicKey: Uint8Array;
  readonly receipt?: string;
  readonly receiptSummary?: { readonly receivedAt: string; readonly leafIndex: number };
}

export type ByteSource = ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>;

export interface BundleEvidence {
  readonly evidenceId: string;
  /** The exhibit reference, "AB/1". */
  readonly ref: string;
  /** The original file name. */
  readonly name: string;
  /** The plaintext size, when known: a file over 4 GiB needs Zip64 from its first byte. */
  readonly size?: number;
  /** The plaintext bytes, decrypted as they are read. Called once. */
  readonly open: () => ByteSource;
}

export interface BundleInput {
  /** The folder name inside the ZIP, e.g. "mosaic-report-2026-06-01". */
  readonly folder: string;
  readonly title: string;
  readonly madeAt: Date;
  readonly madeWith: string;
  readonly reportPdf: Uint8Array;
  readonly records: readonly SealedRecord[];
  readonly evidence: readonly BundleEvidence[];
  /** Witness statements as they arrived, for records in `records` (optional). */
  readonly witnessStatements?: readonly BundleWitnessStatement[];
  /** The log's public key (vkey text); required when any revision has a receipt. */
  readonly logKey?: string;
  readonly logOrigin?: string;
  /** Signed checkpoints, each with its RFC 3161 token when it was stamped. */
  readonly checkpoints?: readonly { readonly note: string; readonly tsr?: Uint8Array }[];
  readonly consistency?: readonly {
    readonly from: number;
    readonly to: number;
    readonly proof: readonly Uint8Array[];
  }[];
  /** TSA certificates (DER) for a reader who has no copy: not trusted by the verifier alone. */
  readonly tsaCertificates?: readonly Uint8Array[];
  /**
   * The offline checker, verify.html (built by scripts/build-verify-html.tsx; the server serves
   * it at Assets.verifyHtml). When given it is written as a tag file next to HOW-TO-VERIFY.txt
   * and listed in tagmanifest-sha256.txt.
   */
  readonly verifyHtml?: Uint8Array;
  readonly onProgress?: (bytesWritten: number) => void;
  readonly signal?: AbortSignal;
}

export interface BundleSummary {
  readonly files: number;
  readonly payloadBytes: number;
}

/**
 * Writes the bundle to `sink` and closes it.
 *
 * @example
 * const { writable } = new TransformStream(); // or a file stream
 * await writeBundle({ folder, title, madeAt, madeWith, reportPdf, records, evidence, logKey }, writable);
 */
export async function writeBundle(
  input: BundleInput,
  sink: WritableStream<Uint8Array>,
): Promise<BundleSummary> {
  const folder = input.folder.replace(/[^A-Za-z0-9._-]/g, '_');
  const zip = new ZipWriter(sink, {
    useWebWorkers: false,
    ...(input.signal !== undefined ? { signal: input.signal } : {}),
  });
  const manifest: string[] = [];
  const tagManifest: string[] = [];
  let payloadBytes = 0;
  let payloadFiles = 0;
  let written = 0;

  const addBytes = async (path: string, bytes: Uint8Array, compress: boolean) => {
    const hash = toHex((await createSha256()).update(bytes).digest());
    await zip.add(`${folder}/${path}`, new Blob([bytes as Uint8Array<ArrayBuffer>]).stream(), {
      level: compress ? 6 : 0,
    });
    written += bytes.length;
    input.onProgress?.(written);
    if (path.startsWith('data/')) {
      manifest.push(`${hash}  ${path}\n`);
      payloadBytes += bytes.length;
      payloadFiles++;
    } else {
      tagManifest.push(`${hash}  ${path}\n`);
    }
  };
  const addText = (path: string, text: string) => addBytes(path, utf8Encode(text), true);

  await addBytes(PATHS.report, input.reportPdf, true);
  const entries: EntriesFile = {
    format: ENTRIES_FORMAT,
    version: ENTRIES_VERSION,
    ...(input.logOrigin !== undefined ? { logOrigin: input.logOrigin } : {}),
    records: inLogOrder(input.records).map((r) => ({
      id: r.id,
      type: r.type,
      ...(r.number !== undefined ? { number: r.number } : {}),
      ...((r.revisions[0]?.revision ?? 1) > 1 ? { firstRevision: r.revisions[0]?.revision } : {}),
      revisions: r.revisions.map((v) => ({
        revision: v.revision,
        ...(v.receiptSummary !== undefined ? { receipt: v.receiptSummary } : {}),
        value: v.value,
      })),
    })),
    exhibits: input.evidence.map((e) => ({
      ref: e.ref,
      evidenceId: e.evidenceId,
      fileName: exhibitFileName(e.ref, e.name),
    })),
    checkpoints: input.checkpoints?.length ?? 0,
    consistency: (input.consistency ?? []).map(({ from, to }) => ({ from, to })),
    tsaCertificates: input.tsaCertificates?.length ?? 0,
    ...(input.witnessStatements !== undefined && input.witnessStatements.length > 0
      ? {
          witnessStatements: input.witnessStatements.map((w) => ({
            recordId: w.recordId,
            statementId: w.statementId,
            publicKey: toBase64Url(w.publicKey),
            ...(w.receiptSummary !== undefined ? { receipt: w.receiptSummary } : {}),
          })),
        }
      : {}),
  };
  await addText(PATHS.entries, canonicalJson(entries));
  if (input.logKey !== undefined) await addText(PATHS.logKey, `${input.logKey}\n`);
  for (const r of input.records) {
    await addText(PATHS.recordKey(r.id), `${toBase64Url(r.contentKey)}\n`);
    for (const v of r.revisions) {
      await addBytes(PATHS.envelope(r.id, v.revision), v.envelope, false);
      if (v.receipt !== undefined) await addText(PATHS.receipt(r.id, v.revision), v.receipt);
    }
  }
  for (const w of input.witnessStatements ?? []) {
    await addBytes(PATHS.witnessSealed(w.statementId), w.sealed, false);
    await addText(PATHS.witnessOpeningKey(w.statementId), `${toBase64Url(w.openingKey)}\n`);
    if (w.receipt !== undefined) await addText(PATHS.witnessReceipt(w.statementId), w.receipt);
  }
  for (const [i, c] of (input.checkpoints ?? []).entries()) {
    await addText(PATHS.checkpoint(i + 1), c.note);
    if (c.tsr !== undefined) await addBytes(PATHS.timestamp(i + 1), c.tsr, false);
  }
  for (const c of input.consistency ?? []) {
    await addText(PATHS.consistency(c.from, c.to), hashLines(c.proof, toBase64));
  }
  for (const [i, der] of (input.tsaCertificates ?? []).entries()) {
    await addBytes(PATHS.tsaCertificate(i + 1), der, false);
  }

  // Evidence last: the large files stream through a hasher into the ZIP.
  for (const e of input.evidence) {
    const path = PATHS.evidence(exhibitFileName(e.ref, e.name));
    const hasher = await createSha256();
    let size = 0;
    const source = toStream(e.open()).pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          hasher.update(chunk);
          size += chunk.length;
          written += chunk.length;
          input.onProgress?.(written);
          controller.enqueue(chunk);
        },
      }),
    );
    // Already-compressed photos and videos gain nothing from deflate: store them.
    await zip.add(`${folder}/${path}`, source, {
      level: 0,
      ...((e.size ?? 0) >= ZIP64_FROM ? { zip64: true } : {}),
    });
    manifest.push(`${toHex(hasher.digest())}  ${path}\n`);
    payloadBytes += size;
    payloadFiles++;
  }

  await addText(PATHS.manifest, manifest.sort().join(''));
  await addText(
    PATHS.bagInfo,
    [
      `Bag-Software-Agent: ${oneLine(input.madeWith)}`,
      `Bagging-Date: ${input.madeAt.toISOString().slice(0, 10)}`,
      `External-Description: ${oneLine(input.title)}`,
      `Payload-Oxum: ${String(payloadBytes)}.${String(payloadFiles)}`,
      '',
    ].join('\n'),
  );
  await addText(PATHS.bagit, BAGIT_TXT);
  await addText(PATHS.howTo, howToVerifyText({ verifyHtml: input.verifyHtml !== undefined }));
  if (input.verifyHtml !== undefined) await addBytes(PATHS.verifyHtml, input.verifyHtml, true);
  // The tag manifest lists every other tag file; it is the one file nothing lists.
  const tags = tagManifest.sort().join('');
  await zip.add(`${folder}/${PATHS.tagManifest}`, new Blob([tags]).stream());
  await zip.close();
  return { files: payloadFiles, payloadBytes };
}

function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').trim();
}

function toStream(source: ByteSource): ReadableStream<Uint8Array> {
  if (source instanceof ReadableStream) return source;
  const iterator = source[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await iterator.next();
      if (next.done === true) controller.close();
      else controller.enqueue(next.value);
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}

/**
 * Incidents in the order of their numbers in the report's log (the verifier checks that the n-th
 * incident in entries.json is number n); other records keep the order they were given in.
 */
function inLogOrder(records: readonly SealedRecord[]): readonly SealedRecord[] {
  const numbered = records
    .filter((r) => r.number !== undefined)
    .sort((a, b) => (a.number ?? 0) - (b.number ?? 0));
  let next = 0;
  return records.map((r) => (r.number === undefined ? r : (numbered[next++] ?? r)));
}
