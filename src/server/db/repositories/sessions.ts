/**
 * Server-side sessions. The cookie carries a random token; the table holds only its SHA-256,
 * so a copy of the database signs nobody in.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../schema.js';

export interface Session {
  readonly id: string;
  readonly accountId: string;
  readonly kind: 'full' | 'recovery';
  readonly device: string;
  readonly createdAt: Date;
  readonly lastSeenAt: Date;
  readonly expiresAt: Date;
}

export async function insertSession(
  db: Kysely<Database>,
  session: {
    id: string;
    tokenHash: Uint8Array;
    accountId: string;
    kind: 'full' | 'recovery';
    device: string;
    expiresAt: Date;
  },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      id: session.id,
      token_hash: session.tokenHash,
      account_id: session.accountId,
      kind: session.kind,
      device: session.device,
      expires_at: session.expiresAt,
    })
    .execute();
}

/**
 * How long a session goes between marks as seen: at most a minute, to spare the database, and
 * at least four marks per idle period, so a session in steady use never lapses however short
 * the idle time is. Idle expiry is therefore counted from the last mark, up to a minute early.
 */
export function touchAfterSeconds(idleSeconds: number): number {
  return Math.min(60, idleSeconds / 4);
}

/** SQL: the session row in scope is live (not past its absolute expiry, used within the idle time). */
export function liveSessionCondition(idleSeconds: number): RawBuilder<boolean> {
  return sql<boolean>`expires_at > now() and last_seen_at > now() - make_interval(secs => ${idleSeconds})`;
}

/**
 * The live session for a token: not past its absolute expiry and used within `idleSeconds`.
 * Marks it as seen when the last mark is older than touchAfterSeconds. (The record writes do
 * the same inside their own statement: src/server/db/repositories/record-writes.ts.)
 */
export async function touchSession(
  db: Kysely<Database>,
  tokenHash: Uint8Array,
  idleSeconds: number,
): Promise<Session | undefined> {
  const row = await db
    .selectFrom('sessions')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .where(liveSessionCondition(idleSeconds))
    .executeTakeFirst();
  if (!row) return undefined;
  if (Date.now() - new Date(row.last_seen_at).getTime() > touchAfterSeconds(idleSeconds) * 1000) {
    await db
      .updateTable('sessions')
      .set({ last_seen_at: sql<Date>`now()` })
      .where('id', '=', row.id)
      .execute();
  }
  return toSession(row);
}

export async function listSessions(db: Kysely<Database>, accountId: string): Promise<Session[]> {
  const rows = await db
    .selectFrom('sessions')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('kind', '=', 'full')
    .where('expires_at', '>', sql<Date>`now()`)
    .orderBy('last_seen_at', 'desc')
    .execute();
  return rows.map(toSession);
}

/** Ends one of the account's sessions; false if it has no such session. */
export async function deleteSession(
  db: Kysely<Database>,
  accountId: string,
  id: string,
): Promise<boolean> {
  const result = await db
    .deleteFrom('sessions')
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

export async function deleteSessionByToken(
  db: Kysely<Database>,
  tokenHash: Uint8Array,
): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
}

/** Ends every session of the account except `keepId` (after a passphrase change or recovery). */
export async function deleteOtherSessions(
  db: Kysely<Database>,
  accountId: string,
  keepId: string | null,
): Promise<void> {
  let query = db.deleteFrom('sessions').where('account_id', '=', accountId);
  if (keepId !== null) query = query.where('id', '!=', keepId);
  await query.execute();
}

export async function deleteExpiredSessions(
  db: Kysely<Database>,
  idleSeconds: number,
): Promise<number> {
  const result = await db
    .deleteFrom('sessions')
    .where((eb) =>
      eb.or([
        eb('expires_at', '<=', sql<Date>`now()`),
        eb('last_seen_at', '<=', sql<Date>`now() - make_interval(secs => ${idleSeconds})`),
      ]),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

function toSession(row: {
  id: string;
  account_id: string;
  kind: 'full' | 'recovery';
  device: string;
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
}): Session {
  return {
    id: row.id,
    accountId: row.account_id,
    kind: row.kind,
    device: row.device,
    createdAt: new Date(row.created_at),
    lastSeenAt: new Date(row.last_seen_at),
    expiresAt: new Date(row.expires_at),
  };
}
