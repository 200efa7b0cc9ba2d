/** The unlocked diary: every note, decrypted in memory, newest first. */
import { useEffect, useState } from 'preact/hooks';
import { useApp } from '../context.js';
import { describeError } from '../errors.js';
import { format } from '../messages.js';
import { loadNotes, type Note } from '../notes.js';
import { Busy, Button, LinkButton, Page } from '../ui.js';
import { IMPORT_MESSAGES } from '../import/messages.js';
import { EvidenceHomeLink } from '../evidence/index.js';
import { FailedAttemptsNotice } from './failed-attempts-notice.js';
import { QuickCapture } from './quick-capture.js';

type State =
  | { readonly kind: 'loading' }
  | { readonly kind: 'loaded'; readonly notes: Note[]; readonly unreadable: number }
  | { readonly kind: 'failed'; readonly message: string };

export function HomeScreen() {
  const app = useApp();
  const { t, navigate, session, api, revisions, formatHappened } = app;
  const h = t.home;
  const d = t.diary.home;
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);

  // Start decrypting the diary now, so the list and the patterns are ready when asked for; a
  // failure here is shown (with a retry) by the screen that needs the diary.
  useEffect(() => {
    app.diary.store.load().catch(() => undefined);
  }, []);

  useEffect(() => {
    let live = true;
    setState({ kind: 'loading' });
    loadNotes(api, session.accountKey, revisions).then(
      (result) => {
        if (live) setState({ kind: 'loaded', ...result });
      },
      (e: unknown) => {
        if (live) setState({ kind: 'failed', message: describeError(t, e) });
      },
    );
    return () => {
      live = false;
    };
  }, [attempt]);

  return (
    <Page title={h.title}>
      <FailedAttemptsNotice />
      <p>{format(h.signedInAs, { username: session.username })}</p>
      <QuickCapture />
      <h2>{d.diaryHeading}</h2>
      <ul class="diary-links">
        <li>
          <LinkButton onClick={() => navigate({ name: 'incidents' })}>{d.list}</LinkButton>
        </li>
        <li>
          <LinkButton onClick={() => navigate({ name: 'incident-new' })}>{d.full}</LinkButton>
        </li>
        <li>
          <LinkButton onClick={() => navigate({ name: 'patterns' })}>{d.patterns}</LinkButton>
        </li>
        <li>
          <LinkButton onClick={() => navigate({ name: 'people' })}>{d.people}</LinkButton>
        </li>
        <li>
          <LinkButton onClick={() => navigate({ name: 'places' })}>{d.places}</LinkButton>
        </li>
        <li>
          <LinkButton onClick={() => navigate({ name: 'effects' })}>{d.effects}</LinkButton>
        </li>
        <li>
          <LinkButton onClick={() => navigate({ name: 'print' })}>{d.print}</LinkButton>
        </li>
        <li>
          <EvidenceHomeLink />
        </li>
        <li>
          <LinkButton onClick={() => navigate({ name: 'import' })}>
            {IMPORT_MESSAGES[app.locale].homeLink}
          </LinkButton>
        </li>
      </ul>
      <h2>{d.notesHeading}</h2>
      <Button variant="secondary" onClick={() => navigate({ name: 'note-new' })}>
        {h.add}
      </Button>
      <h3>{h.entriesHeading}</h3>
      <Busy message={state.kind === 'loading' ? h.loading : undefined} />
      {state.kind === 'failed' && (
        <div class="notice notice--error" role="alert">
          <p>
            {h.loadFailed} {state.message}
          </p>
          <Button variant="secondary" onClick={() => setAttempt(attempt + 1)}>
            {h.retry}
          </Button>
        </div>
      )}
      {state.kind === 'loaded' && (
        <>
          {state.unreadable > 0 && (
            <div class="notice notice--error">
              <p>
                {state.unreadable === 1
                  ? h.unreadable
                  : format(h.unreadableMany, { n: state.unreadable })}
              </p>
            </div>
          )}
          {state.notes.length === 0 ? (
            <p>{h.empty}</p>
          ) : (
            <>
              <p class="hint">
                {state.notes.length === 1 ? h.countOne : format(h.count, { n: state.notes.length })}
              </p>
              <ul class="entries" data-entries="">
                {state.notes.map((note) => (
                  <li class="entry" key={note.id}>
                    <h4 class="entry__title">
                      <LinkButton onClick={() => navigate({ name: 'note-view', id: note.id })}>
                        {note.value.title.length > 0 ? note.value.title : h.untitled}
                      </LinkButton>
                    </h4>
                    <p class="entry__meta">
                      {format(h.happened, { date: formatHappened(note.value.happenedAt) })}
                      {note.revision > 1 && <span class="tag">{h.edited}</span>}
                    </p>
                    {note.value.body.length > 0 && (
                      <p class="entry__excerpt">{excerpt(note.value.body)}</p>
                    )}
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </Page>
  );
}

function excerpt(body: string): string {
  const line = body.replace(/\s+/g, ' ').trim();
  const chars = Array.from(line);
  return chars.length > 140 ? `${chars.slice(0, 140).join('')}…` : line;
}
