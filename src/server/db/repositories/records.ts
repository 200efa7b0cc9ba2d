/**
 * Encrypted records and their revisions. Every query is scoped by account: there is no way to
 * reach a record without naming the account it belongs to. Every function takes `db | trx` and
 * none opens a transaction: the caller (src/server/services/records.ts) owns it.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.js';
import { pendingEntryInsert, type ReceiptEntry } from './receipt-log.js';

export interface StoredRecord {
  readonly id: string;
  readonly type: string;
  readonly revision: number;
  readonly ciphertext: Uint8Array;
  readonly wrappedKey: Uint8Array;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/**
 * A record as a page of the API carries it: the blobs already as unpadded base64url text, made
 * from the database's base64, so a page of 500 records is not decoded to bytes and encoded
 * again here.
 */
export interface PagedRecord {
  readonly id: string;
  readonly type: string;
  readonly revision: number;
  readonly ciphertext: string;
  readonly wrappedKey: string;
  /** Bytes of ciphertext. */
  readonly size: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface RecordPosition {
  readonly createdAt: Date;
  readonly id: string;
}

/** Everything but the blobs, which a write already has and a read fetches as hex. */
const META_COLUMNS = ['id', 'type', 'revision', 'created_at', 'updated_at'] as const;

/**
 * A blob as a query parameter. Sent as hex text and decoded by the database: PGlite serialises
 * a bytea parameter byte by byte in JavaScript (a second per MiB); PostgreSQL receives hex
 * either way.
 */
export const blobParam = (bytes: Uint8Array) =>
  sql<Uint8Array>`decode(${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex')}, 'hex')`;

export async function findRecord(
  db: Kysely<Database>,
  accountId: string,
  id: string,
): Promise<StoredRecord | undefined> {
  const row = await db
    .selectFrom('records')
    .select(META_COLUMNS)
    .select([
      sql<string>`encode(ciphertext, 'hex')`.as('ciphertext_hex'),
      sql<string>`encode(wrapped_key, 'hex')`.as('wrapped_key_hex'),
    ])
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && fromHex(row);
}

/**
 * One page of records, oldest first, after `after` (keyset pagination: stable under inserts):
 * at most `limit` records, and no more than `maxBytes` of ciphertext unless a single record is
 * larger. The sizes are summed in the database (a running sum over the page's keys, which reads
 * no blobs), and only the records that fit are read, so a page never costs more than its bytes.
 */
export async function listRecords(
  db: Kysely<Database>,
  accountId: string,
  options: {
    type: string | undefined;
    limit: number;
    /** Creation order; `after` is the last record of the previous page in this order. */
    order?: 'asc' | 'desc';
    after: RecordPosition | undefined;
    maxBytes: number;
  },
): Promise<{ records: PagedRecord[]; more: boolean }> {
  const desc = options.order === 'desc';
  const beyond = desc ? '<' : '>';
  const direction = sql.raw(desc ? 'desc' : 'asc');
  const rows = await db
    .with('page', (qb) => {
      let query = qb
        .selectFrom('records')
        .select('id')
        .select([
          sql<string>`sum(octet_length(ciphertext)) over (order by created_at ${direction}, id ${direction})`.as(
            'running',
          ),
          sql<string>`row_number() over (order by created_at ${direction}, id ${direction})`.as(
            'n',
          ),
        ])
        .where('account_id', '=', accountId);
      if (options.type !== undefined) query = query.where('type', '=', options.type);
      if (options.after !== undefined) {
        const { createdAt, id } = options.after;
        // A row comparison, not `a < x or (a = x and b < y)`: the database reads it as a range
        // of the index, so page 20 starts where page 19 ended instead of skipping 9,500 rows.
        query = query.where((eb) =>
          eb(eb.refTuple('created_at', 'id'), beyond, eb.tuple(createdAt, id)),
        );
      }
      return query
        .orderBy('created_at', desc ? 'desc' : 'asc')
        .orderBy('id', desc ? 'desc' : 'asc')
        .limit(options.limit + 1);
    })
    .selectFrom('page')
    .innerJoin('records as r', (join) =>
      join.onRef('r.id', '=', 'page.id').on('r.account_id', '=', accountId),
    )
    .select(['r.id', 'r.type', 'r.revision', 'r.created_at', 'r.updated_at'])
    .select([...wireBlobs('r'), sql<string>`(select count(*) from page)`.as('candidates')])
    .where(
      sql<boolean>`(page.n = 1 or page.running <= ${options.maxBytes}) and page.n <= ${options.limit}`,
    )
    .orderBy('page.n')
    .execute();
  return {
    records: rows.map(fromWire),
    more: Number(rows[0]?.candidates ?? 0) > rows.length,
  };
}

/**
 * One page of a record's revisions, oldest first, after revision `afterRevision`: at most
 * `limit`, and no more than `maxBytes` of ciphertext unless a single revision is larger (summed
 * in the database, as for listRecords). Empty if the account has no such record.
 */
export async function listRevisions(
  db: Kysely<Database>,
  accountId: string,
  id: string,
  options: { afterRevision: number; limit: number; maxBytes: number },
): Promise<{ revisions: PagedRecord[]; more: boolean }> {
  const rows = await db
    .with('page', (qb) =>
      qb
        .selectFrom('record_revisions')
        .select('revision')
        .select([
          sql<string>`sum(octet_length(ciphertext)) over (order by revision)`.as('running'),
          sql<string>`row_number() over (order by revision)`.as('n'),
        ])
        .where('account_id', '=', accountId)
        .where('record_id', '=', id)
        .where('revision', '>', options.afterRevision)
        .orderBy('revision')
        .limit(options.limit + 1),
    )
    .selectFrom('page')
    .innerJoin('record_revisions as r', (join) =>
      join
        .onRef('r.revision', '=', 'page.revision')
        .on('r.account_id', '=', accountId)
        .on('r.record_id', '=', id),
    )
    .innerJoin('records as c', (join) =>
      join.onRef('c.account_id', '=', 'r.account_id').onRef('c.id', '=', 'r.record_id'),
    )
    .select([
      'r.record_id as id',
      'r.type',
      'r.revision',
      'c.created_at',
      'r.created_at as updated_at',
      ...wireBlobs('r'),
      sql<string>`(select count(*) from page)`.as('candidates'),
    ])
    .where(
      sql<boolean>`(page.n = 1 or page.running <= ${options.maxBytes}) and page.n <= ${options.limit}`,
    )
    .orderBy('page.n')
    .execute();
  return {
    revisions: rows.map(fromWire),
    more: Number(rows[0]?.candidates ?? 0) > rows.length,
  };
}

/**
 * The stored revision `revision` of a record if it holds exactly these bytes (type, ciphertext
 * and wrapped key): how a resent write is recognised (docs/vault-protocol.md §16.7). A sealed
 * revision carries a random nonce, so equal bytes mean the same write, never a new one.
 */
export async function findSameRevision(
  db: Kysely<Database>,
  accountId: string,
  id: string,
  revision: number,
  sent: { type?: string; ciphertext: Uint8Array; wrappedKey: Uint8Array },
): Promise<StoredRecord | undefined> {
  let query = db
    .selectFrom('record_revisions as r')
    .innerJoin('records as c', (join) =>
      join.onRef('c.account_id', '=', 'r.account_id').onRef('c.id', '=', 'r.record_id'),
    )
    .select([
      'r.record_id as id',
      'r.type',
      'r.revision',
      'c.created_at',
      'r.created_at as updated_at',
    ])
    .where('r.account_id', '=', accountId)
    .where('r.record_id', '=', id)
    .where('r.revision', '=', revision)
    .where(sql<boolean>`r.ciphertext = ${blobParam(sent.ciphertext)}`)
    .where(sql<boolean>`r.wrapped_key = ${blobParam(sent.wrappedKey)}`);
  if (sent.type !== undefined) query = query.where('r.type', '=', sent.type);
  const row = await query.executeTakeFirst();
  return row && toRecord({ ...row, ciphertext: sent.ciphertext, wrapped_key: sent.wrappedKey });
}

/** Whether the account has a record with this id. */
export async function recordExists(
  db: Kysely<Database>,
  accountId: string,
  id: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('records')
    .select('revision')
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Adds a receipt entry for a revision stored before the log existed (received at `receivedAt`,
 * backfilled now) and notes it as the revision's, in one statement.
 */
export async function backfillRevisionReceipt(
  trx: Kysely<Database>,
  accountId: string,
  entry: ReceiptEntry,
  backfill: { receivedAt: Date },
): Promise<void> {
  await sql`with e as (${pendingEntryInsert(entry, backfill)})
    update record_revisions set log_entry_id = e.id from e
    where account_id = ${accountId} and record_id = ${entry.id}
      and revision = ${entry.revision}`.execute(trx);
}

/**
 * The receipt leaf of one of the account's revisions: undefined when there is no such revision
 * in this account; `leafIndex` null while it has no leaf yet (its entry waits for the
 * sequencer, or it was stored before the log and waits for the backfill).
 */
export async function revisionLeafIndex(
  db: Kysely<Database>,
  accountId: string,
  id: string,
  revision: number,
): Promise<{ leafIndex: number | null } | undefined> {
  const row = await db
    .selectFrom('record_revisions as r')
    .leftJoin('revision_leaves as l', (join) =>
      join
        .onRef('l.account_id', '=', 'r.account_id')
        .onRef('l.record_id', '=', 'r.record_id')
        .onRef('l.revision', '=', 'r.revision'),
    )
    .leftJoin('log_leaves as ll', 'll.entry_id', 'r.log_entry_id')
    .select(sql<string | null>`coalesce(l.leaf_index, ll.idx)`.as('leaf_index'))
    .where('r.account_id', '=', accountId)
    .where('r.record_id', '=', id)
    .where('r.revision', '=', revision)
    .executeTakeFirst();
  if (!row) return undefined;
  return { leafIndex: row.leaf_index === null ? null : Number(row.leaf_index) };
}

/**
 * Up to `limit` revisions with no receipt entry (stored before the log existed), in the order
 * they were stored, with the SHA-256 of their ciphertext.
 */
export async function revisionsWithoutReceipt(
  db: Kysely<Database>,
  limit: number,
): Promise<{ accountId: string; entry: ReceiptEntry; storedAt: Date }[]> {
  const rows = await db
    .selectFrom('record_revisions as r')
    .where('r.log_entry_id', 'is', null)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('revision_leaves as l')
            .select(sql`1`.as('one'))
            .whereRef('l.account_id', '=', 'r.account_id')
            .whereRef('l.record_id', '=', 'r.record_id')
            .whereRef('l.revision', '=', 'r.revision'),
        ),
      ),
    )
    .select([
      'r.account_id',
      'r.record_id',
      'r.revision',
      'r.created_at',
      sql<string>`encode(sha256(r.ciphertext), 'hex')`.as('sha_hex'),
    ])
    .orderBy('r.created_at')
    .orderBy('r.account_id')
    .orderBy('r.record_id')
    .orderBy('r.revision')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    accountId: r.account_id,
    entry: {
      id: r.record_id,
      revision: r.revision,
      ciphertextSha256: new Uint8Array(Buffer.from(r.sha_hex, 'hex')),
    },
    storedAt: new Date(r.created_at),
  }));
}

/** Bytes the account's records take (every revision), as kept by each write. */
export async function recordBytesUsed(db: Kysely<Database>, accountId: string): Promise<number> {
  const row = await db
    .selectFrom('accounts')
    .select('records_bytes')
    .where('id', '=', accountId)
    .executeTakeFirst();
  return Number(row?.records_bytes ?? 0);
}

/**
 * Deletes a record with all its revisions, giving their bytes back to the account's quota;
 * false if the account has no such record. Run it in a transaction (the caller's).
 */
export async function deleteRecord(
  trx: Kysely<Database>,
  accountId: string,
  id: string,
): Promise<boolean> {
  // Locked in the order every write takes them (the account, then the record), so a delete and
  // a write at once wait for each other instead of deadlocking; and no revision can be added
  // between counting the bytes and deleting them.
  await trx
    .selectFrom('accounts')
    .select('id')
    .where('id', '=', accountId)
    .forUpdate()
    .executeTakeFirst();
  const locked = await trx
    .selectFrom('records')
    .select('revision')
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!locked) return false;
  const freed = await trx
    .selectFrom('record_revisions')
    .select(
      sql<string>`coalesce(sum(octet_length(ciphertext) + octet_length(wrapped_key)), 0)`.as(
        'bytes',
      ),
    )
    .where('account_id', '=', accountId)
    .where('record_id', '=', id)
    .executeTakeFirstOrThrow();
  await trx
    .deleteFrom('records')
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .execute();
  await trx
    .updateTable('accounts')
    .set({ records_bytes: sql<string>`records_bytes - ${freed.bytes}::bigint` })
    .where('id', '=', accountId)
    .execute();
  return true;
}

/** What one revision counts against the quota: its ciphertext and its wrapped key. */
export function revisionBytes(revision: {
  ciphertext: Uint8Array;
  wrappedKey: Uint8Array;
}): number {
  return revision.ciphertext.length + revision.wrappedKey.length;
}

/**
 * Adds `bytes` to the account's running count if the total stays within `quotaBytes`; false
 * (nothing changed) if it would not. One conditional update: on PostgreSQL a concurrent write
 * waits for this row's lock and then tests the condition against the new count, so writes at
 * once can never take the account past its quota. The caller undoes its write on false.
 */
export async function useRecordBytes(
  trx: Kysely<Database>,
  accountId: string,
  bytes: number,
  quotaBytes: number,
): Promise<boolean> {
  const row = await trx
    .updateTable('accounts')
    .set({ records_bytes: sql<string>`records_bytes + ${bytes}::bigint` })
    .where('id', '=', accountId)
    .where(sql<boolean>`records_bytes + ${bytes}::bigint <= ${quotaBytes}::bigint`)
    .returning('records_bytes')
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * The blobs of table alias `alias` as base64 text and the ciphertext's size. PGlite parses bytea
 * row by row in JavaScript (a page of 500 records read 3–4 times slower that way); text it hands
 * over at once, and base64 is two thirds the length of hex. Making it base64url in the database
 * (translate()) cost four times the whole read in PGlite, so that is done here (`base64url`).
 */
function wireBlobs(alias: 'r') {
  return [
    sql<string>`encode(${sql.ref(`${alias}.ciphertext`)}, 'base64')`.as('ciphertext_b64'),
    sql<string>`encode(${sql.ref(`${alias}.wrapped_key`)}, 'base64')`.as('wrapped_key_b64'),
    sql<number>`octet_length(${sql.ref(`${alias}.ciphertext`)})`.as('size'),
  ] as const;
}

/** PostgreSQL's base64 (a newline every 76 characters, `+` `/`, `=` padding) as base64url. */
const base64url = (base64: string): string =>
  base64.replace(/[\n=]/g, '').replaceAll('+', '-').replaceAll('/', '_');

function fromWire(row: {
  id: string;
  type: string;
  revision: number;
  created_at: Date;
  updated_at: Date;
  ciphertext_b64: string;
  wrapped_key_b64: string;
  size: number;
}): PagedRecord {
  return {
    id: row.id,
    type: row.type,
    revision: row.revision,
    ciphertext: base64url(row.ciphertext_b64),
    wrappedKey: base64url(row.wrapped_key_b64),
    size: row.size,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}

/** A row read with its blobs as hex text (see wireBlobs). */
function fromHex(row: {
  id: string;
  type: string;
  revision: number;
  created_at: Date;
  updated_at: Date;
  ciphertext_hex: string;
  wrapped_key_hex: string;
}): StoredRecord {
  return toRecord({
    id: row.id,
    type: row.type,
    revision: row.revision,
    created_at: row.created_at,
    updated_at: row.updated_at,
    ciphertext: Buffer.from(row.ciphertext_hex, 'hex'),
    wrapped_key: Buffer.from(row.wrapped_key_hex, 'hex'),
  });
}

export function toRecord(row: {
  id: string;
  type: string;
  revision: number;
  ciphertext: Uint8Array;
  wrapped_key: Uint8Array;
  created_at: Date;
  updated_at: Date;
}): StoredRecord {
  return {
    id: row.id,
    type: row.type,
    revision: row.revision,
    ciphertext: new Uint8Array(row.ciphertext),
    wrappedKey: new Uint8Array(row.wrapped_key),
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}
