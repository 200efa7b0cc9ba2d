import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importFile } from './index.js';

const DIR = fileURLToPath(new URL('../../test/fixtures/imports/telegram/', import.meta.url));
const bytes = (name: string): Uint8Array => new Uint8Array(readFileSync(DIR + name));

describe('Telegram Desktop, one chat', () => {
  it('prefers date_unixtime, joins text parts, and reads phone calls', async () => {
    const r = await importFile(bytes('result-single-chat.json'), { fileName: 'result.json' });
    expect(r.format).toBe('telegram-json');
    expect(r.conversation).toBe('Alex Example');
    expect(r.owner).toEqual({ sender: 'Sam Owner', how: 'chat-name' });
    expect(r.skipped).toBe(1); // the pinned-message notice
    expect(r.items[0]).toMatchObject({
      kind: 'message',
      channel: 'telegram',
      sender: 'Alex Example',
      senderId: 'user4242',
      text: 'Good morning 🌞',
      // The exporting computer was an hour ahead of UTC: the instant wins, the wall time is kept.
      at: {
        instant: '2024-04-01T08:00:00.000Z',
        local: '2024-04-01T09:00:00',
        original: '2024-04-01T09:00:00',
      },
    });
    expect(r.items[1]?.text).toBe("I'm at your gym now");
    expect(r.items[2]?.attachments).toEqual([
      { name: 'photo_1@01-04-2024_09-02-00.jpg', type: 'image/jpeg' },
    ]);
    expect(r.items[3]?.attachments).toEqual([
      { name: 'audio_1@01-04-2024_09-03-00.ogg', type: 'audio/ogg' },
    ]);
    const calls = r.items.filter((i) => i.kind === 'call');
    expect(calls.map((i) => [i.sender, i.call])).toEqual([
      ['Alex Example', { direction: 'missed', durationSeconds: 0 }],
      ['Alex Example', { direction: 'rejected', durationSeconds: 0 }],
      ['Alex Example', { direction: 'incoming', durationSeconds: 62 }],
      ['Sam Owner', { direction: 'outgoing', durationSeconds: 5 }],
    ]);
    expect(r.items.find((i) => i.text === "You'll regret it")?.edited).toBe(true);
    expect(r.items.at(-1)?.attachments).toEqual([{ name: '', type: 'image/jpeg', omitted: true }]);
    expect(r.participants).toEqual([
      { sender: 'Alex Example', isOwner: false, messages: 6, calls: 3 },
      { sender: 'Sam Owner', isOwner: true, messages: 1, calls: 1 },
    ]);
  });

  it('keeps the wall time when an old export has no date_unixtime', async () => {
    const r = await importFile(bytes('result-old-no-unixtime.json'));
    expect(r.items[0]?.at).toEqual({
      local: '2019-06-01T22:15:00',
      original: '2019-06-01T22:15:00',
    });
  });
});

describe('Telegram Desktop, full export', () => {
  it('reads every chat, left chats too, and knows the owner from personal information', async () => {
    const r = await importFile(bytes('result-full-export.json'));
    expect(r.owner).toEqual({ sender: 'Sam Owner', how: 'format' });
    expect(r.items.map((i) => [i.conversation, i.sender, i.kind, i.senderIsOwner])).toEqual([
      ['Alex Example', 'Alex Example', 'message', false],
      ['Alex Example', 'Sam Owner', 'message', true],
      ['Alex Example', 'Alex Example', 'call', false],
      ['Walking group', 'Jo Example', 'message', false],
      ['Walking group', 'Sam Owner', 'message', true],
      ['Old team', 'Alex Example', 'message', false],
    ]);
    expect(r.items[2]?.call?.direction).toBe('missed');
    expect(r.skipped).toBe(1); // the group-created notice
  });

  it('refuses JSON that is not a Telegram export when told it is one', async () => {
    await expect(
      importFile(new TextEncoder().encode('{"chats": 5}'), { format: 'telegram-json' }),
    ).rejects.toMatchObject({ code: 'json_unknown_shape' });
  });
});
