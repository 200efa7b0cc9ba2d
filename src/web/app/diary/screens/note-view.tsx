/** One journal entry (a note record): its date, text, versions, and ways to change or delete it. */
import { useEffect, useState } from 'preact/hooks';
import {
  isApiError,
  deleteNote,
  loadHistory,
  loadNote,
  type Note,
  type NoteVersion,
  type RecordResponse,
} from '../../../../vault/index.js';
import { useApp } from '../../shell/context.js';
import { useDiaryText } from '../diary-text.js';
import { ReceiptLine } from '../receipt-line.js';
import { describeError } from '../../shell/errors.js';
import { format } from '../../shell/messages.js';
import { ConfirmDelete, Busy, Button, LinkButton, Page } from '../../components/ui.js';

function useNote(id: string): {
  note: Note | undefined;
  response: RecordResponse | undefined;
  problem: string | undefined;
} {
  const { t, api, session, revisions } = useApp();
  const [note, setNote] = useState<Note | undefined>();
  const [response, setResponse] = useState<RecordResponse | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  useEffect(() => {
    let live = true;
    loadNote(api, session.accountKey, revisions, id).then(
      (result) => {
        if (!live) return;
        setNote(result.note);
        setResponse(result.response);
      },
      (e: unknown) => {
        if (!live) return;
        if (isApiError(e, 'not_found')) setProblem(t.view.notFound);
        else if (isApiError(e)) setProblem(describeError(t, e));
        else setProblem(t.view.unreadable);
      },
    );
    return () => {
      live = false;
    };
  }, [id]);
  return { note, response, problem };
}

function Problem({ message }: { message: string }) {
  return (
    <div class="notice notice--error" role="alert">
      <p>{message}</p>
    </div>
  );
}

export function NoteViewScreen({ id }: { id: string }) {
  const { t, navigate, formatHappened, formatTimestamp } = useApp();
  const dm = useDiaryText();
  const v = t.view;
  const j = dm.diaryExtra.journal;
  const { note, response, problem } = useNote(id);
  const back = (): void => navigate({ name: 'home' });

  if (note === undefined) {
    return (
      <Page title={j.screenTitle} back={back}>
        <Busy message={problem === undefined ? v.loading : undefined} />
        {problem !== undefined && <Problem message={problem} />}
      </Page>
    );
  }
  const { value } = note;
  return (
    <Page
      title={j.screenTitle}
      heading={value.title.length > 0 ? value.title : j.untitled}
      caption={j.caption}
      back={back}
    >
      <dl class="summary-list">
        <div class="summary-list__row">
          <dt>{j.dateLegend}</dt>
          <dd>{formatHappened(value.happenedAt)}</dd>
        </div>
        <div class="summary-list__row">
          <dt>{v.written}</dt>
          <dd>{formatTimestamp(note.createdAt)}</dd>
        </div>
        {note.revision > 1 && (
          <div class="summary-list__row">
            <dt>{v.lastEdited}</dt>
            <dd>
              {formatTimestamp(note.updatedAt)} <span class="tag">{t.home.edited}</span>
            </dd>
          </div>
        )}
      </dl>
      {response !== undefined && <ReceiptLine response={response} />}
      <h2>{j.entry}</h2>
      {value.body.length > 0 ? (
        <div class="note-body" data-note-body="">
          {value.body}
        </div>
      ) : (
        <p class="hint">{v.noBody}</p>
      )}
      <div class="button-group">
        <Button onClick={() => navigate({ name: 'note-edit', id })}>{v.edit}</Button>
        {note.revision > 1 && (
          <Button variant="secondary" onClick={() => navigate({ name: 'note-history', id })}>
            {format(v.history, { n: note.revision })}
          </Button>
        )}
        <Button variant="warning" onClick={() => navigate({ name: 'note-delete', id })}>
          {v.delete}
        </Button>
      </div>
      <p>
        <LinkButton onClick={back}>{v.backToDiary}</LinkButton>
      </p>
    </Page>
  );
}

export function NoteHistoryScreen({ id }: { id: string }) {
  const { t, navigate, api, session, formatHappened, formatTimestamp } = useApp();
  const dm = useDiaryText();
  const h = dm.history;
  const [versions, setVersions] = useState<NoteVersion[] | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  const back = (): void => navigate({ name: 'note-view', id });

  useEffect(() => {
    let live = true;
    loadHistory(api, session.accountKey, id).then(
      (result) => {
        if (!live) return;
        if (result === undefined) setProblem(h.mismatch);
        else setVersions(result);
      },
      (e: unknown) => {
        if (live) setProblem(isApiError(e, 'not_found') ? t.view.notFound : describeError(t, e));
      },
    );
    return () => {
      live = false;
    };
  }, [id]);

  return (
    <Page title={h.title} back={back}>
      <p>{h.lede}</p>
      <Busy
        message={versions === undefined && problem === undefined ? t.view.loading : undefined}
      />
      {problem !== undefined && <Problem message={problem} />}
      {versions !== undefined && (
        <ol class="versions" data-versions="">
          {versions.map((version, i) => {
            const number = version.ok ? version.note.revision : version.revision;
            const savedAt = version.ok ? version.note.updatedAt : version.savedAt;
            return (
              <li class="version" key={number}>
                <h2 class="version__title">
                  {format(h.version, { n: number })}{' '}
                  {i === versions.length - 1 && <span class="tag">{h.current}</span>}
                </h2>
                <p class="version__meta">{format(h.saved, { date: formatTimestamp(savedAt) })}</p>
                {version.ok ? (
                  <dl class="summary-list">
                    <div class="summary-list__row">
                      <dt>{dm.diaryExtra.journal.titleLabel}</dt>
                      <dd>{version.note.value.title}</dd>
                    </div>
                    <div class="summary-list__row">
                      <dt>{dm.diaryExtra.journal.dateLegend}</dt>
                      <dd>{formatHappened(version.note.value.happenedAt)}</dd>
                    </div>
                    <div class="summary-list__row">
                      <dt>{dm.diaryExtra.journal.entry}</dt>
                      <dd class="note-body">{version.note.value.body}</dd>
                    </div>
                  </dl>
                ) : (
                  <Problem message={h.unreadable} />
                )}
              </li>
            );
          })}
        </ol>
      )}
      <p>
        <LinkButton onClick={back}>{t.common.back}</LinkButton>
      </p>
    </Page>
  );
}

export function NoteDeleteScreen({ id }: { id: string }) {
  const { t, navigate, api, revisions, drafts } = useApp();
  const dm = useDiaryText();
  const r = dm.remove;
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | undefined>();
  const keep = (): void => navigate({ name: 'note-view', id });

  const remove = async (): Promise<void> => {
    if (busy) return;
    setBusy(true);
    setProblem(undefined);
    try {
      await deleteNote(api, revisions, id);
      drafts.delete(id);
      navigate({ name: 'home' }, dm.diaryExtra.journal.deleted);
    } catch (e) {
      setBusy(false);
      if (isApiError(e, 'not_found')) navigate({ name: 'home' }, dm.diaryExtra.journal.deleted);
      else setProblem(describeError(t, e));
    }
  };

  return (
    <Page
      title={dm.diaryExtra.journal.removeTitle}
      back={keep}
      errors={problem !== undefined ? [{ field: 'confirm-delete', message: problem }] : []}
    >
      <ConfirmDelete
        warning={r.warning}
        busy={busy}
        busyMessage={r.deleting}
        confirm={r.confirm}
        keep={r.keep}
        onConfirm={() => void remove()}
        onKeep={keep}
      />
    </Page>
  );
}
