/**
 * The words of the page a witness link opens (/witness): the page (src/web/pages/WitnessPage.tsx)
 * and its script (src/web/witness/). The page never names the person who asked (a link can be
 * passed on). The Welsh table has the English table's type, so a missing string is a compile
 * error.
 */
import type { Locale } from '../../domain/locales.js';

const en = {
  title: 'Write down what you saw',
  description: 'Someone has asked you to write down what you saw or heard.',
  intro:
    'Someone you know has asked you to write down what you saw or heard. What you write goes only to them. It is locked on this device before it is sent, so nobody else can read it, not even this website.',
  notNamed:
    'This page does not say who asked you. That is on purpose, because a link can be passed on.',
  nothingKept: 'Nothing is saved on this device. After you send it, it is gone from here.',
  noScript:
    'This page needs JavaScript, because what you write is locked on your device before it is sent.',
  usefulTitle: 'What helps',
  useful1: 'Write only what you saw or heard yourself.',
  useful2: 'Say when and where, as exactly as you can. If you are not sure, say so.',
  useful3:
    'Describe the person: how they looked, what they wore, and any car and its number plate.',
  useful4: 'Write down the words that were said, as closely as you remember them.',
  useful5: 'Plain words are best. You do not need to know everything.',
  checking: 'Checking the link. This takes a moment.',
  linkBroken:
    'This link is not whole. Ask the person who sent it to send it again, or copy all of it, with the part after the # sign.',
  expired:
    'This link has ended. Thank you for wanting to help. If you still want to, ask the person who sent it for a new link.',
  closed: 'This link is no longer in use. Thank you for wanting to help.',
  full: 'This link has already been used. Thank you for wanting to help.',
  notFound: 'We cannot find this link. Check that you copied all of it.',
  notTrusted:
    'This link could not be checked, so nothing was sent. Ask the person who sent it for a new link.',
  rateLimited: 'There have been too many tries from here. Please wait a while and try again.',
  failed: 'Something went wrong. Check your internet connection and try again.',
  tooMuch: 'This is too long to send. Please make it shorter.',
  whenLegend: 'When did it happen?',
  dateLabel: 'Date',
  timeLabel: 'Time, if you know it',
  approximateLabel: 'The date or time is not exact',
  whereLabel: 'Where did it happen?',
  whereHint: 'For example, a street, a shop or a bus stop.',
  sawLabel: 'What did you see or hear?',
  sawHint: 'Say what happened, in the order it happened.',
  saidLabel: 'What was said to you, if anything?',
  saidHint: 'Write the words as closely as you remember them.',
  howKnownLabel: 'How do you know the person who did it?',
  howKnownHint: 'For example, “I have seen him outside the house before” or “I do not know him”.',
  filesLabel: 'Photos, videos or sound recordings, if you have any',
  filesHint:
    'You can add up to 10. They are locked on this device before they are sent, like what you write.',
  filesTooMany: 'Choose 10 files or fewer',
  filesTooMuch:
    'A file is too big to send, or this link cannot take any more files. Try fewer or smaller files.',
  sendingFile: 'Locking and sending file {n} of {count}: {percent}% done.',
  aboutYouLegend: 'About you (you can leave these empty)',
  aboutYouHint:
    'If this goes to the police, they may want to talk to you. Your name and a phone number or email help them do that. Only the person who asked you will see them.',
  nameLabel: 'Your name',
  contactLabel: 'A phone number or email address',
  declarationLegend: 'Is it true?',
  declarationLabel: 'What I have written is true, as far as I know.',
  declarationHint: 'Today’s date is added to it when you send it.',
  send: 'Send',
  sending: 'Locking and sending. This takes a moment.',
  errorTitle: 'There is a problem',
  dateMissing: 'Enter the date it happened',
  sawMissing: 'Write what you saw or heard, or what was said to you',
  declarationMissing: 'Tick the box to say it is true, as far as you know',
  sentTitle: 'Thank you. It has been sent.',
  sentBody:
    'What you wrote has gone to the person who asked you. Nothing is kept on this device. You can close this page now.',
};

type WitnessMessages = typeof en;

const cy: WitnessMessages = {
  title: 'Ysgrifennwch beth welsoch chi',
  description: 'Mae rhywun wedi gofyn i chi ysgrifennu beth welsoch chi neu beth glywoch chi.',
  intro:
    'Mae rhywun rydych chi’n ei adnabod wedi gofyn i chi ysgrifennu beth welsoch chi neu beth glywoch chi. Dim ond nhw fydd yn cael beth rydych chi’n ei ysgrifennu. Mae’n cael ei gloi ar y ddyfais hon cyn ei anfon, felly all neb arall ei ddarllen, dim hyd yn oed y wefan hon.',
  notNamed:
    'Dyw’r dudalen hon ddim yn dweud pwy ofynnodd i chi. Mae hynny’n fwriadol, oherwydd gall dolen gael ei hanfon ymlaen.',
  nothingKept:
    'Does dim yn cael ei gadw ar y ddyfais hon. Ar ôl i chi ei anfon, bydd wedi mynd o’r fan hon.',
  noScript:
    'Mae angen JavaScript ar y dudalen hon, oherwydd mae beth rydych chi’n ei ysgrifennu yn cael ei gloi ar eich dyfais cyn ei anfon.',
  usefulTitle: 'Beth sy’n helpu',
  useful1: 'Ysgrifennwch dim ond beth welsoch chi neu beth glywoch chi eich hun.',
  useful2:
    'Dywedwch pryd a ble, mor fanwl ag y gallwch chi. Os nad ydych chi’n siŵr, dywedwch hynny.',
  useful3:
    'Disgrifiwch y person: sut roedden nhw’n edrych, beth roedden nhw’n ei wisgo, ac unrhyw gar a’i rif cofrestru.',
  useful4: 'Ysgrifennwch y geiriau a ddywedwyd, mor agos ag y gallwch chi eu cofio.',
  useful5: 'Geiriau syml sydd orau. Does dim angen i chi wybod popeth.',
  checking: 'Wrthi’n gwirio’r ddolen. Mae hyn yn cymryd eiliad.',
  linkBroken:
    'Dyw’r ddolen hon ddim yn gyflawn. Gofynnwch i’r person a’i hanfonodd i’w hanfon eto, neu copïwch y cyfan, gyda’r rhan ar ôl yr arwydd #.',
  expired:
    'Mae’r ddolen hon wedi dod i ben. Diolch am fod eisiau helpu. Os ydych chi’n dal eisiau, gofynnwch i’r person a’i hanfonodd am ddolen newydd.',
  closed: 'Dyw’r ddolen hon ddim yn cael ei defnyddio mwyach. Diolch am fod eisiau helpu.',
  full: 'Mae’r ddolen hon wedi cael ei defnyddio yn barod. Diolch am fod eisiau helpu.',
  notFound: 'Allwn ni ddim dod o hyd i’r ddolen hon. Gwiriwch eich bod wedi copïo’r cyfan.',
  notTrusted:
    'Doedd dim modd gwirio’r ddolen hon, felly chafodd dim ei anfon. Gofynnwch i’r person a’i hanfonodd am ddolen newydd.',
  rateLimited:
    'Mae gormod o geisiadau wedi dod o’r fan hon. Arhoswch am ychydig a rhowch gynnig arall arni.',
  failed:
    'Aeth rhywbeth o’i le. Gwiriwch eich cysylltiad â’r rhyngrwyd a rhowch gynnig arall arni.',
  tooMuch: 'Mae hyn yn rhy hir i’w anfon. Gwnewch e’n fyrrach, os gwelwch yn dda.',
  whenLegend: 'Pryd digwyddodd e?',
  dateLabel: 'Dyddiad',
  timeLabel: 'Amser, os ydych chi’n ei wybod',
  approximateLabel: 'Dyw’r dyddiad neu’r amser ddim yn union',
  whereLabel: 'Ble digwyddodd e?',
  whereHint: 'Er enghraifft, stryd, siop neu safle bws.',
  sawLabel: 'Beth welsoch chi neu beth glywoch chi?',
  sawHint: 'Dywedwch beth ddigwyddodd, yn y drefn y digwyddodd.',
  saidLabel: 'Beth gafodd ei ddweud wrthych chi, os rhywbeth?',
  saidHint: 'Ysgrifennwch y geiriau mor agos ag y gallwch chi eu cofio.',
  howKnownLabel: 'Sut ydych chi’n adnabod y person a’i gwnaeth?',
  howKnownHint:
    'Er enghraifft, “Rydw i wedi ei weld y tu allan i’r tŷ o’r blaen” neu “Dydw i ddim yn ei adnabod”.',
  filesLabel: 'Lluniau, fideos neu recordiadau sain, os oes rhai gennych chi',
  filesHint:
    'Gallwch ychwanegu hyd at 10. Maen nhw’n cael eu cloi ar y ddyfais hon cyn eu hanfon, fel beth rydych chi’n ei ysgrifennu.',
  filesTooMany: 'Dewiswch 10 ffeil neu lai',
  filesTooMuch:
    'Mae ffeil yn rhy fawr i’w hanfon, neu all y ddolen hon ddim cymryd rhagor o ffeiliau. Rhowch gynnig ar lai o ffeiliau neu ffeiliau llai.',
  sendingFile: 'Wrthi’n cloi ac anfon ffeil {n} o {count}: {percent}% wedi’i wneud.',
  aboutYouLegend: 'Amdanoch chi (gallwch adael y rhain yn wag)',
  aboutYouHint:
    'Os bydd hyn yn mynd at yr heddlu, efallai y byddan nhw eisiau siarad â chi. Mae eich enw a rhif ffôn neu e-bost yn eu helpu i wneud hynny. Dim ond y person a ofynnodd i chi fydd yn eu gweld.',
  nameLabel: 'Eich enw',
  contactLabel: 'Rhif ffôn neu gyfeiriad e-bost',
  declarationLegend: 'Ydy e’n wir?',
  declarationLabel: 'Mae beth rydw i wedi’i ysgrifennu yn wir, hyd y gwn i.',
  declarationHint: 'Mae dyddiad heddiw yn cael ei ychwanegu ato pan fyddwch chi’n ei anfon.',
  send: 'Anfon',
  sending: 'Wrthi’n cloi ac anfon. Mae hyn yn cymryd eiliad.',
  errorTitle: 'Mae problem',
  dateMissing: 'Rhowch y dyddiad y digwyddodd e',
  sawMissing:
    'Ysgrifennwch beth welsoch chi neu beth glywoch chi, neu beth gafodd ei ddweud wrthych chi',
  declarationMissing: 'Ticiwch y blwch i ddweud ei fod yn wir, hyd y gwyddoch chi',
  sentTitle: 'Diolch. Mae wedi cael ei anfon.',
  sentBody:
    'Mae beth ysgrifennoch chi wedi mynd at y person a ofynnodd i chi. Does dim yn cael ei gadw ar y ddyfais hon. Gallwch gau’r dudalen hon nawr.',
};

export const WITNESS_MESSAGES: Readonly<Record<Locale, WitnessMessages>> = { en, cy };
export type { WitnessMessages };
