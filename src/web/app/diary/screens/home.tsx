/**
 * The diary home: quick capture, the latest incidents (with how many there are), the ways into
 * the rest of the diary, and the private journal (notes), kept apart from the incidents.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { useApp } from '../../shell/context.js';
import { useDiaryText } from '../diary-text.js';
import { describeError } from '../../shell/errors.js';
import { format } from '../../shell/messages.js';
import { loadNotes, type Note } from '../../../../vault/index.js';
import { Busy, Button, LinkButton, Page } from '../../components/ui.js';
import { IMPORT_MESSAGES } from '../../import/messages.js';
import { EvidenceHomeLink } from '../../evidence/index.js';
import { FailedAttemptsNotice } from '../../account/failed-attempts-notice.js';
import { QuickCapture } from './quick-capture.js';
import { formatZonedWhen, useDiary } from '../diary-ui.js';
import { DraftPrompt } from './draft.js';
import { SAFETY_MESSAGES } from '../../safety/messages.js';
import { SHARE_MESSAGES } from '../../share/messages.js';
import { WITNESS_MESSAGES } from '../../witness/messages.js';
import { REPORT_MESSAGES } from '../../report/messages.js';
import { WaitingTag } from '../../quick/queue-status.js';

/** How many of the newest incidents the home shows. */
const LATEST = 5;

type State =
  | { readonly kind: 'loading' }
  | { readonly kind: 'loaded'; readonly notes: Note[]; readonly unreadable: number }
  | { readonly kind: 'failed'; readonly message: string };

export function HomeScreen() {
  const app = useApp();
  const dm = useDiaryText();
  const { t, navigate, session, api, revisions, formatHappened } = app;
  const h = t.home;
  const d = dm.diary.home;
  const j = dm.diaryExtra.journal;
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
      <DraftPrompt />
      <QuickCapture />
      <h2>{d.diaryHeading}</h2>
      <LatestIncidents />
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
          <LinkButton onClick={() => navigate({ name: 'report' })}>
            {REPORT_MESSAGES[app.locale].homeLink}
          </LinkButton>
        </li>
        <li>
          <LinkButton onClick={() => navigate({ name: 'share' })}>
            {SHARE_MESSAGES[app.locale].homeLink}
          </LinkButton>
        </li>
        <li>
          <LinkButton onClick={() => navigate({ name: 'witnesses' })}>
            {WITNESS_MESSAGES[app.locale].homeLink}
          </LinkButton>
        </li>
        <li>
          <EvidenceHomeLink />
        </li>
        <li>
          <LinkButton onClick={() => navigate({ name: 'import' })}>
            {IMPORT_MESSAGES[app.locale].homeLink}
          </LinkButton>
        </li>
        <li>
          <LinkButton onClick={() => navigate({ name: 'risk-check' })}>
            {SAFETY_MESSAGES[app.locale].risk.title}
          </LinkButton>
        </li>
        <li>
          <LinkButton onClick={() => navigate({ name: 'safety-plan' })}>
            {SAFETY_MESSAGES[app.locale].plan.title}
          </LinkButton>
        </li>
      </ul>
      <section class="journal" aria-labelledby="journal-heading" data-journal="">
        <h2 id="journal-heading">{j.heading}</h2>
        <p class="hint">{j.lede}</p>
        <Button variant="secondary" onClick={() => navigate({ name: 'note-new' })}>
          {j.add}
        </Button>
        <Busy message={state.kind === 'loading' ? j.loading : undefined} />
        {state.kind === 'failed' && (
          <div class="notice notice--error" role="alert">
            <p>
              {j.loadFailed} {state.message}
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
              <p>{j.empty}</p>
            ) : (
              <>
                <p class="hint">
                  {state.notes.length === 1
                    ? j.countOne
                    : format(j.count, { n: state.notes.length })}
                </p>
                <ul class="entries" data-entries="">
                  {state.notes.map((note) => (
                    <li class="entry" key={note.id}>
                      <h3 class="entry__title">
                        <LinkButton onClick={() => navigate({ name: 'note-view', id: note.id })}>
                          {note.value.title.length > 0 ? note.value.title : j.untitled}
                        </LinkButton>
                      </h3>
                      <p class="entry__meta">
                        {format(j.written, { date: formatHappened(note.value.happenedAt) })}
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
      </section>
    </Page>
  );
}

/** The newest incidents and how many there are, as soon as the newest page is open. */
function LatestIncidents() {
  const { t, locale, navigate } = useApp();
  const dm = useDiaryText();
  const d = dm.diary.home;
  const x = dm.diaryExtra.home;
  const { state } = useDiary({ partial: true });
  const latest = useMemo(() => {
    if (state.kind !== 'loaded') return [];
    return [...state.data.incidents]
      .sort(
        (a, b) =>
          b.value.when.start.localeCompare(a.value.when.start) ||
          b.createdAt.localeCompare(a.createdAt),
      )
      .slice(0, LATEST);
  }, [state]);
  if (state.kind === 'loading') return <Busy message={x.loading} />;
  if (state.kind === 'failed') return null;
  const n = state.data.incidents.length;
  if (n === 0) return <p>{x.none}</p>;
  return (
    <section aria-labelledby="latest-heading" data-latest-incidents="">
      <p>
        {n === 1 ? d.countOne : format(d.count, { n })}
        {!state.data.complete && <> {dm.diary.list.openingOlder}</>}
      </p>
      <h3 id="latest-heading">{x.latestHeading}</h3>
      <ul class="entries">
        {latest.map((record) => (
          <li class="entry" key={record.id}>
            <p class="entry__meta">
              {formatZonedWhen(t, locale, record.value.when)} <WaitingTag id={record.id} />
            </p>
            <p class="entry__title">
              <LinkButton onClick={() => navigate({ name: 'incident-view', id: record.id })}>
                {excerpt(record.value.what)}
              </LinkButton>
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}

function excerpt(body: string): string {
  const line = body.replace(/\s+/g, ' ').trim();
  const chars = Array.from(line);
  return chars.length > 140 ? `${chars.slice(0, 140).join('')}…` : line;
}
