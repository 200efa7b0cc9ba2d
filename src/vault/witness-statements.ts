/**
 * Witness statements, the person's side once they arrive (docs/vault-protocol.md §15): opening
 * and checking the sealed statements from the server, keeping one as a `witness-statement`
 * record, the person's own part of it, listing the kept ones, proving one offline (§15.7) and
 * deleting it. Split from witnesses.ts (invitations and the key pair), which re-exports it.
 */
import {
  CryptoError,
  fromBase64Url,
  openSealed,
  sealedOpeningKey,
  sha256,
  toHex,
  utf8Decode,
  witnessStatementContext,
  type AccountKeyPair,
} from '../crypto/index.js';
import {
  WITNESS_STATEMENT_TYPE,
  witnessStatementRecordSchema,
  witnessStatementSchema,
  type WitnessStatement,
  type WitnessStatementRecord,
} from '../domain/witness.js';
import { isApiError, type ReceiptAnswer, type RecordResponse, type VaultApi } from './api.js';
import { loadAll, type Kind } from './diary-records.js';
import {
  RecordShapeError,
  sealNewRecord,
  sealRecordUpdate,
  type DecryptedRecord,
  type RevisionWatch,
} from './records.js';

export type WitnessErrorCode = 'statement_invalid' | 'note_invalid';

/** A statement or note that opens but is not what it should be (another invitation's, bad shape). */
export class WitnessError extends Error {
  override readonly name = 'WitnessError';
  constructor(
    readonly code: WitnessErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface OpenedStatement {
  readonly id: string;
  readonly invitationId: string;
  readonly receivedAt: string;
  readonly size: number;
  /** SHA-256 (hex) of the sealed bytes as served, which the receipt covers. */
  readonly sealedSha256: string;
  readonly statement: WitnessStatement;
}

export type StatementResult =
  | ({ readonly ok: true } & OpenedStatement)
  | {
      readonly ok: false;
      readonly id: string;
      readonly invitationId: string;
      readonly receivedAt: string;
    };

/**
 * Opens one sealed statement: it must open in its invitation's context, fit the schema, and name
 * that same invitation inside (else `statement_invalid`, or `decryption_failed`).
 */
export async function openWitnessStatement(
  keyPair: AccountKeyPair,
  sealed: {
    id: string;
    invitationId: string;
    receivedAt: string;
    size: number;
    ciphertext: string;
  },
): Promise<OpenedStatement> {
  const bytes = fromBase64Url(sealed.ciphertext);
  const plain = await openSealed(keyPair, bytes, witnessStatementContext(sealed.invitationId));
  let value: unknown;
  try {
    value = JSON.parse(utf8Decode(plain));
  } catch {
    throw new WitnessError('statement_invalid', 'the statement is not readable');
  }
  const parsed = witnessStatementSchema.safeParse(value);
  if (!parsed.success || parsed.data.invitationId !== sealed.invitationId) {
    throw new WitnessError('statement_invalid', 'the statement is not one of this invitation');
  }
  return {
    id: sealed.id,
    invitationId: sealed.invitationId,
    receivedAt: sealed.receivedAt,
    size: sealed.size,
    sealedSha256: toHex(await sha256(bytes)),
    statement: parsed.data,
  };
}

/**
 * Every statement on the server, opened (those that fail are listed as not ok, never dropped).
 * `skip` names statements already kept in the diary, which are not fetched again.
 */
export async function openWitnessStatements(
  api: VaultApi,
  keyPair: AccountKeyPair,
  skip: ReadonlySet<string> = new Set(),
): Promise<StatementResult[]> {
  const out: StatementResult[] = [];
  for (const summary of await api.listWitnessStatements()) {
    if (skip.has(summary.id)) continue;
    try {
      const sealed = await api.getWitnessStatement(summary.id);
      if (sealed.id !== summary.id || sealed.invitationId !== summary.invitationId) {
        throw new WitnessError('statement_invalid', 'the server sent another statement');
      }
      out.push({ ok: true, ...(await openWitnessStatement(keyPair, sealed)) });
    } catch (error) {
      if (error instanceof CryptoError || error instanceof WitnessError) {
        out.push({
          ok: false,
          id: summary.id,
          invitationId: summary.invitationId,
          receivedAt: summary.receivedAt,
        });
      } else {
        throw error;
      }
    }
  }
  return out;
}

function parser(value: unknown): WitnessStatementRecord {
  const result = witnessStatementRecordSchema.safeParse(value);
  if (!result.success) throw new RecordShapeError('the record does not fit its schema');
  return result.data;
}

/** The `witness-statement` record kind (diary-records.ts Kind). */
export const WITNESS_STATEMENT: Kind<WitnessStatementRecord, WitnessStatementRecord> = {
  type: WITNESS_STATEMENT_TYPE,
  parse: parser,
  check: parser,
};

/**
 * Keeps an opened statement in the diary: a `witness-statement` record with the statement as
 * sent and the person's own part beside it. Returns the record id.
 */
export async function fileWitnessStatement(
  api: VaultApi,
  accountKey: Uint8Array,
  opened: OpenedStatement,
  own: {
    incidentIds?: readonly string[];
    note?: string;
    /** The evidence items made from its files (`keepWitnessFiles`), when it has any. */
    evidenceIds?: readonly string[];
  } = {},
): Promise<string> {
  const value = WITNESS_STATEMENT.check({
    v: 1,
    statementId: opened.id,
    invitationId: opened.invitationId,
    receivedAt: opened.receivedAt,
    sealedSha256: opened.sealedSha256,
    statement: opened.statement,
    incidentIds: [...(own.incidentIds ?? [])],
    note: own.note ?? '',
    ...(own.evidenceIds !== undefined && own.evidenceIds.length > 0
      ? { evidenceIds: [...own.evidenceIds] }
      : {}),
  });
  const created = await api.createRecord(
    await sealNewRecord(accountKey, WITNESS_STATEMENT_TYPE, value),
  );
  return created.id;
}

/**
 * The person's own part of a kept statement (links to incidents, a note), as a new revision.
 * The witness's words are copied from the current revision, never from the caller.
 */
export async function updateFiledStatement(
  api: VaultApi,
  accountKey: Uint8Array,
  current: { record: DecryptedRecord<WitnessStatementRecord>; response: RecordResponse },
  own: { incidentIds: readonly string[]; note: string },
): Promise<void> {
  const value = WITNESS_STATEMENT.check({
    ...current.record.value,
    incidentIds: [...own.incidentIds],
    note: own.note,
  });
  if (JSON.stringify(value.statement) !== JSON.stringify(current.record.value.statement)) {
    throw new WitnessError('statement_invalid', 'the witness’s words cannot change');
  }
  await api.updateRecord(
    current.response.id,
    await sealRecordUpdate(accountKey, current.response, value),
  );
}

/**
 * Every statement kept in the diary, oldest first by when it arrived (what a report's "Witness
 * statements" section or a share reads), and how many could not be opened.
 */
export async function listFiledWitnessStatements(
  api: VaultApi,
  accountKey: Uint8Array,
  watch: RevisionWatch,
): Promise<{ records: DecryptedRecord<WitnessStatementRecord>[]; unreadable: number }> {
  const { records, unreadable } = await loadAll(api, accountKey, watch, WITNESS_STATEMENT);
  records.sort((a, b) => a.value.receivedAt.localeCompare(b.value.receivedAt));
  return { records, unreadable };
}

/** What proves a kept statement offline (§15.7): see `proveFiledStatement`. */
export interface StatementProof {
  /** The sealed bytes exactly as the server holds them (SHA-256 = the record's sealedSha256). */
  readonly sealed: Uint8Array;
  /** Opens this one sealed message and nothing else. */
  readonly openingKey: Uint8Array;
  readonly publicKey: Uint8Array;
  /** The log's receipt for the sealed bytes; undefined while pending or when there is none. */
  readonly receipt: ReceiptAnswer | undefined;
}

/**
 * For a report bundle: fetches a kept statement's sealed bytes, checks they are the ones the
 * record names (SHA-256) and that they open to the very words kept, then gives the opening key of
 * that message and its arrival receipt. Undefined when the server no longer has the statement,
 * or gives other bytes: the bundle then says its arrival is not proven.
 *
 * @example const proof = await proveFiledStatement(api, keyPair, record.value);
 */
export async function proveFiledStatement(
  api: VaultApi,
  keyPair: AccountKeyPair,
  kept: WitnessStatementRecord,
): Promise<StatementProof | undefined> {
  let served: Awaited<ReturnType<VaultApi['getWitnessStatement']>>;
  try {
    served = await api.getWitnessStatement(kept.statementId);
  } catch (error) {
    if (isApiError(error, 'not_found')) return undefined;
    throw error;
  }
  if (served.id !== kept.statementId || served.invitationId !== kept.invitationId) return undefined;
  const sealed = fromBase64Url(served.ciphertext);
  if (toHex(await sha256(sealed)) !== kept.sealedSha256) return undefined;
  const context = witnessStatementContext(kept.invitationId);
  try {
    const words = JSON.parse(utf8Decode(await openSealed(keyPair, sealed, context))) as unknown;
    if (JSON.stringify(witnessStatementSchema.parse(words)) !== JSON.stringify(kept.statement)) {
      return undefined;
    }
  } catch {
    return undefined;
  }
  const openingKey = await sealedOpeningKey(keyPair, sealed, context);
  let receipt: ReceiptAnswer | undefined;
  try {
    receipt = await api.getWitnessStatementReceipt(kept.statementId);
  } catch (error) {
    if (!isApiError(error, 'receipt_pending') && !isApiError(error, 'receipt_unavailable')) {
      throw error;
    }
  }
  return { sealed, openingKey, publicKey: keyPair.publicKey, receipt };
}

/**
 * Deletes a kept statement: the diary record (the person's copy and their note) and the sealed
 * statement on the server (so it is not offered again as new). Its receipt stays in the log, as
 * every receipt does: the log shows that something arrived then, never what it said.
 *
 * @example await deleteFiledStatement(api, record.id, record.value.statementId);
 */
export async function deleteFiledStatement(
  api: VaultApi,
  recordId: string,
  statementId: string,
): Promise<void> {
  try {
    await api.deleteWitnessStatement(statementId);
  } catch (error) {
    // Already gone from the server (deleted before, or the link was blocked): the record goes.
    if (!isApiError(error, 'not_found')) throw error;
  }
  await api.deleteRecord(recordId);
}
