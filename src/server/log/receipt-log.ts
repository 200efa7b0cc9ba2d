/**
 * The receipt log of one app server: its key, and the checkpointer. Every few seconds
 * (LOG_CHECKPOINT_SECONDS) it first backfills entries for what was stored before the log (until
 * nothing is left), then sequences the pending entries of committed writes into leaves and
 * nodes (append.ts), then, while the log has grown, signs a C2SP tlog-checkpoint of the committed size
 * and keeps it; any app server may do so, and two signing the same size produce the same note
 * (Ed25519 is deterministic), so no coordination is needed. Signing is never in a write's path,
 * so it never limits write throughput. When a time-stamp authority is configured, the newest
 * checkpoint is then sent to it (RFC 3161); a TSA that is down or slow only leaves a checkpoint
 * unstamped (visible in the API), and the next checkpoint is stamped when it answers again.
 */
import type { Kysely } from 'kysely';
import { formatCheckpointBody, signCheckpoint } from '../../crypto/tlog-checkpoint.js';
import { loadTimestamp } from '../../crypto/timestamp-loader.js';
import {
  insertCheckpoint,
  keptSigningKey,
  latestCheckpoint,
  logSize,
  setCheckpointTimestamp,
  type StoredCheckpoint,
} from '../db/repositories/receipt-log.js';
import type { Database } from '../db/schema.js';
import { rootAt, sequencePending } from './append.js';
import { backfillReceipts, type UploadSha256 } from './backfill.js';
import type { LogConfig, TsaConfig } from './log-config.js';
import { loadLogKey, logKeyFromText, type LogKey } from './log-key.js';

/** How long a TSA may take to answer before this checkpoint is left unstamped. */
const TSA_TIMEOUT_MS = 10_000;

export interface ReceiptLog {
  /** The key signing now: read again from the database when a rotation replaced it. */
  readonly key: LogKey;
  /** How often a checkpoint is signed while there are new leaves (LOG_CHECKPOINT_SECONDS). */
  readonly checkpointMs: number;
  /**
   * Signs a checkpoint of the committed log now if it has grown since the last one (then stamps
   * it when a TSA is set); resolves to the newest checkpoint. Tests call it instead of waiting.
   */
  checkpointNow(): Promise<StoredCheckpoint>;
  /** Stops the cadence, after the checkpoint in progress (if any). */
  close(): Promise<void>;
}

export async function openReceiptLog(
  db: Kysely<Database>,
  config: LogConfig,
  onError: (what: string, error: unknown) => void,
  options: {
    /** Backfill receipts for what was stored before the log (off only for the baseline). */
    readonly backfill?: boolean;
    /** Hashes a finished upload's stored blob, for the backfill. */
    readonly uploadSha256?: UploadSha256;
  } = {},
): Promise<ReceiptLog> {
  let key = await loadLogKey(db, config);
  // Until a run finds nothing left (every app server runs it; see backfill.ts).
  let backfilling = options.backfill ?? true;
  // One checkpoint at a time in this process; other app servers may sign at the same time.
  let running: Promise<StoredCheckpoint> | undefined;

  const newest = async (): Promise<StoredCheckpoint> => {
    const checkpoint = await latestCheckpoint(db);
    if (!checkpoint) throw new Error('no checkpoint was kept');
    return checkpoint;
  };

  const sign = async (): Promise<StoredCheckpoint> => {
    if (backfilling) {
      try {
        backfilling = (await backfillReceipts(db, options.uploadSha256, onError)) > 0;
      } catch (error) {
        onError('could not backfill receipts', error);
      }
    }
    await followRotation();
    await sequencePending(db);
    const size = await logSize(db);
    const before = await latestCheckpoint(db);
    // Signed again at the same size after a rotation, so the new origin's first checkpoint
    // comes at once rather than with the next write.
    if (!before || before.size < size || originOf(before.note) !== key.origin) {
      const rootHash = await rootAt(db, size);
      const note = await signCheckpoint({ origin: key.origin, size, rootHash }, key.signer);
      await insertCheckpoint(db, { size, rootHash, note });
    }
    const latest = await newest();
    if (!config.tsa || latest.timestamp) return latest;
    try {
      await stamp(db, config.tsa, originOf(latest.note), latest);
    } catch (error) {
      onError('the time-stamp authority did not countersign a checkpoint', error);
    }
    return newest();
  };

  /**
   * `npm run log:rotate` replaces a kept key in the database: every app server picks the new key
   * up here, before its next checkpoint, with no restart. (A key given by LOG_SIGNING_KEY changes
   * only when the servers restart with the new one.)
   */
  const followRotation = async (): Promise<void> => {
    if (config.signingKey !== undefined) return;
    const text = await keptSigningKey(db);
    if (text === null || text === key.text) return;
    try {
      key = await logKeyFromText(text, 'The receipt log key kept in the database', config);
    } catch (error) {
      onError('the rotated log key cannot be used; still signing with the old one', error);
    }
  };

  const checkpointNow = (): Promise<StoredCheckpoint> => {
    const next = (running ?? Promise.resolve()).catch(() => undefined).then(sign);
    running = next;
    return next;
  };

  const timer = setInterval(() => {
    checkpointNow().catch((error: unknown) => onError('could not sign a checkpoint', error));
  }, config.checkpointMs);
  timer.unref();
  // At start-up: backfill and sequence what an earlier run left, without delaying the start.
  checkpointNow().catch((error: unknown) => onError('could not sign a checkpoint', error));

  return {
    get key() {
      return key;
    },
    checkpointMs: config.checkpointMs,
    checkpointNow,
    close: async () => {
      clearInterval(timer);
      await running?.catch(() => undefined);
    },
  };
}

/** A signed checkpoint's origin: its first line. */
function originOf(note: string): string {
  return note.slice(0, note.indexOf('\n'));
}

/** Asks the TSA to countersign the checkpoint's body, checks its answer, and keeps the token. */
async function stamp(
  db: Kysely<Database>,
  tsa: TsaConfig,
  origin: string,
  checkpoint: StoredCheckpoint,
): Promise<void> {
  const message = new TextEncoder().encode(
    formatCheckpointBody({ origin, size: checkpoint.size, rootHash: checkpoint.rootHash }),
  );
  // Loaded only when a TSA is configured: pkijs is large, and most deployments never stamp.
  const { createTimeStampRequest, verifyTimeStampResponse } = await loadTimestamp();
  const { request, nonce } = await createTimeStampRequest(message);
  const response = await fetch(tsa.url, {
    method: 'POST',
    headers: { 'content-type': 'application/timestamp-query' },
    body: Buffer.from(request),
    signal: AbortSignal.timeout(TSA_TIMEOUT_MS),
  });
  if (!response.ok) throw new Error(`the TSA answered ${response.status}`);
  const reply = new Uint8Array(await response.arrayBuffer());
  const verified = await verifyTimeStampResponse(reply, {
    message,
    nonce,
    trustAnchors: tsa.trustAnchors,
  });
  await setCheckpointTimestamp(db, checkpoint.size, {
    token: verified.token,
    time: verified.genTime,
  });
}
