import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadReportFonts } from '../../scripts/report-fonts.js';
import { sampleRecords } from './fixtures.js';
import { current, type ReportOptions } from './input.js';
import { buildReport } from './model.js';
import { renderReportPdf, type ReportFonts } from './pdf.js';

let fonts: ReportFonts;
beforeAll(async () => {
  fonts = await loadReportFonts();
});

const OPTIONS: ReportOptions = {
  locale: 'en',
  timeZone: 'Europe/London',
  now: new Date('2027-01-10T12:00:00Z'),
  subjectName: 'Ffion Ŵyn Rhŷs',
  includeContact: false,
  includeEvidence: true,
  includeImported: true,
  includeEffects: true,
  madeWith: 'Mosaic test',
  caseTitle: 'Ffion Ŵyn Rhŷs',
};

/** The PDF's text as poppler's pdftotext reads it (what a search or a copy gets). */
function pdfText(bytes: Uint8Array): { text: string; pages: number } {
  const dir = mkdtempSync(join(tmpdir(), 'mosaic-report-'));
  const file = join(dir, 'report.pdf');
  try {
    writeFileSync(file, bytes);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    return { text, pages: Number(/Pages:\s+(\d+)/.exec(info)?.[1]) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const squash = (s: string) => s.replace(/\s+/g, ' ');

describe('renderReportPdf', () => {
  it('has every entry as selectable text, A4 pages and "Page n of m" on each', async () => {
    const records = sampleRecords(12, 5);
    const model = buildReport(records, OPTIONS);
    const { text, pages } = pdfText(await renderReportPdf(model, { fonts }));
    const flat = squash(text);
    for (const e of model.log) {
      expect(flat).toContain(`${String(e.number)}. `);
      expect(flat).toContain(squash(e.what).slice(0, 30));
    }
    expect(pages).toBeGreaterThan(2);
    for (let n = 1; n <= pages; n++)
      expect(flat).toContain(`Page ${String(n)} of ${String(pages)}`);
    for (const x of model.exhibits ?? []) expect(flat).toContain(x.sha256);
    // An emoji no font has is written as its code point, never dropped.
    expect(flat).toContain('[U+1F621]');
  }, 60_000);

  it('shows Welsh ŵ and ŷ in a Welsh report', async () => {
    const records = sampleRecords(4, 5);
    const first = records.incidents[0];
    const incidents = first
      ? [
          {
            id: first.id,
            revisions: [
              {
                ...first.revisions[0]!,
                value: {
                  ...current(first).value,
                  what: 'Roedd e wrth y tŷ, yn gweiddi ar ŵyr fy nghymydog.',
                },
              },
            ],
          },
          ...records.incidents.slice(1),
        ]
      : [];
    const model = buildReport({ ...records, incidents }, { ...OPTIONS, locale: 'cy' });
    const { text } = pdfText(await renderReportPdf(model, { fonts }));
    expect(text).toContain('ŵ');
    expect(text).toContain('ŷ');
    expect(squash(text)).toContain('Roedd e wrth y tŷ, yn gweiddi ar ŵyr');
    expect(text).toContain('Tudalen 1 o');
    expect(text).toContain('Log o ddigwyddiadau');
  }, 60_000);

  it('prints the risk check (guide, 999 and 55 first) and the plan only when chosen', async () => {
    const records = sampleRecords(4, 5);
    const without = squash(
      pdfText(await renderReportPdf(buildReport(records, OPTIONS), { fonts })).text,
    );
    expect(without).not.toContain('Risk check');
    expect(without).not.toContain('RISK-NOTE');
    expect(without).not.toContain('PLAN-ITEM');
    const chosen = { ...OPTIONS, includeRiskCheck: true, includeSafetyPlan: true };
    const flat = squash(
      pdfText(await renderReportPdf(buildReport(records, chosen), { fonts })).text,
    );
    const at = (s: string) => {
      const i = flat.indexOf(s);
      expect(i, s).toBeGreaterThanOrEqual(0);
      return i;
    };
    // 999 and 55 come before the answers; the section comes before the log.
    expect(at('If anyone is in danger now, call 999')).toBeLessThan(at('All the answers'));
    expect(at('press 55')).toBeLessThan(at('All the answers'));
    expect(at('not an assessment by the police or a professional')).toBeLessThan(
      at('All the answers'),
    );
    expect(at('Risk check')).toBeLessThan(at('Log of incidents'));
    at('RISK-NOTE: I check the street');
    at('How the answers changed over time');
    at('Was: Not sure. Now: Yes.');
    expect(at('Safety plan')).toBeGreaterThan(at('Log of incidents'));
    at('PLAN-ITEM: code word');
    at('Not done yet');
  }, 60_000);

  it('stops when cancelled', async () => {
    const model = buildReport(sampleRecords(30, 5), OPTIONS);
    const controller = new AbortController();
    controller.abort(new Error('cancelled'));
    await expect(renderReportPdf(model, { fonts, signal: controller.signal })).rejects.toThrow(
      'cancelled',
    );
  });
});
