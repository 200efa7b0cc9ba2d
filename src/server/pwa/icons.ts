/**
 * The installed app's icons, drawn from an AppLook's shapes (src/domain/disguises.ts) into PNG
 * files at boot: no artwork is copied or shipped. Two kinds:
 *
 * - `any`: the background as a rounded square (transparent corners), the picture on it;
 * - `maskable`: the background to every edge and the picture shrunk into the middle, so a phone
 *   can cut the icon to its own shape (circle, squircle) without cutting the picture.
 *
 * Pixels on a shape's edge are the average of 4×4 samples, so edges are smooth (a shape thinner
 * than a pixel could slip between corners; none is). PNG: 8-bit RGBA, no
 * interlace, filter 0, compressed by Node's zlib (RFC 2083).
 */
import { crc32, deflateSync } from 'node:zlib';
import type { AppLook, IconShape } from '../../domain/disguises.js';

export type IconPurpose = 'any' | 'maskable';
export const ICON_SIZES = [192, 512] as const;
export type IconSize = (typeof ICON_SIZES)[number];

const SAMPLES = 4;

interface Rgb {
  readonly r: number;
  readonly g: number;
  readonly b: number;
}

function rgb(hex: string): Rgb {
  return {
    r: Number.parseInt(hex.slice(1, 3), 16),
    g: Number.parseInt(hex.slice(3, 5), 16),
    b: Number.parseInt(hex.slice(5, 7), 16),
  };
}

/** Whether the point (x, y) of the 0–100 square is inside the shape. */
function inside(shape: IconShape, x: number, y: number): boolean {
  if (shape.kind === 'circle') {
    const dx = x - shape.cx;
    const dy = y - shape.cy;
    return dx * dx + dy * dy <= shape.r * shape.r;
  }
  const { x: left, y: top, w, h } = shape;
  if (x < left || y < top || x > left + w || y > top + h) return false;
  const r = Math.min(shape.r, w / 2, h / 2);
  // Only the corners are round: measure from the nearest corner's centre.
  const cx = Math.min(Math.max(x, left + r), left + w - r);
  const cy = Math.min(Math.max(y, top + r), top + h - r);
  const dx = x - cx;
  const dy = y - cy;
  return dx * dx + dy * dy <= r * r;
}

/** The shapes of one icon, on the 0–100 square, background first. */
export function iconShapes(look: AppLook, purpose: IconPurpose): IconShape[] {
  if (purpose === 'any') {
    return [{ kind: 'rect', x: 0, y: 0, w: 100, h: 100, r: 20, colour: look.theme }, ...look.glyph];
  }
  // Maskable: the safe zone is the middle circle of 80% diameter; shrink the picture into it.
  const k = 0.8;
  const o = (100 - 100 * k) / 2;
  const glyph = look.glyph.map((s): IconShape =>
    s.kind === 'circle'
      ? { ...s, cx: o + s.cx * k, cy: o + s.cy * k, r: s.r * k }
      : { ...s, x: o + s.x * k, y: o + s.y * k, w: s.w * k, h: s.h * k, r: s.r * k },
  );
  return [{ kind: 'rect', x: 0, y: 0, w: 100, h: 100, r: 0, colour: look.theme }, ...glyph];
}

/** The topmost shape under the point, or -1. */
function topmost(shapes: readonly IconShape[], x: number, y: number): number {
  return shapes.findLastIndex((shape) => inside(shape, x, y));
}

/**
 * RGBA pixels of the icon, `size` × `size`, row by row. A pixel whose four corners lie in the
 * same shape is that shape's colour; only pixels on an edge are sampled 4×4.
 */
export function rasterise(shapes: readonly IconShape[], size: number): Uint8Array {
  const pixels = new Uint8Array(size * size * 4);
  const colours = shapes.map((s) => rgb(s.colour));
  const scale = 100 / size;
  // The topmost shape at each pixel corner, (size + 1)² of them.
  const corners = new Int16Array((size + 1) * (size + 1));
  for (let cy = 0; cy <= size; cy++) {
    for (let cx = 0; cx <= size; cx++) {
      corners[cy * (size + 1) + cx] = topmost(shapes, cx * scale, cy * scale);
    }
  }
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const o = (py * size + px) * 4;
      const c0 = corners[py * (size + 1) + px] ?? -1;
      if (
        c0 === corners[py * (size + 1) + px + 1] &&
        c0 === corners[(py + 1) * (size + 1) + px] &&
        c0 === corners[(py + 1) * (size + 1) + px + 1]
      ) {
        const c = colours[c0];
        if (c !== undefined) {
          pixels[o] = c.r;
          pixels[o + 1] = c.g;
          pixels[o + 2] = c.b;
          pixels[o + 3] = 255;
        }
        continue;
      }
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const i = topmost(
            shapes,
            (px + (sx + 0.5) / SAMPLES) * scale,
            (py + (sy + 0.5) / SAMPLES) * scale,
          );
          const c = colours[i];
          if (c === undefined) continue;
          r += c.r;
          g += c.g;
          b += c.b;
          a += 1;
        }
      }
      // Colour averaged over the covered samples (straight alpha), coverage as alpha.
      pixels[o] = a === 0 ? 0 : Math.round(r / a);
      pixels[o + 1] = a === 0 ? 0 : Math.round(g / a);
      pixels[o + 2] = a === 0 ? 0 : Math.round(b / a);
      pixels[o + 3] = Math.round((a / (SAMPLES * SAMPLES)) * 255);
    }
  }
  return pixels;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** A PNG file of RGBA pixels. */
export function encodePng(pixels: Uint8Array, width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bits per channel
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    // Each row starts with its filter type, 0 (none).
    raw.set(pixels.subarray(y * width * 4, (y + 1) * width * 4), y * (width * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

export function iconPng(look: AppLook, purpose: IconPurpose, size: number): Buffer {
  return encodePng(rasterise(iconShapes(look, purpose), size), size, size);
}
