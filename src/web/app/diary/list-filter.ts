/**
 * The diary list's filter as the form holds it (strings), turned into the domain's
 * `IncidentFilter`, and the list grouped by day. Pure.
 */
import {
  BEHAVIOUR_KEYS,
  CHANNEL_KEYS,
  dayOfDate,
  type BehaviourKey,
  type ChannelKey,
  type IncidentFilter,
} from '../../../domain/diary/index.js';

export interface ListFilter {
  readonly text: string;
  readonly personId: string;
  /** A saved place's record id, or blank. */
  readonly placeId: string;
  readonly behaviour: string;
  readonly channel: string;
  /** `YYYY-MM-DD` or blank. */
  readonly from: string;
  readonly to: string;
  readonly reported: '' | 'yes' | 'no';
  readonly order: 'newest' | 'oldest';
}

export function emptyFilter(): ListFilter {
  return {
    text: '',
    personId: '',
    placeId: '',
    behaviour: '',
    channel: '',
    from: '',
    to: '',
    reported: '',
    order: 'newest',
  };
}

/** True when nothing narrows the list. */
export function isEmptyFilter(f: ListFilter): boolean {
  const e = emptyFilter();
  return (Object.keys(e) as (keyof ListFilter)[]).every((k) => k === 'order' || f[k] === e[k]);
}

/**
 * The domain filter for the form's state; blank or invalid choices are left out.
 *
 * @example toIncidentFilter({ ...emptyFilter(), reported: 'no', from: '2026-03-01' })
 * // { reported: false, from: '2026-03-01' }
 */
export function toIncidentFilter(f: ListFilter): IncidentFilter {
  const behaviour = (BEHAVIOUR_KEYS as readonly string[]).includes(f.behaviour)
    ? (f.behaviour as BehaviourKey)
    : undefined;
  const channel = (CHANNEL_KEYS as readonly string[]).includes(f.channel)
    ? (f.channel as ChannelKey)
    : undefined;
  const date = (d: string): string | undefined =>
    dayOfDate(d.trim()) !== undefined ? d.trim() : undefined;
  const from = date(f.from);
  const to = date(f.to);
  return {
    ...(f.personId !== '' ? { personIds: [f.personId] } : {}),
    ...(f.placeId !== '' ? { places: [`saved:${f.placeId}` as const] } : {}),
    ...(behaviour !== undefined ? { behaviours: [behaviour] } : {}),
    ...(channel !== undefined ? { channels: [channel] } : {}),
    ...(from !== undefined ? { from } : {}),
    ...(to !== undefined ? { to } : {}),
    ...(f.reported === 'yes' ? { reported: true } : f.reported === 'no' ? { reported: false } : {}),
    ...(f.text.trim() !== '' ? { text: f.text.trim() } : {}),
  };
}

/**
 * Items grouped by their local date, in the order given (consecutive runs of one date).
 *
 * @example groupByDay([{ d: '2026-01-02' }, { d: '2026-01-02' }, { d: '2026-01-01' }], (x) => x.d)
 * // [{ date: '2026-01-02', items: [2 items] }, { date: '2026-01-01', items: [1 item] }]
 */
export function groupByDay<T>(
  items: readonly T[],
  dateOf: (item: T) => string,
): { date: string; items: T[] }[] {
  const groups: { date: string; items: T[] }[] = [];
  for (const item of items) {
    const date = dateOf(item);
    const last = groups[groups.length - 1];
    if (last !== undefined && last.date === date) last.items.push(item);
    else groups.push({ date, items: [item] });
  }
  return groups;
}
