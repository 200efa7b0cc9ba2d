/**
 * National helplines for England and Wales (see FACTS.md §6). This list and the organisation
 * profile are the only places a phone number is written; pages refer to a helpline by its key,
 * so a number can never disagree between two pages.
 *
 * Services whose details FACTS.md marks "check" are left out until they are confirmed.
 */
import type { LocalisedText } from './localised-text.js';

export interface Helpline {
  readonly key: string;
  readonly name: LocalisedText;
  /** As people dial it, spaces allowed: "0808 802 0300". */
  readonly phone: string;
  readonly note?: LocalisedText | undefined;
}

export const NATIONAL_HELPLINES: readonly Helpline[] = [
  {
    key: 'emergency',
    name: { en: 'Police emergency', cy: 'Argyfwng yr heddlu' },
    phone: '999',
    note: {
      en: 'If you cannot speak on a mobile, stay on the line and press 55 when asked.',
      cy: 'Os na allwch siarad ar ffôn symudol, arhoswch ar y lein a phwyso 55 pan ofynnir i chi.',
    },
  },
  {
    key: 'police-non-emergency',
    name: { en: 'Police non-emergency', cy: "Heddlu, pan nad yw'n argyfwng" },
    phone: '101',
  },
  {
    key: 'national-stalking-helpline',
    name: { en: 'National Stalking Helpline', cy: 'Llinell Gymorth Genedlaethol Stelcio' },
    phone: '0808 802 0300',
  },
  {
    key: 'paladin',
    name: {
      en: 'Paladin National Stalking Advocacy Service',
      cy: 'Paladin, Gwasanaeth Eiriolaeth Stelcio Cenedlaethol',
    },
    phone: '020 3866 4107',
  },
  {
    key: 'victims-information-service',
    name: { en: 'Victims Information Service', cy: 'Gwasanaeth Gwybodaeth i Ddioddefwyr' },
    phone: '0808 168 9293',
  },
  {
    key: 'national-domestic-abuse-helpline',
    name: {
      en: 'National Domestic Abuse Helpline',
      cy: 'Llinell Gymorth Genedlaethol Cam-drin Domestig',
    },
    phone: '0808 2000 247',
    note: { en: 'Free, 24 hours a day.', cy: 'Am ddim, 24 awr y dydd.' },
  },
  {
    key: 'victim-support',
    name: { en: 'Victim Support Supportline', cy: 'Llinell Gymorth Cymorth i Ddioddefwyr' },
    phone: '08 08 16 89 111',
  },
  {
    key: 'childline',
    name: { en: 'Childline (under 19)', cy: 'Childline (dan 19 oed)' },
    phone: '0800 1111',
  },
  {
    key: 'samaritans',
    name: { en: 'Samaritans', cy: 'Samariaid' },
    phone: '116 123',
  },
];

/** The `tel:` form of a number as people write it: "0808 802 0300" → "tel:08088020300". */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}
