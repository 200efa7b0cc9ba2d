/**
 * Makes the report off the page's thread, so a long diary never freezes the vault: builds the
 * model, draws the PDF (pdf-lib, with the Noto Sans files fetched from this origin) and, when
 * asked, writes the evidence bundle, fetching and decrypting each exhibit's file as it streams
 * into the ZIP. Progress goes back to the page; cancel is `terminate()` from the page, which
 * stops this at once wherever it is.
 *
 * Nothing here sends anything anywhere but back to the page: the only requests are for the font
 * files and the exhibits' ciphertext, on this origin.
 */
import { buildReport } from '../../../report/model.js';
import { renderReportPdf } from '../../../report/pdf.js';
import { writeBundle, type BundleEvidence } from '../../../report/bundle.js';
import { decryptFileStream, fromBase64Url } from '../../../crypto/index.js';
import { fetchCiphertext } from '../../../vault/evidence/upload-api.js';
import { VaultApi } from '../../../vault/api.js';
import { responseChunks } from '../../../vault/evidence/decrypt.js';
import type { EvidenceFile, MakeRequest, ReportFailure, WorkerReply } from './worker-protocol.js';

/** The dedicated worker's global scope, as far as this file uses it. */
interface WorkerScope {
  onmessage: ((event: MessageEvent<MakeRequest>) => void) | null;
  postMessage(message: WorkerReply): void;
}

const scope = self as unknown as WorkerScope;

class Failed extends Error {
  constructor(readonly code: ReportFailure) {
    super(code);
  }
}

scope.onmessage = (event) => {
  void make(event.data);
};

/** Progress at most once per whole percent of each step. */
function reporter(step: 'pdf' | 'bundle'): (fraction: number) => void {
  let percent = -1;
  return (fraction) => {
    const now = Math.floor(Math.min(1, Math.max(0, fraction)) * 100);
    if (now === percent) return;
    percent = now;
    scope.postMessage({ type: 'progress', step, fraction });
  };
}

/** A file from this origin (a font, verify.html), or `failure` when it cannot be had. */
async function fetchOwn(url: string, failure: ReportFailure): Promise<Uint8Array> {
  const response = await fetch(url, { credentials: 'same-origin' }).catch(() => undefined);
  if (response?.ok !== true) throw new Failed(failure);
  return new Uint8Array(await response.arrayBuffer());
}
const fetchFont = (url: string) => fetchOwn(url, 'fonts_unavailable');

/** A writable that gathers the ZIP into a Blob, folding pieces in every few megabytes. */
function blobSink(): { sink: WritableStream<Uint8Array>; blob: () => Blob } {
  const FOLD = 8 * 1024 * 1024;
  let blob = new Blob([], { type: 'application/zip' });
  let pending: Uint8Array<ArrayBuffer>[] = [];
  let bytes = 0;
  const fold = (): void => {
    blob = new Blob([blob, ...pending], { type: 'application/zip' });
    pending = [];
    bytes = 0;
  };
  const sink = new WritableStream<Uint8Array>({
    write(chunk) {
      pending.push(chunk as Uint8Array<ArrayBuffer>);
      bytes += chunk.length;
      if (bytes >= FOLD) fold();
    },
  });
  return {
    sink,
    blob: () => {
      fold();
      return blob;
    },
  };
}

async function make(request: MakeRequest): Promise<void> {
  try {
    const [regular, bold] = await Promise.all([
      Promise.all(request.fonts.regular.map(fetchFont)),
      Promise.all(request.fonts.bold.map(fetchFont)),
    ]);
    const model = buildReport(request.records, request.options);
    const pdfProgress = reporter('pdf');
    const pdf = await renderReportPdf(model, {
      fonts: { regular, bold },
      onProgress: (done, total) => pdfProgress(total > 0 ? done / total : 1),
    });
    const pdfBlob = new Blob([pdf as Uint8Array<ArrayBuffer>], { type: 'application/pdf' });
    const b = request.bundle;
    if (b === undefined) {
      scope.postMessage({ type: 'done', pdf: pdfBlob });
      return;
    }
    const files = new Map(b.evidence.map((e) => [e.evidenceId, e] as const));
    const evidence: BundleEvidence[] = (model.exhibits ?? []).map((x) => {
      const file = files.get(x.evidenceId);
      if (file === undefined) throw new Failed('evidence_unavailable');
      return {
        evidenceId: x.evidenceId,
        ref: x.ref,
        name: file.name,
        size: file.size,
        open: () => openFile(file),
      };
    });
    const total =
      pdf.length +
      b.records.reduce((n, r) => n + r.revisions.reduce((m, v) => m + v.envelope.length, 0), 0) +
      evidence.reduce((n, e) => n + (e.size ?? 0), 0) +
      (b.witnessStatements ?? []).reduce((n, w) => n + w.sealed.length, 0);
    const verifyHtml =
      b.verifyHtml !== undefined ? await fetchOwn(b.verifyHtml, 'checker_unavailable') : undefined;
    const bundleProgress = reporter('bundle');
    const { sink, blob } = blobSink();
    await writeBundle(
      {
        folder: b.folder,
        title: b.title,
        madeAt: request.options.now,
        madeWith: request.options.madeWith,
        reportPdf: pdf,
        records: b.records,
        evidence,
        ...(b.witnessStatements !== undefined ? { witnessStatements: b.witnessStatements } : {}),
        logKey: b.logKey,
        logOrigin: b.logOrigin,
        ...(verifyHtml !== undefined ? { verifyHtml } : {}),
        onProgress: (written) => bundleProgress(total > 0 ? written / total : 1),
      },
      sink,
    );
    scope.postMessage({ type: 'done', pdf: pdfBlob, bundle: blob() });
  } catch (e) {
    scope.postMessage({ type: 'failed', code: e instanceof Failed ? e.code : 'internal_error' });
  }
}

/**
 * An exhibit's original bytes: its ciphertext fetched (from the owner's uploads, or a share's
 * with its session) and decrypted chunk by chunk.
 */
function openFile(file: EvidenceFile): AsyncIterable<Uint8Array> {
  return {
    async *[Symbol.asyncIterator]() {
      let response: Response;
      try {
        const share = file.share;
        response =
          share === undefined
            ? await fetchCiphertext(file.uploadId)
            : await new VaultApi().shareUploadResponse(
                share.shareId,
                { token: share.token, expiresAt: share.expiresAt },
                file.uploadId,
              );
      } catch {
        throw new Failed('evidence_unavailable');
      }
      yield* decryptFileStream(responseChunks(response), {
        key: fromBase64Url(file.key),
        fileId: file.fileId,
      });
    },
  };
}
