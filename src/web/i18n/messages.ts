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
    /** The private space (the vault): worded so a glance at the screen tells little. */
    vault: 'Private space',
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
    /** Said instead of 'report online' when the force has no online reporting. */
    reportInPerson: 'go to a police station',
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
  directory: {
    heading: 'Support services',
    filterHeading: 'Find the right service',
    audienceLegend: 'Who is it for?',
    areaLegend: 'Where?',
    anyone: 'Anyone',
    everywhere: 'National and local',
    national: 'National',
    local: 'Local',
    show: 'Show services',
    count: 'Showing {n} services.',
    countOne: 'Showing 1 service.',
    none: 'No services match your choice. Choose "Anyone", or call the National Stalking Helpline.',
    phone: 'Phone',
    website: 'Website',
    forWhom: 'For',
    area: 'Area',
    hours: 'Opening hours',
    openNow: 'Open now',
    closedNow: 'Closed now',
    always: 'Open 24 hours, every day',
    dayRange: '{from} to {to}',
    timeRange: '{opens} to {closes}',
    checkedAt: '"Open now" and "Closed now" were worked out at {time}, {zone} time.',
    audiences: {
      everyone: 'Everyone',
      adults: 'Adults',
      'children-and-young-people': 'Children and young people',
      men: 'Men',
      women: 'Women',
      lgbt: 'LGBT+ people',
      'deaf-or-hard-of-hearing': 'Deaf or hard of hearing people',
      practitioners: 'Professionals',
    },
  },
  search: {
    label: 'Search the questions',
    hint: 'For example: can I get an order',
    button: 'Search',
    results: '{n} answers found for "{q}".',
    resultsOne: '1 answer found for "{q}".',
    none: 'No answers found for "{q}". Try other words, or call the National Stalking Helpline.',
    showAll: 'Show all questions',
    tooLong: 'Your search was too long, so we used the first 100 characters.',
  },
  vault: {
    title: 'Private diary',
    loading: 'Opening the private diary…',
    noScript:
      'The private diary needs JavaScript, because it locks and unlocks your diary on this device. Everything else on this site works without it.',
  },
  external: '(opens another website)',
  scrollableTable: 'Table, scrolls sideways',
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
    vault: 'Lle preifat',
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
    reportInPerson: 'ewch i orsaf heddlu',
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
  directory: {
    heading: 'Gwasanaethau cymorth',
    filterHeading: "Dod o hyd i'r gwasanaeth iawn",
    audienceLegend: 'I bwy mae e?',
    areaLegend: 'Ble?',
    anyone: 'Unrhyw un',
    everywhere: 'Cenedlaethol a lleol',
    national: 'Cenedlaethol',
    local: 'Lleol',
    show: 'Dangos gwasanaethau',
    count: 'Yn dangos {n} o wasanaethau.',
    countOne: 'Yn dangos 1 gwasanaeth.',
    none: "Does dim gwasanaethau'n cyfateb i'ch dewis. Dewiswch 'Unrhyw un', neu ffoniwch y Llinell Gymorth Genedlaethol Stelcio.",
    phone: 'Ffôn',
    website: 'Gwefan',
    forWhom: 'Ar gyfer',
    area: 'Ardal',
    hours: 'Oriau agor',
    openNow: 'Ar agor nawr',
    closedNow: 'Ar gau nawr',
    always: 'Ar agor 24 awr, bob dydd',
    dayRange: '{from} i {to}',
    timeRange: '{opens} tan {closes}',
    checkedAt: "Cafodd 'Ar agor nawr' ac 'Ar gau nawr' eu cyfrifo am {time}, amser {zone}.",
    audiences: {
      everyone: 'Pawb',
      adults: 'Oedolion',
      'children-and-young-people': 'Plant a phobl ifanc',
      men: 'Dynion',
      women: 'Menywod',
      lgbt: 'Pobl LHDT+',
      'deaf-or-hard-of-hearing': 'Pobl fyddar neu drwm eu clyw',
      practitioners: 'Gweithwyr proffesiynol',
    },
  },
  search: {
    label: "Chwilio'r cwestiynau",
    hint: 'Er enghraifft: alla i gael gorchymyn',
    button: 'Chwilio',
    results: '{n} ateb wedi eu canfod ar gyfer "{q}".',
    resultsOne: '1 ateb wedi ei ganfod ar gyfer "{q}".',
    none: 'Dim atebion ar gyfer "{q}". Rhowch gynnig ar eiriau eraill, neu ffoniwch y Llinell Gymorth Genedlaethol Stelcio.',
    showAll: 'Dangos pob cwestiwn',
    tooLong: "Roedd eich chwiliad yn rhy hir, felly fe ddefnyddion ni'r 100 nod cyntaf.",
  },
  vault: {
    title: 'Dyddiadur preifat',
    loading: 'Yn agor y dyddiadur preifat…',
    noScript:
      "Mae angen JavaScript ar y dyddiadur preifat, oherwydd mae'n cloi ac yn datgloi eich dyddiadur ar y ddyfais hon. Mae popeth arall ar y wefan hon yn gweithio hebddo.",
  },
  external: '(yn agor gwefan arall)',
  scrollableTable: "Tabl, mae'n sgrolio i'r ochr",
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
