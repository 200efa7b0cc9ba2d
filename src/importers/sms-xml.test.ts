import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importFile } from './index.js';
import { fixCharacterReferences } from './sms-xml.js';

const DIR = fileURLToPath(new URL('../../test/fixtures/imports/sms/', import.meta.url));
const bytes = (name: string): Uint8Array => new Uint8Array(readFileSync(DIR + name));

/** The bytes as a stream cut at the given sizes (then the rest in one chunk). */
// eslint-disable-next-line @typescript-eslint/require-await -- a stream of chunks for the test
async function* chunked(b: Uint8Array, sizes: readonly number[]): AsyncGenerator<Uint8Array> {
  let at = 0;
  for (const size of sizes) {
    if (at >= b.length) return;
    yield b.subarray(at, at + size);
    at += size;
  }
  if (at < b.length) yield b.subarray(at);
}

describe('SMS Backup & Restore messages', () => {
  it('reads SMS and MMS, rebuilds emoji from surrogate references, and groups one number', async () => {
    const r = await importFile(bytes('sms-20240315.xml'));
    expect(r.format).toBe('android-sms-xml');
    expect(r.owner).toEqual({ sender: 'owner', how: 'format' });
    expect(r.skipped).toBe(1);
    expect(r.warnings).toEqual([
      { code: 'drafts_skipped', message: 'unsent drafts were left out', count: 1, line: 10 },
    ]);
    expect(r.items.map((i) => [i.channel, i.sender, i.text])).toEqual([
      ['sms', '+447700900123', 'Where are you? 😀'],
      ['sms', '+447700900123', 'I can see you 😡\nSecond line'],
      ['sms', '+447700900123', 'Answer me & stop ignoring me'],
      ['sms', 'owner', 'Please stop contacting me.'],
      ['sms', '+447700900456', "Hi love, it's Mum. Call me x"],
      ['sms', 'EXAMPLEBNK', 'Your code is 123456'],
      ['mms', '+447700900123', "Look who I'm with 😀"],
      ['mms', 'owner', 'This is my last message to you.'],
    ]);
    expect(r.items[0]).toMatchObject({
      senderName: 'Alex Example',
      senderIsOwner: false,
      at: { instant: '2024-03-12T14:05:33.000Z', original: '1710252333000' },
      source: { format: 'android-sms-xml', index: 0, line: 5 },
    });
    expect(r.items[3]).toMatchObject({ senderIsOwner: true, recipients: ['+447700900123'] });
    expect(r.items[5]?.senderName).toBeUndefined(); // "(Unknown)"
    const mms = r.items[6]!;
    expect(mms.attachments).toEqual([{ name: 'IMG_0042.jpg', type: 'image/jpeg' }]);
    // The owner's own number (seen on the sent MMS) is not listed as someone they talked to.
    expect(mms.recipients).toEqual(['+447700900456']);
    expect(mms.senderName).toBe('Alex Example');
    expect(r.items[7]).toMatchObject({ subject: 'Leave me alone', recipients: ['+447700900123'] });
    expect(r.participants[0]).toEqual({
      sender: '+447700900123',
      name: 'Alex Example',
      isOwner: false,
      messages: 4,
      calls: 0,
    });
  });

  it('gives the same result however the stream is cut, even inside a character reference', async () => {
    const whole = await importFile(bytes('sms-20240315.xml'));
    const b = bytes('sms-20240315.xml');
    const emoji = new TextDecoder().decode(b).indexOf('&#55357;');
    for (const cut of [emoji + 1, emoji + 5, emoji + 8, emoji + 9, emoji + 12]) {
      const r = await importFile(chunked(b, [cut]));
      expect(r.items).toEqual(whole.items);
    }
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: 700 }), { maxLength: 20 }),
        async (sizes) => {
          const r = await importFile(chunked(b, sizes));
          expect(r.items).toEqual(whole.items);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('keeps what a truncated copy holds, and says so', async () => {
    const r = await importFile(bytes('sms-truncated.xml'));
    expect(r.items).toHaveLength(4);
    expect(r.warnings.map((w) => w.code)).toContain('xml_truncated');
  });

  it('refuses malformed XML with its line, and XML that is not a backup', async () => {
    await expect(importFile(bytes('sms-malformed.xml'))).rejects.toMatchObject({
      code: 'xml_malformed',
      details: { line: 5 },
    });
    await expect(importFile(bytes('not-a-backup.xml'))).rejects.toMatchObject({
      code: 'xml_unknown_root',
    });
    await expect(
      importFile(new TextEncoder().encode('<smses><sms/>'), { format: 'android-sms-xml' }),
    ).resolves.toMatchObject({
      warnings: expect.arrayContaining([expect.objectContaining({ code: 'xml_truncated' })]),
    });
    await expect(
      importFile(new TextEncoder().encode('<rss/>'), { format: 'android-sms-xml' }),
    ).rejects.toMatchObject({ code: 'xml_unknown_root' });
  });

  it('reads an epoch in seconds as seconds', async () => {
    const xml = '<smses><sms address="07700900123" date="1710252333" type="1" body="s" /></smses>';
    const r = await importFile(new TextEncoder().encode(xml));
    expect(r.items[0]?.at.instant).toBe('2024-03-12T14:05:33.000Z');
  });
});

describe('SMS Backup & Restore call log', () => {
  it('reads every call type and groups withheld numbers as one sender', async () => {
    const r = await importFile(bytes('calls-20240315.xml'));
    expect(r.format).toBe('android-calls-xml');
    expect(r.items.map((i) => [i.sender, i.call?.direction, i.call?.durationSeconds])).toEqual([
      ['+447700900123', 'incoming', 62],
      ['+447700900123', 'missed', 0],
      ['+447700900123', 'rejected', 0],
      ['+447700900123', 'blocked', 0],
      ['+447700900123', 'voicemail', 15],
      ['owner', 'outgoing', 30],
      ['withheld', 'missed', 0],
      ['withheld', 'missed', 0],
      ['withheld', 'incoming', 4],
      ['+447700900123', 'unknown', 0],
    ]);
    expect(r.items.every((i) => i.kind === 'call' && i.channel === 'phone')).toBe(true);
    expect(r.items[5]).toMatchObject({ senderIsOwner: true, recipients: ['+447700900123'] });
    expect(r.items[6]?.senderName).toBeUndefined();
    expect(r.warnings).toEqual([
      expect.objectContaining({ code: 'call_type_unknown', count: 1, line: 14 }),
    ]);
    expect(r.participants.map((p) => [p.sender, p.calls])).toEqual([
      ['+447700900123', 6],
      ['withheld', 3],
      ['owner', 1],
    ]);
  });
});

describe('fixCharacterReferences', () => {
  it('joins surrogate pairs, replaces lone surrogates and controls, leaves the rest', () => {
    expect(fixCharacterReferences('a&#55357;&#56832;b')).toEqual({ text: 'a😀b', invalid: 0 });
    expect(fixCharacterReferences('&#xD83D;&#xDE00;')).toEqual({ text: '😀', invalid: 0 });
    expect(fixCharacterReferences('&#55357;x')).toEqual({ text: '\uFFFDx', invalid: 1 });
    expect(fixCharacterReferences('&#56832;')).toEqual({ text: '\uFFFD', invalid: 1 });
    expect(fixCharacterReferences('&#1;&#0;')).toEqual({ text: '\uFFFD\uFFFD', invalid: 2 });
    expect(fixCharacterReferences('&#233; &amp; &#x1F600; &#')).toEqual({
      text: '&#233; &amp; &#x1F600; &#',
      invalid: 0,
    });
  });

  it('rebuilds any astral character written as two references', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0x10000, max: 0x10ffff }), (cp) => {
        const s = String.fromCodePoint(cp);
        const refs = `&#${s.charCodeAt(0)};&#${s.charCodeAt(1)};`;
        expect(fixCharacterReferences(refs).text).toBe(s);
      }),
    );
  });
});
