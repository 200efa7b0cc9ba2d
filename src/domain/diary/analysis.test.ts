import { describe, expect, it } from 'vitest';
import { analyseDiary } from './analysis.js';
import { byBehaviour, byChannel, byPlace } from './breakdowns.js';
import { courseOfConduct } from './conduct.js';
import { filterIncidents } from './filter.js';
import { generateIncidents, makeIncident } from './fixtures.js';
import { gaps } from './gaps.js';
import { heatmap } from './heatmap.js';
import { prepareDiary } from './prepare.js';
import { summarise } from './summary.js';
import { weeklyCounts } from './weekly.js';

const diary = generateIncidents(2000, 2026);
const options = { timeZone: 'Europe/London', now: new Date('2027-01-10T12:00:00Z') };

describe('analyseDiary', () => {
  const view = analyseDiary(diary, options);

  it('gives the same answers as each analysis on its own', () => {
    const zone = { timeZone: options.timeZone };
    expect(view.weekly).toEqual(weeklyCounts(diary, options));
    expect(view.heatmap).toEqual(heatmap(diary, zone));
    expect(view.behaviours).toEqual(byBehaviour(diary, zone));
    expect(view.channels).toEqual(byChannel(diary, zone));
    expect(view.places).toEqual(byPlace(diary, zone));
    expect(view.courseOfConduct).toEqual(courseOfConduct(diary, zone));
    expect(view.gaps).toEqual(gaps(diary, options));
    expect(view.summary).toEqual(summarise(diary, zone));
  });

  it('agrees with itself on the totals', () => {
    expect(view.weekly.total).toBe(2000);
    expect(view.heatmap.total).toBe(2000);
    expect(view.summary.total).toBe(2000);
    expect(view.people.items.find((p) => p.personId === 'person-01')?.asPerpetrator).toBe(
      view.courseOfConduct.people.find((p) => p.personId === 'person-01')?.incidents,
    );
    const placed = view.places.items.reduce((s, p) => s + p.count, 0);
    expect(placed + view.places.notRecorded).toBe(2000);
  });

  it('sees the escalation the generator builds in', () => {
    expect(view.trend.direction).toBe('escalating');
    expect(view.summary.headline.en).toMatch(/^2,000 incidents recorded from /);
  });

  it('is deterministic and does not depend on the order of the input', () => {
    const shuffled = { ...diary, incidents: [...diary.incidents].reverse() };
    expect(analyseDiary(shuffled, options)).toEqual(view);
    expect(analyseDiary(prepareDiary(diary, options.timeZone), options)).toEqual(view);
  });

  it('re-prepares a diary prepared for another zone', () => {
    const tokyo = prepareDiary(diary, 'Asia/Tokyo');
    expect(analyseDiary(tokyo, options)).toEqual(view);
  });

  it('analyses a filtered part of the diary', () => {
    const incidents = filterIncidents(
      diary.incidents,
      { personIds: ['person-04'] },
      { timeZone: options.timeZone },
    );
    const part = analyseDiary({ ...diary, incidents }, options);
    expect(part.summary.total).toBe(incidents.length);
    expect(part.courseOfConduct.people[0]?.personId).toBe('person-04');
  });

  it('copes with an empty diary and with a single entry', () => {
    const empty = analyseDiary({ incidents: [] }, options);
    expect(empty.weekly.weeks).toEqual([]);
    expect(empty.trend.direction).toBe('not-enough-data');
    expect(empty.gaps.sinceLast).toBeUndefined();
    const one = analyseDiary(
      { incidents: [{ id: 'only', value: makeIncident('2027-01-09T22:00+00:00') }] },
      options,
    );
    expect(one.trend.direction).toBe('not-enough-data');
    expect(one.summary.total).toBe(1);
  });
});
