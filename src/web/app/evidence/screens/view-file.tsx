/**
 * An evidence item's file: decrypted in this browser into an object URL and shown by an img,
 * audio, video or PDF frame only when every chunk authenticated and the SHA-256 matched, and
 * the download of the original bytes. Split from view.tsx (the screen); object URLs are revoked
 * when the screen goes and on lock (evidence-session.ts).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { previewKind, type Evidence } from '../../../../domain/evidence/index.js';
import { isApiError, IntegrityError } from '../../../../vault/index.js';
import { useApp } from '../../shell/context.js';
import { describeError } from '../../shell/errors.js';
import { format } from '../../shell/messages.js';
import { Busy, Button, useLive, useSubmitErrors } from '../../components/ui.js';
import { evidenceSession } from '../evidence-session.js';
import {
  formatSize,
  LocationWarning,
  openEvidenceFile,
  percent,
  saveBlob,
  useEvidenceText,
} from '../evidence-ui.js';
import type { EvidenceMessages } from '../messages.js';

/** Files up to this size are opened as soon as the screen shows; larger ones on request. */
const AUTO_OPEN_BYTES = 50 * 1024 * 1024;

function problemText(e: EvidenceMessages, t: ReturnType<typeof useApp>['t'], err: unknown): string {
  if (err instanceof IntegrityError) return e.view.integrity[err.problem];
  if (isApiError(err, 'not_found')) return e.view.integrity.incomplete;
  return describeError(t, err);
}

type FileState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'opening'; readonly done: number }
  | { readonly kind: 'shown'; readonly url: string; readonly blob: Blob }
  | { readonly kind: 'failed'; readonly message: string };

/** The preview and the download of a finished upload. */
export function FileSection({ evidence }: { evidence: Evidence }) {
  const app = useApp();
  const e = useEvidenceText();
  const v = e.view;
  const live = useLive();
  const files = evidenceSession(app);
  const kind = previewKind(evidence.file.mediaType);
  const [state, setState] = useState<FileState>({ kind: 'idle' });
  const [saving, setSaving] = useState<number | undefined>();
  const [saved, setSaved] = useState(false);
  const errors = useSubmitErrors();
  const controller = useRef(new AbortController());
  const shown = useRef<string | undefined>(undefined);

  // Leaving the screen stops any download and revokes the URL; locking does too.
  useEffect(
    () => () => {
      controller.current.abort();
      if (shown.current !== undefined) files.revoke(shown.current);
    },
    [],
  );

  const open = (): void => {
    setState({ kind: 'opening', done: 0 });
    openEvidenceFile(evidence, {
      signal: controller.current.signal,
      onProgress: (done) => {
        if (live.current) setState({ kind: 'opening', done });
      },
    }).then(
      (blob) => {
        if (!live.current) return;
        const url = files.objectUrl(blob);
        shown.current = url;
        setState({ kind: 'shown', url, blob });
      },
      (err: unknown) => {
        if (live.current) setState({ kind: 'failed', message: problemText(e, app.t, err) });
      },
    );
  };

  useEffect(() => {
    if (kind !== 'none' && evidence.file.size <= AUTO_OPEN_BYTES) open();
  }, []);

  const download = (): void => {
    setSaved(false);
    if (state.kind === 'shown') {
      saveBlob(state.blob, evidence.file.name);
      setSaved(true);
      return;
    }
    setSaving(0);
    openEvidenceFile(evidence, {
      signal: controller.current.signal,
      onProgress: (done) => {
        if (live.current) setSaving(done);
      },
    }).then(
      (blob) => {
        if (!live.current) return;
        setSaving(undefined);
        saveBlob(blob, evidence.file.name);
        setSaved(true);
      },
      (err: unknown) => {
        if (!live.current) return;
        setSaving(undefined);
        errors.show([{ field: 'evidence-download', message: problemText(e, app.t, err) }]);
      },
    );
  };

  const label = (template: string): string => format(template, { title: evidence.title });
  return (
    <section aria-labelledby="evidence-file-heading">
      <h2 id="evidence-file-heading">{v.fileHeading}</h2>
      {kind === 'none' && <p>{v.noPreview}</p>}
      {kind !== 'none' && state.kind === 'idle' && (
        <Button variant="secondary" onClick={open}>
          {format(v.open, { size: formatSize(e, evidence.file.size) })}
        </Button>
      )}
      <Busy
        message={
          state.kind === 'opening'
            ? format(v.opening, { percent: percent(state.done, evidence.file.size) })
            : undefined
        }
      />
      {state.kind === 'failed' && (
        <div class="notice notice--error" role="alert" data-integrity-error="">
          <p>{state.message}</p>
        </div>
      )}
      {state.kind === 'shown' && (
        <div class="evidence-preview" data-preview={kind}>
          {kind === 'image' && (
            <img class="evidence-preview__image" src={state.url} alt={label(v.imageAlt)} />
          )}
          {kind === 'audio' && (
            <audio
              class="evidence-preview__audio"
              src={state.url}
              controls
              aria-label={label(v.audioLabel)}
            />
          )}
          {kind === 'video' && (
            <video
              class="evidence-preview__video"
              src={state.url}
              controls
              playsInline
              aria-label={label(v.videoLabel)}
            />
          )}
          {kind === 'pdf' && (
            <iframe class="evidence-preview__pdf" src={state.url} title={label(v.pdfLabel)} />
          )}
        </div>
      )}
      <LocationWarning evidence={evidence} id="evidence-location-warning" />
      {errors.errors.length > 0 && state.kind !== 'failed' && (
        <div class="notice notice--error" role="alert">
          <p>{errors.errors[0]?.message}</p>
        </div>
      )}
      <Busy
        message={
          saving !== undefined
            ? format(v.preparing, { percent: percent(saving, evidence.file.size) })
            : undefined
        }
      />
      <div class="button-group">
        <button
          type="button"
          id="evidence-download"
          class="button"
          disabled={saving !== undefined || state.kind === 'failed'}
          aria-describedby={
            evidence.exif?.hasGps === true ? 'evidence-location-warning' : undefined
          }
          onClick={download}
        >
          {v.download}
        </button>
      </div>
      <div role="status">{saved && <p class="hint">{v.downloaded}</p>}</div>
    </section>
  );
}
