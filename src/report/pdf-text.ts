/**
 * Text on PDF pages with more than one font file: Noto Sans comes as separate files for Latin and
 * Latin Extended (Welsh ŵ and ŷ are in the second), so each character is drawn with the first
 * font that has it. A character no font has (an emoji in a copied message) is written as its
 * code, "[U+1F600]", so the reader sees that something was there and what it was.
 */
import type { PDFFont, PDFPage } from 'pdf-lib';

export interface FontSet {
  readonly fonts: readonly PDFFont[];
  readonly covers: readonly ReadonlySet<number>[];
}

export function fontSet(fonts: readonly PDFFont[]): FontSet {
  return { fonts, covers: fonts.map((f) => new Set(f.getCharacterSet())) };
}

interface Run {
  readonly font: PDFFont;
  readonly text: string;
}

/** Splits text into runs of one font each, replacing characters no font has. */
export function runsOf(set: FontSet, text: string): Run[] {
  const runs: Run[] = [];
  const first = set.fonts[0];
  if (first === undefined) throw new Error('the report needs at least one font');
  let font: PDFFont | undefined;
  let buf = '';
  const push = (f: PDFFont, t: string) => {
    if (f === font) {
      buf += t;
      return;
    }
    if (font !== undefined && buf !== '') runs.push({ font, text: buf });
    font = f;
    buf = t;
  };
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0x20;
    if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) {
      push(first, ' ');
      continue;
    }
    const i = set.covers.findIndex((c) => c.has(cp));
    const font = set.fonts[i];
    if (font !== undefined) push(font, ch);
    else if (cp === 0xfe0f || cp === 0x200d) continue;
    else push(first, `[U+${cp.toString(16).toUpperCase().padStart(4, '0')}]`);
  }
  if (font !== undefined && buf !== '') runs.push({ font, text: buf });
  return runs;
}

export function widthOf(set: FontSet, text: string, size: number): number {
  let w = 0;
  for (const r of runsOf(set, text)) w += r.font.widthOfTextAtSize(r.text, size);
  return w;
}

export function drawRuns(
  page: PDFPage,
  set: FontSet,
  text: string,
  x: number,
  y: number,
  size: number,
): void {
  let cx = x;
  for (const r of runsOf(set, text)) {
    page.drawText(r.text, { x: cx, y, size, font: r.font });
    cx += r.font.widthOfTextAtSize(r.text, size);
  }
}

/** Breaks text into lines no wider than `width`, at spaces, splitting words longer than a line. */
export function wrap(set: FontSet, text: string, size: number, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.replace(/\r\n?/g, '\n').split('\n')) {
    let line = '';
    for (const word of paragraph.split(/[ \t]+/)) {
      const candidate = line === '' ? word : `${line} ${word}`;
      if (widthOf(set, candidate, size) <= width) {
        line = candidate;
        continue;
      }
      if (line !== '') lines.push(line);
      let rest = word;
      while (widthOf(set, rest, size) > width) {
        let cut = 1;
        // Code points, not UTF-16 units: a long word is cut between characters, never inside one.
        const chars = Array.from(rest);
        while (
          cut < chars.length &&
          widthOf(set, chars.slice(0, cut + 1).join(''), size) <= width
        ) {
          cut++;
        }
        lines.push(chars.slice(0, cut).join(''));
        rest = chars.slice(cut).join('');
      }
      line = rest;
    }
    lines.push(line);
  }
  return lines;
}
