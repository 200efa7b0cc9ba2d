/**
 * Witness invitations (docs/vault-protocol.md §15): a person asks a witness (a neighbour, a
 * friend) to write what they saw, sealed in the witness's browser to the person's account public
 * key (key-pair.ts), through a link that needs no account.
 *
 *   link     = <origin>/witness#w1.<invitationId>.<base64url secret[32]>.<base64url fingerprint[16]>
 *   authKey  = BLAKE2b-256( key = secret, u8(1) ‖ str("mosaic.witness-auth") ‖ str(invitationId) )
 *   sealed statement = sealToPublicKey(publicKey, UTF-8 JSON, "witness-statement/<invitationId>")
 *
 * The secret proves the link to the server (which keeps only SHA-256 of the auth key: the secret
 * has 256 bits, so no stretching is needed). The fingerprint lets the witness's browser check the
 * public key the server serves: a server that swaps in a key of its own is caught before anything
 * is sealed.
 */
import { fromBase64Url, toBase64Url, ByteWriter } from './bytes.js';
import { assertId } from './envelope.js';
import { CryptoError } from './errors.js';
import { PUBLIC_KEY_FINGERPRINT_BYTES } from './key-pair.js';
import { loadSodium } from './sodium.js';

export const WITNESS_PROTOCOL_VERSION = 1;
export const WITNESS_SECRET_BYTES = 32;
/** The page an invitation link opens, under each language's prefix. */
export const WITNESS_PAGE_SLUG = 'witness';

export interface WitnessLink {
  readonly invitationId: string;
  readonly secret: Uint8Array;
  /** BLAKE2b-128 fingerprint of the person's public key (key-pair.ts publicKeyFingerprint). */
  readonly fingerprint: Uint8Array;
}

const LINK = /^w1\.([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})\.([A-Za-z0-9_-]{22})$/;

/**
 * A fresh invitation id: 16 random bytes, unpadded base64url (22 characters).
 *
 * @example const id = await newInvitationId();
 */
export async function newInvitationId(): Promise<string> {
  const sodium = await loadSodium();
  return toBase64Url(sodium.randombytes_buf(16));
}

/**
 * A fresh invitation secret (32 random bytes), carried only in the link's fragment.
 *
 * @example const secret = await generateWitnessSecret();
 */
export async function generateWitnessSecret(): Promise<Uint8Array> {
  const sodium = await loadSodium();
  return sodium.randombytes_buf(WITNESS_SECRET_BYTES);
}

/**
 * The fragment of an invitation link (without `#`).
 *
 * @example formatWitnessFragment({ invitationId, secret, fingerprint }) // 'w1.….….…'
 */
export function formatWitnessFragment(link: WitnessLink): string {
  if (!/^[A-Za-z0-9_-]{22}$/.test(link.invitationId)) {
    throw new CryptoError('input_invalid', 'an invitation id is 22 base64url characters');
  }
  if (link.secret.length !== WITNESS_SECRET_BYTES) {
    throw new CryptoError('input_invalid', 'the invitation secret must be 32 bytes');
  }
  if (link.fingerprint.length !== PUBLIC_KEY_FINGERPRINT_BYTES) {
    throw new CryptoError('input_invalid', 'the fingerprint must be 16 bytes');
  }
  return `w${WITNESS_PROTOCOL_VERSION}.${link.invitationId}.${toBase64Url(link.secret)}.${toBase64Url(link.fingerprint)}`;
}

/**
 * Reads an invitation link's fragment (with or without `#`, or a whole link). Throws
 * `witness_link_invalid` for anything that is not a whole v1 link.
 *
 * @example parseWitnessFragment(location.hash)
 */
export function parseWitnessFragment(text: string): WitnessLink {
  const hashAt = text.indexOf('#');
  const fragment = (hashAt >= 0 ? text.slice(hashAt + 1) : text).trim();
  const match = LINK.exec(fragment);
  if (!match) throw new CryptoError('witness_link_invalid', 'this is not a whole witness link');
  try {
    const secret = fromBase64Url(match[2] ?? '');
    const fingerprint = fromBase64Url(match[3] ?? '');
    return { invitationId: match[1] ?? '', secret, fingerprint };
  } catch {
    throw new CryptoError('witness_link_invalid', 'this is not a whole witness link');
  }
}

/**
 * The auth key that proves the link to the server (the server keeps its SHA-256).
 *
 * @example toBase64Url(await witnessAuthKey(secret, invitationId))
 */
export async function witnessAuthKey(
  secret: Uint8Array,
  invitationId: string,
): Promise<Uint8Array> {
  if (!(secret instanceof Uint8Array) || secret.length !== WITNESS_SECRET_BYTES) {
    throw new CryptoError('witness_link_invalid', 'the invitation secret must be 32 bytes');
  }
  assertId(invitationId, 'invitationId');
  const sodium = await loadSodium();
  const input = new ByteWriter()
    .u8(WITNESS_PROTOCOL_VERSION)
    .string('mosaic.witness-auth')
    .string(invitationId)
    .finish();
  return sodium.crypto_generichash(32, input, secret);
}

/**
 * Where a witness statement is sealed (the context of sealToPublicKey / openSealed).
 *
 * @example witnessStatementContext('ID') // 'witness-statement/ID'
 */
export function witnessStatementContext(invitationId: string): string {
  assertId(invitationId, 'invitationId');
  return `witness-statement/${invitationId}`;
}

/**
 * Where the person's own note on an invitation (its label, the incident) is sealed.
 *
 * @example witnessInvitationContext('ID') // 'witness-invitation/ID'
 */
export function witnessInvitationContext(invitationId: string): string {
  assertId(invitationId, 'invitationId');
  return `witness-invitation/${invitationId}`;
}
