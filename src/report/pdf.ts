/**
 * The report as a PDF, drawn with pdf-lib from the report model only (docs/decisions/0005).
 * A4, black on white (greys only for bars and rules, so it prints and photocopies well), text
 * that can be selected and searched (an embedded, subset Unicode font), a running header with
 * the case title and "Page n of m" on every page, and charts as plain bars with their numbers.
 *
 * The fonts are given as bytes (the app fetches the shipped files; Node reads them), so this
 * module has no I/O. Pass the regular and bold files in fallback order: Latin, then Latin
 * Extended.
 */
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb, type PDFPage } from 'pdf-lib';
import type { Counted, ReportModel } from './model.js';
import { drawRuns, fontSet, widthOf, wrap, type FontSet } from './pdf-text.js';

export interface ReportFonts {
  readonly regular: readonly Uint8Array[];
  readonly bold: readonly Uint8Array[];
}

export interface PdfOptions {
  readonly fonts: ReportFonts;
  /** Called after each log entry is laid out, so a worker can report progress. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Checked between entries; when it is aborted the render stops with its reason. */
  readonly signal?: AbortSignal;
}

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 56;
const TOP = A4[1] - 70;
const BOTTOM = 56;
const WIDTH = A4[0] - 2 * MARGIN;
const BODY = 10;
const BLACK = rgb(0, 0, 0);
const GREY = rgb(0.55, 0.55, 0.55);
const LIGHT = rgb(0.85, 0.85, 0.85);

class Layout {
  page!: PDFPage;
  y = TOP;
  readonly pages: PDFPage[] = [];
  constructor(
    readonly doc: PDFDocument,
    readonly regular: FontSet,
    readonly bold: FontSet,
  ) {
    this.newPage();
  }

  newPage(): void {
    this.page = this.doc.addPage(A4);
    this.pages.push(this.page);
    this.y = TOP;
  }

  need(height: number): void {
    if (this.y - height < BOTTOM) this.newPage();
  }

  gap(h: number): void {
    this.y -= h;
  }

  text(text: string, o: { size?: number; bold?: boolean; indent?: number; colour?: boolean } = {}) {
    const size = o.size ?? BODY;
    const set = o.bold === true ? this.bold : this.regular;
    const indent = o.indent ?? 0;
    const lead = size * 1.35;
    for (const line of wrap(set, text, size, WIDTH - indent)) {
      this.need(lead);
      this.y -= lead;
      drawRuns(this.page, set, line, MARGIN + indent, this.y + size * 0.25, size);
    }
  }

  /** "Label: value" with the label in bold and the value wrapped beside it. */
  field(label: string, value: string, indent = 0): void {
    const labelWidth = 140;
    const lines = wrap(this.regular, value, BODY, WIDTH - indent - labelWidth);
    const labels = wrap(this.bold, label, BODY, labelWidth - 8);
    const lead = BODY * 1.35;
    this.need(lead * Math.min(Math.max(lines.length, labels.length), 3));
    for (let i = 0; i < Math.max(lines.length, labels.length); i++) {
      this.need(lead);
      this.y -= lead;
      const l = labels[i];
      if (l !== undefined) drawRuns(this.page, this.bold, l, MARGIN + indent, this.y + 2.5, BODY);
      const line = lines[i];
      if (line !== undefined) {
        drawRuns(this.page, this.regular, line, MARGIN + indent + labelWidth, this.y + 2.5, BODY);
      }
    }
  }

  heading(text: string, size = 15): void {
    this.need(size * 3 + BODY * 3);
    this.gap(size * 0.8);
    this.text(text, { size, bold: true });
    this.page.drawLine({
      start: { x: MARGIN, y: this.y - 3 },
      end: { x: MARGIN + WIDTH, y: this.y - 3 },
      thickness: 0.8,
      color: BLACK,
    });
    this.gap(8);
  }

  rule(): void {
    this.need(8);
    this.gap(4);
    this.page.drawLine({
      start: { x: MARGIN, y: this.y },
      end: { x: MARGIN + WIDTH, y: this.y },
      thickness: 0.4,
      color: LIGHT,
    });
    this.gap(4);
  }

  /** Horizontal bars, one a line, each with its number: readable without colour. */
  bars(rows: readonly Counted[]): void {
    const max = Math.max(1, ...rows.map((r) => r.count));
    const labelWidth = Math.min(
      230,
      Math.max(60, ...rows.map((r) => widthOf(this.regular, r.label, 9) + 8)),
    );
    const barMax = WIDTH - labelWidth - 40;
    for (const row of rows) {
      // A long label wraps onto more lines rather than being cut; the bar sits on its last line.
      const lines = wrap(this.regular, row.label, 9, labelWidth - 6);
      this.need(13 * lines.length);
      lines.forEach((line, i) => {
        if (i > 0) this.y -= 11;
        else this.y -= 13;
        drawRuns(this.page, this.regular, line, MARGIN, this.y + 3, 9);
      });
      const w = (row.count / max) * barMax;
      if (w > 0) {
        this.page.drawRectangle({
          x: MARGIN + labelWidth,
          y: this.y + 1,
          width: w,
          height: 9,
          color: GREY,
        });
      }
      drawRuns(this.page, this.bold, String(row.count), MARGIN + labelWidth + w + 4, this.y + 3, 9);
    }
  }
}

/**
 * Witness statements: each under its own heading, the facts as fields, and the witness's words
 * indented behind a bar at the left edge so no one mistakes them for the person's own account.
 */
function drawWitnessStatements(L: Layout, model: ReportModel): void {
  const s = model.strings;
  const w = s.witness;
  L.heading(w.title);
  L.text(w.hint, { size: 9 });
  for (const x of model.witnessStatements ?? []) {
    L.need(120);
    L.gap(8);
    L.text(x.title, { bold: true, size: 12 });
    L.field(w.aboutIncidents, x.incidents.map((n) => String(n)).join(', '));
    L.field(w.received, x.received);
    L.field(w.when, x.when);
    if (x.where !== undefined) L.field(w.where, x.where);
    for (const [label, words] of [
      [w.saw, x.saw],
      [w.said, x.said],
    ] as const) {
      if (words === undefined) continue;
      L.need(40);
      L.gap(4);
      L.text(label, { bold: true });
      const top = L.y;
      const page = L.page;
      L.text(words, { indent: 14 });
      // The bar, on the page where the words began (to their end, or to the page's foot).
      page.drawLine({
        start: { x: MARGIN + 4, y: top - 2 },
        end: { x: MARGIN + 4, y: page === L.page ? L.y + 2 : BOTTOM },
        thickness: 2,
        color: GREY,
      });
    }
    if (x.howKnown !== undefined) L.field(w.howKnown, x.howKnown);
    if (x.files !== undefined) L.field(w.files, x.files);
    L.field(w.name, x.name);
    L.field(w.contact, x.contact);
    L.gap(4);
    L.text(x.declaration, { bold: true, size: 10 });
    L.field(w.arrivalReceipt, x.receipt ?? s.noReceipt);
    L.rule();
  }
}

/** The risk check section: the guide first, then 999 when called for, answers, history. */
function drawRiskCheck(L: Layout, model: ReportModel): void {
  const r = model.riskCheck;
  if (r === undefined) return;
  const s = model.strings.risk;
  L.heading(s.title);
  if (r.urgent) {
    L.need(70);
    L.gap(4);
    const top = L.y;
    L.text(s.urgentTitle, { bold: true, size: 12, indent: 10 });
    L.text(s.urgent, { indent: 10 });
    // A thick black bar down the side: it stands out in black and white.
    L.page.drawRectangle({ x: MARGIN, y: L.y - 2, width: 4, height: top - L.y + 2, color: BLACK });
    L.gap(8);
  }
  L.text(s.guide, { size: 9 });
  L.gap(4);
  L.field(s.checkedOn, r.checkedOn);
  L.gap(4);
  L.text(s.warningsTitle, { bold: true, size: 11 });
  if (r.warnings.length === 0) L.text(s.noWarnings);
  for (const w of r.warnings) L.text(`• ${w}`, { indent: 12 });
  L.gap(6);
  L.text(s.answersTitle, { bold: true, size: 11 });
  for (const a of r.answers) {
    L.need(30);
    L.gap(3);
    L.text(a.question, { bold: true });
    L.text(a.warning ? `${a.answer} (${s.warningSign})` : a.answer, { indent: 12 });
    if (a.lastHappened !== undefined) L.field(s.lastHappened, a.lastHappened, 12);
    if (a.note !== undefined) L.field(s.note, a.note, 12);
  }
  L.gap(6);
  L.text(s.historyTitle, { bold: true, size: 11 });
  L.text(s.historyHint, { size: 9 });
  for (const h of r.history) {
    L.need(30);
    L.gap(3);
    L.text(`${h.checkedOn}: ${s.warningCount(h.warnings)}`, { bold: true });
    for (const c of h.changes) L.text(c, { indent: 12, size: 9 });
  }
}

/**
 * Draws the report. Returns the PDF bytes.
 *
 * @example const bytes = await renderReportPdf(buildReport(records, options), { fonts });
 */
export async function renderReportPdf(
  model: ReportModel,
  options: PdfOptions,
): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const embed = (files: readonly Uint8Array[]) =>
    Promise.all(files.map((f) => doc.embedFont(f, { subset: true })));
  const regular = fontSet(await embed(options.fonts.regular));
  const bold = fontSet(await embed(options.fonts.bold));
  const s = model.strings;
  doc.setTitle(model.caseTitle);
  doc.setLanguage(model.locale === 'cy' ? 'cy' : 'en-GB');
  doc.setCreator(model.cover.madeWith);
  doc.setProducer(model.cover.madeWith);

  const L = new Layout(doc, regular, bold);
  // 1. Cover
  L.gap(40);
  L.text(model.caseTitle, { size: 24, bold: true });
  L.gap(16);
  if (model.cover.subject !== undefined) L.field(s.about, model.cover.subject);
  if (model.cover.contact !== undefined) L.field(s.contact, model.cover.contact);
  L.field(s.period, model.cover.period);
  L.field(s.madeOn, model.cover.madeOn);
  L.field(s.madeWith, model.cover.madeWith);
  L.field(s.incidentsLabel, String(model.summary.incidents));
  if (model.cover.verification !== undefined) {
    L.heading(s.howToCheck, 13);
    L.text(s.howToCheckText);
    L.gap(4);
    L.field(s.logKey, model.cover.verification.logKeyFingerprint);
    L.field(s.verifier, model.cover.verification.verifierUrl);
  }

  // 2. Summary
  L.newPage();
  L.heading(s.summary);
  L.text(model.summary.conduct, { size: 12, bold: true });
  L.gap(6);
  if (model.summary.first !== undefined && model.summary.last !== undefined) {
    L.field(s.first, model.summary.first);
    L.field(s.last, model.summary.last);
  }
  for (const [title, rows] of [
    [s.behaviours, model.summary.behaviours],
    [s.channels, model.summary.channels],
    [s.peopleInvolved, model.summary.people],
  ] as const) {
    L.gap(6);
    L.text(title, { bold: true, size: 11 });
    if (rows.length === 0) L.text(s.noneRecorded);
    else L.bars(rows);
  }
  L.gap(8);
  L.text(s.timeOfDay, { bold: true, size: 11 });
  L.text(s.timeOfDayHint, { size: 9 });
  L.bars(model.summary.timeOfDay);
  L.gap(8);
  const { unit, bars } = model.summary.overTime;
  L.text(unit === 'week' ? s.weekly : s.monthly, { bold: true, size: 11 });
  L.text(unit === 'week' ? s.weeklyHint : s.monthlyHint, { size: 9 });
  L.bars(
    unit === 'week' ? bars.map((w) => ({ label: `${s.weekOf} ${w.label}`, count: w.count })) : bars,
  );

  // 2a. The risk check, when chosen: 999 and 55 first when the answers call for it.
  if (model.riskCheck !== undefined) drawRiskCheck(L, model);

  // 3. Effects
  if (model.effects !== undefined) {
    L.heading(s.effects);
    L.text(s.effectsHint, { size: 9 });
    if (model.effects.length === 0) L.text(s.noneRecorded);
    for (const e of model.effects) {
      L.gap(3);
      L.text(e.date, { bold: true });
      L.text(e.text, { indent: 12 });
    }
  }

  // 4. Log
  L.heading(s.log);
  L.text(s.logHint, { size: 9 });
  for (const [i, e] of model.log.entries()) {
    if (options.signal?.aborted === true) throw options.signal.reason;
    L.need(60);
    L.gap(6);
    L.text(`${String(e.number)}.  ${e.when}${e.approximate ? ` (${s.approximate})` : ''}`, {
      bold: true,
      size: 11,
    });
    if (e.until !== undefined) L.field(s.until, e.until);
    if (e.where !== undefined) L.field(s.where, e.where);
    L.field(s.what, e.what);
    if (e.behaviours.length > 0) L.field(s.behaviours, e.behaviours.join(', '));
    if (e.channel !== undefined) L.field(s.how, e.channel);
    if (e.perpetrators.length > 0) L.field(s.whoDidIt, e.perpetrators.join(', '));
    if (e.witnesses.length > 0) L.field(s.witnesses, e.witnesses.join(', '));
    if (e.police !== undefined) L.field(s.police, e.police);
    if (e.exhibits.length > 0) L.field(s.exhibits, e.exhibits.join(', '));
    if (e.witnessStatements !== undefined && e.witnessStatements.length > 0) {
      L.field(s.witness.inLog, e.witnessStatements.join(', '));
    }
    if (e.feelings !== undefined) L.field(s.feelings, e.feelings);
    if (e.changes !== undefined) L.field(s.changes, e.changes);
    if (e.importedCount > 0) L.text(s.importedCount(e.importedCount), { size: 9 });
    L.field(s.receipt, e.receipt ?? s.noReceipt);
    L.text(e.history, { size: 9 });
    L.rule();
    options.onProgress?.(i + 1, model.log.length);
  }

  // 5. People
  L.heading(s.people);
  for (const [title, list] of [
    [s.responsible, model.people.responsible],
    [s.witnessesTitle, model.people.witnesses],
  ] as const) {
    L.need(60);
    L.text(title, { bold: true, size: 12 });
    if (list.length === 0) L.text(s.noneRecorded);
    for (const p of list) {
      L.need(40);
      L.gap(4);
      L.text(p.label, { bold: true });
      for (const f of p.facts) L.field(f.label, f.value, 12);
    }
    L.gap(8);
  }

  // 5a. Witness statements: the witness's own words, set apart from the person's.
  if (model.witnessStatements !== undefined) drawWitnessStatements(L, model);

  // 6. Exhibits
  if (model.exhibits !== undefined) {
    L.heading(s.exhibits);
    L.text(s.exhibitsHint, { size: 9 });
    if (model.exhibits.length === 0) L.text(s.noneRecorded);
    for (const x of model.exhibits) {
      L.need(70);
      L.gap(4);
      L.text(`${s.exhibitRef} ${x.ref}: ${x.title}`, { bold: true });
      L.field(s.fileName, x.fileName, 12);
      if (x.captured !== undefined) L.field(s.captured, x.captured, 12);
      L.field(s.size, `${x.size.toLocaleString('en-GB')} bytes (${x.mediaType})`, 12);
      // On its own line so the 64 digits never wrap: people compare them by eye.
      L.text(`SHA-256: ${x.sha256}`, { size: 9, indent: 12 });
    }
  }

  // 6a. The safety plan, when ticked.
  if (model.safetyPlan !== undefined) {
    L.heading(s.plan.title);
    L.text(s.plan.hint, { size: 9 });
    for (const part of model.safetyPlan.parts) {
      L.need(40);
      L.gap(6);
      L.text(part.title, { bold: true, size: 11 });
      for (const item of part.items) {
        L.gap(2);
        L.text(`• ${item.text}`, { indent: 12 });
        L.text(item.done ? s.plan.done : s.plan.toDo, { indent: 30, size: 8 });
      }
    }
  }

  // 7. Copied messages
  if (model.conversations !== undefined && model.conversations.length > 0) {
    L.heading(s.messages);
    L.text(s.messagesHint, { size: 9 });
    for (const c of model.conversations) {
      L.gap(6);
      L.text(`${s.conversation}: ${c.title}`, { bold: true, size: 11 });
      for (const m of c.messages) {
        L.gap(2);
        L.text(`${m.at}, ${m.sender}${m.direction !== '' ? ` (${m.direction})` : ''}`, {
          bold: true,
          size: 9,
        });
        L.text(m.text, { indent: 12, size: 9 });
      }
    }
  }

  // Running header on every page, now that the page count is known.
  const total = L.pages.length;
  L.pages.forEach((page, i) => {
    const y = A4[1] - 40;
    const right = s.pageOf(i + 1, total);
    const rw = widthOf(regular, right, 9);
    const title = wrap(regular, model.caseTitle, 9, WIDTH - rw - 20)[0] ?? '';
    drawRuns(page, regular, title, MARGIN, y, 9);
    drawRuns(page, regular, right, MARGIN + WIDTH - rw, y, 9);
    page.drawLine({
      start: { x: MARGIN, y: y - 6 },
      end: { x: MARGIN + WIDTH, y: y - 6 },
      thickness: 0.4,
      color: GREY,
    });
  });
  return doc.save();
}
