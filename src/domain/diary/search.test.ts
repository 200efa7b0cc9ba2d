import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeIncident } from './fixtures.js';
import type { Person, Place } from './incident.js';
import type { Diary, Entry } from './prepare.js';
import { buildSearchIndex, parseQuery, search } from './search.js';

const zone = { timeZone: 'Europe/London' };
const person = (id: string, value: Partial<Person>): Entry<Person> => ({
  id,
  value: { schemaVersion: 1, vehicles: [], phones: [], emails: [], accounts: [], ...value },
});
const places: Entry<Place>[] = [{ id: 'place-home', value: { schemaVersion: 1, name: 'Home' } }];

const diary: Diary = {
  incidents: [
    {
      id: 'i1',
      value: makeIncident('2026-03-01T10:00+00:00', {
        what: 'Roedd e y tu allan i’r tŷ eto, yn y fan las.',
        where: { text: 'Caffi’r Dŵr, Stryd Fawr' },
        perpetratorIds: ['p-mark'],
      }),
    },
    {
      id: 'i2',
      value: makeIncident('2026-03-02T10:00+00:00', {
        what: 'He left flowers at the CAFÉ counter for me.',
        where: { placeId: 'place-home' },
        witnessIds: ['p-sian'],
        tags: ['Flowers'],
      }),
    },
    {
      id: 'i3',
      value: makeIncident('2026-03-03T10:00+00:00', {
        what: 'Blue van parked opposite, engine running.',
        police: { reference: 'CR/12345/26' },
        perpetratorIds: ['p-gone'],
      }),
    },
  ],
  people: [person('p-mark', { name: 'Mark Evans' }), person('p-sian', { name: 'Siân Pritchard' })],
  places,
};
const index = buildSearchIndex(diary, zone);

describe('search', () => {
  it('finds words in what happened, places, names, tags and the police reference', () => {
    expect(search(index, 'flowers')).toEqual(['i2']);
    expect(search(index, 'stryd fawr')).toEqual(['i1']); // two words, both present
    expect(search(index, 'home')).toEqual(['i2']); // a saved place's name
    expect(search(index, 'evans')).toEqual(['i1']);
    expect(search(index, 'sian')).toEqual(['i2']); // a witness, without the circumflex
    expect(search(index, 'cr/12345')).toEqual(['i3']);
    expect(search(index, 'van')).toEqual(['i1', 'i3']); // "Evans" and "van"
  });

  it('ignores case and accents both ways', () => {
    expect(search(index, 'cafe')).toEqual(['i2']);
    expect(search(index, 'CAFÉ')).toEqual(['i2']);
    expect(search(index, 'dwr')).toEqual(['i1']);
    expect(search(index, 'DŴR')).toEqual(['i1']);
    expect(search(index, 'ty')).toContain('i1');
    expect(search(index, "i'r tŷ")).toEqual(['i1']); // straight apostrophe finds a curly one
  });

  it('treats a quoted phrase as one term, and needs every term', () => {
    expect(search(index, '"blue van"')).toEqual(['i3']);
    expect(search(index, '"van blue"')).toEqual([]);
    expect(search(index, 'blue flowers')).toEqual([]);
    expect(parseQuery('Blue "Stryd  Fawr"  CAFÉ')).toEqual(['blue', 'stryd fawr', 'cafe']);
  });

  it('returns everything for an empty query', () => {
    expect(search(index, '   ')).toEqual(['i1', 'i2', 'i3']);
  });

  it('never matches across two fields', () => {
    // "fawr" ends the place and "mark" is the next field: no phrase spans them.
    expect(search(index, '"fawr mark"')).toEqual([]);
  });

  it('is case- and diacritic-insensitive for any text', () => {
    const accents = ['\u0301', '\u0300', '\u0302', '\u0308', '\u0327'];
    const letters = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'.split(''));
    const word = fc.array(letters, { minLength: 1, maxLength: 12 }).map((a) => a.join(''));
    fc.assert(
      fc.property(
        fc.array(word, { minLength: 1, maxLength: 6 }),
        fc.nat(),
        fc.nat(),
        fc.array(fc.boolean(), { maxLength: 12 }),
        fc.array(fc.nat({ max: accents.length - 1 }), { maxLength: 12 }),
        (whats, pick, cut, upper, marks) => {
          const d: Diary = {
            incidents: whats.map((what, i) => ({
              id: `i${i}`,
              value: makeIncident('2026-03-01T10:00+00:00', { what: `x${what}x` }),
            })),
          };
          const idx = buildSearchIndex(d, zone);
          const source = whats[pick % whats.length]!;
          const needle = source.slice(cut % source.length);
          // Upper-case some letters and put accents on some, then compose as a keyboard would.
          const variant = Array.from(needle)
            .map((c, i) => {
              const cased = upper[i] ? c.toUpperCase() : c;
              const mark = marks[i];
              return mark === undefined ? cased : `${cased}${accents[mark]!}`;
            })
            .join('')
            .normalize('NFC');
          expect(search(idx, variant)).toEqual(search(idx, needle));
          expect(search(idx, needle)).toContain(`i${pick % whats.length}`);
        },
      ),
    );
  });
});
