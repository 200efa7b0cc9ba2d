/**
 * A QR code's dark modules as one SVG path, from qrcode-generator's module matrix: no inline
 * style, no HTML string, nothing fetched, so it sits inside a strict CSP. Used by the share
 * link's code (web/app/share) and the staff area's authenticator-app code (web/pages).
 */
import qrcode from 'qrcode-generator';

/** The quiet zone round the code, in modules (the standard asks for four). */
const QUIET = 4;

/** The dark modules of `text`'s QR code as an SVG path, and the side in modules. */
export function qrPath(text: string): { d: string; size: number } {
  // 'M' (15% recovery): a phone screen or a print stays readable with a smudge.
  const qr = qrcode(0, 'M');
  qr.addData(text, 'Byte');
  qr.make();
  const n = qr.getModuleCount();
  let d = '';
  for (let row = 0; row < n; row++) {
    for (let col = 0; col < n; col++) {
      if (qr.isDark(row, col)) d += `M${col + QUIET} ${row + QUIET}h1v1h-1z`;
    }
  }
  return { d, size: n + 2 * QUIET };
}
