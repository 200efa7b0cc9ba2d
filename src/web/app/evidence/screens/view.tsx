/**
 * One evidence item: the file (decrypted in this browser into an object URL, shown by an img,
 * audio, video or PDF frame only when every chunk authenticated and the SHA-256 matched), the
 * download of the original bytes, its details and fingerprint, the photo's own metadata with a
 * warning when it carries a location, the incidents it is linked to, and, for an upload that
 * stopped in an earlier session, the way to carry it on.
 *
 * Object URLs are revoked when the screen goes and on lock (evidence-session.ts). The file is
 * in view-file.tsx, the details and linked incidents in view-details.tsx.
 */
import { useEffect, useState } from 'preact/hooks';
import {
  isApiError,
  loadEvidenceHeld,
  type EvidenceRecord,
  type RecordResponse,
} from '../../../../vault/index.js';
import { useApp } from '../../shell/context.js';
import { ReceiptLine } from '../../diary/receipt-line.js';
import { describeError } from '../../shell/errors.js';
import { format } from '../../shell/messages.js';
import { Busy, Button, LinkButton, Page } from '../../components/ui.js';
import { evidenceSession, useUploads } from '../evidence-session.js';
import { formatSize, kindLabel, UploadCard, useEvidenceText } from '../evidence-ui.js';
import { Details, LinkedIncidents } from './view-details.js';
import { FileSection } from './view-file.js';

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
