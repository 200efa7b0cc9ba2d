// Frozen: never edit a migration that has shipped; add a new one. Imports nothing from the app.
import type { Kysely } from 'kysely';

/**
 * Files from a witness (docs/vault-protocol.md §15.8). A witness's upload is an ordinary upload
 * of the person's account (it counts against their evidence quota, and they read and delete it
 * like any other), marked with the invitation that sent it, so the witness's link can carry on
 * that upload and no other, and each invitation's files can be counted; and, once a statement
 * names it, with that statement, so it is taken once only.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('uploads')
    .addColumn('witness_invitation_id', 'text', (c) =>
      c.references('witness_invitations.id').onDelete('set null'),
    )
    .addColumn('witness_statement_id', 'text')
    .execute();
  await db.schema
    .createIndex('uploads_witness_invitation')
    .on('uploads')
    .column('witness_invitation_id')
    .execute();
}
