/**
 * Text on PDF pages with more than one font file: Noto Sans comes as separate files for Latin and
 * Latin Extended (Welsh ŵ and ŷ are in the second), so each character is drawn with the first
 * font that has it. A character no font has (an emoji in a copied message) is written as its
 * code, "[U+1F600]", so the reader sees that something was there and what it was.
 */
import { PDFHexString, type PDFFont, type PDFPage } from 'pdf-lib';

export interface FontSet {
  readonly fonts: readonly PDFFont[];
  readonly covers: readonly ReadonlySet<number>[];
}

export function fontSet(fonts: readonly PDFFont[]): FontSet {
  fonts.forEach(encodeByCharacter);
  return { fonts, covers: fonts.map((f) => new Set(f.getCharacterSet())) };
}

interface Embedder {
  encodeText?: (text: string) => PDFHexString;
}

/**
 * Speed: pdf-lib encodes every string by shaping it with fontkit (GSUB/GPOS), which made a
 * 10,000-entry report take close to a minute. Latin text needs no shaping, so each character is
 * encoded once (through pdf-lib's own encoder, which also adds its glyph to the subset) and
 * reused. Text is NFC-normalised first (runsOf), so ŵ and ŷ are single characters. This wraps
 * a field pdf-lib does not document (`embedder`); pdf-lib 1.17 has had it since 1.0, and the
 * PDF tests check the text still comes out right.
 */
function encodeByCharacter(font: PDFFont): void {
  const embedder = (font as unknown as { embedder?: Embedder }).embedder;
  const original = embedder?.encodeText?.bind(embedder);
  if (embedder === undefined || original === undefined) return;
  const cache = new Map<string, string>();
  embedder.encodeText = (text: string) => {
    let hex = '';
    for (const ch of text) {
      let h = cache.get(ch);
      if (h === undefined) {
        h = original(ch).toString().slice(1, -1);
        cache.set(ch, h);
      }
      hex += h;
    }
    return PDFHexString.of(hex);
  };
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
  for (const ch of text.normalize('NFC')) {
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

/**
 * Advance widths per character, at size 1000, cached: pdf-lib measures by shaping the whole
 * string with fontkit, which made a 1,000-entry report take 20 seconds. The PDF places glyphs by
 * their advance widths (no kerning), so the sum of the characters' widths is the drawn width.
 */
const advances = new WeakMap<PDFFont, Map<string, number>>();

function advance(font: PDFFont, ch: string): number {
  let cache = advances.get(font);
  if (cache === undefined) {
    cache = new Map();
    advances.set(font, cache);
  }
  let w = cache.get(ch);
  if (w === undefined) {
    w = font.widthOfTextAtSize(ch, 1000);
    cache.set(ch, w);
  }
  return w;
}

/** The drawn width of each character at size 1000, per font set (after font fallback). */
const setWidths = new WeakMap<FontSet, Map<string, number>>();

export function widthOf(set: FontSet, text: string, size: number): number {
  let cache = setWidths.get(set);
  if (cache === undefined) {
    cache = new Map();
    setWidths.set(set, cache);
  }
  let w = 0;
  for (const ch of text) {
    let cw = cache.get(ch);
    if (cw === undefined) {
      cw = 0;
      for (const r of runsOf(set, ch)) {
        for (const c of r.text) cw += advance(r.font, c);
      }
      cache.set(ch, cw);
    }
    w += cw;
  }
  return (w * size) / 1000;
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
    cx += widthOf(set, r.text, size);
  }
}

/** Breaks text into lines no wider than `width`, at spaces, splitting words longer than a line. */
export function wrap(set: FontSet, text: string, size: number, width: number): string[] {
  const lines: string[] = [];
  const space = widthOf(set, ' ', size);
  // Measured as drawn: drawRuns draws the NFC form, and one code point may become two there
  // (U+FB2A "שׁ" is a composition exclusion, so NFC takes it apart), which is then the width.
  for (const paragraph of text.normalize('NFC').replace(/\r\n?/g, '\n').split('\n')) {
    let line = '';
    let lineWidth = 0;
    for (const word of paragraph.split(/[ \t]+/)) {
      const w = widthOf(set, word, size);
      if (line === '' && w <= width) {
        line = word;
        lineWidth = w;
        continue;
      }
      if (lineWidth + space + w <= width) {
        line = `${line} ${word}`;
        lineWidth += space + w;
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
      lineWidth = widthOf(set, rest, size);
    }
    lines.push(line);
  }
  return lines;
}
