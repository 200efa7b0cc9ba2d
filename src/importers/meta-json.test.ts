import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importFile } from './index.js';
import { fileNeedsRepair, repairMojibake, toMojibake } from './mojibake.js';

const DIR = fileURLToPath(new URL('../../test/fixtures/imports/meta/', import.meta.url));
const FB = 'your_facebook_activity/messages/inbox/alexexample_123/message_1.json';
const IG = 'your_instagram_activity/messages/inbox/alexexample_456/message_1.json';
const bytes = (name: string): Uint8Array => new Uint8Array(readFileSync(DIR + name));

describe('Facebook Messenger JSON', () => {
  it('repairs the Latin-1 mis-encoding and reads texts, media, shares, calls and unsent messages', async () => {
    const r = await importFile(bytes(FB), { fileName: FB });
    expect(r.format).toBe('facebook-json');
    expect(r.conversation).toBe('Alex Exämple');
    expect(r.owner).toEqual({ sender: 'Sam Owner', how: 'chat-name' });
    expect(r.warnings.map((w) => [w.code, w.count])).toEqual([
      ['mojibake_repaired', 1],
      ['record_skipped', 1],
    ]);
    // Newest first, as the file has them.
    expect(r.items.map((i) => [i.kind, i.sender, i.text])).toEqual([
      ['message', 'Alex Exämple', 'Réponds-moi 😡'],
      ['call', 'Alex Exämple', 'Alex Exämple called you.'],
      ['call', 'Alex Exämple', 'You missed a call from Alex Exämple.'],
      ['message', 'Sam Owner', 'Please stop. Ça suffit.'],
      ['message', 'Alex Exämple', undefined],
      ['message', 'Alex Exämple', 'Look at this\nhttps://example.org/your-house'],
      ['message', 'Alex Exämple', undefined],
      ['message', 'Alex Exämple', "Où es-tu ? Je t'attends 👀"],
    ]);
    expect(r.items[1]?.call).toEqual({ direction: 'incoming', durationSeconds: 125 });
    expect(r.items[2]?.call).toEqual({ direction: 'missed', durationSeconds: 0 });
    expect(r.items[3]?.senderIsOwner).toBe(true);
    expect(r.items[4]?.attachments).toEqual([{ name: '4242.jpg', type: 'image/jpeg' }]);
    expect(r.items[6]?.deleted).toBe(true);
    expect(r.items[7]).toMatchObject({
      channel: 'facebook',
      at: { instant: '2024-03-12T14:05:33.000Z', original: '1710252333000' },
      source: { format: 'facebook-json', index: 7, file: FB },
    });
  });

  it('reads the newer end-to-end encrypted chat export, which needs no repair', async () => {
    const r = await importFile(bytes('messenger-e2ee-alex.json'));
    expect(r.format).toBe('facebook-json');
    expect(r.items.map((i) => i.text)).toEqual(["Tu ne peux pas m'ignorer 😠", undefined, 'Stop']);
    expect(r.items[1]?.attachments).toEqual([{ name: 'alex_photo_1.jpg', type: 'image/jpeg' }]);
    expect(r.warnings).toEqual([]);
    expect(r.owner).toEqual({ sender: 'Sam Owner', how: 'chat-name' });
  });

  it('reads the whole "Download your information" zip; the owner is in every conversation', async () => {
    const r = await importFile(bytes('facebook-sam-owner.zip'), {
      fileName: 'facebook-sam-owner.zip',
    });
    expect(r.format).toBe('facebook-zip');
    expect(r.owner).toEqual({ sender: 'Sam Owner', how: 'common-participant' });
    expect(r.items).toHaveLength(10);
    expect(new Set(r.items.map((i) => i.conversation))).toEqual(
      new Set(['Alex Exämple', 'Jo Example']),
    );
    expect(r.items.at(-1)?.source.file).toBe(
      'your_facebook_activity/messages/inbox/joexample_789/message_1.json',
    );
  });
});

describe('Instagram JSON', () => {
  it('is told from Facebook by its path, or by an instagram.com link', async () => {
    const byPath = await importFile(bytes(IG), { fileName: IG });
    expect(byPath.format).toBe('instagram-json');
    expect(byPath.items.map((i) => i.text)).toEqual([
      'Saw your story 👁️',
      'alex.example sent an attachment.\nhttps://www.instagram.com/p/EXAMPLE/',
      "Don't contact me",
      'Café later? ☕',
    ]);
    expect(byPath.items.every((i) => i.channel === 'instagram')).toBe(true);
    const byContent = await importFile(bytes(IG));
    expect(byContent.format).toBe('instagram-json');
  });
});

describe('mojibake repair', () => {
  it('repairs any text written the mis-encoded way', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1 }), (s) => {
        expect(repairMojibake(toMojibake(s))).toBe(s);
      }),
    );
  });

  it('is a no-op on correct text holding any character above U+00FF', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme' }),
        fc.string({ unit: 'grapheme' }),
        fc.integer({ min: 0x100, max: 0x10ffff }).filter((c) => c < 0xd800 || c > 0xdfff),
        (a, b, c) => {
          const s = a + String.fromCodePoint(c) + b;
          expect(repairMojibake(s)).toBe(s);
          expect(fileNeedsRepair([s, toMojibake('é')])).toBe(false);
        },
      ),
    );
  });

  it('is a no-op on correct Latin text (accented letters are never UTF-8 continuation bytes)', () => {
    // Letters U+00C0–U+00FF are UTF-8 lead bytes, never continuation bytes, so correct text
    // made of them can never decode. (Latin-1 punctuation U+0080–U+00BF after a capital, such
    // as "È£", is inherently ambiguous; that is why repair is decided per file, below.)
    const latin = fc.constantFrom(
      ..."aeiouAEIOU ,.!?'-çéèêëàâäîïôöùûüÿñßøåæœÆØÅÉÈÊÀÂÎÔÛÇÑ€".split(''),
    );
    fc.assert(
      fc.property(fc.array(latin, { maxLength: 40 }), (chars) => {
        const s = chars.join('');
        expect(repairMojibake(s)).toBe(s);
      }),
    );
    for (const word of ['café', 'naïve', 'Ærøskøbing', '£5', '20°C', 'Ça suffit', 'señor']) {
      expect(repairMojibake(word)).toBe(word);
    }
  });

  it('judges a whole file: one correct non-Latin-1 string means nothing is repaired', () => {
    expect(fileNeedsRepair([toMojibake('Réponds'), 'plain'])).toBe(true);
    expect(fileNeedsRepair(['Réponds 😡', toMojibake('é')])).toBe(false);
    expect(fileNeedsRepair(['ascii only'])).toBe(false);
  });
});

describe('bad JSON', () => {
  it('refuses malformed JSON and JSON of another shape', async () => {
    const enc = (s: string) => new TextEncoder().encode(s);
    await expect(
      importFile(enc('{"participants": [{"name": "A"}], "messages": [')),
    ).rejects.toMatchObject({
      code: 'json_malformed',
    });
    await expect(importFile(enc('{"hello": "world"}'))).rejects.toMatchObject({
      code: 'json_unknown_shape',
    });
    await expect(
      importFile(enc('{"participants": 3, "messages": 4}'), { format: 'facebook-json' }),
    ).rejects.toMatchObject({ code: 'json_unknown_shape' });
  });
});
