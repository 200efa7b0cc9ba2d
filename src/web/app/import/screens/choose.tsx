/**
 * Import, step 1: choose an export file; Mosaic reads it in a worker, with progress and a way to
 * stop. A file that cannot be read gets a clear message and changes nothing.
 */
import { useEffect, useState } from 'preact/hooks';
import { useApp } from '../../shell/context.js';
import { format } from '../../shell/messages.js';
import { Busy, Button, Page, useLive, type ErrorItem } from '../../components/ui.js';
import { FieldError, Progress } from '../fields.js';
import { resetImportFlow } from '../flow.js';
import { IMPORT_MESSAGES, type ImportMessages } from '../messages.js';
import { readInWorker, ReadFailed, type ReadTask } from '../read-file.js';

const FILE_FIELD = 'import-file';

function problemOf(m: ImportMessages, e: unknown): string {
  if (e instanceof ReadFailed) {
    return e.code === 'worker_failed' ? m.choose.workerFailed : m.errors[e.code];
  }
  return m.errors.internal_error;
}

export function ImportChooseScreen() {
  const { locale, navigate, session } = useApp();
  const m = IMPORT_MESSAGES[locale];
  const c = m.choose;
  const live = useLive();
  const [file, setFile] = useState<File | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [seq, setSeq] = useState(0);
  const [task, setTask] = useState<ReadTask | undefined>();
  const [fraction, setFraction] = useState(0);
  const [status, setStatus] = useState<string | undefined>();

  // Leaving the screen while reading stops the worker.
  useEffect(() => () => task?.cancel(), [task]);

  const fail = (message: string): void => {
    setError(message);
    setSeq((n) => n + 1);
  };

  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    if (task !== undefined) return;
    if (file === undefined) {
      fail(c.fileRequired);
      return;
    }
    setError(undefined);
    setStatus(undefined);
    setFraction(0);
    const flow = resetImportFlow(session);
    const started = readInWorker(file, (f) => {
      if (live.current) setFraction(f);
    });
    flow.task = started;
    setTask(started);
    try {
      const result = await started.result;
      if (!live.current) return;
      flow.task = undefined;
      flow.file = file;
      flow.result = result;
      navigate({ name: 'import-senders' });
    } catch (e) {
      flow.task = undefined;
      if (!live.current) return;
      setTask(undefined);
      if (e instanceof ReadFailed && e.code === 'cancelled') setStatus(c.cancelled);
      else fail(`${problemOf(m, e)} ${c.unchanged}`);
    }
  };

  const errors: ErrorItem[] = error !== undefined ? [{ field: FILE_FIELD, message: error }] : [];
  const hintId = `${FILE_FIELD}-hint`;
  const errorId = error !== undefined ? `${FILE_FIELD}-error` : undefined;
  return (
    <Page title={c.title} errors={errors} errorSeq={seq} back={() => navigate({ name: 'home' })}>
      <p>{c.lede}</p>
      <h2 class="heading-s">{c.formatsHeading}</h2>
      <ul class="list--bullet">
        {c.formats.map((f) => (
          <li key={f}>{f}</li>
        ))}
      </ul>
      <p class="inset-text">{c.private}</p>
      <form noValidate onSubmit={(e) => void submit(e)}>
        <div class={`form-group${error !== undefined ? ' form-group--error' : ''}`}>
          <label class="label" for={FILE_FIELD}>
            {c.fileLabel}
          </label>
          <div class="hint" id={hintId}>
            {c.fileHint}
          </div>
          {error !== undefined && errorId !== undefined && (
            <FieldError id={errorId} message={error} />
          )}
          <input
            class={`file-upload${error !== undefined ? ' file-upload--error' : ''}`}
            id={FILE_FIELD}
            name={FILE_FIELD}
            type="file"
            disabled={task !== undefined}
            aria-describedby={errorId !== undefined ? `${hintId} ${errorId}` : hintId}
            aria-invalid={error !== undefined ? 'true' : undefined}
            onChange={(e) => {
              setFile(e.currentTarget.files?.[0]);
              setError(undefined);
            }}
          />
        </div>
        {task !== undefined && (
          <>
            <Busy message={c.reading} />
            <Progress
              label={c.progressLabel}
              fraction={fraction}
              text={format(c.progress, { percent: Math.round(fraction * 100) })}
            />
          </>
        )}
        <div role="status">{status !== undefined && <p class="confirmation">{status}</p>}</div>
        <div class="button-group">
          <Button type="submit" disabled={task !== undefined}>
            {c.submit}
          </Button>
          {task !== undefined && (
            <Button variant="secondary" onClick={() => task.cancel()}>
              {c.cancel}
            </Button>
          )}
        </div>
      </form>
    </Page>
  );
}
