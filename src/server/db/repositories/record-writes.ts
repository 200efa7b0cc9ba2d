/**
 * Writing a record's revision in one statement: the writer's session checked (and marked as
 * seen), the account's room checked under its row lock, the record inserted or updated, its
 * bytes counted, the revision kept and its receipt entry added. A single statement is its own
 * transaction, so either all of it is stored or none, and it takes one round trip where a
 * session lookup and a transaction of four statements took seven. On PostgreSQL each is a
 * prepared statement, parsed and planned once per connection (../prepared.ts).
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { PREPARED } from '../prepared.js';
import type { Database } from '../schema.js';
import { blobParam, revisionBytes, toRecord, type StoredRecord } from './records.js';
import { liveSessionCondition, touchAfterSeconds } from './sessions.js';

/**
 * Who writes: an account already known (the benchmark's baseline, tools), or the holder of a
 * session token, looked up in the write statement itself as touchSession would (a live full
 * session, marked as seen at most once a minute), which saves the API a round trip per write.
 */
export type RecordWriter =
  | { readonly accountId: string }
  | { readonly session: { readonly tokenHash: Uint8Array; readonly idleSeconds: number } };

/** What one write statement found: whether the account had room, and what it stored. */
export type RecordWriteOutcome = (
  | { readonly kind: 'stored'; readonly record: StoredRecord }
  | { readonly kind: 'no_room' }
  /** Nothing matched: for a new record, its id is taken; for a revision, see the record. */
  | { readonly kind: 'not_stored' }
) & { readonly accountId: string };

/** The session token matched no live full session: nothing was stored. */
export type NoWriter = { readonly kind: 'not_signed_in' };

/**
 * Stores revision 1 of a new record in one statement, which is its own transaction: it locks
 * the account's row and checks that `bytes` more stay within `quotaBytes` (on PostgreSQL a
 * concurrent write waits for the lock and is checked against the count it left), inserts the
 * record unless the account already has one with that id, counts the bytes, keeps the
 * revision and (with `receipt`) adds its receipt entry. Either all of it is stored or none.
 * One round trip instead of a transaction of four statements.
 */
export async function insertRecordWithin(
  db: Kysely<Database>,
  writer: RecordWriter,
  record: { id: string; type: string; ciphertext: Uint8Array; wrappedKey: Uint8Array },
  quotaBytes: number,
  receipt: boolean,
): Promise<RecordWriteOutcome | NoWriter> {
  const bytes = revisionBytes(record);
  const result = await sql<WrittenRow>`${sql.raw(PREPARED)}with ${writerCtes(writer)}, room as (
      select id from accounts
      where id = (select account_id from writer)
        and records_bytes + ${bytes}::bigint <= ${quotaBytes}::bigint
      for update
    ), written as (
      insert into records (account_id, id, type, revision, ciphertext, wrapped_key)
      select room.id, ${record.id}, ${record.type}, 1,
        ${blobParam(record.ciphertext)}, ${blobParam(record.wrappedKey)}
      from room
      on conflict (account_id, id) do nothing
      returning ${sql.raw(WRITTEN_COLUMNS)}
    ), counted as (
      update accounts set records_bytes = records_bytes + ${bytes}::bigint
      where id = (select id from room) and exists (select from written)
    ), ${keptRevision(receipt)}
    select ${sql.raw(OUTCOME_COLUMNS)}
    from (select 1) one left join written on true`.execute(db);
  return outcome(result.rows[0], record);
}

/**
 * Stores a new revision in one statement, as insertRecordWithin does, if the record's current
 * revision is still `expectedRevision` (optimistic concurrency: two devices editing at once
 * cannot overwrite each other silently). `not_stored`: there is no such record, or it has moved
 * on (the caller asks which).
 */
export async function updateRecordWithin(
  db: Kysely<Database>,
  writer: RecordWriter,
  id: string,
  change: { expectedRevision: number; ciphertext: Uint8Array; wrappedKey: Uint8Array },
  quotaBytes: number,
  receipt: boolean,
): Promise<RecordWriteOutcome | NoWriter> {
  const bytes = revisionBytes(change);
  const result = await sql<WrittenRow>`${sql.raw(PREPARED)}with ${writerCtes(writer)}, room as (
      select id from accounts
      where id = (select account_id from writer)
        and records_bytes + ${bytes}::bigint <= ${quotaBytes}::bigint
      for update
    ), written as (
      update records set revision = revision + 1, ciphertext = ${blobParam(change.ciphertext)},
        wrapped_key = ${blobParam(change.wrappedKey)}, updated_at = now()
      where account_id = (select id from room) and id = ${id}
        and revision = ${change.expectedRevision}
      returning ${sql.raw(WRITTEN_COLUMNS)}
    ), counted as (
      update accounts set records_bytes = records_bytes + ${bytes}::bigint
      where id = (select id from room) and exists (select from written)
    ), ${keptRevision(receipt)}
    select ${sql.raw(OUTCOME_COLUMNS)}
    from (select 1) one left join written on true`.execute(db);
  return outcome(result.rows[0], change);
}

/** The written row as the statement's later parts read it (blobs included: they stay inside). */
const WRITTEN_COLUMNS =
  'account_id, id, type, revision, ciphertext, wrapped_key, created_at, updated_at';
/** What the statement answers: no blobs, which the write already has. */
const OUTCOME_COLUMNS =
  '(select account_id from writer) as account_id, (select count(*) from room)::int as room, ' +
  'written.id, written.type, written.revision, written.created_at, written.updated_at';

/**
 * The `writer` CTE (one row: the writing account, or none for a session that is not live) and,
 * for a session, the `touched` CTE marking it as seen when it was last marked more than
 * touchAfterSeconds ago. A data-modifying CTE always runs, whatever reads it.
 */
function writerCtes(writer: RecordWriter): RawBuilder<unknown> {
  if ('accountId' in writer) return sql`writer as (select ${writer.accountId}::uuid as account_id)`;
  const { tokenHash, idleSeconds } = writer.session;
  return sql`writer as (
      select id, account_id, last_seen_at from sessions
      where token_hash = ${tokenHash} and kind = 'full' and ${liveSessionCondition(idleSeconds)}
    ), touched as (
      update sessions set last_seen_at = now()
      where id = (select id from writer)
        and last_seen_at < now() - make_interval(secs => ${touchAfterSeconds(idleSeconds)})
    )`;
}

interface WrittenRow {
  account_id: string | null;
  room: number;
  id: string | null;
  type: string | null;
  revision: number | null;
  created_at: Date | null;
  updated_at: Date | null;
}

/**
 * The CTE keeping the written revision, copied within the database from the written row (no
 * blob sent twice); with `receipt`, it also adds the revision's receipt entry (SHA-256 of the
 * ciphertext as stored, computed by the database) to log_pending and links it.
 */
function keptRevision(receipt: boolean) {
  return receipt
    ? sql`entry as (
        insert into log_pending (record_id, revision, ciphertext_sha256)
        select id, revision, sha256(ciphertext) from written
        returning id
      ), kept as (
        insert into record_revisions
          (account_id, record_id, revision, type, ciphertext, wrapped_key, created_at, log_entry_id)
        select w.account_id, w.id, w.revision, w.type, w.ciphertext, w.wrapped_key, w.updated_at,
          entry.id
        from written w, entry
      )`
    : sql`kept as (
        insert into record_revisions
          (account_id, record_id, revision, type, ciphertext, wrapped_key, created_at)
        select account_id, id, revision, type, ciphertext, wrapped_key, updated_at from written
      )`;
}

function outcome(
  row: WrittenRow | undefined,
  blobs: { ciphertext: Uint8Array; wrappedKey: Uint8Array },
): RecordWriteOutcome | NoWriter {
  const accountId = row?.account_id;
  if (!row || accountId === null || accountId === undefined) return { kind: 'not_signed_in' };
  if (row.room === 0) return { kind: 'no_room', accountId };
  if (row.id === null || row.type === null || row.revision === null)
    return { kind: 'not_stored', accountId };
  return {
    kind: 'stored',
    accountId,
    record: toRecord({
      id: row.id,
      type: row.type,
      revision: row.revision,
      created_at: row.created_at ?? new Date(),
      updated_at: row.updated_at ?? new Date(),
      ciphertext: blobs.ciphertext,
      wrapped_key: blobs.wrappedKey,
    }),
  };
}

/** The record's current revision, if the account has such a record. */
export async function currentRevision(
  db: Kysely<Database>,
  accountId: string,
  id: string,
): Promise<number | undefined> {
  const row = await db
    .selectFrom('records')
    .select('revision')
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.revision;
}
