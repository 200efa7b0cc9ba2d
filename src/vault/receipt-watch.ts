/**
 * The vault's side of the receipt log (docs/vault-protocol.md §9.6): it pins the log's key inside
 * the vault, fetches the receipt of what it wrote once a checkpoint covers it, checks it with the
 * pure checks of receipts.ts, and keeps the last checkpoint it verified inside the vault too.
 *
 * - **The pinned key and the last verified checkpoint** live in one encrypted record of type
 *   `receipt-log` (sealed like every other record, so the server cannot read or change it without
 *   the change failing to open). A later server cannot swap the key; a server that rolls its log
 *   back or shows another history is caught on any device, because every device compares with the
 *   same record.
 * - **Trust on first use**: a new account pins the key at sign-up (account.ts). An account made
 *   before receipts existed has no record; it pins the key the server gives at its first unlock
 *   after this version, and from then on the key cannot change. The record says which it was.
 * - **Receipts**: `check()` asks for the receipt of one revision (or upload). While no checkpoint
 *   covers it yet (`receipt_pending`) it asks again after a growing wait (2 s, 4 s, 8 s … at most
 *   30 s, then it stops and says "pending"), never in a tight loop. Checks run one at a time, so
 *   the last verified checkpoint only moves forward.
 * - **Failures** are states, never ignored: `receipt_invalid` for one item; `checkpoint_untrusted`,
 *   `log_rollback` and `log_fork` are about the whole log, so once seen they stay for the session
 *   and every later check reports them too.
 *
 * The record's format and its reads and writes are in receipt-log.ts, re-exported here.
 */
import { fromBase64Url } from '../crypto/index.js';
import { followHandovers, logKeyFingerprint } from '../crypto/log-handover.js';
import { sha256 } from '../crypto/sha256.js';
import { isApiError, type ReceiptAnswer, type RecordResponse, type VaultApi } from './api.js';
import {
  loadLogState,
  pinLogKey,
  reopenLogState,
  writeLogState,
  type HeldLogState,
  type ReceiptLogState,
} from './receipt-log.js';
import {
  checkCheckpoint,
  checkLogAdvance,
  checkReceipt,
  ReceiptCheckError,
  type KnownCheckpoint,
  type PinnedLog,
  type ReceiptCheckCode,
} from './receipts.js';

export {
  loadLogState,
  pinLogKey,
  RECEIPT_LOG_TYPE,
  type KeyChange,
  type ReceiptLogState,
} from './receipt-log.js';

/** What the vault holds and wants a receipt for. */
export type ReceiptTarget =
  | {
      readonly kind: 'revision';
      readonly id: string;
      readonly revision: number;
      /** The ciphertext as the server stored it (base64url, as in RecordResponse). */
      readonly ciphertext: string;
      /** The leaf index the write's answer gave, when this session wrote it. */
      readonly leafIndex?: number;
    }
  | {
      readonly kind: 'upload';
      readonly id: string;
      /** SHA-256 of the encrypted file as uploaded. */
      readonly ciphertextSha256: Uint8Array;
    };

export type ReceiptStatus =
  | { readonly state: 'checking' }
  /** No checkpoint covers it yet (still so after the last try). */
  | { readonly state: 'pending' }
  /** Stored before receipts began: it has no receipt. */
  | { readonly state: 'unavailable' }
  /** The server could not be reached, or answered something else: not a failed proof. */
  | { readonly state: 'unreachable' }
  | {
      readonly state: 'checked';
      readonly leafIndex: number;
      readonly receivedAt: Date;
      /**
       * Stored before the log existed and added later (from the verified leaf): the proof shows
       * the entry existed by this time; `receivedAt` is the server's word for the time before.
       */
      readonly backfilledAt?: Date;
      readonly checkpointSize: number;
      /** The TSA's time for the checkpoint, as the server gives it (the token is not checked). */
      readonly timestampTime?: string;
    }
  | { readonly state: 'failed'; readonly code: ReceiptCheckCode; readonly message: string };

/** Waits between asking again while a receipt is pending, in milliseconds. */
export const PENDING_DELAYS_MS: readonly number[] = [2_000, 4_000, 8_000, 15_000, 30_000, 30_000];

const LOG_PROBLEMS = new Set<ReceiptCheckCode>([
  'checkpoint_untrusted',
  'log_rollback',
  'log_fork',
]);
/** How often a grown checkpoint is written to the vault's `receipt-log` record. */
const SAVE_EVERY_MS = 5 * 60 * 1000;

function keyOf(target: ReceiptTarget): string {
  return target.kind === 'revision' ? `r:${target.id}:${target.revision}` : `u:${target.id}`;
}

export interface ReceiptWatchOptions {
  /** Waits; the default is setTimeout. Tests pass one that returns at once. */
  readonly sleep?: (ms: number) => Promise<void>;
  readonly delaysMs?: readonly number[];
  readonly now?: () => Date;
}

/**
 * Checks receipts for one unlocked session. Made once per session; `stop()` on lock ends every
 * wait and forgets what it held.
 */
export class ReceiptWatch {
  private state: HeldLogState | undefined;
  private loading: Promise<HeldLogState> | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private problem: { code: ReceiptCheckCode; message: string } | undefined;
  private stopped = false;
  /** Whether this session already looked for key hand-overs (at most once, unless it moved). */
  private followedKeyChanges = false;
  /** When the kept checkpoint was last written to the vault (ms since 1970). */
  private lastSaved = Number.NEGATIVE_INFINITY;
  private readonly statuses = new Map<string, ReceiptStatus>();
  private readonly running = new Map<string, Promise<ReceiptStatus>>();
  private readonly listeners = new Set<() => void>();
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly delays: readonly number[];
  private readonly now: () => Date;

  constructor(
    private readonly api: VaultApi,
    private readonly accountKey: () => Uint8Array,
    options: ReceiptWatchOptions = {},
  ) {
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.delays = options.delaysMs ?? PENDING_DELAYS_MS;
    this.now = options.now ?? (() => new Date());
  }

  /** The status last known for `target`, if a check was started. */
  status(target: ReceiptTarget): ReceiptStatus | undefined {
    return this.statuses.get(keyOf(target));
  }

  /** A problem with the whole log seen this session (rollback, fork, another key), if any. */
  get logProblem(): { code: ReceiptCheckCode; message: string } | undefined {
    return this.problem;
  }

  /** Calls `listener` after every status change; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The pinned log and last verified checkpoint, loaded (or pinned, first use) once. */
  async logState(): Promise<ReceiptLogState> {
    return (await this.load()).state;
  }

  /**
   * Checks `target`'s receipt, asking again while it is pending. One check per target at a time;
   * a target already checked is not asked again (a failure stays as it is).
   */
  check(target: ReceiptTarget): Promise<ReceiptStatus> {
    const key = keyOf(target);
    const known = this.statuses.get(key);
    const settled = new Set(['checked', 'failed', 'unavailable']);
    if (known !== undefined && settled.has(known.state)) return Promise.resolve(known);
    const running = this.running.get(key);
    if (running !== undefined) return running;
    const run = this.run(target, key).finally(() => this.running.delete(key));
    this.running.set(key, run);
    return run;
  }

  /** Ends every wait and forgets the state (on lock). */
  stop(): void {
    this.stopped = true;
    this.statuses.clear();
    this.listeners.clear();
    this.state = undefined;
  }

  private set(key: string, status: ReceiptStatus): ReceiptStatus {
    if (this.stopped) return status;
    this.statuses.set(key, status);
    for (const listener of [...this.listeners]) listener();
    return status;
  }

  private async run(target: ReceiptTarget, key: string): Promise<ReceiptStatus> {
    this.set(key, { state: 'checking' });
    // Wait for a checkpoint (a public 200) that covers this revision's leaf when the write's
    // answer gave it, and every leaf this page wrote (a revision written just before a lock),
    // rather than ask for a receipt too early (a 409 each time). A revision written elsewhere
    // moments ago can still be asked for early: `receipt_pending` then waits the same way.
    const promised = target.kind === 'revision' ? target.leafIndex : undefined;
    const own = this.api.lastLeafIndex;
    const leafIndex =
      promised === undefined && own === undefined ? undefined : Math.max(promised ?? 0, own ?? 0);
    for (let attempt = 0; ; attempt++) {
      if (this.stopped) return { state: 'pending' };
      // Deleted while this check waited: nothing is left to ask about.
      if (this.api.deleted(target.id)) return this.set(key, { state: 'unavailable' });
      let answer: ReceiptAnswer | undefined;
      try {
        if (leafIndex === undefined || (await this.covers(leafIndex))) {
          answer =
            target.kind === 'revision'
              ? await this.api.getRevisionReceipt(target.id, target.revision)
              : await this.api.getUploadReceipt(target.id);
          const received = answer;
          const checked = await this.serially(() => this.verify(target, received, promised));
          return this.set(key, checked);
        }
      } catch (e) {
        if (e instanceof ReceiptCheckError) {
          if (LOG_PROBLEMS.has(e.code)) this.problem ??= { code: e.code, message: e.message };
          return this.set(key, { state: 'failed', code: e.code, message: e.message });
        }
        if (isApiError(e, 'receipt_unavailable')) return this.set(key, { state: 'unavailable' });
        if (!isApiError(e, 'receipt_pending')) return this.set(key, { state: 'unreachable' });
      }
      // Not covered by a checkpoint yet: ask again after a growing wait, then stop for now.
      const delay = this.delays[attempt];
      if (delay === undefined) return this.set(key, { state: 'pending' });
      if (attempt === 0) this.set(key, { state: 'pending' });
      await this.sleep(delay);
    }
  }

  /**
   * Whether the newest checkpoint covers leaf `index`. A newest checkpoint smaller than the one
   * this vault already verified is checked at once (signed by the pinned key, it is a rollback)
   * rather than waited on.
   */
  private async covers(index: number): Promise<boolean> {
    const newest = await this.api.getLogCheckpoint();
    if (newest.size > index) return true;
    await this.serially(async () => {
      const { state } = await this.load();
      if (state.checkpoint === undefined || newest.size >= state.checkpoint.size) return;
      const next = await this.trustingKeyChanges((pinned) => checkCheckpoint(newest.note, pinned));
      await checkLogAdvance({ previous: state.checkpoint, next, proof: [] });
    });
    return false;
  }

  /** Runs `task` after every earlier one, so checkpoints are compared in the order fetched. */
  private serially<T>(task: () => Promise<T>): Promise<T> {
    const next = this.queue.then(task, task);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private load(): Promise<HeldLogState> {
    if (this.state !== undefined) return Promise.resolve(this.state);
    this.loading ??= (async () => {
      const key = this.accountKey();
      // Trust on first use: an account made before receipts has no pinned key; it pins the one
      // the server gives now, at its first unlock, and keeps it from then on.
      const loaded =
        (await loadLogState(this.api, key)) ??
        (await pinLogKey(this.api, key, 'first-unlock', this.now));
      this.state = loaded;
      return loaded;
    })().finally(() => {
      this.loading = undefined;
    });
    return this.loading;
  }

  private async verify(
    target: ReceiptTarget,
    answer: ReceiptAnswer,
    promised: number | undefined,
  ): Promise<ReceiptStatus> {
    if (this.problem !== undefined) {
      throw new ReceiptCheckError(this.problem.code, this.problem.message);
    }
    const ciphertextSha256 =
      target.kind === 'revision'
        ? await sha256(fromBase64Url(target.ciphertext))
        : target.ciphertextSha256;
    const receipt = await this.trustingKeyChanges((pinned) =>
      checkReceipt({ proof: answer.proof, ciphertextSha256, pinned }),
    );
    if (
      receipt.index !== answer.leafIndex ||
      (promised !== undefined && receipt.index !== promised) ||
      receipt.recordId !== target.id ||
      receipt.revision !== (target.kind === 'revision' ? target.revision : 0)
    ) {
      throw new ReceiptCheckError('receipt_invalid', 'This receipt is for something else.');
    }
    await this.advance(receipt.checkpoint);
    return {
      state: 'checked',
      leafIndex: receipt.index,
      receivedAt: receipt.receivedAt,
      ...(receipt.backfilledAt !== undefined ? { backfilledAt: receipt.backfilledAt } : {}),
      checkpointSize: receipt.checkpoint.size,
      ...(answer.timestamp !== null ? { timestampTime: answer.timestamp.time } : {}),
    };
  }

  /**
   * Runs `check` against the pinned key; if it finds the checkpoint signed by another key, follows
   * the log's signed key hand-overs from the pinned key (once a session), keeps the new key in the
   * vault, and checks again. A key the pinned one never handed over to stays untrusted.
   */
  private async trustingKeyChanges<T>(check: (pinned: PinnedLog) => Promise<T>): Promise<T> {
    const { state } = await this.load();
    try {
      return await check(state.pinned);
    } catch (e) {
      if (!(e instanceof ReceiptCheckError) || e.code !== 'checkpoint_untrusted') throw e;
      if (this.followedKeyChanges || !(await this.followKeyChanges())) throw e;
      return check((await this.load()).state.pinned);
    }
  }

  /** True if the pinned key moved (and the move was kept in the vault). */
  private async followKeyChanges(): Promise<boolean> {
    this.followedKeyChanges = true;
    const held = await this.load();
    let followed: Awaited<ReturnType<typeof followHandovers>>;
    try {
      followed = await followHandovers(held.state.pinned, await this.api.getLogHandovers());
    } catch {
      // No answer, or a hand-over that does not check: the key stays as it was.
      return false;
    }
    if (followed.steps.length === 0) return false;
    const state: ReceiptLogState = {
      ...held.state,
      pinned: followed.pinned,
      fingerprint: await logKeyFingerprint(followed.pinned.vkey),
      keyChanges: [
        ...(held.state.keyChanges ?? []),
        ...followed.steps.map((h) => ({ from: h.from, to: h.to, at: h.at.toISOString() })),
      ],
    };
    const key = this.accountKey();
    try {
      this.state = await writeLogState(this.api, key, held, state);
    } catch (e) {
      if (!isApiError(e, 'revision_conflict')) throw e;
      // Another device wrote meanwhile (perhaps the same move): take theirs and follow from it.
      this.state = await reopenLogState(this.api, key, held.response.id);
      this.followedKeyChanges = false;
      return this.state.state.pinned.vkey !== held.state.pinned.vkey || this.followKeyChanges();
    }
    return true;
  }

  /** Checks `next` extends the last verified checkpoint, and keeps it (encrypted) if it grew. */
  private async advance(next: KnownCheckpoint): Promise<void> {
    const held = await this.load();
    const previous = held.state.checkpoint;
    const proof =
      previous === undefined || next.size <= previous.size
        ? []
        : await this.api.getConsistency(previous.size, next.size);
    const kept = await checkLogAdvance({ previous, next, proof });
    if (previous !== undefined && kept.size === previous.size) return;
    const now = this.now().getTime();
    if (now - this.lastSaved < SAVE_EVERY_MS) {
      // Held for this session at once, written to the vault at most every few minutes: reading a
      // long diary must not add a revision (and a receipt leaf) to the vault for every entry.
      this.state = { state: { ...held.state, checkpoint: kept }, response: held.response };
      return;
    }
    await this.save(held, kept);
    this.lastSaved = now;
  }

  private async save(held: HeldLogState, checkpoint: KnownCheckpoint, retry = true): Promise<void> {
    const state: ReceiptLogState = { ...held.state, checkpoint };
    const key = this.accountKey();
    try {
      this.state = await writeLogState(this.api, key, held, state);
    } catch (e) {
      if (!retry || !isApiError(e, 'revision_conflict')) throw e;
      // Another device moved it meanwhile: read theirs, and keep whichever is newer once the
      // two are shown to be one history.
      this.state = await reopenLogState(this.api, key, held.response.id);
      const other = this.state.state.checkpoint;
      if (other === undefined) return this.save(this.state, checkpoint, false);
      const [older, newer] =
        other.size <= checkpoint.size ? [other, checkpoint] : [checkpoint, other];
      const proof =
        older.size === newer.size ? [] : await this.api.getConsistency(older.size, newer.size);
      await checkLogAdvance({ previous: older, next: newer, proof });
      if (newer === checkpoint) await this.save(this.state, checkpoint, false);
    }
  }
}

/** Where a record's ciphertext came from, as a ReceiptTarget for its current revision. */
export function revisionTarget(
  response: RecordResponse & { readonly leafIndex?: number },
): ReceiptTarget {
  return {
    kind: 'revision',
    id: response.id,
    revision: response.revision,
    ciphertext: response.ciphertext,
    ...(response.leafIndex !== undefined ? { leafIndex: response.leafIndex } : {}),
  };
}
