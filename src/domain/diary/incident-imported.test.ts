import { describe, expect, it } from 'vitest';
import {
  describeIssues,
  importedContentSchema,
  incidentSchema,
  IMPORTED_ITEMS_MAX,
  IMPORTED_TEXT_MAX,
  type IncidentInput,
} from './incident.js';

const when = { start: '2024-03-12T14:05+00:00', timeZone: 'Europe/London' };
const item = {
  key: 'abcDEF123_-',
  at: '2024-03-12T14:05:33+00:00',
  original: '12/03/2024, 14:05',
  kind: 'message',
  channel: 'whatsapp',
  direction: 'incoming',
  sender: 'Alex Example',
  text: '  Where are you?\n',
} as const;

function incident(imported: unknown): IncidentInput {
  return { when, what: 'Where are you?', imported } as IncidentInput;
}

describe('incidentSchema: imported content', () => {
  it('is optional: an incident without it is unchanged', () => {
    const r = incidentSchema.parse({ when, what: 'At the gate' });
    expect('imported' in r).toBe(false);
  });

  it('keeps an imported message exactly, spaces and line breaks included', () => {
    const r = incidentSchema.parse(
      incident({ format: 'whatsapp-txt', localTimeZone: 'Europe/London', items: [item] }),
    );
    expect(r.imported?.items[0]).toEqual(item);
    expect(r.imported?.items[0]?.text).toBe('  Where are you?\n');
  });

  it("marks the person's own replies, and reads records made before the flag unchanged", () => {
    const own = { ...item, key: 'k3', direction: 'outgoing', sender: 'Sam Owner', own: true };
    const r = incidentSchema.parse(incident({ format: 'whatsapp-txt', items: [item, own] }));
    expect(r.imported?.items.map((i) => i.own)).toEqual([undefined, true]);
    expect('own' in (r.imported?.items[0] ?? {})).toBe(false);
    expect(
      incidentSchema.safeParse(
        incident({ format: 'whatsapp-txt', items: [{ ...own, own: false }] }),
      ).success,
    ).toBe(false);
  });

  it('keeps a call with its direction, duration and video flag, and a source evidence id', () => {
    const call = {
      key: 'k2',
      at: '2024-03-12T14:05:33+00:00',
      kind: 'call',
      channel: 'phone',
      direction: 'missed',
      sender: '+447700900123',
      durationSeconds: 0,
      video: true,
    };
    const r = importedContentSchema.parse({
      format: 'android-calls-xml',
      sourceEvidenceId: 'evidence-0001',
      items: [call],
    });
    expect(r.items[0]).toEqual(call);
    expect(r.sourceEvidenceId).toBe('evidence-0001');
  });

  it('refuses a repeated key, an empty list, unknown fields and values, and oversized text', () => {
    const bad = (imported: unknown): string[] =>
      ((r) => (r.success ? [] : describeIssues(r.error).map((i) => i.path)))(
        incidentSchema.safeParse(incident(imported)),
      );
    expect(bad({ format: 'whatsapp-txt', items: [item, item] })).toEqual(['imported.items']);
    expect(bad({ format: 'whatsapp-txt', items: [] })).toEqual(['imported.items']);
    expect(bad({ format: 'whatsapp-txt', items: [{ ...item, colour: 'red' }] })).toHaveLength(1);
    expect(bad({ format: 'whatsapp-txt', items: [{ ...item, direction: 'sideways' }] })).toEqual([
      'imported.items.0.direction',
    ]);
    expect(bad({ format: 'whatsapp-txt', items: [{ ...item, channel: 'pigeon' }] })).toEqual([
      'imported.items.0.channel',
    ]);
    expect(bad({ format: 'whatsapp-txt', items: [{ ...item, key: 'has space' }] })).toEqual([
      'imported.items.0.key',
    ]);
    expect(bad({ format: 'whatsapp-txt', items: [{ ...item, at: '2024-03-12T14:05' }] })).toEqual([
      'imported.items.0.at',
    ]);
    expect(
      bad({
        format: 'whatsapp-txt',
        items: [{ ...item, text: 'x'.repeat(IMPORTED_TEXT_MAX + 1) }],
      }),
    ).toEqual(['imported.items.0.text']);
    expect(bad({ format: 'WhatsApp TXT', items: [item] })).toEqual(['imported.format']);
    expect(bad({ format: 'whatsapp-txt', localTimeZone: 'Mars/Base', items: [item] })).toEqual([
      'imported.localTimeZone',
    ]);
  });

  it('caps the number of items in one incident', () => {
    const many = Array.from({ length: IMPORTED_ITEMS_MAX + 1 }, (_, i) => ({
      ...item,
      key: `k${i}`,
    }));
    expect(importedContentSchema.safeParse({ format: 'sms', items: many }).success).toBe(false);
    expect(
      importedContentSchema.safeParse({ format: 'sms', items: many.slice(0, IMPORTED_ITEMS_MAX) })
        .success,
    ).toBe(true);
  });
});
