import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  applyTimeZone,
  assignOwner,
  confirmDateOrder,
  importFile,
  type ImportedItem,
} from './index.js';
import { parseWhatsAppText } from './whatsapp.js';

const DIR = fileURLToPath(new URL('../../test/fixtures/imports/whatsapp/', import.meta.url));
const bytes = (name: string): Uint8Array => new Uint8Array(readFileSync(DIR + name));
const load = (name: string, options: Parameters<typeof importFile>[1] = {}) =>
  importFile(bytes(name), { fileName: name, ...options });
const texts = (items: readonly ImportedItem[]) => items.map((i) => i.text);

describe('WhatsApp Android, UK English (day-first, 24-hour)', () => {
  it('reads messages, multi-line text, media, calls, deletions and edits; skips system lines', async () => {
    const r = await load('WhatsApp Chat with Alex Example.txt');
    expect(r.format).toBe('whatsapp-txt');
    expect(r.dateOrder).toBe('day-first');
    expect(r.ambiguousDateOrder).toBe(false);
    expect(r.skipped).toBe(2); // encryption notice, number change
    expect(r.conversation).toBe('Alex Example');
    expect(r.owner).toEqual({ sender: 'Sam Owner', how: 'chat-name' });
    expect(r.warnings).toEqual([]);
    const [first, multi, owner, omitted, attached, voice, video, deleted, edited] = r.items;
    expect(first).toMatchObject({
      kind: 'message',
      channel: 'whatsapp',
      sender: 'Alex Example',
      senderIsOwner: false,
      text: 'Where are you?',
      at: { local: '2024-03-12T14:05', original: '12/03/2024, 14:05' },
      source: { format: 'whatsapp-txt', index: 0, line: 2 },
    });
    expect(multi?.text).toBe("I know you're at work.\nAnswer me.\n\nI'll wait outside.");
    expect(owner).toMatchObject({ sender: 'Sam Owner', senderIsOwner: true });
    expect(omitted?.attachments).toEqual([{ name: '', type: '*/*', omitted: true }]);
    expect(omitted?.text).toBeUndefined();
    expect(attached?.attachments).toEqual([
      { name: 'IMG-20240312-WA0007.jpg', type: 'image/jpeg' },
    ]);
    expect(attached?.text).toBe("That's your car isn't it");
    expect(voice).toMatchObject({
      kind: 'call',
      call: { direction: 'missed', video: false, durationSeconds: 0 },
    });
    expect(video?.call).toMatchObject({ direction: 'missed', video: true });
    expect(deleted).toMatchObject({ deleted: true, text: 'This message was deleted' });
    expect(edited).toMatchObject({ edited: true, text: 'Just talk to me' });
    expect(r.items).toHaveLength(9);
    expect(r.participants).toEqual([
      { sender: 'Alex Example', isOwner: false, messages: 6, calls: 2 },
      { sender: 'Sam Owner', isOwner: true, messages: 1, calls: 0 },
    ]);
  });

  it('reads the same chat from the Android zip with media', async () => {
    const txt = await load('WhatsApp Chat with Alex Example.txt');
    const zip = await load('WhatsApp Chat with Alex Example.zip');
    expect(zip.format).toBe('whatsapp-zip');
    expect(zip.items.map((i) => [i.at, i.text, i.sender])).toEqual(
      txt.items.map((i) => [i.at, i.text, i.sender]),
    );
    expect(zip.items[0]?.source.file).toBe('WhatsApp Chat with Alex Example.txt');
  });
});

describe('WhatsApp Android, US English (month-first, 12-hour, U+202F, CRLF)', () => {
  it('reads 12-hour times, two-digit years and the narrow no-break space', async () => {
    const r = await load('android-us-12h.txt');
    expect(r.dateOrder).toBe('month-first');
    expect(r.items.map((i) => i.at.local)).toEqual([
      '2024-03-12T14:05',
      '2024-03-12T23:59',
      '2024-03-13T00:01', // 12:01 AM
      '2024-03-13T12:30', // 12:30 PM
      '2024-03-14T09:07',
    ]);
    expect(r.items[0]?.at.original).toBe('3/12/24, 2:05\u202FPM');
    expect(r.items[0]?.text).toBe('Where are you?'); // no stray \r from CRLF
    expect(r.items[4]?.call?.direction).toBe('missed');
  });
});

describe('WhatsApp iPhone (brackets, seconds, U+200E marks)', () => {
  it('reads markers led by direction marks and skips system lines with the chat name', async () => {
    const r = await load('iphone-uk.txt');
    expect(r.skipped).toBe(3); // encryption, security code, blocked
    expect(r.conversation).toBe('Alex Example');
    expect(r.owner).toEqual({ sender: 'Sam Owner', how: 'chat-name' });
    const byText = (t: string) => r.items.find((i) => i.text === t);
    expect(byText('Where are you?')?.at).toEqual({
      local: '2024-03-12T14:05:40',
      original: '12/03/2024, 14:05:40',
    });
    const attachments = r.items.filter((i) => i.attachments).map((i) => i.attachments);
    expect(attachments).toEqual([
      [{ name: '', type: 'image/*', omitted: true }],
      [{ name: '00000007-PHOTO-2024-03-12-21-48-13.jpg', type: 'image/jpeg' }],
    ]);
    const calls = r.items.filter((i) => i.kind === 'call').map((i) => [i.sender, i.call]);
    expect(calls).toEqual([
      ['Alex Example', { direction: 'missed', video: false, durationSeconds: 0 }],
      ['Alex Example', { direction: 'missed', video: true, durationSeconds: 0 }],
      ['Sam Owner', { direction: 'outgoing', video: false, durationSeconds: 120 }],
      ['Alex Example', { direction: 'incoming', video: true, durationSeconds: 720 }],
    ]);
    expect(r.items.find((i) => i.deleted)?.text).toBe('This message was deleted.');
    expect(r.items.find((i) => i.edited)?.text).toBe('Just talk to me');
  });

  it('reads 12-hour iPhone times (12:00:01 AM is just after midnight)', async () => {
    const r = await load('iphone-us-12h.txt');
    expect(r.dateOrder).toBe('month-first');
    expect(r.items.map((i) => i.at.local)).toEqual([
      '2024-03-12T14:05:40',
      '2024-03-13T00:00:01',
      '2024-03-13T07:02:45',
      '2024-03-13T08:15:00',
    ]);
  });

  it('reads the iPhone zip with media, listing _chat.txt as the source file', async () => {
    const r = await load('WhatsApp Chat - Alex Example.zip');
    const txt = await load('iphone-uk.txt');
    expect(r.format).toBe('whatsapp-zip');
    expect(texts(r.items)).toEqual(texts(txt.items));
    expect(r.items[0]?.source.file).toBe('_chat.txt');
  });

  it('groups: unsaved "~ " contacts, numbers in direction marks, chat name only on system lines', async () => {
    const r = await load('iphone-group.txt');
    expect(r.conversation).toBe('Neighbours');
    expect(r.skipped).toBe(4);
    expect(r.owner).toBeUndefined();
    expect(r.warnings.map((w) => w.code)).toContain('owner_unknown');
    const alex = r.items.filter((i) => i.sender === 'Alex');
    expect(alex.map((i) => [i.text, i.senderUnsaved])).toEqual([
      ['Hi Sam 😀', true],
      ["Sam: you can't hide", true],
    ]);
    expect(r.items.find((i) => i.text === "Who's this?")?.sender).toBe('+447700900123');
    expect(r.participants.map((p) => p.sender)).not.toContain('Neighbours');
  });
});

describe('WhatsApp group changes on Android', () => {
  it('treats senderless lines as system lines, even a subject holding a colon', async () => {
    const r = await load('android-group.txt');
    expect(r.skipped).toBe(6);
    expect(texts(r.items)).toEqual([
      'Hello Sam',
      'Bring chairs',
      'Same number, written nationally',
    ]);
    // +44 7700 900123 and 07700 900123 are one person
    expect(r.participants).toEqual([
      { sender: '+447700900123', isOwner: false, messages: 2, calls: 0 },
      { sender: 'Jo Example', isOwner: false, messages: 1, calls: 0 },
    ]);
  });
});

describe('WhatsApp date orders', () => {
  it('reads year-first dates, ISO and dotted', async () => {
    const r = await load('year-first.txt');
    expect(r.dateOrder).toBe('year-first');
    expect(r.ambiguousDateOrder).toBe(false);
    expect(r.items.map((i) => i.at.local)).toEqual([
      '2024-03-12T14:05',
      '2024-03-12T14:06',
      '2024-03-13T07:02:45',
      '2024-03-14T08:00',
    ]);
  });

  it('reports an ambiguous order with both readings, and lets the person confirm', async () => {
    const r = await load('ambiguous.txt');
    expect(r.ambiguousDateOrder).toBe(true);
    expect(r.dateOrder).toBe('day-first');
    expect(r.warnings.map((w) => w.code)).toContain('date_order_ambiguous');
    expect(r.items[0]?.at).toEqual({
      local: '2024-02-01T09:00',
      alternativeLocal: '2024-01-02T09:00',
      original: '01/02/2024, 09:00',
    });
    const confirmed = confirmDateOrder(r, 'month-first');
    expect(confirmed.ambiguousDateOrder).toBe(false);
    expect(confirmed.dateOrder).toBe('month-first');
    expect(confirmed.items.map((i) => i.at.local)).toEqual([
      '2024-01-02T09:00',
      '2024-01-02T09:05',
      '2024-03-02T10:00',
      '2024-05-02T11:00',
    ]);
    expect(confirmed.items[0]?.at.alternativeLocal).toBeUndefined();
    expect(confirmed.warnings.map((w) => w.code)).not.toContain('date_order_ambiguous');
    const kept = confirmDateOrder(r, 'day-first');
    expect(kept.items[0]?.at.local).toBe('2024-02-01T09:00');
  });

  it('suggests the reading in which messages run in order, still flagged ambiguous', async () => {
    const r = await load('ambiguous-month-first.txt');
    expect(r.ambiguousDateOrder).toBe(true);
    expect(r.dateOrder).toBe('month-first');
    expect(r.items.map((i) => i.at.local)).toEqual([
      '2024-01-02T09:00',
      '2024-01-05T09:05',
      '2024-02-01T10:00',
      '2024-03-01T11:00',
    ]);
  });

  it('infers the order from the whole file: a late first field over 12 decides it', async () => {
    const r = await load('decided-late.txt');
    expect(r.ambiguousDateOrder).toBe(false);
    expect(r.dateOrder).toBe('day-first');
    expect(r.items[1]?.at.local).toBe('2024-01-02T09:01'); // "02/01/2024"
    expect(r.items.at(-1)?.at.local).toBe('2024-04-13T10:00');
  });

  it('takes the order the caller gives', async () => {
    const r = await load('ambiguous.txt', { dateOrder: 'month-first' });
    expect(r.ambiguousDateOrder).toBe(false);
    expect(r.items[0]?.at.local).toBe('2024-01-02T09:00');
  });

  it('warns when fields over 12 appear in both positions, and when a date is not real', () => {
    const r = parseWhatsAppText(
      '13/01/2024, 10:00 - A: day-first\n14/01/2024, 10:00 - A: again\n01/13/2024, 10:00 - A: month-first\n31/02/2024, 10:00 - A: no such day\n',
    );
    expect(r.dateOrder).toBe('day-first');
    expect(r.warnings.map((w) => w.code)).toEqual(
      expect.arrayContaining(['date_order_conflict', 'date_invalid']),
    );
    expect(r.items[3]?.at).toEqual({ original: '31/02/2024, 10:00' });
  });
});

describe('WhatsApp languages', () => {
  const languages = ['cy', 'de', 'es', 'fr', 'it', 'nl', 'pt'];
  it.each(languages)(
    'reads media omitted, file attached, missed call and deleted in %s',
    async (lang) => {
      const r = await load(`lang-${lang}.txt`);
      const alex = r.items.filter((i) => i.sender === 'Alex Example');
      expect(alex).toHaveLength(5);
      expect(alex.filter((i) => i.attachments?.[0]?.omitted === true)).toHaveLength(1);
      expect(alex.filter((i) => i.attachments?.[0]?.name.startsWith('IMG-') === true)).toHaveLength(
        1,
      );
      expect(alex.filter((i) => i.call?.direction === 'missed')).toHaveLength(1);
      expect(alex.filter((i) => i.deleted === true)).toHaveLength(1);
      expect(r.items.filter((i) => i.sender === 'Sam Owner')).toHaveLength(1);
    },
  );

  it('reads Spanish "p. m." with no-break spaces as 12-hour', async () => {
    const r = await load('lang-es.txt');
    expect(r.items[0]?.at.local).toBe('2024-03-12T14:05');
    expect(r.items.at(-1)?.at.local).toBe('2024-03-13T09:00');
  });

  it('reads every iPhone "omitted" marker in the table', async () => {
    const r = await load('iphone-omitted-languages.txt');
    const types = r.items.map((i) => i.attachments?.[0]);
    expect(types.slice(0, 3)).toEqual([
      { name: '', type: 'image/*', omitted: true },
      { name: '', type: 'video/*', omitted: true },
      { name: '', type: 'audio/*', omitted: true },
    ]);
    expect(types.every((t) => t?.omitted === true)).toBe(true);
    expect(types.at(-1)).toEqual({ name: 'report.pdf', type: 'application/pdf', omitted: true });
    expect(r.items.every((i) => i.text === undefined)).toBe(true);
    expect(r.items).toHaveLength(20);
  });

  it('refuses a day-period word it does not know, with the promised message', async () => {
    await expect(load('unknown-language.txt')).rejects.toMatchObject({
      code: 'whatsapp_unknown_language',
      message: 'this looks like a WhatsApp export in a language we have not seen — please tell us',
    });
    await expect(load('unknown-digits.txt')).rejects.toMatchObject({
      code: 'whatsapp_unknown_language',
    });
  });
});

describe('WhatsApp edge cases', () => {
  it('warns about text before the first message and keeps a BOM out of the first line', () => {
    const r = parseWhatsAppText('\uFEFFjunk header\n12/03/2024, 14:05 - A: hi\n');
    expect(r.items[0]?.text).toBe('hi');
    expect(r.warnings[0]).toMatchObject({ code: 'text_before_first_message', line: 1, count: 1 });
  });

  it('refuses a file of system lines only', () => {
    expect(() => parseWhatsAppText('12/03/2024, 14:05 - Alex created group "x"\n')).toThrow(
      expect.objectContaining({ code: 'whatsapp_no_messages' }),
    );
  });

  it('does not read a date inside a message as a new message unless it is a whole timestamp', () => {
    const r = parseWhatsAppText(
      '12/03/2024, 14:05 - A: see you on\n13/03/2024 at the station\n12/03/2024, 14:06 - B: ok\n',
    );
    expect(texts(r.items)).toEqual(['see you on\n13/03/2024 at the station', 'ok']);
  });

  it('settles call directions once the person says who they are', () => {
    const r = parseWhatsAppText(
      '[12/03/2024, 10:00:00] A: \u200EVoice call, \u200E3 min\n[12/03/2024, 10:05:00] B: \u200EVideo call, \u200E1 hr 2 min\n[12/03/2024, 10:06:00] B: \u200EVoice call, \u200ENo answer\n',
    );
    expect(r.owner).toBeUndefined();
    expect(r.items.map((i) => i.call?.direction)).toEqual(['unknown', 'unknown', 'missed']);
    expect(r.items[1]?.call?.durationSeconds).toBe(3720);
    const owned = assignOwner(r, 'A');
    expect(owned.owner).toEqual({ sender: 'A', how: 'option' });
    expect(owned.items.map((i) => [i.senderIsOwner, i.call?.direction])).toEqual([
      [true, 'outgoing'],
      [false, 'incoming'],
      [false, 'missed'],
    ]);
    expect(owned.participants.find((p) => p.sender === 'A')?.isOwner).toBe(true);
    expect(owned.warnings.map((w) => w.code)).not.toContain('owner_unknown');
    expect(r.items[0]?.senderIsOwner).toBe(false); // the input is unchanged
  });

  it('turns wall times into instants once the person names the time zone', async () => {
    const r = applyTimeZone(await load('WhatsApp Chat with Alex Example.txt'), 'Europe/London');
    expect(r.items[0]?.at).toEqual({
      instant: '2024-03-12T14:05:00.000Z',
      local: '2024-03-12T14:05',
      original: '12/03/2024, 14:05',
    });
    const ny = applyTimeZone(await load('year-first.txt'), 'America/New_York');
    expect(ny.items[0]?.at.instant).toBe('2024-03-12T18:05:00.000Z');
    expect(() => applyTimeZone(r, 'Nowhere/Special')).not.toThrow(); // nothing left to convert
    const again = await load('year-first.txt');
    expect(() => applyTimeZone(again, 'Nowhere/Special')).toThrow(
      expect.objectContaining({ code: 'time_zone_invalid' }),
    );
  });

  it('takes the owner from the caller, normalising a number', async () => {
    const r = await load('android-group.txt', { owner: '07700 900123' });
    expect(r.owner).toEqual({ sender: '+447700900123', how: 'option' });
    expect(r.items.filter((i) => i.senderIsOwner)).toHaveLength(2);
  });
});

describe('WhatsApp iPhone exports with and without direction marks', () => {
  const read = (name: string) =>
    importFile(bytes(name), { fileName: 'WhatsApp Chat with Alex Example.txt' });

  it('reads an export whose first line starts with "[" (no marks) like one with marks on every line', async () => {
    const plain = await read('iphone-no-marks.txt');
    const marked = await read('iphone-marks-every-line.txt');
    for (const r of [plain, marked]) {
      expect(r.format).toBe('whatsapp-txt');
      expect(r.owner).toEqual({ sender: 'Sam Owner', how: 'chat-name' });
      const alex = r.items.filter((i) => i.sender === 'Alex Example');
      expect(alex.filter((i) => i.kind === 'message')).toHaveLength(11);
      expect(alex.filter((i) => i.kind === 'call')).toHaveLength(1);
      expect(r.items.filter((i) => i.senderIsOwner).map((i) => i.text)).toEqual([
        'Please stop messaging me.',
        "I'm going to the police.",
        'I have told you to stop. Do not contact me again.',
      ]);
    }
    const strip = (t: string | undefined) => t?.replace(/[\u200e\u200f\u202a-\u202e]/g, '');
    expect(marked.items.map((i) => [i.sender, i.at.local, strip(i.text)])).toEqual(
      plain.items.map((i) => [i.sender, i.at.local, strip(i.text)]),
    );
    for (const r of [plain, marked]) {
      expect(r.items.flatMap((i) => i.attachments ?? []).map((a) => a.name)).toEqual([
        '',
        '00000014-PHOTO-2025-03-16-21-02-50.jpg',
      ]);
    }
  });
});
