/**
 * Hostile text in the report PDF (issue #19): every text field of every record type filled with
 * script, HTML, right-to-left overrides, zero-width characters, emoji ZWJ sequences, combining
 * marks, control characters and long unbroken words, at each field's limit. The PDF is made
 * without throwing, and poppler finds every word inside the page. The text layout functions are
 * also checked as a property over any Unicode text: they never throw, and no line is wider than
 * asked, measured the way it is drawn.
 *
 * REPORT_SHOTS=/some/dir writes the pages as PNG (pdftoppm) to look at.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import fc from 'fast-check';
import { PDFDocument } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadReportFonts } from '../../scripts/report-fonts.js';
import { unicodeText } from '../../test/support/arbitraries.js';
import { countStrings, HOSTILE, HOSTILE_IDS, hostileRecords } from '../../test/support/hostile.js';
import type { ReportOptions, ReportRecord, ReportRecords } from './input.js';
import { buildReport } from './model.js';
import { renderReportPdf, type ReportFonts } from './pdf.js';
import { fontSet, widthOf, wrap, type FontSet } from './pdf-text.js';

const SHOTS = process.env.REPORT_SHOTS;
const A4 = { width: 595.28, height: 841.89 };

let fonts: ReportFonts;
let regular: FontSet;
beforeAll(async () => {
  fonts = await loadReportFonts();
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  regular = fontSet(
    await Promise.all(fonts.regular.map((f) => doc.embedFont(f, { subset: true }))),
  );
});

const OPTIONS: ReportOptions = {
  locale: 'en',
  timeZone: 'Europe/London',
  now: new Date('2027-01-10T12:00:00Z'),
  subjectName: HOSTILE.script,
  contactDetails: `${HOSTILE.rtl} ${HOSTILE.longWord}`,
  includeContact: true,
  includeEvidence: true,
  includeImported: true,
  includeEffects: true,
  includeRiskCheck: true,
  includeSafetyPlan: true,
  includeWitnessStatements: true,
  madeWith: 'Mosaic test',
  caseTitle: `${HOSTILE.svg}${HOSTILE.emoji}${HOSTILE.longWord}`,
};

const hostileText = fc.oneof(
  unicodeText({ maxLength: 400 }),
  fc
    .array(fc.constantFrom(...Object.values(HOSTILE), ' ', '\n', 'e\u0301', '\u202E', '👍🏽'), {
      maxLength: 8,
    })
    .map((parts) => parts.join('')),
);

describe('the report’s text layout', () => {
  it('never throws and never makes a line wider than asked, as drawn', () => {
    fc.assert(
      fc.property(
        hostileText,
        fc.integer({ min: 100, max: 480 }),
        fc.constantFrom(8, 9, 10, 14),
        (text, width, size) => {
          const lines = wrap(regular, text, size, width);
          for (const line of lines) {
            // drawRuns draws the line's NFC form: that is the width on the page.
            expect(widthOf(regular, line.normalize('NFC'), size)).toBeLessThanOrEqual(width + 1e-6);
          }
          // Nothing but spaces is lost: the words come back in order.
          const squash = (s: string) => s.normalize('NFC').replace(/[ \t\r\n]+/g, '');
          expect(squash(lines.join(''))).toBe(squash(text));
        },
      ),
      { numRuns: 300 },
    );
  }, 60_000);

  it('measures a character as drawn, when NFC takes it apart (found by the property above)', () => {
    // U+FB2A is one code point; its NFC form is two (U+05E9 U+05C1), drawn as two boxes.
    for (const line of wrap(regular, '\uFB2A', 14, 100)) {
      expect(widthOf(regular, line.normalize('NFC'), 14)).toBeLessThanOrEqual(100 + 1e-6);
    }
  });
});

function single<T>(id: string, value: T, n: number): ReportRecord<T> {
  const savedAt = '2026-03-14T12:00:00.000Z';
  return {
    id,
    revisions: [{ revision: 1, savedAt, value, receipt: { receivedAt: savedAt, leafIndex: n } }],
  };
}

/** Every hostile record as report input, with the ids linking them. */
export function hostileReportRecords(importedItems = 3): ReportRecords {
  const r = hostileRecords({ importedItems });
  return {
    incidents: r.incidents.map((v, i) => single(HOSTILE_IDS.incidents[i]!, v, i)),
    people: r.people.map((v) => single(HOSTILE_IDS.person, v, 10)),
    places: r.places.map((v) => single(HOSTILE_IDS.place, v, 11)),
    effects: r.effects.map((v) => single(HOSTILE_IDS.effect, v, 12)),
    evidence: r.evidence.map((v) => single(HOSTILE_IDS.evidence, v, 13)),
    riskChecks: r.riskChecks.map((v) => single(HOSTILE_IDS.riskCheck, v, 14)),
    safetyPlan: r.safetyPlans.map((v) => single(HOSTILE_IDS.safetyPlan, v, 15)),
    witnessStatements: r.witnesses.map((v) => single(HOSTILE_IDS.witness, v, 16)),
  };
}

describe('a report of hostile records', () => {
  it('is made, every word inside the page, script kept as plain text', async () => {
    const records = hostileReportRecords(40);
    const tried = countStrings(records);
    const started = performance.now();
    const pdf = await renderReportPdf(buildReport(records, OPTIONS), { fonts });
    const ms = Math.round(performance.now() - started);
    const dir = mkdtempSync(join(tmpdir(), 'mosaic-hostile-'));
    try {
      const file = join(dir, 'report.pdf');
      writeFileSync(file, pdf);
      const text = execFileSync('pdftotext', ['-layout', file, '-'], {
        encoding: 'utf8',
        maxBuffer: 256 * 1024 * 1024,
      });
      // Script and HTML are words on the page, nothing more (a PDF viewer runs none of it).
      expect(text).toContain('<script>window.__hostile=1;alert(1)</script>');
      expect(text).toContain('onerror=');
      // Every word poppler finds lies on the page, inside the margins.
      const bbox = execFileSync('pdftotext', ['-bbox', file, '-'], {
        encoding: 'utf8',
        maxBuffer: 512 * 1024 * 1024,
      });
      const pages = [...bbox.matchAll(/<page width="([\d.]+)" height="([\d.]+)">/g)];
      expect(pages.length).toBeGreaterThan(3);
      for (const p of pages) {
        expect(Number(p[1])).toBeCloseTo(A4.width, 1);
        expect(Number(p[2])).toBeCloseTo(A4.height, 1);
      }
      let words = 0;
      const outside: string[] = [];
      for (const m of bbox.matchAll(
        /<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">([^<]*)<\/word>/g,
      )) {
        words++;
        const [xMin, yMin, xMax, yMax] = [m[1], m[2], m[3], m[4]].map(Number) as [
          number,
          number,
          number,
          number,
        ];
        // The margins are 56 pt; a little slack for glyph overhang.
        if (xMin < 50 || xMax > A4.width - 50 || yMin < 0 || yMax > A4.height) {
          outside.push(`${m[5]?.slice(0, 40)} at ${xMin},${yMin}–${xMax},${yMax}`);
        }
      }
      expect(outside.slice(0, 10)).toEqual([]);
      console.log(
        `hostile report: ${tried} hostile strings, ${pdf.length} bytes, ${pages.length} pages, ${words} words all inside the margins, made in ${ms} ms`,
      );
      if (SHOTS !== undefined) {
        for (const n of [1, 12, 40, Math.floor(pages.length / 2), pages.length]) {
          const at = ['-f', String(n), '-l', String(n)];
          execFileSync('pdftoppm', [
            '-png',
            '-r',
            '60',
            ...at,
            file,
            join(SHOTS, 'hostile-report'),
          ]);
        }
        console.log(readdirSync(SHOTS).filter((f) => f.startsWith('hostile-report')));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
