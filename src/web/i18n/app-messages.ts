/**
 * The words of the installed app's page (src/web/pages/AppShell.tsx): the few the server writes
 * before the app starts. They say nothing about what the app is, because they show on the
 * screen of a disguised app (see src/domain/disguises.ts). The Welsh table has the English
 * table's type, so a missing string is a compile error.
 */
import type { Locale } from '../../domain/locales.js';

const en = {
  loading: 'Loading…',
  noScript: 'This needs JavaScript. Turn it on in your browser’s settings, then try again.',
};

export type AppPageMessages = typeof en;

const cy: AppPageMessages = {
  loading: 'Wrthi’n llwytho…',
  noScript:
    'Mae angen JavaScript ar gyfer hyn. Trowch ef ymlaen yng ngosodiadau eich porwr, yna rhowch gynnig arall arni.',
};

export const APP_PAGE_MESSAGES: Readonly<Record<Locale, AppPageMessages>> = { en, cy };
