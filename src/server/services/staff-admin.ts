/**
 * Administrators manage staff accounts: remove a person (their sessions end at once), remove a
 * passkey (a lost phone or key), reset the code fallback (a new phone). Removing a passkey or
 * resetting codes also ends the person's sessions, and gives a new one-time link so they can set
 * up again. Nobody can remove their own account, so there is always an administrator.
 */
import type { Kysely } from 'kysely';
import {
  clearTotp,
  deleteMember,
  deletePasskeyOf,
  deleteSessionsOf,
} from '../db/repositories/staff-admin.js';
import type { StaffMember } from '../db/repositories/staff.js';
import type { Database } from '../db/schema.js';
import { audit, invite } from './staff.js';

export type AdminRefusal = 'self' | 'not_found';

export async function removeMember(
  db: Kysely<Database>,
  actor: StaffMember,
  member: StaffMember,
): Promise<AdminRefusal | undefined> {
  if (member.id === actor.id) return 'self';
  return db.transaction().execute(async (trx) => {
    if (!(await deleteMember(trx, member.id))) return 'not_found';
    await audit(trx, actor, 'member.remove', `member:${member.login}`);
    return undefined;
  });
}

/** Removes a passkey and ends the person's sessions; a new set-up link, or a refusal. */
export async function removePasskey(
  db: Kysely<Database>,
  actor: StaffMember,
  member: StaffMember,
  passkeyId: string,
): Promise<{ link: string } | AdminRefusal> {
  return db.transaction().execute(async (trx) => {
    if (!(await deletePasskeyOf(trx, member.id, passkeyId))) return 'not_found';
    await deleteSessionsOf(trx, member.id);
    await audit(trx, actor, 'member.passkey.remove', `member:${member.login}`);
    return { link: await invite(trx, member.id) };
  });
}

/** Clears the person's authenticator-app key and ends their sessions; a new set-up link. */
export async function resetCodes(
  db: Kysely<Database>,
  actor: StaffMember,
  member: StaffMember,
): Promise<{ link: string }> {
  return db.transaction().execute(async (trx) => {
    await clearTotp(trx, member.id);
    await deleteSessionsOf(trx, member.id);
    await audit(trx, actor, 'member.code.reset', `member:${member.login}`);
    return { link: await invite(trx, member.id) };
  });
}
