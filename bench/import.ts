/**
 * Import speed: a generated 100,000-message WhatsApp export and a 100,000-message SMS Backup &
 * Restore file, parsed by Mosaic's importers from their bytes (decoding included). Baselines,
 * measured in the same run on the same input: the `whatsapp-chat-parser` package on the same
 * text (already decoded, so it is spared the decoding), and saxes merely scanning the same XML
 * (decoded the same way, its forbidden surrogate references made well-formed the same way, with
 * no handlers), which is the floor for any saxes-based reader of these files.
 */
import { SaxesParser } from 'saxes';
import { parseString } from 'whatsapp-chat-parser';
import { importFile } from '../src/importers/index.js';
import { fixCharacterReferences } from '../src/importers/sms-xml.js';
import type { BenchFigure } from './bench.js';

const MESSAGES = 100_000;
const RUNS = 7;

const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * A WhatsApp export mixing the variants the importer reads: Android lines (24-hour, day-first)
 * and iPhone lines (brackets, seconds, U+200E marks), multi-line messages, media markers,
 * missed calls, "~ " unsaved contacts and system lines. Every 1,000 messages adds a system line.
 */
export function generateWhatsApp(count: number): string {
  const out: string[] = [];
  const start = Date.UTC(2023, 0, 1, 8, 0, 0);
  for (let i = 0; i < count; i++) {
    const t = new Date(start + i * 97_000);
    const d = `${pad(t.getUTCDate())}/${pad(t.getUTCMonth() + 1)}/${t.getUTCFullYear()}`;
    const hm = `${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}`;
    const who = i % 3 === 0 ? 'Sam Owner' : i % 7 === 0 ? '~\u202FAlex' : 'Alex Example';
    const iphone = i % 2 === 1;
    const prefix = iphone
      ? `[${d}, ${hm}:${pad(t.getUTCSeconds())}] ${who}: `
      : `${d}, ${hm} - ${who}: `;
    const mark = iphone ? '\u200E' : '';
    let body: string;
    switch (i % 20) {
      case 5:
        body = iphone ? `${mark}image omitted` : '<Media omitted>';
        break;
      case 9:
        body = `${mark}Missed voice call`;
        break;
      case 13:
        body = `I know where you are right now (${i}).\nAnswer me.\nI will keep calling until you do.`;
        break;
      default:
        body = `Message number ${i}: where are you? Why won't you reply to me`;
    }
    if (i % 1000 === 0) {
      out.push(
        `${d}, ${hm} - Alex Example changed their phone number to a new number. Tap to message or add the new number.`,
      );
    }
    out.push(prefix + body);
  }
  return out.join('\n') + '\n';
}

/** An SMS Backup & Restore file: SMS both ways with emoji as surrogate references, some MMS. */
export function generateSmsXml(count: number): string {
  const out: string[] = [
    "<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>",
    `<smses count="${count}" backup_set="bench" backup_date="1710536400000" type="full">`,
  ];
  const start = 1_672_560_000_000;
  for (let i = 0; i < count; i++) {
    const date = start + i * 97_000;
    const address = i % 3 === 0 ? '07700 900123' : '+447700900123';
    if (i % 50 === 49) {
      out.push(
        `  <mms date="${date}" msg_box="1" address="${address}" sub="null" contact_name="Alex Example" readable_date="x">`,
        `    <parts><part seq="-1" ct="application/smil" text="&lt;smil/&gt;" /><part seq="0" ct="image/jpeg" cl="IMG_${i}.jpg" text="null" data="/9j/4AAQSkZJRgABAQAAAQABAAD" /><part seq="0" ct="text/plain" text="Look &#55357;&#56832; ${i}" /></parts>`,
        `    <addrs><addr address="${address}" type="137" charset="106" /><addr address="+447700900999" type="151" charset="106" /></addrs>`,
        '  </mms>',
      );
      continue;
    }
    const type = i % 4 === 0 ? 2 : 1;
    out.push(
      `  <sms protocol="0" address="${address}" date="${date}" type="${type}" subject="null" body="Message ${i}: where are you? &#55357;&#56865; Answer me &amp; stop ignoring me" toa="null" sc_toa="null" service_center="null" read="1" status="-1" locked="0" date_sent="0" sub_id="1" readable_date="1 Jan 2023 08:00:00" contact_name="Alex Example" />`,
    );
  }
  out.push('</smses>');
  return out.join('\n') + '\n';
}

/**
 * The best of `RUNS` timings of each of `a` and `b`, in milliseconds, taking turns so that a
 * busy machine slows both alike.
 */
async function bestOfEach(
  a: () => Promise<unknown>,
  b: () => Promise<unknown>,
): Promise<[number, number]> {
  let fastestA = Infinity;
  let fastestB = Infinity;
  for (let i = 0; i < RUNS; i++) {
    let t0 = performance.now();
    await a();
    fastestA = Math.min(fastestA, performance.now() - t0);
    t0 = performance.now();
    await b();
    fastestB = Math.min(fastestB, performance.now() - t0);
  }
  return [fastestA, fastestB];
}

const perSecond = (count: number, ms: number): number => Math.round((count / ms) * 1000);

export async function importBench(): Promise<BenchFigure[]> {
  const figures: BenchFigure[] = [];

  // WhatsApp
  const chat = generateWhatsApp(MESSAGES);
  const chatBytes = new TextEncoder().encode(chat);
  const ours = await importFile(chatBytes, { fileName: 'WhatsApp Chat with Alex Example.txt' });
  const theirs = parseString(chat);
  const ourMessages = ours.items.length;
  console.log(
    `whatsapp: ${(chatBytes.length / 1e6).toFixed(1)} MB, ${MESSAGES} messages; ` +
      `Mosaic read ${ourMessages} (+${ours.skipped} system lines), whatsapp-chat-parser ${theirs.length}`,
  );
  const [oursMs, theirsMs] = await bestOfEach(
    () => importFile(chatBytes, { fileName: 'WhatsApp Chat with Alex Example.txt' }),
    () => Promise.resolve(parseString(chat)),
  );
  console.log(
    `whatsapp: Mosaic ${oursMs.toFixed(0)} ms (from bytes), whatsapp-chat-parser ${theirsMs.toFixed(0)} ms (from text), best of ${RUNS}`,
  );
  figures.push({
    name: 'import whatsapp 100k',
    value: perSecond(MESSAGES, oursMs),
    unit: 'messages/s',
    baseline: 'whatsapp-chat-parser',
    baseline_value: perSecond(MESSAGES, theirsMs),
  });

  // SMS Backup & Restore XML
  const xml = generateSmsXml(MESSAGES);
  const xmlBytes = new TextEncoder().encode(xml);
  const sms = await importFile(xmlBytes);
  console.log(
    `sms xml: ${(xmlBytes.length / 1e6).toFixed(1)} MB, ${MESSAGES} messages; Mosaic read ${sms.items.length}`,
  );
  const [smsMs, scanMs] = await bestOfEach(
    () => importFile(xmlBytes),
    () => {
      // The floor of any saxes-based reader: decode, make the forbidden surrogate references
      // well-formed (as Mosaic must), and scan with no handlers.
      const parser = new SaxesParser();
      const decoder = new TextDecoder();
      const chunk = 1024 * 1024;
      let carry = '';
      for (let i = 0; i < xmlBytes.length; i += chunk) {
        const text = carry + decoder.decode(xmlBytes.subarray(i, i + chunk), { stream: true });
        const cut = text.lastIndexOf('&');
        carry = cut >= 0 && text.length - cut < 40 ? text.slice(cut) : '';
        parser.write(fixCharacterReferences(carry ? text.slice(0, cut) : text).text);
      }
      parser.write(fixCharacterReferences(carry + decoder.decode()).text).close();
      return Promise.resolve();
    },
  );
  console.log(
    `sms xml: Mosaic ${smsMs.toFixed(0)} ms, saxes scan only ${scanMs.toFixed(0)} ms, best of ${RUNS}`,
  );
  figures.push({
    name: 'import sms-xml 100k',
    value: perSecond(MESSAGES, smsMs),
    unit: 'messages/s',
    baseline: 'saxes scan only',
    baseline_value: perSecond(MESSAGES, scanMs),
  });

  for (const f of figures)
    console.log(`${f.name}: ${f.value} ${f.unit} (${f.baseline}: ${f.baseline_value})`);
  return figures;
}
