import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectFormat } from './detect.js';
import { importFile, isImportError } from './index.js';

const DIR = fileURLToPath(new URL('../../test/fixtures/imports/', import.meta.url));
const bytes = (name: string): Uint8Array => new Uint8Array(readFileSync(DIR + name));
const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('detectFormat', () => {
  it.each([
    ['whatsapp/WhatsApp Chat with Alex Example.txt', 'whatsapp-txt'],
    ['whatsapp/iphone-uk.txt', 'whatsapp-txt'],
    ['whatsapp/year-first.txt', 'whatsapp-txt'],
    ['whatsapp/WhatsApp Chat - Alex Example.zip', 'whatsapp-zip'],
    ['sms/sms-20240315.xml', 'android-sms-xml'],
    ['sms/calls-20240315.xml', 'android-calls-xml'],
    ['email/plain-qp.eml', 'eml'],
    ['email/html-only.eml', 'eml'],
    ['email/mailbox-mboxrd.mbox', 'mbox'],
    ['meta/your_facebook_activity/messages/inbox/alexexample_123/message_1.json', 'facebook-json'],
    ['meta/facebook-sam-owner.zip', 'facebook-zip'],
    ['telegram/result-single-chat.json', 'telegram-json'],
    ['telegram/result-full-export.json', 'telegram-json'],
    ['whatsapp/iphone-no-marks.txt', 'whatsapp-txt'],
    ['whatsapp/iphone-marks-every-line.txt', 'whatsapp-txt'],
  ])('reads %s as %s from its content alone', (file, format) => {
    expect(detectFormat(bytes(file))).toBe(format);
  });

  it('uses the file name as a hint', () => {
    const ig = 'meta/your_instagram_activity/messages/inbox/alexexample_456/message_1.json';
    expect(detectFormat(bytes(ig), ig)).toBe('instagram-json');
  });

  it.each([
    ['', 'file_empty'],
    ['   \n\n ', 'file_empty'],
    ['hello world\nthis is a note\n', 'unrecognised_format'],
    ['<!DOCTYPE html><html><body>messages</body></html>', 'unrecognised_format'],
    ['<?xml version="1.0"?><rss/>', 'xml_unknown_root'],
    ['{"a": 1}', 'json_unknown_shape'],
    ['[1, 2, 3]', 'json_unknown_shape'],
    ['[note] buy milk\n[note] eggs\n', 'unrecognised_format'],
    [
      '12/03/2024, 2:05 nm. - Alex: hi\n12/03/2024, 2:06 nm. - Alex: hi\n',
      'whatsapp_unknown_language',
    ],
  ])('refuses %j with %s', (text, code) => {
    expect(() => detectFormat(enc(text))).toThrow(expect.objectContaining({ code }));
  });

  it('explains that an HTML download should be JSON', () => {
    try {
      detectFormat(enc('<!DOCTYPE html><html></html>'));
    } catch (e) {
      expect(isImportError(e, 'unrecognised_format') && e.message).toMatch(/JSON format/);
    }
    expect.assertions(1);
  });
});

/** The direction marks iPhone exports put at line starts and around media lines. */
const MARKS = ['\u200e', '\u200f', '\u202a', '\u202b', '\u202c'];
const two = (n: number): string => String(n).padStart(2, '0');

const exportLine = fc.record({
  day: fc.integer({ min: 1, max: 28 }),
  month: fc.integer({ min: 1, max: 12 }),
  year: fc.integer({ min: 2012, max: 2030 }),
  hour: fc.integer({ min: 0, max: 23 }),
  minute: fc.integer({ min: 0, max: 59 }),
  second: fc.integer({ min: 0, max: 59 }),
  name: fc.constantFrom('Alex Example', 'Sam Owner', 'Jo', '+44 7700 900123', 'Rhys ap Example'),
  text: fc.oneof(
    fc
      .string({ minLength: 1, maxLength: 60 })
      .filter((t) => !/[\r\n\u2028\u2029\u0085]/.test(t) && t.trim() !== ''),
    fc.constantFrom(
      'image omitted',
      '<attached: 00000012-PHOTO-2024-03-12.jpg>',
      'Missed voice call',
      '[1, 2]',
      '{"a": 1}',
    ),
  ),
  lead: fc.array(fc.constantFrom(...MARKS), { maxLength: 2 }).map((m) => m.join('')),
  media: fc.array(fc.constantFrom(...MARKS), { maxLength: 1 }).map((m) => m.join('')),
});

const FILE_NAMES = [
  undefined,
  'WhatsApp Chat with Alex Example.txt',
  '_chat.txt',
  'chat',
  'export.json',
  'message_1.json',
  'notes.xml',
  'result.json',
  'photo.jpg',
];

describe('detectFormat on WhatsApp exports', () => {
  it('reads any iPhone or Android export as WhatsApp by its content, whatever the file is called', () => {
    fc.assert(
      fc.property(
        fc.array(exportLine, { minLength: 1, maxLength: 8 }),
        fc.constantFrom('iphone', 'android'),
        fc.constantFrom(...FILE_NAMES),
        fc.boolean(),
        (lines, layout, fileName, crlf) => {
          const text = lines
            .map((l) => {
              const date = `${two(l.day)}/${two(l.month)}/${l.year}`;
              return layout === 'iphone'
                ? `${l.lead}[${date}, ${two(l.hour)}:${two(l.minute)}:${two(l.second)}] ${l.name}: ${l.media}${l.text}`
                : `${date}, ${two(l.hour)}:${two(l.minute)} - ${l.name}: ${l.text}`;
            })
            .join(crlf ? '\r\n' : '\n');
          expect(detectFormat(enc(text), fileName)).toBe('whatsapp-txt');
        },
      ),
      { numRuns: 300 },
    );
  });

  it('still reads real JSON exports as their formats, whatever the file is called', () => {
    const meta = 'meta/your_facebook_activity/messages/inbox/alexexample_123/message_1.json';
    for (const name of [undefined, 'chat.txt', 'WhatsApp Chat with Alex Example.txt']) {
      expect(detectFormat(bytes(meta), name)).toBe('facebook-json');
      expect(detectFormat(bytes('telegram/result-single-chat.json'), name)).toBe('telegram-json');
    }
  });

  it('refuses text that is neither with the stable codes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('eggs', 'milk', '[x] done', 'see you at 14:05', 'bread'), {
          minLength: 1,
          maxLength: 6,
        }),
        fc.constantFrom(...FILE_NAMES),
        (lines, fileName) => {
          expect(() => detectFormat(enc(lines.join('\n')), fileName)).toThrow(
            expect.objectContaining({ code: 'unrecognised_format' }),
          );
        },
      ),
    );
  });
});

describe('importFile errors', () => {
  it('rejects bad files with typed errors that carry stable codes', async () => {
    await expect(importFile(new Uint8Array(0))).rejects.toMatchObject({ code: 'file_empty' });
    await expect(importFile(bytes('whatsapp/not-a-chat.zip'))).rejects.toMatchObject({
      code: 'zip_no_chat',
    });
    await expect(importFile(enc('PK\u0003\u0004 not really a zip'))).rejects.toMatchObject({
      code: 'zip_malformed',
    });
    await expect(
      importFile(bytes('whatsapp/iphone-uk.txt'), { maxBytes: 100 }),
    ).rejects.toMatchObject({ code: 'file_too_large' });
    await expect(
      importFile(bytes('whatsapp/WhatsApp Chat - Alex Example.zip'), { maxBytes: 100 }),
    ).rejects.toMatchObject({ code: 'file_too_large' });
    const controller = new AbortController();
    controller.abort();
    await expect(
      importFile(bytes('sms/sms-20240315.xml'), { signal: controller.signal }),
    ).rejects.toMatchObject({ code: 'cancelled' });
  });

  it('refuses a zip whose directory claims more entries than it could hold', async () => {
    const eocd = new Uint8Array(22);
    eocd.set([0x50, 0x4b, 0x05, 0x06]);
    eocd[8] = 0xff; // 65535 entries in 22 bytes
    eocd[9] = 0xff;
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...new Uint8Array(26), ...eocd]);
    await expect(importFile(zip)).rejects.toMatchObject({ code: 'zip_malformed' });
  });
});
