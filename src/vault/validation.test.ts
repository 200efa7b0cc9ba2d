import { describe, expect, it } from 'vitest';
import { usernameSchema } from '../contract/vault-api.js';
import {
  choosePassphrase,
  happenedAtToFields,
  localDate,
  parseDate,
  parseTime,
  validateNote,
  validateUsername,
} from './validation.js';

describe('validateUsername', () => {
  it.each([
    [' Blue.Fox ', { ok: true, value: 'blue.fox' }],
    ['', { ok: false, error: 'required' }],
    ['   ', { ok: false, error: 'required' }],
    ['ab', { ok: false, error: 'tooShort' }],
    ['a'.repeat(41), { ok: false, error: 'tooLong' }],
    ['me@example.com', { ok: false, error: 'email' }],
    ['blue fox', { ok: false, error: 'characters' }],
    ['fox!', { ok: false, error: 'characters' }],
  ])('%j', (raw, expected) => {
    expect(validateUsername(raw)).toEqual(expected);
  });

  it('agrees with the server contract on what is a valid username', () => {
    for (const raw of [
      'Blue.Fox',
      'a_b-c.d',
      'ab',
      'x'.repeat(40),
      'x'.repeat(41),
      'ÅSA',
      'ｆｏｘ',
    ]) {
      expect(validateUsername(raw).ok, raw).toBe(usernameSchema.safeParse(raw).success);
      const ours = validateUsername(raw);
      const theirs = usernameSchema.safeParse(raw);
      if (ours.ok && theirs.success) expect(ours.value).toBe(theirs.data);
    }
  });
});

describe('choosePassphrase', () => {
  it('names the first problem', () => {
    expect(choosePassphrase('').error).toBe('required');
    expect(choosePassphrase('short').error).toBe('tooShort');
    expect(choosePassphrase('password123456').error).toBe('weak');
    expect(choosePassphrase('bluefox walks quietly home', 'bluefox').error).toBe(
      'containsUsername',
    );
    expect(choosePassphrase('correct horse battery staple').error).toBeUndefined();
  });
});

describe('validateNote', () => {
  const base = { title: 'Car outside', day: '27', month: '3', year: '2025', time: '', body: '' };

  it('accepts a note and stores the local date, with the time when given', () => {
    expect(validateNote(base, '2025-04-01')).toEqual({
      ok: true,
      value: { title: 'Car outside', body: '', happenedAt: '2025-03-27' },
    });
    expect(validateNote({ ...base, time: '8.05' }, '2025-04-01')).toEqual({
      ok: true,
      value: { title: 'Car outside', body: '', happenedAt: '2025-03-27T08:05' },
    });
  });

  it('is a journal entry: the title is optional, something must be written', () => {
    expect(validateNote({ ...base, title: '', body: 'Could not sleep' }, '2025-04-01')).toEqual({
      ok: true,
      value: { title: '', body: 'Could not sleep', happenedAt: '2025-03-27' },
    });
    expect(validateNote({ ...base, title: ' ', body: ' ' }, '2025-04-01')).toEqual({
      ok: false,
      errors: { body: 'bodyRequired' },
    });
  });

  it('reports every problem at once', () => {
    const result = validateNote(
      {
        title: 'x'.repeat(201),
        day: '31',
        month: '2',
        year: '2025',
        time: '25:00',
        body: 'x'.repeat(100_001),
      },
      '2025-04-01',
    );
    expect(result).toEqual({
      ok: false,
      errors: {
        title: 'titleTooLong',
        date: 'dateInvalid',
        time: 'timeInvalid',
        body: 'bodyTooLong',
      },
    });
  });

  it('refuses a date in the future', () => {
    expect(validateNote({ ...base, day: '2', month: '4' }, '2025-04-01')).toEqual({
      ok: false,
      errors: { date: 'dateFuture' },
    });
  });
});

describe('dates and times', () => {
  it('parses GOV.UK date fields', () => {
    expect(parseDate('', '', '')).toEqual({ error: 'dateRequired' });
    expect(parseDate('1', '', '2025')).toEqual({ error: 'dateIncomplete' });
    expect(parseDate('29', '2', '2023')).toEqual({ error: 'dateInvalid' });
    expect(parseDate('29', '2', '2024')).toBe('2024-02-29');
    expect(parseDate('1', '13', '2024')).toEqual({ error: 'dateInvalid' });
    expect(parseDate('1', '1', '24')).toEqual({ error: 'dateInvalid' });
  });

  it('parses times', () => {
    expect(parseTime('')).toBe('');
    expect(parseTime('9:30')).toBe('09:30');
    expect(parseTime('0930')).toBe('09:30');
    expect(parseTime('24:00')).toBeUndefined();
    expect(parseTime('noon')).toBeUndefined();
  });

  it('round-trips happenedAt through the form fields', () => {
    expect(happenedAtToFields('2025-03-07T14:30')).toEqual({
      day: '7',
      month: '3',
      year: '2025',
      time: '14:30',
    });
    expect(happenedAtToFields('nonsense')).toEqual({ day: '', month: '', year: '', time: '' });
    expect(localDate(new Date(2025, 0, 5))).toBe('2025-01-05');
  });
});
