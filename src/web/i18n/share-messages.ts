/**
 * The words of the page a share link opens (/share): the page (src/web/pages/SharePage.tsx) and
 * its script (src/web/share/). The Welsh table has the English table's type, so a missing string
 * is a compile error.
 */
import type { Locale } from '../../domain/locales.js';

const en = {
  title: 'Open a shared diary',
  description: 'Someone has shared part of their private diary with you. You need the passcode.',
  intro:
    'Someone has shared part of their private diary with you. To open it, you need the link and the passcode they gave you.',
  private: 'Nothing is saved on this device. When you close this page or press Close, it is gone.',
  noScript: 'This page needs JavaScript, because the diary is unlocked on your device.',
  linkBroken:
    'This link is not whole. Ask the person who sent it to send it again, or copy all of it, with the part after the # sign.',
  passcodeLabel: 'Passcode',
  passcodeHint:
    'It has 8 letters and numbers, like ABCD-EFGH. You can type it with or without the dash.',
  open: 'Open',
  opening: 'Opening. This can take a few seconds.',
  passcodeEmpty: 'Enter the passcode.',
  passcodeWrong: 'That passcode is not right. Check it and try again.',
  locked:
    'Too many wrong passcodes have been tried. The share is locked for a while. Try again later.',
  expired: 'This share has ended. Ask the person who shared it to make a new one.',
  revoked: 'The person who shared this has stopped sharing it.',
  notFound: 'We cannot find this share. Check the link, or ask for a new one.',
  sessionEnded:
    'The page was open for a long time, so it closed the diary. Enter the passcode again.',
  notTrusted:
    'This share could not be checked, so it is not shown. Ask the person who shared it to make a new one.',
  failed: 'Something went wrong. Check your internet connection and try again.',
  /** {label} is the name the person gave the share. */
  sharedFor: 'Shared for: {label}',
  whoUnknown: 'This page cannot tell you who shared it. Only the link and passcode open it.',
  /** {count} is a number. */
  entries: 'Entries shared: {count}',
  /** {date} is a date. */
  until: 'You can open it until {date}.',
  incidentsHeading: 'What happened, in time order',
  noIncidents: 'No incidents were shared.',
  when: 'When',
  where: 'Where',
  what: 'What happened',
  about: 'about',
  witnessHeading: 'What witnesses wrote',
  witnessTag: 'From a witness, exactly as they wrote it',
  /** {date} is a date and time. */
  witnessArrived: 'It arrived on {date}.',
  witnessWhen: 'When it happened',
  witnessSaw: 'What they saw or heard',
  witnessSaid: 'What was said to them',
  witnessHowKnown: 'How they know the person responsible',
  witnessName: 'Their name',
  witnessContact: 'How to reach them',
  /** {date} is a date. */
  witnessDeclared: 'They said it is true, as far as they know, on {date}.',
  witnessNote: 'The person’s own note (not the witness’s words)',
  /** {count} is a number. */
  witnessFiles: 'The witness sent {count} file(s). They are with the evidence files.',
  riskHeading: 'Their latest risk check',
  riskGuide:
    'The person answered these questions themselves. This is a guide, not an assessment by the police or a professional.',
  riskUrgent:
    'The answers include serious warning signs. If anyone is in danger now, call 999. If you cannot speak on a mobile, stay on the line and press 55 when asked.',
  /** {date} is a date. */
  riskCheckedOn: 'Checked on {date}',
  answerYes: 'Yes (a warning sign)',
  answerNo: 'No',
  answerNotSure: 'Not sure',
  riskNote: 'Their note',
  /** {date} is a date. */
  riskLastHappened: 'Last happened: {date}',
  exhibitsHeading: 'Evidence files',
  noExhibits: 'No evidence files were shared.',
  download: 'Download',
  /** {name} is a file name. */
  downloading: 'Getting {name}.',
  downloaded: '{name} is ready. Look in your downloads.',
  downloadFailed: 'That file could not be opened. Try again.',
  unreadable: 'One entry could not be read, so it is not shown.',
  patternsHeading: 'Patterns',
  patternWeeks: 'Incidents each week',
  patternWeekOf: 'Week starting',
  patternHours: 'Incidents by time of day',
  patternTime: 'Time',
  patternCount: 'Incidents',
  /** {count} is a number. */
  messagesSummary: 'Messages and calls copied from their phone: {count}',
  messageOwn: 'Their own message',
  messageCall: 'A call',
  reportHeading: 'Report and evidence bundle',
  reportIntro:
    'Make a report (PDF) and an evidence bundle (.zip) of everything shared here. They are made on this device and saved only where you choose.',
  reportBundleHint:
    'The bundle holds the report, the entries, the evidence files and the proof that nothing has been changed since it was written.',
  reportMake: 'Make the report and bundle',
  reportStop: 'Stop',
  reportReceipts: 'Getting the receipts.',
  /** {percent} is a number from 0 to 100. */
  reportPdf: 'Making the report: {percent}%',
  /** {percent} is a number from 0 to 100. */
  reportBundle: 'Making the bundle: {percent}%',
  reportReady: 'The report and the bundle are ready.',
  reportNoReceipt:
    'Some entries have no receipt yet, so the bundle cannot show when they were written. You can make it again in a minute.',
  reportFailed: 'The report could not be made. Check your internet connection and try again.',
  reportStopped: 'Stopped. Nothing was made.',
  savePdf: 'Save the report (PDF)',
  saveBundle: 'Save the bundle (.zip)',
  checkButton: 'Check the bundle',
  checking: 'Checking the bundle on this device.',
  checkOk: 'OK. The bundle checks out: every entry and file is as it was shared.',
  checkOkUnproven:
    'OK. Every entry and file is as it was shared. Some entries have no receipt, so when they were written is not proven.',
  /** {n} is a number. */
  checkFailed: 'Not OK. {n} checks failed, so this bundle is damaged or has been changed.',
  checkFailedList: 'What failed (in English):',
  checkError: 'The check could not run. Try again.',
  close: 'Close',
  closed: 'The diary is closed. You can close this tab.',
};

type ShareMessages = typeof en;

const cy: ShareMessages = {
  title: 'Agor dyddiadur a rannwyd',
  description:
    'Mae rhywun wedi rhannu rhan o’u dyddiadur preifat gyda chi. Mae angen y cod pas arnoch chi.',
  intro:
    'Mae rhywun wedi rhannu rhan o’u dyddiadur preifat gyda chi. I’w agor, mae angen y ddolen a’r cod pas a roddon nhw i chi.',
  private:
    'Does dim yn cael ei gadw ar y ddyfais hon. Pan fyddwch chi’n cau’r dudalen hon neu’n pwyso Cau, bydd wedi mynd.',
  noScript:
    'Mae angen JavaScript ar y dudalen hon, oherwydd mae’r dyddiadur yn cael ei agor ar eich dyfais.',
  linkBroken:
    'Dyw’r ddolen hon ddim yn gyflawn. Gofynnwch i’r person a’i hanfonodd i’w hanfon eto, neu copïwch y cyfan, gyda’r rhan ar ôl yr arwydd #.',
  passcodeLabel: 'Cod pas',
  passcodeHint:
    'Mae ganddo 8 llythyren a rhif, fel ABCD-EFGH. Gallwch ei deipio gyda’r llinell doriad neu hebddi.',
  open: 'Agor',
  opening: 'Wrthi’n agor. Gall hyn gymryd ychydig eiliadau.',
  passcodeEmpty: 'Rhowch y cod pas.',
  passcodeWrong: 'Dyw’r cod pas yna ddim yn iawn. Gwiriwch ef a rhowch gynnig arall arni.',
  locked:
    'Mae gormod o godau pas anghywir wedi cael eu rhoi. Mae’r rhannu wedi’i gloi am ychydig. Rhowch gynnig arall arni nes ymlaen.',
  expired: 'Mae’r rhannu hwn wedi dod i ben. Gofynnwch i’r person a’i rannodd wneud un newydd.',
  revoked: 'Mae’r person a rannodd hwn wedi stopio ei rannu.',
  notFound:
    'Allwn ni ddim dod o hyd i’r rhannu hwn. Gwiriwch y ddolen, neu gofynnwch am un newydd.',
  sessionEnded:
    'Roedd y dudalen ar agor am amser hir, felly mae wedi cau’r dyddiadur. Rhowch y cod pas eto.',
  notTrusted:
    'Doedd dim modd gwirio’r rhannu hwn, felly dyw e ddim yn cael ei ddangos. Gofynnwch i’r person a’i rannodd wneud un newydd.',
  failed:
    'Aeth rhywbeth o’i le. Gwiriwch eich cysylltiad â’r rhyngrwyd a rhowch gynnig arall arni.',
  sharedFor: 'Wedi’i rannu ar gyfer: {label}',
  whoUnknown:
    'All y dudalen hon ddim dweud wrthych chi pwy a’i rannodd. Dim ond y ddolen a’r cod pas sy’n ei agor.',
  entries: 'Cofnodion a rannwyd: {count}',
  until: 'Gallwch ei agor tan {date}.',
  incidentsHeading: 'Beth ddigwyddodd, yn nhrefn amser',
  noIncidents: 'Ni rannwyd unrhyw ddigwyddiadau.',
  when: 'Pryd',
  where: 'Ble',
  what: 'Beth ddigwyddodd',
  about: 'tua',
  witnessHeading: 'Beth ysgrifennodd tystion',
  witnessTag: 'Gan dyst, yn union fel y gwnaethon nhw ei ysgrifennu',
  witnessArrived: 'Cyrhaeddodd ar {date}.',
  witnessWhen: 'Pryd digwyddodd e',
  witnessSaw: 'Beth welson nhw neu beth glywson nhw',
  witnessSaid: 'Beth gafodd ei ddweud wrthyn nhw',
  witnessHowKnown: 'Sut maen nhw’n adnabod y person a wnaeth hyn',
  witnessName: 'Eu henw',
  witnessContact: 'Sut i gysylltu â nhw',
  witnessDeclared: 'Dywedon nhw ei fod yn wir, hyd y gwyddan nhw, ar {date}.',
  witnessNote: 'Nodyn y person ei hun (nid geiriau’r tyst)',
  witnessFiles: 'Anfonodd y tyst {count} ffeil. Maen nhw gyda’r ffeiliau tystiolaeth.',
  riskHeading: 'Eu gwiriad risg diweddaraf',
  riskGuide:
    'Atebodd y person y cwestiynau hyn eu hunain. Canllaw yw hwn, nid asesiad gan yr heddlu neu weithiwr proffesiynol.',
  riskUrgent:
    'Mae’r atebion yn cynnwys arwyddion rhybudd difrifol. Os oes unrhyw un mewn perygl nawr, ffoniwch 999. Os na allwch chi siarad ar ffôn symudol, arhoswch ar y lein a phwyswch 55 pan fydd rhywun yn gofyn.',
  riskCheckedOn: 'Wedi ei wirio ar {date}',
  answerYes: 'Ie (arwydd rhybudd)',
  answerNo: 'Na',
  answerNotSure: 'Ddim yn siŵr',
  riskNote: 'Eu nodyn',
  riskLastHappened: 'Y tro diwethaf: {date}',
  exhibitsHeading: 'Ffeiliau tystiolaeth',
  noExhibits: 'Ni rannwyd unrhyw ffeiliau tystiolaeth.',
  download: 'Llwytho i lawr',
  downloading: 'Wrthi’n cael {name}.',
  downloaded: 'Mae {name} yn barod. Edrychwch yn eich ffeiliau wedi’u llwytho i lawr.',
  downloadFailed: 'Doedd dim modd agor y ffeil yna. Rhowch gynnig arall arni.',
  unreadable: 'Doedd dim modd darllen un cofnod, felly dyw e ddim yn cael ei ddangos.',
  patternsHeading: 'Patrymau',
  patternWeeks: 'Digwyddiadau bob wythnos',
  patternWeekOf: 'Wythnos yn dechrau',
  patternHours: 'Digwyddiadau yn ôl amser y dydd',
  patternTime: 'Amser',
  patternCount: 'Digwyddiadau',
  messagesSummary: 'Negeseuon a galwadau wedi’u copïo o’u ffôn: {count}',
  messageOwn: 'Eu neges eu hunain',
  messageCall: 'Galwad',
  reportHeading: 'Adroddiad a bwndel tystiolaeth',
  reportIntro:
    'Gwnewch adroddiad (PDF) a bwndel tystiolaeth (.zip) o bopeth a rannwyd yma. Maen nhw’n cael eu gwneud ar y ddyfais hon a’u cadw dim ond lle rydych chi’n dewis.',
  reportBundleHint:
    'Mae’r bwndel yn cynnwys yr adroddiad, y cofnodion, y ffeiliau tystiolaeth a’r prawf nad oes dim wedi newid ers iddo gael ei ysgrifennu.',
  reportMake: 'Gwneud yr adroddiad a’r bwndel',
  reportStop: 'Stopio',
  reportReceipts: 'Wrthi’n cael y derbynebau.',
  reportPdf: 'Wrthi’n gwneud yr adroddiad: {percent}%',
  reportBundle: 'Wrthi’n gwneud y bwndel: {percent}%',
  reportReady: 'Mae’r adroddiad a’r bwndel yn barod.',
  reportNoReceipt:
    'Does dim derbynneb gan rai cofnodion eto, felly all y bwndel ddim dangos pryd cawson nhw eu hysgrifennu. Gallwch ei wneud eto mewn munud.',
  reportFailed:
    'Doedd dim modd gwneud yr adroddiad. Gwiriwch eich cysylltiad â’r rhyngrwyd a rhowch gynnig arall arni.',
  reportStopped: 'Wedi stopio. Ni wnaed dim.',
  savePdf: 'Cadw’r adroddiad (PDF)',
  saveBundle: 'Cadw’r bwndel (.zip)',
  checkButton: 'Gwirio’r bwndel',
  checking: 'Wrthi’n gwirio’r bwndel ar y ddyfais hon.',
  checkOk:
    'Iawn. Mae’r bwndel yn gywir: mae pob cofnod a ffeil fel yr oedden nhw pan gawson nhw eu rhannu.',
  checkOkUnproven:
    'Iawn. Mae pob cofnod a ffeil fel yr oedden nhw pan gawson nhw eu rhannu. Does dim derbynneb gan rai cofnodion, felly dyw hi ddim wedi’i phrofi pryd cawson nhw eu hysgrifennu.',
  checkFailed:
    'Ddim yn iawn. Methodd {n} gwiriad, felly mae’r bwndel hwn wedi’i ddifrodi neu wedi newid.',
  checkFailedList: 'Beth fethodd (yn Saesneg):',
  checkError: 'Doedd dim modd rhedeg y gwiriad. Rhowch gynnig arall arni.',
  close: 'Cau',
  closed: 'Mae’r dyddiadur wedi cau. Gallwch gau’r tab hwn.',
};

export const SHARE_MESSAGES: Readonly<Record<Locale, ShareMessages>> = { en, cy };
export type { ShareMessages };
