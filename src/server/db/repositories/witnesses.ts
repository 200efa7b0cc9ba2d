/**
 * Witness invitations and statements, and the account key pair (docs/vault-protocol.md §15).
 * Every query names the account, except the witness's own (by invitation id, after the proof).
 * Functions take `db | trx` and never open a transaction: src/server/services/witnesses.ts does.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.js';
import { pendingEntryInsert, type ReceiptEntry } from './receipt-log.js';

export interface InvitationRow {
  readonly id: string;
  readonly accountId: string;
  readonly authKeyHash: Uint8Array | null;
  readonly note: Uint8Array | null;
  readonly maxStatements: number;
  readonly statements: number;
  readonly expiresAt: Date;
  readonly revokedAt: Date | null;
  readonly blocked: boolean;
  readonly createdAt: Date;
}

export interface StatementRow {
  readonly id: string;
  readonly invitationId: string;
  readonly size: number;
  readonly receivedAt: Date;
}

const INVITATION_COLUMNS = [
  'id',
  'account_id',
  'auth_key_hash',
  'note',
  'max_statements',
  'statements',
  'expires_at',
  'revoked_at',
  'blocked',
  'created_at',
] as const;

function toInvitation(row: {
  id: string;
  account_id: string;
  auth_key_hash: Uint8Array | null;
  note: Uint8Array | null;
  max_statements: number;
  statements: number;
  expires_at: Date;
  revoked_at: Date | null;
  blocked: boolean;
  created_at: Date;
}): InvitationRow {
  return {
    id: row.id,
    accountId: row.account_id,
    authKeyHash: row.auth_key_hash === null ? null : new Uint8Array(row.auth_key_hash),
    note: row.note === null ? null : new Uint8Array(row.note),
    maxStatements: row.max_statements,
    statements: row.statements,
    expiresAt: new Date(row.expires_at),
    revokedAt: row.revoked_at === null ? null : new Date(row.revoked_at),
    blocked: row.blocked,
    createdAt: new Date(row.created_at),
  };
}

// ---- the account key pair ----

export async function findKeyPair(
  db: Kysely<Database>,
  accountId: string,
): Promise<{ publicKey: Uint8Array; wrappedSecretKey: Uint8Array } | undefined> {
  const row = await db
    .selectFrom('accounts')
    .select(['key_pair_public', 'key_pair_secret'])
    .where('id', '=', accountId)
    .executeTakeFirst();
  if (!row || row.key_pair_public === null || row.key_pair_secret === null) return undefined;
  return {
    publicKey: new Uint8Array(row.key_pair_public),
    wrappedSecretKey: new Uint8Array(row.key_pair_secret),
  };
}

/** Stores the key pair if the account has none yet; false (nothing changed) otherwise. */
export async function setKeyPairOnce(
  db: Kysely<Database>,
  accountId: string,
  publicKey: Uint8Array,
  wrappedSecretKey: Uint8Array,
): Promise<boolean> {
  const row = await db
    .updateTable('accounts')
    .set({ key_pair_public: publicKey, key_pair_secret: wrappedSecretKey })
    .where('id', '=', accountId)
    .where('key_pair_public', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/** The public key the witness's browser is given (by invitation, after the proof). */
export async function publicKeyOfAccount(
  db: Kysely<Database>,
  accountId: string,
): Promise<Uint8Array | undefined> {
  const pair = await findKeyPair(db, accountId);
  return pair?.publicKey;
}

// ---- invitations ----

export async function insertInvitation(
  trx: Kysely<Database>,
  row: {
    id: string;
    accountId: string;
    authKeyHash: Uint8Array;
    note: Uint8Array;
    maxStatements: number;
    expiresAt: Date;
  },
): Promise<boolean> {
  const inserted = await trx
    .insertInto('witness_invitations')
    .values({
      id: row.id,
      account_id: row.accountId,
      auth_key_hash: row.authKeyHash,
      note: row.note,
      max_statements: row.maxStatements,
      expires_at: row.expiresAt,
      revoked_at: null,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** Invitations of the account still open: not closed, not expired, not full. */
export async function countOpenInvitations(
  trx: Kysely<Database>,
  accountId: string,
): Promise<number> {
  const row = await trx
    .selectFrom('witness_invitations')
    .select(sql<string>`count(*)`.as('n'))
    .where('account_id', '=', accountId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .where(sql<boolean>`statements < max_statements`)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function listInvitations(
  db: Kysely<Database>,
  accountId: string,
): Promise<InvitationRow[]> {
  const rows = await db
    .selectFrom('witness_invitations')
    .select(INVITATION_COLUMNS)
    .where('account_id', '=', accountId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
  return rows.map(toInvitation);
}

/** The invitation, locked for the transaction; with `accountId`, only if it is that account's. */
export async function lockInvitation(
  trx: Kysely<Database>,
  id: string,
  accountId?: string,
): Promise<InvitationRow | undefined> {
  let query = trx.selectFrom('witness_invitations').select(INVITATION_COLUMNS).where('id', '=', id);
  if (accountId !== undefined) query = query.where('account_id', '=', accountId);
  const row = await query.forUpdate().executeTakeFirst();
  return row && toInvitation(row);
}

export async function findInvitation(
  db: Kysely<Database>,
  id: string,
): Promise<InvitationRow | undefined> {
  const row = await db
    .selectFrom('witness_invitations')
    .select(INVITATION_COLUMNS)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toInvitation(row);
}

/** Closes the link for good: the proof's hash is deleted; `blocked` marks misuse. */
export async function closeInvitation(
  trx: Kysely<Database>,
  id: string,
  blocked: boolean,
): Promise<void> {
  await trx
    .updateTable('witness_invitations')
    .set({
      auth_key_hash: null,
      revoked_at: sql<Date>`coalesce(revoked_at, now())`,
      ...(blocked ? { blocked: true } : {}),
    })
    .where('id', '=', id)
    .execute();
}

export async function countStatement(trx: Kysely<Database>, id: string): Promise<void> {
  await trx
    .updateTable('witness_invitations')
    .set({ statements: sql<number>`statements + 1` })
    .where('id', '=', id)
    .execute();
}

// ---- statements ----

/**
 * Stores a sealed statement and, in the same transaction, its receipt entry (revision 1, the
 * SHA-256 of the bytes stored) linked from the statement.
 */
export async function insertStatement(
  trx: Kysely<Database>,
  row: { id: string; accountId: string; invitationId: string; ciphertext: Uint8Array },
  entry: ReceiptEntry,
): Promise<Date> {
  const stored = await trx
    .insertInto('witness_statements')
    .values({
      id: row.id,
      account_id: row.accountId,
      invitation_id: row.invitationId,
      ciphertext: row.ciphertext,
      size: row.ciphertext.length,
    })
    .returning('received_at')
    .executeTakeFirstOrThrow();
  await sql`with e as (${pendingEntryInsert(entry)})
    update witness_statements set log_entry_id = e.id from e where witness_statements.id = ${row.id}`.execute(
    trx,
  );
  return new Date(stored.received_at);
}

export async function listStatements(
  db: Kysely<Database>,
  accountId: string,
): Promise<StatementRow[]> {
  const rows = await db
    .selectFrom('witness_statements')
    .select(['id', 'invitation_id', 'size', 'received_at'])
    .where('account_id', '=', accountId)
    .orderBy('received_at', 'desc')
    .orderBy('id')
    .limit(2000)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    invitationId: r.invitation_id,
    size: r.size,
    receivedAt: new Date(r.received_at),
  }));
}

export async function findStatement(
  db: Kysely<Database>,
  accountId: string,
  id: string,
): Promise<(StatementRow & { ciphertext: Uint8Array }) | undefined> {
  const row = await db
    .selectFrom('witness_statements')
    .select(['id', 'invitation_id', 'size', 'received_at'])
    .select(sql<string>`encode(ciphertext, 'hex')`.as('ciphertext_hex'))
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    invitationId: row.invitation_id,
    size: row.size,
    receivedAt: new Date(row.received_at),
    ciphertext: new Uint8Array(Buffer.from(row.ciphertext_hex, 'hex')),
  };
}

/** Deletes one statement; its size, or undefined when the account has no such statement. */
export async function deleteStatementRow(
  trx: Kysely<Database>,
  accountId: string,
  id: string,
): Promise<number | undefined> {
  const row = await trx
    .deleteFrom('witness_statements')
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .returning('size')
    .executeTakeFirst();
  return row?.size;
}

/** Gives bytes back to the account's record quota. */
export async function releaseRecordBytes(
  trx: Kysely<Database>,
  accountId: string,
  bytes: number,
): Promise<void> {
  await trx
    .updateTable('accounts')
    .set({ records_bytes: sql<string>`greatest(records_bytes - ${bytes}::bigint, 0)` })
    .where('id', '=', accountId)
    .execute();
}

/** The statement's leaf index (null until sequenced); undefined when it is not the account's. */
export async function statementLeafIndex(
  db: Kysely<Database>,
  accountId: string,
  id: string,
): Promise<{ leafIndex: number | null } | undefined> {
  const row = await db
    .selectFrom('witness_statements as s')
    .leftJoin('log_leaves as ll', 'll.entry_id', 's.log_entry_id')
    .select('ll.idx')
    .where('s.account_id', '=', accountId)
    .where('s.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  return { leafIndex: row.idx === null ? null : Number(row.idx) };
}
