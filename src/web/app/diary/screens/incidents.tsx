/**
 * The diary list and timeline: incidents by day, newest or oldest first, with a filter (person,
 * saved place, behaviour, channel, dates, reported) and full-text search over the decrypted entries in
 * memory (`filterIncidents`, `buildSearchIndex` from the domain). The filter is kept for the
 * session.
 */
import { useMemo, useState } from 'preact/hooks';
import {
  BEHAVIOURS,
  CHANNELS,
  filterIncidents,
  wordsEdited,
  type Incident,
} from '../../../../domain/diary/index.js';
import { useApp } from '../../shell/context.js';
import { useDiaryText } from '../diary-text.js';
import {
  behaviourLabel,
  formatLocalDate,
  NativeDateField,
  personName,
  Select,
  useDiary,
  type DiaryData,
} from '../diary-ui.js';
import { DiaryLoadFailed } from '../record-screens.js';
import { browserTimeZone } from '../incident-form.js';
import { groupByDay, isEmptyFilter, toIncidentFilter, type ListFilter } from '../list-filter.js';
import { emptyFilter } from '../list-filter.js';
import { format } from '../../shell/messages.js';
import type { DecryptedRecord } from '../../../../vault/index.js';
import { TextField } from '../../components/fields.js';
import { Busy, Button, LinkButton, Page } from '../../components/ui.js';
import { WaitingTag } from '../../quick/queue-status.js';

export function IncidentsScreen() {
  const { navigate } = useApp();
  const dm = useDiaryText();
  const l = dm.diary.list;
  const { state, retry } = useDiary({ partial: true });
  return (
    <Page title={l.title} back={() => navigate({ name: 'home' })}>
      <div class="button-group">
        <Button onClick={() => navigate({ name: 'incident-new' })}>{dm.diary.home.full}</Button>
      </div>
      <Busy message={state.kind === 'loading' ? l.loading : undefined} />
      <DiaryLoadFailed state={state} retry={retry} lead={l.loadFailed} />
      {state.kind === 'loaded' && <IncidentList data={state.data} />}
    </Page>
  );
}

/** Incidents drawn at first, and added by each "Show more". */
const LIST_PAGE = 100;

function excerpt(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  const chars = Array.from(line);
  return chars.length > 140 ? `${chars.slice(0, 140).join('')}…` : line;
}

function IncidentList({ data }: { data: DiaryData }) {
  const { t, locale, navigate, diary } = useApp();
  const dm = useDiaryText();
  const l = dm.diary.list;
  const [filter, setFilter] = useState<ListFilter>(diary.filter);
  const [filterOpen, setFilterOpen] = useState(() => !isEmptyFilter(diary.filter));
  const [limit, setLimit] = useState(LIST_PAGE);
  const zone = useMemo(browserTimeZone, []);
  // Both come from the session's store, computed once per change to the diary.
  const prepared = useMemo(() => diary.store.prepared(zone), [data]);
  const byId = useMemo(
    () => new Map<string, DecryptedRecord<Incident>>(data.incidents.map((r) => [r.id, r])),
    [data],
  );
  const placeNames = useMemo(() => new Map(data.places.map((p) => [p.id, p.value.name])), [data]);
  /** The person's own words for where, else the saved place's name. */
  const placeText = (incident: Incident): string | undefined =>
    incident.where?.text ??
    (incident.where?.placeId !== undefined ? placeNames.get(incident.where.placeId) : undefined);

  const set = (next: Partial<ListFilter>): void => {
    const merged = { ...filter, ...next };
    setFilter(merged);
    setLimit(LIST_PAGE);
    diary.filter = merged;
  };

  const kept = useMemo(() => {
    // Prepared incidents are in time order, oldest first, with their local date.
    const ordered = prepared.incidents.map((p) => ({ id: p.id, value: p.incident }));
    const searching = filter.text.trim() !== '';
    // A saved place deleted on another device would otherwise leave the list empty for no
    // reason the select could show.
    const placeKnown = data.places.some((p) => p.id === filter.placeId);
    const effective = placeKnown ? filter : { ...filter, placeId: '' };
    const matching = filterIncidents(ordered, toIncidentFilter(effective), {
      timeZone: zone,
      ...(searching ? { searchIndex: diary.store.searchIndex(zone) } : {}),
    });
    if (filter.order === 'newest') matching.reverse();
    return matching;
  }, [prepared, filter]);
  const count = kept.length;
  // Thousands of rows would take seconds to draw; the rest are a button press away.
  const shown = useMemo(() => {
    const dates = new Map(prepared.incidents.map((p) => [p.id, p.date]));
    return groupByDay(kept.slice(0, limit), (e) => dates.get(e.id) ?? '');
  }, [kept, limit]);
  const more = Math.min(LIST_PAGE, count - limit);

  const any = { value: '', label: l.any };
  return (
    <>
      {data.unreadable > 0 && (
        <div class="notice notice--error">
          <p>{format(l.unreadable, { n: data.unreadable })}</p>
        </div>
      )}
      <details
        class="details"
        open={filterOpen}
        onToggle={(e) => setFilterOpen(e.currentTarget.open)}
      >
        <summary class="details__summary">{l.filterHeading}</summary>
        <form class="details__text filter" role="search" onSubmit={(e) => e.preventDefault()}>
          <TextField
            id="filter-text"
            label={l.search}
            hint={l.searchHint}
            value={filter.text}
            onInput={(text) => set({ text })}
            autocomplete="off"
            width="full"
          />
          <Select
            id="filter-person"
            label={l.person}
            options={[
              any,
              ...data.people.map((p) => ({ value: p.id, label: personName(p.value) })),
            ]}
            value={filter.personId}
            onChange={(personId) => set({ personId })}
          />
          {data.places.length > 0 && (
            <Select
              id="filter-place"
              label={l.place}
              options={[any, ...data.places.map((p) => ({ value: p.id, label: p.value.name }))]}
              value={filter.placeId}
              onChange={(placeId) => set({ placeId })}
            />
          )}
          <Select
            id="filter-behaviour"
            label={l.behaviour}
            options={[any, ...BEHAVIOURS.map((b) => ({ value: b.key, label: b.label[locale] }))]}
            value={filter.behaviour}
            onChange={(behaviour) => set({ behaviour })}
          />
          <Select
            id="filter-channel"
            label={l.channel}
            options={[any, ...CHANNELS.map((c) => ({ value: c.key, label: c.label[locale] }))]}
            value={filter.channel}
            onChange={(channel) => set({ channel })}
          />
          <NativeDateField
            id="filter-from"
            label={l.from}
            type="date"
            value={filter.from}
            onInput={(from) => set({ from })}
          />
          <NativeDateField
            id="filter-to"
            label={l.to}
            type="date"
            value={filter.to}
            onInput={(to) => set({ to })}
          />
          <Select
            id="filter-reported"
            label={l.reported}
            options={[
              any,
              { value: 'yes', label: l.reportedYes },
              { value: 'no', label: l.reportedNo },
            ]}
            value={filter.reported}
            onChange={(reported) =>
              set({ reported: reported === 'yes' || reported === 'no' ? reported : '' })
            }
          />
          <LinkButton onClick={() => set({ ...emptyFilter(), order: filter.order })}>
            {l.clear}
          </LinkButton>
        </form>
      </details>
      <Select
        id="list-order"
        label={l.order}
        options={[
          { value: 'newest', label: l.newest },
          { value: 'oldest', label: l.oldest },
        ]}
        value={filter.order}
        onChange={(order) => set({ order: order === 'oldest' ? 'oldest' : 'newest' })}
      />
      <p class="hint" role="status" data-match-count={count} data-complete={String(data.complete)}>
        {format(l.shown, { n: count, total: data.incidents.length })}
        {!data.complete && <> {l.openingOlder}</>}
      </p>
      {count === 0 && <p>{l.empty}</p>}
      <div class="timeline" data-incidents="">
        {shown.map((group) => (
          <section class="timeline__day" key={group.date} aria-labelledby={`day-${group.date}`}>
            <h2 class="timeline__date" id={`day-${group.date}`}>
              {formatLocalDate(locale, group.date)}
            </h2>
            <ul class="entries">
              {group.items.map((entry) => {
                const record = byId.get(entry.id);
                const value = entry.value;
                const time = value.when.start.slice(11, 16);
                return (
                  <li class="entry" key={entry.id} data-incident="">
                    <p class="entry__meta">
                      <span class="entry__time">
                        {value.when.approximate ? `${l.approximately} ${time}` : time}
                      </span>
                      {placeText(value) !== undefined && (
                        <> · {format(l.at, { where: placeText(value) ?? '' })}</>
                      )}
                      {record !== undefined && wordsEdited(record.value, record.revision) && (
                        <>
                          {' '}
                          <span class="tag">{t.home.edited}</span>
                        </>
                      )}{' '}
                      <WaitingTag id={entry.id} />
                    </p>
                    <p class="entry__title">
                      <LinkButton onClick={() => navigate({ name: 'incident-view', id: entry.id })}>
                        {excerpt(value.what)}
                      </LinkButton>
                    </p>
                    {value.behaviours.length > 0 && (
                      <p class="entry__excerpt">
                        {value.behaviours.map((b) => behaviourLabel(locale, b)).join(', ')}
                      </p>
                    )}
                  </li>
                );
              })}
            </ul>
          </section>
        ))}
      </div>
      {more > 0 && (
        <Button variant="secondary" onClick={() => setLimit(limit + LIST_PAGE)}>
          {format(l.showMore, { n: more })}
        </Button>
      )}
    </>
  );
}
