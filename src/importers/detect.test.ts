import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
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
