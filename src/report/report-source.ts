/**
 * What the report (src/report) draws on, loaded from the vault: every incident, person, place,
 * effect, evidence, risk check and safety plan record with every revision, decrypted and checked with its schema
 * (`loadReportSource`); then, for the records a report includes, what the bundle needs to prove
 * them (`sealForReport`): each revision's stored envelope, the record's own content key and the
 * receipt the server has for it. Pure: the vault's one API client and WebCrypto/libsodium, no DOM. (It lives in src/report, not
 * src/vault, because the vault layer may not import the report's types: eslint/layers.js.)
 *
 * A receipt the server has not made yet (`receipt_pending`) or never will (`receipt_unavailable`,
 * stored before receipts began) means "no receipt": the report says so, it is not a failure.
 */
import { fromBase64Url, openJson, recordKeyContext, unwrapKey } from '../crypto/index.js';
import { decodeReceiptLeaf } from '../crypto/checkpoint.js';
import { parseTlogProof } from '../crypto/tlog-proof.js';
import {
  isApiError,
  type LogKey,
  type ReceiptAnswer,
  type RecordResponse,
  type VaultApi,
} from '../vault/api.js';
import { EFFECT, INCIDENT, PERSON, PLACE, type Kind } from '../vault/diary-records.js';
import { EVIDENCE } from '../vault/evidence/evidence-records.js';
import { RecordShapeError } from '../vault/records.js';
import { RISK_CHECK, SAFETY_PLAN } from '../vault/safety-records.js';
import { wipeBestEffort } from '../vault/session.js';
import { loadAccountKeyPair, proveFiledStatement, WITNESS_STATEMENT } from '../vault/witnesses.js';
import type { WitnessStatementRecord } from '../domain/witness.js';
import type { BundleWitnessStatement, SealedRecord, SealedRevision } from './bundle.js';
import {
  current,
  type ReceiptSummary,
  type ReportRecord,
  type ReportRecords,
  type RecordRevision,
} from './input.js';

const PAGE_SIZE = 200;
const MAX_PAGES = 1000;
/** Requests in flight at once while fetching revisions and receipts. */
const PARALLEL = 6;

type AnyKind = Kind<unknown, never>;

/** The record groups of ReportRecords, with their vault kinds. */
const GROUPS = {
  incidents: INCIDENT,
  people: PERSON,
  places: PLACE,
  effects: EFFECT,
  evidence: EVIDENCE,
  riskChecks: RISK_CHECK,
  safetyPlan: SAFETY_PLAN,
  witnessStatements: WITNESS_STATEMENT,
} as const;
type Group = keyof typeof GROUPS;

/** One record as stored: its type, wrapped key and every revision's response. */
interface Stored {
  readonly id: string;
  readonly type: string;
  readonly wrappedKey: string;
  readonly revisions: readonly RecordResponse[];
}

export interface ReportSource {
  /** The decrypted records, every revision, oldest first (no receipts yet). */
  readonly records: ReportRecords;
  /** How many records could not be opened (left out of the report). */
  readonly unreadable: number;
  /** The stored form of each record read, by id: for `sealForReport`. */
  readonly stored: ReadonlyMap<string, Stored>;
}

export interface LoadProgress {
  /** Records read so far and how many there are. */
  (done: number, total: number): void;
}

/** Runs `work` over `items`, a few at a time, in order of completion. */
async function eachParallel<T>(
  items: readonly T[],
  work: (item: T) => Promise<void>,
  signal?: AbortSignal,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      signal?.throwIfAborted();
      const item = items[next++] as T;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, items.length) }, worker));
}

async function listAll(api: VaultApi, type: string): Promise<RecordResponse[]> {
  const all: RecordResponse[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await api.listRecords({
      type,
      limit: PAGE_SIZE,
      ...(cursor !== undefined ? { cursor } : {}),
    });
    all.push(...result.records);
    if (result.next === null) return all;
    cursor = result.next;
  }
  return all;
}

/**
 * Opens every revision of one record under its content key, checking each against the id, type
 * and revision the client expects. Throws when any revision does not open or fit its schema.
 */
async function openAll(
  accountKey: Uint8Array,
  stored: Stored,
  kind: AnyKind,
): Promise<ReportRecord<unknown>> {
  const key = await unwrapKey(
    accountKey,
    fromBase64Url(stored.wrappedKey),
    recordKeyContext(stored.id),
  );
  try {
    const revisions: RecordRevision<unknown>[] = [];
    for (const [i, response] of stored.revisions.entries()) {
      if (response.id !== stored.id || response.revision !== i + 1) {
        throw new RecordShapeError('the revisions are not 1, 2, 3… of this record');
      }
      const value = await openJson({
        key,
        recordId: stored.id,
        recordType: kind.type,
        revision: i + 1,
        envelope: fromBase64Url(response.ciphertext),
      });
      revisions.push({ revision: i + 1, savedAt: response.updatedAt, value: kind.parse(value) });
    }
    return { id: stored.id, revisions };
  } finally {
    wipeBestEffort(key);
  }
}

/**
 * Loads and decrypts everything a report may draw on, with every revision. A record that does
 * not open (or whose history is broken) is counted in `unreadable` and left out.
 *
 * @example const source = await loadReportSource(api, session.accountKey);
 * const model = buildReport(source.records, options);
 */
export async function loadReportSource(
  api: VaultApi,
  accountKey: Uint8Array,
  options: { readonly onProgress?: LoadProgress; readonly signal?: AbortSignal } = {},
): Promise<ReportSource> {
  const listed: { group: Group; response: RecordResponse }[] = [];
  for (const group of Object.keys(GROUPS) as Group[]) {
    options.signal?.throwIfAborted();
    for (const response of await listAll(api, GROUPS[group].type)) {
      if (response.type === GROUPS[group].type) listed.push({ group, response });
    }
  }
  const out: Record<Group, ReportRecord<unknown>[]> = {
    incidents: [],
    people: [],
    places: [],
    effects: [],
    evidence: [],
    riskChecks: [],
    safetyPlan: [],
    witnessStatements: [],
  };
  const stored = new Map<string, Stored>();
  const opened = new Map<string, ReportRecord<unknown>>();
  let unreadable = 0;
  let done = 0;
  await eachParallel(
    listed,
    async ({ group, response }) => {
      try {
        // A record never edited has one revision: the one already listed.
        const revisions =
          response.revision === 1 ? [response] : await api.listRevisions(response.id);
        const record: Stored = {
          id: response.id,
          type: response.type,
          wrappedKey: response.wrappedKey,
          revisions,
        };
        const last = revisions[revisions.length - 1];
        if (last === undefined || last.revision < response.revision) {
          throw new RecordShapeError('the history is shorter than the record');
        }
        opened.set(response.id, await openAll(accountKey, record, GROUPS[group]));
        stored.set(response.id, record);
      } catch (e) {
        if (options.signal?.aborted === true) throw e;
        unreadable++;
      }
      options.onProgress?.(++done, listed.length);
    },
    options.signal,
  );
  // Keep the server's (list) order, whatever order the requests finished in.
  for (const { group, response } of listed) {
    const record = opened.get(response.id);
    if (record !== undefined) out[group].push(record);
  }
  return { records: out as unknown as ReportRecords, unreadable, stored };
}

/** What the bundle needs besides the PDF: the sealed records and the log's identity. */
export interface SealedForReport {
  /** The records again, each included revision with its receipt (for the PDF's log). */
  readonly records: ReportRecords;
  /** The included records, in the order given, each with its content key and proofs. */
  readonly sealed: SealedRecord[];
  /** How many included revisions have no receipt (yet). */
  readonly withoutReceipt: number;
  readonly logKey: LogKey;
  /** The included witness statements as they arrived, with their proofs (§15.7). */
  readonly witnessStatements: BundleWitnessStatement[];
}

/**
 * For the included records (`ids`, e.g. a report model's recordIds, in that order): unwraps
 * each record's content key, fetches each revision's receipt, and pairs the stored envelopes
 * with the decrypted values. Incidents get their log number from their place in `ids.incidents`.
 *
 * @example const { sealed, records } = await sealForReport(api, key, source, model.recordIds);
 */
export async function sealForReport(
  api: VaultApi,
  accountKey: Uint8Array,
  source: ReportSource,
  ids: Readonly<Partial<Record<Group, readonly string[]>>>,
  options: { readonly onProgress?: LoadProgress; readonly signal?: AbortSignal } = {},
): Promise<SealedForReport> {
  const byId = new Map<string, ReportRecord<unknown>>();
  for (const group of Object.keys(GROUPS) as Group[]) {
    for (const r of (source.records[group] ?? []) as readonly ReportRecord<unknown>[]) {
      byId.set(r.id, r);
    }
  }
  const included: { group: Group; id: string; number?: number }[] = [];
  for (const group of Object.keys(GROUPS) as Group[]) {
    (ids[group] ?? []).forEach((id, i) =>
      included.push({ group, id, ...(group === 'incidents' ? { number: i + 1 } : {}) }),
    );
  }
  const jobs: { id: string; revision: number }[] = included.flatMap(({ id }) =>
    (source.stored.get(id)?.revisions ?? []).map((r) => ({ id, revision: r.revision })),
  );
  const receipts = new Map<string, { proof: string; leafIndex: number; receivedAt: string }>();
  let done = 0;
  await eachParallel(
    jobs,
    async ({ id, revision }) => {
      const receipt = await receiptOrNone(api, id, revision);
      if (receipt !== undefined) {
        receipts.set(`${id}/${String(revision)}`, {
          proof: receipt.proof,
          leafIndex: receipt.leafIndex,
          receivedAt: receivedAtOf(receipt.proof),
        });
      }
      options.onProgress?.(++done, jobs.length);
    },
    options.signal,
  );
  // Always: the cover names the log's key, and the bundle carries it.
  const logKey = await api.getLogKey();

  let withoutReceipt = 0;
  const sealed: SealedRecord[] = [];
  const withReceipts = new Map<string, ReportRecord<unknown>>();
  for (const { id, number } of included) {
    const stored = source.stored.get(id);
    const record = byId.get(id);
    if (stored === undefined || record === undefined) {
      throw new RecordShapeError(`record ${id} was not loaded`);
    }
    const contentKey = await unwrapKey(
      accountKey,
      fromBase64Url(stored.wrappedKey),
      recordKeyContext(id),
    );
    const revisions: SealedRevision[] = [];
    const reportRevisions: RecordRevision<unknown>[] = [];
    for (const [i, response] of stored.revisions.entries()) {
      const value = record.revisions[i];
      if (value === undefined) throw new RecordShapeError(`record ${id} lost a revision`);
      const envelope = fromBase64Url(response.ciphertext);
      const receipt = receipts.get(`${id}/${String(response.revision)}`);
      if (receipt === undefined) withoutReceipt++;
      const summary =
        receipt === undefined
          ? undefined
          : { receivedAt: receipt.receivedAt, leafIndex: receipt.leafIndex };
      revisions.push({
        revision: response.revision,
        savedAt: response.updatedAt,
        value: value.value,
        envelope,
        ...(receipt !== undefined && summary !== undefined
          ? { receipt: receipt.proof, receiptSummary: summary }
          : {}),
      });
      reportRevisions.push({ ...value, ...(summary !== undefined ? { receipt: summary } : {}) });
    }
    sealed.push({
      id,
      type: stored.type,
      contentKey,
      ...(number !== undefined ? { number } : {}),
      revisions,
    });
    withReceipts.set(id, { id, revisions: reportRevisions });
  }

  const witness = await proveWitnessStatements(
    api,
    accountKey,
    (ids.witnessStatements ?? []).flatMap((id) => {
      const r = byId.get(id) as ReportRecord<WitnessStatementRecord> | undefined;
      return r === undefined ? [] : [{ id, value: current(r).value }];
    }),
  );
  withoutReceipt += witness.withoutReceipt;

  const records = {
    ...(Object.fromEntries(
      (Object.keys(GROUPS) as Group[]).map((group) => [
        group,
        ((source.records[group] ?? []) as readonly ReportRecord<unknown>[]).map(
          (r) => withReceipts.get(r.id) ?? r,
        ),
      ]),
    ) as unknown as ReportRecords),
    witnessArrivals: witness.arrivals,
  };
  return { records, sealed, withoutReceipt, logKey, witnessStatements: witness.proofs };
}

/**
 * Each included witness statement as it arrived (`proveFiledStatement`): its sealed bytes, the
 * opening key of that one message and its arrival receipt. One the server no longer has is left
 * without (the verifier then names it); one without a receipt yet is counted.
 */
async function proveWitnessStatements(
  api: VaultApi,
  accountKey: Uint8Array,
  kept: readonly { id: string; value: WitnessStatementRecord }[],
): Promise<{
  proofs: BundleWitnessStatement[];
  arrivals: Record<string, ReceiptSummary>;
  withoutReceipt: number;
}> {
  const proofs: BundleWitnessStatement[] = [];
  const arrivals: Record<string, ReceiptSummary> = {};
  let withoutReceipt = 0;
  if (kept.length === 0) return { proofs, arrivals, withoutReceipt };
  const keyPair = await loadAccountKeyPair(api, accountKey);
  if (keyPair === undefined) return { proofs, arrivals, withoutReceipt: kept.length };
  try {
    for (const { id, value } of kept) {
      const proof = await proveFiledStatement(api, keyPair, value);
      if (proof === undefined) {
        withoutReceipt++;
        continue;
      }
      const summary =
        proof.receipt === undefined
          ? undefined
          : { receivedAt: receivedAtOf(proof.receipt.proof), leafIndex: proof.receipt.leafIndex };
      if (summary === undefined) withoutReceipt++;
      else arrivals[id] = summary;
      proofs.push({
        recordId: id,
        statementId: value.statementId,
        sealed: proof.sealed,
        openingKey: proof.openingKey,
        publicKey: proof.publicKey,
        ...(proof.receipt !== undefined && summary !== undefined
          ? { receipt: proof.receipt.proof, receiptSummary: summary }
          : {}),
      });
    }
  } finally {
    wipeBestEffort(keyPair.secretKey);
  }
  return { proofs, arrivals, withoutReceipt };
}

/** The receipt leaf's received-at time (ISO 8601); the verifier checks it against the proof. */
function receivedAtOf(proof: string): string {
  const { extra } = parseTlogProof(proof);
  if (extra === undefined) throw new RecordShapeError('the receipt has no receipt leaf');
  return new Date(decodeReceiptLeaf(extra).receivedAt).toISOString();
}

/** Wipes the content keys of sealed records (and witness opening keys) once the bundle is written (or abandoned). */
export function wipeSealed(
  sealed: readonly SealedRecord[],
  witness: readonly BundleWitnessStatement[] = [],
): void {
  for (const r of sealed) wipeBestEffort(r.contentKey);
  for (const w of witness) wipeBestEffort(w.openingKey);
}

/**
 * A revision's receipt, or undefined when there is none yet (`receipt_pending`) or none at all
 * (`receipt_unavailable`, written before receipts began): the bundle then says which parts lack
 * one; neither stops the report.
 */
async function receiptOrNone(
  api: VaultApi,
  id: string,
  revision: number,
): Promise<ReceiptAnswer | undefined> {
  try {
    return await api.getRevisionReceipt(id, revision);
  } catch (e) {
    if (isApiError(e, 'receipt_pending') || isApiError(e, 'receipt_unavailable')) return undefined;
    throw e;
  }
}
