/**
 * The `receipt-log` record (docs/vault-protocol.md §9.6): the log key the vault pinned and the
 * last checkpoint it verified, sealed like every other record so the server can neither read
 * nor change it. Its format and its reads and writes are here; what checks receipts against it
 * is receipt-watch.ts.
 */
import type { RecordResponse, VaultApi } from './api.js';
import { openRecord, RecordShapeError, sealNewRecord, sealRecordUpdate } from './records.js';
import type { KnownCheckpoint, PinnedLog } from './receipts.js';

/** The record type that holds the pinned log key and the last verified checkpoint. */
export const RECEIPT_LOG_TYPE = 'receipt-log';

/** What the `receipt-log` record holds (encrypted). */
export interface ReceiptLogState {
  readonly pinned: PinnedLog;
  /** SHA-256 fingerprint as the server published it, for comparing by eye. */
  readonly fingerprint: string;
  /** When the key was pinned (ISO 8601, this device's clock). */
  readonly pinnedAt: string;
  /** 'sign-up', or 'first-unlock' for an account made before receipts (trust on first use). */
  readonly pinnedOn: 'sign-up' | 'first-unlock';
  /** The newest checkpoint this vault verified, on any device; absent until the first. */
  readonly checkpoint?: KnownCheckpoint;
  /**
   * The log’s key changes this vault followed (§9.7), oldest first: each signed by the key
   * pinned before it and the one after. `pinned` is the newest.
   */
  readonly keyChanges?: readonly KeyChange[];
}

/** One followed hand-over: the old and new vkey, and when the log says it happened. */
export interface KeyChange {
  readonly from: string;
  readonly to: string;
  /** ISO 8601, from the signed hand-over. */
  readonly at: string;
}

/** The state as last read or written, with the record that holds it. */
export interface HeldLogState {
  readonly state: ReceiptLogState;
  readonly response: RecordResponse;
}

function objectOf(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function parseState(value: unknown): ReceiptLogState {
  const o = objectOf(value);
  const pinned = objectOf(o?.pinned);
  if (
    o === undefined ||
    typeof pinned?.origin !== 'string' ||
    typeof pinned.vkey !== 'string' ||
    typeof o.fingerprint !== 'string' ||
    typeof o.pinnedAt !== 'string' ||
    (o.pinnedOn !== 'sign-up' && o.pinnedOn !== 'first-unlock')
  ) {
    throw new RecordShapeError('not a receipt-log state');
  }
  let checkpoint: KnownCheckpoint | undefined;
  if (o.checkpoint !== undefined) {
    const c = objectOf(o.checkpoint);
    if (
      typeof c?.size !== 'number' ||
      !Number.isSafeInteger(c.size) ||
      typeof c.rootHash !== 'string' ||
      typeof c.note !== 'string'
    ) {
      throw new RecordShapeError('not a receipt-log checkpoint');
    }
    checkpoint = { size: c.size, rootHash: c.rootHash, note: c.note };
  }
  let keyChanges: KeyChange[] | undefined;
  if (o.keyChanges !== undefined) {
    if (!Array.isArray(o.keyChanges)) throw new RecordShapeError('not a list of key changes');
    keyChanges = o.keyChanges.map((value: unknown) => {
      const c = objectOf(value);
      if (typeof c?.from !== 'string' || typeof c.to !== 'string' || typeof c.at !== 'string') {
        throw new RecordShapeError('not a key change');
      }
      return { from: c.from, to: c.to, at: c.at };
    });
  }
  return {
    pinned: { origin: pinned.origin, vkey: pinned.vkey },
    fingerprint: o.fingerprint,
    pinnedAt: o.pinnedAt,
    pinnedOn: o.pinnedOn,
    ...(checkpoint !== undefined ? { checkpoint } : {}),
    ...(keyChanges !== undefined ? { keyChanges } : {}),
  };
}

/**
 * Pins the deployment's log key in a new `receipt-log` record. Needs a signed-in api.
 *
 * @example await pinLogKey(api, accountKey, 'sign-up');
 */
export async function pinLogKey(
  api: VaultApi,
  accountKey: Uint8Array,
  pinnedOn: ReceiptLogState['pinnedOn'],
  now: () => Date = () => new Date(),
): Promise<HeldLogState> {
  const key = await api.getLogKey();
  const state: ReceiptLogState = {
    pinned: { origin: key.origin, vkey: key.vkey },
    fingerprint: key.fingerprint,
    pinnedAt: now().toISOString(),
    pinnedOn,
  };
  const response = await api.createRecord(await sealNewRecord(accountKey, RECEIPT_LOG_TYPE, state));
  return { state, response };
}

/**
 * The account's `receipt-log` record, or undefined when it has none. Should there be more than one
 * (two devices pinning at once at a first unlock), the oldest is the one trusted.
 */
export async function loadLogState(
  api: VaultApi,
  accountKey: Uint8Array,
): Promise<HeldLogState | undefined> {
  const page = await api.listRecords({ type: RECEIPT_LOG_TYPE, order: 'asc', limit: 1 });
  const first = page.records[0];
  if (first === undefined) return undefined;
  const opened = await openRecord(
    accountKey,
    first,
    { type: RECEIPT_LOG_TYPE, id: first.id },
    parseState,
  );
  return { state: opened.value, response: first };
}

/** Reads the `receipt-log` record again, e.g. after another device wrote it first. */
export async function reopenLogState(
  api: VaultApi,
  accountKey: Uint8Array,
  id: string,
): Promise<HeldLogState> {
  const response = await api.getRecord(id);
  const theirs = await openRecord(
    accountKey,
    response,
    { type: RECEIPT_LOG_TYPE, id: response.id },
    parseState,
  );
  return { state: theirs.value, response };
}

/** Writes `state` as the next revision of the held record (ApiError `revision_conflict` if moved). */
export async function writeLogState(
  api: VaultApi,
  accountKey: Uint8Array,
  held: HeldLogState,
  state: ReceiptLogState,
): Promise<HeldLogState> {
  const response = await api.updateRecord(
    held.response.id,
    await sealRecordUpdate(accountKey, held.response, state),
  );
  return { state, response };
}
