// Frozen: never edit a migration that has shipped; add a new one. Imports nothing from the app.
import { sql, type Kysely } from 'kysely';

/**
 * The staff area (/staff): accounts, passkeys, sessions and the audit log. Separate from the
 * vault's accounts and sessions in every way: no table here refers to a vault table, and no
 * vault table to one here.
 *
 * - `staff_members`: one row per person, with a role (editor or administrator) and, when they
 *   chose the fallback, a TOTP secret and the last time step used (a code works once).
 * - `staff_passkeys`: WebAuthn credentials (public keys only).
 * - `staff_invitations`: one-time links to register a passkey; only the token's SHA-256 is kept.
 * - `staff_setup_tokens`: SHA-256 of the one-time tokens that create the first administrator.
 * - `staff_sessions`: like the vault's sessions, only the cookie token's SHA-256.
 * - `staff_challenges`: WebAuthn challenges, each usable once, for a few minutes.
 * - `staff_audit`: who changed what and when. It names items and people, never booking answers.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('staff_members')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('login', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('editor', 'administrator')`))
    .addColumn('totp_secret', 'text')
    .addColumn('totp_last_step', 'bigint')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createTable('staff_passkeys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('member_id', 'uuid', (c) =>
      c.notNull().references('staff_members.id').onDelete('cascade'),
    )
    .addColumn('public_key', 'bytea', (c) => c.notNull())
    .addColumn('counter', 'bigint', (c) => c.notNull())
    .addColumn('transports', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createTable('staff_invitations')
    .addColumn('token_hash', 'bytea', (c) => c.primaryKey())
    .addColumn('member_id', 'uuid', (c) =>
      c.notNull().references('staff_members.id').onDelete('cascade'),
    )
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('staff_setup_tokens')
    .addColumn('token_hash', 'bytea', (c) => c.primaryKey())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createTable('staff_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('token_hash', 'bytea', (c) => c.notNull().unique())
    .addColumn('member_id', 'uuid', (c) =>
      c.notNull().references('staff_members.id').onDelete('cascade'),
    )
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_seen_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('staff_challenges')
    .addColumn('challenge', 'text', (c) => c.primaryKey())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('staff_audit')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // No foreign key: the record stays when the person's account goes.
    .addColumn('member_id', 'uuid')
    .addColumn('member_login', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('staff_audit_at').on('staff_audit').column('at').execute();
}
