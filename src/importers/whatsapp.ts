/**
 * WhatsApp "Export chat" text (`WhatsApp Chat with Alex.txt`, or `_chat.txt` inside the zip).
 *
 * One line starts each message: a timestamp, then the sender and the text.
 *
 * ```text
 * 12/03/2024, 14:05 - Alex: Where are you?                   Android, 24-hour, day-first
 * 3/12/24, 2:05 PM - Alex: Where are you?                    Android, 12-hour, month-first
 * [12/03/2024, 14:05:33] Alex: Where are you?                iPhone, with seconds
 * [2024-03-12 14:05:33] ~ Sam: hi                            year-first; unsaved contact
 * 12/03/2024, 14:05 - Messages and calls are end-to-end…     Android system line (no sender)
 * [12/03/2024, 14:05:33] Alex: ‎image omitted                iPhone marker, led by U+200E
 * ```
 *
 * Lines that do not start with a timestamp continue the message before them. The line-start
 * scanner is hand-written and looks at no more than about 60 characters of a line, so a file of
 * near-miss lines costs work in proportion to its length (see `ImportStats`).
 *
 * This file is the importer's face: the line-start scanner is whatsapp-header.ts, what a
 * message's line says whatsapp-message.ts, and the parser itself whatsapp-parser.ts.
 */
import type { ImportResult } from './types.js';
import { WhatsAppParser, type WhatsAppOptions } from './whatsapp-parser.js';

export { startsWithWhatsAppStamp } from './whatsapp-header.js';
export { chatNameFromFileName, isWhatsAppFileName, mimeFromName } from './whatsapp-message.js';
export { WhatsAppParser, type WhatsAppOptions } from './whatsapp-parser.js';

/**
 * Parses a whole WhatsApp export held as text.
 *
 * @example
 * const result = parseWhatsAppText('12/03/2024, 14:05 - Alex: Where are you?\n');
 * result.items[0]?.at.local; // '2024-03-12T14:05'
 */
export function parseWhatsAppText(text: string, options: WhatsAppOptions = {}): ImportResult {
  const parser = new WhatsAppParser(options);
  let start = 0;
  const batch: string[] = [];
  const n = text.length;
  let i = 0;
  if (text.charCodeAt(0) === 0xfeff) start = i = 1;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c !== 10 && c !== 13) continue;
    batch.push(text.slice(start, i));
    if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
    start = i + 1;
    if (batch.length >= 4096) parser.push(batch.splice(0));
  }
  if (start < n) batch.push(text.slice(start));
  parser.push(batch);
  return parser.finish();
}

/** Parses a WhatsApp export arriving as batches of lines (see `input.ts`'s `lines`). */
export async function parseWhatsAppLines(
  lineBatches: AsyncIterable<string[]>,
  options: WhatsAppOptions = {},
): Promise<ImportResult> {
  const parser = new WhatsAppParser(options);
  let first = true;
  for await (const batch of lineBatches) {
    const head = first ? batch[0] : undefined;
    if (head?.charCodeAt(0) === 0xfeff) batch[0] = head.slice(1);
    first = false;
    parser.push(batch);
  }
  return parser.finish();
}
