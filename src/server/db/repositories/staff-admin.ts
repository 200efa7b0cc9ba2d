/**
 * What administrators change about staff accounts: a person's passkeys, their code fallback,
 * their sessions, the account itself. Deleting an account deletes its passkeys, invitations and
 * sessions with it (foreign keys, migration 0015); the audit log keeps its rows.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

export interface PasskeySummary {
  readonly id: string;
  readonly createdAt: Date;
}

export async function passkeysOf(
  db: Kysely<Database>,
  memberId: string,
): Promise<PasskeySummary[]> {
  const rows = await db
    .selectFrom('staff_passkeys')
    .select(['id', 'created_at'])
    .where('member_id', '=', memberId)
    .orderBy('created_at')
    .execute();
  return rows.map((r) => ({ id: r.id, createdAt: new Date(r.created_at) }));
}

/** Deletes one of the member's passkeys; false if they have no passkey with that id. */
export async function deletePasskeyOf(
  db: Kysely<Database>,
  memberId: string,
  passkeyId: string,
): Promise<boolean> {
  const result = await db
    .deleteFrom('staff_passkeys')
    .where('id', '=', passkeyId)
    .where('member_id', '=', memberId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function clearTotp(db: Kysely<Database>, memberId: string): Promise<void> {
  await db
    .updateTable('staff_members')
    .set({ totp_secret: null, totp_last_step: null })
    .where('id', '=', memberId)
    .execute();
}

/** Ends every session of the member at once. */
export async function deleteSessionsOf(db: Kysely<Database>, memberId: string): Promise<void> {
  await db.deleteFrom('staff_sessions').where('member_id', '=', memberId).execute();
}

export async function deleteMember(db: Kysely<Database>, memberId: string): Promise<boolean> {
  const result = await db.deleteFrom('staff_members').where('id', '=', memberId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
