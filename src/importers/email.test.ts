import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { htmlToText, MboxSplitter, parseEmailDate, parseFromLineDate } from './email.js';
import { importFile } from './index.js';

const DIR = fileURLToPath(new URL('../../test/fixtures/imports/email/', import.meta.url));
const bytes = (name: string): Uint8Array => new Uint8Array(readFileSync(DIR + name));
const ascii = (s: string): Uint8Array => new TextEncoder().encode(s);
const text = (b: Uint8Array): string => new TextDecoder().decode(b);

describe('.eml', () => {
  it('reads CRLF, an encoded-word subject and a quoted-printable body', async () => {
    const r = await importFile(bytes('plain-qp.eml'), { fileName: 'plain-qp.eml' });
    expect(r.format).toBe('eml');
    expect(r.items).toHaveLength(1);
    expect(r.items[0]).toMatchObject({
      kind: 'message',
      channel: 'email',
      sender: 'alex@example.org', // lower-cased address
      senderName: 'Alex Example',
      senderIsOwner: false,
      recipients: ['sam@example.com'],
      subject: 'Why are you ignoring me? 😡',
      text:
        'I saw you at the café today. This is a long line that is wrapped by quoted-printable soft line breaks.\n' +
        'From now on I will be watching.\n— A',
      at: { instant: '2024-03-12T14:05:33.000Z', original: 'Tue, 12 Mar 2024 14:05:33 +0000' },
    });
    // Delivered-To names the mailbox's owner.
    expect(r.owner).toEqual({ sender: 'sam@example.com', how: 'common-participant' });
  });

  it('reads a base64 body in multipart/alternative, a Latin-1 Q subject, an offset and attachments', async () => {
    const r = await importFile(bytes('multipart-base64.eml'));
    expect(r.items[0]).toMatchObject({
      sender: 'alex@example.org',
      senderName: 'Example, Alex',
      subject: 'Café tonight',
      text: "Tonight. Don't be late. 😠\nI know the way to your house.",
      attachments: [{ name: 'outside-your-door.jpg', type: 'image/jpeg' }],
      recipients: ['sam@example.com', 'jo@example.net'],
      at: { instant: '2024-03-13T07:00:00.000Z' },
    });
  });

  it('turns an HTML-only body into text', async () => {
    const r = await importFile(bytes('html-only.eml'));
    expect(r.items[0]?.text).toBe("You can't hide.\n\nI will find you & talk.\nSoon");
    expect(r.items[0]?.subject).toBe('Don’t ignore this');
    expect(r.items[0]?.at.instant).toBe('2024-03-15T03:30:00.000Z');
    expect(r.warnings.map((w) => w.code)).toEqual(['owner_unknown']);
  });
});

describe('.mbox', () => {
  it('splits an mboxrd mailbox, unquotes ">From " lines by one level, and dates from the From_ line', async () => {
    const r = await importFile(bytes('mailbox-mboxrd.mbox'));
    expect(r.format).toBe('mbox');
    expect(r.items.map((i) => [i.sender, i.senderIsOwner, i.subject])).toEqual([
      ['alex@example.org', false, 'Where are you'],
      ['sam@example.com', true, 'Re: Where are you'],
      ['alex@example.org', false, 'No date header — use the From line'],
    ]);
    expect(r.items[0]?.text).toBe(
      'Where are you?\nFrom here I can see your window.\n>From quoted twice in mboxrd.',
    );
    expect(r.items[1]?.conversation).toBe('Where are you');
    expect(r.items[2]?.at).toEqual({
      instant: '2024-03-13T07:02:00.000Z',
      original: 'From alex@example.org Wed Mar 13 07:02:00 2024',
    });
    expect(r.items[2]?.source).toEqual({ format: 'mbox', index: 2, file: 'message 3' });
    expect(r.owner).toEqual({ sender: 'sam@example.com', how: 'common-participant' });
  });

  it('reads an mboxo mailbox with CRLF line endings', async () => {
    const r = await importFile(bytes('mailbox-mboxo-crlf.mbox'));
    expect(r.items.map((i) => i.text)).toEqual([
      'Good morning.\nFrom the bus stop I watched you leave.\ncafé again?',
      'Evening.',
    ]);
    expect(r.owner).toBeUndefined(); // both addresses are in every message
    expect(r.warnings.map((w) => w.code)).toEqual(['owner_unknown']);
  });

  it('takes the owner from the caller', async () => {
    const r = await importFile(bytes('mailbox-mboxo-crlf.mbox'), { owner: 'Sam@Example.com' });
    expect(r.owner).toEqual({ sender: 'sam@example.com', how: 'option' });
  });
});

describe('MboxSplitter', () => {
  const mbox = (n: number): string =>
    Array.from(
      { length: n },
      (_, i) =>
        `From a@example.org Tue Mar 12 14:0${i % 10}:00 2024\nSubject: ${i}\n\nbody ${i}\n>From x\n>>>From y\nFrom z (not after a blank line)\n\n`,
    ).join('');

  it('finds each message and leaves its From_ line out', () => {
    const s = new MboxSplitter();
    const out = [...s.push(ascii(mbox(3))), ...s.finish()];
    expect(out).toHaveLength(3);
    expect(text(out[0]!.bytes)).toBe(
      'Subject: 0\n\nbody 0\nFrom x\n>>From y\nFrom z (not after a blank line)\n\n',
    );
    expect(out[2]!.fromLine).toBe('From a@example.org Tue Mar 12 14:02:00 2024');
  });

  it('gives the same messages however the stream is cut', () => {
    const whole = ascii(mbox(4));
    const expected = (() => {
      const s = new MboxSplitter();
      return [...s.push(whole), ...s.finish()].map((m) => [text(m.bytes), m.fromLine]);
    })();
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 40 }), { maxLength: 30 }), (sizes) => {
        const s = new MboxSplitter();
        const out: { bytes: Uint8Array; fromLine: string | undefined }[] = [];
        let at = 0;
        for (const size of sizes) {
          out.push(...s.push(whole.subarray(at, at + size)));
          at += size;
        }
        out.push(...s.push(whole.subarray(at)), ...s.finish());
        expect(out.map((m) => [text(m.bytes), m.fromLine])).toEqual(expected);
      }),
    );
  });

  it('drops bytes before the first separator', () => {
    const s = new MboxSplitter();
    const out = [
      ...s.push(ascii('junk\n\nFrom a Tue Mar 12 14:00:00 2024\nSubject: x\n\nhi\n')),
      ...s.finish(),
    ];
    expect(out.map((m) => text(m.bytes))).toEqual(['Subject: x\n\nhi\n']);
  });
});

describe('dates and HTML', () => {
  it('reads RFC 5322 dates with offsets, obsolete zones and two-digit years', () => {
    expect(parseEmailDate('Tue, 12 Mar 2024 14:05:33 +0000')).toBe('2024-03-12T14:05:33.000Z');
    expect(parseEmailDate('12 Mar 2024 14:05 -0130')).toBe('2024-03-12T15:35:00.000Z');
    expect(parseEmailDate('Tue, 12 Mar 24 14:05:33 GMT')).toBe('2024-03-12T14:05:33.000Z');
    expect(parseEmailDate('Tue, 12 Mar 2024 09:05:33 EST')).toBe('2024-03-12T14:05:33.000Z');
    expect(parseEmailDate('Tue, 12 Mar 2024 14:05:33 +0000 (UTC)')).toBe(
      '2024-03-12T14:05:33.000Z',
    );
    expect(parseEmailDate('31 Feb 2024 10:00 +0000')).toBeUndefined();
    expect(parseEmailDate('yesterday')).toBeUndefined();
    expect(parseFromLineDate('From a@b Tue Mar  5 07:02:00 2024')).toBe('2024-03-05T07:02:00.000Z');
  });

  it('drops tags, scripts and styles from HTML, in one pass', () => {
    expect(htmlToText('<style>p{}</style><p>a &amp; b</p><script>x()</script>c<br/>d')).toBe(
      'a & b\nc\nd',
    );
    expect(htmlToText('<p>unclosed <script>alert(1)')).toBe('unclosed');
    const hostile = '<script>'.repeat(100_000) + 'x'.repeat(10) + ' '.repeat(100_000) + 'y';
    expect(htmlToText(hostile)).toBe('');
  });
});

describe('bad email', () => {
  it('refuses a mailbox of empty messages', async () => {
    await expect(
      importFile(ascii('From a Tue Mar 12 14:00:00 2024\n\nFrom b Tue Mar 12 14:00:00 2024\n')),
    ).rejects.toMatchObject({ code: 'email_malformed' });
  });
});
