/**
 * The vault app's shared strings, in English and Welsh: the shell's own (dates, the bar, notices)
 * and those several features use (common, strength, unlock, home, note, view). Each feature keeps
 * its own in its folder's messages.ts (account/, diary/, evidence/, import/, safety/). The Welsh
 * table has the English table's type, so a missing or extra string fails the type-check. `{name}`
 * marks a value filled in by `format`; the same placeholders must appear in both languages
 * (checked by messages.test.ts).
 *
 * Nothing here is ever built from diary text, and screen titles (used for document.title) are
 * fixed strings, so the browser's history and tab titles never hold anything private.
 */

import type { Locale } from '../../../domain/locales.js';

/** The vault speaks every language the site does: one Locale type (src/domain/locales.ts). */
export type AppLocale = Locale;

const en = {
  dates: {
    months: [
      'January',
      'February',
      'March',
      'April',
      'May',
      'June',
      'July',
      'August',
      'September',
      'October',
      'November',
      'December',
    ] as readonly string[],
    dateAtTime: '{date} at {time}',
  },
  common: {
    back: 'Back',
    continue: 'Continue',
    cancel: 'Cancel',
    errorSummaryTitle: 'There is a problem',
    errorPrefix: 'Error:',
    titleErrorPrefix: 'Error: ',
    showPassphrase: 'Show',
    hidePassphrase: 'Hide',
    showPassphraseLabel: 'Show passphrase',
    hidePassphraseLabel: 'Hide passphrase',
    passphraseShown: 'Your passphrase is shown.',
    passphraseHidden: 'Your passphrase is hidden.',
    optional: '(optional)',
    network:
      'Could not connect. Check your internet connection and try again. If you were saving, check whether it was saved before trying again.',
    server: 'Something went wrong on our side. Please try again in a few minutes.',
    rateLimited: 'Too many attempts. Wait a few minutes, then try again.',
    diaryFull:
      'Your diary is full, so this was not saved. Deleting entries you no longer need makes room. An advocate or the organisation that runs this site can help.',
    tooLarge: 'This is too large to save. Photos and files belong in your evidence.',
    unexpected: 'Something went wrong. Please try again.',
  },
  bar: {
    label: 'Diary',
    home: 'My diary',
    record: 'Record now',
    settings: 'Settings',
    lock: 'Lock diary',
  },
  notices: {
    locked: 'Your diary is locked.',
    idleLocked: 'Your diary locked because it was not used for {minutes} minutes.',
    idleLockedOne: 'Your diary locked because it was not used for 1 minute.',
    signedOut: 'You were signed out, so your diary locked. Open it again to carry on.',
    deleted: 'Your diary and account have been deleted.',
  },
  strength: {
    label: 'Passphrase strength',
    level: {
      'too-short': 'Too short',
      weak: 'Weak',
      fair: 'Fair',
      good: 'Good',
      strong: 'Strong',
    },
    summary: 'Strength: {level}.',
    length: '{n} characters.',
    lengthOne: '1 character.',
    words: 'Made of {n} words.',
    uses: 'Uses: {kinds}.',
    kind: {
      lower: 'small letters',
      upper: 'capital letters',
      digit: 'numbers',
      symbol: 'symbols',
      space: 'spaces',
      other: 'other characters',
    },
    issue: {
      too_short: 'It needs at least 12 characters.',
      common: 'It contains a very common password or word, which people guess first.',
      repeats: 'It repeats characters or a pattern, like ‘aaa’ or ‘abcabc’.',
      sequence: 'It contains a sequence, like ‘abc’, ‘123’ or ‘qwerty’.',
      year: 'It contains a year, which is easy to guess.',
      username: 'It contains your username.',
      one_kind: 'It uses only one kind of character.',
    },
    tipLonger: 'To make it stronger, add another word that does not belong with the others.',
    ok: 'This passphrase can be used.',
  },
  unlock: {
    title: 'Open my diary',
    usernameLabel: 'Username',
    passphraseLabel: 'Passphrase',
    submit: 'Open my diary',
    working: 'Opening your diary. This takes a few seconds…',
    usernameRequired: 'Enter your username',
    passphraseRequired: 'Enter your passphrase',
    failed: 'The username or passphrase is not right. Check them and try again',
    kdfTooWeak:
      'Your diary was not opened. The server asked this device to protect your passphrase less strongly than Mosaic allows, so your passphrase was not used. Please tell the organisation that runs this site',
    kdfFailed:
      'This device did not have enough memory to open your diary. Close other apps or tabs and try again',
    keyMismatch:
      'Your diary could not be unlocked: the key the server sent does not match your passphrase. Please try again later or tell the organisation that runs this site',
    lost: 'I have lost my passphrase',
  },
  home: {
    title: 'My diary',
    signedInAs: 'Signed in as {username}.',
    add: 'Add an entry',
    loading: 'Opening your entries…',
    empty: 'You have not written any entries yet.',
    count: '{n} entries, newest first.',
    countOne: '1 entry.',
    happened: 'Happened on {date}',
    edited: 'Edited',
    unreadable:
      'One entry could not be opened. It may have been changed on the server. It has not been deleted.',
    unreadableMany:
      '{n} entries could not be opened. They may have been changed on the server. They have not been deleted.',
    loadFailed: 'Your entries could not be loaded.',
    retry: 'Try again',
    saved: 'Your entry has been saved.',
    updated: 'Your entry has been updated.',
    deleted: 'The entry has been deleted.',
    recovered:
      'Your new passphrase is set. Use it next time you open your diary. Your recovery key has not changed.',
    untitled: 'Untitled entry',
  },
  note: {
    newTitle: 'Add an entry',
    editTitle: 'Edit the entry',
    titleLabel: 'Title',
    titleHint: 'A few words to help you find it later.',
    whenHint: 'For example, 27 3 2025',
    day: 'Day',
    month: 'Month',
    year: 'Year',
    bodyLabel: 'What happened',
    bodyHint:
      'Write what you saw and heard, who was there, and how it made you feel or what you had to change.',
    draftNote: 'Until you save, your writing is kept only on this page and is lost when it locks.',
    save: 'Save entry',
    saving: 'Locking and saving your entry…',
    titleTooLong: 'Title must be 200 characters or fewer',
    dateRequired: 'Enter the date it happened',
    dateIncomplete: 'Date must include a day, month and year',
    dateInvalid: 'Date must be a real date',
    dateFuture: 'Date must be today or in the past',
    timeInvalid: 'Enter the time as hours and minutes, for example 14:30',
    bodyTooLong: 'What happened must be 100,000 characters or fewer',
    conflict:
      'This entry was changed somewhere else after you opened it, so your changes were not saved. Copy anything you want to keep, then load the latest version',
    loadLatest: 'Load the latest version',
  },
  view: {
    screenTitle: 'Diary entry',
    happened: 'When it happened',
    written: 'Written',
    lastEdited: 'Last edited',
    body: 'What happened',
    noBody: 'Nothing written.',
    edit: 'Edit',
    history: 'See all {n} versions',
    delete: 'Delete',
    backToDiary: 'Back to my diary',
    loading: 'Opening the entry…',
    unreadable:
      'This entry could not be opened. It may have been changed on the server, so it cannot be trusted.',
    notFound: 'This entry no longer exists. It may have been deleted on another device.',
  },
};

export type Messages = typeof en;

const cy: Messages = {
  dates: {
    months: [
      'Ionawr',
      'Chwefror',
      'Mawrth',
      'Ebrill',
      'Mai',
      'Mehefin',
      'Gorffennaf',
      'Awst',
      'Medi',
      'Hydref',
      'Tachwedd',
      'Rhagfyr',
    ],
    dateAtTime: '{date} am {time}',
  },
  common: {
    back: 'Yn ôl',
    continue: 'Parhau',
    cancel: 'Canslo',
    errorSummaryTitle: 'Mae problem wedi codi',
    errorPrefix: 'Gwall:',
    titleErrorPrefix: 'Gwall: ',
    showPassphrase: 'Dangos',
    hidePassphrase: 'Cuddio',
    showPassphraseLabel: 'Dangos y cyfrinymadrodd',
    hidePassphraseLabel: 'Cuddio’r cyfrinymadrodd',
    passphraseShown: 'Mae eich cyfrinymadrodd yn cael ei ddangos.',
    passphraseHidden: 'Mae eich cyfrinymadrodd wedi’i guddio.',
    optional: '(dewisol)',
    network:
      'Nid oedd modd cysylltu. Gwiriwch eich cysylltiad â’r rhyngrwyd a rhowch gynnig arall arni. Os oeddech yn cadw rhywbeth, gwiriwch a gafodd ei gadw cyn rhoi cynnig arall arni.',
    server: 'Aeth rhywbeth o’i le ar ein hochr ni. Rhowch gynnig arall arni ymhen ychydig funudau.',
    rateLimited: 'Gormod o ymdrechion. Arhoswch ychydig funudau, yna rhowch gynnig arall arni.',
    diaryFull:
      'Mae eich dyddiadur yn llawn, felly ni chafodd hwn ei gadw. Bydd dileu cofnodion nad oes eu hangen arnoch mwyach yn gwneud lle. Gall eiriolwr neu’r sefydliad sy’n rhedeg y wefan hon helpu.',
    tooLarge: 'Mae hwn yn rhy fawr i’w gadw. Mae lluniau a ffeiliau’n perthyn yn eich tystiolaeth.',
    unexpected: 'Aeth rhywbeth o’i le. Rhowch gynnig arall arni.',
  },
  bar: {
    label: 'Dyddiadur',
    home: 'Fy nyddiadur',
    record: 'Cofnodi nawr',
    settings: 'Gosodiadau',
    lock: 'Cloi',
  },
  notices: {
    locked: 'Mae eich dyddiadur wedi’i gloi.',
    idleLocked:
      'Mae eich dyddiadur wedi cloi oherwydd nad oedd wedi cael ei ddefnyddio am {minutes} munud.',
    idleLockedOne:
      'Mae eich dyddiadur wedi cloi oherwydd nad oedd wedi cael ei ddefnyddio am 1 munud.',
    signedOut:
      'Cawsoch eich allgofnodi, felly mae eich dyddiadur wedi cloi. Agorwch ef eto i barhau.',
    deleted: 'Mae eich dyddiadur a’ch cyfrif wedi cael eu dileu.',
  },
  strength: {
    label: 'Cryfder y cyfrinymadrodd',
    level: {
      'too-short': 'Rhy fyr',
      weak: 'Gwan',
      fair: 'Gweddol',
      good: 'Da',
      strong: 'Cryf',
    },
    summary: 'Cryfder: {level}.',
    length: '{n} nod.',
    lengthOne: '1 nod.',
    words: 'Wedi’i wneud o {n} gair.',
    uses: 'Yn defnyddio: {kinds}.',
    kind: {
      lower: 'llythrennau bach',
      upper: 'priflythrennau',
      digit: 'rhifau',
      symbol: 'symbolau',
      space: 'bylchau',
      other: 'nodau eraill',
    },
    issue: {
      too_short: 'Mae angen o leiaf 12 nod.',
      common: 'Mae’n cynnwys cyfrinair neu air cyffredin iawn, y mae pobl yn ei ddyfalu yn gyntaf.',
      repeats: 'Mae’n ailadrodd nodau neu batrwm, fel ‘aaa’ neu ‘abcabc’.',
      sequence: 'Mae’n cynnwys dilyniant, fel ‘abc’, ‘123’ neu ‘qwerty’.',
      year: 'Mae’n cynnwys blwyddyn, sy’n hawdd ei dyfalu.',
      username: 'Mae’n cynnwys eich enw defnyddiwr.',
      one_kind: 'Dim ond un math o nod y mae’n ei ddefnyddio.',
    },
    tipLonger: 'I’w wneud yn gryfach, ychwanegwch air arall nad yw’n perthyn i’r lleill.',
    ok: 'Gellir defnyddio’r cyfrinymadrodd hwn.',
  },
  unlock: {
    title: 'Agor fy nyddiadur',
    usernameLabel: 'Enw defnyddiwr',
    passphraseLabel: 'Cyfrinymadrodd',
    submit: 'Agor fy nyddiadur',
    working: 'Yn agor eich dyddiadur. Mae hyn yn cymryd ychydig eiliadau…',
    usernameRequired: 'Rhowch eich enw defnyddiwr',
    passphraseRequired: 'Rhowch eich cyfrinymadrodd',
    failed:
      'Nid yw’r enw defnyddiwr neu’r cyfrinymadrodd yn gywir. Gwiriwch nhw a rhowch gynnig arall arni',
    kdfTooWeak:
      'Ni chafodd eich dyddiadur ei agor. Gofynnodd y gweinydd i’r ddyfais hon ddiogelu eich cyfrinymadrodd yn llai cryf nag y mae Mosaic yn ei ganiatáu, felly ni chafodd eich cyfrinymadrodd ei ddefnyddio. Rhowch wybod i’r sefydliad sy’n rhedeg y wefan hon',
    kdfFailed:
      'Nid oedd gan y ddyfais hon ddigon o gof i agor eich dyddiadur. Caewch apiau neu dabiau eraill a rhowch gynnig arall arni',
    keyMismatch:
      'Nid oedd modd datgloi eich dyddiadur: nid yw’r allwedd a anfonodd y gweinydd yn cyfateb i’ch cyfrinymadrodd. Rhowch gynnig arall arni yn nes ymlaen neu rhowch wybod i’r sefydliad sy’n rhedeg y wefan hon',
    lost: 'Rydw i wedi colli fy nghyfrinymadrodd',
  },
  home: {
    title: 'Fy nyddiadur',
    signedInAs: 'Wedi mewngofnodi fel {username}.',
    add: 'Ychwanegu cofnod',
    loading: 'Yn agor eich cofnodion…',
    empty: 'Nid ydych wedi ysgrifennu unrhyw gofnodion eto.',
    count: '{n} cofnod, y mwyaf diweddar yn gyntaf.',
    countOne: '1 cofnod.',
    happened: 'Digwyddodd ar {date}',
    edited: 'Wedi’i olygu',
    unreadable:
      'Nid oedd modd agor un cofnod. Efallai ei fod wedi cael ei newid ar y gweinydd. Nid yw wedi cael ei ddileu.',
    unreadableMany:
      'Nid oedd modd agor {n} cofnod. Efallai eu bod wedi cael eu newid ar y gweinydd. Nid ydynt wedi cael eu dileu.',
    loadFailed: 'Nid oedd modd llwytho eich cofnodion.',
    retry: 'Rhoi cynnig arall arni',
    saved: 'Mae eich cofnod wedi cael ei gadw.',
    updated: 'Mae eich cofnod wedi cael ei ddiweddaru.',
    deleted: 'Mae’r cofnod wedi cael ei ddileu.',
    recovered:
      'Mae eich cyfrinymadrodd newydd wedi’i osod. Defnyddiwch ef y tro nesaf y byddwch yn agor eich dyddiadur. Nid yw eich allwedd adfer wedi newid.',
    untitled: 'Cofnod heb deitl',
  },
  note: {
    newTitle: 'Ychwanegu cofnod',
    editTitle: 'Golygu’r cofnod',
    titleLabel: 'Teitl',
    titleHint: 'Ychydig eiriau i’ch helpu i ddod o hyd iddo yn nes ymlaen.',
    whenHint: 'Er enghraifft, 27 3 2025',
    day: 'Diwrnod',
    month: 'Mis',
    year: 'Blwyddyn',
    bodyLabel: 'Beth ddigwyddodd',
    bodyHint:
      'Ysgrifennwch yr hyn a welsoch ac a glywsoch, pwy oedd yno, a sut roeddech yn teimlo neu beth y bu’n rhaid i chi ei newid.',
    draftNote:
      'Nes i chi gadw, dim ond ar y dudalen hon y mae eich ysgrifennu yn cael ei gadw, ac mae’n cael ei golli pan fydd yn cloi.',
    save: 'Cadw’r cofnod',
    saving: 'Yn cloi ac yn cadw eich cofnod…',
    titleTooLong: 'Rhaid i’r teitl fod yn 200 nod neu lai',
    dateRequired: 'Rhowch y dyddiad y digwyddodd',
    dateIncomplete: 'Rhaid i’r dyddiad gynnwys diwrnod, mis a blwyddyn',
    dateInvalid: 'Rhaid i’r dyddiad fod yn ddyddiad go iawn',
    dateFuture: 'Rhaid i’r dyddiad fod heddiw neu yn y gorffennol',
    timeInvalid: 'Rhowch yr amser fel oriau a munudau, er enghraifft 14:30',
    bodyTooLong: 'Rhaid i ‘Beth ddigwyddodd’ fod yn 100,000 nod neu lai',
    conflict:
      'Cafodd y cofnod hwn ei newid yn rhywle arall ar ôl i chi ei agor, felly ni chafodd eich newidiadau eu cadw. Copïwch unrhyw beth rydych am ei gadw, yna llwythwch y fersiwn ddiweddaraf',
    loadLatest: 'Llwytho’r fersiwn ddiweddaraf',
  },
  view: {
    screenTitle: 'Cofnod yn y dyddiadur',
    happened: 'Pryd ddigwyddodd hyn',
    written: 'Ysgrifennwyd',
    lastEdited: 'Golygwyd ddiwethaf',
    body: 'Beth ddigwyddodd',
    noBody: 'Dim byd wedi’i ysgrifennu.',
    edit: 'Golygu',
    history: 'Gweld pob un o’r {n} fersiwn',
    delete: 'Dileu',
    backToDiary: 'Yn ôl i fy nyddiadur',
    loading: 'Yn agor y cofnod…',
    unreadable:
      'Nid oedd modd agor y cofnod hwn. Efallai ei fod wedi cael ei newid ar y gweinydd, felly ni ellir ymddiried ynddo.',
    notFound:
      'Nid yw’r cofnod hwn yn bodoli mwyach. Efallai ei fod wedi cael ei ddileu ar ddyfais arall.',
  },
};

export const MESSAGES: Readonly<Record<AppLocale, Messages>> = { en, cy };

/**
 * The locale named by the mount point's data-locale, English when missing or unknown.
 *
 * @example appLocale('cy') // 'cy'
 */
export function appLocale(value: string | undefined): AppLocale {
  return value === 'cy' ? 'cy' : 'en';
}

export { format } from '../../i18n/format.js';
