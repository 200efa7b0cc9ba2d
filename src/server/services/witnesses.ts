/**
 * Witness statements (docs/vault-protocol.md §15): what the server does, all of it on ciphertext.
 *
 * - The person stores their key pair once, creates invitations (at most MAX_OPEN_INVITATIONS open),
 *   lists them, revokes or blocks them, and lists, fetches and deletes the sealed statements.
 * - A witness proves the link (SHA-256 of the auth key, compared in constant time), gets the
 *   person's public key, and sends a sealed statement. In one transaction the invitation is
 *   locked and checked (open, not expired, below its number), the size is counted against the
 *   person's record quota, the statement is stored with its receipt entry, and counted.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import {
  INVITATION_DEFAULT_SECONDS,
  MAX_OPEN_INVITATIONS,
  type InvitationState,
  type InvitationSummary,
} from '../../contract/witnesses.js';
import { useRecordBytes } from '../db/repositories/records.js';
import {
  closeInvitation,
  countOpenInvitations,
  countStatement,
  deleteStatementRow,
  findInvitation,
  insertInvitation,
  insertStatement,
  listInvitations,
  lockInvitation,
  publicKeyOfAccount,
  releaseRecordBytes,
  type InvitationRow,
} from '../db/repositories/witnesses.js';
import type { Database } from '../db/schema.js';
import { bindStatementUploads } from '../db/repositories/witness-files.js';

const sha256 = (bytes: Uint8Array | string): Uint8Array =>
  new Uint8Array(createHash('sha256').update(bytes).digest());

/** SHA-256 of the auth key's bytes (the client sends unpadded base64url). */
export function witnessAuthHash(authKey: string): Uint8Array {
  return sha256(Buffer.from(authKey, 'base64url'));
}

export function invitationState(
  row: Pick<InvitationRow, 'revokedAt' | 'blocked' | 'expiresAt' | 'statements' | 'maxStatements'>,
  now = new Date(),
): InvitationState {
  if (row.blocked) return 'blocked';
  if (row.revokedAt !== null) return 'revoked';
  if (row.expiresAt.getTime() <= now.getTime()) return 'expired';
  if (row.statements >= row.maxStatements) return 'full';
  return 'active';
}

export type CreateInvitationResult =
  | { readonly kind: 'created' }
  | { readonly kind: 'exists' }
  | { readonly kind: 'too_many' }
  | { readonly kind: 'no_key_pair' };

export async function createInvitation(
  db: Kysely<Database>,
  accountId: string,
  invitation: {
    id: string;
    authKey: string;
    note: Uint8Array;
    maxStatements: number;
    expiresInSeconds?: number | undefined;
  },
): Promise<CreateInvitationResult> {
  if ((await publicKeyOfAccount(db, accountId)) === undefined) return { kind: 'no_key_pair' };
  const expiresAt = new Date(
    Date.now() + (invitation.expiresInSeconds ?? INVITATION_DEFAULT_SECONDS) * 1000,
  );
  return db.transaction().execute(async (trx): Promise<CreateInvitationResult> => {
    // The account's row is locked so that invitations made at once cannot pass the limit together.
    await trx.selectFrom('accounts').select('id').where('id', '=', accountId).forUpdate().execute();
    if ((await countOpenInvitations(trx, accountId)) >= MAX_OPEN_INVITATIONS) {
      return { kind: 'too_many' };
    }
    const inserted = await insertInvitation(trx, {
      id: invitation.id,
      accountId,
      authKeyHash: witnessAuthHash(invitation.authKey),
      note: invitation.note,
      maxStatements: invitation.maxStatements,
      expiresAt,
    });
    return inserted ? { kind: 'created' } : { kind: 'exists' };
  });
}

export async function listOwnInvitations(
  db: Kysely<Database>,
  accountId: string,
): Promise<InvitationSummary[]> {
  const rows = await listInvitations(db, accountId);
  return rows.map((r) => ({
    id: r.id,
    state: invitationState(r),
    note: r.note === null ? null : Buffer.from(r.note).toString('base64url'),
    maxStatements: r.maxStatements,
    statements: r.statements,
    createdAt: r.createdAt.toISOString(),
    expiresAt: r.expiresAt.toISOString(),
    revokedAt: r.revokedAt?.toISOString() ?? null,
  }));
}

/** Revokes (or blocks) the account's invitation; false when it has none with this id. */
export async function closeOwnInvitation(
  db: Kysely<Database>,
  accountId: string,
  id: string,
  blocked: boolean,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const row = await lockInvitation(trx, id, accountId);
    if (!row) return false;
    await closeInvitation(trx, id, blocked);
    return true;
  });
}

export type WitnessAccess =
  | { readonly kind: 'ok'; readonly invitation: InvitationRow }
  | { readonly kind: 'not_found' }
  | { readonly kind: 'wrong' }
  | { readonly kind: 'gone'; readonly state: 'expired' | 'closed' }
  | { readonly kind: 'full' };

function proved(row: InvitationRow, authKey: string): boolean {
  if (row.authKeyHash === null) return false;
  const given = witnessAuthHash(authKey);
  return given.length === row.authKeyHash.length && timingSafeEqual(given, row.authKeyHash);
}

/**
 * What the witness may do with the link: a closed link says so only to a right proof (or to
 * none at all once its hash is gone), so a wrong secret learns nothing but "wrong".
 */
function check(row: InvitationRow | undefined, authKey: string): WitnessAccess {
  if (!row) return { kind: 'not_found' };
  const state = invitationState(row);
  if (state === 'revoked' || state === 'blocked') return { kind: 'gone', state: 'closed' };
  if (!proved(row, authKey)) return { kind: 'wrong' };
  if (state === 'expired') return { kind: 'gone', state: 'expired' };
  if (state === 'full') return { kind: 'full' };
  return { kind: 'ok', invitation: row };
}

/** The witness's access to an invitation, for a file upload (no lock: tus's own checks follow). */
export async function witnessAccess(
  db: Kysely<Database>,
  id: string,
  authKey: string,
): Promise<WitnessAccess> {
  return check(await findInvitation(db, id), authKey);
}

export type OpenInvitationResult =
  | { readonly kind: 'opened'; publicKey: Uint8Array; expiresAt: Date; remaining: number }
  | Exclude<WitnessAccess, { kind: 'ok' }>;

export async function openInvitation(
  db: Kysely<Database>,
  id: string,
  authKey: string,
): Promise<OpenInvitationResult> {
  const access = check(await findInvitation(db, id), authKey);
  if (access.kind !== 'ok') return access;
  const publicKey = await publicKeyOfAccount(db, access.invitation.accountId);
  if (!publicKey) return { kind: 'not_found' };
  return {
    kind: 'opened',
    publicKey,
    expiresAt: access.invitation.expiresAt,
    remaining: access.invitation.maxStatements - access.invitation.statements,
  };
}

export type SubmitResult =
  | { readonly kind: 'stored'; readonly id: string; readonly receivedAt: Date }
  | { readonly kind: 'quota_exceeded' }
  | { readonly kind: 'upload_unknown' }
  | Exclude<WitnessAccess, { kind: 'ok' }>;

/** Thrown inside the transaction so that nothing of a statement naming a wrong upload stays. */
class UnknownUpload extends Error {}

export async function submitStatement(
  db: Kysely<Database>,
  request: {
    invitationId: string;
    authKey: string;
    ciphertext: Uint8Array;
    quotaBytes: number;
    uploads?: readonly string[] | undefined;
  },
): Promise<SubmitResult> {
  try {
    return await storeStatement(db, request);
  } catch (error) {
    if (error instanceof UnknownUpload) return { kind: 'upload_unknown' };
    throw error;
  }
}

async function storeStatement(
  db: Kysely<Database>,
  request: {
    invitationId: string;
    authKey: string;
    ciphertext: Uint8Array;
    quotaBytes: number;
    uploads?: readonly string[] | undefined;
  },
): Promise<SubmitResult> {
  const id = `ws-${randomBytes(16).toString('base64url')}`;
  return db.transaction().execute(async (trx): Promise<SubmitResult> => {
    const access = check(await lockInvitation(trx, request.invitationId), request.authKey);
    if (access.kind !== 'ok') return access;
    const { accountId } = access.invitation;
    if (!(await useRecordBytes(trx, accountId, request.ciphertext.length, request.quotaBytes))) {
      return { kind: 'quota_exceeded' };
    }
    const receivedAt = await insertStatement(
      trx,
      { id, accountId, invitationId: request.invitationId, ciphertext: request.ciphertext },
      { id, revision: 1, ciphertextSha256: sha256(request.ciphertext) },
    );
    await countStatement(trx, request.invitationId);
    // The files it names: finished uploads of this link, each named by one statement only.
    if (!(await bindStatementUploads(trx, request.invitationId, id, request.uploads ?? []))) {
      throw new UnknownUpload();
    }
    return { kind: 'stored', id, receivedAt };
  });
}

/** Deletes one of the account's statements, giving its bytes back; false when there is none. */
export async function deleteStatement(
  db: Kysely<Database>,
  accountId: string,
  id: string,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const size = await deleteStatementRow(trx, accountId, id);
    if (size === undefined) return false;
    await releaseRecordBytes(trx, accountId, size);
    return true;
  });
}
