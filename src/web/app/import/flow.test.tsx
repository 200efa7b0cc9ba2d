import { render } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { incidentSchema } from '../../../domain/diary/incident.js';
import type { PlannedIncident, PlannedItem } from '../../../importers/plan.js';
import type { ImportedItem } from '../../../importers/types.js';
import { AppContext, type AppContextValue } from '../shell/context.js';
import { MESSAGES } from '../shell/messages.js';
import { burstMinutesOf, describeIncident } from './flow.js';
import { ImportedMessages } from './imported-messages.js';
import { IMPORT_MESSAGES } from './messages.js';

const en = IMPORT_MESSAGES.en;

function planned(at: string, item: Partial<ImportedItem>): PlannedItem {
  return {
    key: `k${at}`,
    at,
    instant: Date.parse(at),
    local: true,
    item: {
      kind: 'message',
      channel: 'whatsapp',
      sender: 'Jordan',
      senderIsOwner: false,
      at: { local: at.slice(0, 16), original: at },
      source: { format: 'whatsapp-txt', index: 0 },
      ...item,
    },
  };
}

describe('describeIncident', () => {
  it('says one message with its words, so search finds them', () => {
    const one: PlannedIncident = {
      kind: 'message',
      channel: 'whatsapp',
      items: [planned('2025-01-14T09:02+00:00', { text: 'Where were you' })],
    };
    expect(describeIncident(en, one)).toBe('WhatsApp message from Jordan: Where were you');
    expect(describeIncident(IMPORT_MESSAGES.cy, one)).toBe(
      'Neges WhatsApp gan Jordan: Where were you',
    );
  });

  it('lists a burst line by line, with the date when it crosses midnight', () => {
    const burst: PlannedIncident = {
      kind: 'message',
      channel: 'sms',
      items: [
        planned('2025-01-14T23:58+00:00', { channel: 'sms', text: 'Answer me' }),
        planned('2025-01-15T00:01+00:00', {
          channel: 'sms',
          attachments: [{ name: '', type: 'image/*', omitted: true }],
        }),
      ],
    };
    expect(describeIncident(en, burst)).toBe(
      '2 messages from Jordan (Text message):\n2025-01-14 23:58 Answer me\n2025-01-15 00:01 [attachment]',
    );
  });

  it("marks the person's own replies as theirs, and counts only the other person's messages", () => {
    const mine = (at: string, text: string): PlannedItem => ({
      ...planned(at, { sender: 'Sam', senderIsOwner: true, text }),
      own: true,
    });
    const day: PlannedIncident = {
      kind: 'message',
      channel: 'whatsapp',
      items: [
        mine('2025-01-14T08:00+00:00', 'Leave me alone'),
        planned('2025-01-14T09:02+00:00', { text: 'Where were you' }),
        mine('2025-01-14T09:40+00:00', 'Please stop contacting me.'),
      ],
    };
    expect(describeIncident(en, day)).toBe(
      '1 message from Jordan (WhatsApp message):\n08:00 You: Leave me alone\n09:02 Where were you\n09:40 You: Please stop contacting me.',
    );
    expect(describeIncident(IMPORT_MESSAGES.cy, day)).toContain('09:40 Chi: Please stop');
  });

  it('words calls by what happened to them', () => {
    const call: PlannedIncident = {
      kind: 'call',
      channel: 'phone',
      items: [
        planned('2025-01-14T22:15+00:00', {
          kind: 'call',
          channel: 'phone',
          sender: '+447700900123',
          call: { direction: 'missed' },
        }),
      ],
    };
    expect(describeIncident(en, call)).toBe('Missed call from +447700900123 (phone)');
  });
});

describe('burstMinutesOf', () => {
  it('accepts whole minutes from 1 to 1440 only', () => {
    expect(burstMinutesOf(' 5 ')).toBe(5);
    expect(burstMinutesOf('1440')).toBe(1440);
    for (const bad of ['0', '1441', '2.5', '-3', '', 'five'])
      expect(burstMinutesOf(bad)).toBeUndefined();
  });
});

describe('ImportedMessages', () => {
  const app = { t: MESSAGES.en, locale: 'en' } as unknown as AppContextValue;
  const show = (incident: unknown): string =>
    render(
      <AppContext.Provider value={app}>
        <ImportedMessages incident={incidentSchema.parse(incident)} />
      </AppContext.Provider>,
    );
  const base = { when: { start: '2025-01-14T09:02+00:00', timeZone: 'Europe/London' }, what: 'x' };

  it('shows each message exactly, with its sender, time and the time as the file wrote it', () => {
    const html = show({
      ...base,
      imported: {
        format: 'whatsapp-txt',
        localTimeZone: 'Europe/London',
        items: [
          {
            key: 'a1',
            at: '2025-01-14T09:05+00:00',
            original: '14/01/2025, 09:05',
            kind: 'message',
            channel: 'whatsapp',
            direction: 'incoming',
            sender: 'Jordan Example',
            text: 'I saw your car.\nI know <your> shifts.',
            edited: true,
          },
          {
            key: 'a2',
            at: '2025-01-14T22:15:07+00:00',
            kind: 'call',
            channel: 'whatsapp',
            direction: 'missed',
            sender: 'Jordan Example',
            video: true,
          },
        ],
      },
    });
    expect(html).toContain('Imported messages');
    expect(html).toContain('From Jordan Example');
    expect(html).toContain('14 January 2025 at 09:05');
    expect(html).toContain('Time in the file: 14/01/2025, 09:05');
    expect(html).toContain('I saw your car.\nI know &lt;your> shifts.');
    expect(html).toContain('Missed call, video');
    expect(html).toContain('Edited');
    expect(html).toContain('They were read as Europe/London');
  });

  it("shows the person's own replies as theirs, not as from the other person", () => {
    const item = {
      at: '2025-01-14T09:40+00:00',
      kind: 'message',
      channel: 'whatsapp',
      sender: 'Jordan Example',
      text: 'marmalade',
    } as const;
    const html = show({
      ...base,
      imported: {
        format: 'whatsapp-txt',
        items: [
          { ...item, key: 'a1', direction: 'incoming' },
          {
            ...item,
            key: 'a2',
            direction: 'outgoing',
            sender: 'Sam Owner',
            text: 'Stop',
            own: true,
          },
        ],
      },
    });
    expect(html).toContain('Your reply');
    expect(html).toContain('You sent this.');
    expect(html).not.toContain('From Sam Owner');
    expect(html.match(/data-own/g)).toHaveLength(1);
  });

  it('shows nothing for an incident that was not imported', () => {
    expect(show(base)).toBe('');
  });
});
