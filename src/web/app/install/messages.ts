/**
 * The strings of the installed app (install/): choosing how the app looks, its plain unlock
 * screen, and the "How to remove traces" page, in English and Welsh. The Welsh table has the
 * English table's type, so a missing or extra string fails the type-check; shell/catalogues.test.ts
 * checks every key is used. `{name}` marks a value filled in by `format`.
 *
 * What the installed app shows before unlocking (`unlock`, `locked`) names nothing: no diary,
 * no organisation. Screen titles are fixed strings.
 */
import type { AppLocale } from '../shell/messages.js';

const en = {
  /** The disguised app's own start screen (its heading is the app's name). */
  unlock: {
    submit: 'Unlock',
    working: 'Unlocking. This takes a few seconds…',
  },
  /** After a lock in the installed app. */
  locked: 'Locked.',
  settings: {
    heading: 'Use it as an app',
    intro:
      'You can put this on your phone or computer as an app. It will have a plain name and picture, so it does not look like a diary.',
    legend: 'Choose how the app looks',
    hint: 'Choose before you install it. If you change it later, your browser may show the old and new names and ask you to say yes.',
    currentHint:
      'This app is now called {name}. If you choose another look, your browser may show the old and new names and ask you to say yes.',
    ownName: 'The app will be called {name}.',
    next: 'When you press the button, your diary locks and this page shows the app’s start screen. Then open your browser’s menu and choose “Install app” or “Add to Home screen”. On an iPhone, tap Share, then “Add to Home Screen”.',
    use: 'Lock and show the app’s start screen',
    stopHeading: 'Stop using the app on this device',
    stopHint:
      'This removes the files the app keeps in this browser and goes back to the normal page. To take the app off your home screen as well, see How to remove traces.',
    stop: 'Stop using the app',
    stopFailed:
      'Not everything could be removed. Try again, or clear this site’s data in your browser.',
    stopped: 'The app’s files have been removed from this browser.',
    remembered:
      'Your choice is kept only in the app itself. Nothing else about it is saved on this device.',
    tracesLink: 'How to remove traces',
  },
  traces: {
    title: 'How to remove traces',
    intro:
      'Your diary is not kept on this device. But your browser can still show that you used this site. Here is how to remove those signs.',
    care: 'Think first. If someone checks your phone or computer, a history that is suddenly empty can look odd. Removing only this site may be safer than removing everything.',
    site: 'This site’s address is {site}. Look for it in the steps below.',
    exit: 'Lock your diary first, or press Exit this page.',
    androidHeading: 'Android phone (Chrome)',
    iphoneHeading: 'iPhone or iPad (Safari)',
    computerHeading: 'Computer (Chrome or Edge)',
    appHeading: 'Remove the app',
    dataHeading: 'Clear this site’s saved data',
    historyHeading: 'Remove it from your history',
    android: {
      app: [
        'Press and hold the app’s icon on your home screen.',
        'Tap “Uninstall” or “App info”, then “Uninstall”.',
      ],
      data: [
        'Open Chrome. Tap the menu (three dots), then “Settings”.',
        'Tap “Site settings”, then “All sites”.',
        'Find this site and tap it. Tap “Delete data” or “Clear & reset”.',
      ],
      history: [
        'In Chrome, tap the menu (three dots), then “History”.',
        'Tap the cross next to each line for this site.',
      ],
    },
    iphone: {
      app: [
        'Press and hold the app’s icon on your home screen.',
        'Tap “Remove App” or “Delete Bookmark”, then confirm.',
      ],
      data: [
        'Open the Settings app. Tap “Apps”, then “Safari”. On an older iPhone, tap “Safari” straight away.',
        'Tap “Advanced”, then “Website Data”.',
        'Find this site, swipe left on it and tap “Delete”.',
      ],
      history: [
        'In Safari, tap the book icon, then the clock icon.',
        'Swipe left on each line for this site and tap “Delete”.',
      ],
    },
    computer: {
      app: [
        'Open the app. Click the menu (three dots) at the top of its window.',
        'Choose “Uninstall”, then confirm. Tick the box to clear its data if you see one.',
      ],
      data: [
        'Go to this site in your browser. Click the icon just left of the address.',
        'Choose “Site settings”, then “Delete data”.',
      ],
      history: [
        'Press Ctrl and H together (on a Mac, Command and Y).',
        'Search for this site, tick each line and choose “Delete”.',
      ],
    },
    private:
      'Next time, a private or incognito window keeps no history. An app you install is not private, though: it stays until you remove it.',
    browsersChange:
      'Browsers change their menus from time to time, so the words you see may be a little different.',
  },
};

export type InstallMessages = typeof en;

const cy: InstallMessages = {
  unlock: {
    submit: 'Datgloi',
    working: 'Wrthi’n datgloi. Mae hyn yn cymryd ychydig eiliadau…',
  },
  locked: 'Wedi’i gloi.',
  settings: {
    heading: 'Ei ddefnyddio fel ap',
    intro:
      'Gallwch roi hwn ar eich ffôn neu’ch cyfrifiadur fel ap. Bydd ganddo enw a llun plaen, felly ni fydd yn edrych fel dyddiadur.',
    legend: 'Dewiswch sut mae’r ap yn edrych',
    hint: 'Dewiswch cyn i chi ei osod. Os byddwch yn ei newid wedyn, efallai y bydd eich porwr yn dangos yr hen enw a’r enw newydd ac yn gofyn i chi gytuno.',
    currentHint:
      '{name} yw enw’r ap hwn nawr. Os dewiswch olwg arall, efallai y bydd eich porwr yn dangos yr hen enw a’r enw newydd ac yn gofyn i chi gytuno.',
    ownName: '{name} fydd enw’r ap.',
    next: 'Pan fyddwch yn pwyso’r botwm, bydd eich dyddiadur yn cloi a bydd y dudalen hon yn dangos sgrin gychwyn yr ap. Yna agorwch ddewislen eich porwr a dewis “Gosod ap” neu “Ychwanegu at y sgrin gartref”. Ar iPhone, tapiwch Rhannu, yna “Ychwanegu at y Sgrin Gartref”.',
    use: 'Cloi a dangos sgrin gychwyn yr ap',
    stopHeading: 'Peidio â defnyddio’r ap ar y ddyfais hon',
    stopHint:
      'Mae hyn yn tynnu’r ffeiliau y mae’r ap yn eu cadw yn y porwr hwn ac yn mynd yn ôl i’r dudalen arferol. I dynnu’r ap oddi ar eich sgrin gartref hefyd, gweler Sut i gael gwared ar olion.',
    stop: 'Peidio â defnyddio’r ap',
    stopFailed:
      'Nid oedd modd tynnu popeth. Rhowch gynnig arall arni, neu clirio data’r wefan hon yn eich porwr.',
    stopped: 'Mae ffeiliau’r ap wedi’u tynnu o’r porwr hwn.',
    remembered:
      'Dim ond yn yr ap ei hun y caiff eich dewis ei gadw. Does dim byd arall amdano’n cael ei gadw ar y ddyfais hon.',
    tracesLink: 'Sut i gael gwared ar olion',
  },
  traces: {
    title: 'Sut i gael gwared ar olion',
    intro:
      'Nid yw eich dyddiadur yn cael ei gadw ar y ddyfais hon. Ond gall eich porwr ddangos o hyd eich bod wedi defnyddio’r wefan hon. Dyma sut i gael gwared ar yr arwyddion hynny.',
    care: 'Meddyliwch yn gyntaf. Os bydd rhywun yn edrych ar eich ffôn neu’ch cyfrifiadur, gall hanes sydd wedi’i wagio’n sydyn edrych yn od. Efallai ei bod yn fwy diogel tynnu’r wefan hon yn unig na thynnu popeth.',
    site: 'Cyfeiriad y wefan hon yw {site}. Chwiliwch amdano yn y camau isod.',
    exit: 'Clowch eich dyddiadur yn gyntaf, neu pwyswch Gadael y dudalen hon.',
    androidHeading: 'Ffôn Android (Chrome)',
    iphoneHeading: 'iPhone neu iPad (Safari)',
    computerHeading: 'Cyfrifiadur (Chrome neu Edge)',
    appHeading: 'Tynnu’r ap',
    dataHeading: 'Clirio’r data y mae’r wefan hon wedi’i gadw',
    historyHeading: 'Ei dynnu o’ch hanes',
    android: {
      app: [
        'Pwyswch a daliwch eicon yr ap ar eich sgrin gartref.',
        'Tapiwch “Dadosod” neu “Gwybodaeth am yr ap”, yna “Dadosod”.',
      ],
      data: [
        'Agorwch Chrome. Tapiwch y ddewislen (tri dot), yna “Gosodiadau”.',
        'Tapiwch “Gosodiadau gwefan”, yna “Pob gwefan”.',
        'Dewch o hyd i’r wefan hon a’i thapio. Tapiwch “Dileu data” neu “Clirio ac ailosod”.',
      ],
      history: [
        'Yn Chrome, tapiwch y ddewislen (tri dot), yna “Hanes”.',
        'Tapiwch y groes wrth ymyl pob llinell ar gyfer y wefan hon.',
      ],
    },
    iphone: {
      app: [
        'Pwyswch a daliwch eicon yr ap ar eich sgrin gartref.',
        'Tapiwch “Tynnu’r Ap” neu “Dileu Nod Tudalen”, yna cadarnhewch.',
      ],
      data: [
        'Agorwch yr ap Gosodiadau. Tapiwch “Apiau”, yna “Safari”. Ar iPhone hŷn, tapiwch “Safari” yn syth.',
        'Tapiwch “Uwch”, yna “Data Gwefannau”.',
        'Dewch o hyd i’r wefan hon, llithrwch i’r chwith arni a thapio “Dileu”.',
      ],
      history: [
        'Yn Safari, tapiwch eicon y llyfr, yna eicon y cloc.',
        'Llithrwch i’r chwith ar bob llinell ar gyfer y wefan hon a thapio “Dileu”.',
      ],
    },
    computer: {
      app: [
        'Agorwch yr ap. Cliciwch y ddewislen (tri dot) ar frig ei ffenestr.',
        'Dewiswch “Dadosod”, yna cadarnhewch. Ticiwch y blwch i glirio ei ddata os ydych yn ei weld.',
      ],
      data: [
        'Ewch i’r wefan hon yn eich porwr. Cliciwch yr eicon ychydig i’r chwith o’r cyfeiriad.',
        'Dewiswch “Gosodiadau gwefan”, yna “Dileu data”.',
      ],
      history: [
        'Pwyswch Ctrl a H gyda’i gilydd (ar Mac, Command ac Y).',
        'Chwiliwch am y wefan hon, ticiwch bob llinell a dewis “Dileu”.',
      ],
    },
    private:
      'Y tro nesaf, nid yw ffenestr breifat neu incognito yn cadw hanes. Ond nid yw ap rydych yn ei osod yn breifat: mae’n aros nes i chi ei dynnu.',
    browsersChange:
      'Mae porwyr yn newid eu dewislenni o bryd i’w gilydd, felly efallai y bydd y geiriau a welwch ychydig yn wahanol.',
  },
};

export const INSTALL_MESSAGES: Readonly<Record<AppLocale, InstallMessages>> = { en, cy };
