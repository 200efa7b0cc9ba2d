/**
 * Shares (docs/vault-protocol.md §14): what the server does with them, all of it on ciphertext.
 *
 * - The owner creates a share with the items it lists (each checked to be the owner's), lists
 *   shares with openings and failed attempts, replaces a kept-up-to-date share's manifest and
 *   items, and revokes (every secret and ciphertext deleted at once).
 * - A recipient proves the auth key and gets a short-lived share session. Wrong passcodes are
 *   counted per share (a lock after SHARE_LIMITS.perShare) and every proof per address; the
 *   counters are the share's own, never the owner's sign-in ones.
 * - Expiry is enforced here: an expired share answers `expired`, and its ciphertext is deleted
 *   the first time that is noticed.
 */
import { createHmac } from 'node:crypto';
import type { Kysely } from 'kysely';
import {
  SHARE_DEFAULT_SECONDS,
  SHARE_SESSION_SECONDS,
  type ShareMode,
  type ShareSummary,
} from '../../contract/shares.js';
import { decoyHash, hashKey, verifyKey } from '../auth/key-hash.js';
import { newToken, tokenHash } from '../auth/tokens.js';
import { countHit, refundHit } from '../db/repositories/rate-limit-counters.js';
import {
  findShare,
  insertShare,
  insertShareSession,
  itemsOf,
  listShares,
  lockShare,
  missingRevisions,
  missingUploads,
  opensOf,
  expiredSharesHoldingData,
  purgeShare,
  recordFailure,
  recordOpen,
  replaceItems,
  setManifest,
  shareOfSession,
  type ShareItem,
  type ShareRow,
} from '../db/repositories/shares.js';
import type { Database } from '../db/schema.js';
import { addressKey } from '../net/client-address.js';

const MINUTE = 60_000;

/** Guessing limits (docs/vault-protocol.md §14.7). */
export const SHARE_LIMITS = {
  /** Wrong passcodes on one share, from anywhere: past this the share is locked for the window. */
  perShare: { max: 5, windowMs: 15 * MINUTE },
  /** Proof attempts (right or wrong) from one address, over every share. */
  perAddress: { max: 20, windowMs: 15 * MINUTE },
} as const;

export type ShareState = 'active' | 'expired' | 'revoked';

export function shareState(
  share: Pick<ShareRow, 'revokedAt' | 'expiresAt'>,
  now = new Date(),
): ShareState {
  if (share.revokedAt !== null) return 'revoked';
  return share.expiresAt.getTime() <= now.getTime() ? 'expired' : 'active';
}

/** The share as the owner or recipient may meet it: expired ones lose their ciphertext now. */
async function current(db: Kysely<Database>, share: ShareRow): Promise<ShareState> {
  const state = shareState(share);
  if (state === 'expired' && share.manifest !== null) await purgeShare(db, share.id, false);
  return state;
}

export interface NewShare {
  readonly id: string;
  readonly mode: ShareMode;
  readonly authKey: string;
  readonly ownerWrappedKey: Uint8Array;
  readonly manifest: Uint8Array;
  readonly expiresInSeconds?: number | undefined;
  readonly records: readonly { id: string; revision: number }[];
  readonly uploads: readonly string[];
}

export type ItemsResult = { readonly kind: 'item_not_found'; readonly what: string };

function items(
  mode: ShareMode,
  records: readonly { id: string; revision: number }[],
  uploads: readonly string[],
): ShareItem[] {
  const seen = new Set<string>();
  const out: ShareItem[] = [];
  for (const r of records) {
    if (seen.has(`r${r.id}`)) continue;
    seen.add(`r${r.id}`);
    out.push({ kind: 'record', itemId: r.id, revision: mode === 'snapshot' ? r.revision : null });
  }
  for (const u of uploads) {
    if (seen.has(`u${u}`)) continue;
    seen.add(`u${u}`);
    out.push({ kind: 'upload', itemId: u, revision: null });
  }
  return out;
}

async function checkItems(
  trx: Kysely<Database>,
  accountId: string,
  records: readonly { id: string; revision: number }[],
  uploads: readonly string[],
): Promise<ItemsResult | undefined> {
  const missing = await missingRevisions(trx, accountId, records);
  if (missing.length > 0) return { kind: 'item_not_found', what: 'record' };
  const missingFiles = await missingUploads(trx, accountId, [...new Set(uploads)]);
  if (missingFiles.length > 0) return { kind: 'item_not_found', what: 'upload' };
  return undefined;
}

export async function createShare(
  db: Kysely<Database>,
  accountId: string,
  share: NewShare,
): Promise<{ kind: 'created'; share: ShareRow } | { kind: 'exists' } | ItemsResult> {
  const authKeyHash = await hashKey(share.authKey);
  const expiresAt = new Date(Date.now() + (share.expiresInSeconds ?? SHARE_DEFAULT_SECONDS) * 1000);
  const result = await db.transaction().execute(async (trx) => {
    const bad = await checkItems(trx, accountId, share.records, share.uploads);
    if (bad) return bad;
    const inserted = await insertShare(trx, {
      id: share.id,
      accountId,
      mode: share.mode,
      authKeyHash,
      ownerWrappedKey: share.ownerWrappedKey,
      manifest: share.manifest,
      expiresAt,
    });
    if (!inserted) return { kind: 'exists' as const };
    await replaceItems(trx, share.id, items(share.mode, share.records, share.uploads));
    return undefined;
  });
  if (result) return result;
  const stored = await findShare(db, share.id, accountId);
  if (!stored) throw new Error('share vanished after insert');
  return { kind: 'created', share: stored };
}

export async function listOwnShares(
  db: Kysely<Database>,
  accountId: string,
): Promise<ShareSummary[]> {
  const shares = await listShares(db, accountId);
  const states = new Map<string, ShareState>();
  for (const s of shares) states.set(s.id, await current(db, s));
  const ids = shares.map((s) => s.id);
  const [itemMap, openMap] = await Promise.all([itemsOf(db, ids), opensOf(db, ids)]);
  return shares.map((s) => {
    const state = states.get(s.id) ?? 'active';
    const list = state === 'active' ? (itemMap.get(s.id) ?? []) : [];
    const b64 = (bytes: Uint8Array | null) =>
      state === 'active' && bytes !== null ? Buffer.from(bytes).toString('base64url') : null;
    return {
      id: s.id,
      mode: s.mode,
      state,
      revision: s.revision,
      createdAt: s.createdAt.toISOString(),
      updatedAt: s.updatedAt.toISOString(),
      expiresAt: s.expiresAt.toISOString(),
      revokedAt: s.revokedAt?.toISOString() ?? null,
      manifest: b64(s.manifest),
      ownerWrappedKey: b64(s.ownerWrappedKey),
      records: list
        .filter((i) => i.kind === 'record')
        .map((i) => ({ id: i.itemId, revision: i.revision })),
      uploads: list.filter((i) => i.kind === 'upload').map((i) => i.itemId),
      opens: (openMap.get(s.id) ?? []).map((o) => ({ at: o.at.toISOString(), device: o.device })),
      failedAttempts: {
        count: s.failedAttempts,
        lastAt: s.lastFailedAt?.toISOString() ?? null,
      },
    };
  });
}

export type UpdateShareResult =
  | { readonly kind: 'updated'; readonly revision: number }
  | { readonly kind: 'not_found' }
  | { readonly kind: 'gone'; readonly state: 'expired' | 'revoked' }
  | { readonly kind: 'snapshot' }
  | { readonly kind: 'conflict'; readonly currentRevision: number }
  | ItemsResult;

export async function updateShare(
  db: Kysely<Database>,
  accountId: string,
  id: string,
  change: {
    expectedRevision: number;
    manifest: Uint8Array;
    records: readonly { id: string; revision: number }[];
    uploads: readonly string[];
  },
): Promise<UpdateShareResult> {
  return db.transaction().execute(async (trx): Promise<UpdateShareResult> => {
    const share = await lockShare(trx, id, accountId);
    if (!share) return { kind: 'not_found' };
    const state = shareState(share);
    if (state !== 'active') return { kind: 'gone', state };
    if (share.mode === 'snapshot') return { kind: 'snapshot' };
    if (share.revision !== change.expectedRevision) {
      return { kind: 'conflict', currentRevision: share.revision };
    }
    const bad = await checkItems(trx, accountId, change.records, change.uploads);
    if (bad) return bad;
    await setManifestAndItems(trx, id, share.revision + 1, change);
    return { kind: 'updated', revision: share.revision + 1 };
  });
}

async function setManifestAndItems(
  trx: Kysely<Database>,
  id: string,
  revision: number,
  change: {
    manifest: Uint8Array;
    records: readonly { id: string; revision: number }[];
    uploads: readonly string[];
  },
): Promise<void> {
  await setManifest(trx, id, revision, change.manifest);
  await replaceItems(trx, id, items('live', change.records, change.uploads));
}

/** Revokes: false when the account has no such share. Revoking twice is harmless. */
export async function revokeShare(
  db: Kysely<Database>,
  accountId: string,
  id: string,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const share = await lockShare(trx, id, accountId);
    if (!share) return false;
    if (share.revokedAt === null) await purgeShare(trx, id, true);
    return true;
  });
}

export type OpenResult =
  | { readonly kind: 'opened'; readonly token: string; readonly expiresAt: Date }
  | { readonly kind: 'not_found' }
  | { readonly kind: 'gone'; readonly state: 'expired' | 'revoked' }
  | { readonly kind: 'locked' }
  | { readonly kind: 'rate_limited' }
  | { readonly kind: 'wrong' };

/**
 * The recipient's proof. The address is counted first (every attempt), then the share's
 * failures (a hit taken before checking, given back on success, so parallel guesses cannot slip
 * past the lock).
 */
export async function openShareSession(
  db: Kysely<Database>,
  secret: string,
  request: { id: string; authKey: string; address: string; device: string },
): Promise<OpenResult> {
  const key = (name: string, subject: string): string =>
    createHmac('sha256', secret).update(`${name}\0${subject}`).digest('base64url');
  const perAddress = await countHit(
    db,
    key('shareProofPerAddress', addressKey(request.address)),
    SHARE_LIMITS.perAddress.windowMs,
  );
  if (perAddress.hits > SHARE_LIMITS.perAddress.max) return { kind: 'rate_limited' };
  const share = await findShare(db, request.id);
  if (!share) {
    // As long as a wrong passcode, so timing does not tell which ids exist.
    await verifyKey(await decoyHash(), request.authKey);
    return { kind: 'not_found' };
  }
  const state = await current(db, share);
  if (state !== 'active' || share.authKeyHash === null) {
    return { kind: 'gone', state: state === 'active' ? 'revoked' : state };
  }
  const failuresKey = key('shareFailures', share.id);
  const failures = await countHit(db, failuresKey, SHARE_LIMITS.perShare.windowMs);
  if (failures.hits > SHARE_LIMITS.perShare.max) {
    await refundHit(db, failuresKey);
    return { kind: 'locked' };
  }
  if (!(await verifyKey(share.authKeyHash, request.authKey))) {
    await recordFailure(db, share.id);
    return { kind: 'wrong' };
  }
  await refundHit(db, failuresKey);
  const { token, hash } = newToken();
  const expiresAt = new Date(
    Math.min(Date.now() + SHARE_SESSION_SECONDS * 1000, share.expiresAt.getTime()),
  );
  await insertShareSession(db, hash, share.id, expiresAt);
  await recordOpen(db, share.id, request.device);
  return { kind: 'opened', token, expiresAt };
}

export type ShareAccess =
  | { readonly kind: 'ok'; readonly share: ShareRow }
  | { readonly kind: 'not_found' }
  | { readonly kind: 'gone'; readonly state: 'expired' | 'revoked' }
  | { readonly kind: 'session_invalid' };

/** A recipient request's share: the bearer token must be a live session of this very share. */
export async function shareForToken(
  db: Kysely<Database>,
  id: string,
  token: string | undefined,
): Promise<ShareAccess> {
  const share = await findShare(db, id);
  if (!share) return { kind: 'not_found' };
  const state = await current(db, share);
  if (state !== 'active' || share.manifest === null) {
    return { kind: 'gone', state: state === 'active' ? 'revoked' : state };
  }
  if (token === undefined) return { kind: 'session_invalid' };
  const sessionShare = await shareOfSession(db, tokenHash(token));
  if (sessionShare !== share.id) return { kind: 'session_invalid' };
  return { kind: 'ok', share };
}

/**
 * Deletes the ciphertext, keys, items and sessions of shares that have ended, in batches: an
 * ended share is refused when it is asked for anyway, but its data should not wait on the server
 * for someone to ask. Every app server runs it with the other sweeps; it is idempotent.
 */
export async function sweepExpiredShares(db: Kysely<Database>, now = new Date()): Promise<number> {
  let purged = 0;
  for (;;) {
    const ids = await expiredSharesHoldingData(db, now, 200);
    for (const id of ids) await purgeShare(db, id, false);
    purged += ids.length;
    if (ids.length < 200) return purged;
  }
}
