/**
 * The words of the staff area's support services pages (/staff/services). The Welsh table has
 * the English table's type, so a missing string is a compile error.
 */
import type { Locale } from '../../domain/locales.js';

const en = {
  title: 'Local support services',
  intro:
    'These are the local services and helplines on the “Get help” page. Changes show on the website straight away.',
  national:
    'National helplines, and the emergency and police numbers, come with Mosaic. You cannot change them here.',
  none: 'There are no local services yet.',
  add: 'Add a service',
  edit: 'Edit',
  newTitle: 'Add a local service',
  editTitle: 'Edit {name}',
  key: 'Short name',
  keyHint: 'Used in the web address. Small letters, numbers and dashes. It cannot change later.',
  keyFixed: 'Short name: {key}',
  name: 'Name',
  description: 'What the service does',
  area: 'Area it covers',
  areaHint: 'For example: Cardiff and the Vale',
  phoneNote: 'Note beside the phone number',
  phoneNoteHint: 'Optional. For example: free from mobiles and landlines.',
  phone: 'Phone number',
  phoneHint: 'A UK number, like 0808 802 0300. Leave empty if there is only a website.',
  website: 'Website address',
  websiteHint: 'Optional. It must start with https://',
  hours: 'Opening hours',
  hoursHint:
    'One line for each set of days, like “mon tue wed thu fri 09:00-17:00”. Write “always” if it never closes. Leave empty if you do not know.',
  audiences: 'Who is it for?',
  inLanguage: 'In {language}',
  englishNeeded: 'The English name, area and description are shown when there is no other version.',
  save: 'Save',
  saved: 'Saved. The website shows the change now.',
  deleted: 'Deleted. It is no longer on the website.',
  delete: 'Delete this service',
  deleteHint: 'It goes from the website at once. This cannot be undone.',
  view: 'See the “Get help” page',
};

export type StaffServicesMessages = typeof en;

const cy: StaffServicesMessages = {
  title: 'Gwasanaethau cymorth lleol',
  intro:
    'Dyma’r gwasanaethau a’r llinellau cymorth lleol ar y dudalen “Cael help”. Mae newidiadau’n dangos ar y wefan yn syth.',
  national:
    'Mae llinellau cymorth cenedlaethol, a rhifau argyfwng a’r heddlu, yn dod gyda Mosaic. Allwch chi ddim eu newid nhw yma.',
  none: 'Does dim gwasanaethau lleol eto.',
  add: 'Ychwanegu gwasanaeth',
  edit: 'Golygu',
  newTitle: 'Ychwanegu gwasanaeth lleol',
  editTitle: 'Golygu {name}',
  key: 'Enw byr',
  keyHint:
    'Caiff ei ddefnyddio yn y cyfeiriad gwe. Llythrennau bach, rhifau a llinellau toriad. Allwch chi ddim ei newid wedyn.',
  keyFixed: 'Enw byr: {key}',
  name: 'Enw',
  description: 'Beth mae’r gwasanaeth yn ei wneud',
  area: 'Yr ardal mae’n ei chwmpasu',
  areaHint: 'Er enghraifft: Caerdydd a’r Fro',
  phoneNote: 'Nodyn wrth y rhif ffôn',
  phoneNoteHint: 'Dewisol. Er enghraifft: am ddim o ffonau symudol a llinellau tir.',
  phone: 'Rhif ffôn',
  phoneHint: 'Rhif yn y DU, fel 0808 802 0300. Gadewch yn wag os mai dim ond gwefan sydd.',
  website: 'Cyfeiriad y wefan',
  websiteHint: 'Dewisol. Rhaid iddo ddechrau gyda https://',
  hours: 'Oriau agor',
  hoursHint:
    'Un llinell ar gyfer pob set o ddiwrnodau, fel “mon tue wed thu fri 09:00-17:00” (dyddiau yn Saesneg). Ysgrifennwch “always” os nad yw byth yn cau. Gadewch yn wag os nad ydych chi’n gwybod.',
  audiences: 'I bwy mae e?',
  inLanguage: 'Yn {language}',
  englishNeeded: 'Mae’r enw, yr ardal a’r disgrifiad Saesneg yn dangos pan nad oes fersiwn arall.',
  save: 'Cadw',
  saved: 'Wedi’i gadw. Mae’r wefan yn dangos y newid nawr.',
  deleted: 'Wedi’i ddileu. Nid yw ar y wefan mwyach.',
  delete: 'Dileu’r gwasanaeth hwn',
  deleteHint: 'Mae’n diflannu o’r wefan ar unwaith. Allwch chi ddim dadwneud hyn.',
  view: 'Gweld y dudalen “Cael help”',
};

export const STAFF_SERVICES_MESSAGES: Readonly<Record<Locale, StaffServicesMessages>> = { en, cy };
