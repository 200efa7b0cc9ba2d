import type { Locale } from './locales.js';

/**
 * Text an organisation writes once for all languages (a plain string) or per language. English
 * is required in the per-language form so that there is always something to fall back to.
 */
export type LocalisedText = string | ({ readonly en: string } & Partial<Record<Locale, string>>);

export function localise(text: LocalisedText, locale: Locale): string {
  if (typeof text === 'string') return text;
  return text[locale] ?? text.en;
}
