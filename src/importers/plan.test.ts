import { readFile } from 'node:fs/promises';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { incidentSchema } from '../domain/diary/incident.js';
import { importFile } from './index.js';
import { keyItems, keySources } from './item-keys.js';
import {
  cutText,
  importedKeysOf,
  incidentValues,
  planImport,
  senderLinks,
  suggestedGrouping,
  suggestedName,
  theirItems,
  type ImportPlan,
  type KeyedItem,
  type PlanOptions,
} from './plan.js';
import type { ImportedItem, ItemChannel } from './types.js';

const FIXTURES = new URL('../../test/fixtures/', import.meta.url);
const LONDON = 'Europe/London';

function message(partial: Partial<ImportedItem> & { sender: string }): ImportedItem {
  return {
    kind: 'message',
    channel: 'whatsapp',
    senderIsOwner: false,
    at: { local: '2024-03-12T14:05', original: '12/03/2024, 14:05' },
    text: 'hi',
    source: { format: 'whatsapp-txt', index: 0 },
    ...partial,
  };
}

/**
 * Keys as the vault makes them, without hashing: the planner only compares them, so each
 * distinct key source gets a short id (the schema allows only base64url characters).
 */
const ids = new Map<string, string>();
function keyed(items: readonly ImportedItem[]): KeyedItem[] {
  return keySources(items).map((source, i) => {
    let key = ids.get(source);
    if (key === undefined) {
      key = `k${ids.size}`;
      ids.set(source, key);
    }
    return { key, item: items[i]! };
  });
}

function call(partial: Partial<ImportedItem> & { sender: string }): ImportedItem {
  const item = message({ kind: 'call', call: { direction: 'missed' }, ...partial });
  delete item.text;
  return item;
}

const options = (over: Partial<PlanOptions> = {}): PlanOptions => ({
  senders: ['Alex'],
  timeZone: LONDON,
  burstMinutes: 0,
  existingKeys: new Set(),
  ...over,
});

const describeIncident = (): string => 'Imported message';

function valuesOf(plan: ImportPlan) {
  return incidentValues(plan, {
    format: 'whatsapp-txt',
    personId: 'person-0001',
    timeZone: LONDON,
    describe: describeIncident,
  });
}

describe('planImport', () => {
  it('plans the WhatsApp fixture: the chosen sender only, wall times in the chosen zone', async () => {
    const bytes = await readFile(
      new URL('imports/whatsapp/WhatsApp Chat with Alex Example.txt', FIXTURES),
    );
    const result = await importFile(new Uint8Array(bytes), {
      fileName: 'WhatsApp Chat with Alex Example.txt',
    });
    const keys = await keyItems(result.items);
    const items = result.items.map((item, i) => ({ key: keys[i] ?? '', item }));
    const plan = planImport(items, options({ senders: ['Alex Example'] }));
    expect(plan.messages).toBe(6);
    expect(plan.calls).toBe(2);
    expect(plan.incidents).toHaveLength(8);
    expect(plan.days).toEqual([
      { date: '2024-03-12', messages: 4, calls: 0 },
      { date: '2024-03-13', messages: 2, calls: 2 },
    ]);
    // March 2024 in London is GMT: the wall time as written, with offset +00:00.
    expect(plan.first).toBe('2024-03-12T14:05+00:00');
    expect(plan.last).toBe('2024-03-13T07:15+00:00');
    expect(plan.usesLocalTimes).toBe(true);

    // The same export read as if written in New York keeps the wall times, changes the instants.
    const ny = planImport(
      items,
      options({ senders: ['Alex Example'], timeZone: 'America/New_York' }),
    );
    expect(ny.first).toBe('2024-03-12T14:05-04:00');

    const values = valuesOf(plan);
    for (const v of values) incidentSchema.parse(v);
    const call = values.find((v) => v.imported?.items[0]?.kind === 'call');
    expect(call?.channel).toEqual({ key: 'messaging-app', detail: 'WhatsApp' });
    expect(call?.behaviours).toEqual(['phone-calls']);
    expect(call?.imported?.items[0]?.direction).toBe('missed');
    const multiLine = values.find((v) => v.imported?.items[0]?.text?.includes('Answer me.'));
    expect(multiLine?.imported?.items[0]).toMatchObject({
      sender: 'Alex Example',
      direction: 'incoming',
      original: '12/03/2024, 14:06',
      at: '2024-03-12T14:06+00:00',
      text: "I know you're at work.\nAnswer me.\n\nI'll wait outside.",
    });
    expect(multiLine?.imported?.localTimeZone).toBe(LONDON);
    expect(multiLine?.behaviours).toEqual(['messages-online']);
  });

  it('keeps exact instants exact, and shows them in the chosen zone to the second', () => {
    const sms = message({
      sender: '+447700900123',
      channel: 'sms',
      at: { instant: '2024-07-01T08:30:15.000Z', original: '1719822615000' },
    });
    const plan = planImport(keyed([sms]), options({ senders: ['+447700900123'] }));
    expect(plan.first).toBe('2024-07-01T09:30:15+01:00');
    expect(plan.usesLocalTimes).toBe(false);
    const [value] = valuesOf(plan);
    expect(value?.channel).toEqual({ key: 'text' });
    expect(value?.behaviours).toEqual(['texts-voicemails']);
    expect(value?.imported?.localTimeZone).toBeUndefined();
    expect(value?.when.end).toBeUndefined();
  });

  it('counts items from the chosen senders with no readable time, and adds none of them', () => {
    const items = [
      message({ sender: 'Alex', at: { original: '??' } }),
      message({ sender: 'Alex', at: { local: '1850-01-01T10:00', original: 'old' } }),
      message({ sender: 'Alex', text: 'ok' }),
      message({ sender: 'Sam', at: { original: '??' } }),
    ];
    const plan = planImport(keyed(items), options());
    expect(plan.undated).toBe(2);
    expect(plan.messages).toBe(1);
  });

  it('groups a burst per kind and channel, and keeps every item inside', () => {
    const at = (hhmm: string) => ({ local: `2024-03-12T${hhmm}`, original: hhmm });
    const items = [
      message({ sender: 'Alex', at: at('10:00'), text: 'a' }),
      call({ sender: 'Alex', at: at('10:01') }),
      message({ sender: 'Alex', at: at('10:03'), text: 'b' }),
      message({ sender: 'Alex', at: at('10:08'), text: 'c' }),
      message({ sender: 'Alex', at: at('10:30'), text: 'd' }),
      call({ sender: 'Alex', at: at('10:31') }),
    ];
    const plan = planImport(keyed(items), options({ burstMinutes: 5 }));
    expect(plan.incidents.map((i) => i.items.map((p) => p.item.text ?? p.item.kind))).toEqual([
      ['a', 'b', 'c'],
      ['call'],
      ['d'],
      ['call'],
    ]);
    const [first] = valuesOf(plan);
    expect(first?.when).toMatchObject({
      start: '2024-03-12T10:00+00:00',
      end: '2024-03-12T10:08+00:00',
    });
    expect(first?.imported?.items.map((i) => i.text)).toEqual(['a', 'b', 'c']);
    // Without grouping, one incident each.
    expect(planImport(keyed(items), options()).incidents).toHaveLength(6);
    // A cap on items per incident splits a long burst.
    expect(
      planImport(keyed(items), options({ burstMinutes: 60, maxItemsPerIncident: 2 })).incidents.map(
        (i) => i.items.length,
      ),
    ).toEqual([2, 2, 2]);
  });

  it('splits a burst whose text would not fit in one record', () => {
    const long = 'x'.repeat(20_000);
    const items = Array.from({ length: 12 }, (_, i) =>
      message({
        sender: 'Alex',
        text: `${long}${i}`,
        at: { local: `2024-03-12T10:${String(i).padStart(2, '0')}`, original: String(i) },
      }),
    );
    const plan = planImport(keyed(items), options({ burstMinutes: 10 }));
    expect(plan.incidents.length).toBeGreaterThan(1);
    for (const value of valuesOf(plan)) {
      expect(
        new TextEncoder().encode(JSON.stringify(incidentSchema.parse(value))).length,
      ).toBeLessThan(1024 * 1024 - 512);
    }
  });

  it('sorts items newest-first exports into time order', () => {
    const items = [
      message({ sender: 'Alex', at: { instant: '2024-03-12T10:05:00.000Z', original: 'b' } }),
      message({ sender: 'Alex', at: { instant: '2024-03-12T10:00:00.000Z', original: 'a' } }),
    ];
    const plan = planImport(keyed(items), options({ burstMinutes: 10 }));
    expect(plan.incidents[0]?.items.map((p) => p.item.at.original)).toEqual(['a', 'b']);
  });

  it('cuts overlong text and says so, keeping surrogate pairs whole', () => {
    const text = `${'a'.repeat(19_999)}😀tail`;
    const plan = planImport(keyed([message({ sender: 'Alex', text })]), options());
    const item = valuesOf(plan)[0]?.imported?.items[0];
    expect(item?.text).toHaveLength(19_999);
    expect(item?.textTruncated).toBe(true);
    expect(cutText('ab😀', 3)).toBe('ab');
    expect(cutText('ab😀', 4)).toBe('ab😀');
  });
});

describe('importing again', () => {
  it('adds nothing from the same export, and only the new items from a longer one', async () => {
    const base = [
      message({ sender: 'Alex', text: 'one', at: { local: '2024-03-12T10:00', original: '1' } }),
      message({ sender: 'Alex', text: 'two', at: { local: '2024-03-12T10:01', original: '2' } }),
    ];
    const later = [
      ...base,
      message({ sender: 'Alex', text: 'three', at: { local: '2024-03-12T10:02', original: '3' } }),
    ];
    const key = async (items: ImportedItem[]): Promise<KeyedItem[]> => {
      const keys = await keyItems(items);
      return items.map((item, i) => ({ key: keys[i] ?? '', item }));
    };
    const first = planImport(await key(base), options({ burstMinutes: 5 }));
    const stored = valuesOf(first).map((v) => incidentSchema.parse(v));
    const existingKeys = importedKeysOf(stored);
    expect(existingKeys.size).toBe(2);
    const again = planImport(await key(base), options({ existingKeys }));
    expect(again.incidents).toHaveLength(0);
    expect(again.alreadyImported).toBe(2);
    const more = planImport(await key(later), options({ existingKeys }));
    expect(more.incidents.flatMap((i) => i.items.map((p) => p.item.text))).toEqual(['three']);
  });

  it('keeps identical messages sent in the same minute as separate items', async () => {
    const same = message({ sender: 'Alex', text: 'answer me' });
    const keys = await keyItems([same, same, same]);
    expect(new Set(keys).size).toBe(3);
    for (const k of keys) expect(k).toMatch(/^[A-Za-z0-9_-]{22}$/);
    // The same file read again gives the same keys.
    expect(await keyItems([same, same, same])).toEqual(keys);
  });
});

describe("planImport: the person's own replies", () => {
  const at = (day: string, hhmm: string) => ({
    local: `2024-03-${day}T${hhmm}`,
    original: `${day} ${hhmm}`,
  });
  const mine = (day: string, hhmm: string, text: string) =>
    message({ sender: 'Sam', senderIsOwner: true, at: at(day, hhmm), text });
  const items = [
    message({ sender: 'Alex', at: at('12', '10:00'), text: 'where are you' }),
    mine('12', '10:02', 'Please stop messaging me'),
    message({ sender: 'Alex', at: at('12', '10:03'), text: 'answer me' }),
    call({ sender: 'Alex', at: at('12', '10:04') }),
    mine('12', '18:00', "I'm going to the police"),
    mine('13', '09:00', 'a reply on a day Alex sent nothing'),
    mine('14', '07:00', 'Leave me alone'),
    message({ sender: 'Alex', at: at('14', '08:00'), text: 'morning' }),
  ];

  it("keeps them inside the incident they answer, marked as the person's own, never counted", () => {
    const plan = planImport(keyed(items), options());
    expect(plan.messages).toBe(3);
    expect(plan.calls).toBe(1);
    expect(plan.ownReplies).toBe(3);
    expect(plan.days.map((d) => [d.date, d.messages, d.calls])).toEqual([
      ['2024-03-12', 2, 1],
      ['2024-03-14', 1, 0],
    ]);
    expect(
      plan.incidents.map((i) =>
        i.items.map((p) => (p.own ? `me: ${p.item.text}` : (p.item.text ?? 'call'))),
      ),
    ).toEqual([
      ['where are you', 'me: Please stop messaging me'],
      ['answer me', "me: I'm going to the police"],
      ['call'],
      ['me: Leave me alone', 'morning'],
    ]);
    const values = valuesOf(plan);
    for (const v of values) expect(incidentSchema.safeParse(v).success).toBe(true);
    // The channel is how it came, never where: no place is made up for an imported entry.
    for (const v of values) expect(v.where).toBeUndefined();
    expect(values[0]?.imported?.items.map((i) => [i.text, i.direction, i.own])).toEqual([
      ['where are you', 'incoming', undefined],
      ['Please stop messaging me', 'outgoing', true],
    ]);
    // When is what the other person did: the reply before Alex's message does not move it.
    expect(values[3]?.when.start).toBe('2024-03-14T08:00+00:00');
    expect(values[3]?.when.end).toBeUndefined();
  });

  it('can leave them out', () => {
    const plan = planImport(keyed(items), options({ ownReplies: false }));
    expect(plan.ownReplies).toBe(0);
    expect(plan.incidents.flatMap((i) => i.items).some((p) => p.own)).toBe(false);
  });
});

describe('planImport: one incident per day of conversation', () => {
  const exact = (iso: string, text: string) =>
    message({ sender: 'Alex', at: { instant: iso, original: iso }, text });

  it("puts each day's messages in one incident, with the days of Europe/London across the spring clock change", () => {
    const items = [
      exact('2024-03-30T23:30:00Z', 'sat 23:30 GMT'),
      exact('2024-03-31T00:30:00Z', 'sun 00:30 GMT'),
      exact('2024-03-31T01:30:00Z', 'sun 02:30 BST'),
      exact('2024-03-31T22:59:00Z', 'sun 23:59 BST'),
      exact('2024-03-31T23:00:00Z', 'mon 00:00 BST'),
      message({
        sender: 'Sam',
        senderIsOwner: true,
        at: { instant: '2024-03-31T12:00:00Z', original: '' },
        text: 'stop',
      }),
      call({ sender: 'Alex', at: { instant: '2024-03-31T12:30:00Z', original: '' } }),
    ];
    const plan = planImport(keyed(items), options({ grouping: 'day' }));
    expect(plan.incidents.map((i) => [i.kind, i.items.map((p) => p.item.text ?? 'call')])).toEqual([
      ['message', ['sat 23:30 GMT']],
      ['message', ['sun 00:30 GMT', 'sun 02:30 BST', 'stop', 'sun 23:59 BST']],
      ['call', ['call']],
      ['message', ['mon 00:00 BST']],
    ]);
    expect(plan.days.map((d) => d.date)).toEqual(['2024-03-30', '2024-03-31', '2024-04-01']);
    const values = valuesOf(plan);
    expect(values[1]?.when).toMatchObject({
      start: '2024-03-31T00:30:00+00:00',
      end: '2024-03-31T23:59:00+01:00',
    });
    // The same instants in New York fall on other days.
    const ny = planImport(keyed(items), options({ grouping: 'day', timeZone: 'America/New_York' }));
    expect(
      ny.incidents.filter((i) => i.kind === 'message').map((i) => theirItems(i).length),
    ).toEqual([3, 2]);
  });

  it('keeps the two 01:30s of the autumn change on the same day, and splits at midnight BST', () => {
    const items = [
      exact('2024-10-26T22:59:00Z', 'sat 23:59 BST'),
      exact('2024-10-26T23:00:00Z', 'sun 00:00 BST'),
      exact('2024-10-27T00:30:00Z', 'sun 01:30 BST'),
      exact('2024-10-27T01:30:00Z', 'sun 01:30 GMT'),
      exact('2024-10-27T23:59:00Z', 'sun 23:59 GMT'),
      exact('2024-10-28T00:00:00Z', 'mon 00:00 GMT'),
    ];
    const plan = planImport(keyed(items), options({ grouping: 'day' }));
    expect(plan.incidents.map((i) => i.items.length)).toEqual([1, 4, 1]);
    // Wall times (WhatsApp) on the day of the change group by the day as written.
    const walls = [
      '2024-03-31T00:59',
      '2024-03-31T01:30',
      '2024-03-31T03:00',
      '2024-04-01T00:00',
    ].map((local) => message({ sender: 'Alex', at: { local, original: local }, text: local }));
    expect(
      planImport(keyed(walls), options({ grouping: 'day' })).incidents.map((i) => i.items.length),
    ).toEqual([3, 1]);
  });

  it('offers one incident per day first when there are more than a handful of messages', () => {
    expect(suggestedGrouping(1)).toBe('each');
    expect(suggestedGrouping(10)).toBe('each');
    expect(suggestedGrouping(11)).toBe('day');
  });
});

describe('senderLinks and suggestedName', () => {
  const items: ImportedItem[] = [
    message({ sender: '+447700900123', channel: 'sms' }),
    message({ sender: 'alex@example.com', channel: 'email' }),
    message({ sender: 'alex.tg', channel: 'telegram', senderId: 'user42' }),
    message({ sender: 'Alex Example', channel: 'whatsapp' }),
    message({ sender: 'withheld', channel: 'phone' }),
  ];
  const all = items.map((i) => i.sender);

  it('offers numbers, addresses and platform accounts, never a WhatsApp contact name', () => {
    expect(senderLinks({ items }, all)).toEqual({
      phones: ['+447700900123'],
      emails: ['alex@example.com'],
      accounts: [{ platform: 'Telegram', handle: 'alex.tg' }],
    });
  });

  it('leaves out what the person record already holds, however it was written', () => {
    expect(
      senderLinks({ items }, all, {
        phones: [{ number: '07700 900123' }],
        emails: ['Alex@Example.com'],
        accounts: [{ platform: 'telegram', handle: 'alex.tg' }],
      }),
    ).toEqual({ phones: [], emails: [], accounts: [] });
  });

  it('suggests the display name, else a sender that is a name', () => {
    expect(
      suggestedName(
        [{ sender: '+447700900123', name: 'Alex', isOwner: false, messages: 1, calls: 0 }],
        ['+447700900123'],
      ),
    ).toBe('Alex');
    expect(suggestedName([], ['+447700900123', 'Alex Example'])).toBe('Alex Example');
    expect(suggestedName([], ['+447700900123'])).toBe('');
  });
});

// ---- properties ----

const SENDERS = ['Alex', 'Sam', '+447700900123'] as const;
/** The phone's owner in the exports below: never one of the chosen senders. */
const OWNER = 'Me';
const CHANNELS: readonly ItemChannel[] = ['whatsapp', 'sms', 'phone'];

/** An export: items a few minutes apart (or the same minute), with repeats and no-time items. */
const exportArb = fc
  .array(
    fc.record({
      sender: fc.constantFrom(...SENDERS, OWNER),
      kind: fc.constantFrom('message' as const, 'call' as const),
      channel: fc.constantFrom(...CHANNELS),
      gap: fc.nat({ max: 300 }),
      text: fc.constantFrom('hi', 'answer me', 'where are you', ''),
      exact: fc.boolean(),
    }),
    { maxLength: 60 },
  )
  .map((rows) => {
    let minute = 0;
    return rows.map((r, index): ImportedItem => {
      minute += r.gap;
      const wall = new Date(Date.UTC(2024, 2, 30, 0, minute)).toISOString().slice(0, 16);
      return {
        kind: r.kind,
        channel: r.channel,
        sender: r.sender,
        senderIsOwner: r.sender === OWNER,
        at: r.exact
          ? { instant: `${wall}:00.000Z`, original: wall }
          : { local: wall, original: wall },
        ...(r.kind === 'call' ? { call: { direction: 'missed' as const } } : { text: r.text }),
        source: { format: 'whatsapp-txt', index },
      };
    });
  });

const chosenArb = fc.subarray<string>([...SENDERS], { minLength: 1 });

/** The keys of what the other person did (the person's own replies left out). */
function plannedKeys(plan: ImportPlan): string[] {
  return plan.incidents.flatMap((i) => theirItems(i).map((p) => p.key));
}

const groupingArb = fc.constantFrom('each' as const, 'burst' as const, 'day' as const);

describe('planImport properties', () => {
  it('never plans an item twice, and grouping keeps every new item of the chosen senders', () => {
    fc.assert(
      fc.property(
        exportArb,
        chosenArb,
        fc.nat({ max: 30 }),
        groupingArb,
        (items, senders, burstMinutes, grouping) => {
          const all = keyed(items);
          const plan = planImport(all, options({ senders, burstMinutes, grouping }));
          const keys = plannedKeys(plan);
          const everyKey = plan.incidents.flatMap((i) => i.items.map((p) => p.key));
          expect(new Set(everyKey).size).toBe(everyKey.length);
          const expected = all.filter((k) => senders.includes(k.item.sender)).map((k) => k.key);
          expect([...keys].sort()).toEqual([...expected].sort());
          expect(plan.messages + plan.calls).toBe(keys.length);
          expect(plan.days.reduce((n, d) => n + d.messages + d.calls, 0)).toBe(keys.length);
          expect(everyKey.length - keys.length).toBe(plan.ownReplies);
          // Same outcome with or without grouping; grouping only changes how many incidents.
          const single = planImport(all, options({ senders, burstMinutes: 0 }));
          expect(single.incidents).toHaveLength(keys.length);
          for (const incident of plan.incidents) {
            const theirs = theirItems(incident);
            // The person's own replies never make an incident, and are only their messages.
            expect(theirs.length).toBeGreaterThan(0);
            const lane = new Set(theirs.map((p) => `${p.item.kind} ${p.item.channel}`));
            expect(lane.size).toBe(1);
            const day = theirs[0]!.at.slice(0, 10);
            for (const p of incident.items) {
              if (p.own !== true) continue;
              expect(p.item.sender).toBe(OWNER);
              expect(p.item.kind).toBe('message');
              expect(incident.kind).toBe('message');
              expect(p.item.channel).toBe(incident.channel);
              expect(p.at.slice(0, 10)).toBe(day);
            }
            incident.items.forEach((p, i) => {
              const before = incident.items[i - 1];
              if (before !== undefined) expect(p.instant).toBeGreaterThanOrEqual(before.instant);
            });
            theirs.forEach((p, i) => {
              const before = theirs[i - 1];
              if (before === undefined) return;
              if (grouping === 'day') expect(p.at.slice(0, 10)).toBe(day);
              else if (grouping === 'burst') {
                expect(p.instant - before.instant).toBeLessThanOrEqual(burstMinutes * 60_000);
              } else expect.unreachable('one item each');
            });
          }
          for (const value of valuesOf(plan))
            expect(incidentSchema.safeParse(value).success).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('re-importing an overlapping export adds only what the first import did not', () => {
    fc.assert(
      fc.property(
        // Distinct texts: a later export cut in the middle of a run of identical messages is
        // the one case keys cannot tell apart (see item-keys.ts).
        exportArb.map((items) => items.map((item, i) => ({ ...item, text: `${item.text} ${i}` }))),
        chosenArb,
        fc.nat({ max: 30 }),
        groupingArb,
        fc.nat(),
        fc.nat(),
        (items, senders, burstMinutes, grouping, x, y) => {
          const n = items.length;
          const end = n === 0 ? 0 : x % (n + 1);
          const start = n === 0 ? 0 : y % (end + 1);
          const first = planImport(
            keyed(items.slice(0, end)),
            options({ senders, burstMinutes, grouping }),
          );
          const stored = valuesOf(first).map((v) => incidentSchema.parse(v));
          const existingKeys = importedKeysOf(stored);
          const second = planImport(
            keyed(items.slice(start)),
            options({ senders, burstMinutes, grouping, existingKeys }),
          );
          const textsOf = (plan: ImportPlan, own: boolean) =>
            plan.incidents.flatMap((i) =>
              i.items.filter((p) => (p.own === true) === own).map((p) => p.item.text),
            );
          const firstTexts = textsOf(first, false);
          const secondTexts = textsOf(second, false);
          // The person's own replies are not stored twice either.
          for (const t of textsOf(second, true)) expect(textsOf(first, true)).not.toContain(t);
          const expected = items
            .slice(end)
            .filter((i) => senders.includes(i.sender))
            .map((i) => i.text);
          expect(secondTexts.sort()).toEqual(expected.sort());
          for (const t of secondTexts) expect(firstTexts).not.toContain(t);
          // And a third import of everything adds nothing at all.
          const both = importedKeysOf([
            ...stored,
            ...valuesOf(second).map((v) => incidentSchema.parse(v)),
          ]);
          const third = planImport(
            keyed(items),
            options({ senders, grouping, existingKeys: both }),
          );
          expect(third.incidents).toHaveLength(0);
        },
      ),
      { numRuns: 150 },
    );
  });
});
