/**
 * The read-ahead's bound, under every order in which the items' making can finish (fast-check's
 * scheduler decides): what is being made or waiting ahead of the consumer never exceeds the
 * limit, not even after a jump drops what was prepared, and every item is the one asked for.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ReadAhead } from './read-ahead.js';

/** What the consumer asks for: mostly the next item, sometimes a jump (tus resending). */
const requests = (count: number) =>
  fc.array(
    fc.oneof(
      { weight: 4, arbitrary: fc.constant('next' as const) },
      { weight: 1, arbitrary: fc.integer({ min: 0, max: count - 1 }) },
    ),
    { minLength: 1, maxLength: 3 * count },
  );

describe('ReadAhead', () => {
  it('never has more than its limit ahead of the consumer, whatever order making finishes in', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.scheduler(),
        fc.integer({ min: 0, max: 4 }),
        fc
          .integer({ min: 1, max: 12 })
          .chain((count) => fc.tuple(fc.constant(count), requests(count))),
        async (s, limit, [count, asks]) => {
          let unsettled = 0;
          let worst = 0;
          let worstInFlight = 0;
          const made: number[] = [];
          const ahead: ReadAhead<number> = new ReadAhead({
            count,
            limit,
            make: (index) => {
              made.push(index);
              unsettled += 1;
              worst = Math.max(worst, unsettled);
              return s.schedule(Promise.resolve(index)).finally(() => {
                unsettled -= 1;
              });
            },
          });
          const consumer = (async () => {
            let next = 0;
            for (const ask of asks) {
              const index = ask === 'next' ? next : ask;
              if (index >= count) break;
              const item = ahead.get(index);
              worstInFlight = Math.max(worstInFlight, ahead.inFlight);
              expect(await item).toBe(index);
              worstInFlight = Math.max(worstInFlight, ahead.inFlight);
              next = index + 1;
            }
          })();
          await s.waitFor(consumer);
          // Ahead of the consumer: at most `limit`; with the one it waits for, one more.
          expect(worstInFlight).toBeLessThanOrEqual(limit);
          expect(worst).toBeLessThanOrEqual(limit + 1);
          // Nothing is made past the end.
          expect(made.every((i) => i >= 0 && i < count)).toBe(true);
          ahead.close();
          await s.waitIdle();
        },
      ),
      { numRuns: 300 },
    );
  });

  it('makes each item once when read straight through, and stops at the end', async () => {
    const made: number[] = [];
    const ahead = new ReadAhead({
      count: 5,
      limit: 2,
      make: (i) => {
        made.push(i);
        return Promise.resolve(i * 10);
      },
    });
    const got: number[] = [];
    for (let i = 0; i < 5; i++) got.push(await ahead.get(i));
    expect(got).toEqual([0, 10, 20, 30, 40]);
    expect(made).toEqual([0, 1, 2, 3, 4]);
    expect(ahead.inFlight).toBe(0);
  });

  it('makes nothing more once closed', async () => {
    let made = 0;
    const ahead = new ReadAhead({
      count: 10,
      limit: 3,
      make: (i) => {
        made += 1;
        return Promise.resolve(i);
      },
    });
    await ahead.get(0);
    ahead.close();
    expect(made).toBe(4);
    await expect(ahead.get(1)).rejects.toThrow(/closed/);
    expect(made).toBe(4);
  });
});
