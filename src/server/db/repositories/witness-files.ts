/**
 * Files from a witness (docs/vault-protocol.md §15.8): uploads of the person's account marked
 * with the invitation that sent them. Functions take `db | trx` and never open a transaction.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.js';
import { bytesUsed, type UploadRow } from './uploads.js';

export type WitnessUploadInsert = 'inserted' | 'quota' | 'files_full';

/**
 * Records a witness's new upload if the account's quota and the invitation's own limits (files
 * and bytes) allow it. Run it in a transaction: the account's and the invitation's rows are
 * locked, so uploads made at once on several app servers cannot together pass either limit.
 */
export async function insertWitnessUpload(
  trx: Kysely<Database>,
  upload: {
    accountId: string;
    invitationId: string;
    id: string;
    length: number;
    quotaBytes: number;
    maxFiles: number;
    maxBytes: number;
  },
): Promise<WitnessUploadInsert> {
  await trx
    .selectFrom('accounts')
    .select('id')
    .where('id', '=', upload.accountId)
    .forUpdate()
    .execute();
  await trx
    .selectFrom('witness_invitations')
    .select('id')
    .where('id', '=', upload.invitationId)
    .forUpdate()
    .execute();
  const sent = await witnessFilesSent(trx, upload.invitationId);
  if (sent.files + 1 > upload.maxFiles || sent.bytes + upload.length > upload.maxBytes) {
    return 'files_full';
  }
  if ((await bytesUsed(trx, upload.accountId)) + upload.length > upload.quotaBytes) return 'quota';
  await trx
    .insertInto('uploads')
    .values({
      id: upload.id,
      account_id: upload.accountId,
      length: upload.length,
      witness_invitation_id: upload.invitationId,
    })
    .execute();
  return 'inserted';
}

/** How many files, and encrypted bytes, an invitation has sent or started (all of them). */
export async function witnessFilesSent(
  db: Kysely<Database>,
  invitationId: string,
): Promise<{ files: number; bytes: number }> {
  const row = await db
    .selectFrom('uploads')
    .select([sql<string>`count(*)`.as('files'), sql<string>`coalesce(sum(length), 0)`.as('bytes')])
    .where('witness_invitation_id', '=', invitationId)
    .executeTakeFirstOrThrow();
  return { files: Number(row.files), bytes: Number(row.bytes) };
}

/** One of an invitation's uploads (for the witness carrying it on); never another's. */
export async function findWitnessUpload(
  db: Kysely<Database>,
  invitationId: string,
  id: string,
): Promise<(UploadRow & { statementId: string | null }) | undefined> {
  const row = await db
    .selectFrom('uploads')
    .select(['id', 'length', 'created_at', 'completed_at', 'witness_statement_id'])
    .where('witness_invitation_id', '=', invitationId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    length: Number(row.length),
    createdAt: new Date(row.created_at),
    completedAt: row.completed_at === null ? null : new Date(row.completed_at),
    statementId: row.witness_statement_id,
  };
}

/**
 * Marks the uploads a statement names as its own: each must be a finished upload of this
 * invitation not yet named by a statement. False (and nothing marked) when one is not.
 */
export async function bindStatementUploads(
  trx: Kysely<Database>,
  invitationId: string,
  statementId: string,
  ids: readonly string[],
): Promise<boolean> {
  if (ids.length === 0) return true;
  if (new Set(ids).size !== ids.length) return false;
  const rows = await trx
    .updateTable('uploads')
    .set({ witness_statement_id: statementId })
    .where('witness_invitation_id', '=', invitationId)
    .where('id', 'in', [...ids])
    .where('completed_at', 'is not', null)
    .where('witness_statement_id', 'is', null)
    .returning('id')
    .execute();
  return rows.length === ids.length;
}
