/**
 * Witness statements in the vault core (docs/vault-protocol.md §15): the account key pair, the
 * person's invitations and statements, and the witness's side of the link. Pure but for the one
 * API client; the screens (src/web/app/witness/) and the /witness page (src/web/witness/) call
 * these.
 *
 * Person:
 * - `ensureAccountKeyPair(api, accountKey)` at sign-up and unlock: reads the key pair, or makes
 *   and stores it for an account that has none; the public key is derived from the secret key
 *   and must match what the server holds.
 * - `createWitnessInvitation`, `listWitnessInvitations` (notes opened), `revokeWitnessInvitation`,
 *   `blockWitnessInvitation` (also deletes the link's statements not yet in the diary).
 * - `openWitnessStatements` (sealed statements from the server, opened and checked),
 *   `fileWitnessStatement` (keeps one as a `witness-statement` record), `updateFiledStatement`
 *   (the person's links and note; the witness's words can never change) and
 *   `listFiledWitnessStatements` (every kept statement: what the report and shares read),
 *   `proveFiledStatement` (for a report bundle: the sealed bytes as they arrived, the opening key
 *   of that one message and its arrival receipt, §15.7) and `deleteFiledStatement`.
 *
 * Witness: `openWitnessLink(api, hash)` (proves the link, checks the served public key against
 * the fingerprint in the link) and `sendWitnessStatement`.
 *
 * This file holds the key pair and the invitations, and is the face of the rest: the statements
 * are in witness-statements.ts, the witness's side in witness-link.ts.
 */
import {
  fromBase64Url,
  generateAccountKeyPair,
  openSealed,
  publicKeyFingerprint,
  sealToPublicKey,
  toBase64Url,
  unwrapAccountKeyPair,
  utf8Decode,
  utf8Encode,
  witnessAuthKey,
  witnessInvitationContext,
  wrapAccountSecretKey,
  CryptoError,
  formatWitnessFragment,
  generateWitnessSecret,
  newInvitationId,
  WITNESS_PAGE_SLUG,
  type AccountKeyPair,
} from '../crypto/index.js';
import { isApiError, type InvitationSummary, type VaultApi } from './api.js';
import { LockedError } from './session.js';
import { deleteWitnessFiles } from './witness-files.js';
import { openWitnessStatement, WitnessError } from './witness-statements.js';

export { openWitnessLink, sendWitnessStatement, type OpenLink } from './witness-link.js';
export {
  deleteFiledStatement,
  fileWitnessStatement,
  listFiledWitnessStatements,
  openWitnessStatement,
  openWitnessStatements,
  proveFiledStatement,
  updateFiledStatement,
  WITNESS_STATEMENT,
  WitnessError,
  type OpenedStatement,
  type StatementProof,
  type StatementResult,
  type WitnessErrorCode,
} from './witness-statements.js';

// ---- the account key pair ----

/**
 * The account's key pair, made and stored first if the account has none (at sign-up, and at the
 * first unlock of an account made before witness statements). The public key is always derived
 * from the secret key; a server holding another is refused (`public_key_mismatch`).
 *
 * `locked`: for a check running beside an open diary (keyPairWhileOpen), true once the vault
 * has locked; nothing is stored then (LockedError).
 *
 * @example const keyPair = await ensureAccountKeyPair(api, accountKey);
 */
export async function ensureAccountKeyPair(
  api: VaultApi,
  accountKey: Uint8Array,
  locked: () => boolean = () => false,
): Promise<AccountKeyPair> {
  const existing = await loadAccountKeyPair(api, accountKey);
  if (existing) return existing;
  const pair = await generateAccountKeyPair();
  const wrapped = await wrapAccountSecretKey(accountKey, pair.secretKey);
  // Checked after wrapping: a key wiped by a lock meanwhile must not be what the pair is under.
  if (locked()) throw new LockedError();
  try {
    await api.putKeyPair({
      publicKey: toBase64Url(pair.publicKey),
      wrappedSecretKey: toBase64Url(wrapped),
    });
    return pair;
  } catch (error) {
    // Another device made one at the same moment: that one is the account's.
    if (!isApiError(error, 'key_pair_exists')) throw error;
    const made = await loadAccountKeyPair(api, accountKey);
    if (!made) throw error;
    return made;
  }
}

/** The account's key pair, or undefined when it has none yet. */
export async function loadAccountKeyPair(
  api: VaultApi,
  accountKey: Uint8Array,
): Promise<AccountKeyPair | undefined> {
  const served = await api.getKeyPair();
  if (served === null) return undefined;
  return unwrapAccountKeyPair(
    accountKey,
    fromBase64Url(served.wrappedSecretKey),
    fromBase64Url(served.publicKey),
  );
}

// ---- invitations (the person) ----

export const WITNESS_DEFAULT_DAYS = 14;

/** The person's own words about an invitation, sealed to their own public key. */
export interface InvitationNote {
  readonly label: string;
  readonly incidentId?: string | undefined;
}

export interface MadeInvitation {
  readonly invitation: InvitationSummary;
  /** The whole link to send to the witness (the secret is in its fragment). */
  readonly link: string;
}

/**
 * A new invitation: the link's secret and id are made here; the server gets the auth key's proof
 * material and the sealed note only.
 *
 * @example const { link } = await createWitnessInvitation(api, keyPair, { label: 'Sam', origin, maxStatements: 1 });
 */
export async function createWitnessInvitation(
  api: VaultApi,
  keyPair: AccountKeyPair,
  options: {
    label: string;
    incidentId?: string | undefined;
    maxStatements: number;
    expiresInSeconds?: number;
    /** e.g. https://support.example.org; the link opens <origin><prefix>/witness. */
    origin: string;
    /** '' for the default language, '/cy' for Welsh. */
    prefix?: string;
  },
): Promise<MadeInvitation> {
  const id = await newInvitationId();
  const secret = await generateWitnessSecret();
  const authKey = toBase64Url(await witnessAuthKey(secret, id));
  const note: InvitationNote & { v: 1; invitationId: string } = {
    v: 1,
    invitationId: id,
    label: options.label,
    ...(options.incidentId !== undefined ? { incidentId: options.incidentId } : {}),
  };
  const sealedNote = await sealToPublicKey(
    keyPair.publicKey,
    utf8Encode(JSON.stringify(note)),
    witnessInvitationContext(id),
  );
  const invitation = await api.createWitnessInvitation({
    id,
    authKey,
    note: toBase64Url(sealedNote),
    maxStatements: options.maxStatements,
    ...(options.expiresInSeconds !== undefined
      ? { expiresInSeconds: options.expiresInSeconds }
      : {}),
  });
  const fragment = formatWitnessFragment({
    invitationId: id,
    secret,
    fingerprint: await publicKeyFingerprint(keyPair.publicKey),
  });
  const link = `${options.origin}${options.prefix ?? ''}/${WITNESS_PAGE_SLUG}#${fragment}`;
  return { invitation, link };
}

export interface OpenedInvitation extends InvitationSummary {
  /** The person's note; null when it could not be opened (or is gone). */
  readonly label: string | null;
  readonly incidentId: string | undefined;
}

async function openNote(keyPair: AccountKeyPair, summary: InvitationSummary) {
  if (summary.note === null) return null;
  try {
    const bytes = await openSealed(
      keyPair,
      fromBase64Url(summary.note),
      witnessInvitationContext(summary.id),
    );
    const value = JSON.parse(utf8Decode(bytes)) as Record<string, unknown>;
    if (value.invitationId !== summary.id || typeof value.label !== 'string') return null;
    const incidentId = typeof value.incidentId === 'string' ? value.incidentId : undefined;
    return { label: value.label, incidentId };
  } catch {
    return null;
  }
}

/** Every invitation of the account, newest first, with its note opened. */
export async function listWitnessInvitations(
  api: VaultApi,
  keyPair: AccountKeyPair,
): Promise<OpenedInvitation[]> {
  const all = await api.listWitnessInvitations();
  const out: OpenedInvitation[] = [];
  for (const summary of all) {
    const note = await openNote(keyPair, summary);
    out.push({ ...summary, label: note?.label ?? null, incidentId: note?.incidentId });
  }
  return out;
}

export function revokeWitnessInvitation(api: VaultApi, id: string): Promise<void> {
  return api.revokeWitnessInvitation(id);
}

/**
 * Blocks a misused link, and deletes the statements it brought that are not in the diary.
 *
 * @example await blockWitnessInvitation(api, id, filedStatementIds);
 */
export async function blockWitnessInvitation(
  api: VaultApi,
  id: string,
  filedStatementIds: ReadonlySet<string>,
  /** Opens the statements first, so that their files (§15.8) are deleted with them. */
  keyPair?: AccountKeyPair,
): Promise<number> {
  await api.blockWitnessInvitation(id);
  let deleted = 0;
  for (const s of await api.listWitnessStatements()) {
    if (s.invitationId !== id || filedStatementIds.has(s.id)) continue;
    if (keyPair !== undefined) await deleteStatementFiles(api, keyPair, s.id);
    await api.deleteWitnessStatement(s.id);
    deleted++;
  }
  return deleted;
}

/** Deletes the uploads a statement names (one that does not open has none to find). */
async function deleteStatementFiles(
  api: VaultApi,
  keyPair: AccountKeyPair,
  statementId: string,
): Promise<void> {
  try {
    const opened = await openWitnessStatement(keyPair, await api.getWitnessStatement(statementId));
    await deleteWitnessFiles(api, opened.statement);
  } catch (error) {
    if (!(error instanceof CryptoError) && !(error instanceof WitnessError)) throw error;
  }
}
