/**
 * The share link as a QR code, for handing over in person (the passcode still goes another
 * way). Drawn as one SVG path (src/domain/qr-path.ts), so it sits inside the vault's strict CSP
 * and Trusted Types.
 */
import { qrPath } from '../../../domain/qr-path.js';

export { qrPath };

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
