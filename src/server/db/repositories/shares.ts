/**
 * Shares (docs/vault-protocol.md §14). Owner queries are scoped by account; recipient queries
 * by share id, and serve only the items listed for that share, joined to the share's own
 * account, so no share can ever reach another account's rows.
 */
import { sql, type Kysely } from 'kysely';
import type { Selectable } from 'kysely';
import type { Database } from '../schema.js';

export interface ShareRow {
  readonly id: string;
  readonly accountId: string;
  readonly mode: 'snapshot' | 'live';
  readonly revision: number;
  readonly authKeyHash: string | null;
  readonly ownerWrappedKey: Uint8Array | null;
  readonly manifest: Uint8Array | null;
  readonly expiresAt: Date;
  readonly revokedAt: Date | null;
  readonly failedAttempts: number;
  readonly lastFailedAt: Date | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface ShareItem {
  readonly kind: 'record' | 'upload';
  readonly itemId: string;
  readonly revision: number | null;
}

const blobParam = (bytes: Uint8Array) =>
  sql<Uint8Array>`decode(${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex')}, 'hex')`;

const COLUMNS = [
  'id',
  'account_id',
  'mode',
  'revision',
  'auth_key_hash',
  'expires_at',
  'revoked_at',
  'failed_attempts',
  'last_failed_at',
  'created_at',
  'updated_at',
] as const;

type Row = Pick<Selectable<Database['shares']>, (typeof COLUMNS)[number]> & {
  owner_wrapped_key_hex: string | null;
  manifest_hex: string | null;
};

function selectShares(db: Kysely<Database>) {
  return db
    .selectFrom('shares')
    .select(COLUMNS)
    .select([
      sql<string | null>`encode(owner_wrapped_key, 'hex')`.as('owner_wrapped_key_hex'),
      sql<string | null>`encode(manifest, 'hex')`.as('manifest_hex'),
    ]);
}

function fromHex(hex: string | null): Uint8Array | null {
  return hex === null ? null : new Uint8Array(Buffer.from(hex, 'hex'));
}

function toShare(row: Row): ShareRow {
  return {
    id: row.id,
    accountId: row.account_id,
    mode: row.mode,
    revision: row.revision,
    authKeyHash: row.auth_key_hash,
    ownerWrappedKey: fromHex(row.owner_wrapped_key_hex),
    manifest: fromHex(row.manifest_hex),
    expiresAt: new Date(row.expires_at),
    revokedAt: row.revoked_at === null ? null : new Date(row.revoked_at),
    failedAttempts: row.failed_attempts,
    lastFailedAt: row.last_failed_at === null ? null : new Date(row.last_failed_at),
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}

/** Inserts a share; false (nothing stored) when the id is taken. */
export async function insertShare(
  trx: Kysely<Database>,
  share: {
    id: string;
    accountId: string;
    mode: 'snapshot' | 'live';
    authKeyHash: string;
    ownerWrappedKey: Uint8Array;
    manifest: Uint8Array;
    expiresAt: Date;
  },
): Promise<boolean> {
  const row = await trx
    .insertInto('shares')
    .values({
      id: share.id,
      account_id: share.accountId,
      mode: share.mode,
      revision: 1,
      auth_key_hash: share.authKeyHash,
      owner_wrapped_key: blobParam(share.ownerWrappedKey),
      manifest: blobParam(share.manifest),
      expires_at: share.expiresAt,
      revoked_at: null,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function replaceItems(
  trx: Kysely<Database>,
  shareId: string,
  items: readonly ShareItem[],
): Promise<void> {
  await trx.deleteFrom('share_items').where('share_id', '=', shareId).execute();
  for (let i = 0; i < items.length; i += 500) {
    await trx
      .insertInto('share_items')
      .values(
        items.slice(i, i + 500).map((item) => ({
          share_id: shareId,
          kind: item.kind,
          item_id: item.itemId,
          revision: item.revision,
        })),
      )
      .execute();
  }
}

export async function findShare(
  db: Kysely<Database>,
  id: string,
  accountId?: string,
): Promise<ShareRow | undefined> {
  let query = selectShares(db).where('id', '=', id);
  if (accountId !== undefined) query = query.where('account_id', '=', accountId);
  const row = await query.executeTakeFirst();
  return row && toShare(row);
}

/** The share row locked for update (kept-up-to-date re-wraps, revocation). */
export async function lockShare(
  trx: Kysely<Database>,
  id: string,
  accountId: string,
): Promise<
  | { revision: number; mode: 'snapshot' | 'live'; revokedAt: Date | null; expiresAt: Date }
  | undefined
> {
  const row = await trx
    .selectFrom('shares')
    .select(['revision', 'mode', 'revoked_at', 'expires_at'])
    .where('id', '=', id)
    .where('account_id', '=', accountId)
    .forUpdate()
    .executeTakeFirst();
  return (
    row && {
      revision: row.revision,
      mode: row.mode,
      revokedAt: row.revoked_at,
      expiresAt: new Date(row.expires_at),
    }
  );
}

export async function setManifest(
  trx: Kysely<Database>,
  id: string,
  revision: number,
  manifest: Uint8Array,
): Promise<void> {
  await trx
    .updateTable('shares')
    .set({ revision, manifest: blobParam(manifest), updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

/**
 * Deletes every secret and ciphertext of a share, its items and its sessions; `revoked` also
 * marks it revoked (an expired share keeps revoked_at null).
 */
export async function purgeShare(
  db: Kysely<Database>,
  id: string,
  revoked: boolean,
): Promise<void> {
  await db
    .updateTable('shares')
    .set({
      auth_key_hash: null,
      owner_wrapped_key: null,
      manifest: null,
      updated_at: new Date(),
      ...(revoked ? { revoked_at: new Date() } : {}),
    })
    .where('id', '=', id)
    .execute();
  await db.deleteFrom('share_items').where('share_id', '=', id).execute();
  await db.deleteFrom('share_sessions').where('share_id', '=', id).execute();
}

/** Ids of shares past their end that still hold ciphertext, oldest end first, at most `limit`. */
export async function expiredSharesHoldingData(
  db: Kysely<Database>,
  now: Date,
  limit: number,
): Promise<string[]> {
  const rows = await db
    .selectFrom('shares')
    .select('id')
    .where('expires_at', '<=', now)
    .where('manifest', 'is not', null)
    .orderBy('expires_at')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

export async function listShares(db: Kysely<Database>, accountId: string): Promise<ShareRow[]> {
  const rows = await selectShares(db)
    .where('account_id', '=', accountId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
  return rows.map(toShare);
}

export async function itemsOf(
  db: Kysely<Database>,
  shareIds: readonly string[],
): Promise<Map<string, ShareItem[]>> {
  const map = new Map<string, ShareItem[]>();
  if (shareIds.length === 0) return map;
  const rows = await db
    .selectFrom('share_items')
    .select(['share_id', 'kind', 'item_id', 'revision'])
    .where('share_id', 'in', shareIds)
    .orderBy('share_id')
    .orderBy('kind')
    .orderBy('item_id')
    .execute();
  for (const r of rows) {
    const list = map.get(r.share_id) ?? [];
    list.push({ kind: r.kind, itemId: r.item_id, revision: r.revision });
    map.set(r.share_id, list);
  }
  return map;
}

/** The newest 100 openings of each share. */
export async function opensOf(
  db: Kysely<Database>,
  shareIds: readonly string[],
): Promise<Map<string, { at: Date; device: string }[]>> {
  const map = new Map<string, { at: Date; device: string }[]>();
  if (shareIds.length === 0) return map;
  const rows = await db
    .selectFrom('share_opens')
    .select(['share_id', 'opened_at', 'device'])
    .where('share_id', 'in', shareIds)
    .orderBy('opened_at', 'desc')
    .execute();
  for (const r of rows) {
    const list = map.get(r.share_id) ?? [];
    if (list.length < 100) list.push({ at: new Date(r.opened_at), device: r.device });
    map.set(r.share_id, list);
  }
  return map;
}

export async function recordOpen(
  db: Kysely<Database>,
  shareId: string,
  device: string,
): Promise<void> {
  await db.insertInto('share_opens').values({ share_id: shareId, device }).execute();
  // Keep the newest 100 only.
  await sql`delete from share_opens where share_id = ${shareId} and opened_at < (
    select opened_at from share_opens where share_id = ${shareId}
    order by opened_at desc offset 99 limit 1)`.execute(db);
}

export async function recordFailure(db: Kysely<Database>, shareId: string): Promise<void> {
  await db
    .updateTable('shares')
    .set({ failed_attempts: sql<number>`failed_attempts + 1`, last_failed_at: sql<Date>`now()` })
    .where('id', '=', shareId)
    .execute();
}

export async function insertShareSession(
  db: Kysely<Database>,
  tokenHash: Uint8Array,
  shareId: string,
  expiresAt: Date,
): Promise<void> {
  await db
    .insertInto('share_sessions')
    .values({ token_hash: blobParam(tokenHash), share_id: shareId, expires_at: expiresAt })
    .execute();
  await db.deleteFrom('share_sessions').where('expires_at', '<', new Date()).execute();
}

/** The share a live session token opens, if any. */
export async function shareOfSession(
  db: Kysely<Database>,
  tokenHash: Uint8Array,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('share_sessions')
    .select('share_id')
    .where('token_hash', '=', blobParam(tokenHash))
    .where('expires_at', '>', new Date())
    .executeTakeFirst();
  return row?.share_id;
}

/** Which of these (record id, revision) pairs the account does not have. */
export async function missingRevisions(
  trx: Kysely<Database>,
  accountId: string,
  records: readonly { id: string; revision: number }[],
): Promise<string[]> {
  const have = new Set<string>();
  const ids = [...new Set(records.map((r) => r.id))];
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await trx
      .selectFrom('record_revisions')
      .select(['record_id', 'revision'])
      .where('account_id', '=', accountId)
      .where('record_id', 'in', ids.slice(i, i + 500))
      .execute();
    for (const r of rows) have.add(`${r.record_id}\0${r.revision}`);
  }
  return records.filter((r) => !have.has(`${r.id}\0${r.revision}`)).map((r) => r.id);
}

/** Which of these uploads the account does not have finished. */
export async function missingUploads(
  trx: Kysely<Database>,
  accountId: string,
  ids: readonly string[],
): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await trx
    .selectFrom('uploads')
    .select('id')
    .where('account_id', '=', accountId)
    .where('id', 'in', [...ids])
    .where('completed_at', 'is not', null)
    .execute();
  const have = new Set(rows.map((r) => r.id));
  return ids.filter((id) => !have.has(id));
}

export interface SharedRecordRow {
  readonly id: string;
  readonly type: string;
  readonly revision: number;
  readonly ciphertext: Uint8Array;
}

/**
 * A page of the share's records, by record id, after `after`: a snapshot's pinned revisions, a
 * kept-up-to-date share's current ones. At most `limit` records and `maxBytes` of ciphertext
 * (at least one). Records the owner has since deleted are simply not there.
 */
export async function sharedRecordsPage(
  db: Kysely<Database>,
  share: { id: string; accountId: string; mode: 'snapshot' | 'live' },
  options: { after: string | undefined; limit: number; maxBytes: number },
): Promise<{ records: SharedRecordRow[]; more: boolean }> {
  const snapshot = share.mode === 'snapshot';
  const source = snapshot
    ? sql`record_revisions r on r.account_id = ${share.accountId} and r.record_id = i.item_id and r.revision = i.revision`
    : sql`records r on r.account_id = ${share.accountId} and r.id = i.item_id`;
  const after = options.after === undefined ? sql`` : sql`and i.item_id > ${options.after}`;
  const sizes = await sql<{ id: string; size: number }>`
    select i.item_id as id, octet_length(r.ciphertext) as size
    from share_items i join ${source}
    where i.share_id = ${share.id} and i.kind = 'record' ${after}
    order by i.item_id limit ${options.limit + 1}`.execute(db);
  const fit: string[] = [];
  let bytes = 0;
  for (const row of sizes.rows.slice(0, options.limit)) {
    bytes += row.size;
    if (fit.length > 0 && bytes > options.maxBytes) break;
    fit.push(row.id);
  }
  const more = sizes.rows.length > fit.length;
  if (fit.length === 0) return { records: [], more: false };
  const rows = await sql<{ id: string; type: string; revision: number; hex: string }>`
    select i.item_id as id, r.type, r.revision, encode(r.ciphertext, 'hex') as hex
    from share_items i join ${source}
    where i.share_id = ${share.id} and i.kind = 'record' and i.item_id in (${sql.join(fit)})
    order by i.item_id`.execute(db);
  return {
    records: rows.rows.map((r) => ({
      id: r.id,
      type: r.type,
      revision: r.revision,
      ciphertext: new Uint8Array(Buffer.from(r.hex, 'hex')),
    })),
    more,
  };
}

/** The upload's encrypted length when the share lists it and the owner still has it finished. */
export async function sharedUpload(
  db: Kysely<Database>,
  share: { id: string; accountId: string },
  uploadId: string,
): Promise<number | undefined> {
  const row = await db
    .selectFrom('share_items as i')
    .innerJoin('uploads as u', 'u.id', 'i.item_id')
    .select('u.length')
    .where('i.share_id', '=', share.id)
    .where('i.kind', '=', 'upload')
    .where('i.item_id', '=', uploadId)
    .where('u.account_id', '=', share.accountId)
    .where('u.completed_at', 'is not', null)
    .executeTakeFirst();
  return row === undefined ? undefined : Number(row.length);
}

/**
 * Whether the share serves this revision of a record now: a snapshot its pinned revision, a
 * kept-up-to-date share the record's current one. Only then may its receipt be given.
 */
export async function servesRevision(
  db: Kysely<Database>,
  share: { id: string; accountId: string; mode: 'snapshot' | 'live' },
  recordId: string,
  revision: number,
): Promise<boolean> {
  const item = await db
    .selectFrom('share_items')
    .select('revision')
    .where('share_id', '=', share.id)
    .where('kind', '=', 'record')
    .where('item_id', '=', recordId)
    .executeTakeFirst();
  if (item === undefined) return false;
  if (share.mode === 'snapshot') return item.revision === revision;
  const record = await db
    .selectFrom('records')
    .select('revision')
    .where('account_id', '=', share.accountId)
    .where('id', '=', recordId)
    .executeTakeFirst();
  return record?.revision === revision;
}
