/**
 * The report and the bundle made by the recipient of a share (docs/vault-protocol.md §14), from
 * what the share gave them: the same builders as the owner's report (`buildReport`,
 * `renderReportPdf`, `writeBundle`), fed by this file instead of `report-source.ts`.
 *
 * A share serves one revision of each record (the pinned one, or the current one of a kept-up-to-
 * date share), so each record here has that revision only; the bundle then says where it starts
 * (entries.json `firstRevision`) and the verifier notes that earlier revisions are not in it.
 * Receipts come from the share's own receipt route, for the revisions it serves. Pure: the vault's
 * one API client and WebCrypto/libsodium, no DOM.
 */
import { decodeReceiptLeaf } from '../crypto/checkpoint.js';
import { parseTlogProof } from '../crypto/tlog-proof.js';
import { isApiError, type LogKey, type ShareSession, type VaultApi } from '../vault/api.js';
import { EFFECT, INCIDENT, PERSON, PLACE, type Kind } from '../vault/diary-records.js';
import { EVIDENCE } from '../vault/evidence/evidence-records.js';
import { RISK_CHECK, SAFETY_PLAN } from '../vault/safety-records.js';
import { WITNESS_STATEMENT } from '../vault/witnesses.js';
import type { SealableSharedRecord, SharedRecordValue } from '../vault/shares.js';
import type { SealedRecord } from './bundle.js';
import type { ReportRecord, ReportRecords } from './input.js';

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
type AnyKind = Kind<unknown, never>;

/** Requests in flight at once while fetching receipts. */
const PARALLEL = 6;

export interface ShareReportSource {
  /** The shared records as the report reads them: one revision each (the served one). */
  readonly records: ReportRecords;
  /** Records that did not fit their type's schema (left out). */
  readonly unreadable: number;
}

/**
 * The shared records grouped as the report reads them, each checked with its type's schema.
 * `savedAt` (when the server stored the revision) is not served with a share: the share's
 * creation time stands in until a receipt gives the real one (`sealShareForReport`).
 */
export function shareReportSource(
  records: readonly SharedRecordValue[],
  sharedAt: string,
): ShareReportSource {
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
  let unreadable = 0;
  for (const record of records) {
    const group = (Object.keys(GROUPS) as Group[]).find((g) => GROUPS[g].type === record.type);
    if (group === undefined) continue;
    try {
      const value = (GROUPS[group] as AnyKind).parse(record.value);
      out[group].push({
        id: record.id,
        revisions: [{ revision: record.revision, savedAt: sharedAt, value }],
      });
    } catch {
      unreadable++;
    }
  }
  return { records: out as unknown as ReportRecords, unreadable };
}

export interface SealedShare {
  /** The records again, each included revision with its receipt (for the PDF's log). */
  readonly records: ReportRecords;
  /** The included records, each with its content key, served envelope and receipt. */
  readonly sealed: SealedRecord[];
  readonly withoutReceipt: number;
  readonly logKey: LogKey;
}

/**
 * For the records a report includes (`ids`, a model's recordIds): their served envelopes and
 * content keys (from the opened share) and each one's receipt from the share's receipt route.
 * A receipt not made yet, never made, or refused is "no receipt", never a failure.
 */
export async function sealShareForReport(
  api: VaultApi,
  share: { readonly shareId: string; readonly session: ShareSession },
  sealable: readonly SealableSharedRecord[],
  source: ShareReportSource,
  ids: Readonly<Partial<Record<Group, readonly string[]>>>,
): Promise<SealedShare> {
  const byId = new Map(sealable.map((r) => [r.id, r] as const));
  const included: { id: string; number?: number }[] = [];
  for (const group of Object.keys(GROUPS) as Group[]) {
    (ids[group] ?? []).forEach((id, i) =>
      included.push({ id, ...(group === 'incidents' ? { number: i + 1 } : {}) }),
    );
  }
  const receipts = new Map<string, { proof: string; leafIndex: number; receivedAt: string }>();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < included.length) {
      const { id } = included[next++] as { id: string };
      const record = byId.get(id);
      if (record === undefined) continue;
      const receipt = await receiptOrNone(api, share, id, record.revision);
      if (receipt !== undefined) receipts.set(id, receipt);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, included.length) }, worker));
  const logKey = await api.getLogKey();

  let withoutReceipt = 0;
  const sealed: SealedRecord[] = [];
  const withReceipts = new Map<string, ReportRecord<unknown>>();
  for (const { id, number } of included) {
    const record = byId.get(id);
    if (record === undefined) throw new Error(`record ${id} is not in the share`);
    const receipt = receipts.get(id);
    if (receipt === undefined) withoutReceipt++;
    const summary =
      receipt === undefined
        ? undefined
        : { receivedAt: receipt.receivedAt, leafIndex: receipt.leafIndex };
    const savedAt = summary?.receivedAt ?? findRevision(source, id)?.savedAt ?? '';
    sealed.push({
      id,
      type: record.type,
      contentKey: record.contentKey,
      ...(number !== undefined ? { number } : {}),
      revisions: [
        {
          revision: record.revision,
          savedAt,
          value: record.value,
          envelope: record.envelope,
          ...(receipt !== undefined && summary !== undefined
            ? { receipt: receipt.proof, receiptSummary: summary }
            : {}),
        },
      ],
    });
    const shown = findRevision(source, id);
    if (shown !== undefined) {
      withReceipts.set(id, {
        id,
        revisions: [{ ...shown, savedAt, ...(summary !== undefined ? { receipt: summary } : {}) }],
      });
    }
  }
  const records = Object.fromEntries(
    (Object.keys(GROUPS) as Group[]).map((group) => [
      group,
      ((source.records[group] ?? []) as readonly ReportRecord<unknown>[]).map(
        (r) => withReceipts.get(r.id) ?? r,
      ),
    ]),
  ) as unknown as ReportRecords;
  return { records, sealed, withoutReceipt, logKey };
}

function findRevision(source: ShareReportSource, id: string) {
  for (const group of Object.keys(GROUPS) as Group[]) {
    const found = ((source.records[group] ?? []) as readonly ReportRecord<unknown>[]).find(
      (r) => r.id === id,
    );
    if (found !== undefined) return found.revisions[0];
  }
  return undefined;
}

async function receiptOrNone(
  api: VaultApi,
  share: { readonly shareId: string; readonly session: ShareSession },
  id: string,
  revision: number,
): Promise<{ proof: string; leafIndex: number; receivedAt: string } | undefined> {
  try {
    const answer = await api.getShareRecordReceipt(share.shareId, share.session, id, revision);
    const { extra } = parseTlogProof(answer.proof);
    if (extra === undefined) return undefined;
    return {
      proof: answer.proof,
      leafIndex: answer.leafIndex,
      receivedAt: new Date(decodeReceiptLeaf(extra).receivedAt).toISOString(),
    };
  } catch (e) {
    if (
      isApiError(e, 'receipt_pending') ||
      isApiError(e, 'receipt_unavailable') ||
      isApiError(e, 'not_found')
    ) {
      return undefined;
    }
    throw e;
  }
}
