/**
 * The report and the evidence bundle, in Node (the app will run the same code in a Web Worker).
 *
 * 1. A report for 10,000 incidents: the model and the PDF, in seconds. Baseline, in the same
 *    run: the same model written out as plain text (what the PDF costs on top of the data work).
 * 2. Bundle throughput with one large evidence file made on the fly (so the repository stays
 *    small): MB/s through the streamed ZIP writer, hashing included. Baseline: SHA-256 alone over
 *    the same stream. 256 MiB by default; REPORT_BENCH_EVIDENCE_MB=2048 for the 2 GiB target.
 * 3. The peak JS heap while writing that bundle (sampled every 10 ms and on every chunk), against
 *    the heap just before it started: flat memory means the peak does not grow with the file.
 */
import { cryptoReady, createSha256 } from '../src/crypto/index.js';
import { writeBundle } from '../src/report/bundle.js';
import { sampleRecords } from '../src/report/fixtures.js';
import { buildReport, type ReportModel } from '../src/report/model.js';
import { renderReportPdf } from '../src/report/pdf.js';
import { loadReportFonts } from '../scripts/report-fonts.js';
import type { BenchFigure } from './bench.js';

const MB = 1024 * 1024;
const INCIDENTS = 10_000;
const EVIDENCE_MB = Number(process.env.REPORT_BENCH_EVIDENCE_MB ?? 256);
const CHUNK = MB;

export async function reportBench(): Promise<BenchFigure[]> {
  await cryptoReady();
  const options = {
    locale: 'en',
    timeZone: 'Europe/London',
    now: new Date('2027-01-10T12:00:00Z'),
    subjectName: 'Ffion Rhys',
    includeContact: false,
    includeEvidence: true,
    includeImported: true,
    includeEffects: true,
    madeWith: 'Mosaic bench',
  } as const;

  // Baseline: SHA-256 alone over the same generated stream.
  let t = performance.now();
  const hasher = await createSha256();
  for await (const chunk of generated(EVIDENCE_MB * MB)) hasher.update(chunk);
  hasher.digest();
  const hashRate = EVIDENCE_MB / ((performance.now() - t) / 1000);

  globalThis.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  let peak = heapBefore;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  }, 10);
  let zipBytes = 0;
  t = performance.now();
  try {
    await writeBundle(
      {
        folder: 'mosaic-report-bench',
        title: 'Bench',
        madeAt: new Date(),
        madeWith: 'Mosaic bench',
        reportPdf: new TextEncoder().encode('%PDF-1.7\n'),
        records: [],
        evidence: [
          {
            evidenceId: 'bench',
            ref: 'FR/1',
            name: 'video.mp4',
            open: () => generated(EVIDENCE_MB * MB),
          },
        ],
      },
      new WritableStream<Uint8Array>({
        write(chunk) {
          zipBytes += chunk.length;
          peak = Math.max(peak, process.memoryUsage().heapUsed);
        },
      }),
    );
  } finally {
    clearInterval(timer);
  }
  const bundleSeconds = (performance.now() - t) / 1000;
  const bundleRate = EVIDENCE_MB / bundleSeconds;
  console.log(
    `bundle: ${String(EVIDENCE_MB)} MiB evidence → ${(zipBytes / MB).toFixed(0)} MiB ZIP in ${bundleSeconds.toFixed(1)} s; peak heap ${(peak / MB).toFixed(0)} MiB (before: ${(heapBefore / MB).toFixed(0)} MiB)`,
  );

  // The bundle first, on a fresh heap, so the 10,000-entry report is not counted in its peak.
  const fonts = await loadReportFonts();
  const records = sampleRecords(INCIDENTS, 7);
  t = performance.now();
  const plainModel = buildReport(records, options);
  const plain = plainText(plainModel);
  const plainSeconds = (performance.now() - t) / 1000;

  t = performance.now();
  const model = buildReport(records, options);
  const pdf = await renderReportPdf(model, { fonts });
  const pdfSeconds = (performance.now() - t) / 1000;
  console.log(
    `report: ${String(model.log.length)} incidents, ${(pdf.length / MB).toFixed(1)} MB PDF in ${pdfSeconds.toFixed(1)} s; plain text ${(plain.length / MB).toFixed(1)} MB in ${plainSeconds.toFixed(2)} s`,
  );

  return [
    {
      name: 'report-10k-incidents-pdf',
      value: round(pdfSeconds, 2),
      unit: 's',
      baseline: 'same model as plain text',
      baseline_value: round(plainSeconds, 2),
    },
    {
      name: `bundle-${String(EVIDENCE_MB)}mib-evidence-throughput`,
      value: round(bundleRate, 1),
      unit: 'MB/s',
      baseline: 'SHA-256 alone over the same stream',
      baseline_value: round(hashRate, 1),
    },
    {
      name: `bundle-${String(EVIDENCE_MB)}mib-evidence-peak-heap`,
      value: round(peak / MB, 1),
      unit: 'MiB',
      baseline: 'heap before writing',
      baseline_value: round(heapBefore / MB, 1),
    },
  ];
}

function round(x: number, digits: number): number {
  return Number(x.toFixed(digits));
}

/** A stream of `size` pseudo-random bytes in 1 MiB chunks, made as it is read. */
function generated(size: number): ReadableStream<Uint8Array> {
  const template = new Uint8Array(CHUNK + 251);
  crypto.getRandomValues(template.subarray(0, 65_536));
  for (let i = 65_536; i < template.length; i++) template[i] = template[i - 65_536] ?? 0;
  let sent = 0;
  let n = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= size) {
        controller.close();
        return;
      }
      const len = Math.min(CHUNK, size - sent);
      const offset = (n++ * 251) % 251;
      controller.enqueue(template.slice(offset, offset + len));
      sent += len;
    },
  });
}

function plainText(model: ReportModel): string {
  const out: string[] = [model.caseTitle, model.summary.conduct];
  for (const e of model.log) {
    out.push(`${String(e.number)}. ${e.when}`, e.what, e.behaviours.join(', '), e.history);
  }
  return out.join('\n');
}
