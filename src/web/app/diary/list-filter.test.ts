import { describe, expect, it } from 'vitest';
import { filterIncidents } from '../../../domain/diary/index.js';
import { generateIncidents } from '../../../domain/diary/fixtures.js';
import { emptyFilter, groupByDay, isEmptyFilter, toIncidentFilter } from './list-filter.js';

describe('list filter', () => {
  it('is empty by default, whatever the order', () => {
    expect(isEmptyFilter(emptyFilter())).toBe(true);
    expect(isEmptyFilter({ ...emptyFilter(), order: 'oldest' })).toBe(true);
    expect(isEmptyFilter({ ...emptyFilter(), text: 'van' })).toBe(false);
    expect(toIncidentFilter(emptyFilter())).toEqual({});
  });

  it('maps every choice to the domain filter', () => {
    expect(
      toIncidentFilter({
        text: ' blue van ',
        personId: 'p1',
        placeId: 'place-1',
        behaviour: 'following',
        channel: 'in-person',
        from: '2026-03-01',
        to: '2026-03-31',
        reported: 'no',
        order: 'newest',
      }),
    ).toEqual({
      text: 'blue van',
      personIds: ['p1'],
      places: ['saved:place-1'],
      behaviours: ['following'],
      channels: ['in-person'],
      from: '2026-03-01',
      to: '2026-03-31',
      reported: false,
    });
    expect(toIncidentFilter({ ...emptyFilter(), reported: 'yes' })).toEqual({ reported: true });
  });

  it('leaves out unknown keys and dates that are not real', () => {
    expect(
      toIncidentFilter({
        ...emptyFilter(),
        behaviour: 'flying',
        channel: 'pigeon',
        from: '2026-02-30',
        to: 'soon',
      }),
    ).toEqual({});
  });
});

describe('groupByDay', () => {
  it('groups consecutive items of one date, keeping the order', () => {
    const items = [
      { id: 'a', d: '2026-01-02' },
      { id: 'b', d: '2026-01-02' },
      { id: 'c', d: '2026-01-01' },
    ];
    expect(groupByDay(items, (x) => x.d)).toEqual([
      { date: '2026-01-02', items: [items[0], items[1]] },
      { date: '2026-01-01', items: [items[2]] },
    ]);
    expect(groupByDay([], () => '')).toEqual([]);
  });
});

describe('the place choice', () => {
  it('keeps only incidents linked to that saved place, not ones that merely use its name', () => {
    const diary = generateIncidents(200, 5);
    const chosen = toIncidentFilter({ ...emptyFilter(), placeId: 'place-home' });
    const kept = filterIncidents(diary.incidents, chosen, { timeZone: 'Europe/London' });
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.every((e) => e.value.where?.placeId === 'place-home')).toBe(true);
    const linked = diary.incidents.filter((e) => e.value.where?.placeId === 'place-home');
    expect(kept.length).toBe(linked.length);
    // A place written in words, even one spelt like the saved place, is not the saved place.
    const words = {
      id: 'words',
      value: { ...linked[0]!.value, where: { text: 'place-home' } },
    };
    expect(filterIncidents([words], chosen, { timeZone: 'Europe/London' })).toEqual([]);
  });
});
