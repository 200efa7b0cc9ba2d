/**
 * What, how, where and who: incidents counted by behaviour, behaviour group, channel, place and
 * person. Each list is sorted by count (largest first), ties in a fixed order, and says how many
 * incidents did not record that field.
 */
import { personLabel, type Incident } from './incident.js';
import { ensurePrepared, type Diary, type PreparedDiary } from './prepare.js';
import {
  BEHAVIOUR_GROUP_KEYS,
  BEHAVIOURS,
  CHANNEL_KEYS,
  type BehaviourGroupKey,
  type BehaviourKey,
  type ChannelKey,
} from './taxonomy.js';
import { foldText } from './text.js';

export interface Breakdown<T> {
  readonly items: readonly T[];
  /** Incidents that do not record this at all. */
  readonly notRecorded: number;
}

export interface BehaviourCount {
  readonly key: BehaviourKey;
  readonly group: BehaviourGroupKey;
  readonly count: number;
  /** The s.2A(3) example it is, if any. */
  readonly legalExample: boolean;
}

const behaviourOrder = new Map<string, number>(BEHAVIOURS.map((b, i) => [b.key, i]));
const behaviourGroup = new Map<string, BehaviourGroupKey>(BEHAVIOURS.map((b) => [b.key, b.group]));

/**
 * Incidents per behaviour. An incident with three behaviours counts once for each. O(n).
 *
 * @example byBehaviour(diary, options).items[0] // { key: 'phone-calls', group: 'contact', count: 12, legalExample: true }
 */
export function byBehaviour(
  diary: Diary | PreparedDiary,
  options: { readonly timeZone: string },
): Breakdown<BehaviourCount> {
  const p = ensurePrepared(diary, options.timeZone);
  const counts = new Map<BehaviourKey, number>();
  let notRecorded = 0;
  for (const { incident } of p.incidents) {
    if (incident.behaviours.length === 0) notRecorded++;
    for (const key of incident.behaviours) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const items = [...counts]
    .map(([key, count]) => {
      const b = BEHAVIOURS[behaviourOrder.get(key) ?? -1];
      return {
        key,
        group: behaviourGroup.get(key) ?? 'contact',
        count,
        legalExample: b?.legalExample !== undefined,
      };
    })
    .sort((a, b) => b.count - a.count || order(behaviourOrder, a.key, b.key));
  return { items, notRecorded };
}

export interface GroupCount {
  readonly key: BehaviourGroupKey;
  /** Incidents with at least one behaviour of the group. */
  readonly count: number;
}

/**
 * Incidents per behaviour group. An incident counts once per group it touches. O(n).
 *
 * @example byBehaviourGroup(diary, options).items[0] // { key: 'contact', count: 20 }
 */
export function byBehaviourGroup(
  diary: Diary | PreparedDiary,
  options: { readonly timeZone: string },
): Breakdown<GroupCount> {
  const p = ensurePrepared(diary, options.timeZone);
  const counts = new Map<BehaviourGroupKey, number>();
  let notRecorded = 0;
  for (const { incident } of p.incidents) {
    if (incident.behaviours.length === 0) notRecorded++;
    const groups = new Set(incident.behaviours.map((k) => behaviourGroup.get(k)));
    for (const g of groups) if (g !== undefined) counts.set(g, (counts.get(g) ?? 0) + 1);
  }
  const groupOrder = new Map<string, number>(BEHAVIOUR_GROUP_KEYS.map((k, i) => [k, i]));
  const items = [...counts]
    .map(([key, count]) => ({ key, count }))
    .sort((a, b) => b.count - a.count || order(groupOrder, a.key, b.key));
  return { items, notRecorded };
}

export interface ChannelCount {
  readonly key: ChannelKey;
  readonly count: number;
  /** Counts by the detail given (which app, which social media), with the spelling most used. */
  readonly details: readonly { readonly label: string; readonly count: number }[];
}

const channelOrder = new Map<string, number>(CHANNEL_KEYS.map((k, i) => [k, i]));

/**
 * Incidents per channel, with the details ("Instagram", "WhatsApp") grouped regardless of case
 * and accents. O(n).
 *
 * @example byChannel(diary, options).items[0] // { key: 'social-media', count: 9, details: [{ label: 'Instagram', count: 7 }, …] }
 */
export function byChannel(
  diary: Diary | PreparedDiary,
  options: { readonly timeZone: string },
): Breakdown<ChannelCount> {
  const p = ensurePrepared(diary, options.timeZone);
  const counts = new Map<ChannelKey, number>();
  const details = new Map<ChannelKey, LabelledCounter>();
  let notRecorded = 0;
  for (const { incident } of p.incidents) {
    const c = incident.channel;
    if (c === undefined) {
      notRecorded++;
      continue;
    }
    counts.set(c.key, (counts.get(c.key) ?? 0) + 1);
    if (c.detail !== undefined) {
      let counter = details.get(c.key);
      if (!counter) details.set(c.key, (counter = new LabelledCounter()));
      counter.add(foldText(c.detail), c.detail);
    }
  }
  const items = [...counts]
    .map(([key, count]) => ({
      key,
      count,
      details: (details.get(key)?.entries() ?? []).map(({ label, count: n }) => ({
        label,
        count: n,
      })),
    }))
    .sort((a, b) => b.count - a.count || order(channelOrder, a.key, b.key));
  return { items, notRecorded };
}

// ---- places ----

/**
 * How incidents are grouped by place: `saved:<place id>` for a saved place (exact), or
 * `text:<folded words>` for a place written in words (case, accents, punctuation and extra
 * spaces ignored, so "Tesco, High St." and "tesco high st" are one place). A saved place wins
 * over words written beside it.
 */
export type PlaceKey = `saved:${string}` | `text:${string}`;

/**
 * The place key of an incident, or undefined when no place is recorded.
 *
 * @example placeKeyOf({ where: { text: 'Tesco, High St.' } } as Incident) // "text:tesco high st"
 */
export function placeKeyOf(incident: Pick<Incident, 'where'>): PlaceKey | undefined {
  const where = incident.where;
  if (where?.placeId !== undefined) return `saved:${where.placeId}`;
  if (where?.text === undefined) return undefined;
  const key = normalisePlace(where.text);
  return key === '' ? undefined : `text:${key}`;
}

/**
 * Light normalisation of a place written in words: folded (case and accents), punctuation made
 * space, spaces collapsed.
 *
 * @example normalisePlace('  Caffi’r Dŵr,  Stryd Fawr ') // "caffi r dwr stryd fawr"
 */
export function normalisePlace(text: string): string {
  return foldText(text)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export interface PlaceCount {
  readonly key: PlaceKey;
  readonly kind: 'saved' | 'text';
  /** The saved place's id, for a saved place. */
  readonly placeId?: string;
  /**
   * What to show: the saved place's name, or the spelling of the words used most (the earliest
   * on a tie). Undefined for a saved place that has since been deleted.
   */
  readonly label?: string;
  readonly count: number;
}

/**
 * Incidents per place. O(n).
 *
 * @example byPlace(diary, options).items[0] // { key: 'saved:place-home', kind: 'saved', placeId: 'place-home', label: 'Home', count: 14 }
 */
export function byPlace(
  diary: Diary | PreparedDiary,
  options: { readonly timeZone: string },
): Breakdown<PlaceCount> {
  const p = ensurePrepared(diary, options.timeZone);
  const saved = new Map<string, number>();
  const text = new LabelledCounter();
  let notRecorded = 0;
  for (const { incident } of p.incidents) {
    const key = placeKeyOf(incident);
    if (key === undefined) notRecorded++;
    else if (key.startsWith('saved:')) {
      const id = key.slice(6);
      saved.set(id, (saved.get(id) ?? 0) + 1);
    } else text.add(key.slice(5), incident.where?.text ?? '');
  }
  const items: PlaceCount[] = [];
  for (const [placeId, count] of saved) {
    const name = p.places.get(placeId)?.name;
    items.push({
      key: `saved:${placeId}`,
      kind: 'saved',
      placeId,
      ...(name === undefined ? {} : { label: name }),
      count,
    });
  }
  for (const { key, label, count } of text.entries()) {
    items.push({ key: `text:${key}`, kind: 'text', label, count });
  }
  items.sort((a, b) => b.count - a.count || compare(a.key, b.key));
  return { items, notRecorded };
}

// ---- people ----

export interface PersonCount {
  readonly personId: string;
  /** Name or alias; undefined for a person record that has since been deleted. */
  readonly label?: string;
  /** Incidents where they are recorded as having done it. */
  readonly asPerpetrator: number;
  /** Incidents where they are recorded as a witness. */
  readonly asWitness: number;
}

/**
 * Incidents per person, as the one who did it and as a witness. Sorted by incidents done, then
 * witnessed. `notRecorded` counts incidents with nobody recorded as having done it. O(n).
 *
 * @example byPerson(diary, options).items[0] // { personId: 'person-01', label: 'Mark', asPerpetrator: 31, asWitness: 0 }
 */
export function byPerson(
  diary: Diary | PreparedDiary,
  options: { readonly timeZone: string },
): Breakdown<PersonCount> {
  const p = ensurePrepared(diary, options.timeZone);
  const done = new Map<string, number>();
  const seen = new Map<string, number>();
  let notRecorded = 0;
  for (const { incident } of p.incidents) {
    if (incident.perpetratorIds.length === 0) notRecorded++;
    for (const id of incident.perpetratorIds) done.set(id, (done.get(id) ?? 0) + 1);
    for (const id of incident.witnessIds) seen.set(id, (seen.get(id) ?? 0) + 1);
  }
  const ids = new Set([...done.keys(), ...seen.keys()]);
  const items = [...ids]
    .map((personId): PersonCount => {
      const person = p.people.get(personId);
      return {
        personId,
        ...(person === undefined ? {} : { label: personLabel(person) }),
        asPerpetrator: done.get(personId) ?? 0,
        asWitness: seen.get(personId) ?? 0,
      };
    })
    .sort(
      (a, b) =>
        b.asPerpetrator - a.asPerpetrator ||
        b.asWitness - a.asWitness ||
        compare(a.personId, b.personId),
    );
  return { items, notRecorded };
}

// ---- helpers ----

/** Counts by a folded key, remembering the spelling used most (earliest on a tie). */
class LabelledCounter {
  readonly #groups = new Map<string, { count: number; spellings: Map<string, number> }>();

  add(key: string, spelling: string): void {
    let group = this.#groups.get(key);
    if (!group) this.#groups.set(key, (group = { count: 0, spellings: new Map() }));
    group.count++;
    const s = spelling.trim();
    group.spellings.set(s, (group.spellings.get(s) ?? 0) + 1);
  }

  entries(): { key: string; label: string; count: number }[] {
    return [...this.#groups]
      .map(([key, { count, spellings }]) => {
        let label = '';
        let best = 0;
        for (const [s, n] of spellings) {
          if (n > best) {
            best = n;
            label = s;
          }
        }
        return { key, label, count };
      })
      .sort((a, b) => b.count - a.count || compare(a.key, b.key));
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function order(positions: ReadonlyMap<string, number>, a: string, b: string): number {
  return (positions.get(a) ?? 0) - (positions.get(b) ?? 0);
}
