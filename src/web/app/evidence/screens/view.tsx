/**
 * One evidence item: the file (decrypted in this browser into an object URL, shown by an img,
 * audio, video or PDF frame only when every chunk authenticated and the SHA-256 matched), the
 * download of the original bytes, its details and fingerprint, the photo's own metadata with a
 * warning when it carries a location, the incidents it is linked to, and, for an upload that
 * stopped in an earlier session, the way to carry it on.
 *
 * Object URLs are revoked when the screen goes and on lock (evidence-session.ts).
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { formatDate, type Incident } from '../../../../domain/diary/index.js';
import {
  formatCoordinates,
  previewKind,
  type Evidence,
} from '../../../../domain/evidence/index.js';
import {
  isApiError,
  type DecryptedRecord,
  localDate,
  IntegrityError,
  loadEvidenceHeld,
  type EvidenceRecord,
  type RecordResponse,
  allIncidents,
} from '../../../../vault/index.js';
import { useApp } from '../../shell/context.js';
import { useDiaryText } from '../../diary/diary-text.js';
import { formatZonedWhen } from '../../diary/diary-ui.js';
import { ReceiptLine } from '../../diary/receipt-line.js';
import { describeError } from '../../shell/errors.js';
import { format } from '../../shell/messages.js';
import { Busy, Button, LinkButton, Page, useLive, useSubmitErrors } from '../../components/ui.js';
import { evidenceSession, useUploads } from '../evidence-session.js';
import {
  formatSize,
  kindLabel,
  LocationWarning,
  openEvidenceFile,
  percent,
  saveBlob,
  UploadCard,
  useEvidenceText,
} from '../evidence-ui.js';
import type { EvidenceMessages } from '../messages.js';
import type { DiaryMessages } from '../../diary/messages.js';

/** Files up to this size are opened as soon as the screen shows; larger ones on request. */
const AUTO_OPEN_BYTES = 50 * 1024 * 1024;

function problemText(e: EvidenceMessages, t: ReturnType<typeof useApp>['t'], err: unknown): string {
  if (err instanceof IntegrityError) return e.view.integrity[err.problem];
  if (isApiError(err, 'not_found')) return e.view.integrity.incomplete;
  return describeError(t, err);
}

export function EvidenceViewScreen({ id }: { id: string }) {
  const app = useApp();
  const { t, navigate, api, session, revisions } = app;
  const e = useEvidenceText();
  const v = e.view;
  const [record, setRecord] = useState<EvidenceRecord | undefined>();
  const [response, setResponse] = useState<RecordResponse | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  // Kept here: choosing a file hides the chooser while it is checked, and a "not the same
  // file" answer must still be shown when it comes back.
  const [resumeError, setResumeError] = useState<string | undefined>();
  const { views } = useUploads(app);
  const upload = views.find((u) => u.evidenceId === id);
  const finishedHere = upload?.phase === 'done';
  const back = (): void => navigate({ name: 'evidence' });

  useEffect(() => {
    let live = true;
    loadEvidenceHeld({ api, accountKey: () => session.accountKey, revisions }, id).then(
      (r) => {
        if (!live) return;
        setRecord(r.record);
        setResponse(r.response);
      },
      (err: unknown) => {
        if (!live) return;
        if (isApiError(err, 'not_found')) setProblem(v.notFound);
        else setProblem(isApiError(err) ? describeError(t, err) : v.unreadable);
      },
    );
    return () => {
      live = false;
    };
  }, [id, finishedHere]);

  if (record === undefined) {
    return (
      <Page title={v.title} back={back}>
        <Busy message={problem === undefined ? v.loading : undefined} />
        {problem !== undefined && (
          <div class="notice notice--error" role="alert">
            <p>{problem}</p>
          </div>
        )}
      </Page>
    );
  }

  const value = record.value;
  const complete = value.upload.state === 'complete';
  return (
    <Page title={v.title} heading={value.title} back={back}>
      <p class="entry__meta">
        {kindLabel(e, value)} · {formatSize(e, value.file.size)}
      </p>
      {!complete && upload !== undefined && upload.phase !== 'done' && (
        <ul class="uploads">
          <UploadCard upload={upload} uploads={evidenceSession(app).uploads} />
        </ul>
      )}
      {/* Nothing is sending it in this session, or it failed here: the file can be chosen again. */}
      {!complete && (upload === undefined || upload.phase === 'failed') && (
        <ResumeUpload record={record} error={resumeError} onError={setResumeError} />
      )}
      {complete && <FileSection evidence={value} />}
      <Details record={record} />
      {response !== undefined && response.revision === record.revision && (
        <ReceiptLine response={response} />
      )}
      <LinkedIncidents evidenceId={id} />
      <div class="button-group">
        <Button variant="secondary" onClick={() => navigate({ name: 'evidence-edit', id })}>
          {v.edit}
        </Button>
        <Button variant="secondary" onClick={() => navigate({ name: 'evidence-link', id })}>
          {v.link}
        </Button>
        <Button variant="warning" onClick={() => navigate({ name: 'evidence-delete', id })}>
          {complete ? v.delete : v.cancelUpload}
        </Button>
      </div>
      <p>
        <LinkButton onClick={back}>{v.back}</LinkButton>
      </p>
    </Page>
  );
}

type FileState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'opening'; readonly done: number }
  | { readonly kind: 'shown'; readonly url: string; readonly blob: Blob }
  | { readonly kind: 'failed'; readonly message: string };

/** The preview and the download of a finished upload. */
function FileSection({ evidence }: { evidence: Evidence }) {
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

/** Every fact about the item, as a GOV.UK summary list. */
function Details({ record }: { record: EvidenceRecord }) {
  const app = useApp();
  const dm = useDiaryText();
  const { locale, formatTimestamp } = app;
  const e = useEvidenceText();
  const v = e.view;
  const f = v.fields;
  const value = record.value;
  const exif = value.exif;
  const row = (label: string, content: ComponentChildren, data?: string) => (
    <div class="summary-list__row">
      <dt>{label}</dt>
      <dd class="note-body" data-field={data}>
        {content}
      </dd>
    </div>
  );
  const taken =
    exif?.takenAt !== undefined
      ? format(exif.offset !== undefined ? v.cameraClockOffset : v.cameraClock, {
          time: `${formatDate(exif.takenAt.slice(0, 10))[locale]} ${exif.takenAt.slice(11, 16)}`,
          offset: exif.offset ?? '',
        })
      : undefined;
  const camera = [exif?.make, exif?.model].filter((x) => x !== undefined).join(' ');
  return (
    <section aria-labelledby="evidence-details-heading">
      <h2 id="evidence-details-heading">{v.detailsHeading}</h2>
      <dl class="summary-list">
        {row(f.title, value.title, 'title')}
        {row(
          f.date,
          <>
            {formatDate(value.date)[locale]} <span class="hint">({dateSource(dm, value)})</span>
          </>,
          'date',
        )}
        {row(f.note, value.note ?? v.none, 'note')}
        {row(f.name, value.file.name, 'name')}
        {row(f.kind, `${kindLabel(e, value)} (${value.file.mediaType})`, 'kind')}
        {row(f.size, formatSize(e, value.file.size), 'size')}
        {row(
          f.sha256,
          <>
            <code class="evidence-hash" data-sha256="">
              {value.file.sha256 ?? v.notFinished}
            </code>
            <span class="hint evidence-hash__hint">{v.sha256Hint}</span>
          </>,
          'sha256',
        )}
        {row(f.added, formatTimestamp(record.createdAt), 'added')}
        {record.revision > 1 && row(f.changed, formatTimestamp(record.updatedAt))}
        {value.file.lastModified !== undefined &&
          row(f.modified, formatTimestamp(value.file.lastModified), 'modified')}
        {row(
          f.uploaded,
          value.upload.completedAt !== undefined
            ? formatTimestamp(value.upload.completedAt)
            : v.notFinished,
          'uploaded',
        )}
        {taken !== undefined && row(f.taken, taken, 'taken')}
        {camera.length > 0 && row(f.camera, camera, 'camera')}
        {exif?.hasGps === true &&
          row(
            f.location,
            exif.location !== undefined
              ? `${formatCoordinates(exif.location)}${exif.location.altitudeMetres !== undefined ? `, ${exif.location.altitudeMetres} m` : ''}`
              : v.locationUnreadable,
            'location',
          )}
      </dl>
    </section>
  );
}

/** The incidents that list this item, each a link to the incident. */
function LinkedIncidents({ evidenceId }: { evidenceId: string }) {
  const app = useApp();
  const { t, locale, navigate } = app;
  const e = useEvidenceText();
  const v = e.view;
  const [incidents, setIncidents] = useState<readonly DecryptedRecord<Incident>[] | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  useEffect(() => {
    let live = true;
    allIncidents(app).then(
      (all) => {
        if (live) setIncidents(all.filter((i) => i.value.evidenceIds.includes(evidenceId)));
      },
      (err: unknown) => {
        if (live) setProblem(describeError(t, err));
      },
    );
    return () => {
      live = false;
    };
  }, [evidenceId]);
  return (
    <section aria-labelledby="evidence-incidents-heading">
      <h2 id="evidence-incidents-heading">{v.incidentsHeading}</h2>
      <Busy
        message={incidents === undefined && problem === undefined ? e.link.loading : undefined}
      />
      {problem !== undefined && (
        <div class="notice notice--error" role="alert">
          <p>{problem}</p>
        </div>
      )}
      {incidents !== undefined &&
        (incidents.length === 0 ? (
          <p>{v.noIncidents}</p>
        ) : (
          <ul class="diary-links" data-linked-incidents="">
            {incidents.map((incident) => (
              <li key={incident.id}>
                <LinkButton onClick={() => navigate({ name: 'incident-view', id: incident.id })}>
                  {incidentLabel(t, locale, incident.value)}
                </LinkButton>
              </li>
            ))}
          </ul>
        ))}
    </section>
  );
}

/** "29 March 2026 at 19:05: He was at the gate…" */
/** Where an item's date came from: the photo's camera date, the file's date, or the person. */
function dateSource(
  dm: DiaryMessages,
  value: {
    readonly date: string;
    readonly exif?: { readonly takenAt?: string | undefined } | undefined;
    readonly file: { readonly lastModified?: string | undefined };
  },
): string {
  const x = dm.diaryExtra.evidence;
  if (value.exif?.takenAt !== undefined && value.exif.takenAt.slice(0, 10) === value.date) {
    return x.fromPhoto;
  }
  if (
    value.file.lastModified !== undefined &&
    localDate(new Date(value.file.lastModified)) === value.date
  ) {
    return x.fromFile;
  }
  return x.chosen;
}

export function incidentLabel(
  t: ReturnType<typeof useApp>['t'],
  locale: ReturnType<typeof useApp>['locale'],
  incident: Incident,
): string {
  const what = incident.what.replace(/\s+/g, ' ').trim();
  const chars = Array.from(what);
  const short = chars.length > 80 ? `${chars.slice(0, 80).join('')}…` : what;
  return `${formatZonedWhen(t, locale, incident.when)}: ${short}`;
}

/** An upload saved in an earlier session: choose the same file again to carry on. */
function ResumeUpload({
  record,
  error,
  onError,
}: {
  record: EvidenceRecord;
  error: string | undefined;
  onError: (message: string | undefined) => void;
}) {
  const app = useApp();
  const e = useEvidenceText();
  const v = e.view;
  const [checking, setChecking] = useState(false);
  const file = record.value.file;
  const described = { name: file.name, size: formatSize(e, file.size) };
  const inputId = 'evidence-resume-file';
  const hintId = `${inputId}-hint`;
  const errorId = `${inputId}-error`;
  const choose = (input: HTMLInputElement): void => {
    const chosen = input.files?.[0];
    input.value = '';
    if (chosen === undefined) return;
    onError(undefined);
    setChecking(true);
    evidenceSession(app)
      .uploads.resumeWith(record, chosen)
      .then(
        (result) => {
          setChecking(false);
          if (result === 'not_same') onError(format(v.notSame, described));
        },
        () => setChecking(false),
      );
  };
  return (
    <section class="evidence-resume" aria-labelledby="evidence-resume-heading">
      <h2 id="evidence-resume-heading">{v.resumeHeading}</h2>
      <div class={`form-group${error !== undefined ? ' form-group--error' : ''}`}>
        <label class="label" for={inputId}>
          {v.resumeLabel}
        </label>
        <div class="hint" id={hintId}>
          {format(v.resumeText, described)}
        </div>
        {error !== undefined && (
          <p class="error-message" id={errorId} role="alert">
            <span class="visually-hidden">{app.t.common.errorPrefix}</span> {error}
          </p>
        )}
        <input
          class="file-upload"
          id={inputId}
          name={inputId}
          type="file"
          disabled={checking}
          aria-describedby={error !== undefined ? `${hintId} ${errorId}` : hintId}
          onChange={(event) => choose(event.currentTarget)}
        />
      </div>
    </section>
  );
}
