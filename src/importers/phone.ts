/**
 * Phone numbers as sender keys. Exports write one person's number many ways (`+44 7700 900123`,
 * `07700900123`, `0044 7700 900123`, `447700900123`, `+44 (0)7700 900123`); all become
 * `+447700900123`, so the person counts once. Withheld, private and unknown callers all become
 * the one sender `withheld`.
 */
import { WITHHELD_SENDER } from './types.js';

/** Direction marks and invisible formatting characters that exports put around numbers. */
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g;
const SPACES = /[\s\u00A0\u202F]+/g;
/** Separators people and phones put inside numbers. */
const PUNCTUATION = /[\s\u00A0\u202F().\-/]/g;
const PHONE_LIKE = /^\+?\d+$/;

/**
 * What Android, call logs and carriers write for a number that was not shown. Android uses
 * negative numbers (-1 unknown, -2 private, -3 payphone) and empty strings.
 */
const WITHHELD_WORDS = new Set([
  '',
  '-1',
  '-2',
  '-3',
  '-4',
  'withheld',
  'number withheld',
  'private',
  'private number',
  'restricted',
  'unknown',
  'unknown number',
  'unknown caller',
  'anonymous',
  'no caller id',
  'blocked',
  'unavailable',
  'payphone',
  'null',
  '(unknown)',
]);

/** Removes invisible marks and collapses runs of spaces, keeping everything else as written. */
export function cleanText(raw: string): string {
  return raw.replace(INVISIBLE, '').replace(SPACES, ' ').trim();
}

/** True when `raw` is one of the ways exports write a withheld or unknown number. */
export function isWithheldNumber(raw: string): boolean {
  return WITHHELD_WORDS.has(cleanText(raw).toLowerCase());
}

/** True when `raw` is a phone number (digits with an optional + and separators). */
export function looksLikePhoneNumber(raw: string): boolean {
  const compact = cleanText(raw).replace(PUNCTUATION, '');
  return compact.length >= 3 && PHONE_LIKE.test(compact);
}

/** After the country code 44, UK numbers drop their trunk 0 ("+44 (0)7700…"). */
function canonicalInternational(digits: string): string {
  if (digits.startsWith('44')) {
    let i = 2;
    while (i < digits.length && digits.charCodeAt(i) === 48) i++;
    return '44' + digits.slice(i);
  }
  return digits;
}

/**
 * Normalises a phone number field to a sender key. UK numbers (the default country) become
 * E.164 (`+447700900123`); other international numbers keep their country code with `+`;
 * short codes stay as digits; alphanumeric sender ids ("HSBC") stay as written, with spaces
 * collapsed; withheld and unknown numbers become `withheld`. Idempotent.
 *
 * @example
 * normalisePhoneNumber('+44 7700 900123'); // '+447700900123'
 * normalisePhoneNumber('07700900123');     // '+447700900123'
 * normalisePhoneNumber('0044 7700 900123'); // '+447700900123'
 * normalisePhoneNumber('-2');              // 'withheld'
 */
export function normalisePhoneNumber(raw: string): string {
  const text = cleanText(raw);
  if (WITHHELD_WORDS.has(text.toLowerCase())) return WITHHELD_SENDER;
  const compact = text.replace(PUNCTUATION, '');
  if (!PHONE_LIKE.test(compact)) return text;
  if (compact.startsWith('+')) return '+' + canonicalInternational(compact.slice(1));
  if (compact.startsWith('00')) return '+' + canonicalInternational(compact.slice(2));
  // A UK national number: 0 then 9 or 10 digits.
  if (compact.startsWith('0') && (compact.length === 10 || compact.length === 11)) {
    return '+44' + compact.slice(1);
  }
  // A UK number written without its + (some phones store 447700900123).
  if (compact.startsWith('44') && (compact.length === 11 || compact.length === 12)) {
    return '+' + canonicalInternational(compact);
  }
  return compact;
}

/**
 * Normalises a sender that may be a name or a number, as WhatsApp writes unsaved contacts by
 * number and saved ones by name. A name is kept as written (marks removed, spaces collapsed);
 * a number is normalised. Unlike `normalisePhoneNumber`, a name such as "Unknown" stays a name.
 */
export function normaliseSenderName(raw: string): string {
  const text = cleanText(raw);
  return looksLikePhoneNumber(text) ? normalisePhoneNumber(text) : text;
}
