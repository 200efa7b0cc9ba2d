/**
 * The person who did it (step 1 in plan.ts): which phone numbers, addresses and accounts the
 * chosen senders bring to their person record, and a name to suggest for it.
 */
import { looksLikePhoneNumber, normalisePhoneNumber } from './phone.js';
import {
  OWNER_SENDER,
  WITHHELD_SENDER,
  type ImportResult,
  type ItemChannel,
  type Participant,
} from './types.js';
import { cutText } from './plan-incidents.js';

export interface SenderLinks {
  /** Phone numbers, normalised (`+447700900123`). */
  readonly phones: string[];
  readonly emails: string[];
  readonly accounts: { readonly platform: string; readonly handle: string }[];
}

/** What a person record already holds, to add nothing twice. */
export interface PersonContacts {
  readonly phones: readonly { readonly number: string }[];
  readonly emails: readonly string[];
  readonly accounts: readonly { readonly platform?: string | undefined; readonly handle: string }[];
}

const EMAIL = /^[^\s@]+@[^\s@]+$/;
/** Platforms where the export names a sender by their own account, not an owner's contact. */
const ACCOUNT_PLATFORMS: Partial<Record<ItemChannel, string>> = {
  telegram: 'Telegram',
  facebook: 'Facebook',
  instagram: 'Instagram',
};

/**
 * The phone numbers, email addresses and accounts of the chosen senders that the person record
 * does not hold yet. A WhatsApp display name is the owner's name for a contact, not an account,
 * so it adds nothing; withheld numbers and the owner add nothing either.
 *
 * @example
 * senderLinks(result, ['+447700900123']) // { phones: ['+447700900123'], emails: [], accounts: [] }
 */
export function senderLinks(
  result: Pick<ImportResult, 'items'>,
  senders: readonly string[],
  existing?: PersonContacts,
): SenderLinks {
  const wanted = new Set(senders);
  const channelOf = new Map<string, { channel: ItemChannel; id?: string | undefined }>();
  for (const item of result.items) {
    if (wanted.has(item.sender) && !channelOf.has(item.sender)) {
      channelOf.set(item.sender, { channel: item.channel, id: item.senderId });
    }
  }
  const havePhones = new Set((existing?.phones ?? []).map((p) => normalisePhoneNumber(p.number)));
  const haveEmails = new Set((existing?.emails ?? []).map((e) => e.toLowerCase()));
  const haveAccounts = new Set(
    (existing?.accounts ?? []).map((a) => `${(a.platform ?? '').toLowerCase()}\n${a.handle}`),
  );
  const links: SenderLinks = { phones: [], emails: [], accounts: [] };
  for (const sender of senders) {
    if (sender === WITHHELD_SENDER || sender === OWNER_SENDER || sender === '') continue;
    if (EMAIL.test(sender) && sender.length <= 254) {
      const email = sender.toLowerCase();
      if (!haveEmails.has(email)) links.emails.push(email);
      haveEmails.add(email);
      continue;
    }
    if (looksLikePhoneNumber(sender)) {
      const number = normalisePhoneNumber(sender);
      if (number.length <= 40 && !havePhones.has(number)) links.phones.push(number);
      havePhones.add(number);
      continue;
    }
    const seen = channelOf.get(sender);
    const platform = seen === undefined ? undefined : ACCOUNT_PLATFORMS[seen.channel];
    if (platform === undefined) continue;
    const handle = cutText(sender, 200);
    const key = `${platform.toLowerCase()}\n${handle}`;
    if (!haveAccounts.has(key)) links.accounts.push({ platform, handle });
    haveAccounts.add(key);
  }
  return links;
}

/**
 * A name to suggest for a new person record: the first chosen sender's display name, or the
 * sender itself when it is a name rather than a number or an address.
 */
export function suggestedName(
  participants: readonly Participant[],
  senders: readonly string[],
): string {
  for (const sender of senders) {
    const p = participants.find((x) => x.sender === sender);
    if (p?.name !== undefined && p.name.trim() !== '') return cutText(p.name.trim(), 200);
    if (
      sender !== WITHHELD_SENDER &&
      sender !== OWNER_SENDER &&
      !EMAIL.test(sender) &&
      !looksLikePhoneNumber(sender)
    ) {
      return cutText(sender, 200);
    }
  }
  return '';
}
