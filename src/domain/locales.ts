/**
 * The languages Mosaic can speak. Each has its own interface strings and its own content folder;
 * an organisation chooses which of them it offers.
 */
export const LOCALES = ['en', 'cy'] as const;
export type Locale = (typeof LOCALES)[number];

export interface LocaleInfo {
  /** The language's own name for itself, shown in the language switcher. */
  readonly nativeName: string;
  /** BCP 47 tag for `lang`, `hreflang` and Intl formatting. */
  readonly tag: string;
  readonly dir: 'ltr' | 'rtl';
}

export const LOCALE_INFO: Readonly<Record<Locale, LocaleInfo>> = {
  en: { nativeName: 'English', tag: 'en-GB', dir: 'ltr' },
  cy: { nativeName: 'Cymraeg', tag: 'cy', dir: 'ltr' },
};

export function isLocale(value: string): value is Locale {
  return (LOCALES as readonly string[]).includes(value);
}
