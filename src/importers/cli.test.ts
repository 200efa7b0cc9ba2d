/**
 * The command-line preview: the same summary in-process for every fixture, and the script itself
 * run as a child process for its output, its error exit and its usage message.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { importFile, previewOf } from './index.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURES = 'test/fixtures/imports/';
const run = promisify(execFile);

async function preview(file: string, options: { timeZone?: string } = {}) {
  const bytes = new Uint8Array(readFileSync(ROOT + FIXTURES + file));
  return previewOf(await importFile(bytes, { fileName: file }), options);
}

/** Runs the CLI; resolves to its exit code, stdout and stderr. */
async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ['--import', 'tsx', 'scripts/import-preview.ts', ...args],
      { cwd: ROOT },
    );
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

const WHATSAPP_ANDROID = {
  format: 'whatsapp-txt',
  messages: 7,
  calls: 2,
  senders: [
    { sender: 'Alex Example', messages: 6, calls: 2 },
    { sender: 'Sam Owner', messages: 1, calls: 0, owner: true },
  ],
  first: '2024-03-12T14:05',
  last: '2024-03-13T07:15',
};

describe('preview summary', () => {
  it.each([
    ['whatsapp/WhatsApp Chat with Alex Example.txt', WHATSAPP_ANDROID],
    [
      'whatsapp/WhatsApp Chat with Alex Example.zip',
      { ...WHATSAPP_ANDROID, format: 'whatsapp-zip' },
    ],
    [
      'whatsapp/iphone-uk.txt',
      {
        format: 'whatsapp-txt',
        messages: 8,
        calls: 4,
        senders: [
          { sender: 'Alex Example', messages: 7, calls: 3 },
          { sender: 'Sam Owner', messages: 1, calls: 1, owner: true },
        ],
        first: '2024-03-12T14:05:40',
        last: '2024-03-13T08:11:00',
      },
    ],
    [
      'sms/sms-20240315.xml',
      {
        format: 'android-sms-xml',
        messages: 8,
        calls: 0,
        senders: [
          { sender: '+447700900123', name: 'Alex Example', messages: 4, calls: 0 },
          { sender: 'owner', messages: 2, calls: 0, owner: true },
          { sender: '+447700900456', name: 'Mum', messages: 1, calls: 0 },
          { sender: 'EXAMPLEBNK', messages: 1, calls: 0 },
        ],
        first: '2024-03-12T14:05:33.000Z',
        last: '2024-03-12T16:30:00.000Z',
      },
    ],
    [
      'sms/calls-20240315.xml',
      {
        format: 'android-calls-xml',
        messages: 0,
        calls: 10,
        senders: [
          { sender: '+447700900123', name: 'Alex Example', messages: 0, calls: 6 },
          { sender: 'withheld', messages: 0, calls: 3 },
          { sender: 'owner', messages: 0, calls: 1, owner: true },
        ],
        first: '2024-03-12T14:00:00.000Z',
        last: '2024-03-12T15:30:00.000Z',
      },
    ],
    [
      'email/mailbox-mboxrd.mbox',
      {
        format: 'mbox',
        messages: 3,
        calls: 0,
        senders: [
          { sender: 'alex@example.org', name: 'Alex Example', messages: 2, calls: 0 },
          { sender: 'sam@example.com', name: 'Sam Owner', messages: 1, calls: 0, owner: true },
        ],
        first: '2024-03-12T14:05:33.000Z',
        last: '2024-03-13T07:02:00.000Z',
      },
    ],
    [
      'meta/facebook-sam-owner.zip',
      {
        format: 'facebook-zip',
        messages: 8,
        calls: 2,
        senders: [
          { sender: 'Alex Exämple', messages: 5, calls: 2 },
          { sender: 'Sam Owner', messages: 2, calls: 0, owner: true },
          { sender: 'Jo Example', messages: 1, calls: 0 },
        ],
        first: '2024-03-12T14:05:33.000Z',
        last: '2024-03-20T12:05:00.000Z',
      },
    ],
    [
      'telegram/result-single-chat.json',
      {
        format: 'telegram-json',
        messages: 7,
        calls: 4,
        senders: [
          { sender: 'Alex Example', messages: 6, calls: 3 },
          { sender: 'Sam Owner', messages: 1, calls: 1, owner: true },
        ],
        first: '2024-04-01T08:00:00.000Z',
        last: '2024-04-01T08:50:00.000Z',
      },
    ],
    [
      'telegram/result-old-no-unixtime.json',
      {
        format: 'telegram-json',
        messages: 2,
        calls: 0,
        senders: [
          { sender: 'Alex Example', messages: 1, calls: 0 },
          { sender: 'Sam Owner', messages: 1, calls: 0, owner: true },
        ],
        first: '2019-06-01T22:15:00',
        last: '2019-06-02T07:00:00',
      },
    ],
  ])('%s', async (file, expected) => {
    expect(await preview(file)).toEqual(expected);
  });

  it('gives instants for wall times when a time zone is given', async () => {
    const p = await preview('whatsapp/WhatsApp Chat with Alex Example.txt', {
      timeZone: 'Europe/London',
    });
    expect([p.first, p.last]).toEqual(['2024-03-12T14:05:00.000Z', '2024-03-13T07:15:00.000Z']);
  });
});

// Each case starts a Node process with tsx: seconds on a busy two-core machine, so the hang guard is
// wider than the default 5 s.
describe.concurrent('import-preview script', { timeout: 60_000 }, () => {
  it('prints the summary as JSON', async () => {
    const r = await cli(FIXTURES + 'whatsapp/WhatsApp Chat with Alex Example.txt');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(WHATSAPP_ANDROID);
  });

  it('notes an ambiguous date order on stderr and takes --date-order and --owner', async () => {
    const guessed = await cli(FIXTURES + 'whatsapp/ambiguous.txt');
    expect(guessed.code).toBe(0);
    expect(guessed.stderr).toContain('dates were read day-first');
    const chosen = await cli(
      FIXTURES + 'whatsapp/ambiguous.txt',
      '--date-order',
      'month-first',
      '--owner',
      'Sam Owner',
    );
    expect(JSON.parse(chosen.stdout)).toMatchObject({
      first: '2024-01-02T09:00',
      last: '2024-05-02T11:00',
      senders: [
        { sender: 'Alex Example', messages: 3, calls: 0 },
        { sender: 'Sam Owner', messages: 1, calls: 0, owner: true },
      ],
    });
  });

  it('prints the code and message of a bad file to stderr and exits 1', async () => {
    const r = await cli(FIXTURES + 'whatsapp/unknown-language.txt');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim()).toBe(
      'whatsapp_unknown_language: this looks like a WhatsApp export in a language we have not seen — please tell us',
    );
    const missing = await cli(FIXTURES + 'no-such-file.txt');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^file_unreadable: /);
  });

  it('prints usage for missing or unknown arguments and exits 1', async () => {
    const r = await cli();
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^usage: import-preview FILE/);
    const unknown = await cli('a.txt', '--colour');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^usage: /);
  });
});
