/**
 * Small text helpers shared by the diary model: text in both languages, folding for search and
 * grouping, and plain wording for dates and durations.
 *
 * The Welsh wording here needs review by a fluent speaker (see the note in taxonomy.ts).
 */
import type { Locale } from '../locales.js';

/** The same text in every language Mosaic speaks. */
export type Bilingual = Readonly<Record<Locale, string>>;

/** A calendar date as `YYYY-MM-DD`, with no time and no time zone. */
export type LocalDate = string;

const SPECIAL_LETTERS: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
  '\u2018': "'",
  '\u2019': "'",
  '\u02bc': "'",
  '\u201c': '"',
  '\u201d': '"',
};
const SPECIAL_PATTERN = new RegExp(`[${Object.keys(SPECIAL_LETTERS).join('')}]`, 'gu');

/**
 * Folds text for comparison: case folded, accents and other marks removed (ŵ → w, é → e),
 * a few letters that do not decompose spelled out (ø → o, ł → l), curly quotes made straight,
 * and runs of white space made one space. Folding twice changes nothing.
 *
 * @example foldText('  Caffi’r  DŴR ') // "caffi'r dwr"
 */
export function foldText(text: string): string {
  return (
    text
      .normalize('NFKD')
      // Upper then lower case approximates Unicode case folding (ß → ss, ᲀ → в, ſ → s), which
      // lower case alone does not; compatibility forms are decomposed first (🄐 → "(A)").
      .toUpperCase()
      .toLowerCase()
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .replace(SPECIAL_PATTERN, (c) => SPECIAL_LETTERS[c] ?? c)
      .replace(/\s+/gu, ' ')
      .trim()
  );
}

const MONTHS: Readonly<Record<Locale, readonly string[]>> = {
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
  // Welsh month names, written as GOV.WALES writes them after a day number.
  cy: [
    'Ionawr',
    'Chwefror',
    'Mawrth',
    'Ebrill',
    'Mai',
    'Mehefin',
    'Gorffennaf',
    'Awst',
    'Medi',
    'Hydref',
    'Tachwedd',
    'Rhagfyr',
  ],
};

/**
 * A local date in words, in both languages. Done by hand rather than with Intl so that the text
 * is the same in every browser.
 *
 * @example formatDate('2026-03-29') // { en: '29 March 2026', cy: '29 Mawrth 2026' }
 */
export function formatDate(date: LocalDate): Bilingual {
  const [y = '', m = '1', d = '1'] = date.split('-');
  const day = String(Number(d));
  const month = Number(m) - 1;
  return {
    en: `${day} ${MONTHS.en[month] ?? ''} ${y}`,
    cy: `${day} ${MONTHS.cy[month] ?? ''} ${y}`,
  };
}

/**
 * A calendar month in words, in both languages.
 *
 * @example formatMonth('2026-03') // { en: 'March 2026', cy: 'Mawrth 2026' }
 */
export function formatMonth(month: string): Bilingual {
  const [y = '', m = '1'] = month.split('-');
  const index = Number(m) - 1;
  return { en: `${MONTHS.en[index] ?? ''} ${y}`, cy: `${MONTHS.cy[index] ?? ''} ${y}` };
}

/** Average days in a month (365.2425 / 12), for wording durations only. */
const DAYS_PER_MONTH = 30.436875;

/**
 * A whole number of days in plain words, rounded down so that it never says more than happened:
 * under 14 days in days, under 9 weeks in weeks, then in months.
 *
 * Welsh: numerals are read aloud, so the noun follows the spoken form ("2 ddiwrnod", "10
 * niwrnod", "2 fis"); "wythnos" never changes.
 *
 * @example formatDuration(23) // { en: '3 weeks', cy: '3 wythnos' }
 * @example formatDuration(2) // { en: '2 days', cy: '2 ddiwrnod' }
 */
export function formatDuration(days: number): Bilingual {
  const d = Math.max(0, Math.floor(days));
  if (d < 14) {
    return { en: `${d} ${d === 1 ? 'day' : 'days'}`, cy: `${d} ${welshDays(d)}` };
  }
  if (d < 63) {
    const w = Math.floor(d / 7);
    return { en: `${w} ${w === 1 ? 'week' : 'weeks'}`, cy: `${w} wythnos` };
  }
  const m = Math.floor(d / DAYS_PER_MONTH);
  return { en: `${m} ${m === 1 ? 'month' : 'months'}`, cy: `${m} ${m === 2 ? 'fis' : 'mis'}` };
}

function welshDays(n: number): string {
  if (n === 2) return 'ddiwrnod';
  if (n === 10 || n === 12) return 'niwrnod';
  return 'diwrnod';
}

/**
 * A non-negative number for a sentence: below 10 to one decimal place (whole numbers without
 * one), from 10 as a whole number.
 *
 * @example formatAmount(1.25) // "1.3"
 * @example formatAmount(192.1) // "192"
 */
export function formatAmount(value: number): string {
  const v = Math.max(0, value);
  if (v >= 10) return formatCount(Math.round(v));
  const rounded = Math.round(v * 10) / 10;
  return Number.isInteger(rounded) ? String(rounded) : rounded.toFixed(1);
}

/**
 * A whole number with commas between thousands, as both English and Welsh write it.
 *
 * @example formatCount(10000) // "10,000"
 */
export function formatCount(n: number): string {
  return String(Math.trunc(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * A count with its noun in Welsh, avoiding the mutations a noun takes after each numeral:
 * one is "1 digwyddiad", any other number uses "o" and the plural, which always takes the soft
 * mutation ("3 o ddigwyddiadau", "2.5 o ddigwyddiadau"). Pass the plural already mutated.
 *
 * @example welshCount(3, 'digwyddiad', 'ddigwyddiadau') // "3 o ddigwyddiadau"
 */
export function welshCount(n: number | string, singular: string, mutatedPlural: string): string {
  return String(n) === '1' ? `1 ${singular}` : `${String(n)} o ${mutatedPlural}`;
}
