import { inflateSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contrastRatio } from '../../domain/colour.js';
import { DISGUISE_IDS, DISGUISES, organisationLook } from '../../domain/disguises.js';
import { encodePng, iconPng, rasterise } from './icons.js';

/** The RGBA pixels of a PNG this module wrote (one IDAT, filter 0 on every row). */
function decode(png: Buffer): { width: number; height: number; pixels: Buffer } {
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  let offset = 8;
  const idat: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.subarray(offset + 4, offset + 8).toString('latin1');
    if (type === 'IDAT') idat.push(png.subarray(offset + 8, offset + 8 + length));
    offset += length + 12;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const pixels = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    expect(raw[y * (width * 4 + 1)]).toBe(0);
    raw.copy(pixels, y * width * 4, y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1));
  }
  return { width, height, pixels };
}

const pixel = (d: ReturnType<typeof decode>, x: number, y: number): number[] => [
  ...d.pixels.subarray((y * d.width + x) * 4, (y * d.width + x) * 4 + 4),
];

describe('app icons', () => {
  it('draws each disguise on its theme colour, readable under white text', () => {
    for (const id of DISGUISE_IDS) {
      const look = DISGUISES[id];
      expect(contrastRatio(look.theme, '#ffffff'), id).toBeGreaterThanOrEqual(4.5);
      const any = decode(iconPng(look, 'any', 192));
      expect(any.width).toBe(192);
      // Rounded corners: the very corner is transparent, the edge's middle is the theme.
      expect(pixel(any, 0, 0)[3]).toBe(0);
      const theme = [1, 3, 5].map((i) => Number.parseInt(look.theme.slice(i, i + 2), 16));
      expect(pixel(any, 96, 2)).toEqual([...theme, 255]);
      const maskable = decode(iconPng(look, 'maskable', 512));
      expect(pixel(maskable, 0, 0)).toEqual([...theme, 255]);
    }
  });

  it('draws the organisation’s look in its brand colour', () => {
    const look = organisationLook({ en: 'A', cy: 'B' }, { en: 'A', cy: 'B' }, '#0b3d2e');
    const d = decode(iconPng(look, 'maskable', 192));
    expect(pixel(d, 3, 3)).toEqual([0x0b, 0x3d, 0x2e, 255]);
  });

  it('fills a circle inside its edge and leaves the outside clear (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 20, max: 80 }),
        fc.integer({ min: 20, max: 80 }),
        fc.integer({ min: 5, max: 20 }),
        fc.integer({ min: 32, max: 96 }),
        (cx, cy, r, size) => {
          const pixels = rasterise([{ kind: 'circle', cx, cy, r, colour: '#102030' }], size);
          const unit = 100 / size;
          for (let y = 0; y < size; y++) {
            for (let x = 0; x < size; x++) {
              const d = Math.hypot((x + 0.5) * unit - cx, (y + 0.5) * unit - cy);
              const o = (y * size + x) * 4;
              if (d < r - unit) expect([...pixels.subarray(o, o + 4)]).toEqual([16, 32, 48, 255]);
              if (d > r + unit) expect(pixels[o + 3]).toBe(0);
            }
          }
        },
      ),
      { numRuns: 25 },
    );
  });

  it('writes a PNG that inflates back to the same pixels', () => {
    const pixels = new Uint8Array(3 * 2 * 4).map((_, i) => (i * 37) % 256);
    const d = decode(encodePng(pixels, 3, 2));
    expect([...d.pixels]).toEqual([...pixels]);
  });
});
