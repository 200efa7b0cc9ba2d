/**
 * Bad input never crashes or hangs an importer: any bytes give a result or a typed ImportError,
 * and adversarial input costs work in proportion to its size (measured by counters, not time).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  IMPORT_FORMATS,
  importFile,
  isImportError,
  type ImportOptions,
  type ImportResult,
  type ImportStats,
} from './index.js';

const ROOT = fileURLToPath(new URL('../../test/fixtures/imports/', import.meta.url));
const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
const FIXTURES = walk(ROOT).map((p) => ({
  name: relative(ROOT, p),
  bytes: new Uint8Array(readFileSync(p)),
}));
const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

/** Resolves to the result, or to the error's code; fails the test on anything untyped. */
async function outcome(
  bytes: Uint8Array,
  options: ImportOptions = {},
): Promise<ImportResult | string> {
  try {
    return await importFile(bytes, options);
  } catch (e) {
    expect(isImportError(e), `untyped error: ${String(e)}`).toBe(true);
    if (!isImportError(e)) throw e;
    expect(e.code, e.message).not.toBe('internal_error');
    return e.code;
  }
}

const newStats = (): ImportStats => ({ bytes: 0, lines: 0, headerCharsExamined: 0 });

describe('any bytes give a result or a typed error', () => {
  it('random bytes, detected', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 600 }), async (b) => {
        await outcome(b);
      }),
      { numRuns: 300 },
    );
  });

  it('random bytes, read as each format', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 400 }),
        fc.constantFrom(...IMPORT_FORMATS),
        async (b, format) => {
          await outcome(b, { format });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('random text made of the pieces of timestamps and markers', async () => {
    const piece = fc.constantFrom(
      '1',
      '12',
      '2024',
      '/',
      '.',
      '-',
      ',',
      ' ',
      ':',
      '[',
      ']',
      ' - ',
      '\n',
      '\r\n',
      'AM',
      'PM',
      'p. m.',
      '\u200E',
      '\u202F',
      '\u00A0',
      '~',
      'Alex',
      ': ',
      '<Media omitted>',
      'Missed voice call',
      '\u200Eimage omitted',
      '<attached: x.jpg>',
      '(file attached)',
      '"',
      'nm.',
      '午後',
      '<This message was edited>',
      'WhatsApp',
    );
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { maxLength: 120 }), async (pieces) => {
        const text = pieces.join('');
        await outcome(enc(text));
        await outcome(enc(text), { format: 'whatsapp-txt' });
      }),
      { numRuns: 300 },
    );
  });

  it('every fixture, damaged: bytes changed, inserted, or cut off', async () => {
    const edit = fc.record({
      at: fc.nat(),
      byte: fc.integer({ min: 0, max: 255 }),
      kind: fc.constantFrom('set', 'insert', 'truncate', 'delete'),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...FIXTURES),
        fc.array(edit, { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        async (fixture, edits, named) => {
          let b = Array.from(fixture.bytes);
          for (const e of edits) {
            const at = b.length === 0 ? 0 : e.at % b.length;
            if (e.kind === 'set') b[at] = e.byte;
            else if (e.kind === 'insert') b.splice(at, 0, e.byte);
            else if (e.kind === 'delete') b.splice(at, 1);
            else b = b.slice(0, at);
          }
          await outcome(Uint8Array.from(b), named ? { fileName: fixture.name } : {});
        },
      ),
      { numRuns: 250 },
    );
  });

  it('every fixture, read as every other format', async () => {
    for (const fixture of FIXTURES) {
      for (const format of IMPORT_FORMATS) await outcome(fixture.bytes, { format });
    }
  });
});

describe('adversarial input costs work in proportion to its size', () => {
  const valid = '12/03/2024, 14:05 - Alex: hello\n';
  const nearMisses = [
    '12/03/2024, 14:5 - Alex: one minute digit',
    '12/03/2024 14:05 Alex: no dash',
    '[12/03/2024, 14:05:33 Alex: no bracket',
    '12/03/2024, 99:99 - Alex: no such time',
    '12/03/20245, 14:05 - Alex: five-digit year',
    '1/1/1/1/1/1/1/1/1/1/1/1/1/1/1/1/1/1/1/1',
    '12/03/2024, 14:05:00:00:00:00 - x',
    '\u200E\u200E\u200E\u200E\u200E[12/03/2024, 14:05:33] too many marks',
  ];
  const nearMissFile = (n: number): Uint8Array =>
    enc(valid + Array.from({ length: n }, (_, i) => nearMisses[i % nearMisses.length]).join('\n'));

  it('100,000 lines of near-miss dates: a bounded look at each line start', async () => {
    const stats = newStats();
    const r = await importFile(nearMissFile(100_000), { stats });
    expect(r.items).toHaveLength(1); // every near miss continues the one message
    expect(r.items[0]?.text?.split('\n')).toHaveLength(100_001);
    expect(stats.lines).toBe(100_001);
    expect(stats.headerCharsExamined).toBeLessThanOrEqual(40 * stats.lines);
  });

  it('twice the near misses cost twice the work', async () => {
    const work = async (n: number) => {
      const stats = newStats();
      await importFile(nearMissFile(n), { stats });
      return stats.headerCharsExamined;
    };
    const ratio = (await work(40_000)) / (await work(20_000));
    expect(ratio).toBeGreaterThan(1.9);
    expect(ratio).toBeLessThan(2.1);
  });

  it('very long lines: the line-start scanner looks at a few dozen characters of each', async () => {
    const stats = newStats();
    const long =
      valid + '12/03/2024, 14:05 - ' + 'x'.repeat(2_000_000) + '\n' + '1/'.repeat(1_000_000) + '\n';
    const r = await importFile(enc(long), { stats });
    expect(stats.lines).toBe(3);
    expect(stats.headerCharsExamined).toBeLessThan(200);
    expect(r.items).toHaveLength(1); // the long line has no sender: a system line
    expect(r.skipped).toBe(1);
  });

  it('long runs of spaces, newlines and "<" in places that tempt a backtracking regex', async () => {
    const spaces = ' '.repeat(500_000);
    for (const text of [
      valid + `12/03/2024, 14:06 - Alex: a${spaces}b${'\n'.repeat(200_000)}c`,
      valid + `12/03/2024, 14:06 - Alex: ${'<'.repeat(300_000)}`,
      valid + `12/03/2024, 14:06 - Alex: ${'('.repeat(300_000)})`,
      valid + `12/03/2024, 14:06 - Alex${':'.repeat(300_000)}`,
    ]) {
      const r = await importFile(enc(text));
      expect(r.items.length).toBeGreaterThanOrEqual(1);
    }
    const html = `Date: Tue, 12 Mar 2024 14:05:33 +0000\nFrom: a@example.org\nContent-Type: text/html\n\n${'<script'.repeat(50_000)}${spaces}x\n${'<p'.repeat(50_000)}`;
    await outcome(enc(html));
  });

  it('XML full of surrogate references, and deep nesting, in one pass', async () => {
    const refs = '&#55357;'.repeat(100_000);
    const r = await importFile(
      enc(`<smses><sms address="1" date="1710252333000" type="1" body="${refs}"/></smses>`),
    );
    expect(r.items[0]?.text).toHaveLength(100_000);
    expect(r.warnings.find((w) => w.code === 'character_reference_invalid')?.count).toBe(100_000);
    const deep = '<smses>' + '<a>'.repeat(50_000) + '</a>'.repeat(50_000) + '</smses>';
    expect((await importFile(enc(deep))).items).toEqual([]);
  });

  it('a mailbox of quoted From lines and long quote runs', async () => {
    const body = `${'>'.repeat(5000)}From x\n`.repeat(200) + '>>>>From y\n'.repeat(50_000);
    const r = await importFile(
      enc(`From a Tue Mar 12 14:00:00 2024\nFrom: a@example.org\nSubject: s\n\n${body}`),
    );
    expect(r.items).toHaveLength(1);
    expect(r.items[0]?.text?.split('\n').at(-1)).toBe('>>>From y');
  });

  it('JSON nested a hundred thousand deep', async () => {
    const deep = '{"participants":' + '['.repeat(100_000) + ']'.repeat(100_000) + ',"messages":[]}';
    await outcome(enc(deep));
  });
});
