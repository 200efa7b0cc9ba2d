/**
 * "Make a report": the person chooses what goes in, checks a preview of exactly what will be
 * shared (built by the same buildReport the PDF draws), then makes the PDF, and the evidence
 * bundle if they ask, in a Web Worker with progress and Cancel. The files are saved through a
 * Blob URL revoked at once; the Blobs live only in this screen's state, so leaving the screen or
 * locking (which remounts the app) drops them, and the worker is stopped. The choices are in
 * report-choices.tsx, the preview in report-preview.tsx.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Evidence } from '../../../domain/evidence/index.js';
import { buildReport, type ReportModel } from '../../../report/model.js';
import { current, type ReportOptions } from '../../../report/input.js';
import {
  loadReportSource,
  sealForReport,
  wipeSealed,
  type ReportSource,
} from '../../../report/report-source.js';
import { Busy, Button, LinkButton, Page, useSubmitErrors } from '../components/ui.js';
import { browserTimeZone } from '../diary/incident-form.js';
import { saveBlob } from '../evidence/evidence-ui.js';
import { Progress, Radios } from '../import/fields.js';
import { useApp } from '../shell/context.js';
import { describeError } from '../shell/errors.js';
import { format } from '../shell/messages.js';
import { makeInWorker, MakeFailed, type MakeTask } from './make-report.js';
import { REPORT_MESSAGES } from './messages.js';
import { Choices, offeredOf, oneLabel } from './report-choices.js';
import { Preview } from './report-preview.js';
import { reportFontUrls, verifyHtmlUrl } from './fonts.js';
import {
  checkReportFields,
  emptyReportFields,
  reportBaseName,
  type ReportFields,
} from './report-form.js';
import type { EvidenceFile, MakeRequest, MakeStep } from './worker-protocol.js';

const MADE_WITH = 'Mosaic';

type Load =
  | { readonly kind: 'loading' }
  | { readonly kind: 'failed'; readonly message: string }
  | { readonly kind: 'loaded'; readonly source: ReportSource };

type Step =
  | { readonly kind: 'choose' }
  | { readonly kind: 'preview'; readonly model: ReportModel; readonly options: ReportOptions }
  | { readonly kind: 'making'; readonly step: MakeStep | 'receipts'; readonly fraction: number }
  | {
      readonly kind: 'done';
      readonly pdf: Blob;
      readonly bundle?: Blob;
      readonly name: string;
      readonly withoutReceipt: number;
    };

/** `incidentId`: opened from that incident's screen, so only it is chosen at first. */
export function ReportScreen({ incidentId }: { incidentId?: string | undefined } = {}) {
  const app = useApp();
  const { t, locale, api, session, navigate } = app;
  const m = REPORT_MESSAGES[locale];
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [fields, setFields] = useState<ReportFields>(() => emptyReportFields(locale, incidentId));
  const [step, setStep] = useState<Step>({ kind: 'choose' });
  const [cancelled, setCancelled] = useState(false);
  const errors = useSubmitErrors();
  const zone = useMemo(browserTimeZone, []);
  /** The running work: the server requests' abort and the worker. */
  const running = useRef<{ abort: AbortController; task?: MakeTask } | undefined>(undefined);

  useEffect(() => {
    let live = true;
    setLoad({ kind: 'loading' });
    loadReportSource(api, session.accountKey).then(
      (source) => {
        if (!live) return;
        setLoad({ kind: 'loaded', source });
        // The incident asked for may have been deleted, or not open: then all incidents.
        setFields((f) =>
          f.which === 'one' && oneLabel(source, f.entryId, locale) === undefined
            ? { ...f, which: 'all', entryId: '' }
            : f,
        );
      },
      (e: unknown) => {
        if (live) setLoad({ kind: 'failed', message: describeError(t, e) });
      },
    );
    return () => {
      live = false;
    };
  }, [attempt]);

  // Leaving the screen (or locking, which remounts the app) stops any work at once.
  useEffect(() => () => stop(), []);

  const stop = (): void => {
    running.current?.abort.abort();
    running.current?.task?.cancel();
    running.current = undefined;
  };

  const set = <K extends keyof ReportFields>(key: K, value: ReportFields[K]): void =>
    setFields((f) => ({ ...f, [key]: value }));

  const preview = (source: ReportSource): void => {
    const checked = checkReportFields(fields, m);
    if (checked.options === undefined) {
      errors.show(checked.errors);
      return;
    }
    const options: ReportOptions = {
      ...checked.options,
      timeZone: zone,
      now: new Date(),
      madeWith: MADE_WITH,
    };
    const model = buildReport(source.records, options);
    if (model.log.length === 0) {
      errors.show([{ field: 'report-which', message: m.errors.nothing }]);
      return;
    }
    errors.clear();
    setStep({ kind: 'preview', model, options });
  };

  const make = async (source: ReportSource, model: ReportModel, base: ReportOptions) => {
    const abort = new AbortController();
    running.current = { abort };
    setCancelled(false);
    const withBundle = fields.kind === 'bundle';
    setStep({ kind: 'making', step: 'receipts', fraction: 0 });
    let sealedKeys: Parameters<typeof wipeSealed>[0] = [];
    let openingKeys: Parameters<typeof wipeSealed>[1] = [];
    try {
      const sealed = await sealForReport(api, session.accountKey, source, model.recordIds, {
        signal: abort.signal,
        onProgress: (done, total) =>
          setStep({ kind: 'making', step: 'receipts', fraction: total > 0 ? done / total : 1 }),
      });
      sealedKeys = sealed.sealed;
      openingKeys = sealed.witnessStatements;
      if (abort.signal.aborted) return;
      const now = new Date();
      const name = reportBaseName(now, zone);
      const options: ReportOptions = {
        ...base,
        now,
        verification: {
          logKeyFingerprint: sealed.logKey.fingerprint,
          verifierUrl: new URL('/verify', document.baseURI).href,
        },
      };
      const checker = verifyHtmlUrl();
      const request: MakeRequest = {
        type: 'make',
        records: sealed.records,
        options,
        fonts: reportFontUrls(),
        ...(withBundle
          ? {
              bundle: {
                folder: name,
                title: model.caseTitle,
                records: sealed.sealed,
                logKey: sealed.logKey.vkey,
                logOrigin: sealed.logKey.origin,
                evidence: evidenceFiles(source, model.recordIds.evidence),
                witnessStatements: sealed.witnessStatements,
                ...(checker !== undefined ? { verifyHtml: checker } : {}),
              },
            }
          : {}),
      };
      const task = makeInWorker(request, (s, fraction) =>
        setStep({ kind: 'making', step: s, fraction }),
      );
      // The worker has its own copy of the content keys now.
      wipeSealed(sealedKeys, openingKeys);
      running.current = { abort, task };
      const made = await task.result;
      running.current = undefined;
      setStep({
        kind: 'done',
        pdf: made.pdf,
        ...(made.bundle !== undefined ? { bundle: made.bundle } : {}),
        name,
        withoutReceipt: withBundle ? sealed.withoutReceipt : 0,
      });
    } catch (e) {
      wipeSealed(sealedKeys, openingKeys);
      running.current = undefined;
      if (abort.signal.aborted || (e instanceof MakeFailed && e.code === 'cancelled')) return;
      // Back to the preview, where the error summary's link lands on "Make the report".
      setStep({ kind: 'preview', model, options: base });
      const message =
        e instanceof MakeFailed && e.code !== 'cancelled' ? m.failed[e.code] : describeError(t, e);
      errors.show([{ field: 'report-make', message }]);
    }
  };

  const cancel = (): void => {
    stop();
    errors.clear();
    setCancelled(true);
    setStep({ kind: 'choose' });
  };

  if (step.kind === 'making') {
    const words =
      step.step === 'receipts'
        ? m.making.receipts
        : step.step === 'pdf'
          ? m.making.pdf
          : m.making.bundle;
    return (
      <Page key="making" title={m.making.title}>
        <p aria-live="polite">{words}</p>
        <Progress
          label={m.making.progress}
          fraction={step.fraction}
          text={format(m.making.percent, { n: Math.round(step.fraction * 100) })}
        />
        <Button variant="secondary" onClick={cancel}>
          {m.making.cancel}
        </Button>
      </Page>
    );
  }

  if (step.kind === 'done') {
    return (
      <Page key="done" title={m.done.title}>
        <p>{m.done.lede}</p>
        {step.withoutReceipt > 0 && (
          <div class="notice" data-no-receipt={step.withoutReceipt}>
            <p>{format(m.done.noReceipt, { n: step.withoutReceipt })}</p>
          </div>
        )}
        <div class="button-group">
          <Button onClick={() => saveBlob(step.pdf, `${step.name}.pdf`)}>{m.done.savePdf}</Button>
          {step.bundle !== undefined && (
            <Button
              variant="secondary"
              onClick={() => step.bundle && saveBlob(step.bundle, `${step.name}.zip`)}
            >
              {m.done.saveBundle}
            </Button>
          )}
        </div>
        <p class="hint">{m.done.kept}</p>
        <LinkButton onClick={() => setStep({ kind: 'choose' })}>{m.done.again}</LinkButton>
      </Page>
    );
  }

  if (step.kind === 'preview' && load.kind === 'loaded') {
    return (
      <Page
        key="preview"
        title={m.preview.title}
        errors={errors.errors}
        errorSeq={errors.seq}
        back={() => setStep({ kind: 'choose' })}
      >
        <p>{m.preview.lede}</p>
        <Preview model={step.model} fields={fields} offered={offeredOf(load.source)} />
        <Radios
          id="report-kind"
          legend={m.preview.kind}
          choices={[
            { value: 'pdf', label: m.preview.pdfOnly, hint: m.preview.pdfOnlyHint },
            { value: 'bundle', label: m.preview.withBundle, hint: m.preview.withBundleHint },
          ]}
          value={fields.kind}
          onChange={(v) => set('kind', v === 'bundle' ? 'bundle' : 'pdf')}
        />
        <div class="warning-text" data-bundle-warning="">
          <span class="warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong class="warning-text__text">{m.preview.bundleWarning}</strong>
        </div>
        <div class="button-group">
          <button
            type="button"
            id="report-make"
            class="button"
            onClick={() => void make(load.source, step.model, step.options)}
          >
            {m.preview.make}
          </button>
          <LinkButton onClick={() => setStep({ kind: 'choose' })}>{m.preview.change}</LinkButton>
        </div>
      </Page>
    );
  }

  return (
    <Page
      key="choose"
      title={m.title}
      errors={errors.errors}
      errorSeq={errors.seq}
      back={() =>
        navigate(
          incidentId !== undefined ? { name: 'incident-view', id: incidentId } : { name: 'home' },
        )
      }
    >
      {cancelled && (
        <div class="notice" role="status" data-cancelled="">
          <p>{m.making.cancelled}</p>
        </div>
      )}
      <p>{m.lede}</p>
      <Busy message={load.kind === 'loading' ? m.loading : undefined} />
      {load.kind === 'failed' && (
        <div class="notice notice--error" role="alert">
          <p>
            {m.loadFailed} {load.message}
          </p>
          <Button variant="secondary" onClick={() => setAttempt(attempt + 1)}>
            {m.retry}
          </Button>
        </div>
      )}
      {load.kind === 'loaded' && (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            preview(load.source);
          }}
        >
          {load.source.unreadable > 0 && (
            <div class="notice notice--error">
              <p>{format(m.unreadable, { n: load.source.unreadable })}</p>
            </div>
          )}
          <Choices
            fields={fields}
            set={set}
            patch={(change) => setFields((f) => ({ ...f, ...change }))}
            people={load.source.records.people ?? []}
            offered={offeredOf(load.source)}
            one={oneLabel(load.source, fields.entryId, locale)}
            errors={errors.errors}
          />
          <Button type="submit">{m.check}</Button>
        </form>
      )}
    </Page>
  );
}

/** The encrypted files of the included evidence, for the worker to fetch and open. */
function evidenceFiles(source: ReportSource, ids: readonly string[]): EvidenceFile[] {
  const byId = new Map(
    (source.records.evidence ?? []).map((r) => [r.id, current(r).value] as const),
  );
  return ids.flatMap((id) => {
    const ev: Evidence | undefined = byId.get(id);
    if (ev === undefined) return [];
    return [
      {
        evidenceId: id,
        name: ev.file.name,
        size: ev.file.size,
        uploadId: ev.upload.id,
        fileId: ev.encryption.fileId,
        key: ev.encryption.key,
      },
    ];
  });
}
