import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BOOKING_LIMITS,
  checkBooking,
  parseEventFilter,
  parsePage,
  placesLeft,
  textIn,
} from './events.js';

const form = (fields: Record<string, string>) => (name: string) => fields[name];

describe('checkBooking', () => {
  it('accepts a complete form, trimmed and with runs of spaces made one', () => {
    const result = checkBooking(
      form({
        name: '  Ann   Smith ',
        email: ' ann@example.org ',
        organisation: 'Example\tCouncil',
        role: 'Advocate',
        needs: ' Step-free access \r\n please ',
        consent: 'yes',
      }),
    );
    expect(result).toEqual({
      ok: true,
      answers: {
        name: 'Ann Smith',
        email: 'ann@example.org',
        organisation: 'Example Council',
        role: 'Advocate',
        needs: 'Step-free access \n please',
        consent: true,
      },
    });
  });

  it('names every missing field with its own code', () => {
    const result = checkBooking(form({}));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors.map((e) => e.code)).toEqual([
        'name_required',
        'email_required',
        'organisation_required',
        'role_required',
      ]);
    }
  });

  it('refuses addresses a form cannot send to', () => {
    for (const email of [
      'ann',
      'ann@',
      '@example.org',
      'ann@example',
      'a b@example.org',
      'ann@@example.org',
    ]) {
      const result = checkBooking(form({ name: 'A', email, organisation: 'O', role: 'R' }));
      expect(result.ok ? [] : result.errors.map((e) => e.code), email).toEqual(['email_invalid']);
    }
  });

  it('never throws, and every answer it accepts is within its limit and free of control characters', () => {
    fc.assert(
      fc.property(
        fc.record({
          name: fc.string({ maxLength: 200 }),
          email: fc.oneof(fc.emailAddress(), fc.string({ maxLength: 300 })),
          organisation: fc.string({ maxLength: 200 }),
          role: fc.string({ maxLength: 200 }),
          needs: fc.string({ maxLength: 1100 }),
          consent: fc.constantFrom('yes', 'no', ''),
        }),
        (fields) => {
          const result = checkBooking(form(fields));
          if (!result.ok) return;
          for (const key of ['name', 'email', 'organisation', 'role', 'needs'] as const) {
            expect(Array.from(result.answers[key]).length).toBeLessThanOrEqual(BOOKING_LIMITS[key]);
            // Control characters other than tab and newline (\p{Cc} in Unicode's terms).
            expect(result.answers[key].replace(/[\t\n]/g, '')).not.toMatch(/\p{Cc}/u);
          }
          expect(result.answers.name).not.toBe('');
        },
      ),
    );
  });
});

describe('the public filter and paging', () => {
  it('reads known values and treats anything else as "any"', () => {
    expect(
      parseEventFilter(form({ when: 'past', for: 'public', type: 'course', mode: 'online' })),
    ).toEqual({
      when: 'past',
      audience: 'public',
      kind: 'course',
      mode: 'online',
    });
    expect(parseEventFilter(form({ when: 'x', for: '<b>', type: 'COURSE', mode: '' }))).toEqual({
      when: 'upcoming',
      audience: undefined,
      kind: undefined,
      mode: undefined,
    });
  });

  it('takes a page number from 1, else 1', () => {
    fc.assert(
      fc.property(fc.string(), (value) => {
        const page = parsePage(value);
        expect(Number.isInteger(page) && page >= 1).toBe(true);
      }),
    );
    expect(parsePage('3')).toBe(3);
    expect(parsePage('0')).toBe(1);
    expect(parsePage('-2')).toBe(1);
    expect(parsePage('1e3')).toBe(1);
  });
});

describe('places and languages', () => {
  it('counts places left, never below zero', () => {
    expect(placesLeft({ capacity: undefined, placesTaken: 4 })).toBeUndefined();
    expect(placesLeft({ capacity: 5, placesTaken: 4 })).toBe(1);
    expect(placesLeft({ capacity: 5, placesTaken: 7 })).toBe(0);
  });

  it('gives the page language first, else the first language the item has', () => {
    expect(textIn({ en: 'E', cy: 'C' }, 'cy', ['en', 'cy'])).toEqual({ locale: 'cy', text: 'C' });
    expect(textIn({ en: 'E' }, 'cy', ['en', 'cy'])).toEqual({ locale: 'en', text: 'E' });
    expect(textIn({}, 'cy', ['en', 'cy'])).toBeUndefined();
  });
});
