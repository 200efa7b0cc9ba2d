/**
 * Every string of the "Make a report" screen, in English and Welsh. The Welsh table has the
 * English table's type, so a missing or extra string fails the type-check; `{name}` marks a value
 * filled in by `format`. The report itself has its own words (src/report/strings.ts).
 *
 * TRANSLATION REVIEW: the Welsh here was written carefully but not by a fluent speaker. It must
 * be reviewed by one before release, like the rest of the app's Welsh.
 */
import type { AppLocale } from '../shell/messages.js';
import type { ReportFailure } from './worker-protocol.js';

const en = {
  homeLink: 'Make a report to share',
  /** On an incident's screen: a report of that incident alone. */
  makeThis: 'Make a report of this',
  title: 'Make a report',
  lede: 'Make a report of your diary to give to the police, a support worker or a court. You choose what goes in. Nothing is made until you have checked it.',
  loading: 'Opening your diary for the report…',
  loadFailed: 'Your diary could not be opened for the report.',
  retry: 'Try again',
  /** {n}: entries that could not be opened. */
  unreadable: '{n} entries could not be opened. They are left out of the report.',
  which: 'Which incidents',
  all: 'All incidents',
  range: 'Only incidents between two dates',
  /** {date} and {time}: when the incident started. */
  one: 'Only the incident on {date} at {time}',
  from: 'From',
  to: 'To',
  people: 'Only incidents by these people',
  peopleHint: 'Tick nobody to put in incidents by anyone.',
  include: 'What to put in',
  evidence: 'Evidence files, such as photos and screenshots',
  imported: 'Messages you copied into your diary',
  effects: 'How it has changed your daily life',
  risk: 'Your risk check',
  riskHint:
    'Your latest check and how your answers have changed. It helps the police judge the risk with you.',
  witness: 'Witness statements about these incidents',
  witnessHint:
    'What a witness sent you through a witness link, in their own words, if you linked it to an incident.',
  plan: 'Your safety plan',
  planHint:
    'Your safety plan stays out unless you tick this, because it can show where you go and who helps you.',
  contact: 'Your own contact details',
  contactLabel: 'Your contact details',
  contactHint: 'For example, a phone number or email address that is safe to use.',
  subject: 'Your name on the front page',
  subjectHint: 'Write it the way you want to be named. Leave it empty to leave your name off.',
  language: 'Language of the report',
  english: 'English',
  welsh: 'Welsh (Cymraeg)',
  check: 'Check what will be shared',
  errors: {
    fromMissing: 'Enter the first date',
    toMissing: 'Enter the last date',
    backwards: 'The first date must be on or before the last date',
    contactMissing: 'Enter your contact details, or untick them',
    nothing: 'No incidents match these choices. Change the dates or the people.',
  },
  preview: {
    title: 'Check what will be shared',
    lede: 'This is what the report will hold. Read it before you make it.',
    incidents: 'Incidents',
    /** {from} and {to}: dates. */
    period: '{from} to {to}',
    periodLabel: 'Dates',
    peopleLabel: 'People named',
    nobody: 'Nobody',
    exhibitsLabel: 'Evidence files',
    messagesLabel: 'Copied messages',
    effectsLabel: 'Changes to daily life',
    riskLabel: 'Risk check',
    /** {date}: the latest check. */
    riskFrom: 'Your latest check, from {date}',
    planLabel: 'Safety plan',
    planIn: 'Put in',
    witnessLabel: 'Witness statements',
    coverLabel: 'Name on the front page',
    contactLabel: 'Contact details',
    languageLabel: 'Language',
    left: 'Left out',
    none: 'None',
    bundleWarning:
      'The bundle holds each entry in full. Its file entries.json has every part of every entry in the report, and every earlier version, even parts you left out of the PDF (such as feelings or a witness’s address). Only give the bundle to someone you trust with all of it.',
    kind: 'What to make',
    pdfOnly: 'The report only (a PDF)',
    pdfOnlyHint: 'Easy to read, print and send.',
    withBundle: 'The report and an evidence bundle (a ZIP file)',
    withBundleHint:
      'The bundle also holds your original files and the proofs, so anyone can check that nothing was changed.',
    make: 'Make the report',
    change: 'Change my choices',
  },
  making: {
    title: 'Making your report',
    progress: 'Progress',
    receipts: 'Getting the proofs from the server',
    pdf: 'Making the PDF',
    bundle: 'Making the bundle',
    /** {n}: a whole number from 0 to 100. */
    percent: '{n}% done',
    cancel: 'Cancel',
    cancelled: 'You stopped making the report. Nothing was saved.',
  },
  done: {
    title: 'Your report is ready',
    lede: 'Save the files on this device, then share them the way you choose.',
    savePdf: 'Save the PDF',
    saveBundle: 'Save the bundle',
    kept: 'The files are kept only until you leave this page or lock your diary.',
    /** {n}: parts of entries with no receipt yet. */
    noReceipt:
      '{n} parts of your entries have no receipt from the server yet, so the bundle cannot prove when they were written. Try again in a minute for a stronger bundle.',
    again: 'Make another report',
  },
  failed: {
    fonts_unavailable: 'The report could not be made: its letters (font) could not be loaded.',
    checker_unavailable:
      'The bundle could not be made: the checker that goes inside it could not be loaded. Try again, or make the report only.',
    evidence_unavailable:
      'An evidence file could not be opened, so the bundle could not be made. Try the report without evidence files.',
    internal_error: 'Something went wrong while making the report. Try again.',
    worker_failed: 'Your browser stopped making the report. Try again.',
  } satisfies Record<ReportFailure | 'worker_failed', string>,
};

export type ReportMessages = typeof en;

const cy: ReportMessages = {
  homeLink: 'Gwneud adroddiad i’w rannu',
  makeThis: 'Gwneud adroddiad o hwn',
  title: 'Gwneud adroddiad',
  lede: 'Gwnewch adroddiad o’ch dyddiadur i’w roi i’r heddlu, gweithiwr cymorth neu lys. Chi sy’n dewis beth sy’n mynd i mewn. Does dim yn cael ei wneud nes i chi ei wirio.',
  loading: 'Yn agor eich dyddiadur ar gyfer yr adroddiad…',
  loadFailed: 'Doedd dim modd agor eich dyddiadur ar gyfer yr adroddiad.',
  retry: 'Rhoi cynnig arall arni',
  unreadable: 'Doedd dim modd agor {n} cofnod. Maen nhw wedi’u gadael allan o’r adroddiad.',
  which: 'Pa ddigwyddiadau',
  all: 'Pob digwyddiad',
  range: 'Dim ond digwyddiadau rhwng dau ddyddiad',
  one: 'Dim ond y digwyddiad ar {date} am {time}',
  from: 'O',
  to: 'I',
  people: 'Dim ond digwyddiadau gan y bobl hyn',
  peopleHint: 'Peidiwch â thicio neb i gynnwys digwyddiadau gan unrhyw un.',
  include: 'Beth i’w roi i mewn',
  evidence: 'Ffeiliau tystiolaeth, fel lluniau a sgrinluniau',
  imported: 'Negeseuon a gopïoch i’ch dyddiadur',
  effects: 'Sut mae wedi newid eich bywyd bob dydd',
  risk: 'Eich gwiriad risg',
  riskHint:
    "Eich gwiriad diweddaraf a sut mae eich atebion wedi newid. Mae'n helpu'r heddlu i farnu'r risg gyda chi.",
  witness: 'Datganiadau tystion am y digwyddiadau hyn',
  witnessHint:
    'Beth anfonodd tyst atoch chi drwy ddolen tyst, yn eu geiriau eu hunain, os gwnaethoch chi ei gysylltu â digwyddiad.',
  plan: 'Eich cynllun diogelwch',
  planHint:
    "Mae eich cynllun diogelwch yn aros allan oni bai eich bod yn ticio hwn, oherwydd gall ddangos ble rydych chi'n mynd a phwy sy'n eich helpu.",
  contact: 'Eich manylion cyswllt eich hun',
  contactLabel: 'Eich manylion cyswllt',
  contactHint: 'Er enghraifft, rhif ffôn neu gyfeiriad e-bost sy’n ddiogel i’w ddefnyddio.',
  subject: 'Eich enw ar y dudalen flaen',
  subjectHint:
    'Ysgrifennwch ef fel rydych chi eisiau cael eich enwi. Gadewch yn wag i adael eich enw allan.',
  language: 'Iaith yr adroddiad',
  english: 'Saesneg (English)',
  welsh: 'Cymraeg',
  check: 'Gwirio beth fydd yn cael ei rannu',
  errors: {
    fromMissing: 'Rhowch y dyddiad cyntaf',
    toMissing: 'Rhowch y dyddiad olaf',
    backwards: 'Rhaid i’r dyddiad cyntaf fod ar y dyddiad olaf neu cyn hynny',
    contactMissing: 'Rhowch eich manylion cyswllt, neu dad-diciwch nhw',
    nothing:
      'Does dim digwyddiadau’n cyfateb i’r dewisiadau hyn. Newidiwch y dyddiadau neu’r bobl.',
  },
  preview: {
    title: 'Gwirio beth fydd yn cael ei rannu',
    lede: 'Dyma beth fydd yn yr adroddiad. Darllenwch ef cyn i chi ei wneud.',
    incidents: 'Digwyddiadau',
    period: '{from} i {to}',
    periodLabel: 'Dyddiadau',
    peopleLabel: 'Pobl a enwir',
    nobody: 'Neb',
    exhibitsLabel: 'Ffeiliau tystiolaeth',
    messagesLabel: 'Negeseuon wedi’u copïo',
    effectsLabel: 'Newidiadau i fywyd bob dydd',
    riskLabel: 'Gwiriad risg',
    riskFrom: 'Eich gwiriad diweddaraf, o {date}',
    planLabel: 'Cynllun diogelwch',
    planIn: 'Wedi ei gynnwys',
    witnessLabel: 'Datganiadau tystion',
    coverLabel: 'Enw ar y dudalen flaen',
    contactLabel: 'Manylion cyswllt',
    languageLabel: 'Iaith',
    left: 'Wedi’u gadael allan',
    none: 'Dim',
    bundleWarning:
      'Mae’r bwndel yn cadw pob cofnod yn llawn. Mae ei ffeil entries.json yn cynnwys pob rhan o bob cofnod yn yr adroddiad, a phob fersiwn gynharach, hyd yn oed rhannau a adawoch allan o’r PDF (fel teimladau neu gyfeiriad tyst). Rhowch y bwndel dim ond i rywun rydych chi’n ymddiried ynddo gyda’r cyfan.',
    kind: 'Beth i’w wneud',
    pdfOnly: 'Yr adroddiad yn unig (PDF)',
    pdfOnlyHint: 'Hawdd ei ddarllen, ei argraffu a’i anfon.',
    withBundle: 'Yr adroddiad a bwndel tystiolaeth (ffeil ZIP)',
    withBundleHint:
      'Mae’r bwndel hefyd yn cadw eich ffeiliau gwreiddiol a’r profion, fel bod unrhyw un yn gallu gwirio nad oes dim wedi newid.',
    make: 'Gwneud yr adroddiad',
    change: 'Newid fy newisiadau',
  },
  making: {
    title: 'Yn gwneud eich adroddiad',
    progress: 'Cynnydd',
    receipts: 'Yn cael y profion gan y gweinydd',
    pdf: 'Yn gwneud y PDF',
    bundle: 'Yn gwneud y bwndel',
    percent: '{n}% wedi’i wneud',
    cancel: 'Canslo',
    cancelled: 'Fe wnaethoch chi stopio gwneud yr adroddiad. Chafodd dim ei gadw.',
  },
  done: {
    title: 'Mae eich adroddiad yn barod',
    lede: 'Cadwch y ffeiliau ar y ddyfais hon, yna rhannwch nhw yn y ffordd rydych chi’n ei dewis.',
    savePdf: 'Cadw’r PDF',
    saveBundle: 'Cadw’r bwndel',
    kept: 'Dim ond nes i chi adael y dudalen hon neu gloi eich dyddiadur y mae’r ffeiliau’n cael eu cadw.',
    noReceipt:
      'Does gan {n} rhan o’ch cofnodion ddim derbynneb gan y gweinydd eto, felly all y bwndel ddim profi pryd cawson nhw eu hysgrifennu. Rhowch gynnig arall arni ymhen munud i gael bwndel cryfach.',
    again: 'Gwneud adroddiad arall',
  },
  failed: {
    fonts_unavailable:
      'Doedd dim modd gwneud yr adroddiad: doedd dim modd llwytho ei lythrennau (ffont).',
    checker_unavailable:
      'Doedd dim modd gwneud y bwndel: doedd dim modd llwytho’r gwiriwr sy’n mynd y tu mewn iddo. Rhowch gynnig arall arni, neu gwnewch yr adroddiad yn unig.',
    evidence_unavailable:
      'Doedd dim modd agor ffeil dystiolaeth, felly doedd dim modd gwneud y bwndel. Rhowch gynnig ar yr adroddiad heb ffeiliau tystiolaeth.',
    internal_error: 'Aeth rhywbeth o’i le wrth wneud yr adroddiad. Rhowch gynnig arall arni.',
    worker_failed: 'Fe wnaeth eich porwr stopio gwneud yr adroddiad. Rhowch gynnig arall arni.',
  },
};

export const REPORT_MESSAGES: Readonly<Record<AppLocale, ReportMessages>> = { en, cy };
