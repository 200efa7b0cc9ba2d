import { describe, expect, it } from 'vitest';
import { formatDays, formatHours } from './format-hours.js';

describe('formatHours', () => {
  it('writes ranges and lists in English', () => {
    expect(formatDays(['mon', 'tue', 'wed', 'thu', 'fri'], 'en')).toBe('Monday to Friday');
    expect(formatDays(['fri', 'mon', 'wed'], 'en')).toBe('Monday, Wednesday and Friday');
    expect(formatDays(['sat'], 'en')).toBe('Saturday');
    expect(formatHours([{ days: ['sat', 'sun'], opens: '10:00', closes: '14:00' }], 'en')).toEqual([
      'Saturday and Sunday, 10:00 to 14:00',
    ]);
  });

  it('writes them in Welsh', () => {
    expect(formatDays(['mon', 'tue', 'wed', 'thu', 'fri'], 'cy')).toBe('Dydd Llun i ddydd Gwener');
    expect(formatHours('always', 'cy')).toEqual(['Ar agor 24 awr, bob dydd']);
  });
});
