/**
 * The share link as a QR code, for handing over in person (the passcode still goes another
 * way). Drawn as one SVG path from qrcode-generator's module matrix: no inline style, no HTML
 * string, nothing fetched, so it sits inside the vault's strict CSP and Trusted Types.
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

export function QrCode(props: { readonly text: string; readonly label: string }) {
  const { d, size } = qrPath(props.text);
  return (
    <svg
      viewBox={`0 0 ${size} ${size}`}
      width="240"
      height="240"
      role="img"
      aria-label={props.label}
      data-share-qr=""
      shape-rendering="crispEdges"
    >
      <rect width={size} height={size} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  );
}
