import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvCell, neutralise, parseCsv, toCsv } from './csv.js';

const DANGEROUS = /^[=+\-@\t\r]/;

describe('CSV for spreadsheets', () => {
  it('reads back every cell, with formula starts neutralised and nothing else changed', () => {
    const cell = fc.oneof(
      fc.string(),
      fc.string({
        unit: fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', '"', ',', 'a', ' '),
      }),
      fc.string().map((s) => `=HYPERLINK("http://x",${s})`),
    );
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 1, maxLength: 6 }), { maxLength: 8 }),
        (rows) => {
          const parsed = parseCsv(toCsv(rows));
          expect(parsed).toEqual(rows.map((r) => r.map(neutralise)));
          for (const [r, row] of parsed.entries()) {
            for (const [c, value] of row.entries()) {
              // No cell a spreadsheet reads can start a formula...
              expect(DANGEROUS.test(value)).toBe(false);
              // ...and a safe cell is exactly what was written.
              const original = rows[r]![c]!;
              if (!DANGEROUS.test(original)) expect(value).toBe(original);
              else expect(value).toBe(`'${original}`);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('quotes every cell and doubles quotes', () => {
    expect(csvCell('a "b", c')).toBe('"a ""b"", c"');
    expect(csvCell('=1+1')).toBe(`"'=1+1"`);
    expect(csvCell('-2')).toBe(`"'-2"`);
    expect(toCsv([['a', 'b']])).toBe('"a","b"\r\n');
  });
});
