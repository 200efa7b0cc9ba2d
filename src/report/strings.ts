/**
 * Every sentence the report and the bundle say, in English and Welsh. Plain words for a reading
 * age of 9 to 11; no legal conclusions (the police and the courts decide what the facts amount to).
 *
 * Welsh counts follow `welshCount` from the diary domain: "1 digwyddiad", "3 o ddigwyddiadau".
 */
import { welshCount } from '../domain/diary/text.js';
import type { Locale } from '../domain/locales.js';

export interface ReportStrings {
  readonly reportTitle: string;
  readonly about: string;
  readonly contact: string;
  readonly period: string;
  readonly allDates: string;
  readonly madeOn: string;
  readonly madeWith: string;
  readonly howToCheck: string;
  readonly howToCheckText: string;
  readonly logKey: string;
  readonly verifier: string;
  readonly pageOf: (n: number, m: number) => string;
  readonly summary: string;
  readonly incidents: (n: number) => string;
  readonly incidentsLabel: string;
  readonly firstLast: string;
  readonly first: string;
  readonly last: string;
  readonly behaviours: string;
  readonly channels: string;
  readonly peopleInvolved: string;
  readonly weekly: string;
  readonly weeklyHint: string;
  readonly weekOf: string;
  readonly monthly: string;
  readonly monthlyHint: string;
  readonly timeOfDay: string;
  readonly timeOfDayHint: string;
  readonly count: string;
  readonly noneRecorded: string;
  readonly conduct: (c: ConductWords) => string;
  readonly effects: string;
  readonly effectsHint: string;
  readonly since: string;
  readonly log: string;
  readonly logHint: string;
  readonly when: string;
  readonly approximate: string;
  readonly until: string;
  readonly where: string;
  readonly what: string;
  readonly how: string;
  readonly whoDidIt: string;
  readonly witnesses: string;
  readonly police: string;
  readonly reference: string;
  readonly officer: string;
  readonly reportedOn: string;
  readonly exhibits: string;
  readonly feelings: string;
  readonly changes: string;
  readonly receipt: string;
  readonly receiptText: (receivedAt: string, index: number) => string;
  readonly noReceipt: string;
  readonly edited: (revisions: number, firstSaved: string) => string;
  readonly notEdited: (firstSaved: string) => string;
  readonly importedCount: (n: number) => string;
  readonly people: string;
  readonly responsible: string;
  readonly witnessesTitle: string;
  readonly relationship: string;
  readonly description: string;
  readonly vehicles: string;
  readonly phones: string;
  readonly emails: string;
  readonly accounts: string;
  readonly address: string;
  readonly exhibitsHint: string;
  readonly exhibitRef: string;
  readonly fileName: string;
  readonly captured: string;
  readonly size: string;
  readonly messages: string;
  readonly messagesHint: string;
  readonly conversation: string;
  readonly noText: string;
  readonly directions: Readonly<Record<string, string>>;
  readonly call: (seconds: number | undefined) => string;
  readonly unknownPerson: string;
  readonly risk: {
    readonly title: string;
    readonly guide: string;
    readonly urgentTitle: string;
    readonly urgent: string;
    readonly checkedOn: string;
    readonly warningsTitle: string;
    readonly noWarnings: string;
    readonly answersTitle: string;
    readonly answers: Readonly<Record<'yes' | 'no' | 'not-sure', string>>;
    readonly noAnswer: string;
    readonly warningSign: string;
    readonly note: string;
    readonly lastHappened: string;
    readonly historyTitle: string;
    readonly historyHint: string;
    readonly warningCount: (n: number) => string;
    readonly firstCheck: string;
    readonly noChanges: string;
    readonly change: (question: string, before: string, after: string) => string;
  };
  readonly plan: {
    readonly title: string;
    readonly hint: string;
    readonly done: string;
    readonly toDo: string;
  };
  /** Witness statements (docs/vault-protocol.md §15): the witness's own words, never edited. */
  readonly witness: {
    readonly title: string;
    readonly hint: string;
    /** "Witness statement W1". */
    readonly statement: (ref: string) => string;
    readonly aboutIncidents: string;
    readonly received: string;
    readonly when: string;
    readonly where: string;
    readonly saw: string;
    readonly said: string;
    readonly howKnown: string;
    /** The files the witness sent, by exhibit reference. */
    readonly files: string;
    readonly name: string;
    readonly contact: string;
    readonly notGiven: string;
    readonly declaration: (date: string) => string;
    /** The sealed statement's own receipt (when it arrived at the server). */
    readonly arrivalReceipt: string;
    /** In the log: which statements are about this incident. */
    readonly inLog: string;
  };
}

/** The facts the neutral course-of-conduct sentence is built from. */
export interface ConductWords {
  readonly incidents: number;
  /** People recorded as having done something across the included incidents. */
  readonly people: number;
  readonly weeks: number;
  readonly trend?: {
    readonly direction: 'rising' | 'falling' | 'steady';
    /** Incidents a week, already written as numbers ("0.5", "6"). */
    readonly from: string;
    readonly to: string;
  };
}

const en: ReportStrings = {
  reportTitle: 'Record of incidents',
  about: 'This record was kept by',
  contact: 'How to contact them',
  period: 'Dates covered',
  allDates: 'All dates',
  madeOn: 'Made on',
  madeWith: 'Made with',
  howToCheck: 'How to check this record',
  howToCheckText:
    'Each entry was locked with a code when it was written. The server gave back a signed receipt. ' +
    'Anyone can check the receipts with the evidence bundle and the checker, without asking us.',
  logKey: 'Receipt log key',
  verifier: 'Checker',
  pageOf: (n, m) => `Page ${String(n)} of ${String(m)}`,
  summary: 'Summary',
  incidents: (n) => `${String(n)} ${n === 1 ? 'incident' : 'incidents'}`,
  incidentsLabel: 'Incidents',
  firstLast: 'First and last',
  first: 'First',
  last: 'Last',
  behaviours: 'What they did',
  channels: 'How it happened',
  peopleInvolved: 'People who did it',
  weekly: 'Incidents each week',
  weeklyHint: 'Each bar is one week, starting on a Monday. The number is how many incidents.',
  weekOf: 'Week of',
  monthly: 'Incidents each month',
  monthlyHint: 'Each bar is one month. The number is how many incidents.',
  timeOfDay: 'Time of day',
  timeOfDayHint: 'How many incidents started in each part of the day.',
  count: 'Number',
  noneRecorded: 'None recorded',
  conduct: (c) => {
    const who =
      c.people === 0
        ? ''
        : c.people === 1
          ? ' by the same person'
          : ` by ${String(c.people)} people`;
    const span = `${String(c.weeks)} ${c.weeks === 1 ? 'week' : 'weeks'}`;
    let trend = '';
    if (c.trend?.direction === 'rising') {
      trend = `, rising from ${c.trend.from} to ${c.trend.to} a week`;
    } else if (c.trend?.direction === 'falling') {
      trend = `, falling from ${c.trend.from} to ${c.trend.to} a week`;
    } else if (c.trend?.direction === 'steady') {
      trend = `, about ${c.trend.to} a week`;
    }
    return `${en.incidents(c.incidents)}${who} over ${span}${trend}.`;
  },
  effects: 'Effects on daily life',
  effectsHint: 'What the person has changed or stopped doing because of this, with dates.',
  since: 'Since',
  log: 'Log of incidents',
  logHint: 'In time order. Each incident has a number.',
  when: 'When',
  approximate: 'time is approximate',
  until: 'until',
  where: 'Where',
  what: 'What happened',
  how: 'How',
  whoDidIt: 'Who did it',
  witnesses: 'Witnesses',
  police: 'Police',
  reference: 'reference',
  officer: 'officer',
  reportedOn: 'reported on',
  exhibits: 'Exhibits',
  feelings: 'How it made them feel',
  changes: 'What they changed',
  receipt: 'Receipt',
  receiptText: (at, index) => `received: ${at}; log entry ${String(index)}`,
  noReceipt: 'no receipt',
  edited: (revisions, first) =>
    `First written ${first}. Edited after it was first written (${String(revisions)} versions, all kept in the bundle).`,
  notEdited: (first) => `Written ${first}. Not edited since.`,
  importedCount: (n) =>
    `${String(n)} ${n === 1 ? 'message or call' : 'messages or calls'} copied from a phone or app export (see the appendix).`,
  people: 'People',
  responsible: 'People who did it',
  witnessesTitle: 'Witnesses',
  relationship: 'How they are known',
  description: 'Description',
  vehicles: 'Vehicles',
  phones: 'Phone numbers',
  emails: 'Email addresses',
  accounts: 'Online accounts',
  address: 'Address',
  exhibitsHint:
    'Each file is in the evidence bundle exactly as it was saved. The SHA-256 code changes if even one byte of the file changes.',
  exhibitRef: 'Exhibit',
  fileName: 'File name',
  captured: 'Taken or saved',
  size: 'Size',
  messages: 'Appendix: copied messages',
  messagesHint: 'Messages and calls copied from phone or app exports, grouped by conversation.',
  conversation: 'Conversation',
  noText: '(no text)',
  directions: {
    incoming: 'received',
    outgoing: 'sent',
    missed: 'missed call',
    rejected: 'call turned down',
    voicemail: 'voicemail',
    blocked: 'blocked',
    unknown: '',
  },
  call: (s) => (s === undefined ? 'Call' : `Call, ${String(s)} seconds`),
  unknownPerson: 'Unknown person',
  risk: {
    title: 'Risk check',
    guide:
      'The person answered these questions themselves in Mosaic. This is a guide, not an assessment by the police or a professional. Please talk through the risk with them.',
    urgentTitle: 'If anyone is in danger now, call 999',
    urgent:
      'The answers include serious warning signs. If you are in danger now, call 999. If you cannot speak on a mobile, stay on the line and press 55 when asked.',
    checkedOn: 'Latest check',
    warningsTitle: 'Warning signs in the answers',
    noWarnings:
      'None of the answers is a warning sign on this list. That does not mean the person is safe.',
    answersTitle: 'All the answers in the latest check',
    answers: { yes: 'Yes', no: 'No', 'not-sure': 'Not sure' },
    noAnswer: 'No answer',
    warningSign: 'warning sign',
    note: 'Their note',
    lastHappened: 'Last happened',
    historyTitle: 'How the answers changed over time',
    historyHint: 'Each check, oldest first, with what changed since the check before it.',
    warningCount: (n) => `${String(n)} ${n === 1 ? 'warning sign' : 'warning signs'}`,
    firstCheck: 'First check.',
    noChanges: 'The same answers as the check before.',
    change: (q, before, after) => `${q} Was: ${before}. Now: ${after}.`,
  },
  plan: {
    title: 'Safety plan',
    hint: 'What the person plans to do to stay safe, in their own words. The person chose to include it.',
    done: 'Done',
    toDo: 'Not done yet',
  },
  witness: {
    title: 'Witness statements',
    hint: 'Each statement is in the witness’s own words, exactly as they sent it. They wrote it on their own phone or computer through a link the person sent them. The person cannot change it.',
    statement: (ref) => `Witness statement ${ref}`,
    aboutIncidents: 'About incidents',
    received: 'Received',
    when: 'When it happened',
    where: 'Where',
    saw: 'What they saw or heard',
    said: 'What was said to them',
    howKnown: 'How they know the person responsible',
    files: 'Files they sent (exhibits)',
    name: 'Their name',
    contact: 'How to reach them',
    notGiven: 'Not given',
    declaration: (date) =>
      `The witness declared that this is true to the best of their knowledge, on ${date}.`,
    arrivalReceipt: 'Receipt for the statement as it arrived',
    inLog: 'Witness statements',
  },
};

const cy: ReportStrings = {
  reportTitle: 'Cofnod o ddigwyddiadau',
  about: 'Cafodd y cofnod hwn ei gadw gan',
  contact: 'Sut i gysylltu â nhw',
  period: "Y dyddiadau sy'n cael eu cynnwys",
  allDates: 'Pob dyddiad',
  madeOn: 'Wedi ei wneud ar',
  madeWith: 'Wedi ei wneud gyda',
  howToCheck: "Sut i wirio'r cofnod hwn",
  howToCheckText:
    "Cafodd pob cofnod ei gloi â chod pan gafodd ei ysgrifennu. Rhoddodd y gweinydd dderbynneb wedi'i llofnodi. " +
    "Gall unrhyw un wirio'r derbynebau gyda'r bwndel tystiolaeth a'r gwiriwr, heb ofyn i ni.",
  logKey: 'Allwedd y log derbynebau',
  verifier: 'Gwiriwr',
  pageOf: (n, m) => `Tudalen ${String(n)} o ${String(m)}`,
  summary: 'Crynodeb',
  incidents: (n) => welshCount(n, 'digwyddiad', 'ddigwyddiadau'),
  incidentsLabel: 'Digwyddiadau',
  firstLast: 'Y cyntaf a’r olaf',
  first: 'Y cyntaf',
  last: 'Yr olaf',
  behaviours: 'Beth wnaethon nhw',
  channels: 'Sut y digwyddodd',
  peopleInvolved: 'Pwy wnaeth hyn',
  weekly: 'Digwyddiadau bob wythnos',
  weeklyHint:
    'Mae pob bar yn un wythnos, yn dechrau ar ddydd Llun. Y rhif yw faint o ddigwyddiadau.',
  weekOf: 'Wythnos',
  monthly: 'Digwyddiadau bob mis',
  monthlyHint: 'Mae pob bar yn un mis. Y rhif yw faint o ddigwyddiadau.',
  timeOfDay: 'Adeg o’r dydd',
  timeOfDayHint: 'Faint o ddigwyddiadau ddechreuodd ym mhob rhan o’r dydd.',
  count: 'Nifer',
  noneRecorded: 'Dim wedi ei gofnodi',
  conduct: (c) => {
    const who =
      c.people === 0
        ? ''
        : c.people === 1
          ? ' gan yr un person'
          : ` gan ${welshCount(c.people, 'person', 'bobl')}`;
    const span = `${String(c.weeks)} wythnos`;
    let trend = '';
    if (c.trend?.direction === 'rising') {
      trend = `, gan godi o ${c.trend.from} i ${c.trend.to} yr wythnos`;
    } else if (c.trend?.direction === 'falling') {
      trend = `, gan ostwng o ${c.trend.from} i ${c.trend.to} yr wythnos`;
    } else if (c.trend?.direction === 'steady') {
      trend = `, tua ${c.trend.to} yr wythnos`;
    }
    return `${cy.incidents(c.incidents)}${who} dros ${span}${trend}.`;
  },
  effects: 'Effaith ar fywyd bob dydd',
  effectsHint:
    "Beth mae'r person wedi ei newid neu wedi stopio ei wneud oherwydd hyn, gyda dyddiadau.",
  since: 'Ers',
  log: 'Log o ddigwyddiadau',
  logHint: 'Yn nhrefn amser. Mae gan bob digwyddiad rif.',
  when: 'Pryd',
  approximate: 'amser bras',
  until: 'tan',
  where: 'Ble',
  what: 'Beth ddigwyddodd',
  how: 'Sut',
  whoDidIt: 'Pwy wnaeth hyn',
  witnesses: 'Tystion',
  police: 'Heddlu',
  reference: 'cyfeirnod',
  officer: 'swyddog',
  reportedOn: 'rhoi gwybod ar',
  exhibits: 'Arddangosion',
  feelings: 'Sut wnaeth iddyn nhw deimlo',
  changes: 'Beth wnaethon nhw ei newid',
  receipt: 'Derbynneb',
  receiptText: (at, index) => `wedi ei dderbyn: ${at}; cofnod ${String(index)} yn y log`,
  noReceipt: 'dim derbynneb',
  edited: (revisions, first) =>
    `Wedi ei ysgrifennu gyntaf ${first}. Wedi ei olygu wedyn (${String(revisions)} fersiwn, pob un yn y bwndel).`,
  notEdited: (first) => `Wedi ei ysgrifennu ${first}. Heb ei olygu ers hynny.`,
  importedCount: (n) =>
    `${welshCount(n, 'neges neu alwad', 'negeseuon neu alwadau')} wedi eu copïo o ffôn neu ap (gweler yr atodiad).`,
  people: 'Pobl',
  responsible: 'Pwy wnaeth hyn',
  witnessesTitle: 'Tystion',
  relationship: 'Sut maen nhw’n cael eu hadnabod',
  description: 'Disgrifiad',
  vehicles: 'Cerbydau',
  phones: 'Rhifau ffôn',
  emails: 'Cyfeiriadau e-bost',
  accounts: 'Cyfrifon ar-lein',
  address: 'Cyfeiriad',
  exhibitsHint:
    "Mae pob ffeil yn y bwndel tystiolaeth yn union fel y cafodd ei chadw. Mae'r cod SHA-256 yn newid os bydd hyd yn oed un beit o'r ffeil yn newid.",
  exhibitRef: 'Arddangosyn',
  fileName: 'Enw’r ffeil',
  captured: 'Dyddiad tynnu neu gadw',
  size: 'Maint',
  messages: 'Atodiad: negeseuon wedi eu copïo',
  messagesHint: 'Negeseuon a galwadau wedi eu copïo o ffôn neu ap, wedi eu grwpio fesul sgwrs.',
  conversation: 'Sgwrs',
  noText: '(dim testun)',
  directions: {
    incoming: 'wedi ei derbyn',
    outgoing: 'wedi ei hanfon',
    missed: 'galwad wedi ei methu',
    rejected: 'galwad wedi ei gwrthod',
    voicemail: 'neges llais',
    blocked: 'wedi ei rhwystro',
    unknown: '',
  },
  call: (s) => (s === undefined ? 'Galwad' : `Galwad, ${String(s)} eiliad`),
  unknownPerson: 'Person anhysbys',
  risk: {
    title: 'Gwiriad risg',
    guide:
      'Atebodd y person y cwestiynau hyn eu hunain yn Mosaic. Canllaw yw hwn, nid asesiad gan yr heddlu neu weithiwr proffesiynol. Siaradwch am y risg gyda nhw.',
    urgentTitle: 'Os oes unrhyw un mewn perygl nawr, ffoniwch 999',
    urgent:
      "Mae'r atebion yn cynnwys arwyddion rhybudd difrifol. Os ydych chi mewn perygl nawr, ffoniwch 999. Os na allwch chi siarad ar ffôn symudol, arhoswch ar y lein a phwyswch 55 pan fydd rhywun yn gofyn.",
    checkedOn: 'Y gwiriad diweddaraf',
    warningsTitle: 'Arwyddion rhybudd yn yr atebion',
    noWarnings:
      "Does dim un o'r atebion yn arwydd rhybudd ar y rhestr hon. Dydy hynny ddim yn golygu bod y person yn ddiogel.",
    answersTitle: 'Yr holl atebion yn y gwiriad diweddaraf',
    answers: { yes: 'Ie', no: 'Na', 'not-sure': 'Ddim yn siŵr' },
    noAnswer: 'Dim ateb',
    warningSign: 'arwydd rhybudd',
    note: 'Eu nodyn',
    lastHappened: 'Y tro diwethaf',
    historyTitle: 'Sut newidiodd yr atebion dros amser',
    historyHint: 'Pob gwiriad, yr hynaf yn gyntaf, gyda beth newidiodd ers y gwiriad cynt.',
    warningCount: (n) => welshCount(n, 'arwydd rhybudd', 'arwyddion rhybudd'),
    firstCheck: 'Y gwiriad cyntaf.',
    noChanges: "Yr un atebion â'r gwiriad cynt.",
    change: (q, before, after) => `${q} Cynt: ${before}. Nawr: ${after}.`,
  },
  plan: {
    title: 'Cynllun diogelwch',
    hint: "Beth mae'r person yn bwriadu ei wneud i gadw'n ddiogel, yn eu geiriau eu hunain. Dewisodd y person ei gynnwys.",
    done: 'Wedi ei wneud',
    toDo: 'Heb ei wneud eto',
  },
  witness: {
    title: 'Datganiadau tystion',
    hint: "Mae pob datganiad yng ngeiriau'r tyst ei hun, yn union fel y gwnaeth ei anfon. Ysgrifennodd y tyst ef ar ei ffôn neu gyfrifiadur ei hun drwy ddolen a anfonodd y person ato. All y person ddim ei newid.",
    statement: (ref) => `Datganiad tyst ${ref}`,
    aboutIncidents: 'Am ddigwyddiadau',
    received: 'Wedi ei dderbyn',
    when: 'Pryd digwyddodd',
    where: 'Ble',
    saw: 'Beth welodd neu glywodd y tyst',
    said: 'Beth gafodd ei ddweud wrth y tyst',
    howKnown: "Sut mae'r tyst yn adnabod y person a wnaeth hyn",
    files: 'Ffeiliau a anfonwyd gan y tyst (arddangosion)',
    name: 'Enw',
    contact: 'Sut i gysylltu â nhw',
    notGiven: 'Heb ei roi',
    declaration: (date) => `Datganodd y tyst fod hyn yn wir hyd eithaf eu gwybodaeth, ar ${date}.`,
    arrivalReceipt: 'Derbynneb am y datganiad fel y cyrhaeddodd',
    inLog: 'Datganiadau tystion',
  },
};

export const REPORT_STRINGS: Readonly<Record<Locale, ReportStrings>> = { en, cy };

/** The names of the time-of-day bands (3 hours each), as printed under the chart. */
export function timeBandLabel(band: number): string {
  const from = String(band * 3).padStart(2, '0');
  const to = String(band * 3 + 3).padStart(2, '0');
  return `${from}–${to}`;
}
