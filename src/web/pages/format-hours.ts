/**
 * Opening hours in the reader's language: "Monday to Friday, 09:00 to 17:00". Day and list words
 * come from Intl, so each locale gets its own grammar for "Monday, Wednesday and Friday".
 */
import { LOCALE_INFO, type Locale } from '../../domain/locales.js';
import { WEEKDAYS, type OpeningHours, type Weekday } from '../../domain/opening-hours.js';
import { format, MESSAGES } from '../i18n/messages.js';

// 5 January 2026 is a Monday: WEEKDAYS[i] falls on the (5 + i)th.
const dayName = (day: Weekday, locale: Locale): string =>
  new Intl.DateTimeFormat(LOCALE_INFO[locale].tag, { weekday: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(2026, 0, 5 + WEEKDAYS.indexOf(day))),
  );

export function formatDays(days: readonly Weekday[], locale: Locale): string {
  const t = MESSAGES[locale].directory;
  const sorted = [...new Set(days)].sort((a, b) => WEEKDAYS.indexOf(a) - WEEKDAYS.indexOf(b));
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  const consecutive =
    first !== undefined &&
    last !== undefined &&
    sorted.length >= 3 &&
    WEEKDAYS.indexOf(last) - WEEKDAYS.indexOf(first) === sorted.length - 1;
  if (consecutive) {
    // Welsh "i" (to) softens what follows: dydd Llun i ddydd Gwener.
    const to =
      locale === 'cy' ? dayName(last, locale).replace(/^Dydd /, 'ddydd ') : dayName(last, locale);
    return format(t.dayRange, { from: dayName(first, locale), to });
  }
  return new Intl.ListFormat(LOCALE_INFO[locale].tag, { type: 'conjunction' }).format(
    sorted.map((d) => dayName(d, locale)),
  );
}

export function formatHours(hours: OpeningHours, locale: Locale): string[] {
  const t = MESSAGES[locale].directory;
  if (hours === 'always') return [t.always];
  return hours.map(
    (s) =>
      `${formatDays(s.days, locale)}, ${format(t.timeRange, { opens: s.opens, closes: s.closes })}`,
  );
}
