/**
 * A share's link (docs/vault-protocol.md §14): `/share#s1.<shareId>.<secret>`, the fragment never
 * reaching the server; and ShareError, the one error the owner's and the recipient's sides throw
 * when the vault refuses a share it cannot trust or a link it cannot read.
 */
import { fromBase64Url, SHARE_SECRET_BYTES, toBase64Url } from '../crypto/index.js';

/** The version tag at the start of a link's fragment. */
export const SHARE_LINK_VERSION = 's1';
/** The page a link opens; the fragment after it never reaches the server. */
export const SHARE_PAGE_PATH = '/share';

export type ShareErrorCode =
  | 'share_link_invalid'
  | 'share_manifest_invalid'
  | 'share_record_missing'
  | 'share_record_unexpected'
  | 'share_record_changed'
  | 'share_upload_not_listed';

/** A share the vault refuses to trust, or a link it cannot read; `code` is stable. */
export class ShareError extends Error {
  override readonly name = 'ShareError';
  constructor(
    readonly code: ShareErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface ShareLink {
  readonly shareId: string;
  readonly secret: Uint8Array;
}

const SHARE_ID = /^[A-Za-z0-9_-]{22}$/;

/**
 * The link's fragment: `s1.<shareId>.<secret>`.
 *
 * @example shareLinkFragment(id, secret) // 's1.q3J2y0m1rT4kZ8b1xN7wGA.AAECAw…'
 */
export function shareLinkFragment(link: ShareLink): string {
  return `${SHARE_LINK_VERSION}.${link.shareId}.${toBase64Url(link.secret)}`;
}

/**
 * The whole link for this origin.
 *
 * @example shareLinkUrl('https://mosaic.example', link) // 'https://mosaic.example/share#s1.…'
 */
export function shareLinkUrl(origin: string, link: ShareLink): string {
  return `${origin}${SHARE_PAGE_PATH}#${shareLinkFragment(link)}`;
}

/**
 * Reads a link, a fragment or `location.hash`; throws ShareError `share_link_invalid`.
 *
 * @example parseShareLink(location.hash)
 */
export function parseShareLink(input: string): ShareLink {
  const hashAt = input.indexOf('#');
  const fragment = (hashAt >= 0 ? input.slice(hashAt + 1) : input).trim();
  const [version, shareId, secretText, ...rest] = fragment.split('.');
  const invalid = () =>
    new ShareError('share_link_invalid', 'This is not a whole share link. Copy all of it.');
  if (version !== SHARE_LINK_VERSION || rest.length > 0) throw invalid();
  if (shareId === undefined || !SHARE_ID.test(shareId) || secretText === undefined) {
    throw invalid();
  }
  let secret: Uint8Array;
  try {
    secret = fromBase64Url(secretText);
  } catch {
    throw invalid();
  }
  if (secret.length !== SHARE_SECRET_BYTES) throw invalid();
  return { shareId, secret };
}
