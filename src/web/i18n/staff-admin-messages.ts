/**
 * The words of an administrator's page about one staff account (/staff/members/<login>). The
 * Welsh table has the English table's type, so a missing string is a compile error.
 */
import type { Locale } from '../../domain/locales.js';

const en = {
  manage: 'Manage',
  title: 'Staff account: {name}',
  back: 'All staff accounts',
  role: 'Role: {role}',
  passkeys: 'Passkeys',
  passkeysNone: 'No passkeys.',
  passkeyAdded: 'Passkey added {when}',
  removePasskey: 'Remove this passkey',
  codes: 'Codes from an authenticator app',
  codesOn: 'Set up.',
  codesOff: 'Not set up.',
  resetCodes: 'Reset codes',
  resetHint:
    'Use this if they lost their phone or security key. It signs them out everywhere and makes a new link for them to set up again.',
  remove: 'Remove this person',
  removeHint:
    'They are signed out at once and can no longer sign in. The audit log keeps what they did.',
  removeSelf: 'You cannot remove your own account.',
  removed: '{login} was removed and signed out everywhere.',
  newLink:
    'Done. {name} is signed out everywhere. Send them this link in a safe way. It works once, for 3 days.',
};

export type StaffAdminMessages = typeof en;

const cy: StaffAdminMessages = {
  manage: 'Rheoli',
  title: 'Cyfrif staff: {name}',
  back: 'Pob cyfrif staff',
  role: 'Rôl: {role}',
  passkeys: 'Allweddi mynediad',
  passkeysNone: 'Dim allweddi mynediad.',
  passkeyAdded: 'Allwedd mynediad wedi’i hychwanegu {when}',
  removePasskey: 'Tynnu’r allwedd mynediad hon',
  codes: 'Codau o ap dilysu',
  codesOn: 'Wedi’u sefydlu.',
  codesOff: 'Heb eu sefydlu.',
  resetCodes: 'Ailosod codau',
  resetHint:
    'Defnyddiwch hwn os ydyn nhw wedi colli eu ffôn neu allwedd ddiogelwch. Mae’n eu hallgofnodi ym mhobman ac yn gwneud dolen newydd iddyn nhw sefydlu eto.',
  remove: 'Tynnu’r person hwn',
  removeHint:
    'Maen nhw’n cael eu hallgofnodi ar unwaith a dydyn nhw ddim yn gallu mewngofnodi mwyach. Mae’r log archwilio yn cadw’r hyn a wnaethon nhw.',
  removeSelf: 'Allwch chi ddim tynnu eich cyfrif eich hun.',
  removed: 'Cafodd {login} ei dynnu a’i allgofnodi ym mhobman.',
  newLink:
    'Wedi’i wneud. Mae {name} wedi’i allgofnodi ym mhobman. Anfonwch y ddolen hon ato mewn ffordd ddiogel. Mae’n gweithio unwaith, am 3 diwrnod.',
};

export const STAFF_ADMIN_MESSAGES: Readonly<Record<Locale, StaffAdminMessages>> = { en, cy };
