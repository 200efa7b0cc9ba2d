/**
 * Filtering the diary list and the pattern view. Each criterion narrows the list; within one
 * criterion, any of the chosen values matches (the people A or B; behaviours X or Y). An empty
 * or absent criterion does not narrow at all, so "nothing ticked" means "everything". Because
 * every criterion is a test on one incident and the tests are combined with "and", filters can
 * be applied in any order, and one after another is the same as both at once.
 */
import { isReported, type Incident } from './incident.js';
import { placeKeyOf, type PlaceKey } from './breakdowns.js';
import type { Entry } from './prepare.js';
import { matchesQuery, parseQuery, type SearchIndex } from './search.js';
import type { BehaviourKey, ChannelKey } from './taxonomy.js';
import type { LocalDate } from './text.js';
import { instantOf, zoneClock } from './time.js';

export interface IncidentFilter {
  /** People involved: any of these. */
  readonly personIds?: readonly string[];
  /** Which part they played. Default `any`: recorded as having done it, or as a witness. */
  readonly personRole?: 'perpetrator' | 'witness' | 'any';
  /** Any of these behaviours. */
  readonly behaviours?: readonly BehaviourKey[];
  /** Any of these channels. */
  readonly channels?: readonly ChannelKey[];
  /** Any of these places, as keys from `placeKeyOf` or the place breakdown. */
  readonly places?: readonly PlaceKey[];
  /** First local date (inclusive) in the filter's time zone. */
  readonly from?: LocalDate;
  /** Last local date (inclusive) in the filter's time zone. */
  readonly to?: LocalDate;
  /** Only incidents reported to the police (true) or not reported (false). */
  readonly reported?: boolean;
  /** Search text (see search.ts). Needs a search index. */
  readonly text?: string;
}

export interface FilterContext {
  /** The zone whose calendar the date range is in. */
  readonly timeZone: string;
  /** Needed when the filter has text; build it once with `buildSearchIndex`. */
  readonly searchIndex?: SearchIndex;
}

/**
 * A test for one incident that applies a filter.
 *
 * @example
 * const keep = incidentPredicate({ behaviours: ['following'], reported: false }, { timeZone: 'Europe/London' });
 * keep({ id: 'incident-1', value: incident }) // true or false
 */
export function incidentPredicate(
  filter: IncidentFilter,
  context: FilterContext,
): (entry: Entry<Incident>) => boolean {
  const tests: ((entry: Entry<Incident>) => boolean)[] = [];
  const people = nonEmptySet(filter.personIds);
  if (people) {
    const role = filter.personRole ?? 'any';
    tests.push(({ value }) => {
      const done = role !== 'witness' && value.perpetratorIds.some((id) => people.has(id));
      const saw = role !== 'perpetrator' && value.witnessIds.some((id) => people.has(id));
      return done || saw;
    });
  }
  const behaviours = nonEmptySet(filter.behaviours);
  if (behaviours) tests.push(({ value }) => value.behaviours.some((b) => behaviours.has(b)));
  const channels = nonEmptySet(filter.channels);
  if (channels)
    tests.push(({ value }) => value.channel !== undefined && channels.has(value.channel.key));
  const places = nonEmptySet(filter.places);
  if (places) {
    tests.push(({ value }) => {
      const key = placeKeyOf(value);
      return key !== undefined && places.has(key);
    });
  }
  if (filter.from !== undefined || filter.to !== undefined) {
    const clock = zoneClock(context.timeZone);
    const from = filter.from;
    const to = filter.to;
    tests.push(({ value }) => {
      const start = instantOf(value.when.start);
      if (Number.isNaN(start)) return false;
      const date = clock.local(start).date;
      return (from === undefined || date >= from) && (to === undefined || date <= to);
    });
  }
  if (filter.reported !== undefined) {
    const wanted = filter.reported;
    tests.push(({ value }) => isReported(value) === wanted);
  }
  const terms = filter.text === undefined ? [] : parseQuery(filter.text);
  if (terms.length > 0) {
    const index = context.searchIndex;
    if (index === undefined) throw new Error('Searching needs a search index: pass searchIndex');
    tests.push(({ id }) => matchesQuery(index, id, terms));
  }
  return (entry) => tests.every((test) => test(entry));
}

/**
 * The incidents that pass a filter, in the order given. O(n) (plus the search scan).
 *
 * @example
 * filterIncidents(diary.incidents, { personIds: ['person-01'], from: '2026-03-01' }, { timeZone: 'Europe/London' })
 */
export function filterIncidents(
  incidents: readonly Entry<Incident>[],
  filter: IncidentFilter,
  context: FilterContext,
): Entry<Incident>[] {
  return incidents.filter(incidentPredicate(filter, context));
}

function nonEmptySet<T>(values: readonly T[] | undefined): ReadonlySet<T> | undefined {
  return values === undefined || values.length === 0 ? undefined : new Set(values);
}
