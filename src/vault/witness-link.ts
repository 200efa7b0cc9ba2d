/**
 * Witness statements, the witness's side (docs/vault-protocol.md §15): the /witness page opens
 * the link (checking the served public key against the fingerprint in it) and sends a sealed
 * statement. Nothing is kept. Split from witnesses.ts, which re-exports it.
 */
import {
  CryptoError,
  fromBase64Url,
  parseWitnessFragment,
  publicKeyMatches,
  sealToPublicKey,
  toBase64Url,
  utf8Encode,
  witnessAuthKey,
  witnessStatementContext,
  type WitnessLink,
} from '../crypto/index.js';
import { witnessStatementSchema, type WitnessStatement } from '../domain/witness.js';
import type { VaultApi, WitnessOpen } from './api.js';
import { WitnessError } from './witness-statements.js';

export interface OpenLink extends WitnessOpen {
  readonly link: WitnessLink;
  readonly authKey: string;
  readonly publicKey: string;
}

/**
 * The witness's first step: reads the link, proves it, and checks the public key the server gives
 * against the fingerprint in the link (`public_key_mismatch` if the server swapped it).
 *
 * @example const open = await openWitnessLink(api, location.hash);
 */
export async function openWitnessLink(api: VaultApi, hash: string): Promise<OpenLink> {
  const link = parseWitnessFragment(hash);
  const authKey = toBase64Url(await witnessAuthKey(link.secret, link.invitationId));
  const answer = await api.openWitnessInvitation(link.invitationId, authKey);
  let key: Uint8Array;
  try {
    key = fromBase64Url(answer.publicKey);
  } catch {
    throw new CryptoError('public_key_mismatch', 'the server gave no usable key');
  }
  if (!(await publicKeyMatches(key, link.fingerprint))) {
    throw new CryptoError(
      'public_key_mismatch',
      'the key the server gave is not the one in the link',
    );
  }
  return { ...answer, link, authKey };
}

/**
 * Seals the statement to the checked public key and sends it; the time the server received it.
 * Nothing is kept: the caller drops the statement after this.
 */
export async function sendWitnessStatement(
  api: VaultApi,
  open: OpenLink,
  statement: WitnessStatement,
): Promise<string> {
  const checked = witnessStatementSchema.safeParse(statement);
  if (!checked.success || checked.data.invitationId !== open.link.invitationId) {
    throw new WitnessError('statement_invalid', 'the statement is not complete');
  }
  const key = fromBase64Url(open.publicKey);
  // Checked again right before sealing: the key must be the one the link names.
  if (!(await publicKeyMatches(key, open.link.fingerprint))) {
    throw new CryptoError('public_key_mismatch', 'the key is not the one in the link');
  }
  const sealed = await sealToPublicKey(
    key,
    utf8Encode(JSON.stringify(checked.data)),
    witnessStatementContext(open.link.invitationId),
  );
  return api.sendWitnessStatement(
    open.link.invitationId,
    open.authKey,
    toBase64Url(sealed),
    (checked.data.files ?? []).map((f) => f.uploadId),
  );
}
