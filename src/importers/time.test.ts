import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertTimeZone, formatLocal, instantFromEpochMs, localToInstant } from './time.js';

describe('localToInstant', () => {
  it('reads a wall time in a zone, in winter and summer', () => {
    expect(localToInstant('2024-01-15T09:30', 'Europe/London')).toBe('2024-01-15T09:30:00.000Z');
    expect(localToInstant('2024-07-01T09:30', 'Europe/London')).toBe('2024-07-01T08:30:00.000Z');
    expect(localToInstant('2024-07-01T09:30:15', 'America/New_York')).toBe(
      '2024-07-01T13:30:15.000Z',
    );
    expect(localToInstant('2024-07-01T09:30', 'Asia/Kolkata')).toBe('2024-07-01T04:00:00.000Z');
  });

  it('moves a skipped wall time forward, and picks the earlier of a repeated one by default', () => {
    // 31 March 2024: London clocks jump from 01:00 to 02:00.
    expect(localToInstant('2024-03-31T01:30', 'Europe/London')).toBe('2024-03-31T01:30:00.000Z');
    // 27 October 2024: 01:30 happens twice, first in BST then in GMT.
    expect(localToInstant('2024-10-27T01:30', 'Europe/London')).toBe('2024-10-27T00:30:00.000Z');
    expect(localToInstant('2024-10-27T01:30', 'Europe/London', 'later')).toBe(
      '2024-10-27T01:30:00.000Z',
    );
  });

  it('round-trips through the zone for any whole minute', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2000, 0, 1) / 60000, max: Date.UTC(2060, 0, 1) / 60000 }),
        fc.constantFrom('Europe/London', 'America/New_York', 'Australia/Lord_Howe', 'UTC'),
        (minutes, zone) => {
          const instant = new Date(minutes * 60000);
          const parts = new Intl.DateTimeFormat('en-CA', {
            timeZone: zone,
            hourCycle: 'h23',
            year: 'numeric',
            month: '2-digit',
            day: '2-digit',
            hour: '2-digit',
            minute: '2-digit',
          }).formatToParts(instant);
          const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
          const local = `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}`;
          const back = localToInstant(local, zone, 'earlier');
          const backLater = localToInstant(local, zone, 'later');
          expect([back, backLater]).toContain(instant.toISOString());
        },
      ),
      { numRuns: 200 },
    );
  });

  it('gives the same answers from its per-day cache as without it, across a change of clocks', () => {
    const days = [
      '2024-03-30',
      '2024-03-31',
      '2024-04-01',
      '2024-10-26',
      '2024-10-27',
      '2024-10-28',
    ];
    for (const day of days) {
      for (const time of ['00:30', '01:30', '02:30', '12:00', '23:59']) {
        const first = localToInstant(`${day}T${time}`, 'Europe/London');
        expect(localToInstant(`${day}T${time}`, 'Europe/London')).toBe(first);
      }
    }
    expect(localToInstant('2024-03-31T02:30', 'Europe/London')).toBe('2024-03-31T01:30:00.000Z');
    expect(localToInstant('2024-04-01T02:30', 'Europe/London')).toBe('2024-04-01T01:30:00.000Z');
    expect(localToInstant('2024-10-28T02:30', 'Europe/London')).toBe('2024-10-28T02:30:00.000Z');
  });

  it('refuses an unknown zone with a typed error, and returns undefined for a malformed time', () => {
    expect(() => localToInstant('2024-01-01T00:00', 'Mars/Olympus')).toThrow(
      expect.objectContaining({ code: 'time_zone_invalid' }),
    );
    expect(() => assertTimeZone('Europe/London')).not.toThrow();
    expect(localToInstant('2024-02-30T00:00', 'UTC')).toBeUndefined();
    expect(localToInstant('12/03/2024', 'UTC')).toBeUndefined();
  });
});

describe('formatLocal and instantFromEpochMs', () => {
  it('writes seconds only when given, and refuses impossible dates', () => {
    expect(formatLocal(2024, 2, 29, 23, 59)).toBe('2024-02-29T23:59');
    expect(formatLocal(2024, 2, 29, 23, 59, 5)).toBe('2024-02-29T23:59:05');
    expect(formatLocal(2023, 2, 29, 0, 0)).toBeUndefined();
    expect(formatLocal(2024, 13, 1, 0, 0)).toBeUndefined();
    expect(formatLocal(2024, 1, 1, 24, 0)).toBeUndefined();
  });

  it('keeps instants between 1970 and 2100 only', () => {
    expect(instantFromEpochMs(1710252333000)).toBe('2024-03-12T14:05:33.000Z');
    expect(instantFromEpochMs(-1)).toBeUndefined();
    expect(instantFromEpochMs(Number.NaN)).toBeUndefined();
    expect(instantFromEpochMs(1e15)).toBeUndefined();
  });
});
