/**
 * The pattern view, computed in the browser with `analyseDiary`: incidents per week with the
 * trend, the time-of-day × weekday heatmap, behaviours, channels and places, the people involved
 * with the course-of-conduct note, the s.4A effects recorded so far (on incidents and on their
 * own), and gaps.
 */
import { useMemo } from 'preact/hooks';
import {
  analyseDiary,
  effectsRecorded,
  type EffectSeen,
  type PatternView,
  type PlaceCount,
} from '../../../../domain/diary/index.js';
import {
  BarList,
  ChartFigure,
  ColumnChart,
  DataTable,
  HeatmapChart,
} from '../../components/charts.js';
import { useApp } from '../../shell/context.js';
import { useDiaryText } from '../diary-text.js';
import {
  behaviourLabel,
  channelLabel,
  effectLabel,
  formatLocalDate,
  useDiary,
  type DiaryData,
} from '../diary-ui.js';
import { DiaryLoadFailed } from '../record-screens.js';
import { browserTimeZone } from '../incident-form.js';
import { format } from '../../shell/messages.js';
import type { DiaryMessages } from '../messages.js';
import { Busy, LinkButton, Page } from '../../components/ui.js';

/** Places drawn in the chart; the table beside it lists every one. */
export const PLACES_IN_CHART = 10;

/**
 * Labels made distinct by numbering repeats ("Home", "Home (2)"): two saved places can share a
 * name, and every deleted place is "Unknown place", yet each bar and row must be told apart.
 *
 * @example distinctLabels(['Home', 'Work', 'Home']) // ['Home', 'Work', 'Home (2)']
 */
export function distinctLabels(labels: readonly string[]): string[] {
  const seen = new Map<string, number>();
  const taken = new Set(labels);
  return labels.map((label) => {
    const n = (seen.get(label) ?? 0) + 1;
    seen.set(label, n);
    if (n === 1) return label;
    let k = n;
    while (taken.has(`${label} (${k})`)) k++;
    const unique = `${label} (${k})`;
    taken.add(unique);
    return unique;
  });
}

/** What to call each place in the breakdown, in its order. */
export function placeLabels(
  items: readonly PlaceCount[],
  p: Pick<DiaryMessages['diary']['patterns'], 'unknownPlace'>,
): string[] {
  return distinctLabels(items.map((item) => item.label ?? p.unknownPlace));
}

export function PatternsScreen() {
  const { navigate } = useApp();
  const dm = useDiaryText();
  const p = dm.diary.patterns;
  const { state, retry } = useDiary();
  return (
    <Page title={p.title} back={() => navigate({ name: 'home' })}>
      <p>{p.lede}</p>
      <Busy message={state.kind === 'loading' ? p.loading : undefined} />
      <DiaryLoadFailed state={state} retry={retry} />
      {state.kind === 'loaded' &&
        (state.data.incidents.length === 0 ? (
          <>
            <p>{p.empty}</p>
            {/* Changes recorded on their own count even before any incident is recorded. */}
            <EffectsOnly data={state.data} />
          </>
        ) : (
          <Patterns data={state.data} />
        ))}
    </Page>
  );
}

function Patterns({ data }: { data: DiaryData }) {
  const { locale, diary } = useApp();
  const dm = useDiaryText();
  const p = dm.diary.patterns;
  const view: PatternView = useMemo(() => {
    const zone = browserTimeZone();
    return analyseDiary(diary.store.prepared(zone), { timeZone: zone, now: new Date() });
  }, [data]);
  const weeks = view.weekly.weeks;
  const behaviours = view.behaviours.items.map((b) => ({
    label: behaviourLabel(locale, b.key),
    count: b.count,
  }));
  const channels = view.channels.items.map((c) => ({
    label: channelLabel(locale, c.key),
    count: c.count,
  }));
  const placeNames = placeLabels(view.places.items, p);
  const places = view.places.items.map((item, i) => ({
    label: placeNames[i] ?? '',
    how: item.kind === 'saved' ? p.placeSaved : p.placeWords,
    count: item.count,
  }));
  const conduct = new Map(view.courseOfConduct.people.map((c) => [c.personId, c]));
  const heatRows: (string | number)[][] = [];
  view.heatmap.counts.forEach((row, day) =>
    row.forEach((count, hour) => {
      if (count > 0) {
        heatRows.push([
          dm.diary.weekdaysLong[day] ?? '',
          `${String(hour).padStart(2, '0')}:00`,
          count,
        ]);
      }
    }),
  );

  return (
    <div class="patterns">
      <p class="lede" data-summary="">
        {view.summary.headline[locale]}
      </p>

      <ChartFigure
        id="weekly"
        title={p.weekly}
        chart={
          <>
            <ColumnChart
              label={p.weekly}
              values={weeks.map((w) => w.count)}
              labels={weeks.map((w) => shortDate(w.start))}
            />
            {weeks.length > 0 && (
              <p class="chart__range hint">
                {formatLocalDate(locale, weeks[0]?.start ?? '')} –{' '}
                {formatLocalDate(locale, weeks[weeks.length - 1]?.start ?? '')}
              </p>
            )}
          </>
        }
        table={
          <DataTable
            caption={p.weekly}
            head={[p.weekStarting, p.incidents]}
            rows={weeks.map((w) => [
              `${formatLocalDate(locale, w.start)}${w.partial ? ` ${p.partial}` : ''}`,
              w.count,
            ])}
          />
        }
      />
      <p data-trend="">{view.trend.explanation[locale]}</p>

      <ChartFigure
        id="heatmap"
        title={p.when}
        hint={p.whenHint}
        chart={<HeatmapChart label={p.when} counts={view.heatmap.counts} max={view.heatmap.max} />}
        table={<DataTable caption={p.when} head={[p.day, p.hour, p.incidents]} rows={heatRows} />}
      />
      {view.heatmap.approximate > 0 && (
        <p class="hint">{format(p.approximateNote, { n: view.heatmap.approximate })}</p>
      )}

      <ChartFigure
        id="behaviours"
        title={p.behaviours}
        chart={<BarList label={p.behaviours} items={behaviours} />}
        table={
          <DataTable
            caption={p.behaviours}
            head={[p.behaviours, p.count]}
            rows={behaviours.map((b) => [b.label, b.count])}
          />
        }
      />
      {view.behaviours.notRecorded > 0 && (
        <p class="hint">{format(p.notRecorded, { n: view.behaviours.notRecorded })}</p>
      )}

      <ChartFigure
        id="channels"
        title={p.channels}
        chart={<BarList label={p.channels} items={channels} />}
        table={
          <DataTable
            caption={p.channels}
            head={[p.channels, p.count]}
            rows={channels.map((c) => [c.label, c.count])}
          />
        }
      />
      {view.channels.notRecorded > 0 && (
        <p class="hint">{format(p.notRecorded, { n: view.channels.notRecorded })}</p>
      )}

      {places.length > 0 && (
        <ChartFigure
          id="places"
          title={p.places}
          {...(places.length > PLACES_IN_CHART
            ? { hint: format(p.placesTop, { n: PLACES_IN_CHART }) }
            : {})}
          chart={<BarList label={p.places} items={places.slice(0, PLACES_IN_CHART)} />}
          table={
            <DataTable
              caption={p.places}
              head={[p.place, p.placeHow, p.count]}
              rows={places.map((place) => [place.label, place.how, place.count])}
            />
          }
        />
      )}
      {places.length > 0 && view.places.notRecorded > 0 && (
        <p class="hint">{format(p.notRecorded, { n: view.places.notRecorded })}</p>
      )}

      <section aria-labelledby="people-heading" data-people-involved="">
        <h2 id="people-heading">{p.people}</h2>
        {view.people.items.length > 0 && (
          <DataTable
            caption={p.people}
            head={[p.person, p.asPerpetrator, p.asWitness, p.occasions]}
            rows={view.people.items.map((person) => [
              person.label ?? p.unknownPerson,
              person.asPerpetrator,
              person.asWitness,
              conduct.get(person.personId)?.occasions ?? 0,
            ])}
          />
        )}
        {view.courseOfConduct.people.map((c) => (
          <div
            class="inset-text"
            key={c.personId}
            data-conduct={c.atLeastTwoOccasions ? 'yes' : 'no'}
          >
            <h3 class="heading-s">
              {p.conduct}: {c.label ?? p.unknownPerson}
            </h3>
            <p>{c.note[locale]}</p>
          </div>
        ))}
      </section>

      <EffectsSection effects={view.effects} />

      <section aria-labelledby="gaps-heading">
        <h2 id="gaps-heading">{p.gaps}</h2>
        {view.gaps.longest.length === 0 && <p>{p.gapsNone}</p>}
        <ul class="list--bullet">
          {view.gaps.longest.map((g) => (
            <li key={g.afterId}>{g.description[locale]}</li>
          ))}
        </ul>
        {view.gaps.sinceLast?.quiet === true && <p>{view.gaps.sinceLast.description[locale]}</p>}
      </section>
    </div>
  );
}

/** "30/11": a week's first day, day then month as in the UK, short enough for its bar. */
function shortDate(date: string): string {
  const [, m, d] = date.split('-').map(Number);
  return m === undefined || d === undefined ? date : `${d}/${m}`;
}

function EffectsOnly({ data }: { data: DiaryData }) {
  const { diary } = useApp();
  const effects = useMemo(() => {
    const zone = browserTimeZone();
    return effectsRecorded(diary.store.prepared(zone), { timeZone: zone });
  }, [data]);
  return effects.length > 0 ? <EffectsSection effects={effects} /> : null;
}

/** Each change with when it was first recorded, and how often: on incidents and on its own. */
function EffectsSection({ effects }: { effects: readonly EffectSeen[] }) {
  const { locale, navigate } = useApp();
  const dm = useDiaryText();
  const p = dm.diary.patterns;
  return (
    <section aria-labelledby="effects-heading" data-effects-seen="">
      <h2 id="effects-heading">{dm.diaryExtra.patterns.effects}</h2>
      <p class="hint">{dm.diaryExtra.patterns.effectsHint}</p>
      {effects.length === 0 ? (
        <p>{p.effectsNone}</p>
      ) : (
        <DataTable
          caption={dm.diaryExtra.patterns.effects}
          head={[p.change, p.firstDate, p.withIncidents, p.onItsOwn]}
          rows={effects.map((e) => [
            effectLabel(locale, e.key),
            formatLocalDate(locale, e.firstRecorded),
            e.incidentIds.length,
            e.effectIds.length,
          ])}
        />
      )}
      <p>
        <LinkButton onClick={() => navigate({ name: 'effects' })}>{p.recordChange}</LinkButton>
      </p>
    </section>
  );
}
