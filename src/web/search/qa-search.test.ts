import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createQaIndex, MAX_QUERY_LENGTH, normaliseTerm } from './qa-search.js';

const entries = [
  {
    id: 'order',
    question: 'Can I get an order to keep them away?',
    answer: 'A court can make an order.',
  },
  {
    id: 'prison',
    question: 'How long can someone go to prison?',
    answer: 'Up to 10 years for the most serious offences.',
  },
  {
    id: 'ex',
    question: 'Is it stalking if it is my ex-partner?',
    answer: 'Yes. Most people are stalked by someone they know.',
  },
];

describe('normaliseTerm', () => {
  it('drops common words and brings word forms together', () => {
    expect(normaliseTerm('the', 'en')).toBeNull();
    expect(normaliseTerm('following', 'en')).toBe(normaliseTerm('followed', 'en'));
    expect(normaliseTerm('Boyfriend', 'en')).toBe(normaliseTerm('partner', 'en'));
    expect(normaliseTerm('15', 'en')).toBe(normaliseTerm('child', 'en'));
  });

  it('adds the radical forms of mutated Welsh words', () => {
    expect(normaliseTerm('mhlant', 'cy')).toEqual(['mhlant', 'plant']);
    expect(normaliseTerm('nghyn', 'cy')).toEqual(['nghyn', 'cyn']);
    expect(normaliseTerm('stelcio', 'cy')).toEqual(['stelcio']);
  });
});

describe('createQaIndex', () => {
  const index = createQaIndex(entries, 'en');

  it('tolerates a typo and finds other word forms', () => {
    expect(index.search('prisn')[0]).toBe('prison');
    expect(index.search('my ex boyfriend')[0]).toBe('ex');
    expect(index.search('orders')[0]).toBe('order');
  });

  it('finds nothing for nothing', () => {
    expect(index.search('   ')).toEqual([]);
    expect(index.search('the and of')).toEqual([]);
  });

  it('never throws and only returns known ids, whatever is typed', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (q) => {
        const ids = index.search(q);
        for (const id of ids) expect(['order', 'prison', 'ex']).toContain(id);
      }),
    );
  });

  it('reads only the first MAX_QUERY_LENGTH characters', () => {
    const long = `${'x'.repeat(MAX_QUERY_LENGTH)} prison`;
    expect(index.search(long)).toEqual([]);
  });
});
