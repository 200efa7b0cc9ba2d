import { describe, expect, it } from 'vitest';
import { formatDate, formatHappenedAt } from './format-date.js';
import { MESSAGES } from './messages.js';

const en = MESSAGES.en.dates;
const cy = MESSAGES.cy.dates;

describe('formatDate', () => {
  it('says dates the UK way, in English and Welsh', () => {
    const date = new Date(2026, 10, 3, 8, 5);
    expect(formatDate(date, en, false)).toBe('3 November 2026');
    expect(formatDate(date, en, true)).toBe('3 November 2026 at 08:05');
    expect(formatDate(date, cy, true)).toBe('3 Tachwedd 2026 am 08:05');
    expect(formatDate(new Date('nonsense'), en, true)).toBe('');
  });

  it('has twelve months in each language', () => {
    expect(en.months).toHaveLength(12);
    expect(cy.months).toHaveLength(12);
  });

  it('reads a note’s local date and optional time', () => {
    expect(formatHappenedAt('2025-03-27', en)).toBe('27 March 2025');
    expect(formatHappenedAt('2025-03-27T14:30', cy)).toBe('27 Mawrth 2025 am 14:30');
    expect(formatHappenedAt('yesterday', en)).toBe('yesterday');
  });
});
