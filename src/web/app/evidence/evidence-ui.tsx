/**
 * Pieces the evidence screens share: sizes and percentages in words, an upload's card (status,
 * progress, pause / carry on / cancel), the location warning, and opening a file for viewing
 * or download. GOV.UK Design System patterns, like src/web/app/ui.tsx; no inline styles.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { fromBase64Url } from '../../../crypto/index.js';
import { evidenceKind, formatCoordinates, type Evidence } from '../../../domain/evidence/index.js';
import { useApp } from '../shell/context.js';
import { useDiaryText } from '../diary/diary-text.js';
import { format } from '../shell/messages.js';
import { LinkButton } from '../components/ui.js';
import {
  wipeBestEffort,
  decryptToBlob,
  IntegrityError,
  responseChunks,
  fetchCiphertext,
  type UploadManager,
  type UploadView,
} from '../../../vault/index.js';
import { useUploads } from './evidence-session.js';
import { EVIDENCE_MESSAGES, type EvidenceMessages } from './messages.js';

/** The evidence strings in the app's language. */
export function useEvidenceText(): EvidenceMessages {
  return EVIDENCE_MESSAGES[useApp().locale];
}

/**
 * A size as people read it.
 *
 * @example formatSize(en, 1_500_000) // '1.4 MB'
 */
export function formatSize(e: EvidenceMessages, bytes: number): string {
  if (bytes === 1) return e.size.oneByte;
  if (bytes < 1024) return format(e.size.bytes, { n: bytes });
  const units = [
    [1024 ** 3, e.size.gb],
    [1024 ** 2, e.size.mb],
    [1024, e.size.kb],
  ] as const;
  for (const [unit, template] of units) {
    if (bytes >= unit) {
      const n = bytes / unit;
      return format(template, { n: n >= 100 ? Math.round(n) : Math.round(n * 10) / 10 });
    }
  }
  return format(e.size.bytes, { n: bytes });
}

export function percent(done: number, total: number): number {
  if (total <= 0) return done > 0 ? 100 : 0;
  return Math.min(100, Math.floor((done / total) * 100));
}

export function kindLabel(e: EvidenceMessages, evidence: Evidence): string {
  return e.kinds[evidenceKind(evidence.file.mediaType, evidence.file.name)];
}

/** GOV.UK warning text: the photo carries where it was taken. */
export function LocationWarning({ evidence, id }: { evidence: Evidence; id?: string }) {
  const e = useEvidenceText();
  const exif = evidence.exif;
  if (exif?.hasGps !== true) return null;
  const located = exif.location !== undefined;
  return (
    <div class="warning-text" id={id} data-location-warning="">
      <span class="warning-text__icon" aria-hidden="true">
        !
      </span>
      <strong class="warning-text__text">
        {located ? e.view.locationWarning : e.view.gpsWarning}
        {exif.location !== undefined && (
          <>
            {' '}
            <span class="evidence-coordinates">{formatCoordinates(exif.location)}</span>
          </>
        )}
      </strong>
    </div>
  );
}

/** What an upload is doing, in words. */
export function statusText(e: EvidenceMessages, upload: UploadView): string {
  const u = e.upload;
  switch (upload.phase) {
    case 'waiting':
      return u.waiting;
    case 'checking':
      return format(u.checking, { percent: percent(upload.done, upload.total) });
    case 'uploading':
      return format(u.uploading, { percent: percent(upload.done, upload.total) });
    case 'finishing':
      return u.finishing;
    case 'done':
      return u.done;
    case 'paused':
      return upload.problem !== undefined
        ? `${u.paused}. ${u.problems[upload.problem]}`
        : `${u.paused}: ${percent(upload.done, upload.total)}%`;
    case 'failed':
      return `${u.failed} ${upload.problem !== undefined ? u.problems[upload.problem] : u.problems.unexpected}`;
  }
}

/** One upload: its name, status, progress bar and the buttons that fit its state. */
export function UploadCard({
  upload,
  uploads,
  onCancelled,
}: {
  upload: UploadView;
  uploads: UploadManager;
  onCancelled?: (name: string, ok: boolean) => void;
}) {
  const app = useApp();
  const dm = useDiaryText();
  const e = useEvidenceText();
  const u = e.upload;
  const x = dm.diaryExtra.evidence;
  const [busy, setBusy] = useState(false);
  const statusId = `${upload.key}-status`;
  const name = upload.name;
  const canCancel =
    upload.phase !== 'done' && !(upload.phase === 'failed' && upload.evidenceId === undefined);
  const cancel = (): void => {
    setBusy(true);
    uploads.cancel(upload.key).then(
      () => onCancelled?.(name, true),
      () => {
        setBusy(false);
        onCancelled?.(name, false);
      },
    );
  };
  const retryable =
    upload.phase === 'failed' &&
    (upload.problem === 'network' ||
      upload.problem === 'server' ||
      upload.problem === 'unexpected');
  return (
    <li class="upload" data-upload={upload.phase}>
      <p class="upload__name">
        <strong>{name}</strong> <span class="upload__size">{formatSize(e, upload.size)}</span>
      </p>
      <progress
        class="upload__progress"
        max={upload.total > 0 ? upload.total : 1}
        value={upload.phase === 'done' ? (upload.total > 0 ? upload.total : 1) : upload.done}
        aria-label={format(u.progressLabel, { name })}
        aria-describedby={statusId}
      />
      <p class="upload__status" id={statusId}>
        {statusText(e, upload)}
      </p>
      {upload.linkFailed && <p class="upload__status">{u.linkFailed}</p>}
      <div class="upload__actions">
        {upload.phase === 'uploading' && (
          <button
            type="button"
            class="button button--secondary"
            aria-label={format(u.pauseLabel, { name })}
            onClick={() => uploads.pause(upload.key)}
          >
            {u.pause}
          </button>
        )}
        {upload.phase === 'paused' && (
          <button
            type="button"
            class="button button--secondary"
            aria-label={format(u.resumeLabel, { name })}
            onClick={() => uploads.resume(upload.key)}
          >
            {u.resume}
          </button>
        )}
        {retryable && (
          <button
            type="button"
            class="button button--secondary"
            aria-label={format(u.retryLabel, { name })}
            onClick={() => uploads.resume(upload.key)}
          >
            {u.retry}
          </button>
        )}
        {canCancel && (
          <button
            type="button"
            class="button button--warning"
            aria-label={format(u.cancelLabel, { name })}
            disabled={busy}
            onClick={cancel}
          >
            {u.cancel}
          </button>
        )}
        {(upload.phase === 'done' || upload.phase === 'failed') && (
          <button
            type="button"
            class="button button--secondary"
            aria-label={format(x.dismissLabel, { name })}
            aria-describedby={`${upload.key}-dismiss-hint`}
            onClick={() => uploads.dismiss(upload.key)}
          >
            {x.dismiss}
          </button>
        )}
      </div>
      {(upload.phase === 'done' || upload.phase === 'failed') && (
        <p class="hint" id={`${upload.key}-dismiss-hint`}>
          {x.dismissHint}
        </p>
      )}
      {upload.evidenceId !== undefined && upload.phase !== 'failed' && (
        <ul class="upload__links">
          <li>
            <LinkButton
              label={format(u.detailsLabel, { name })}
              onClick={() => {
                if (upload.evidenceId !== undefined) {
                  app.navigate({ name: 'evidence-edit', id: upload.evidenceId });
                }
              }}
            >
              {u.details}
            </LinkButton>
          </li>
          <li>
            <LinkButton
              label={format(u.viewLabel, { name })}
              onClick={() => {
                if (upload.evidenceId !== undefined) {
                  app.navigate({ name: 'evidence-view', id: upload.evidenceId });
                }
              }}
            >
              {u.view}
            </LinkButton>
          </li>
        </ul>
      )}
    </li>
  );
}

/**
 * The session's uploads, with one polite announcement when one finishes, pauses or fails
 * (progress itself is not announced: it would never stop talking).
 */
export function UploadList({
  filter,
  onCancelled,
}: {
  filter?: (upload: UploadView) => boolean;
  onCancelled?: (name: string, ok: boolean) => void;
}) {
  const app = useApp();
  const e = useEvidenceText();
  const { uploads, views } = useUploads(app);
  const shown = filter !== undefined ? views.filter(filter) : views;
  const phases = useRef(new Map<string, string>());
  const [said, setSaid] = useState('');
  useEffect(() => {
    for (const v of views) {
      const before = phases.current.get(v.key);
      if (
        before !== undefined &&
        before !== v.phase &&
        ['done', 'failed', 'paused'].includes(v.phase)
      ) {
        setSaid(`${v.name}: ${statusText(e, v)}`);
      }
      phases.current.set(v.key, v.phase);
    }
  }, [views]);
  return (
    <>
      {shown.length > 0 && (
        <ul class="uploads" data-uploads="">
          {shown.map((v) => (
            <UploadCard
              key={v.key}
              upload={v}
              uploads={uploads}
              {...(onCancelled !== undefined ? { onCancelled } : {})}
            />
          ))}
        </ul>
      )}
      <div class="visually-hidden" aria-live="polite">
        {said}
      </div>
    </>
  );
}

/**
 * Fetches and decrypts an item's file into a Blob of the original bytes. The file key is
 * decoded for this one use and wiped afterwards.
 */
export async function openEvidenceFile(
  evidence: Evidence,
  options: {
    readonly signal?: AbortSignal;
    readonly onProgress?: (done: number, total: number) => void;
  },
): Promise<Blob> {
  const sha256 = evidence.file.sha256;
  // Only a finished upload has one, and only a finished upload is opened.
  if (sha256 === undefined) throw new IntegrityError('incomplete', 'the upload is not finished');
  const key = fromBase64Url(evidence.encryption.key);
  try {
    const response = await fetchCiphertext(evidence.upload.id, options.signal);
    return await decryptToBlob(responseChunks(response), {
      key,
      fileId: evidence.encryption.fileId,
      size: evidence.file.size,
      sha256,
      mediaType: evidence.file.mediaType,
      ...(options.signal !== undefined ? { signal: options.signal } : {}),
      ...(options.onProgress !== undefined ? { onProgress: options.onProgress } : {}),
    });
  } finally {
    wipeBestEffort(key);
  }
}

/**
 * Hands a Blob to the browser as a download under the original name. The Blob is relabelled
 * as plain bytes, so nothing opens it inline, and its URL is revoked at once.
 */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob.slice(0, blob.size, 'application/octet-stream'));
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    link.rel = 'noopener';
    link.hidden = true;
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    URL.revokeObjectURL(url);
  }
}
