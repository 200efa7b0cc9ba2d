/**
 * Adding evidence: choose files (several at once), drop them on the page, take a photo or
 * record sound where the device allows. Each file goes into the session's upload queue, which
 * checks the limits, hashes, saves the encrypted record and uploads the encrypted bytes; this
 * screen shows each one's progress with pause, carry on and cancel.
 */
import { useEffect, useState } from 'preact/hooks';
import { encryptedFileSize } from '../../../../crypto/index.js';
import type { EvidenceSource } from '../../../../domain/evidence/index.js';
import { useApp } from '../../shell/context.js';
import { format } from '../../shell/messages.js';
import { LinkButton, Page, useSubmitErrors, type ErrorItem } from '../../components/ui.js';
import { evidenceSession } from '../evidence-session.js';
import { formatSize, UploadList, useEvidenceText } from '../evidence-ui.js';
import { canRecordSound, SoundRecorder } from '../recorder.js';
import type { UploadLimits } from '../../../../vault/index.js';

const FILES_ID = 'evidence-files';

export function EvidenceAddScreen({ incidentId }: { incidentId?: string | undefined }) {
  const app = useApp();
  const { navigate } = app;
  const e = useEvidenceText();
  const a = e.add;
  const { uploads } = evidenceSession(app);
  const errors = useSubmitErrors();
  const [limits, setLimits] = useState<UploadLimits | undefined>();
  const [dragging, setDragging] = useState(false);
  const [notice, setNotice] = useState<string | undefined>();
  const [camera] = useState(
    () => typeof matchMedia === 'function' && matchMedia('(pointer: coarse)').matches,
  );
  const [microphone] = useState(canRecordSound);
  /** Dragging files needs a mouse or trackpad: not offered on a touch-only phone. */
  const [canDrag] = useState(
    () => typeof matchMedia !== 'function' || matchMedia('(pointer: fine)').matches,
  );

  useEffect(() => {
    let live = true;
    uploads.uploadLimits().then(
      (l) => {
        if (live) setLimits(l);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);

  const back = (): void =>
    navigate(
      incidentId !== undefined ? { name: 'incident-view', id: incidentId } : { name: 'evidence' },
    );

  /** Checks what the limits allow (when known), queues the rest, and lists the refused. */
  const addFiles = (files: readonly File[], source: EvidenceSource): void => {
    if (files.length === 0) return;
    const refused: ErrorItem[] = [];
    const accepted: File[] = [];
    let free = limits !== undefined ? limits.accountQuotaBytes - limits.usedBytes : Infinity;
    for (const file of files) {
      const size = encryptedFileSize(file.size);
      if (limits !== undefined && size > limits.maxFileBytes) {
        refused.push({
          field: FILES_ID,
          message: format(a.tooBig, { name: file.name, max: formatSize(e, limits.maxFileBytes) }),
        });
      } else if (size > free) {
        refused.push({
          field: FILES_ID,
          message: format(a.noRoom, { name: file.name, free: formatSize(e, Math.max(0, free)) }),
        });
      } else {
        free -= size;
        accepted.push(file);
      }
    }
    if (refused.length > 0) errors.show(refused);
    else errors.clear();
    setNotice(undefined);
    uploads.add(accepted, { source, ...(incidentId !== undefined ? { incidentId } : {}) });
  };

  const fromInput = (input: HTMLInputElement, source: EvidenceSource): void => {
    const files = input.files !== null ? Array.from(input.files) : [];
    // Cleared so the same file can be chosen again, and no File is left in the form.
    input.value = '';
    addFiles(files, source);
  };

  const fileError = errors.errors.length > 0 ? errors.errors : undefined;
  const hintId = `${FILES_ID}-hint`;
  const errorId = `${FILES_ID}-error`;
  return (
    <Page title={a.title} back={back} errors={errors.errors} errorSeq={errors.seq}>
      {incidentId !== undefined && <p class="inset-text">{a.forIncident}</p>}
      <div
        class={`evidence-drop${dragging ? ' evidence-drop--active' : ''}`}
        data-drop-zone=""
        onDragEnter={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragOver={(event) => {
          event.preventDefault();
          if (event.dataTransfer !== null) event.dataTransfer.dropEffect = 'copy';
        }}
        onDragLeave={(event) => {
          if (event.currentTarget === event.target) setDragging(false);
        }}
        onDrop={(event) => {
          event.preventDefault();
          setDragging(false);
          const files = event.dataTransfer?.files;
          addFiles(files !== undefined ? Array.from(files) : [], 'file');
        }}
      >
        <div class={`form-group${fileError !== undefined ? ' form-group--error' : ''}`}>
          <label class="label label--m" for={FILES_ID}>
            {a.filesLabel}
          </label>
          <div class="hint" id={hintId}>
            {a.filesHint}
            {limits !== undefined && (
              <>
                {' '}
                {format(a.limitHint, {
                  max: formatSize(e, limits.maxFileBytes),
                  free: formatSize(e, Math.max(0, limits.accountQuotaBytes - limits.usedBytes)),
                })}
              </>
            )}
          </div>
          {fileError !== undefined && (
            <div class="error-message" id={errorId}>
              {fileError.map((item) => (
                <p key={item.message}>
                  <span class="visually-hidden">{app.t.common.errorPrefix}</span> {item.message}
                </p>
              ))}
            </div>
          )}
          <input
            class="file-upload"
            id={FILES_ID}
            name={FILES_ID}
            type="file"
            multiple
            aria-describedby={fileError !== undefined ? `${hintId} ${errorId}` : hintId}
            onChange={(event) => fromInput(event.currentTarget, 'file')}
          />
          {canDrag && (
            <p class="evidence-drop__text" aria-hidden="true">
              {a.drop}
            </p>
          )}
        </div>
      </div>
      {camera && (
        <div class="form-group">
          <label class="label" for="evidence-photo">
            {a.photoLabel}
          </label>
          <div class="hint" id="evidence-photo-hint">
            {a.photoHint}
          </div>
          <input
            class="file-upload"
            id="evidence-photo"
            name="evidence-photo"
            type="file"
            accept="image/*"
            capture="environment"
            aria-describedby="evidence-photo-hint"
            onChange={(event) => fromInput(event.currentTarget, 'photo')}
          />
        </div>
      )}
      {microphone && <SoundRecorder onRecorded={(file) => addFiles([file], 'recording')} />}
      <div role="status">
        {notice !== undefined && <p class="notice notice--success">{notice}</p>}
      </div>
      <UploadList
        onCancelled={(name, ok) =>
          setNotice(format(ok ? e.upload.cancelled : e.upload.cancelFailed, { name }))
        }
      />
      <p class="hint">{a.keepOpen}</p>
      <p>
        <LinkButton onClick={() => navigate({ name: 'evidence' })}>{a.done}</LinkButton>
      </p>
    </Page>
  );
}
