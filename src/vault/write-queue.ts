/**
 * The offline queue of record writes made while unlocked (docs/vault-protocol.md §16.7).
 *
 * A write that cannot reach the server — or that comes while earlier ones still wait, so the
 * order holds — is kept as the very request body it would have sent: `sealNewRecord` /
 * `sealRecordUpdate` output, ciphertext under a record key wrapped by the account key. Nothing
 * readable is ever handed to the storage. Items are sent oldest first when the connection
 * returns; an item leaves the queue only once the server has it. A resend after a lost answer
 * carries identical bytes, which the server answers as the first time (200), so nothing is
 * stored twice.
 *
 * Whose item is it? Only the account whose key unwraps the item's record key: another account
 * unlocking in the same browser neither sees nor sends it.
 *
 * A conflict (the record changed or was deleted elsewhere, or its id is taken) overwrites
 * nothing: the newest local version becomes a **new record** (a copy, queued like any create),
 * the record's other waiting items are dropped, and `conflicts` says so for the screens.
 *
 * No I/O of its own: the storage (IndexedDB in the app) comes in through `QueueStorage`.
 */
import { fromBase64Url, recordKeyContext, unwrapKey } from '../crypto/index.js';
import {
  isApiError,
  type CreateRecordBody,
  type RecordResponse,
  type UpdateRecordBody,
  type VaultApi,
} from './api.js';
import { openRecord, sealNewRecord } from './records.js';
import { wipeBestEffort } from './session.js';

export type QueuedWrite =
  | { readonly op: 'create'; readonly type: string; readonly body: CreateRecordBody }
  | {
      readonly op: 'update';
      readonly id: string;
      readonly type: string;
      readonly body: UpdateRecordBody;
    };

export interface StoredWrite {
  readonly key: number;
  readonly item: QueuedWrite;
}

/** Where the queue is kept (IndexedDB in the browser; an array in tests). */
export interface QueueStorage {
  /** Every item, every account's, oldest first. */
  list(): Promise<StoredWrite[]>;
  /** Adds at the end; returns the item's key. */
  add(item: QueuedWrite): Promise<number>;
  /** Removes the items `remove` and adds `add` (if any) in one step; returns the new key. */
  replace(remove: readonly number[], add?: QueuedWrite): Promise<number | undefined>;
  /** Called when nothing of anyone's is left, so the storage can go away entirely. */
  empty(): Promise<void>;
}

export interface QueueEvents {
  /** The server now has this item; `response` is its answer. */
  readonly sent?: (item: QueuedWrite, response: RecordResponse) => void;
  /** A conflict: the newest local version is now waiting as a new record. */
  readonly copied?: (conflict: QueueConflict, response: RecordResponse, value: unknown) => void;
}

/** A write that was kept as a copy because the record changed elsewhere meanwhile. */
export interface QueueConflict {
  readonly type: string;
  readonly id: string;
  readonly copyId: string;
}

/** The record id a queued write is for. */
export function queuedId(item: QueuedWrite): string {
  return item.op === 'create' ? item.body.id : item.id;
}

/** No answer at all, or a gateway's: worth sending again later, in order. */
export function isOffline(error: unknown): boolean {
  return isApiError(error) && (error.code === 'network' || [502, 503, 504].includes(error.status));
}

/** The response a queued write stands for until the server has it (the base of a next edit). */
export function pendingResponse(item: QueuedWrite, now = new Date()): RecordResponse {
  const at = now.toISOString();
  return {
    id: queuedId(item),
    type: item.type,
    revision: item.op === 'create' ? 1 : item.body.expectedRevision + 1,
    ciphertext: item.body.ciphertext,
    wrappedKey: item.body.wrappedKey,
    size: fromBase64Url(item.body.ciphertext).length,
    createdAt: at,
    updatedAt: at,
  };
}

export class WriteQueue {
  /** This account's items, oldest first. */
  private items: StoredWrite[] = [];
  private running: Promise<void> | undefined;
  private lock: Promise<unknown> = Promise.resolve();
  private readonly listeners = new Set<() => void>();
  /** Conflicts met while this session was open, for the screens to tell. */
  readonly conflicts: QueueConflict[] = [];
  /** The last refusal that stopped sending (a full diary, say), until sending works again. */
  problem: unknown;

  constructor(
    private readonly api: VaultApi,
    private readonly accountKey: () => Uint8Array,
    private readonly storage: QueueStorage,
    private readonly tell: QueueEvents = {},
  ) {}

  /** Calls `listener` after every change; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** How many of this account's writes wait. */
  count(): number {
    return this.items.length;
  }

  /** Whether a write to this record waits. */
  isWaiting(id: string): boolean {
    return this.items.some((s) => queuedId(s.item) === id);
  }

  /**
   * Reads back this account's items (after unlock) and returns the newest waiting version of
   * each record, opened, so the screens can show it as waiting.
   */
  async restore(): Promise<{ response: RecordResponse; value: unknown }[]> {
    const all = await this.storage.list();
    const mine: StoredWrite[] = [];
    for (const stored of all) if (await this.owns(stored.item)) mine.push(stored);
    this.items = mine;
    const latest = new Map<string, QueuedWrite>();
    for (const { item } of mine) latest.set(queuedId(item), item);
    const out: { response: RecordResponse; value: unknown }[] = [];
    for (const item of latest.values()) {
      const response = pendingResponse(item);
      try {
        const opened = await openRecord(this.accountKey(), response, { type: item.type }, id);
        out.push({ response, value: opened.value });
      } catch {
        // Cannot be opened: it is still sent as it is; the server's copy shows after sending.
      }
    }
    this.changed();
    return out;
  }

  /**
   * Sends a write now when nothing waits before it; otherwise, or without a connection, keeps
   * it in order. Returns the server's answer, or the pending response for a kept write.
   */
  async write(item: QueuedWrite): Promise<{ response: RecordResponse; queued: boolean }> {
    if (this.items.length === 0) {
      try {
        return { response: await this.send(item), queued: false };
      } catch (error) {
        if (!isOffline(error)) throw error;
      }
    }
    const key = await this.serial(() => this.storage.add(item));
    this.items.push({ key, item });
    this.changed();
    return { response: pendingResponse(item), queued: true };
  }

  /** Sends what waits, oldest first; one pass at a time. Stops at the first failure. */
  flush(): Promise<void> {
    this.running ??= this.pass()
      .catch((error: unknown) => {
        // Storage or a seal failed: nothing is lost (the items stay); the screens show it.
        this.problem = error;
      })
      .finally(() => {
        this.running = undefined;
        this.changed();
      });
    return this.running;
  }

  // ---- inside ----

  private async pass(): Promise<void> {
    if (this.items.length === 0) return;
    for (let first = this.items[0]; first !== undefined; first = this.items[0]) {
      let response: RecordResponse;
      try {
        response = await this.send(first.item);
      } catch (error) {
        if (isOffline(error)) return;
        const clash =
          isApiError(error, 'revision_conflict') ||
          isApiError(error, 'record_exists') ||
          isApiError(error, 'not_found');
        if (!clash) {
          this.problem = error;
          return;
        }
        await this.keepAsCopy(queuedId(first.item), first.item.type);
        continue;
      }
      this.problem = undefined;
      await this.serial(() => this.storage.replace([first.key]));
      this.items.shift();
      this.tell.sent?.(first.item, response);
      this.changed();
    }
    // In turn with adds, so a write kept meanwhile is never deleted with the empty storage.
    await this.serial(async () => {
      if (this.items.length === 0 && (await this.storage.list()).length === 0) {
        await this.storage.empty();
      }
    });
  }

  /**
   * The record changed elsewhere: its newest local version becomes a new record (queued, so it
   * is sent like any create) and its other waiting items go, in one storage step.
   */
  private async keepAsCopy(id: string, type: string): Promise<void> {
    const forRecord = this.items.filter((s) => queuedId(s.item) === id);
    const last = forRecord.at(-1)?.item;
    if (last === undefined) return;
    const opened = await openRecord(this.accountKey(), pendingResponse(last), { type }, (v) => v);
    const body = await sealNewRecord(this.accountKey(), type, opened.value);
    const copy: QueuedWrite = { op: 'create', type, body };
    const key = await this.serial(() =>
      this.storage.replace(
        forRecord.map((s) => s.key),
        copy,
      ),
    );
    this.items = this.items.filter((s) => queuedId(s.item) !== id);
    this.items.push({ key: key ?? 0, item: copy });
    const conflict = { type, id, copyId: body.id };
    this.conflicts.push(conflict);
    this.tell.copied?.(conflict, pendingResponse(copy), opened.value);
    this.changed();
  }

  /** Storage steps one after another, never interleaved. */
  private serial<T>(step: () => Promise<T>): Promise<T> {
    const run = this.lock.then(step, step);
    this.lock = run.catch(() => undefined);
    return run;
  }

  private send(item: QueuedWrite): Promise<RecordResponse> {
    return item.op === 'create'
      ? this.api.createRecord(item.body)
      : this.api.updateRecord(item.id, item.body);
  }

  /** Whether this account's key unwraps the item's record key. */
  private async owns(item: QueuedWrite): Promise<boolean> {
    try {
      const key = await unwrapKey(
        this.accountKey(),
        fromBase64Url(item.body.wrappedKey),
        recordKeyContext(queuedId(item)),
      );
      wipeBestEffort(key);
      return true;
    } catch {
      return false;
    }
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}

function id<T>(value: T): T {
  return value;
}
