/** Every evidence item, decrypted in memory, newest date first, with this session's uploads. */
import { useEffect, useState } from 'preact/hooks';
import { formatDate } from '../../../../domain/diary/index.js';
import { useApp } from '../../shell/context.js';
import { describeError } from '../../shell/errors.js';
import { format } from '../../shell/messages.js';
import { Busy, Button, LinkButton, Page } from '../../components/ui.js';
import { useUploads } from '../evidence-session.js';
import { loadEvidence, type EvidenceRecord, type UploadView } from '../../../../vault/index.js';
import { formatSize, kindLabel, percent, UploadList, useEvidenceText } from '../evidence-ui.js';
import type { EvidenceMessages } from '../messages.js';

type State =
  | { readonly kind: 'loading' }
  | { readonly kind: 'loaded'; readonly items: EvidenceRecord[]; readonly unreadable: number }
  | { readonly kind: 'failed'; readonly message: string };

export function EvidenceListScreen() {
  const app = useApp();
  const { t, locale, navigate, api, session, revisions } = app;
  const e = useEvidenceText();
  const l = e.list;
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const { views } = useUploads(app);
  // An upload finishing in this session changes an item's state: show the new one.
  const finished = views.filter((v) => v.phase === 'done').length;

  useEffect(() => {
    let live = true;
    loadEvidence({ api, accountKey: () => session.accountKey, revisions }).then(
      (result) => {
        if (live) setState({ kind: 'loaded', ...result });
      },
      (err: unknown) => {
        if (live) setState({ kind: 'failed', message: describeError(t, err) });
      },
    );
    return () => {
      live = false;
    };
  }, [attempt, finished]);

  const active = views.filter((v) => v.phase !== 'done');

  return (
    <Page title={l.title} back={() => navigate({ name: 'home' })}>
      <p class="lede">{l.lede}</p>
      <Button onClick={() => navigate({ name: 'evidence-add' })}>{l.add}</Button>
      {active.length > 0 && (
        <section aria-labelledby="evidence-uploads-heading">
          <h2 id="evidence-uploads-heading">{l.uploadsHeading}</h2>
          <UploadList filter={(v) => v.phase !== 'done'} />
        </section>
      )}
      <h2>{l.itemsHeading}</h2>
      <Busy message={state.kind === 'loading' ? l.loading : undefined} />
      {state.kind === 'failed' && (
        <div class="notice notice--error" role="alert">
          <p>
            {l.loadFailed} {state.message}
          </p>
          <Button variant="secondary" onClick={() => setAttempt(attempt + 1)}>
            {l.retry}
          </Button>
        </div>
      )}
      {state.kind === 'loaded' && (
        <>
          {state.unreadable > 0 && (
            <div class="notice notice--error">
              <p>
                {state.unreadable === 1
                  ? l.unreadableOne
                  : format(l.unreadable, { n: state.unreadable })}
              </p>
            </div>
          )}
          {state.items.length === 0 ? (
            <p>{l.empty}</p>
          ) : (
            <>
              <p class="hint">
                {state.items.length === 1 ? l.countOne : format(l.count, { n: state.items.length })}
              </p>
              <ul class="entries evidence-list" data-evidence-list="">
                {state.items.map((item) => {
                  const v = item.value;
                  const upload = views.find((u) => u.evidenceId === item.id);
                  const unfinished = v.upload.state === 'uploading' && upload?.phase !== 'done';
                  return (
                    <li class="entry" key={item.id} data-evidence={item.id}>
                      <h3 class="entry__title">
                        <LinkButton
                          onClick={() => navigate({ name: 'evidence-view', id: item.id })}
                        >
                          {v.title}
                        </LinkButton>
                      </h3>
                      <p class="entry__meta">
                        {formatDate(v.date)[locale]} · {kindLabel(e, v)} ·{' '}
                        {formatSize(e, v.file.size)}
                      </p>
                      <p class="entry__meta">
                        {unfinished && (
                          <span class="tag tag--blue" data-state={upload?.phase ?? 'paused'}>
                            {upload !== undefined ? shortStatus(e, upload) : l.paused}
                          </span>
                        )}
                        {v.exif?.hasGps === true && (
                          <>
                            {' '}
                            <span class="tag" data-location="">
                              {l.location}
                            </span>
                          </>
                        )}
                      </p>
                      {v.note !== undefined && <p class="entry__excerpt">{excerpt(v.note)}</p>}
                    </li>
                  );
                })}
              </ul>
            </>
          )}
        </>
      )}
    </Page>
  );
}

/** A few words for a list: the phase, with its percentage while working. */
function shortStatus(e: EvidenceMessages, upload: UploadView): string {
  const u = e.upload;
  const pct = { percent: percent(upload.done, upload.total) };
  switch (upload.phase) {
    case 'waiting':
      return u.waiting;
    case 'checking':
      return format(u.checking, pct);
    case 'uploading':
      return format(u.uploading, pct);
    case 'finishing':
      return u.finishing;
    case 'done':
      return u.done;
    case 'paused':
      return u.paused;
    case 'failed':
      return u.failed;
  }
}

function excerpt(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  const chars = Array.from(line);
  return chars.length > 140 ? `${chars.slice(0, 140).join('')}…` : line;
}
