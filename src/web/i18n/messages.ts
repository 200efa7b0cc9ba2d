/**
 * Every interface string, in every locale. The Welsh table has the English table's type, so a
 * missing or extra string is a compile error: a page can never show a key or fall back silently.
 */
import type { Locale } from '../../domain/locales.js';

const en = {
  skipLink: 'Skip to main content',
  quickExit: {
    button: 'Exit this page',
    help: 'How quick exit works',
    /** Announced to screen readers after each Shift press; {n} is the presses left. */
    pressesLeft: 'Shift, press {n} more times to exit.',
    pressesLeftOne: 'Shift, press 1 more time to exit.',
    expired: 'Exit this page expired.',
    leaving: 'Loading.',
  },
  nav: {
    label: 'Main',
    home: 'Home',
  },
  language: {
    label: 'Language',
  },
  footer: {
    emergencyHeading: 'If you are in danger now',
    emergency: 'Call {phone}.',
    silentSolution: 'If you cannot speak on a mobile, stay on the line and press 55 when asked.',
    nonEmergency: 'Not an emergency? Call {phone} or report online to {force}.',
    nonEmergencyNoOnline: 'Not an emergency? Call {phone} to reach {force}.',
    reportOnline: 'report online',
    helplineHeading: 'Talk to someone',
    links: 'Support links',
    noTracking: 'This site sets no cookies and does not track you.',
    runBy: 'This service is run by {org}.',
  },
  home: {
    allPages: 'Everything on this site',
  },
  errors: {
    notFoundTitle: 'Page not found',
    notFoundBody: 'We could not find that page. Check the address, or go to the home page.',
    serverErrorTitle: 'Sorry, something went wrong',
    serverErrorBody: 'The page could not be shown. Please try again in a few minutes.',
    tooManyTitle: 'Too many requests',
    tooManyBody: 'Please wait a minute and try again.',
    homeLink: 'Go to the home page',
  },
  external: '(opens another website)',
  translationReview: 'This translation is waiting to be checked by a fluent speaker.',
};

export type Messages = typeof en;

const cy: Messages = {
  skipLink: "Neidio i'r prif gynnwys",
  quickExit: {
    button: 'Gadael y dudalen hon',
    help: 'Sut mae gadael yn gyflym yn gweithio',
    pressesLeft: 'Shift, pwyswch {n} gwaith eto i adael.',
    pressesLeftOne: 'Shift, pwyswch 1 waith eto i adael.',
    expired: "Mae 'Gadael y dudalen hon' wedi dod i ben.",
    leaving: 'Yn llwytho.',
  },
  nav: {
    label: 'Prif',
    home: 'Hafan',
  },
  language: {
    label: 'Iaith',
  },
  footer: {
    emergencyHeading: 'Os ydych chi mewn perygl nawr',
    emergency: 'Ffoniwch {phone}.',
    silentSolution:
      'Os na allwch siarad ar ffôn symudol, arhoswch ar y lein a phwyso 55 pan ofynnir i chi.',
    nonEmergency: 'Ddim yn argyfwng? Ffoniwch {phone} neu rhowch wybod ar-lein i {force}.',
    nonEmergencyNoOnline: 'Ddim yn argyfwng? Ffoniwch {phone} i gysylltu â {force}.',
    reportOnline: 'rhowch wybod ar-lein',
    helplineHeading: 'Siarad â rhywun',
    links: 'Dolenni cymorth',
    noTracking: "Nid yw'r wefan hon yn gosod cwcis nac yn eich tracio.",
    runBy: "Mae'r gwasanaeth hwn yn cael ei redeg gan {org}.",
  },
  home: {
    allPages: 'Popeth ar y wefan hon',
  },
  errors: {
    notFoundTitle: "Heb ddod o hyd i'r dudalen",
    notFoundBody:
      "Doedden ni ddim yn gallu dod o hyd i'r dudalen honno. Gwiriwch y cyfeiriad, neu ewch i'r hafan.",
    serverErrorTitle: "Mae'n ddrwg gennym, aeth rhywbeth o'i le",
    serverErrorBody:
      'Doedd dim modd dangos y dudalen. Rhowch gynnig arall arni ymhen ychydig funudau.',
    tooManyTitle: 'Gormod o geisiadau',
    tooManyBody: 'Arhoswch funud a rhowch gynnig arall arni.',
    homeLink: "Mynd i'r hafan",
  },
  external: '(yn agor gwefan arall)',
  translationReview: "Mae'r cyfieithiad hwn yn aros i gael ei wirio gan siaradwr rhugl.",
};

export const MESSAGES: Readonly<Record<Locale, Messages>> = { en, cy };

/** Fills `{name}` slots: format('Call {phone}.', { phone: '999' }) → 'Call 999.' */
export function format(
  template: string,
  values: Readonly<Record<string, string | number>>,
): string {
  return template.replace(/\{(\w+)\}/g, (slot, name: string) =>
    name in values ? String(values[name]) : slot,
  );
}
