/**
 * The summary the command-line preview prints (and the vault's import preview shows): counts of
 * messages and calls per sender, and the first and last times.
 */
import { localToInstant } from './time.js';
import type { ImportFormat, ImportResult } from './types.js';

/** One sender's counts. The owner's entry carries `owner: true`. */
export interface PreviewSender {
  sender: string;
  /** The display name, when the sender key is a number or an address and the export names it. */
  name?: string;
  messages: number;
  calls: number;
  owner?: true;
}

/**
 * `first` and `last` are ISO 8601: exact instants (`…Z`) when every item has one; otherwise the
 * wall times as written (`YYYY-MM-DDTHH:mm[:ss]`, no offset) — unless a time zone was given, in
 * which case wall times are converted to instants in it.
 */
export interface ImportPreview {
  format: ImportFormat;
  messages: number;
  calls: number;
  senders: PreviewSender[];
  first: string | null;
  last: string | null;
}

/**
 * Summarises an import.
 *
 * @example
 * previewOf(await importFile(bytes)); // { format, messages, calls, senders, first, last }
 */
export function previewOf(
  result: ImportResult,
  options: { timeZone?: string } = {},
): ImportPreview {
  let messages = 0;
  let calls = 0;
  for (const item of result.items) {
    if (item.kind === 'call') calls++;
    else messages++;
  }
  const senders = result.participants.map((p) => {
    const s: PreviewSender = { sender: p.sender, messages: p.messages, calls: p.calls };
    if (p.name !== undefined) s.name = p.name;
    if (p.isOwner) s.owner = true;
    return s;
  });
  const dated = result.items.filter((i) => i.at.instant !== undefined || i.at.local !== undefined);
  const allInstants = dated.every((i) => i.at.instant !== undefined);
  const zone = options.timeZone;
  let first: string | null = null;
  let last: string | null = null;
  for (const item of dated) {
    let t: string | undefined;
    if (allInstants) t = item.at.instant;
    else if (zone !== undefined) {
      t =
        item.at.instant ??
        (item.at.local !== undefined ? localToInstant(item.at.local, zone) : undefined);
    } else t = item.at.local ?? item.at.instant;
    if (t === undefined) continue;
    if (first === null || t < first) first = t;
    if (last === null || t > last) last = t;
  }
  return { format: result.format, messages, calls, senders, first, last };
}
