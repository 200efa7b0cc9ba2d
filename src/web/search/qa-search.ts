/**
 * Search over the questions and answers, the same code on the server (`?q=`, no JavaScript) and
 * in the browser (as the person types). MiniSearch does the indexing and typo tolerance; this
 * module adds what people type that the words on the page don't say: other word forms (stems),
 * everyday synonyms, and words too common to mean anything.
 */
import MiniSearch, { type SearchOptions } from 'minisearch';
import { stemmer } from 'stemmer';
import type { Locale } from '../../domain/locales.js';

export interface QaEntry {
  readonly id: string;
  readonly question: string;
  readonly answer: string;
}

export interface QaIndex {
  search(query: string): string[];
}

/** The longest query searched; anything longer is cut, never refused. */
export const MAX_QUERY_LENGTH = 100;

const STOP_WORDS: Readonly<Record<Locale, ReadonlySet<string>>> = {
  en: new Set(
    'a an and are am as at be been but by can could did do does for from had has have he her him his how i if in into is it its me my of on or our she so that the their them they this to was we were what when where which who why will with would you your'.split(
      ' ',
    ),
  ),
  cy: new Set(
    'a ac am ar at beth dw dy ei eu fy gan i mae mewn na neu nid o oes os sut y yn yr ydw ydy ydych chi fi fe hi nhw ni'.split(
      ' ',
    ),
  ),
};

/** Words people use for the things the answers talk about, mapped to the answers' own words. */
const SYNONYMS: Readonly<Record<Locale, Readonly<Record<string, string>>>> = {
  en: {
    stalker: 'stalking',
    stalked: 'stalking',
    harasser: 'harassment',
    harassed: 'harassment',
    boyfriend: 'partner',
    girlfriend: 'partner',
    husband: 'partner',
    wife: 'partner',
    ex: 'partner',
    cops: 'police',
    cop: 'police',
    jail: 'prison',
    sentence: 'prison',
    kid: 'child',
    kids: 'child',
    teenager: 'child',
    teen: 'child',
    texts: 'message',
    text: 'message',
    dms: 'message',
    proof: 'evidence',
    injunction: 'order',
    restraining: 'order',
    scared: 'frighten',
    afraid: 'frighten',
    fear: 'frighten',
    tracker: 'track',
    spy: 'spyware',
    stalkerware: 'spyware',
    internet: 'online',
    instagram: 'online',
    facebook: 'online',
    snapchat: 'online',
    tiktok: 'online',
    whatsapp: 'online',
    twitter: 'online',
    social: 'online',
  },
  cy: {
    stelciwr: 'stelcio',
    cyn: 'partner',
    cariad: 'partner',
    gwr: 'partner',
    gwraig: 'partner',
    plentyn: 'plant',
    instagram: 'lein',
    facebook: 'lein',
    whatsapp: 'lein',
    rhyngrwyd: 'lein',
  },
};

/**
 * Welsh changes the first letter of a word after some words ("plant" → "fy mhlant"). Each form a
 * word may have come from is added, so "mhlant" and "plant" meet in the index.
 */
const WELSH_RADICALS: readonly [string, readonly string[]][] = [
  ['ngh', ['c']],
  ['mh', ['p']],
  ['nh', ['t']],
  ['ng', ['g']],
  ['ch', ['c']],
  ['ph', ['p']],
  ['th', ['t']],
  ['dd', ['d']],
  ['g', ['c']],
  ['b', ['p']],
  ['d', ['t']],
  ['f', ['b', 'm']],
  ['l', ['ll']],
  ['r', ['rh']],
  ['m', ['b']],
  ['n', ['d']],
];

function welshForms(word: string): string[] {
  const rule = WELSH_RADICALS.find(
    ([mutated]) => word.startsWith(mutated) && word.length > mutated.length + 1,
  );
  return [word, ...(rule?.[1].map((radical) => radical + word.slice(rule[0].length)) ?? [])];
}

export function normaliseTerm(term: string, locale: Locale): string | string[] | null {
  const plain = term
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[’']s$/, '');
  if (plain.length === 0 || STOP_WORDS[locale].has(plain)) return null;
  // An age under 18 ("I am 15") is a question about children; "under 18" says so too.
  const age = /^\d{1,2}$/.test(plain) ? Number(plain) : NaN;
  if (age >= 5 && age <= 18) return normaliseTerm(locale === 'en' ? 'child' : 'plant', locale);
  const word = SYNONYMS[locale][plain] ?? plain;
  return locale === 'en' ? stemmer(word) : welshForms(word);
}

export function createQaIndex(entries: readonly QaEntry[], locale: Locale): QaIndex {
  const index = new MiniSearch<QaEntry>({
    fields: ['question', 'answer'],
    idField: 'id',
    processTerm: (term) => normaliseTerm(term, locale),
  });
  index.addAll([...entries]);
  const options: SearchOptions = {
    boost: { question: 3 },
    combineWith: 'OR',
    // Short words must be typed right; longer ones may have one or two slips.
    fuzzy: (term) => (term.length >= 8 ? 2 : term.length >= 4 ? 1 : false),
    prefix: (term, i, terms) => i === terms.length - 1 && term.length >= 3,
  };
  return {
    search(query) {
      const q = query.slice(0, MAX_QUERY_LENGTH).trim();
      if (q === '') return [];
      const results = index.search(q, options);
      const best = results[0]?.score ?? 0;
      // Drop the long tail of answers that matched only a stray fuzzy word.
      return results.filter((r) => r.score >= best * 0.2).map((r) => String(r.id));
    },
  };
}
