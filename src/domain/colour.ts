/**
 * WCAG 2.x contrast between two `#rrggbb` colours, so an organisation cannot choose brand colours
 * that make its own header unreadable.
 *
 * @example contrastRatio('#ffffff', '#000000') // 21
 */
export function contrastRatio(a: string, b: string): number {
  const la = relativeLuminance(a);
  const lb = relativeLuminance(b);
  const [hi, lo] = la > lb ? [la, lb] : [lb, la];
  return (hi + 0.05) / (lo + 0.05);
}

export const HEX_COLOUR = /^#[0-9a-f]{6}$/i;

function relativeLuminance(hex: string): number {
  if (!HEX_COLOUR.test(hex)) throw new RangeError(`not a #rrggbb colour: ${hex}`);
  const channel = (offset: number): number => {
    const c = Number.parseInt(hex.slice(offset, offset + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}
