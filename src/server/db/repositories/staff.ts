/**
 * Staff accounts, passkeys, invitations, sessions, challenges and the audit log (migration
 * 0015). Nothing here reads or writes a vault table.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.js';

export type StaffRole = 'editor' | 'administrator';

export interface StaffMember {
  readonly id: string;
  readonly login: string;
  readonly name: string;
  readonly role: StaffRole;
  readonly totpSecret: string | undefined;
  readonly totpLastStep: number | undefined;
  readonly createdAt: Date;
}

export interface StaffPasskey {
  readonly id: string;
  readonly memberId: string;
  readonly publicKey: Uint8Array<ArrayBuffer>;
  readonly counter: number;
  readonly transports: string[];
}

type MemberRow = {
  id: string;
  login: string;
  name: string;
  role: StaffRole;
  totp_secret: string | null;
  totp_last_step: string | null;
  created_at: Date;
};

function toMember(r: MemberRow): StaffMember {
  return {
    id: r.id,
    login: r.login,
    name: r.name,
    role: r.role,
    totpSecret: r.totp_secret ?? undefined,
    totpLastStep: r.totp_last_step === null ? undefined : Number(r.totp_last_step),
    createdAt: new Date(r.created_at),
  };
}

export async function countAdministrators(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('staff_members')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('role', '=', 'administrator')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** False when the login is already taken. */
export async function insertMember(
  db: Kysely<Database>,
  member: { id: string; login: string; name: string; role: StaffRole },
): Promise<boolean> {
  const row = await db
    .insertInto('staff_members')
    .values(member)
    .onConflict((oc) => oc.column('login').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function findMember(
  db: Kysely<Database>,
  id: string,
): Promise<StaffMember | undefined> {
  const row = await db
    .selectFrom('staff_members')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toMember(row) : undefined;
}

export async function findMemberByLogin(
  db: Kysely<Database>,
  login: string,
): Promise<StaffMember | undefined> {
  const row = await db
    .selectFrom('staff_members')
    .selectAll()
    .where('login', '=', login)
    .executeTakeFirst();
  return row ? toMember(row) : undefined;
}

export async function listMembers(db: Kysely<Database>): Promise<StaffMember[]> {
  const rows = await db.selectFrom('staff_members').selectAll().orderBy('login').execute();
  return rows.map(toMember);
}

export async function setTotpSecret(
  db: Kysely<Database>,
  memberId: string,
  secret: string,
  step: number,
): Promise<void> {
  await db
    .updateTable('staff_members')
    .set({ totp_secret: secret, totp_last_step: String(step) })
    .where('id', '=', memberId)
    .execute();
}

/** Records a code's time step as used; false if it (or a later one) was used already. */
export async function useTotpStep(
  db: Kysely<Database>,
  memberId: string,
  step: number,
): Promise<boolean> {
  const result = await db
    .updateTable('staff_members')
    .set({ totp_last_step: String(step) })
    .where('id', '=', memberId)
    .where((eb) =>
      eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', String(step))]),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

// ---- Passkeys ---------------------------------------------------------------------------------

export async function insertPasskey(db: Kysely<Database>, passkey: StaffPasskey): Promise<void> {
  await db
    .insertInto('staff_passkeys')
    .values({
      id: passkey.id,
      member_id: passkey.memberId,
      public_key: passkey.publicKey,
      counter: passkey.counter,
      transports: passkey.transports.join(','),
    })
    .execute();
}

export async function findPasskey(
  db: Kysely<Database>,
  id: string,
): Promise<StaffPasskey | undefined> {
  const row = await db
    .selectFrom('staff_passkeys')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return row
    ? {
        id: row.id,
        memberId: row.member_id,
        publicKey: new Uint8Array(row.public_key),
        counter: Number(row.counter),
        transports: row.transports === '' ? [] : row.transports.split(','),
      }
    : undefined;
}

export async function passkeyIdsOf(db: Kysely<Database>, memberId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('staff_passkeys')
    .select('id')
    .where('member_id', '=', memberId)
    .execute();
  return rows.map((r) => r.id);
}

export async function setPasskeyCounter(
  db: Kysely<Database>,
  id: string,
  counter: number,
): Promise<void> {
  await db.updateTable('staff_passkeys').set({ counter }).where('id', '=', id).execute();
}

// ---- Invitations and setup tokens -------------------------------------------------------------

export async function insertInvitation(
  db: Kysely<Database>,
  invitation: { tokenHash: Uint8Array; memberId: string; expiresAt: Date },
): Promise<void> {
  await db
    .insertInto('staff_invitations')
    .values({
      token_hash: invitation.tokenHash,
      member_id: invitation.memberId,
      expires_at: invitation.expiresAt,
    })
    .execute();
}

export async function findInvitation(
  db: Kysely<Database>,
  tokenHash: Uint8Array,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('staff_invitations')
    .select('member_id')
    .where('token_hash', '=', tokenHash)
    .where('expires_at', '>', sql<Date>`now()`)
    .executeTakeFirst();
  return row?.member_id;
}

/** Uses an invitation up; the member's id, or undefined if it was used or has lapsed. */
export async function takeInvitation(
  db: Kysely<Database>,
  tokenHash: Uint8Array,
): Promise<string | undefined> {
  const row = await db
    .deleteFrom('staff_invitations')
    .where('token_hash', '=', tokenHash)
    .where('expires_at', '>', sql<Date>`now()`)
    .returning('member_id')
    .executeTakeFirst();
  return row?.member_id;
}

export async function insertSetupToken(db: Kysely<Database>, tokenHash: Uint8Array): Promise<void> {
  await db
    .insertInto('staff_setup_tokens')
    .values({ token_hash: tokenHash })
    .onConflict((oc) => oc.column('token_hash').doNothing())
    .execute();
}

/** True if the token was a live setup token; every setup token is used up with it. */
export async function takeSetupToken(
  db: Kysely<Database>,
  tokenHash: Uint8Array,
): Promise<boolean> {
  const found = await db
    .selectFrom('staff_setup_tokens')
    .select('token_hash')
    .where('token_hash', '=', tokenHash)
    .forUpdate()
    .executeTakeFirst();
  if (!found) return false;
  await db.deleteFrom('staff_setup_tokens').execute();
  return true;
}

// ---- Sessions ---------------------------------------------------------------------------------

export interface StaffSession {
  readonly id: string;
  readonly memberId: string;
}

export async function insertStaffSession(
  db: Kysely<Database>,
  session: { id: string; tokenHash: Uint8Array; memberId: string; expiresAt: Date },
): Promise<void> {
  await db
    .insertInto('staff_sessions')
    .values({
      id: session.id,
      token_hash: session.tokenHash,
      member_id: session.memberId,
      expires_at: session.expiresAt,
    })
    .execute();
}

/** The live session for a token (within its absolute and idle limits), marked as seen. */
export async function touchStaffSession(
  db: Kysely<Database>,
  tokenHash: Uint8Array,
  idleSeconds: number,
): Promise<StaffSession | undefined> {
  const row = await db
    .updateTable('staff_sessions')
    .set({ last_seen_at: sql<Date>`now()` })
    .where('token_hash', '=', tokenHash)
    .where('expires_at', '>', sql<Date>`now()`)
    .where('last_seen_at', '>', sql<Date>`now() - make_interval(secs => ${idleSeconds})`)
    .returning(['id', 'member_id'])
    .executeTakeFirst();
  return row ? { id: row.id, memberId: row.member_id } : undefined;
}

export async function deleteStaffSession(
  db: Kysely<Database>,
  tokenHash: Uint8Array,
): Promise<void> {
  await db.deleteFrom('staff_sessions').where('token_hash', '=', tokenHash).execute();
}

export async function deleteExpiredStaffRows(db: Kysely<Database>): Promise<void> {
  await db
    .deleteFrom('staff_sessions')
    .where('expires_at', '<=', sql<Date>`now()`)
    .execute();
  await db
    .deleteFrom('staff_challenges')
    .where('expires_at', '<=', sql<Date>`now()`)
    .execute();
  await db
    .deleteFrom('staff_invitations')
    .where('expires_at', '<=', sql<Date>`now()`)
    .execute();
}

// ---- Challenges -------------------------------------------------------------------------------

export async function insertChallenge(
  db: Kysely<Database>,
  challenge: string,
  purpose: string,
  expiresAt: Date,
): Promise<void> {
  await db
    .insertInto('staff_challenges')
    .values({ challenge, purpose, expires_at: expiresAt })
    .execute();
}

/** Uses a challenge up: true if it was live and made for `purpose`. */
export async function takeChallenge(
  db: Kysely<Database>,
  challenge: string,
  purpose: string,
): Promise<boolean> {
  const row = await db
    .deleteFrom('staff_challenges')
    .where('challenge', '=', challenge)
    .where('purpose', '=', purpose)
    .where('expires_at', '>', sql<Date>`now()`)
    .returning('challenge')
    .executeTakeFirst();
  return row !== undefined;
}

// ---- Audit ------------------------------------------------------------------------------------

export interface AuditEntry {
  readonly at: Date;
  readonly memberLogin: string;
  readonly action: string;
  readonly target: string;
}

export async function insertAudit(
  db: Kysely<Database>,
  entry: { memberId: string | undefined; memberLogin: string; action: string; target: string },
): Promise<void> {
  await db
    .insertInto('staff_audit')
    .values({
      member_id: entry.memberId ?? null,
      member_login: entry.memberLogin,
      action: entry.action,
      target: entry.target,
    })
    .execute();
}

export async function listAudit(db: Kysely<Database>, limit: number): Promise<AuditEntry[]> {
  const rows = await db
    .selectFrom('staff_audit')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    at: new Date(r.at),
    memberLogin: r.member_login,
    action: r.action,
    target: r.target,
  }));
}
