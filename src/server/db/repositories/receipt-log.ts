/**
 * The receipt log's rows: the pending entries of committed writes, the head (its size, locked
 * by the sequencer), the leaves, the stored
 * complete-subtree hashes and the signed checkpoints. Nothing here names an account: the log is
 * public. Plain functions taking `db | trx`; none opens a transaction (the caller owns it).
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { NodeKey } from '../../log/tree.js';
import { keyOf } from '../../log/tree.js';
import type { Database } from '../schema.js';

const hex = (bytes: Uint8Array) =>
  sql<Uint8Array>`decode(${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex')}, 'hex')`;

/**
 * Locks the log's head until the caller's transaction ends and returns its size (the next
 * leaf's index). Only the sequencer takes it, never a write, so it serialises sequencing across
 * app servers without slowing writes.
 */
export async function lockLogHead(trx: Kysely<Database>): Promise<number> {
  const row = await trx
    .selectFrom('log_head')
    .select('size')
    .where('id', '=', 1)
    .forUpdate()
    .executeTakeFirstOrThrow();
  return Number(row.size);
}

/** What a receipt entry says: which ciphertext (id, revision, SHA-256) the server stored. */
export interface ReceiptEntry {
  /** The record id, or the upload id of an evidence file. */
  readonly id: string;
  /** The record revision; 0 for an evidence file. */
  readonly revision: number;
  /** SHA-256 of the exact ciphertext stored. */
  readonly ciphertextSha256: Uint8Array;
}

/**
 * SQL inserting a receipt entry into log_pending (received now, by the database's clock, or at
 * `backfill.receivedAt` for a ciphertext stored before the log) and returning its id; for a CTE.
 */
export function pendingEntryInsert(
  entry: ReceiptEntry,
  backfill?: { receivedAt: Date },
): RawBuilder<unknown> {
  const receivedAt =
    backfill === undefined ? sql`clock_timestamp()` : sql`${backfill.receivedAt}::timestamptz`;
  const backfilledAt = backfill === undefined ? sql`null` : sql`clock_timestamp()`;
  return sql`insert into log_pending (record_id, revision, ciphertext_sha256, received_at, backfilled_at)
    values (${entry.id}, ${entry.revision}, ${hex(entry.ciphertextSha256)}, ${receivedAt}, ${backfilledAt})
    returning id`;
}

/** A committed receipt entry waiting for its index. */
export interface PendingEntry {
  readonly entryId: number;
  readonly recordId: string;
  readonly revision: number;
  readonly ciphertextSha256: Uint8Array;
  readonly receivedAtMs: number;
  readonly backfilledAtMs: number | undefined;
}

/** The first `limit` committed pending entries, oldest id first (the head must be locked). */
export async function pendingEntries(
  trx: Kysely<Database>,
  limit: number,
): Promise<PendingEntry[]> {
  const rows = await trx
    .selectFrom('log_pending')
    .select([
      'id',
      'record_id',
      'revision',
      sql<string>`encode(ciphertext_sha256, 'hex')`.as('sha_hex'),
      sql<string>`floor(extract(epoch from received_at) * 1000)::bigint`.as('received_ms'),
      sql<string | null>`floor(extract(epoch from backfilled_at) * 1000)::bigint`.as(
        'backfilled_ms',
      ),
    ])
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    entryId: Number(r.id),
    recordId: r.record_id,
    revision: r.revision,
    ciphertextSha256: new Uint8Array(Buffer.from(r.sha_hex, 'hex')),
    receivedAtMs: Number(r.received_ms),
    backfilledAtMs: r.backfilled_ms === null ? undefined : Number(r.backfilled_ms),
  }));
}

/**
 * Appends sequenced leaves (indices from the locked head's size on, in order), the nodes they
 * complete and the new size, and removes their pending entries (the head must be locked).
 */
export async function insertLogLeaves(
  trx: Kysely<Database>,
  leaves: readonly { index: number; bytes: Uint8Array; receivedAtMs: number; entryId: number }[],
  nodes: readonly { key: NodeKey; hash: Uint8Array }[],
): Promise<void> {
  const last = leaves.at(-1);
  if (!last) return;
  for (const part of chunks(leaves, 1000)) {
    await trx
      .insertInto('log_leaves')
      .values(
        part.map((leaf) => ({
          idx: leaf.index,
          leaf: hex(leaf.bytes),
          received_at: new Date(leaf.receivedAtMs),
          entry_id: leaf.entryId,
        })),
      )
      .execute();
  }
  for (const part of chunks(nodes, 2000)) {
    await trx
      .insertInto('log_nodes')
      .values(part.map((n) => ({ level: n.key.level, idx: n.key.index, hash: hex(n.hash) })))
      .execute();
  }
  await trx
    .updateTable('log_head')
    .set({ size: last.index + 1 })
    .where('id', '=', 1)
    .execute();
  await trx
    .deleteFrom('log_pending')
    .where(
      'id',
      'in',
      leaves.map((l) => sql<string>`${l.entryId}::bigint`),
    )
    .execute();
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** How many committed receipt entries wait for an index. */
export async function pendingCount(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('log_pending')
    .select(sql<string>`count(*)`.as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * The log's signing key kept in the database: the one already kept, or `fresh` if none was (the
 * first app server to start wins; every other one reads the same key).
 */
export async function keepLogSigningKey(db: Kysely<Database>, fresh: string): Promise<string> {
  const row = await db
    .updateTable('log_head')
    .set({ signing_key: sql<string>`coalesce(signing_key, ${fresh})` })
    .where('id', '=', 1)
    .returning('signing_key')
    .executeTakeFirstOrThrow();
  if (row.signing_key === null) throw new Error('the log key was not kept');
  return row.signing_key;
}

/** The log key text kept in the database, if the key was made at first start. */
export async function keptSigningKey(db: Kysely<Database>): Promise<string | null> {
  const row = await db
    .selectFrom('log_head')
    .select('signing_key')
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  return row.signing_key;
}

/** Replaces the kept key (a rotation, in the caller's transaction with its hand-over). */
export async function replaceKeptSigningKey(db: Kysely<Database>, text: string): Promise<void> {
  await db.updateTable('log_head').set({ signing_key: text }).where('id', '=', 1).execute();
}

/** Adds a key hand-over note after the others (§9.7). */
export async function insertKeyHandover(
  db: Kysely<Database>,
  handover: { fromVkey: string; toVkey: string; note: string; at: Date },
): Promise<void> {
  await db
    .insertInto('log_key_handovers')
    .values((eb) => ({
      seq: eb
        .selectFrom('log_key_handovers')
        .select(sql<number>`coalesce(max(seq), 0) + 1`.as('next')),
      from_vkey: handover.fromVkey,
      to_vkey: handover.toVkey,
      note: handover.note,
      created_at: handover.at,
    }))
    .execute();
}

/** Every key hand-over note, oldest first. */
export async function listKeyHandovers(db: Kysely<Database>): Promise<string[]> {
  const rows = await db.selectFrom('log_key_handovers').select('note').orderBy('seq').execute();
  return rows.map((r) => r.note);
}

/** The log's size as committed. */
export async function logSize(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('log_head')
    .select('size')
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  return Number(row.size);
}

/** The stored hashes of these nodes, in one query, by keyOf(node). */
export async function readLogNodes(
  db: Kysely<Database>,
  keys: readonly NodeKey[],
): Promise<Map<string, Uint8Array>> {
  if (keys.length === 0) return new Map();
  const wanted = sql.join(keys.map((k) => sql`(${k.level}::smallint, ${k.index}::bigint)`));
  const rows = await db
    .selectFrom('log_nodes')
    .select(['level', 'idx', sql<string>`encode(hash, 'hex')`.as('hash_hex')])
    .where(sql<boolean>`(level, idx) in (${wanted})`)
    .execute();
  return new Map(
    rows.map((r) => [
      keyOf({ level: r.level, index: Number(r.idx) }),
      new Uint8Array(Buffer.from(r.hash_hex, 'hex')),
    ]),
  );
}

/** A leaf's bytes, or undefined past the end of the log. */
export async function readLogLeaf(
  db: Kysely<Database>,
  index: number,
): Promise<Uint8Array | undefined> {
  const row = await db
    .selectFrom('log_leaves')
    .select(sql<string>`encode(leaf, 'hex')`.as('leaf_hex'))
    .where('idx', '=', sql<string>`${index}::bigint`)
    .executeTakeFirst();
  return row && new Uint8Array(Buffer.from(row.leaf_hex, 'hex'));
}

export interface StoredCheckpoint {
  readonly size: number;
  readonly rootHash: Uint8Array;
  /** The signed note, verbatim. */
  readonly note: string;
  readonly createdAt: Date;
  /** RFC 3161 token over the checkpoint body, and the TSA's time, when stamped. */
  readonly timestamp: { readonly token: Uint8Array; readonly time: Date } | undefined;
}

const CHECKPOINT_COLUMNS = [
  'size',
  'note',
  'created_at',
  'tsa_time',
  sql<string>`encode(root_hash, 'hex')`.as('root_hex'),
  sql<string | null>`encode(tsa_token, 'hex')`.as('token_hex'),
] as const;

/** The checkpoint of the largest size, if any was signed. */
export async function latestCheckpoint(
  db: Kysely<Database>,
): Promise<StoredCheckpoint | undefined> {
  const row = await db
    .selectFrom('log_checkpoints')
    .select(CHECKPOINT_COLUMNS)
    .orderBy('size', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row && toCheckpoint(row);
}

/** The checkpoint signed at exactly this size, if there is one. */
export async function checkpointAt(
  db: Kysely<Database>,
  size: number,
): Promise<StoredCheckpoint | undefined> {
  const row = await db
    .selectFrom('log_checkpoints')
    .select(CHECKPOINT_COLUMNS)
    .where('size', '=', sql<string>`${size}::bigint`)
    .executeTakeFirst();
  return row && toCheckpoint(row);
}

/** Keeps a signed checkpoint; another app server signing the same size first is fine. */
export async function insertCheckpoint(
  db: Kysely<Database>,
  checkpoint: { size: number; rootHash: Uint8Array; note: string },
): Promise<void> {
  await db
    .insertInto('log_checkpoints')
    .values({ size: checkpoint.size, root_hash: hex(checkpoint.rootHash), note: checkpoint.note })
    // The same size signed again under a new key (after a hand-over) replaces the note, and the
    // TSA's token for the old note's body with it; the same note again changes nothing.
    .onConflict((oc) =>
      oc
        .column('size')
        .doUpdateSet((eb) => ({
          note: eb.ref('excluded.note'),
          tsa_token: null,
          tsa_time: null,
        }))
        .whereRef('log_checkpoints.note', '<>', 'excluded.note'),
    )
    .execute();
}

/** Keeps a TSA's countersignature of a checkpoint (the first one kept wins). */
export async function setCheckpointTimestamp(
  db: Kysely<Database>,
  size: number,
  stamp: { token: Uint8Array; time: Date },
): Promise<void> {
  await db
    .updateTable('log_checkpoints')
    .set({ tsa_token: hex(stamp.token), tsa_time: stamp.time })
    .where('size', '=', sql<string>`${size}::bigint`)
    .where('tsa_token', 'is', null)
    .execute();
}

function toCheckpoint(row: {
  size: string;
  note: string;
  created_at: Date;
  tsa_time: Date | null;
  root_hex: string;
  token_hex: string | null;
}): StoredCheckpoint {
  return {
    size: Number(row.size),
    rootHash: new Uint8Array(Buffer.from(row.root_hex, 'hex')),
    note: row.note,
    createdAt: new Date(row.created_at),
    timestamp:
      row.token_hex !== null && row.tsa_time !== null
        ? {
            token: new Uint8Array(Buffer.from(row.token_hex, 'hex')),
            time: new Date(row.tsa_time),
          }
        : undefined,
  };
}
