/**
 * The day-to-day changes recorded so far: the "substantial adverse effect on usual day-to-day
 * activities" of s.4A (FACTS.md §4). They come from incidents ("what have you changed because of
 * this?") and from effect records kept on their own.
 */
import { ensurePrepared, type Diary, type PreparedDiary } from './prepare.js';
import { EFFECTS, type EffectKey } from './taxonomy.js';
import type { LocalDate } from './text.js';

export interface EffectSeen {
  readonly key: EffectKey;
  /**
   * When it was first recorded: the earliest date of an incident that ticks it (in the display
   * zone) or of an effect record's start, whichever is earlier.
   */
  readonly firstRecorded: LocalDate;
  /** Incidents that tick it, in time order. */
  readonly incidentIds: readonly string[];
  /** Effect records of it, earliest first. */
  readonly effectIds: readonly string[];
}

/**
 * The s.4A day-to-day changes recorded so far, in the taxonomy's order; a change never recorded
 * is absent. O(n log n).
 *
 * @example
 * effectsRecorded(diary, { timeZone: 'Europe/London' })
 * // [{ key: 'route-or-travel', firstRecorded: '2026-02-03', incidentIds: ['incident-7'], effectIds: [] }, …]
 */
export function effectsRecorded(
  diary: Diary | PreparedDiary,
  options: { readonly timeZone: string },
): readonly EffectSeen[] {
  const p = ensurePrepared(diary, options.timeZone);
  const found = new Map<EffectKey, { first: LocalDate; incidents: string[]; effects: string[] }>();
  const entry = (key: EffectKey, date: LocalDate) => {
    let e = found.get(key);
    if (!e) found.set(key, (e = { first: date, incidents: [], effects: [] }));
    else if (date < e.first) e.first = date;
    return e;
  };
  for (const { id, incident, date } of p.incidents) {
    for (const key of incident.effect?.changes ?? []) entry(key, date).incidents.push(id);
  }
  const records = [...p.effects].sort(
    (a, b) => compare(a.value.startedOn, b.value.startedOn) || compare(a.id, b.id),
  );
  for (const { id, value } of records) entry(value.change, value.startedOn).effects.push(id);
  return EFFECTS.flatMap(({ key }) => {
    const e = found.get(key);
    return e === undefined
      ? []
      : [{ key, firstRecorded: e.first, incidentIds: e.incidents, effectIds: e.effects }];
  });
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
