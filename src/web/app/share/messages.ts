/**
 * Every string of the "Share with someone" screens (the owner's side), in English and Welsh.
 * The Welsh table has the English table's type, so a missing or extra string fails the
 * type-check; `{name}` marks a value filled in by `format`.
 *
 * TRANSLATION REVIEW: the Welsh here was written carefully but not by a fluent speaker. It must
 * be reviewed by one before release, like the rest of the app's Welsh.
 */
import type { AppLocale } from '../shell/messages.js';

const en = {
  homeLink: 'Share with someone',
  title: 'Share with someone',
  lede: 'Let a police officer or a support worker see part of your diary. They get a link and a passcode. They cannot change anything.',
  loading: 'Opening your diary…',
  loadFailed: 'Your diary could not be opened.',
  retry: 'Try again',
  newShare: 'Share something new',
  listTitle: 'What you have shared',
  listEmpty: 'You have not shared anything yet.',
  which: 'Which incidents',
  all: 'All incidents',
  range: 'Only incidents between two dates',
  from: 'From',
  to: 'To',
  people: 'Only incidents by these people',
  peopleHint: 'Tick nobody to share incidents by anyone.',
  evidence: 'Share evidence files too, such as photos and screenshots',
  risk: 'Share your latest risk check too',
  witness: 'Share what witnesses wrote about these incidents, exactly as they wrote it',
  label: 'Who it is for',
  labelHint: 'For example, PC Jones, case ref 12/345. Only you can see this.',
  days: 'How many days they can open it for',
  daysHint: 'Most people choose 30 days. It can be up to 365 days.',
  mode: 'What they see',
  snapshot: 'Only what is in your diary now',
  snapshotHint: 'They see it just as it is today. This is the usual choice for the police.',
  live: 'Keep it up to date',
  create: 'Make the link',
  creating: 'Making the link…',
  errors: {
    fromMissing: 'Enter the first date',
    toMissing: 'Enter the last date',
    backwards: 'The first date must be before the last date',
    labelMissing: 'Enter who it is for',
    labelLong: 'Who it is for must be 200 letters or fewer',
    daysBad: 'Enter a number of days from 1 to 365',
    nothing: 'No incidents match these choices. Change them to share something.',
  },
  done: {
    title: 'Your link is ready',
    lede: 'They need both the link and the passcode to open it.',
    link: 'Link',
    passcode: 'Passcode',
    qrLabel: 'The link as a QR code',
    qrHint: 'They can scan this code with a phone camera to open the link.',
    warning:
      'Send the passcode a different way from the link. For example, send the link by email and say the passcode on the phone or in a text. Never send them together.',
    once: 'You will not see this passcode again. If it is lost, make a new link.',
    back: 'See what you have shared',
  },
  /** Before deleting something that is in a share the person made (the delete screens). */
  inShare: {
    /** {label}: whom the share is for; {until}: when it ends. */
    snapshot:
      'This is in what you shared with {label} (until {until}). If you delete it, they will not be able to open that share any more. You can make a new share afterwards.',
    /** {label}: whom the share is for; {until}: when it ends. */
    live: 'This is in what you share with {label}, kept up to date (until {until}). If you delete it, it is taken out of that share first.',
    unknown: 'a share you cannot open',
  },
  item: {
    forWhom: 'For',
    what: 'What',
    /** {incidents}: how many incidents; {files}: evidence files. */
    counts: 'Incidents: {incidents}. Evidence files: {files}.',
    hidden: 'Not shown, as this share has ended',
    until: 'Until',
    state: 'State',
    kind: 'Kind',
    opens: 'Opened',
    neverOpened: 'Not opened yet',
    /** {when}: date and time; {device}: e.g. Firefox on Windows. */
    openedAt: '{when}, {device}',
    failed: 'Wrong passcodes',
    /** {n}: how many; {when}: the last one. */
    failedCount: '{n} wrong passcodes, the last on {when}',
    noFailed: 'None',
    open: 'Open',
    expired: 'Ended',
    revoked: 'Stopped',
    revoke: 'Stop sharing',
    revokeConfirm: 'Stop sharing now? The link will not work any more. This cannot be undone.',
    revokeYes: 'Yes, stop sharing',
    revokeNo: 'No, keep it',
    revoking: 'Stopping…',
    unknownLabel: 'Could not be opened',
    endedLabel: 'A share that has ended',
  },
};

export type ShareMessages = typeof en;

const cy: ShareMessages = {
  homeLink: 'Rhannu gyda rhywun',
  title: 'Rhannu gyda rhywun',
  lede: 'Gadewch i swyddog heddlu neu weithiwr cymorth weld rhan o’ch dyddiadur. Maen nhw’n cael dolen a chod pas. Allan nhw ddim newid dim.',
  loading: 'Wrthi’n agor eich dyddiadur…',
  loadFailed: 'Doedd dim modd agor eich dyddiadur.',
  retry: 'Rhoi cynnig arall arni',
  newShare: 'Rhannu rhywbeth newydd',
  listTitle: 'Beth rydych chi wedi’i rannu',
  listEmpty: 'Dydych chi ddim wedi rhannu dim eto.',
  which: 'Pa ddigwyddiadau',
  all: 'Pob digwyddiad',
  range: 'Dim ond digwyddiadau rhwng dau ddyddiad',
  from: 'O',
  to: 'I',
  people: 'Dim ond digwyddiadau gan y bobl hyn',
  peopleHint: 'Peidiwch â thicio neb i rannu digwyddiadau gan unrhyw un.',
  evidence: 'Rhannu ffeiliau tystiolaeth hefyd, fel lluniau a sgrinluniau',
  risk: 'Rhannu eich gwiriad risg diweddaraf hefyd',
  witness:
    'Rhannu beth ysgrifennodd tystion am y digwyddiadau hyn, yn union fel y gwnaethon nhw ei ysgrifennu',
  label: 'I bwy mae e',
  labelHint: 'Er enghraifft, PC Jones, cyf achos 12/345. Dim ond chi sy’n gallu gweld hwn.',
  days: 'Am sawl diwrnod y gallan nhw ei agor',
  daysHint: 'Mae’r rhan fwyaf o bobl yn dewis 30 diwrnod. Gall fod hyd at 365 diwrnod.',
  mode: 'Beth maen nhw’n ei weld',
  snapshot: 'Dim ond beth sydd yn eich dyddiadur nawr',
  snapshotHint: 'Maen nhw’n ei weld fel y mae heddiw. Dyma’r dewis arferol i’r heddlu.',
  live: 'Ei gadw’n gyfredol',
  create: 'Gwneud y ddolen',
  creating: 'Wrthi’n gwneud y ddolen…',
  errors: {
    fromMissing: 'Rhowch y dyddiad cyntaf',
    toMissing: 'Rhowch y dyddiad olaf',
    backwards: 'Rhaid i’r dyddiad cyntaf fod cyn y dyddiad olaf',
    labelMissing: 'Rhowch i bwy mae e',
    labelLong: 'Rhaid i “i bwy mae e” fod yn 200 llythyren neu lai',
    daysBad: 'Rhowch nifer o ddiwrnodau o 1 i 365',
    nothing: 'Does dim digwyddiadau’n cyd-fynd â’r dewisiadau hyn. Newidiwch nhw i rannu rhywbeth.',
  },
  done: {
    title: 'Mae eich dolen yn barod',
    lede: 'Maen nhw angen y ddolen a’r cod pas i’w agor.',
    link: 'Dolen',
    passcode: 'Cod pas',
    qrLabel: 'Y ddolen fel cod QR',
    qrHint: 'Gallan nhw sganio’r cod hwn gyda chamera ffôn i agor y ddolen.',
    warning:
      'Anfonwch y cod pas mewn ffordd wahanol i’r ddolen. Er enghraifft, anfonwch y ddolen mewn e-bost a dweud y cod pas ar y ffôn neu mewn neges destun. Peidiwch byth â’u hanfon gyda’i gilydd.',
    once: 'Fyddwch chi ddim yn gweld y cod pas hwn eto. Os bydd yn mynd ar goll, gwnewch ddolen newydd.',
    back: 'Gweld beth rydych chi wedi’i rannu',
  },
  inShare: {
    snapshot:
      'Mae hwn yn yr hyn a rannoch chi gyda {label} (tan {until}). Os byddwch chi’n ei ddileu, fyddan nhw ddim yn gallu agor y rhannu hwnnw mwyach. Gallwch wneud rhannu newydd wedyn.',
    live: 'Mae hwn yn yr hyn rydych chi’n ei rannu gyda {label}, wedi’i gadw’n gyfredol (tan {until}). Os byddwch chi’n ei ddileu, bydd yn cael ei dynnu allan o’r rhannu hwnnw yn gyntaf.',
    unknown: 'rhannu na allwch chi ei agor',
  },
  item: {
    forWhom: 'I',
    what: 'Beth',
    counts: 'Digwyddiadau: {incidents}. Ffeiliau tystiolaeth: {files}.',
    hidden: 'Ddim yn cael ei ddangos, gan fod y rhannu wedi dod i ben',
    until: 'Tan',
    state: 'Cyflwr',
    kind: 'Math',
    opens: 'Agorwyd',
    neverOpened: 'Heb ei agor eto',
    openedAt: '{when}, {device}',
    failed: 'Codau pas anghywir',
    failedCount: '{n} cod pas anghywir, yr olaf ar {when}',
    noFailed: 'Dim',
    open: 'Ar agor',
    expired: 'Wedi dod i ben',
    revoked: 'Wedi stopio',
    revoke: 'Stopio rhannu',
    revokeConfirm:
      'Stopio rhannu nawr? Fydd y ddolen ddim yn gweithio mwyach. Does dim modd dadwneud hyn.',
    revokeYes: 'Ie, stopio rhannu',
    revokeNo: 'Na, ei gadw',
    revoking: 'Wrthi’n stopio…',
    unknownLabel: 'Doedd dim modd ei agor',
    endedLabel: 'Rhannu sydd wedi dod i ben',
  },
};

export const SHARE_MESSAGES: Record<AppLocale, ShareMessages> = { en, cy };
