/**
 * The pattern view, computed in the browser with `analyseDiary`: incidents per week with the
 * trend, the time-of-day × weekday heatmap, behaviours and channels, the people involved with
 * the course-of-conduct note, the s.4A effects recorded so far, and gaps.
 */
import { useMemo } from 'preact/hooks';
import { analyseDiary, type PatternView } from '../../../domain/diary/index.js';
import { BarList, ChartFigure, ColumnChart, DataTable, HeatmapChart } from '../charts.js';
import { useApp } from '../context.js';
import {
  behaviourLabel,
  channelLabel,
  effectLabel,
  formatLocalDate,
  useDiary,
  type DiaryData,
} from '../diary-ui.js';
import { browserTimeZone } from '../incident-form.js';
import { format } from '../messages.js';
import { Busy, Button, Page } from '../ui.js';

export function PatternsScreen() {
  const { t, navigate } = useApp();
  const p = t.diary.patterns;
  const { state, retry } = useDiary();
  return (
    <Page title={p.title} back={() => navigate({ name: 'home' })}>
      <p>{p.lede}</p>
      <Busy message={state.kind === 'loading' ? p.loading : undefined} />
      {state.kind === 'failed' && (
        <div class="notice notice--error" role="alert">
          <p>{state.message}</p>
          <Button variant="secondary" onClick={retry}>
            {t.home.retry}
          </Button>
        </div>
      )}
      {state.kind === 'loaded' &&
        (state.data.incidents.length === 0 ? <p>{p.empty}</p> : <Patterns data={state.data} />)}
    </Page>
  );
}

function Patterns({ data }: { data: DiaryData }) {
  const { t, locale, diary } = useApp();
  const p = t.diary.patterns;
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
  const conduct = new Map(view.courseOfConduct.people.map((c) => [c.personId, c]));
  const heatRows: (string | number)[][] = [];
  view.heatmap.counts.forEach((row, day) =>
    row.forEach((count, hour) => {
      if (count > 0) {
        heatRows.push([
          t.diary.weekdaysLong[day] ?? '',
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
            <ColumnChart label={p.weekly} values={weeks.map((w) => w.count)} />
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

      <section aria-labelledby="effects-heading">
        <h2 id="effects-heading">{p.effects}</h2>
        {view.effects.length === 0 ? (
          <p>{p.effectsNone}</p>
        ) : (
          <ul class="list--bullet">
            {view.effects.map((e) => (
              <li key={e.key}>
                {effectLabel(locale, e.key)} (
                {format(p.firstRecorded, { date: formatLocalDate(locale, e.firstRecorded) })})
              </li>
            ))}
          </ul>
        )}
      </section>

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
