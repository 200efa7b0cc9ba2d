/**
 * The words of the bundle checker: the /verify page (src/web/pages/VerifyPage.tsx), its script
 * (src/web/verify/) and verify.html inside every bundle. The Welsh table has the English table's
 * type, so a missing string is a compile error. The checker's own lines (src/report/verify.ts)
 * are in English: they name files and codes an officer or a forensic tool reads.
 */
import type { Locale } from '../../domain/locales.js';

const en = {
  /** The link in every public page's footer. */
  footerLink: 'Check an evidence bundle',
  title: 'Check an evidence bundle',
  description:
    'Check that an evidence bundle from a private diary has not been changed. The file stays on your device.',
  intro:
    'An evidence bundle is a .zip file made from a private diary. It holds a report, the diary entries, the evidence files, and proof that none of them have changed since they were saved.',
  whoFor:
    'Anyone can use this page: the person who kept the diary, a police officer, a lawyer or a court.',
  private:
    'Your file stays on this device. This page checks it here and does not send it anywhere.',
  noScript:
    'This check needs JavaScript, because it runs on your device. You can also check a bundle with the command in its HOW-TO-VERIFY.txt file.',
  fileLabel: 'Choose the bundle (a .zip file)',
  fileHint: 'You can also drag the file onto this box.',
  keyLabel: 'The log key (you do not have to fill this in)',
  keyHint:
    'This is our log key. If the bundle came from another organisation, put their key here, or leave this empty.',
  check: 'Check the bundle',
  /** {name} is the file's name. */
  checking: 'Checking {name}. A big file can take a few minutes.',
  stop: 'Stop checking',
  stopped: 'Checking stopped. To start again, choose "Check the bundle".',
  noFile: 'Choose a .zip file first.',
  couldNotRun:
    'The check could not run in this browser. Try another browser, or use the command in HOW-TO-VERIFY.txt.',
  resultsHeading: 'What was checked',
  /** The verdict, in the page's language (the lines below stay as the checker wrote them). */
  passed: 'Passed: every file, entry, exhibit and proof checks out.',
  passedUnproven:
    'Passed, but some saved versions have no proof of when they were written. The notes below say which.',
  /** {n} is how many checks found a problem. */
  failed:
    'Failed: {n} of the checks found a problem. Do not rely on this bundle without asking how it was made.',
  ok: 'OK',
  fail: 'Problem',
  note: 'Note',
  /** Said on pages in other languages than English, before the lines. */
  inEnglish: '',
  offline:
    'Every bundle also holds a file called verify.html. Open it in a web browser to check that bundle without the internet.',
};

export type VerifyMessages = typeof en;

const cy: VerifyMessages = {
  footerLink: 'Gwirio bwndel tystiolaeth',
  title: 'Gwirio bwndel tystiolaeth',
  description:
    "Gwiriwch nad yw bwndel tystiolaeth o ddyddiadur preifat wedi cael ei newid. Mae'r ffeil yn aros ar eich dyfais.",
  intro:
    "Ffeil .zip yw bwndel tystiolaeth, wedi'i gwneud o ddyddiadur preifat. Mae'n cynnwys adroddiad, cofnodion y dyddiadur, y ffeiliau tystiolaeth, a phrawf nad oes dim un ohonyn nhw wedi newid ers iddyn nhw gael eu cadw.",
  whoFor:
    "Gall unrhyw un ddefnyddio'r dudalen hon: y person a gadwodd y dyddiadur, swyddog heddlu, cyfreithiwr neu lys.",
  private:
    "Mae eich ffeil yn aros ar y ddyfais hon. Mae'r dudalen hon yn ei gwirio yma, a dydy hi ddim yn ei hanfon i unman.",
  noScript:
    "Mae angen JavaScript ar y gwiriad hwn, oherwydd mae'n rhedeg ar eich dyfais. Gallwch hefyd wirio bwndel gyda'r gorchymyn yn ei ffeil HOW-TO-VERIFY.txt.",
  fileLabel: 'Dewiswch y bwndel (ffeil .zip)',
  fileHint: "Gallwch hefyd lusgo'r ffeil i'r blwch hwn.",
  keyLabel: "Allwedd y log (does dim rhaid i chi lenwi'r blwch hwn)",
  keyHint:
    'Dyma ein hallwedd log ni. Os daeth y bwndel gan sefydliad arall, rhowch eu hallwedd nhw yma, neu gadewch y blwch hwn yn wag.',
  check: "Gwirio'r bwndel",
  checking: 'Yn gwirio {name}. Gall ffeil fawr gymryd ychydig funudau.',
  stop: 'Stopio gwirio',
  stopped: 'Mae\'r gwirio wedi stopio. I ddechrau eto, dewiswch "Gwirio\'r bwndel".',
  noFile: 'Dewiswch ffeil .zip yn gyntaf.',
  couldNotRun:
    'Doedd dim modd gwneud y gwiriad yn y porwr hwn. Rhowch gynnig ar borwr arall, neu defnyddiwch y gorchymyn yn HOW-TO-VERIFY.txt.',
  resultsHeading: 'Beth gafodd ei wirio',
  passed: 'Wedi pasio: mae pob ffeil, cofnod, arddangosyn a phrawf yn gywir.',
  passedUnproven:
    "Wedi pasio, ond does dim prawf o bryd cafodd rhai fersiynau eu hysgrifennu. Mae'r nodiadau isod yn dweud pa rai.",
  failed:
    "Wedi methu: daeth {n} o'r gwiriadau o hyd i broblem. Peidiwch â dibynnu ar y bwndel hwn heb ofyn sut cafodd ei wneud.",
  ok: 'Iawn',
  fail: 'Problem',
  note: 'Nodyn',
  inEnglish: 'Mae manylion pob gwiriad yn Saesneg.',
  offline:
    "Mae gan bob bwndel ffeil o'r enw verify.html hefyd. Agorwch hi mewn porwr gwe i wirio'r bwndel hwnnw heb y rhyngrwyd.",
};

export const VERIFY_MESSAGES: Readonly<Record<Locale, VerifyMessages>> = { en, cy };
