import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PlannedIncident, PlannedItem } from './plan.js';
import { looksThreatening, threateningIncidents, threatWords } from './threats.js';
import type { ImportedItem } from './types.js';

describe('threatWords', () => {
  it.each([
    ["You'll regret this", ["you'll regret"]],
    ['You’ll REGRET this', ["you'll regret"]],
    ['watch   your\nback', ['watch your back']],
    ['I will kill you', ['kill']],
    ["I'll burn your house down", ['burn']],
    ['burn down your house', ['burn down']],
    ['I know where you live.', ['i know where you live']],
    ['ur dead', ['ur dead']],
    ["Byddi di'n difaru hyn", ["byddi di'n difaru"]],
    ['Gwylia dy gefn', ['gwylia dy gefn']],
    ['Dw i am dy ladd di', ['dy ladd']],
    ['Bydda i’n dy frifo di', ['dy frifo']],
    ['Kill. Hurt! Stab?', ['kill', 'hurt', 'stab']],
  ])('finds the threat in %j', (text, words) => {
    expect(threatWords(text)).toEqual(words);
    expect(looksThreatening(text)).toBe(true);
  });

  it.each([
    'Great skills',
    'the killer app is out',
    'Skillet for dinner?',
    'heartburn again',
    'He hurtled past',
    'a shooting star',
    'burnt toast',
    'Lladdwyd y gwair ddoe',
    'Diolch, welwn ni di yfory',
    'See you at 7',
    '',
  ])('finds nothing in %j', (text) => {
    expect(threatWords(text)).toEqual([]);
    expect(looksThreatening(text)).toBe(false);
  });

  it('never matches part of a longer word', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('kill', 'hurt', 'burn', 'stab', 'lladd', 'brifo', 'acid'),
        fc.stringMatching(/^[a-z]{1,4}$/),
        fc.boolean(),
        (word, extra, before) => {
          const text = before ? `${extra}${word}` : `${word}${extra}`;
          // A few real words built this way are in the list themselves ("kills", "killed", and the
          // Welsh "lladda", kill!).
          fc.pre(
            !['kills', 'killed', 'killing', 'hurting', 'stabbed', 'stabbing', 'lladda'].includes(
              text,
            ),
          );
          expect(looksThreatening(`say ${text} now`)).toBe(false);
        },
      ),
    );
  });
});

describe('threateningIncidents', () => {
  const planned = (text: string, own = false): PlannedItem => {
    const item: ImportedItem = {
      kind: 'message',
      channel: 'whatsapp',
      sender: own ? 'Sam' : 'Alex',
      senderIsOwner: own,
      at: { local: '2025-03-02T09:00', original: '' },
      text,
      source: { format: 'whatsapp-txt', index: 0 },
    };
    return {
      key: text,
      item,
      instant: 0,
      at: '2025-03-02T09:00+00:00',
      local: true,
      ...(own ? { own: true as const } : {}),
    };
  };
  const incident = (...items: PlannedItem[]): PlannedIncident => ({
    kind: 'message',
    channel: 'whatsapp',
    items,
  });

  it("counts only the other person's messages, never the person's own replies", () => {
    expect(
      threateningIncidents([
        incident(planned('hello')),
        incident(planned('Watch your back')),
        incident(planned('answer me'), planned("I'm scared you will hurt me", true)),
      ]),
    ).toEqual([1]);
  });
});
