/**
 * Every string the account screens show (start, sign-up, recovery, settings, second factor,
 * backups), in English and Welsh. The Welsh table has the English table's type, so a missing or
 * extra string fails the type-check; shell/catalogues.test.ts checks every key is used and
 * shell/messages.test.ts the placeholders. `{name}` marks a value filled in by `format`
 * (shell/messages.ts). Strings the shell and several features share stay in shell/messages.ts.
 *
 * Screen titles are fixed strings (they become document.title): never a username or passphrase.
 */
import type { AppLocale } from '../shell/messages.js';

const en = {
  start: {
    title: 'Your private diary',
    lede: 'Keep a private record of what is happening to you: when it happened, what happened and how it affected you. It can help the police, an advocate or a court see the whole pattern.',
    howHeading: 'How it stays private',
    noEmail: 'You do not need an email address. You choose a username and a passphrase.',
    encrypted:
      'What you write is locked (encrypted) on this device before it is sent. Mosaic stores it but cannot read it.',
    nobody:
      'Without your passphrase or your recovery key, nobody can open your diary – not even the people who run this service. Keep them safe.',
    locks:
      'Your diary locks when you use Exit this page, close the page, or stop using it for a while.',
    create: 'Create a private diary',
    open: 'Open my diary',
    lost: 'I have lost my passphrase',
  },
  create: {
    usernameTitle: 'Choose a username',
    usernameHint:
      'You will use it with your passphrase to open your diary. Do not use your real name or your email address: choose something that would not identify you if someone saw it.',
    usernameRules: '3 to 40 characters: letters, numbers, dots, dashes or underscores.',
    usernameLabel: 'Username',
    passphraseTitle: 'Choose a passphrase',
    passphraseHint:
      'Use at least 12 characters. Four or more words that do not belong together make a passphrase that is strong and easy to remember. If someone else uses this device, do not let the browser save it.',
    passphraseLabel: 'Passphrase',
    confirmTitle: 'Type your passphrase again',
    confirmHint: 'This checks that you typed it as you meant to.',
    confirmLabel: 'Passphrase again',
    preparing: 'Making the keys that lock your diary. This takes a few seconds.',
    recoveryTitle: 'Write down your recovery key',
    recoveryWhat:
      'If you forget your passphrase, these 24 words are the only way back into your diary. Mosaic does not keep a copy and cannot reset your passphrase for you.',
    recoveryKeep:
      'Write the words on paper, in order, and keep the paper somewhere safe that only you can reach. Anyone with these words and your username can open your diary.',
    recoveryOnce: 'You will only see these words once.',
    recoveryListLabel: 'Your recovery key, 24 words',
    copy: 'Copy the words',
    copyHint:
      'Paper is safest. Copying puts the words on this device’s clipboard, where other apps may read them.',
    copied: 'Copied. Paste them only somewhere private, then copy something else to clear them.',
    copyFailed: 'The words could not be copied. Write them down instead.',
    written: 'I have written them down',
    checkTitle: 'Check your recovery key',
    checkLede: 'Type two words from your recovery key, to show that you have kept it.',
    wordLabel: 'Word {n}',
    showAgain: 'Show the words again',
    submit: 'Create my diary',
    creating: 'Creating your diary…',
    doneTitle: 'Your private diary is ready',
    doneSignedIn: 'You are signed in as {username}.',
    doneRemember:
      'To open your diary you need your username and passphrase, or your recovery key if you forget the passphrase.',
    doneLocks:
      'Your diary locks after {minutes} minutes without use, and when you use Exit this page. You can change the time in Settings.',
    goToDiary: 'Go to my diary',
  },
  passphraseErrors: {
    required: 'Enter a passphrase',
    tooShort: 'Passphrase must be at least 12 characters',
    weak: 'Passphrase is too easy to guess. Make it longer or less predictable',
    containsUsername: 'Passphrase must not contain your username',
    confirmRequired: 'Type your passphrase again',
    mismatch: 'The passphrases do not match. Type it again carefully',
  },
  usernameErrors: {
    required: 'Enter a username',
    tooShort: 'Username must be at least 3 characters',
    tooLong: 'Username must be 40 characters or fewer',
    email: 'Do not use an email address as your username',
    characters:
      'Username can only include letters, numbers, dots (.), dashes (-) and underscores (_)',
    taken: 'That username is already taken. Choose a different one',
  },
  recoveryCheckErrors: {
    required: 'Enter word {n} of your recovery key',
    wrong: 'Word {n} does not match your recovery key. Check what you wrote down',
  },
  settings: {
    title: 'Settings',
    autoLockHeading: 'Auto-lock',
    autoLockLegend: 'Lock my diary after it has not been used for',
    autoLockHint:
      'It also locks when you use Exit this page or close the page. This choice is forgotten when you leave this page.',
    minutes: '{n} minutes',
    minutesOne: '1 minute',
    saveAutoLock: 'Save auto-lock time',
    autoLockSaved: 'Your diary will now lock after {minutes} without use.',
    sessionsHeading: 'Where your diary is open',
    sessionsHint:
      'These are the devices and browsers signed in to your diary. If you do not recognise one, sign it out and change your passphrase.',
    sessionsLoading: 'Finding your devices…',
    sessionsFailed: 'The list of devices could not be loaded.',
    thisDevice: 'This device',
    signedIn: 'Signed in on {date}',
    lastUsed: 'Last used on {date}',
    signOut: 'Sign out',
    signOutDevice: 'Sign out {device}, signed in on {date}',
    signedOutDevice: '{device} has been signed out.',
    noOthers: 'Your diary is not open anywhere else.',
    passphraseHeading: 'Passphrase',
    passphraseHint: 'Changing it does not change your entries or your recovery key.',
    changePassphrase: 'Change passphrase',
    passphraseChanged: 'Your passphrase has been changed. Use the new one next time.',
    deleteHeading: 'Delete your diary',
    deleteHint: 'This deletes your account and every entry, permanently.',
    deleteAccount: 'Delete my diary and account',
  },
  changePassphrase: {
    title: 'Change your passphrase',
    lede: 'Your entries stay as they are: only the lock changes. Your recovery key still works.',
    currentLabel: 'Current passphrase',
    newLabel: 'New passphrase',
    newHint: 'At least 12 characters. Four or more words that do not belong together work well.',
    confirmLabel: 'New passphrase again',
    submit: 'Change passphrase',
    working: 'Changing your passphrase. This takes a few seconds…',
    currentRequired: 'Enter your current passphrase',
    currentWrong: 'Your current passphrase is not right',
    same: 'New passphrase must be different from your current one',
  },
  deleteAccount: {
    title: 'Delete your diary and account',
    warning:
      'This permanently deletes your account and every entry, with all their versions. Nobody can bring them back – not you, and not the service.',
    evidence:
      'If you might need your diary as evidence, for the police or a court, think carefully before you delete it.',
    usernameLabel: 'Type your username to confirm',
    passphraseLabel: 'Your passphrase',
    submit: 'Delete my diary permanently',
    working: 'Deleting your diary…',
    usernameRequired: 'Type your username',
    usernameMismatch: 'That is not the username you are signed in with',
    passphraseRequired: 'Enter your passphrase',
    passphraseWrong: 'Your passphrase is not right',
  },
  recover: {
    caption: 'Lost passphrase',
    title: 'Use your recovery key',
    lede: 'You need the 24 words you wrote down when you created your diary. You will then choose a new passphrase.',
    noKey:
      'Without your passphrase or your recovery key, nobody can open your diary, not even the service. If you have lost both, you can create a new diary.',
    usernameLabel: 'Username',
    wordsLabel: 'Recovery key',
    wordsHint:
      'Type or paste the 24 words in order. Capitals, spaces, commas and numbers do not matter, and the first 4 letters of each word are enough.',
    submit: 'Continue',
    working: 'Checking your recovery key…',
    usernameRequired: 'Enter your username',
    wordsRequired: 'Enter your recovery key',
    wordCount: 'Your recovery key has {count} words. It should have 24',
    unknownWord: 'Word {n} is not a recovery key word. Check its spelling',
    checksum: 'These words are not a valid recovery key. Check each word and their order',
    failed: 'The username or recovery key is not right. Check them and try again',
    expired: 'That took too long, so you need to enter your recovery key again',
    newTitle: 'Choose a new passphrase',
    newLede: 'Your recovery key worked. Choose a new passphrase to open your diary with.',
    newLabel: 'New passphrase',
    confirmLabel: 'New passphrase again',
    save: 'Save and open my diary',
    saving: 'Saving your new passphrase. This takes a few seconds…',
    remember: 'I remember my passphrase',
  },
  secondFactorCode: {
    totpTitle: 'Enter the code from your authenticator app',
    totpLede:
      'Your diary has a second factor. Open the authenticator app on your phone and type the 6-digit code it shows under the name you gave your diary there.',
    totpLabel: 'Code from the app',
    totpHint: 'For example, 123456. The app shows a new code every 30 seconds.',
    useBackup: 'Use a backup code instead',
    backupTitle: 'Enter a backup code',
    backupLede:
      'Use one of the backup codes you saved when you turned on the second factor. Each code works only once.',
    backupLabel: 'Backup code',
    backupHint: 'For example, ABCD-EFGH-JKLM-NPQR. Dashes, spaces and capitals do not matter.',
    useApp: 'Use a code from the app instead',
    submit: 'Open my diary',
    working: 'Checking the code…',
    cancel: 'Cancel and start again',
    totpRequired: 'Enter the 6-digit code from your authenticator app',
    totpFormat: 'The code must be 6 digits, like 123456',
    totpFailed:
      'That code is not right, or it has already been used. Wait for a new code in the app and enter it',
    backupRequired: 'Enter one of your backup codes',
    backupFormat: 'A backup code has 16 letters and numbers, like ABCD-EFGH-JKLM-NPQR',
    backupFailed:
      'That backup code is not right, or it has already been used. Check it and try again',
    signInAgain:
      'Your diary could not be opened with this passphrase any more. Enter your username and passphrase again',
  },
  secondFactor: {
    heading: 'Second factor',
    what: 'A second factor means that opening your diary needs a code from an app on your phone as well as your passphrase.',
    on: 'On: opening your diary needs a code from your authenticator app.',
    off: 'Off: your passphrase alone opens your diary.',
    codesLeft: 'You have {n} backup codes left.',
    codesLeftOne: 'You have 1 backup code left.',
    codesNone: 'You have no backup codes left.',
    codesRenew: 'To get 10 new backup codes, turn the second factor off and then on again.',
    loading: 'Checking your second factor…',
    loadFailed: 'Whether a second factor is on could not be checked.',
    setUp: 'Set up a second factor',
    turnOff: 'Turn off the second factor',
    turnedOn:
      'The second factor is on. Next time you open your diary, you will need a code from the app.',
    turnedOff: 'The second factor is off. Your passphrase alone now opens your diary.',
  },
  secondFactorSetup: {
    title: 'Set up a second factor',
    what: 'A second factor makes your diary harder to open for someone who learns your passphrase. As well as your passphrase, you will type a 6-digit code from an authenticator app on your phone. The code changes every 30 seconds.',
    phone: 'Only do this if nobody else can use your phone.',
    phoneMore:
      'Lock it with a PIN, pattern or fingerprint: someone who can use your phone could see the app. The app will show your diary under a name you choose below, so choose one that does not say what it is for.',
    app: 'You need an authenticator app, such as Google Authenticator, Microsoft Authenticator or Aegis.',
    step1: '1. Add your diary to the app',
    keyIntro:
      'In the app, choose to add an account, then to enter a setup key by hand. Type this key. Spaces do not matter.',
    keyLabel: 'Setup key',
    keySecret: 'Keep this key secret: do not share it or take a screenshot of it.',
    linkIntro: 'If the app is on this device, you can',
    link: 'open the key in your authenticator app',
    step2: '2. Enter the code the app shows',
    codeLabel: 'Code from the app',
    codeHint: 'The 6 digits shown under the name you chose, for example 123456.',
    labelHeading: 'The name your app will show',
    labelLabel: 'Name to show in your authenticator app',
    labelHint:
      'Choose a dull name that would not make anyone curious, such as Notes. Use letters, numbers and spaces, up to 32 characters.',
    labelDefault: 'Notes',
    labelRequired: 'Enter a name for the app to show',
    labelFormat: "Use only letters, numbers, spaces and . _ ' - (up to 32 characters)",
    labelContinue: 'Continue',
    labelShown: 'Your authenticator app will show: {label}.',
    labelChange: 'Change the name',
    submit: 'Turn on the second factor',
    working: 'Checking the code…',
    loading: 'Making a new setup key…',
    loadFailed: 'A setup key could not be made.',
    retry: 'Try again',
    codeRequired: 'Enter the 6-digit code from your authenticator app',
    codeFormat: 'The code must be 6 digits, like 123456',
    codeWrong:
      'That code is not right. Check that the time on your phone is correct, then enter the newest code',
  },
  backupCodes: {
    title: 'Save your backup codes',
    what: 'If you lose your phone or delete the app, you can open your diary with one of these codes instead of a code from the app. Each code works only once.',
    keep: 'Write them on paper and keep it somewhere safe that only you can reach, perhaps with your recovery key.',
    once: 'You will only see these codes once.',
    listLabel: 'Your {n} backup codes',
    saved: 'I have saved them',
    othersHeading: 'Your other devices',
    othersWhat:
      'Devices that were already signed in to your diary stay signed in without a code. If you are not sure who could be using one of them, sign them all out.',
    othersButton: 'Sign out everywhere else',
    othersWorking: 'Signing out your other devices…',
    othersDone: 'Every other device has been signed out. Only this one is still open.',
    othersFailed: 'Your other devices could not be signed out.',
  },
  failedAttempts: {
    heading: 'Someone may have tried to open your diary',
    passphraseOne:
      'Since you last signed in, someone tried once to open your diary with the wrong passphrase.',
    passphrase:
      'Since you last signed in, someone tried {n} times to open your diary with the wrong passphrase.',
    codeOne:
      'Someone used your passphrase once but did not have the code from your authenticator app. They may know your passphrase.',
    code: 'Someone used your passphrase {n} times but did not have the code from your authenticator app. They may know your passphrase.',
    recoveryOne: 'Someone tried once to get in with the wrong recovery key.',
    recovery: 'Someone tried {n} times to get in with the wrong recovery key.',
    last: 'The last try was on {when}.',
    advice: 'If this was you, all is well. If it was not you, change your passphrase now.',
    change: 'Change your passphrase',
    dismiss: 'Hide this message',
  },
  secondFactorOff: {
    title: 'Turn off the second factor',
    lede: 'Your passphrase alone will open your diary, and your backup codes will stop working. You can turn the second factor on again at any time.',
    passphraseLabel: 'Your passphrase',
    submit: 'Turn off the second factor',
    working: 'Turning off the second factor. This takes a few seconds…',
    passphraseRequired: 'Enter your passphrase',
    passphraseWrong: 'Your passphrase is not right',
  },
  backup: {
    heading: 'Backup',
    hint: 'Save everything in your diary, with every version of every entry, as one locked file. If this diary is ever lost or deleted, you can import the file into a new one.',
    export: 'Download a backup',
    import: 'Import a backup',
    exported:
      'Your backup {file} has been downloaded, with {n} entries. Keep it somewhere private.',
    exportedOne: 'Your backup {file} has been downloaded, with 1 entry. Keep it somewhere private.',
  },
  exportBackup: {
    title: 'Download a backup',
    lede: 'The file holds every entry and every earlier version, locked with your passphrase. Nobody can read it without your passphrase – not even the people who run this service.',
    keep: 'Keep the file somewhere private. Anyone with the file and your passphrase could read your diary. Its name has only the date in it, like backup-2026-11-21.json.',
    passphraseLabel: 'Your passphrase',
    passphraseHint:
      'The backup is locked with it. You will need this passphrase to import the backup, even if you change it later.',
    submit: 'Download backup',
    working: 'Making and checking your backup. This takes a few seconds…',
    passphraseRequired: 'Enter your passphrase',
    passphraseWrong: 'Your passphrase is not right',
    unreadable:
      '{n} entries could not be opened, so no backup was made: it could not be brought back. Please tell the organisation that runs this site',
    unreadableOne:
      '1 entry could not be opened, so no backup was made: it could not be brought back. Please tell the organisation that runs this site',
  },
  importBackup: {
    title: 'Import a backup',
    lede: 'Bring the entries in a backup file into this diary, with all their versions. Entries already here stay as they are, and nothing is added twice if you import the same file again.',
    fileLabel: 'Backup file',
    fileHint: 'The file you downloaded, with a name like backup-2026-11-21.json.',
    fileSummary: 'Backup made on {date}, with {n} entries.',
    fileSummaryOne: 'Backup made on {date}, with 1 entry.',
    passphraseLabel: 'Passphrase for this backup',
    passphraseHint: 'The passphrase your diary had when the backup was made.',
    submit: 'Import backup',
    reading: 'Reading the file…',
    checking: 'Checking the backup. This takes a few seconds…',
    storing: 'Importing entry {n} of {total}…',
    fileRequired: 'Select a backup file',
    notABackup: 'The selected file is not a diary backup, or it is damaged',
    tooLarge: 'The selected file is too large to be a diary backup',
    newerVersion:
      'The selected backup was made by a newer version of this service, so it cannot be imported here yet',
    kdfTooWeak:
      'The selected backup asks for weaker protection than this service allows, so it was not opened. It may have been changed by someone else',
    passphraseRequired: 'Enter the passphrase for this backup',
    passphraseWrong:
      'The passphrase does not open this backup. Use the passphrase your diary had when the backup was made',
    altered: 'This backup has been changed or damaged since it was made, so nothing was imported',
    interrupted:
      'Only {done} of {total} entries were imported before a problem. {reason} Import the same file again to add the rest: entries already imported will not be added twice.',
    done: 'Imported {n} entries.',
    doneOne: 'Imported 1 entry.',
    doneNone: 'No new entries were imported.',
    present: '{n} were already in your diary.',
    presentOne: '1 was already in your diary.',
    copies:
      '{n} were added as separate copies, because your diary already had a different version of them.',
    copiesOne:
      '1 was added as a separate copy, because your diary already had a different version of it.',
  },
  /** The app's frame and moving between screens (fix-nav). */
  frame: {
    /** The sign-up screens' caption: {step} of {total}. */
    createStep: 'Create a private diary: step {step} of {total}',
  },
};

export type AccountMessages = typeof en;

const cy: AccountMessages = {
  start: {
    title: 'Eich dyddiadur preifat',
    lede: 'Cadwch gofnod preifat o’r hyn sy’n digwydd i chi: pryd y digwyddodd, beth ddigwyddodd a sut yr effeithiodd arnoch. Gall helpu’r heddlu, eiriolwr neu lys i weld y patrwm cyfan.',
    howHeading: 'Sut mae’n aros yn breifat',
    noEmail:
      'Nid oes angen cyfeiriad e-bost arnoch. Rydych yn dewis enw defnyddiwr a chyfrinymadrodd.',
    encrypted:
      'Mae’r hyn rydych yn ei ysgrifennu yn cael ei gloi (ei amgryptio) ar y ddyfais hon cyn iddo gael ei anfon. Mae Mosaic yn ei storio ond ni all ei ddarllen.',
    nobody:
      'Heb eich cyfrinymadrodd neu eich allwedd adfer, ni all neb agor eich dyddiadur – dim hyd yn oed y bobl sy’n rhedeg y gwasanaeth hwn. Cadwch nhw’n ddiogel.',
    locks:
      'Mae eich dyddiadur yn cloi pan fyddwch yn defnyddio Gadael y dudalen hon, yn cau’r dudalen, neu’n peidio â’i ddefnyddio am sbel.',
    create: 'Creu dyddiadur preifat',
    open: 'Agor fy nyddiadur',
    lost: 'Rydw i wedi colli fy nghyfrinymadrodd',
  },
  create: {
    usernameTitle: 'Dewiswch enw defnyddiwr',
    usernameHint:
      'Byddwch yn ei ddefnyddio gyda’ch cyfrinymadrodd i agor eich dyddiadur. Peidiwch â defnyddio eich enw go iawn na’ch cyfeiriad e-bost: dewiswch rywbeth na fyddai’n dangos pwy ydych chi petai rhywun yn ei weld.',
    usernameRules:
      'Rhwng 3 a 40 nod: llythrennau, rhifau, atalnodau llawn, cysylltnodau neu danlinellau.',
    usernameLabel: 'Enw defnyddiwr',
    passphraseTitle: 'Dewiswch gyfrinymadrodd',
    passphraseHint:
      'Defnyddiwch o leiaf 12 nod. Mae pedwar gair neu fwy nad ydynt yn perthyn i’w gilydd yn gwneud cyfrinymadrodd sy’n gryf ac yn hawdd ei gofio. Os oes rhywun arall yn defnyddio’r ddyfais hon, peidiwch â gadael i’r porwr ei gadw.',
    passphraseLabel: 'Cyfrinymadrodd',
    confirmTitle: 'Teipiwch eich cyfrinymadrodd eto',
    confirmHint: 'Mae hyn yn gwirio eich bod wedi’i deipio fel yr oeddech yn ei fwriadu.',
    confirmLabel: 'Cyfrinymadrodd eto',
    preparing: 'Yn creu’r allweddi sy’n cloi eich dyddiadur. Mae hyn yn cymryd ychydig eiliadau.',
    recoveryTitle: 'Ysgrifennwch eich allwedd adfer',
    recoveryWhat:
      'Os byddwch yn anghofio eich cyfrinymadrodd, y 24 gair hyn yw’r unig ffordd yn ôl i mewn i’ch dyddiadur. Nid yw Mosaic yn cadw copi ac ni all ailosod eich cyfrinymadrodd ar eich rhan.',
    recoveryKeep:
      'Ysgrifennwch y geiriau ar bapur, yn eu trefn, a chadwch y papur rywle diogel lle mai dim ond chi all ei gyrraedd. Gall unrhyw un sydd â’r geiriau hyn a’ch enw defnyddiwr agor eich dyddiadur.',
    recoveryOnce: 'Dim ond unwaith y byddwch yn gweld y geiriau hyn.',
    recoveryListLabel: 'Eich allwedd adfer, 24 gair',
    copy: 'Copïo’r geiriau',
    copyHint:
      'Papur yw’r dewis mwyaf diogel. Mae copïo yn rhoi’r geiriau ar glipfwrdd y ddyfais hon, lle gall apiau eraill eu darllen.',
    copied:
      'Wedi’u copïo. Gludwch nhw mewn man preifat yn unig, yna copïwch rywbeth arall i’w clirio.',
    copyFailed: 'Nid oedd modd copïo’r geiriau. Ysgrifennwch nhw yn lle hynny.',
    written: 'Rydw i wedi’u hysgrifennu',
    checkTitle: 'Gwiriwch eich allwedd adfer',
    checkLede: 'Teipiwch ddau air o’ch allwedd adfer, i ddangos eich bod wedi’i chadw.',
    wordLabel: 'Gair {n}',
    showAgain: 'Dangos y geiriau eto',
    submit: 'Creu fy nyddiadur',
    creating: 'Yn creu eich dyddiadur…',
    doneTitle: 'Mae eich dyddiadur preifat yn barod',
    doneSignedIn: 'Rydych wedi mewngofnodi fel {username}.',
    doneRemember:
      'I agor eich dyddiadur mae angen eich enw defnyddiwr a’ch cyfrinymadrodd arnoch, neu eich allwedd adfer os byddwch yn anghofio’r cyfrinymadrodd.',
    doneLocks:
      'Mae eich dyddiadur yn cloi ar ôl {minutes} munud heb ei ddefnyddio, a phan fyddwch yn defnyddio Gadael y dudalen hon. Gallwch newid yr amser yn y Gosodiadau.',
    goToDiary: 'Mynd i fy nyddiadur',
  },
  passphraseErrors: {
    required: 'Rhowch gyfrinymadrodd',
    tooShort: 'Rhaid i’r cyfrinymadrodd fod o leiaf 12 nod o hyd',
    weak: 'Mae’r cyfrinymadrodd yn rhy hawdd ei ddyfalu. Gwnewch ef yn hirach neu’n llai rhagweladwy',
    containsUsername: 'Ni ddylai’r cyfrinymadrodd gynnwys eich enw defnyddiwr',
    confirmRequired: 'Teipiwch eich cyfrinymadrodd eto',
    mismatch: 'Nid yw’r cyfrinymadroddion yr un fath. Teipiwch ef eto yn ofalus',
  },
  usernameErrors: {
    required: 'Rhowch enw defnyddiwr',
    tooShort: 'Rhaid i’r enw defnyddiwr fod o leiaf 3 nod o hyd',
    tooLong: 'Rhaid i’r enw defnyddiwr fod yn 40 nod neu lai',
    email: 'Peidiwch â defnyddio cyfeiriad e-bost fel eich enw defnyddiwr',
    characters:
      'Dim ond llythrennau, rhifau, atalnodau llawn (.), cysylltnodau (-) a thanlinellau (_) all fod yn yr enw defnyddiwr',
    taken: 'Mae’r enw defnyddiwr hwnnw eisoes yn cael ei ddefnyddio. Dewiswch un gwahanol',
  },
  recoveryCheckErrors: {
    required: 'Rhowch air {n} o’ch allwedd adfer',
    wrong: 'Nid yw gair {n} yn cyfateb i’ch allwedd adfer. Gwiriwch yr hyn a ysgrifennoch',
  },
  settings: {
    title: 'Gosodiadau',
    autoLockHeading: 'Cloi awtomatig',
    autoLockLegend: 'Cloi fy nyddiadur ar ôl iddo beidio â chael ei ddefnyddio am',
    autoLockHint:
      'Mae hefyd yn cloi pan fyddwch yn defnyddio Gadael y dudalen hon neu’n cau’r dudalen. Bydd y dewis hwn yn cael ei anghofio pan fyddwch yn gadael y dudalen hon.',
    minutes: '{n} munud',
    minutesOne: '1 munud',
    saveAutoLock: 'Cadw’r amser cloi awtomatig',
    autoLockSaved: 'Bydd eich dyddiadur nawr yn cloi ar ôl {minutes} heb ei ddefnyddio.',
    sessionsHeading: 'Ble mae eich dyddiadur ar agor',
    sessionsHint:
      'Dyma’r dyfeisiau a’r porwyr sydd wedi mewngofnodi i’ch dyddiadur. Os nad ydych yn adnabod un, allgofnodwch ef a newidiwch eich cyfrinymadrodd.',
    sessionsLoading: 'Yn chwilio am eich dyfeisiau…',
    sessionsFailed: 'Nid oedd modd llwytho’r rhestr o ddyfeisiau.',
    thisDevice: 'Y ddyfais hon',
    signedIn: 'Mewngofnodwyd ar {date}',
    lastUsed: 'Defnyddiwyd ddiwethaf ar {date}',
    signOut: 'Allgofnodi',
    signOutDevice: 'Allgofnodi {device} (mewngofnodwyd ar {date})',
    signedOutDevice: 'Mae {device} wedi cael ei allgofnodi.',
    noOthers: 'Nid yw eich dyddiadur ar agor yn unman arall.',
    passphraseHeading: 'Cyfrinymadrodd',
    passphraseHint: 'Nid yw ei newid yn newid eich cofnodion na’ch allwedd adfer.',
    changePassphrase: 'Newid y cyfrinymadrodd',
    passphraseChanged:
      'Mae eich cyfrinymadrodd wedi cael ei newid. Defnyddiwch yr un newydd y tro nesaf.',
    deleteHeading: 'Dileu eich dyddiadur',
    deleteHint: 'Mae hyn yn dileu eich cyfrif a phob cofnod, yn barhaol.',
    deleteAccount: 'Dileu fy nyddiadur a’m cyfrif',
  },
  changePassphrase: {
    title: 'Newid eich cyfrinymadrodd',
    lede: 'Mae eich cofnodion yn aros fel y maen nhw: dim ond y clo sy’n newid. Mae eich allwedd adfer yn dal i weithio.',
    currentLabel: 'Cyfrinymadrodd presennol',
    newLabel: 'Cyfrinymadrodd newydd',
    newHint:
      'O leiaf 12 nod. Mae pedwar gair neu fwy nad ydynt yn perthyn i’w gilydd yn gweithio’n dda.',
    confirmLabel: 'Cyfrinymadrodd newydd eto',
    submit: 'Newid y cyfrinymadrodd',
    working: 'Yn newid eich cyfrinymadrodd. Mae hyn yn cymryd ychydig eiliadau…',
    currentRequired: 'Rhowch eich cyfrinymadrodd presennol',
    currentWrong: 'Nid yw eich cyfrinymadrodd presennol yn gywir',
    same: 'Rhaid i’r cyfrinymadrodd newydd fod yn wahanol i’r un presennol',
  },
  deleteAccount: {
    title: 'Dileu eich dyddiadur a’ch cyfrif',
    warning:
      'Mae hyn yn dileu eich cyfrif a phob cofnod yn barhaol, gyda’u holl fersiynau. Ni all neb eu cael yn ôl – nid chi, na’r gwasanaeth.',
    evidence:
      'Os gallai fod angen eich dyddiadur arnoch fel tystiolaeth, i’r heddlu neu lys, meddyliwch yn ofalus cyn ei ddileu.',
    usernameLabel: 'Teipiwch eich enw defnyddiwr i gadarnhau',
    passphraseLabel: 'Eich cyfrinymadrodd',
    submit: 'Dileu fy nyddiadur yn barhaol',
    working: 'Yn dileu eich dyddiadur…',
    usernameRequired: 'Teipiwch eich enw defnyddiwr',
    usernameMismatch: 'Nid dyna’r enw defnyddiwr rydych wedi mewngofnodi ag ef',
    passphraseRequired: 'Rhowch eich cyfrinymadrodd',
    passphraseWrong: 'Nid yw eich cyfrinymadrodd yn gywir',
  },
  recover: {
    caption: 'Cyfrinymadrodd wedi’i golli',
    title: 'Defnyddiwch eich allwedd adfer',
    lede: 'Mae angen y 24 gair a ysgrifennoch pan greoch eich dyddiadur. Yna byddwch yn dewis cyfrinymadrodd newydd.',
    noKey:
      'Heb eich cyfrinymadrodd neu eich allwedd adfer, ni all neb agor eich dyddiadur, dim hyd yn oed y gwasanaeth. Os ydych wedi colli’r ddau, gallwch greu dyddiadur newydd.',
    usernameLabel: 'Enw defnyddiwr',
    wordsLabel: 'Allwedd adfer',
    wordsHint:
      'Teipiwch neu gludwch y 24 gair yn eu trefn. Does dim ots am briflythrennau, bylchau, atalnodau na rhifau, ac mae 4 llythyren gyntaf pob gair yn ddigon.',
    submit: 'Parhau',
    working: 'Yn gwirio eich allwedd adfer…',
    usernameRequired: 'Rhowch eich enw defnyddiwr',
    wordsRequired: 'Rhowch eich allwedd adfer',
    wordCount: 'Mae gan eich allwedd adfer {count} gair. Dylai fod ganddi 24',
    unknownWord: 'Nid yw gair {n} yn air allwedd adfer. Gwiriwch ei sillafu',
    checksum: 'Nid yw’r geiriau hyn yn allwedd adfer ddilys. Gwiriwch bob gair a’u trefn',
    failed:
      'Nid yw’r enw defnyddiwr neu’r allwedd adfer yn gywir. Gwiriwch nhw a rhowch gynnig arall arni',
    expired: 'Cymerodd hynny ormod o amser, felly mae angen i chi roi eich allwedd adfer eto',
    newTitle: 'Dewiswch gyfrinymadrodd newydd',
    newLede:
      'Mae eich allwedd adfer wedi gweithio. Dewiswch gyfrinymadrodd newydd i agor eich dyddiadur.',
    newLabel: 'Cyfrinymadrodd newydd',
    confirmLabel: 'Cyfrinymadrodd newydd eto',
    save: 'Cadw ac agor fy nyddiadur',
    saving: 'Yn cadw eich cyfrinymadrodd newydd. Mae hyn yn cymryd ychydig eiliadau…',
    remember: 'Rydw i’n cofio fy nghyfrinymadrodd',
  },
  secondFactorCode: {
    totpTitle: 'Rhowch y cod o’ch ap dilysu',
    totpLede:
      'Mae gan eich dyddiadur ail ffactor. Agorwch yr ap dilysu ar eich ffôn a theipiwch y cod 6 digid y mae’n ei ddangos o dan yr enw a roesoch i’ch dyddiadur yno.',
    totpLabel: 'Cod o’r ap',
    totpHint: 'Er enghraifft, 123456. Mae’r ap yn dangos cod newydd bob 30 eiliad.',
    useBackup: 'Defnyddio cod wrth gefn yn lle hynny',
    backupTitle: 'Rhowch god wrth gefn',
    backupLede:
      'Defnyddiwch un o’r codau wrth gefn a gadwoch pan wnaethoch droi’r ail ffactor ymlaen. Dim ond unwaith y mae pob cod yn gweithio.',
    backupLabel: 'Cod wrth gefn',
    backupHint:
      'Er enghraifft, ABCD-EFGH-JKLM-NPQR. Does dim ots am gysylltnodau, bylchau na phriflythrennau.',
    useApp: 'Defnyddio cod o’r ap yn lle hynny',
    submit: 'Agor fy nyddiadur',
    working: 'Yn gwirio’r cod…',
    cancel: 'Canslo a dechrau eto',
    totpRequired: 'Rhowch y cod 6 digid o’ch ap dilysu',
    totpFormat: 'Rhaid i’r cod fod yn 6 digid, fel 123456',
    totpFailed:
      'Nid yw’r cod hwnnw’n gywir, neu mae eisoes wedi cael ei ddefnyddio. Arhoswch am god newydd yn yr ap a’i roi',
    backupRequired: 'Rhowch un o’ch codau wrth gefn',
    backupFormat: 'Mae gan god wrth gefn 16 o lythrennau a rhifau, fel ABCD-EFGH-JKLM-NPQR',
    backupFailed:
      'Nid yw’r cod wrth gefn hwnnw’n gywir, neu mae eisoes wedi cael ei ddefnyddio. Gwiriwch ef a rhowch gynnig arall arni',
    signInAgain:
      'Nid oedd modd agor eich dyddiadur gyda’r cyfrinymadrodd hwn mwyach. Rhowch eich enw defnyddiwr a’ch cyfrinymadrodd eto',
  },
  secondFactor: {
    heading: 'Ail ffactor',
    what: 'Mae ail ffactor yn golygu bod angen cod o ap ar eich ffôn, yn ogystal â’ch cyfrinymadrodd, i agor eich dyddiadur.',
    on: 'Ymlaen: mae angen cod o’ch ap dilysu i agor eich dyddiadur.',
    off: 'I ffwrdd: mae eich cyfrinymadrodd ar ei ben ei hun yn agor eich dyddiadur.',
    codesLeft: 'Mae gennych {n} cod wrth gefn ar ôl.',
    codesLeftOne: 'Mae gennych 1 cod wrth gefn ar ôl.',
    codesNone: 'Nid oes gennych unrhyw godau wrth gefn ar ôl.',
    codesRenew: 'I gael 10 cod wrth gefn newydd, trowch yr ail ffactor i ffwrdd ac yna ymlaen eto.',
    loading: 'Yn gwirio eich ail ffactor…',
    loadFailed: 'Nid oedd modd gwirio a yw ail ffactor ymlaen.',
    setUp: 'Gosod ail ffactor',
    turnOff: 'Diffodd yr ail ffactor',
    turnedOn:
      'Mae’r ail ffactor ymlaen. Y tro nesaf y byddwch yn agor eich dyddiadur, bydd angen cod o’r ap arnoch.',
    turnedOff:
      'Mae’r ail ffactor i ffwrdd. Mae eich cyfrinymadrodd ar ei ben ei hun bellach yn agor eich dyddiadur.',
  },
  secondFactorSetup: {
    title: 'Gosod ail ffactor',
    what: 'Mae ail ffactor yn ei gwneud yn anoddach i rywun sy’n dysgu eich cyfrinymadrodd agor eich dyddiadur. Yn ogystal â’ch cyfrinymadrodd, byddwch yn teipio cod 6 digid o ap dilysu ar eich ffôn. Mae’r cod yn newid bob 30 eiliad.',
    phone: 'Gwnewch hyn dim ond os na all neb arall ddefnyddio eich ffôn.',
    phoneMore:
      'Clowch ef gyda PIN, patrwm neu ôl bys: gallai rhywun sy’n gallu defnyddio eich ffôn weld yr ap. Bydd yr ap yn dangos eich dyddiadur o dan enw a ddewiswch isod, felly dewiswch un nad yw’n dweud beth yw ei ddiben.',
    app: 'Mae angen ap dilysu arnoch, fel Google Authenticator, Microsoft Authenticator neu Aegis.',
    step1: '1. Ychwanegu eich dyddiadur at yr ap',
    keyIntro:
      'Yn yr ap, dewiswch ychwanegu cyfrif, yna rhoi allwedd gosod â llaw. Teipiwch yr allwedd hon. Does dim ots am fylchau.',
    keyLabel: 'Allwedd gosod',
    keySecret:
      'Cadwch yr allwedd hon yn gyfrinachol: peidiwch â’i rhannu na thynnu llun sgrin ohoni.',
    linkIntro: 'Os yw’r ap ar y ddyfais hon, gallwch',
    link: 'agor yr allwedd yn eich ap dilysu',
    step2: '2. Rhoi’r cod y mae’r ap yn ei ddangos',
    codeLabel: 'Cod o’r ap',
    codeHint: 'Y 6 digid a ddangosir o dan yr enw a ddewisoch, er enghraifft 123456.',
    labelHeading: 'Yr enw y bydd eich ap yn ei ddangos',
    labelLabel: 'Enw i’w ddangos yn eich ap dilysu',
    labelHint:
      'Dewiswch enw diflas na fyddai’n gwneud neb yn chwilfrydig, fel Nodiadau. Defnyddiwch lythrennau, rhifau a bylchau, hyd at 32 nod.',
    labelDefault: 'Nodiadau',
    labelRequired: 'Rhowch enw i’r ap ei ddangos',
    labelFormat: "Defnyddiwch lythrennau, rhifau, bylchau a . _ ' - yn unig (hyd at 32 nod)",
    labelContinue: 'Parhau',
    labelShown: 'Bydd eich ap dilysu yn dangos: {label}.',
    labelChange: 'Newid yr enw',
    submit: 'Troi’r ail ffactor ymlaen',
    working: 'Yn gwirio’r cod…',
    loading: 'Yn creu allwedd gosod newydd…',
    loadFailed: 'Nid oedd modd creu allwedd gosod.',
    retry: 'Rhoi cynnig arall arni',
    codeRequired: 'Rhowch y cod 6 digid o’ch ap dilysu',
    codeFormat: 'Rhaid i’r cod fod yn 6 digid, fel 123456',
    codeWrong:
      'Nid yw’r cod hwnnw’n gywir. Gwiriwch fod yr amser ar eich ffôn yn gywir, yna rhowch y cod mwyaf diweddar',
  },
  backupCodes: {
    title: 'Cadwch eich codau wrth gefn',
    what: 'Os byddwch yn colli eich ffôn neu’n dileu’r ap, gallwch agor eich dyddiadur gydag un o’r codau hyn yn lle cod o’r ap. Dim ond unwaith y mae pob cod yn gweithio.',
    keep: 'Ysgrifennwch nhw ar bapur a chadwch y papur rywle diogel lle mai dim ond chi all ei gyrraedd, efallai gyda’ch allwedd adfer.',
    once: 'Dim ond unwaith y byddwch yn gweld y codau hyn.',
    listLabel: 'Eich {n} cod wrth gefn',
    saved: 'Rydw i wedi’u cadw',
    othersHeading: 'Eich dyfeisiau eraill',
    othersWhat:
      'Mae dyfeisiau a oedd eisoes wedi mewngofnodi i’ch dyddiadur yn aros wedi mewngofnodi heb god. Os nad ydych yn siŵr pwy allai fod yn defnyddio un ohonynt, allgofnodwch nhw i gyd.',
    othersButton: 'Allgofnodi ym mhob man arall',
    othersWorking: 'Yn allgofnodi eich dyfeisiau eraill…',
    othersDone: 'Mae pob dyfais arall wedi’i hallgofnodi. Dim ond yr un hon sy’n dal ar agor.',
    othersFailed: 'Nid oedd modd allgofnodi eich dyfeisiau eraill.',
  },
  failedAttempts: {
    heading: 'Efallai fod rhywun wedi ceisio agor eich dyddiadur',
    passphraseOne:
      'Ers i chi fewngofnodi ddiwethaf, mae rhywun wedi ceisio agor eich dyddiadur unwaith gyda’r cyfrinymadrodd anghywir.',
    passphrase:
      'Ers i chi fewngofnodi ddiwethaf, mae rhywun wedi ceisio agor eich dyddiadur {n} o weithiau gyda’r cyfrinymadrodd anghywir.',
    codeOne:
      'Mae rhywun wedi defnyddio eich cyfrinymadrodd unwaith ond nid oedd ganddo’r cod o’ch ap dilysu. Efallai ei fod yn gwybod eich cyfrinymadrodd.',
    code: 'Mae rhywun wedi defnyddio eich cyfrinymadrodd {n} o weithiau ond nid oedd ganddo’r cod o’ch ap dilysu. Efallai ei fod yn gwybod eich cyfrinymadrodd.',
    recoveryOne: 'Mae rhywun wedi ceisio mynd i mewn unwaith gyda’r allwedd adfer anghywir.',
    recovery: 'Mae rhywun wedi ceisio mynd i mewn {n} o weithiau gyda’r allwedd adfer anghywir.',
    last: 'Roedd yr ymgais olaf ar {when}.',
    advice:
      'Os mai chi oedd hyn, mae popeth yn iawn. Os nad chi oedd e, newidiwch eich cyfrinymadrodd nawr.',
    change: 'Newid eich cyfrinymadrodd',
    dismiss: 'Cuddio’r neges hon',
  },
  secondFactorOff: {
    title: 'Diffodd yr ail ffactor',
    lede: 'Bydd eich cyfrinymadrodd ar ei ben ei hun yn agor eich dyddiadur, a bydd eich codau wrth gefn yn peidio â gweithio. Gallwch droi’r ail ffactor ymlaen eto unrhyw bryd.',
    passphraseLabel: 'Eich cyfrinymadrodd',
    submit: 'Diffodd yr ail ffactor',
    working: 'Yn diffodd yr ail ffactor. Mae hyn yn cymryd ychydig eiliadau…',
    passphraseRequired: 'Rhowch eich cyfrinymadrodd',
    passphraseWrong: 'Nid yw eich cyfrinymadrodd yn gywir',
  },
  backup: {
    heading: 'Copi wrth gefn',
    hint: 'Cadwch bopeth yn eich dyddiadur, gyda phob fersiwn o bob cofnod, fel un ffeil wedi’i chloi. Os bydd y dyddiadur hwn yn cael ei golli neu ei ddileu, gallwch fewnforio’r ffeil i un newydd.',
    export: 'Lawrlwytho copi wrth gefn',
    import: 'Mewnforio copi wrth gefn',
    exported:
      'Mae eich copi wrth gefn {file} wedi cael ei lawrlwytho, gyda {n} cofnod. Cadwch ef mewn man preifat.',
    exportedOne:
      'Mae eich copi wrth gefn {file} wedi cael ei lawrlwytho, gydag 1 cofnod. Cadwch ef mewn man preifat.',
  },
  exportBackup: {
    title: 'Lawrlwytho copi wrth gefn',
    lede: 'Mae’r ffeil yn cynnwys pob cofnod a phob fersiwn gynharach, wedi’u cloi gyda’ch cyfrinymadrodd. Ni all neb ei darllen heb eich cyfrinymadrodd – dim hyd yn oed y bobl sy’n rhedeg y gwasanaeth hwn.',
    keep: 'Cadwch y ffeil mewn man preifat. Gallai unrhyw un sydd â’r ffeil a’ch cyfrinymadrodd ddarllen eich dyddiadur. Dim ond y dyddiad sydd yn ei henw, fel backup-2026-11-21.json.',
    passphraseLabel: 'Eich cyfrinymadrodd',
    passphraseHint:
      'Mae’r copi wrth gefn wedi’i gloi ag ef. Bydd angen y cyfrinymadrodd hwn arnoch i fewnforio’r copi, hyd yn oed os byddwch yn ei newid yn nes ymlaen.',
    submit: 'Lawrlwytho’r copi wrth gefn',
    working: 'Yn creu ac yn gwirio eich copi wrth gefn. Mae hyn yn cymryd ychydig eiliadau…',
    passphraseRequired: 'Rhowch eich cyfrinymadrodd',
    passphraseWrong: 'Nid yw eich cyfrinymadrodd yn gywir',
    unreadable:
      'Nid oedd modd agor {n} cofnod, felly ni chafodd copi wrth gefn ei greu: ni fyddai modd ei adfer. Rhowch wybod i’r sefydliad sy’n rhedeg y wefan hon',
    unreadableOne:
      'Nid oedd modd agor 1 cofnod, felly ni chafodd copi wrth gefn ei greu: ni fyddai modd ei adfer. Rhowch wybod i’r sefydliad sy’n rhedeg y wefan hon',
  },
  importBackup: {
    title: 'Mewnforio copi wrth gefn',
    lede: 'Dewch â’r cofnodion mewn ffeil wrth gefn i’r dyddiadur hwn, gyda’u holl fersiynau. Mae’r cofnodion sydd yma eisoes yn aros fel y maen nhw, ac nid oes dim yn cael ei ychwanegu ddwywaith os byddwch yn mewnforio’r un ffeil eto.',
    fileLabel: 'Ffeil wrth gefn',
    fileHint: 'Y ffeil a lawrlwythoch, gydag enw fel backup-2026-11-21.json.',
    fileSummary: 'Copi wrth gefn a wnaed ar {date}, gyda {n} cofnod.',
    fileSummaryOne: 'Copi wrth gefn a wnaed ar {date}, gydag 1 cofnod.',
    passphraseLabel: 'Cyfrinymadrodd y copi wrth gefn hwn',
    passphraseHint: 'Y cyfrinymadrodd oedd gan eich dyddiadur pan wnaed y copi wrth gefn.',
    submit: 'Mewnforio’r copi wrth gefn',
    reading: 'Yn darllen y ffeil…',
    checking: 'Yn gwirio’r copi wrth gefn. Mae hyn yn cymryd ychydig eiliadau…',
    storing: 'Yn mewnforio cofnod {n} o {total}…',
    fileRequired: 'Dewiswch ffeil wrth gefn',
    notABackup: 'Nid yw’r ffeil a ddewiswyd yn gopi wrth gefn o ddyddiadur, neu mae wedi’i difrodi',
    tooLarge: 'Mae’r ffeil a ddewiswyd yn rhy fawr i fod yn gopi wrth gefn o ddyddiadur',
    newerVersion:
      'Cafodd y copi wrth gefn a ddewiswyd ei wneud gan fersiwn mwy newydd o’r gwasanaeth hwn, felly nid oes modd ei fewnforio yma eto',
    kdfTooWeak:
      'Mae’r copi wrth gefn a ddewiswyd yn gofyn am ddiogelwch gwannach nag y mae’r gwasanaeth hwn yn ei ganiatáu, felly ni chafodd ei agor. Efallai fod rhywun arall wedi’i newid',
    passphraseRequired: 'Rhowch gyfrinymadrodd y copi wrth gefn hwn',
    passphraseWrong:
      'Nid yw’r cyfrinymadrodd yn agor y copi wrth gefn hwn. Defnyddiwch y cyfrinymadrodd oedd gan eich dyddiadur pan wnaed y copi',
    altered:
      'Mae’r copi wrth gefn hwn wedi cael ei newid neu ei ddifrodi ers iddo gael ei wneud, felly ni chafodd dim ei fewnforio',
    interrupted:
      'Dim ond {done} o {total} cofnod a gafodd eu mewnforio cyn i broblem godi. {reason} Mewnforiwch yr un ffeil eto i ychwanegu’r gweddill: ni fydd cofnodion sydd eisoes wedi’u mewnforio yn cael eu hychwanegu ddwywaith.',
    done: 'Mewnforiwyd {n} cofnod.',
    doneOne: 'Mewnforiwyd 1 cofnod.',
    doneNone: 'Ni chafodd unrhyw gofnodion newydd eu mewnforio.',
    present: 'Roedd {n} eisoes yn eich dyddiadur.',
    presentOne: 'Roedd 1 eisoes yn eich dyddiadur.',
    copies:
      'Cafodd {n} eu hychwanegu fel copïau ar wahân, oherwydd bod fersiwn wahanol ohonynt eisoes yn eich dyddiadur.',
    copiesOne:
      'Cafodd 1 ei ychwanegu fel copi ar wahân, oherwydd bod fersiwn wahanol ohono eisoes yn eich dyddiadur.',
  },
  frame: {
    createStep: 'Creu dyddiadur preifat: cam {step} o {total}',
  },
};

export const ACCOUNT_MESSAGES: Readonly<Record<AppLocale, AccountMessages>> = { en, cy };
