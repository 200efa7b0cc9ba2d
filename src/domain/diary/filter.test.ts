import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { filterIncidents, incidentPredicate, type IncidentFilter } from './filter.js';
import { generateIncidents } from './fixtures.js';
import { buildSearchIndex } from './search.js';
import { BEHAVIOUR_KEYS, CHANNEL_KEYS } from './taxonomy.js';

const diary = generateIncidents(400, 11);
const context = {
  timeZone: 'Europe/London',
  searchIndex: buildSearchIndex(diary, { timeZone: 'Europe/London' }),
};
const ids = (filter: IncidentFilter) =>
  filterIncidents(diary.incidents, filter, context).map((e) => e.id);

describe('filterIncidents', () => {
  it('narrows by each criterion', () => {
    const all = diary.incidents.length;
    const byVan = ids({ personIds: ['person-04'] });
    expect(byVan.length).toBeGreaterThan(0);
    expect(byVan.length).toBeLessThan(all);
    for (const e of filterIncidents(diary.incidents, { personIds: ['person-04'] }, context)) {
      expect(e.value.perpetratorIds).toContain('person-04');
    }
    const reported = filterIncidents(diary.incidents, { reported: true }, context);
    const notReported = filterIncidents(diary.incidents, { reported: false }, context);
    expect(reported.length + notReported.length).toBe(all);
    expect(reported.every((e) => e.value.police !== undefined)).toBe(true);
  });

  it('matches people in the role asked for', () => {
    const witness = ids({ personIds: ['person-03'], personRole: 'witness' });
    expect(witness.length).toBeGreaterThan(0);
    expect(ids({ personIds: ['person-03'] })).toEqual(witness);
    expect(ids({ personIds: ['person-03'], personRole: 'perpetrator' })).toEqual([]);
  });

  it('uses local dates in the filter’s zone, both ends included', () => {
    const one = {
      id: 'late',
      value: {
        ...diary.incidents[0]!.value,
        when: { start: '2026-03-01T23:30-05:00', approximate: false, timeZone: 'America/New_York' },
      },
    };
    const f = { from: '2026-03-02', to: '2026-03-02' };
    expect(filterIncidents([one], f, { timeZone: 'Europe/London' })).toHaveLength(1);
    expect(filterIncidents([one], f, { timeZone: 'America/New_York' })).toHaveLength(0);
  });

  it('matches saved places by id and written places by their folded words', () => {
    const home = filterIncidents(diary.incidents, { places: ['saved:place-home'] }, context);
    expect(home.every((e) => e.value.where?.placeId === 'place-home')).toBe(true);
    const tesco = filterIncidents(diary.incidents, { places: ['text:tesco high st'] }, context);
    expect(new Set(tesco.map((e) => e.value.where?.text))).toEqual(
      new Set(['Tesco, High St.', 'tesco high st']),
    );
  });

  it('treats an empty list as no criterion, and needs an index to search', () => {
    expect(ids({ behaviours: [], channels: [], personIds: [] })).toHaveLength(
      diary.incidents.length,
    );
    expect(() =>
      filterIncidents(diary.incidents, { text: 'van' }, { timeZone: 'Europe/London' }),
    ).toThrow(/search index/);
    expect(ids({ text: '   ' })).toHaveLength(diary.incidents.length);
  });

  const filter: fc.Arbitrary<IncidentFilter> = fc.record(
    {
      personIds: fc.subarray(['person-01', 'person-02', 'person-03', 'person-04', 'nobody']),
      personRole: fc.constantFrom('perpetrator', 'witness', 'any'),
      behaviours: fc.subarray([...BEHAVIOUR_KEYS], { maxLength: 6 }),
      channels: fc.subarray([...CHANNEL_KEYS], { maxLength: 4 }),
      places: fc.subarray(['saved:place-home', 'saved:place-work', 'text:gym'] as const),
      from: fc.constantFrom('2025-03-01', '2025-09-15', '2026-02-01'),
      to: fc.constantFrom('2025-06-30', '2026-01-31', '2026-12-31'),
      reported: fc.boolean(),
      text: fc.constantFrom('van', 'car', 'dwr', 'instagram', 'CR/1'),
    },
    { requiredKeys: [] },
  );

  it('is commutative: applying two filters in either order gives the same list', () => {
    fc.assert(
      fc.property(filter, filter, (a, b) => {
        const ab = filterIncidents(filterIncidents(diary.incidents, a, context), b, context);
        const ba = filterIncidents(filterIncidents(diary.incidents, b, context), a, context);
        expect(ab.map((e) => e.id)).toEqual(ba.map((e) => e.id));
        const both = incidentPredicate(a, context);
        const other = incidentPredicate(b, context);
        expect(ab.map((e) => e.id)).toEqual(
          diary.incidents.filter((e) => both(e) && other(e)).map((e) => e.id),
        );
      }),
      { numRuns: 150 },
    );
  });

  it('only ever narrows, and keeps the order given', () => {
    fc.assert(
      fc.property(filter, (f) => {
        const kept = ids(f);
        const all = diary.incidents.map((e) => e.id);
        expect(all.filter((id) => kept.includes(id))).toEqual(kept);
        expect(ids({ ...f })).toEqual(kept); // deterministic
      }),
      { numRuns: 60 },
    );
  });
});
