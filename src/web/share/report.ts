/**
 * The recipient's report, bundle and check, on the /share page (loaded with open.ts, after the
 * passcode). Nothing new is built here: the owner's report worker (src/web/app/report/) makes
 * the PDF and the bundle from the shared records (src/report/share-source.ts feeds it), and the
 * /verify page's worker (src/web/verify/) checks the bundle. Both run on this device; the
 * results are Blobs in memory only, never written to the browser's storage.
 */
import type { Locale } from '../../domain/locales.js';
import { buildReport } from '../../report/model.js';
import type { ReportOptions } from '../../report/input.js';
import { wipeSealed } from '../../report/report-source.js';
import { sealShareForReport, shareReportSource } from '../../report/share-source.js';
import type { VerifyResult } from '../../report/verify.js';
import type { VaultApi } from '../../vault/api.js';
import type { OpenedShare } from '../../vault/shares.js';
import { makeInWorker, MakeFailed } from '../app/report/make-report.js';
import { reportFontUrls } from '../app/report/fonts.js';
import { reportBaseName } from '../app/report/report-form.js';
import type { EvidenceFile, MakeRequest } from '../app/report/worker-protocol.js';
import { trustedWorkerUrl } from '../browser/trusted-worker.js';
import type { VerifyReply, VerifyRequest } from '../verify/protocol.js';
import verifyWorkerUrl from '../verify/verify-worker.ts?worker&url';

export type MakeStage = 'receipts' | 'pdf' | 'bundle';

export interface MadeReport {
  readonly pdf: Blob;
  readonly bundle: Blob;
  /** "mosaic-report-2026-12-05": the files' names without .pdf / .zip. */
  readonly name: string;
  /** Entries whose receipt the server did not give (yet). */
  readonly withoutReceipt: number;
  /** The log key the bundle was made with, to check it against. */
  readonly logKey: string;
}

export interface MakeReportTask {
  readonly result: Promise<MadeReport>;
  cancel(): void;
}

/** What the check says, in the page's own words. */
export interface CheckOutcome {
  readonly ok: boolean;
  /** Passed, and every entry has a receipt. */
  readonly fullyProven: boolean;
  /** The checks that failed: what and why (the checker's English). */
  readonly failed: readonly { readonly subject: string; readonly detail: string }[];
}

const MADE_WITH = 'Mosaic (shared case)';

/** The zone most incidents were written in, else this device's. */
function zoneOf(values: readonly unknown[]): string {
  const counts = new Map<string, number>();
  for (const v of values) {
    const zone = (v as { when?: { timeZone?: unknown } } | null)?.when?.timeZone;
    if (typeof zone === 'string') counts.set(zone, (counts.get(zone) ?? 0) + 1);
  }
  const best = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
  return best ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/**
 * Makes the report PDF and the bundle from everything in the share, in the report worker.
 *
 * @example const { pdf, bundle } = await makeShareReport(api, opened, 'cy', onStage).result;
 */
export function makeShareReport(
  api: VaultApi,
  opened: OpenedShare,
  locale: Locale,
  options: { readonly verifyHtml?: string },
  onStage: (stage: MakeStage, fraction: number) => void,
): MakeReportTask {
  const stopped = new AbortController();
  let cancelWorker: (() => void) | undefined;
  const result = (async (): Promise<MadeReport> => {
    onStage('receipts', 0);
    const source = shareReportSource(opened.records, opened.manifest.createdAt);
    const timeZone = zoneOf(source.records.incidents.map((r) => r.revisions[0]?.value));
    const base: ReportOptions = {
      locale,
      timeZone,
      now: new Date(),
      includeContact: false,
      includeEvidence: true,
      includeImported: true,
      includeEffects: true,
      includeRiskCheck: true,
      includeSafetyPlan: true,
      madeWith: MADE_WITH,
    };
    const model = buildReport(source.records, base);
    const sealable = await opened.sealable();
    try {
      const sealed = await sealShareForReport(
        api,
        { shareId: opened.manifest.shareId, session: opened.session },
        sealable,
        source,
        model.recordIds,
      );
      if (stopped.signal.aborted) throw new MakeFailed('cancelled');
      const now = new Date();
      const name = reportBaseName(now, timeZone);
      const session = opened.session;
      const evidence: EvidenceFile[] = (source.records.evidence ?? []).flatMap((r) => {
        const ev = r.revisions[0]?.value;
        if (ev === undefined || !model.recordIds.evidence.includes(r.id)) return [];
        return [
          {
            evidenceId: r.id,
            name: ev.file.name,
            size: ev.file.size,
            uploadId: ev.upload.id,
            fileId: ev.encryption.fileId,
            key: ev.encryption.key,
            share: {
              shareId: opened.manifest.shareId,
              token: session.token,
              expiresAt: session.expiresAt,
            },
          },
        ];
      });
      const request: MakeRequest = {
        type: 'make',
        records: sealed.records,
        options: {
          ...base,
          now,
          verification: {
            logKeyFingerprint: sealed.logKey.fingerprint,
            verifierUrl: new URL('/verify', document.baseURI).href,
          },
        },
        fonts: reportFontUrls(),
        bundle: {
          folder: name,
          title: model.caseTitle,
          records: sealed.sealed,
          logKey: sealed.logKey.vkey,
          logOrigin: sealed.logKey.origin,
          evidence,
          ...(options.verifyHtml !== undefined ? { verifyHtml: options.verifyHtml } : {}),
        },
      };
      const task = makeInWorker(request, (step, fraction) => onStage(step, fraction));
      cancelWorker = () => task.cancel();
      // The worker has its own copy of the content keys now.
      wipeSealed(sealed.sealed);
      const made = await task.result;
      if (made.bundle === undefined) throw new MakeFailed('internal_error');
      return {
        pdf: made.pdf,
        bundle: made.bundle,
        name,
        withoutReceipt: sealed.withoutReceipt,
        logKey: sealed.logKey.vkey,
      };
    } finally {
      for (const r of sealable) r.contentKey.fill(0);
    }
  })();
  return {
    result,
    cancel: () => {
      stopped.abort();
      cancelWorker?.();
    },
  };
}

/**
 * Checks a bundle with the /verify page's worker (verifyBundle), on this device.
 *
 * @example const { ok } = await checkBundle(made.bundle, made.logKey);
 */
export function checkBundle(bundle: Blob, expectedLogKey?: string): Promise<CheckOutcome> {
  return new Promise<CheckOutcome>((resolve, reject) => {
    let worker: Worker | undefined;
    const done = (): void => {
      worker?.terminate();
      worker = undefined;
    };
    try {
      worker = new Worker(trustedWorkerUrl(verifyWorkerUrl, 'mosaic-verify-worker'), {
        name: 'verify',
      });
      worker.onmessage = (event: MessageEvent<VerifyReply>) => {
        done();
        if (event.data.type === 'done') resolve(outcome(event.data.result));
        else reject(new Error(event.data.message));
      };
      worker.onerror = (event) => {
        event.preventDefault();
        done();
        reject(new Error('the checker did not start'));
      };
      const request: VerifyRequest = {
        type: 'verify',
        file: bundle,
        ...(expectedLogKey !== undefined ? { expectedLogKey } : {}),
      };
      worker.postMessage(request);
    } catch (e) {
      done();
      reject(e instanceof Error ? e : new Error(String(e)));
    }
  });
}

function outcome(result: VerifyResult): CheckOutcome {
  return {
    ok: result.ok,
    fullyProven: result.fullyProven,
    failed: result.lines
      .filter((l) => l.status === 'fail')
      .map((l) => ({ subject: l.subject, detail: l.detail })),
  };
}
