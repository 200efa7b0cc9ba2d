/**
 * The print view: a clean chronological log for the browser's print (or save as PDF). The
 * person's chosen title, the period, a summary (`summarise`), then every incident with all its
 * fields and its revision mark. `@media print` rules in vault.css leave only the log on paper.
 */
import { useMemo, useState } from 'preact/hooks';
import { summarise, type Person, type Place } from '../../../../domain/diary/index.js';
import { useApp } from '../../shell/context.js';
import { useDiaryText } from '../diary-text.js';
import { loadNotes, type Note } from '../../../../vault/index.js';
import {
  behaviourLabel,
  Checkbox,
  formatLocalDate,
  useDiary,
  type DiaryData,
} from '../diary-ui.js';
import { DiaryLoadFailed } from '../record-screens.js';
import { browserTimeZone } from '../incident-form.js';
import { format } from '../../shell/messages.js';
import { TextField } from '../../components/fields.js';
import { Busy, Button, Page } from '../../components/ui.js';
import { IncidentDetails } from './incident.js';

export function PrintScreen() {
  const { navigate, diary, api, session, revisions } = useApp();
  const dm = useDiaryText();
  const p = dm.diary.print;
  const j = dm.diaryExtra.journal;
  const { state, retry } = useDiary();
  const [title, setTitle] = useState(diary.printTitle ?? p.defaultTitle);
  /** The private journal is printed only when the person asks for it. */
  const [withJournal, setWithJournal] = useState(false);
  const [journal, setJournal] = useState<Note[] | 'loading' | 'failed' | undefined>();
  const includeJournal = (on: boolean): void => {
    setWithJournal(on);
    if (on && (journal === undefined || journal === 'failed')) {
      setJournal('loading');
      loadNotes(api, session.accountKey, revisions).then(
        (r) => setJournal(r.notes),
        () => setJournal('failed'),
      );
    }
  };
  return (
    <Page title={p.title} back={() => navigate({ name: 'home' })}>
      <div class="no-print">
        <p>{p.lede}</p>
        <TextField
          id="print-title"
          label={p.logTitle}
          hint={p.logTitleHint}
          value={title}
          onInput={(v) => {
            setTitle(v);
            diary.printTitle = v;
          }}
          autocomplete="off"
          width="full"
        />
        <Checkbox
          id="print-journal"
          label={j.printInclude}
          checked={withJournal}
          onChange={includeJournal}
        >
          <p class="hint">{j.printIncludeHint}</p>
        </Checkbox>
        {withJournal && journal === 'failed' && (
          <p class="error-message" role="alert">
            {j.loadFailed}
          </p>
        )}
        <Button onClick={() => window.print()} disabled={state.kind !== 'loaded'}>
          {p.print}
        </Button>
      </div>
      <Busy message={state.kind === 'loading' ? dm.diary.list.loading : undefined} />
      <DiaryLoadFailed state={state} retry={retry} print={false} />
      <Busy message={withJournal && journal === 'loading' ? j.loading : undefined} />
      {state.kind === 'loaded' && (
        <Log
          data={state.data}
          title={title}
          journal={withJournal && Array.isArray(journal) ? journal : undefined}
        />
      )}
    </Page>
  );
}

function Log({
  data,
  title,
  journal,
}: {
  data: DiaryData;
  title: string;
  /** The private journal, when the person chose to include it. */
  journal: readonly Note[] | undefined;
}) {
  const { locale, formatTimestamp, formatHappened, diary } = useApp();
  const dm = useDiaryText();
  const j = dm.diaryExtra.journal;
  const p = dm.diary.print;
  const zone = useMemo(browserTimeZone, []);
  const prepared = useMemo(() => diary.store.prepared(zone), [data]);
  const summary = useMemo(() => summarise(prepared, { timeZone: zone }), [prepared]);
  const records = useMemo(() => new Map(data.incidents.map((r) => [r.id, r])), [data]);
  const people = useMemo(
    () => new Map<string, Person>(data.people.map((r) => [r.id, r.value])),
    [data],
  );
  const places = useMemo(
    () => new Map<string, Place>(data.places.map((r) => [r.id, r.value])),
    [data],
  );
  return (
    <article class="print-log" data-print-log="">
      <h2 class="print-log__title">{title.trim() !== '' ? title : p.defaultTitle}</h2>
      <p>
        {summary.first !== undefined && summary.last !== undefined
          ? format(p.period, {
              from: formatLocalDate(locale, summary.first.date),
              to: formatLocalDate(locale, summary.last.date),
            })
          : p.noPeriod}
      </p>
      <h3>{p.summary}</h3>
      <p data-summary="">{summary.headline[locale]}</p>
      <ul class="list--bullet">
        <li>{format(p.reported, { n: summary.reported })}</li>
        <li>{format(p.approximate, { n: summary.approximate })}</li>
        {summary.people.length > 0 && (
          <li>
            {p.people}:{' '}
            {summary.people
              .map(
                (person) => `${person.label ?? dm.diary.view.unknownPerson} (${person.incidents})`,
              )
              .join(', ')}
          </li>
        )}
        {summary.topBehaviours.length > 0 && (
          <li>
            {p.behaviours}:{' '}
            {summary.topBehaviours
              .map((b) => `${behaviourLabel(locale, b.key)} (${b.count})`)
              .join(', ')}
          </li>
        )}
      </ul>
      <h3>{p.incidents}</h3>
      <ol class="print-log__list">
        {prepared.incidents.map((incident, i) => {
          const record = records.get(incident.id);
          return (
            <li class="print-log__item" key={incident.id}>
              <h4 class="print-log__heading">
                {format(p.number, { n: i + 1 })} – {formatLocalDate(locale, incident.date)}
              </h4>
              <p class="entry__meta" data-revision="">
                {record === undefined || record.revision === 1
                  ? p.original
                  : record.value.textRevision === undefined
                    ? format(p.revision, {
                        n: record.revision,
                        date: formatTimestamp(record.updatedAt),
                      })
                    : // Only evidence links changed since the words were written.
                      format(
                        record.value.textRevision > 1
                          ? dm.diaryExtra.links.printEdited
                          : dm.diaryExtra.links.printNotEdited,
                        {
                          n: record.value.textRevision,
                          date: formatTimestamp(record.updatedAt),
                        },
                      )}
              </p>
              <IncidentDetails incident={incident.incident} people={people} places={places} />
            </li>
          );
        })}
      </ol>
      {journal !== undefined && (
        <section data-print-journal="">
          <h3>{j.heading}</h3>
          <p class="hint">{j.lede}</p>
          {journal.length === 0 ? (
            <p>{j.empty}</p>
          ) : (
            <ol class="print-log__list">
              {[...journal].reverse().map((note) => (
                <li class="print-log__item" key={note.id}>
                  <h4 class="print-log__heading">
                    {format(j.written, { date: formatHappened(note.value.happenedAt) })}
                    {note.value.title !== '' && <> – {note.value.title}</>}
                  </h4>
                  <p class="note-body">{note.value.body}</p>
                </li>
              ))}
            </ol>
          )}
        </section>
      )}
    </article>
  );
}
