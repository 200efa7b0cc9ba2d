/**
 * Full-text search over decrypted entries, in memory only: nothing here is stored or sent.
 * Case and accents are ignored ("dwr" finds "Dŵr", "CAFE" finds "café"). It searches what
 * happened, the place (the words and the saved place's name), the names and aliases of the
 * people recorded as having done it or witnessed it, the tags and the police reference.
 *
 * Build the index once per diary (O(total text)); each search is a substring scan, which for
 * 10,000 entries takes milliseconds.
 */
import { ensurePrepared, type Diary, type PreparedDiary } from './prepare.js';
import { foldText } from './text.js';

export interface SearchIndex {
  /** Folded searchable text per incident id. */
  readonly text: ReadonlyMap<string, string>;
  /** Incident ids in time order. */
  readonly ids: readonly string[];
}

/** Separates fields so that a phrase never matches across two of them. */
const FIELD_BREAK = '\n';

/**
 * Builds the search index of a diary. The display zone does not matter for search; it is asked
 * for only so that an already prepared diary can be reused.
 *
 * @example const index = buildSearchIndex(diary, { timeZone: 'Europe/London' });
 */
export function buildSearchIndex(
  diary: Diary | PreparedDiary,
  options: { readonly timeZone: string },
): SearchIndex {
  const p = ensurePrepared(diary, options.timeZone);
  const names = new Map<string, string>();
  for (const [id, person] of p.people) {
    names.set(id, [person.name, person.alias].filter((x) => x !== undefined).join(FIELD_BREAK));
  }
  const text = new Map<string, string>();
  for (const { id, incident } of p.incidents) {
    const fields: string[] = [incident.what];
    if (incident.where?.text !== undefined) fields.push(incident.where.text);
    const placeId = incident.where?.placeId;
    const placeName = placeId === undefined ? undefined : p.places.get(placeId)?.name;
    if (placeName !== undefined) fields.push(placeName);
    for (const personId of [...incident.perpetratorIds, ...incident.witnessIds]) {
      const name = names.get(personId);
      if (name !== undefined && name !== '') fields.push(name);
    }
    fields.push(...incident.tags);
    if (incident.police?.reference !== undefined) fields.push(incident.police.reference);
    text.set(id, fields.map(foldField).join(FIELD_BREAK));
  }
  return { text, ids: p.incidents.map((i) => i.id) };
}

function foldField(field: string): string {
  // foldText makes any white space one space, so FIELD_BREAK never appears inside a field.
  return foldText(field);
}

/**
 * Splits a query into folded terms: words, or "phrases in double quotes".
 *
 * @example parseQuery('Blue "Stryd Fawr"  CAFÉ') // ['blue', 'stryd fawr', 'cafe']
 */
export function parseQuery(query: string): string[] {
  const terms: string[] = [];
  for (const m of foldText(query).matchAll(/"([^"]*)"|(\S+)/g)) {
    const term = (m[1] ?? m[2] ?? '').trim();
    if (term !== '') terms.push(term);
  }
  return terms;
}

/**
 * Whether an incident's indexed text contains every term of the query. An empty query matches.
 *
 * @example matchesQuery(index, 'incident-1', 'van') // true
 */
export function matchesQuery(
  index: SearchIndex,
  id: string,
  query: string | readonly string[],
): boolean {
  const terms = typeof query === 'string' ? parseQuery(query) : query;
  if (terms.length === 0) return true;
  const text = index.text.get(id);
  return text !== undefined && terms.every((t) => text.includes(t));
}

/**
 * The ids of incidents matching a query, in time order. Every word (or quoted phrase) must
 * appear; case and accents are ignored. An empty query returns every incident.
 *
 * @example search(index, 'blue VAN') // ['incident-3', 'incident-9']
 */
export function search(index: SearchIndex, query: string): string[] {
  const terms = parseQuery(query);
  if (terms.length === 0) return [...index.ids];
  return index.ids.filter((id) => matchesQuery(index, id, terms));
}
