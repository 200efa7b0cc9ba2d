import { describe, expect, it } from 'vitest';
import { qrPath } from './qr-code.js';

/** The dark modules a path draws, as "x,y" (each `Mx yh1v1h-1z` is one module). */
function darkModules(d: string): Set<string> {
  return new Set([...d.matchAll(/M(\d+) (\d+)h1v1h-1z/g)].map((m) => `${m[1]},${m[2]}`));
}

describe('the share link as a QR code', () => {
  const link = 'https://support.example.org/share#s1.tpKznvYSTCtOgwTkPClxPg.g8jjQsGry8TnaijXOfD';

  it('draws a real code: a finder square in three corners, inside a four-module quiet zone', () => {
    const { d, size } = qrPath(link);
    const dark = darkModules(d);
    const modules = size - 8;
    // Version 1 is 21 modules, each version 4 more.
    expect((modules - 21) % 4).toBe(0);
    const finderAt = (x0: number, y0: number) => {
      for (let y = 0; y < 7; y++) {
        for (let x = 0; x < 7; x++) {
          const ring = x === 0 || y === 0 || x === 6 || y === 6;
          const core = x >= 2 && x <= 4 && y >= 2 && y <= 4;
          expect(dark.has(`${x0 + x},${y0 + y}`), `${x0 + x},${y0 + y}`).toBe(ring || core);
        }
      }
    };
    finderAt(4, 4);
    finderAt(4 + modules - 7, 4);
    finderAt(4, 4 + modules - 7);
    // Nothing in the quiet zone.
    for (const m of dark) {
      const [x, y] = m.split(',').map(Number) as [number, number];
      expect(x >= 4 && y >= 4 && x < 4 + modules && y < 4 + modules).toBe(true);
    }
  });

  it('is the same for the same link and differs for another', () => {
    expect(qrPath(link)).toEqual(qrPath(link));
    expect(qrPath(link).d).not.toBe(qrPath(`${link}x`).d);
  });
});
