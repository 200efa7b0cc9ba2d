/**
 * The strings of the locked quick record and the offline start (quick/), in English and Welsh.
 * What shows before unlocking (`offline`, `locked`) names nothing: no diary, no organisation,
 * no stalking. `{name}` marks a value filled in by `format`.
 */
import type { AppLocale } from '../shell/messages.js';

const en = {
  offline: {
    notice: 'You are offline. Unlocking needs an internet connection.',
  },
  locked: {
    open: 'Quick note',
    title: 'Quick note',
    intro: 'Write it down now. It is locked as soon as you save it.',
    what: 'What happened',
    whatHint: 'The time is saved as now, by this device’s clock.',
    whatRequired: 'Enter what happened',
    photo: 'Photo (optional)',
    photoHint: 'Take a photo or choose one.',
    photoTooLarge: 'This photo is too large. Choose a smaller one.',
    save: 'Save',
    saving: 'Saving…',
    saved:
      'Saved and locked. It will be sent the next time there is a connection. You cannot open it here.',
    failed: 'It could not be saved. Try again.',
    back: 'Back',
  },
  settings: {
    heading: 'Record without unlocking',
    intro:
      'You can write a quick note on this device without unlocking. It is locked as soon as you save it, and added to your diary the next time you unlock.',
    leavesHeading: 'What this leaves on this device',
    leaves: [
      'A small store in this browser’s site data, holding a lock key and a send key. They cannot open anything.',
      'Notes not sent yet, locked. Nobody can read them on this device, not even you.',
      'A “Quick note” button on the app’s start screen.',
    ],
    risk: 'Someone who has this device could see that the store exists, and could send notes into your diary. They could not read your diary.',
    turnOn: 'Turn on for this device',
    turnOff: 'Turn off for this device',
    turnOffHint: 'Turning it off removes the store. Notes not sent yet are lost.',
    isOn: 'On for this device.',
    isOff: 'Off for this device.',
    waiting: '{count} waiting to send.',
    failed: 'That did not work. Check your connection and try again.',
    appOnly:
      'This works in the installed app. Choose how the app looks above, then turn it on there.',
  },
  inbox: {
    addedOne: 'A quick note was added to your diary.',
    addedMany: '{count} quick notes were added to your diary.',
    problem: 'A quick note could not be opened. It is kept on the server. Try again later.',
  },
  incident: {
    deviceTime:
      'Written as a quick note at {time}, by the device’s own clock (nobody checked this time).',
    receivedAt: 'The server first received it at {time}.',
  },
  queue: {
    offline:
      'You are offline. What you save now is kept on this device, locked, and sent when you are back online.',
    waitingOne: '1 change is waiting to send.',
    waitingMany: '{count} changes are waiting to send.',
    problem:
      'Some changes could not be sent yet: {reason} They are kept on this device, locked, and will be tried again.',
    conflict:
      'Something you changed while offline had also been changed somewhere else. Nothing was overwritten: your version was saved as a separate entry.',
    tag: 'Waiting to send',
  },
};

type Catalogue = typeof en;

const cy: Catalogue = {
  offline: {
    notice: 'Rydych chi all-lein. Mae angen cysylltiad â’r rhyngrwyd i ddatgloi.',
  },
  locked: {
    open: 'Nodyn cyflym',
    title: 'Nodyn cyflym',
    intro: 'Ysgrifennwch ef nawr. Mae’n cael ei gloi cyn gynted ag y byddwch chi’n ei gadw.',
    what: 'Beth ddigwyddodd',
    whatHint: 'Mae’r amser yn cael ei gadw fel nawr, yn ôl cloc y ddyfais hon.',
    whatRequired: 'Rhowch beth ddigwyddodd',
    photo: 'Llun (dewisol)',
    photoHint: 'Tynnwch lun neu dewiswch un.',
    photoTooLarge: 'Mae’r llun hwn yn rhy fawr. Dewiswch un llai.',
    save: 'Cadw',
    saving: 'Wrthi’n cadw…',
    saved:
      'Wedi’i gadw a’i gloi. Bydd yn cael ei anfon y tro nesaf y bydd cysylltiad. Allwch chi ddim ei agor yma.',
    failed: 'Doedd dim modd ei gadw. Rhowch gynnig arall arni.',
    back: 'Yn ôl',
  },
  settings: {
    heading: 'Cofnodi heb ddatgloi',
    intro:
      'Gallwch chi ysgrifennu nodyn cyflym ar y ddyfais hon heb ddatgloi. Mae’n cael ei gloi cyn gynted ag y byddwch chi’n ei gadw, a’i ychwanegu at eich dyddiadur y tro nesaf y byddwch chi’n datgloi.',
    leavesHeading: 'Beth mae hyn yn ei adael ar y ddyfais hon',
    leaves: [
      'Storfa fach yn nata gwefan y porwr hwn, sy’n dal allwedd cloi ac allwedd anfon. Allan nhw ddim agor dim byd.',
      'Nodiadau sydd heb eu hanfon eto, wedi’u cloi. All neb eu darllen ar y ddyfais hon, dim hyd yn oed chi.',
      'Botwm “Nodyn cyflym” ar sgrin gychwyn yr ap.',
    ],
    risk: 'Gallai rhywun sydd â’r ddyfais hon weld bod y storfa’n bodoli, a gallai anfon nodiadau i’ch dyddiadur. Fydden nhw ddim yn gallu darllen eich dyddiadur.',
    turnOn: 'Troi ymlaen ar gyfer y ddyfais hon',
    turnOff: 'Diffodd ar gyfer y ddyfais hon',
    turnOffHint:
      'Mae diffodd yn tynnu’r storfa. Bydd nodiadau sydd heb eu hanfon yn cael eu colli.',
    isOn: 'Ymlaen ar gyfer y ddyfais hon.',
    isOff: 'I ffwrdd ar gyfer y ddyfais hon.',
    waiting: '{count} yn aros i gael eu hanfon.',
    failed: 'Wnaeth hynny ddim gweithio. Gwiriwch eich cysylltiad a rhowch gynnig arall arni.',
    appOnly:
      'Mae hyn yn gweithio yn yr ap wedi’i osod. Dewiswch sut mae’r ap yn edrych uchod, yna ei droi ymlaen yno.',
  },
  inbox: {
    addedOne: 'Cafodd nodyn cyflym ei ychwanegu at eich dyddiadur.',
    addedMany: 'Cafodd {count} nodyn cyflym eu hychwanegu at eich dyddiadur.',
    problem:
      'Doedd dim modd agor nodyn cyflym. Mae’n cael ei gadw ar y gweinydd. Rhowch gynnig arall arni nes ymlaen.',
  },
  incident: {
    deviceTime:
      'Wedi’i ysgrifennu fel nodyn cyflym am {time}, yn ôl cloc y ddyfais ei hun (wnaeth neb wirio’r amser hwn).',
    receivedAt: 'Cafodd y gweinydd ef gyntaf am {time}.',
  },
  queue: {
    offline:
      'Rydych chi all-lein. Mae beth rydych chi’n ei gadw nawr yn aros ar y ddyfais hon, wedi’i gloi, ac yn cael ei anfon pan fyddwch chi ar-lein eto.',
    waitingOne: 'Mae 1 newid yn aros i gael ei anfon.',
    waitingMany: 'Mae {count} newid yn aros i gael eu hanfon.',
    problem:
      'Doedd dim modd anfon rhai newidiadau eto: {reason} Maen nhw’n aros ar y ddyfais hon, wedi’u cloi, a byddan nhw’n cael eu hanfon eto.',
    conflict:
      'Roedd rhywbeth a newidioch chi tra oeddech chi all-lein wedi cael ei newid yn rhywle arall hefyd. Chafodd dim byd ei ysgrifennu drosto: cafodd eich fersiwn chi ei chadw fel cofnod ar wahân.',
    tag: 'Yn aros i gael ei anfon',
  },
};

export const QUICK_MESSAGES: Record<AppLocale, Catalogue> = { en, cy };
